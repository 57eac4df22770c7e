"""The request journal of a sandbox's mirror calls: list with filters, verify, clear."""

from __future__ import annotations

from flask import Response, jsonify, request

from mockads.control.blueprint import control
from mockads.control.responses import instruments, json_body, store
from mockads.schemas.journal import JournalQueryRequest, JournalVerifyRequest, journal_entry_data
from mockads.services import journal

_JOURNAL_QUERY = JournalQueryRequest()
_JOURNAL_VERIFY = JournalVerifyRequest()


@control.get("/sandboxes/<sandbox_id>/journal")
def journal_list(sandbox_id: str) -> Response:
    """Recorded calls that match the filters, newest last."""
    params = _JOURNAL_QUERY.load_params(request.args.to_dict())
    page = journal.journal_entries(store(), instruments(), sandbox_id, **params)
    return jsonify(
        {
            "entries": [journal_entry_data(entry) for entry in page.entries],
            "total": page.total,
            "dropped": page.dropped,
        }
    )


@control.delete("/sandboxes/<sandbox_id>/journal")
def journal_clear(sandbox_id: str) -> tuple[str, int]:
    """Forget every recorded call."""
    journal.clear_journal(store(), instruments(), sandbox_id)
    return "", 204


@control.post("/sandboxes/<sandbox_id>/journal/verify")
def journal_verify(sandbox_id: str) -> Response:
    """How many recorded calls match, which, and whether they were as many as expected."""
    found = journal.verify_calls(store(), instruments(), sandbox_id, **json_body(_JOURNAL_VERIFY))
    return jsonify(
        {
            "count": found.count,
            "matched": [journal_entry_data(entry) for entry in found.matched],
            "ok": found.ok,
        }
    )
