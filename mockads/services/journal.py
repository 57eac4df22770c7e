"""The request journal of a sandbox: record a mirror call, list and verify calls, clear."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mockads.domain import errors
from mockads.domain.clock import parse_time
from mockads.domain.faults import PathPattern, mirror_path
from mockads.domain.journal import JournalEntry, JournalQuery
from mockads.domain.model import SandboxRef
from mockads.services.access import clock_reading
from mockads.services.ports import Instruments, Store
from mockads.services.sandboxes import find_sandbox

__all__ = [
    "JournalPage",
    "Verification",
    "clear_journal",
    "journal_entries",
    "journal_query",
    "record_call",
    "verify_calls",
]


@dataclass(frozen=True, slots=True)
class JournalPage:
    """Entries that matched (the newest `limit` of them, oldest first), how many matched in
    all, and how many old entries the journal dropped to stay within its bound."""

    entries: list[JournalEntry]
    total: int
    dropped: int


@dataclass(frozen=True, slots=True)
class Verification:
    """The calls a verify query found; `ok` when they were as many as expected."""

    count: int
    matched: list[JournalEntry]
    ok: bool


def record_call(
    store: Store,
    instruments: Instruments,
    sandbox: SandboxRef,
    *,
    started: float,
    method: str,
    request_path: str,
    params: Mapping[str, Any] | None,
    size: int,
    code: int | None,
    message: str | None,
    http_status: int | None,
    request_id: str | None,
    fault_id: str | None,
) -> None:
    """Add a mirror call to its sandbox's journal, dated by the sandbox clock its handler read
    (one look-up of the clock when no handler ran: a fault answered, or no route matched)."""
    now = clock_reading()
    if now is None:
        try:
            now = find_sandbox(store, sandbox.sandbox_id).clock.now(started)
        except errors.NotFound:  # deleted while the call ran
            return
    entry = JournalEntry(
        seq=0,
        request_id=request_id,
        time=now,
        real_time=started,
        method=method,
        path=mirror_path(request_path),
        params=params,
        code=code,
        message=message,
        http_status=http_status,
        fault_id=fault_id,
        size=size,
    )
    instruments.record(sandbox.sandbox_id, entry)


def journal_query(
    *,
    path: str | None = None,
    method: str | None = None,
    code: int | None = None,
    since: str | None = None,
    until: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> JournalQuery:
    """A query from what a user wrote: a path or pattern, times in the API's format."""
    return JournalQuery(
        path=None if path is None else PathPattern.parse(path),
        method=method,
        code=code,
        since=_time(since, "since"),
        until=_time(until, "until"),
        params=params,
    )


def journal_entries(
    store: Store, instruments: Instruments, sandbox_id: str, limit: int, **filters: Any
) -> JournalPage:
    """The newest `limit` entries that match the filters (`journal_query`), oldest first."""
    find_sandbox(store, sandbox_id)
    query = journal_query(**filters)
    entries, dropped = instruments.journal(sandbox_id)
    matched = [entry for entry in entries if query.matches(entry)]
    return JournalPage(matched[-limit:] if limit else [], len(matched), dropped)


def verify_calls(
    store: Store,
    instruments: Instruments,
    sandbox_id: str,
    times: int | None = None,
    **filters: Any,
) -> Verification:
    """The calls that match the filters (`journal_query`); `ok` when there were exactly
    `times` (any, without `times`)."""
    find_sandbox(store, sandbox_id)
    query = journal_query(**filters)
    entries, _ = instruments.journal(sandbox_id)
    matched = [entry for entry in entries if query.matches(entry)]
    count = len(matched)
    return Verification(count, matched, count == times if times is not None else count > 0)


def clear_journal(store: Store, instruments: Instruments, sandbox_id: str) -> None:
    """Forget every recorded call of the sandbox."""
    find_sandbox(store, sandbox_id)
    instruments.clear_journal(sandbox_id)


def _time(text: str | None, field: str) -> float | None:
    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError:
        raise errors.InvalidParameter(field, "expected YYYY-MM-DD HH:MM:SS (UTC).") from None
