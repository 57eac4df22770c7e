"""The request journal: what the mirror was asked and what it answered, and how to find calls.

An entry records one mirror request of a sandbox: its parameters (the query of a GET, the JSON
body of a POST, a form's fields and its files' name, size and MD5), the outcome `code` and
`message`, the HTTP status, and the fault that answered it, if any. A query selects entries
by path pattern, method, code, sandbox time and parameters; parameters match as a subset.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mockads.domain.faults import PathPattern

__all__ = ["JournalEntry", "JournalQuery", "params_contain"]


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One mirror request: `time` by the sandbox clock, `real_time` by the machine's (both Unix
    seconds); `params` None when they were too large to keep; `http_status`, `code`,
    `message` and `request_id` None when a fault dropped the connection."""

    seq: int
    request_id: str | None
    time: float
    real_time: float
    method: str
    path: str
    params: Mapping[str, Any] | None
    code: int | None
    message: str | None
    http_status: int | None
    fault_id: str | None
    #: What the entry's parameters weigh against the journal's bound (their size on the wire).
    size: int = field(default=0, compare=False)

    def numbered(self, seq: int) -> JournalEntry:
        """This entry as number `seq` of its journal (cheaper than `dataclasses.replace`)."""
        return JournalEntry(
            seq,
            self.request_id,
            self.time,
            self.real_time,
            self.method,
            self.path,
            self.params,
            self.code,
            self.message,
            self.http_status,
            self.fault_id,
            self.size,
        )


@dataclass(frozen=True, slots=True)
class JournalQuery:
    """Which entries to select; every criterion given must hold. Times compare to the whole
    second, as the API writes them: `until` takes in the whole second it names."""

    path: PathPattern | None = None
    method: str | None = None
    code: int | None = None
    since: float | None = None
    until: float | None = None
    params: Mapping[str, Any] | None = None

    def matches(self, entry: JournalEntry) -> bool:
        """Whether an entry meets every criterion (`since` and `until` included)."""
        return (
            (self.path is None or self.path.matches(entry.path))
            and (self.method is None or entry.method == self.method)
            and (self.code is None or entry.code == self.code)
            and (self.since is None or int(entry.time) >= self.since)
            and (self.until is None or int(entry.time) <= self.until)
            and (self.params is None or params_contain(entry.params, self.params))
        )


def params_contain(actual: Any, expected: Any) -> bool:
    """Whether `actual` holds `expected`: objects as subsets (recursively), lists item by item
    with the same length, other values equal. A string also matches what it means as JSON, on
    either side: the query's `advertiser_ids=["1"]` holds `["1"]`, and `"7"` holds `7`."""
    if isinstance(expected, str) and not isinstance(actual, str):
        expected = _decoded(expected)
    if isinstance(expected, Mapping):
        actual = _decoded(actual)
        return isinstance(actual, Mapping) and all(
            key in actual and params_contain(actual[key], value) for key, value in expected.items()
        )
    if isinstance(expected, list):
        actual = _decoded(actual)
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(params_contain(a, e) for a, e in zip(actual, expected, strict=True))
        )
    if _same(actual, expected):
        return True
    return (
        isinstance(actual, str)
        and not isinstance(expected, str)
        and _same(_decoded(actual), expected)
    )


def _same(actual: Any, expected: Any) -> bool:
    """Equal, without taking `true` for 1: JSON booleans and numbers are different things."""
    if isinstance(actual, bool) or isinstance(expected, bool):
        return actual is expected
    if isinstance(actual, int | float) and isinstance(expected, int | float):
        return actual == expected
    return type(actual) is type(expected) and actual == expected


def _decoded(value: Any) -> Any:
    """A string's JSON value, or the value itself (a string that is not JSON stays text)."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
