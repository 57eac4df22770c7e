"""Control plane: the body of a new fault rule, and a rule as the control plane shows it."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, ValidationError, fields, validate

from mockads.domain.faults import MAX_LATENCY_MS, ArmedFault
from mockads.schemas.common import RequestSchema, StrictBoolean, StrictInteger, StrictNumber
from mockads.services.sandboxes import MAX_SEED

__all__ = ["FaultCreateRequest", "fault_data"]

METHODS = ("GET", "POST")


def _answerable_status(status: int) -> None:
    """200 (an error code in a normal answer) or a 4xx or 5xx status."""
    if status != 200 and not 400 <= status <= 599:
        raise ValidationError("must be 200 (with a code) or between 400 and 599.")


class FaultCreateRequest(RequestSchema):
    """Body of `POST /sandboxes/{sandbox_id}/faults`: unknown fields are refused, since a
    misspelt `times` would otherwise fault every call."""

    class Meta:
        unknown = RAISE

    path = fields.String(required=True, validate=validate.Length(min=1, max=200))
    method = fields.String(load_default=None, allow_none=False, validate=validate.OneOf(METHODS))
    code = StrictInteger(
        load_default=None, allow_none=False, validate=validate.Range(min=10000, max=99999)
    )
    message = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=500)
    )
    http_status = StrictInteger(load_default=None, allow_none=False, validate=_answerable_status)
    latency_ms = StrictInteger(
        load_default=None, allow_none=False, validate=validate.Range(min=0, max=MAX_LATENCY_MS)
    )
    drop_connection = StrictBoolean(load_default=False, allow_none=False)
    times = StrictInteger(
        load_default=None, allow_none=False, validate=validate.Range(min=1, max=1_000_000)
    )
    probability = StrictNumber(
        load_default=None,
        allow_none=False,
        allow_nan=False,
        validate=validate.Range(min=0, max=1, min_inclusive=False),
    )
    seed = StrictInteger(
        load_default=None, allow_none=False, validate=validate.Range(min=0, max=MAX_SEED)
    )


def fault_data(armed: ArmedFault) -> dict[str, Any]:
    """A rule with the answer it gives and its counters."""
    rule = armed.rule
    return {
        "fault_id": rule.fault_id,
        "path": rule.path.text,
        "method": rule.method,
        "latency_ms": rule.latency_ms,
        "drop_connection": rule.drop_connection,
        "code": rule.code,
        "message": rule.message,
        "http_status": rule.http_status,
        "times": rule.times,
        "probability": rule.probability,
        "seed": rule.seed,
        "matched": armed.matched,
        "applied": armed.applied,
        "remaining": armed.remaining,
    }
