"""Schemathesis fuzzes the contract against the WSGI app with all default checks.

The mirror answers bad input with HTTP 200 and a nonzero envelope `code`, as the real API does.
For mirror operations, three built-in checks that assume REST statuses (negative data → 4xx;
missing auth or a missing required header → 401/403/4xx) are replaced by
`negative_data_gets_an_error_envelope`, which demands more: negative data gets a nonzero
`code`, never a 5xx and never a success. API tests prove the token checks (40104/40105).
"""

from __future__ import annotations

from typing import Any

import schemathesis
from flask import Flask
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    positive_data_acceptance,
)

from mockads.app import create_app
from mockads.services.sandboxes import DEFAULT_SANDBOX_ID, get_sandbox
from mockads.settings import Settings
from tests.contract.harness import MIRROR, contract_schema

app: Flask = create_app(Settings(db="sqlite://"))
schema = contract_schema(app, max_examples=25)
_default = get_sandbox(app.extensions["mockads"].store, DEFAULT_SANDBOX_ID)
ACCESS_TOKEN = _default.sandbox.access_token
ADVERTISER_ID = _default.advertisers[0].advertiser_id


@schemathesis.check
def negative_data_gets_an_error_envelope(ctx: Any, response: Any, case: Any) -> None:
    """Mirror: every answer is an envelope, never a 5xx; invalid input gets a nonzero code.

    An envelope with code 0 for negative data goes through schemathesis's own
    `negative_data_rejection`, so its judgement of what counts as really invalid on the wire
    (e.g. a mutation that serialises to a valid value) is kept.
    """
    if not case.path.startswith(MIRROR) or response.request.method in ("HEAD", "OPTIONS"):
        return
    assert response.status_code < 500, f"server error {response.status_code}"
    body = response.json()
    assert set(body) >= {"code", "message", "request_id", "data"}, body
    if body["code"] == 0 and case.meta is not None and case.meta.generation.mode.is_negative:
        negative_data_rejection(ctx, response, case)


def _aim_at_the_default_advertiser(case: Any) -> None:
    """Positive cases use the sandbox's advertiser, so fuzzing reaches past the permission check."""
    if case.meta is None or case.meta.generation.mode.is_negative:
        return
    if isinstance(case.query, dict) and "advertiser_id" in case.query:
        case.query["advertiser_id"] = ADVERTISER_ID
    if isinstance(case.body, dict) and "advertiser_id" in case.body:
        case.body["advertiser_id"] = ADVERTISER_ID


def _token_unless_headers_are_the_negative_part(case: Any) -> dict[str, str] | None:
    """The sandbox's token, except where the case is about a missing or malformed header."""
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER):
        return None
    return {"Access-Token": ACCESS_TOKEN}


#: Fields a fault rule that fits the contract may still be refused for (400 naming them): the
#: path must name a path the mirror serves (the route table, which a pattern cannot list), and
#: the rules across fields (`build_rule`: a rule that does nothing, a dropped connection with an
#: answer, http_status 200 without a code, a message without a code, a code with no known
#: message, a seed without probability). tests/api/test_faults.py proves each refusal.
_FAULT_RULE_FIELDS = frozenset(
    {"path", "_schema", "drop_connection", "http_status", "message", "seed"}
)
_FAULT_CREATE = ("POST", "/_mockads/v1/sandboxes/{sandbox_id}/faults")


def _a_refused_fault_rule_names_the_rule_it_broke(response: Any) -> None:
    """Instead of `positive_data_acceptance` for fault rules: created, or refused naming why
    (400), or the sandbox is unknown (404) or full (409)."""
    if response.status_code == 201:
        return
    error = response.json()["error"]
    assert response.status_code in (400, 404, 409), response.status_code  # 409: 100 rules held
    if response.status_code == 400:
        assert error["code"] == "INVALID_PARAMETER", error
        assert error["details"]["field"] in _FAULT_RULE_FIELDS, error


#: Operations whose request body the contract describes by its top level only (a state
#: document's rows are checked column by column against the store's tables): a body that fits
#: the contract may still be refused, with 400 naming the row and column.
_TOP_LEVEL_ONLY = {("PUT", "/_mockads/v1/sandboxes/{sandbox_id}/state")}


@schema.parametrize()
def test_the_app_honours_its_contract(case: Any) -> None:
    if case.path_parameters and case.path_parameters.get("sandbox_id") == DEFAULT_SANDBOX_ID:
        # Deleting or resetting the sandbox the mirror cases use would starve them of data.
        case.path_parameters["sandbox_id"] = "fuzzed"
    if case.path.startswith(MIRROR):
        _aim_at_the_default_advertiser(case)
        case.call_and_validate(
            headers=_token_unless_headers_are_the_negative_part(case),
            excluded_checks=[negative_data_rejection, ignored_auth, missing_required_header],
        )
    elif (case.method.upper(), case.path) in _TOP_LEVEL_ONLY:
        case.call_and_validate(excluded_checks=[negative_data_rejection, positive_data_acceptance])
    elif (case.method.upper(), case.path) == _FAULT_CREATE:
        response = case.call_and_validate(
            excluded_checks=[negative_data_rejection, positive_data_acceptance]
        )
        if case.meta is not None and not case.meta.generation.mode.is_negative:
            _a_refused_fault_rule_names_the_rule_it_broke(response)
    else:
        case.call_and_validate(excluded_checks=[negative_data_rejection])
