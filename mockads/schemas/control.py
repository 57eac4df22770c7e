"""Control plane: request schemas and response data for sandboxes and clocks."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

from mockads.domain.clock import Clock
from mockads.domain.errors import InvalidParameter
from mockads.schemas.common import (
    RequestSchema,
    StrictBoolean,
    StrictInteger,
    StrictNumber,
    time_text,
)
from mockads.services.sandboxes import MAX_SEED, SandboxSummary

__all__ = [
    "ClockUpdateRequest",
    "SandboxCreateRequest",
    "check_sandbox_id",
    "clock_data",
    "sandbox_data",
]

#: `\Z`, not `$`: `$` also matches before a final newline.
_NAME = validate.Regexp(
    r"^[A-Za-z0-9_.-]{1,64}\Z", error="use 1-64 letters, digits, '_', '.', '-'."
)


class SandboxCreateRequest(RequestSchema):
    """Body of `POST /sandboxes`."""

    scenario = fields.String(
        load_default="default", allow_none=False, validate=validate.Length(min=1, max=64)
    )
    seed = StrictInteger(load_default=1, validate=validate.Range(min=0, max=MAX_SEED))
    name = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=200)
    )
    sandbox_id = fields.String(load_default=None, allow_none=False, validate=_NAME)
    access_token = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=16, max=64)
    )


class ClockUpdateRequest(RequestSchema):
    """Body of `POST /sandboxes/{sandbox_id}/clock`."""

    advance_seconds = StrictNumber(
        load_default=None,
        allow_none=False,
        allow_nan=False,
        validate=validate.Range(min=0, max=100 * 365 * 86_400),
    )
    set_to = fields.String(load_default=None, allow_none=False, data_key="set")
    frozen = StrictBoolean(load_default=None, allow_none=False)


def check_sandbox_id(sandbox_id: str) -> None:
    """Refuse a sandbox id `POST /sandboxes` would refuse (InvalidParameter)."""
    try:
        _NAME(sandbox_id)
    except ValidationError as error:
        raise InvalidParameter("sandbox_id", " ".join(error.messages)) from None


def clock_data(now: float, clock: Clock) -> dict[str, Any]:
    """A clock as the control plane shows it."""
    return {"now": time_text(now), "now_unix": round(now, 3), "frozen": clock.frozen_at is not None}


def sandbox_data(summary: SandboxSummary) -> dict[str, Any]:
    """A sandbox summary: everything needed to start calling the mirror."""
    sandbox = summary.sandbox
    return {
        "sandbox_id": sandbox.sandbox_id,
        "name": sandbox.name,
        "scenario": sandbox.scenario,
        "seed": sandbox.seed,
        "access_token": sandbox.access_token,
        "created_at": time_text(sandbox.created_at),
        "clock": clock_data(summary.now, sandbox.clock),
        "advertiser_ids": [a.advertiser_id for a in summary.advertisers],
        "apps": [
            {
                "app_id": app.app_id,
                "name": app.name,
                "secret": app.secret,
                "redirect_uris": list(app.redirect_uris),
            }
            for app in summary.apps
        ],
        "business_centers": [
            {"bc_id": bc.bc_id, "name": bc.name, "advertiser_ids": list(bc.advertiser_ids)}
            for bc in summary.business_centers
        ],
        "identities": [
            {
                "identity_id": i.identity_id,
                "identity_type": i.identity_type.value,
                "display_name": i.display_name,
                "advertiser_id": i.advertiser_id,
            }
            for i in summary.identities
        ],
        "creators": [
            {"creator_id": c.creator_id, "handle": c.handle, "display_name": c.display_name}
            for c in summary.creators
        ],
        "sample_codes": [
            {
                "auth_code": c.auth_code,
                "item_id": c.item_id,
                "creator_handle": c.creator_handle,
                "ad_auth_status": c.ad_auth_status.value,
                "linked": c.linked,
                "auth_end_time": time_text(c.auth_end_time),
                "case": c.case,
                "linked_advertiser_id": c.linked_advertiser_id,
            }
            for c in summary.sample_codes
        ],
        "failing_examples": summary.failing_examples,
    }
