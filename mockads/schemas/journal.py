"""Control plane: journal filters, the verify body, and an entry as the control plane shows it."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, fields, validate

from mockads.domain.journal import JournalEntry
from mockads.schemas.common import RequestSchema, StrictInteger, time_text
from mockads.schemas.faults import METHODS

__all__ = ["JournalQueryRequest", "JournalVerifyRequest", "journal_entry_data"]

_PATH = validate.Length(min=1, max=200)
_TIME = validate.Length(min=1, max=40)


class JournalQueryRequest(RequestSchema):
    """Query of `GET /sandboxes/{sandbox_id}/journal`."""

    path = fields.String(load_default=None, allow_none=False, validate=_PATH)
    method = fields.String(load_default=None, allow_none=False, validate=validate.OneOf(METHODS))
    code = fields.Integer(load_default=None, allow_none=False)
    since = fields.String(load_default=None, allow_none=False, validate=_TIME)
    until = fields.String(load_default=None, allow_none=False, validate=_TIME)
    limit = fields.Integer(load_default=1000, validate=validate.Range(min=1, max=100_000))


class JournalVerifyRequest(RequestSchema):
    """Body of `POST /sandboxes/{sandbox_id}/journal/verify` (unknown fields refused)."""

    class Meta:
        unknown = RAISE

    path = fields.String(required=True, validate=_PATH)
    method = fields.String(load_default=None, allow_none=False, validate=validate.OneOf(METHODS))
    params = fields.Dict(keys=fields.String(), load_default=None, allow_none=False)
    code = StrictInteger(load_default=None, allow_none=False)
    since = fields.String(load_default=None, allow_none=False, validate=_TIME)
    until = fields.String(load_default=None, allow_none=False, validate=_TIME)
    times = StrictInteger(
        load_default=None, allow_none=False, validate=validate.Range(min=0, max=1_000_000)
    )


def journal_entry_data(entry: JournalEntry) -> dict[str, Any]:
    """One recorded call."""
    return {
        "seq": entry.seq,
        "request_id": entry.request_id,
        "time": time_text(entry.time),
        "real_time": round(entry.real_time, 6),
        "method": entry.method,
        "path": entry.path,
        "params": entry.params,
        "code": entry.code,
        "message": entry.message,
        "http_status": entry.http_status,
        "fault_id": entry.fault_id,
    }
