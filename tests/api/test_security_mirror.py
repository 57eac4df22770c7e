"""The security matrix of the mirror: for every operation of the contract under `/open_api/v1.3/`,
a sandbox's token reaches its own sandbox only, and a call without a valid token is refused.

Three sandboxes live for the module: the caller (seed 1), its twin (seed 1 too, so every id of
its scenario collides with the caller's) and a stranger (seed 2: other ids). Each operation is
called as its recipe says (`tests/api/security_mirror.py`); an operation without a recipe fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mockads import contract
from mockads.testing import CONTROL, Sandbox
from tests.api.security_mirror import (
    ADVERTISER,
    APP_CREDENTIAL_OPERATIONS,
    APP_CREDENTIALS,
    MIRROR_PREFIX,
    MULTIPART_ONLY,
    RECIPES,
    Recipe,
    documented_parameters,
    fill,
    mirror_operations,
    placeholders,
    prepare,
    send,
    sensitive_strings,
    unchanged,
)

OPERATIONS = mirror_operations()
WRITES = [operation for operation in OPERATIONS if not operation.startswith("GET ")]
#: The operations that take an Access-Token (the app's own calls take its credentials).
WITH_TOKEN = [operation for operation in OPERATIONS if operation not in APP_CREDENTIAL_OPERATIONS]
UNKNOWN_TOKEN = "0" * 40


@dataclass
class Party:
    """A sandbox in the matrix: the helper, the value of each placeholder, and the ids, codes
    and tokens only it holds (`secrets`, filled in once the other parties exist)."""

    sandbox: Sandbox
    values: dict[str, str]
    secrets: frozenset[str] = frozenset()

    @property
    def token(self) -> str:
        return self.sandbox.access_token


def _party(app: Flask, seed: int) -> Iterator[Party]:
    client = app.test_client()
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": seed})
    assert response.status_code == 201, response.get_data(as_text=True)
    sandbox = Sandbox(client, response.get_json())
    yield Party(sandbox, prepare(sandbox))
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def _frozen(party: Party) -> Party:
    """A party whose clock stands still, so that nothing in it changes by itself."""
    party.sandbox.step("POST", "/clock", {"frozen": True})
    return party


@pytest.fixture(scope="module")
def caller(mockads_app: Flask) -> Iterator[Party]:
    """The sandbox whose token makes the calls (seed 1)."""
    yield from _party(mockads_app, 1)


@pytest.fixture(scope="module")
def twin(mockads_app: Flask, caller: Party) -> Iterator[Party]:
    """Another sandbox of the same scenario and seed: its scenario's ids are the caller's ids
    (what it made since, its Smart+ objects, has ids of its own)."""
    for party in _party(mockads_app, 1):
        own = sensitive_strings(caller.sandbox, caller.values)
        party.secrets = frozenset(sensitive_strings(party.sandbox, party.values) - own)
        yield _frozen(party)


@pytest.fixture(scope="module")
def stranger(mockads_app: Flask, caller: Party) -> Iterator[Party]:
    """Another sandbox of another seed; `secrets`: what it holds and the caller does not."""
    for party in _party(mockads_app, 2):
        own = sensitive_strings(caller.sandbox, caller.values)
        party.secrets = frozenset(sensitive_strings(party.sandbox, party.values) - own)
        yield _frozen(party)


@pytest.fixture
def fresh_caller(mockads_app: Flask) -> Iterator[Party]:
    """A caller of seed 1 of the test's own, for calls that must succeed and change it."""
    yield from _party(mockads_app, 1)


@pytest.fixture(scope="module")
def deleted_token(mockads_app: Flask) -> str:
    """The access token of a sandbox that was deleted."""
    for party in _party(mockads_app, 3):
        token = party.token
    return token


def _recipe(operation: str) -> Recipe:
    recipe = RECIPES.get(operation)
    if recipe is None:
        pytest.fail(
            f"{operation} has no recipe: say how the security matrix calls it in "
            "tests/api/security_mirror.py (RECIPES)"
        )
    return recipe


def _assert_nothing_of(other: Party, body: dict[str, Any], sent: dict[str, Any]) -> None:
    """No id, code or token of `other` in the answer. A refusal may echo what was sent (the
    40001 message names the advertiser asked for); a success's data may not even do that."""
    if body["code"] == 0:
        text, allowed = json.dumps(body["data"]), set()
    else:
        text, allowed = json.dumps(body), set(json.dumps(sent).split('"'))
    leaked = {secret for secret in other.secrets - allowed if secret in text}
    assert not leaked, f"the answer holds the other sandbox's {sorted(leaked)}: {text[:500]}"


# -- every route has a recipe that says what the contract says ----------------------------------


def test_every_mirror_route_the_app_serves_is_in_the_matrix(mockads_app: Flask) -> None:
    served = {
        f"{method} {path}/"
        for method, path in contract.app_routes(mockads_app)
        if path.startswith(MIRROR_PREFIX.rstrip("/"))
    }
    assert served == set(OPERATIONS)
    assert served - set(RECIPES) == set(), "routes the security matrix cannot call yet"


@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_recipe_sends_the_parameters_the_contract_documents(operation: str) -> None:
    recipe = _recipe(operation)
    shapes = documented_parameters(operation)
    for params in (recipe.params, *recipe.probes):
        fits = [names for names, required in shapes if required <= set(params) <= names]
        assert fits, f"{sorted(params)} fits none of the documented shapes {shapes}"


def test_the_twin_holds_the_callers_ids_and_the_stranger_others(
    caller: Party, twin: Party, stranger: Party
) -> None:
    made_since = ("smart_plus_", "app_secret", "oauth_code", "app_access_token")
    scenario_ids = {k: v for k, v in caller.values.items() if not k.startswith(made_since)}
    assert {k: twin.values[k] for k in scenario_ids} == scenario_ids
    assert all(stranger.values[k] != v for k, v in caller.values.items())
    assert len(stranger.secrets) > 50
    assert twin.values["smart_plus_ad_id"] != caller.values["smart_plus_ad_id"]
    assert twin.values["smart_plus_ad_id"] in twin.secrets
    assert twin.values["app_id"] == caller.values["app_id"]  # one seed: one app id, ...
    assert twin.values["app_secret"] in twin.secrets  # ... but each sandbox's own secret


# -- a token reaches its own sandbox only ------------------------------------------------------


@pytest.mark.parametrize("operation", WITH_TOKEN)  # the app's own calls: FOREIGN_OBJECTS
def test_a_token_reaches_only_its_sandbox(
    client: FlaskClient, caller: Party, stranger: Party, operation: str
) -> None:
    """Asked with the caller's token for the stranger's advertiser and objects: 40001 where
    the call names an advertiser, 40101 where it names the stranger's app, and nothing of the
    stranger in any answer."""
    recipe = _recipe(operation)
    for template in (recipe.params, *recipe.probes):
        params = fill(template, stranger.values)
        with unchanged(caller.sandbox, stranger.sandbox):
            body = send(client, operation, params, caller.token)
        _assert_nothing_of(stranger, body, params)
        named = placeholders(template)
        expected = 40001 if ADVERTISER in named else 40101 if APP_CREDENTIALS & named else 0
        assert body["code"] == expected, body


FOREIGN_OBJECTS = [
    pytest.param(operation, name, id=f"{operation} {name}")
    for operation in OPERATIONS
    if operation in RECIPES
    for name in sorted(
        set().union(
            *(placeholders(t) for t in (RECIPES[operation].params, *RECIPES[operation].probes))
        )
        - {ADVERTISER}
    )
]


@pytest.mark.parametrize(("operation", "placeholder"), FOREIGN_OBJECTS)
def test_a_token_cannot_name_another_sandboxs_object(
    client: FlaskClient,
    caller: Party,
    twin: Party,
    stranger: Party,
    operation: str,
    placeholder: str,
) -> None:
    """The caller's own advertiser with one object of the stranger (and of the twin, where its
    id differs from the caller's): a write is refused, a read refuses or finds nothing, and no
    answer shows anything of the other sandbox."""
    recipe = _recipe(operation)
    templates = [t for t in (recipe.params, *recipe.probes) if placeholder in placeholders(t)]
    others = [p for p in (stranger, twin) if p.values[placeholder] != caller.values[placeholder]]
    assert stranger in others
    for other in others:
        for template in templates:
            params = fill(template, caller.values, others={placeholder: other.values[placeholder]})
            with unchanged(caller.sandbox, other.sandbox):
                body = send(client, operation, params, caller.token)
            _assert_nothing_of(other, body, params)
            if operation in WRITES:
                assert body["code"] != 0, body


# -- without a valid token nothing is reached --------------------------------------------------


def _refused(client: FlaskClient, caller: Party, operation: str, token: str | None) -> int:
    """The code of the caller's own valid call sent with `token` instead (nothing may change)."""
    with unchanged(caller.sandbox):
        body = send(client, operation, fill(_recipe(operation).params, caller.values), token)
    assert body["data"] == {}, body
    return int(body["code"])


@pytest.mark.parametrize("operation", WITH_TOKEN)
def test_a_call_without_a_token_gets_40104(
    client: FlaskClient, caller: Party, operation: str
) -> None:
    assert _refused(client, caller, operation, None) == 40104


@pytest.mark.parametrize("operation", WITH_TOKEN)
def test_a_call_with_an_unknown_token_gets_40105(
    client: FlaskClient, caller: Party, operation: str
) -> None:
    assert _refused(client, caller, operation, UNKNOWN_TOKEN) == 40105


@pytest.mark.parametrize("operation", WITH_TOKEN)
def test_a_call_with_a_deleted_sandboxs_token_gets_40105(
    client: FlaskClient, caller: Party, deleted_token: str, operation: str
) -> None:
    assert _refused(client, caller, operation, deleted_token) == 40105


# -- a write changes its own sandbox only ------------------------------------------------------


@pytest.mark.parametrize("other", ["same seed", "other seed"])
@pytest.mark.parametrize("operation", sorted(set(WRITES) - MULTIPART_ONLY))
def test_a_write_in_one_sandbox_changes_nothing_in_another(
    client: FlaskClient,
    fresh_caller: Party,
    twin: Party,
    stranger: Party,
    operation: str,
    other: str,
) -> None:
    """The caller's own write succeeds; the other sandbox, even one whose ids are the same,
    is as it was."""
    target = twin if other == "same seed" else stranger
    params = fill(_recipe(operation).params, fresh_caller.values)
    with unchanged(target.sandbox):
        body = send(client, operation, params, fresh_caller.token)
    assert (body["code"], body["message"]) == (0, "OK"), body
    _assert_nothing_of(stranger, body, params)
