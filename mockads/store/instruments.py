"""Faults and the request journal, kept in this process's memory (like WireMock's).

One lock guards everything: each operation holds it for a few dictionary or deque steps, so
waitress's threads never wait long. A request to a sandbox without faults pays one dictionary
look-up; a journal entry is one append. Several server processes on one database each keep
their own (a future `--workers` mode will move both into the database).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from mockads.domain import errors
from mockads.domain.faults import ArmedFault, FaultRule
from mockads.domain.journal import JournalEntry
from mockads.domain.model import SandboxRef

__all__ = ["JOURNAL_MAX_BYTES", "JOURNAL_MAX_ENTRIES", "MemoryInstruments"]

#: The journal keeps a sandbox's latest entries: at most this many...
JOURNAL_MAX_ENTRIES = 10_000
#: ...whose parameters weigh at most this much on the wire together.
JOURNAL_MAX_BYTES = 32 * 1024 * 1024


@dataclass
class _Journal:
    entries: deque[JournalEntry] = field(default_factory=deque)
    next_seq: int = 1
    size: int = 0
    dropped: int = 0


class MemoryInstruments:
    """Fault rules, journals and the token → sandbox cache of one process."""

    def __init__(
        self, max_entries: int = JOURNAL_MAX_ENTRIES, max_bytes: int = JOURNAL_MAX_BYTES
    ) -> None:
        self.max_entries = max(0, max_entries)  # 0 keeps nothing (and only counts the dropped)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._tokens: dict[str, SandboxRef] = {}
        self._faults: dict[str, list[ArmedFault]] = {}
        self._fault_ids: dict[str, int] = {}
        self._journals: dict[str, _Journal] = {}

    # -- who is calling --------------------------------------------------------------------

    def sandbox_of(self, access_token: str) -> SandboxRef | None:
        """The sandbox a token was seen to open, if it was."""
        return self._tokens.get(access_token)

    def remember(self, access_token: str, sandbox: SandboxRef) -> None:
        """Cache the sandbox a token opens (tokens never change)."""
        with self._lock:
            self._tokens[access_token] = sandbox

    def forget(self, sandbox_id: str) -> None:
        """A deleted sandbox: its faults, journal and cached tokens go."""
        with self._lock:
            self._clear(sandbox_id)
            for token in [t for t, ref in self._tokens.items() if ref.sandbox_id == sandbox_id]:
                del self._tokens[token]

    def clear(self, sandbox_id: str) -> None:
        """A reset sandbox: faults (their ids start again) and journal go; its token stays."""
        with self._lock:
            self._clear(sandbox_id)

    def _clear(self, sandbox_id: str) -> None:
        self._faults.pop(sandbox_id, None)
        self._fault_ids.pop(sandbox_id, None)
        self._journals.pop(sandbox_id, None)

    # -- faults ----------------------------------------------------------------------------

    def add_fault(
        self, sandbox_id: str, make: Callable[[str], FaultRule], limit: int
    ) -> ArmedFault:
        """A new rule from `make(fault_id)`, after the sandbox's others. A rule `make` refuses,
        or one past `limit`, changes nothing (not even the next id)."""
        with self._lock:
            rules = self._faults.get(sandbox_id, [])
            if len(rules) >= limit:
                raise errors.Conflict(f"faults: a sandbox holds at most {limit} rules.")
            number = self._fault_ids.get(sandbox_id, 0) + 1
            armed = ArmedFault(make(f"fault_{number}"))
            self._fault_ids[sandbox_id] = number
            self._faults[sandbox_id] = [*rules, armed]
            return replace(armed)

    def faults(self, sandbox_id: str) -> list[ArmedFault]:
        """The sandbox's rules in creation order, with their counters as they are now."""
        with self._lock:
            return [replace(armed) for armed in self._faults.get(sandbox_id, [])]

    def remove_fault(self, sandbox_id: str, fault_id: str) -> bool:
        """Remove one rule; whether it existed."""
        with self._lock:
            rules = self._faults.get(sandbox_id, [])
            kept = [armed for armed in rules if armed.rule.fault_id != fault_id]
            if len(kept) == len(rules):
                return False
            self._faults[sandbox_id] = kept
            return True

    def clear_faults(self, sandbox_id: str) -> None:
        """Remove every rule of the sandbox (ids go on from where they were)."""
        with self._lock:
            self._faults.pop(sandbox_id, None)

    def fault_for(self, sandbox_id: str, method: str, path: str) -> FaultRule | None:
        """The rule that applies to this call: the first, in creation order, that matches and
        fires. Every live rule the call reaches counts it."""
        if not self._faults.get(sandbox_id):  # the usual case: no lock, one look-up
            return None
        with self._lock:
            for armed in self._faults.get(sandbox_id, []):
                if armed.consider(method, path):
                    return armed.rule
        return None

    # -- journal ---------------------------------------------------------------------------

    def record(self, sandbox_id: str, entry: JournalEntry) -> None:
        """Append an entry (numbered here); the oldest go once the journal is over its bound."""
        with self._lock:
            journal = self._journals.get(sandbox_id)
            if journal is None:
                journal = self._journals[sandbox_id] = _Journal()
            journal.entries.append(entry.numbered(journal.next_seq))
            journal.next_seq += 1
            journal.size += entry.size
            while len(journal.entries) > self.max_entries or (
                journal.size > self.max_bytes and len(journal.entries) > 1
            ):
                journal.size -= journal.entries.popleft().size
                journal.dropped += 1

    def journal(self, sandbox_id: str) -> tuple[list[JournalEntry], int]:
        """The entries kept, oldest first, and how many older ones were dropped."""
        with self._lock:
            journal = self._journals.get(sandbox_id)
            if journal is None:
                return [], 0
            return list(journal.entries), journal.dropped

    def clear_journal(self, sandbox_id: str) -> None:
        """Empty the sandbox's journal (numbering and the dropped count start again)."""
        with self._lock:
            self._journals.pop(sandbox_id, None)
