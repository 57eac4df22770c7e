"""Faults and request journals kept in the database, for `serve --workers N`.

With one process, faults and journals live in its memory (`store/instruments.py`). Worker
processes share only the database, so there each sandbox's rules, their counters and its journal
are rows: a rule added through one worker fires on a call another worker answers, `times` counts
calls across all of them, and every call lands in one journal.

Every mirror call pays for this, so the common path is short. One read finds the token's sandbox
and whether it has any rule (tokens are not cached: a token cached in one process would outlive
a sandbox another process deleted); only a sandbox with rules takes its instruments lock to
count the call. Recording a call is one insert, on SQLite in autocommit (`SqlStore.insert`), and
a journal entry is not worth a disk flush (PostgreSQL commits it without one, SQLite's WAL never
flushes a commit). The journal's bound is applied whenever it is read, and while recording only
once in TRIM_EVERY entries or for a heavy one: applying it ranks all the sandbox's entries (some
milliseconds at 10,000), so between two trims a journal may hold up to about TRIM_EVERY more
entries and `max_bytes` more weight than its bound, which no reader ever sees. Entries are
numbered at reading, `dropped` plus their rank, so a number never changes once given.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update

from mockads.domain import errors
from mockads.domain.faults import ArmedFault, FaultRule, PathPattern
from mockads.domain.journal import JournalEntry
from mockads.domain.model import SandboxRef
from mockads.store.instruments import JOURNAL_MAX_BYTES, JOURNAL_MAX_ENTRIES
from mockads.store.locks import lock_sandbox
from mockads.store.prepared import PreparedQuery
from mockads.store.sql import SqlStore
from mockads.store.tables import fault_rules, instrument_counters, journal_entries, sandboxes
from mockads.store.transaction import Transaction

__all__ = ["SharedInstruments"]

#: Recording applies the journal's bound once every this many entries (of all sandboxes), and
#: after an entry heavier than `max_bytes / TRIM_EVERY`.
TRIM_EVERY = 1024
_FAULT_ID = re.compile(r"fault_(\d{1,9})")
_SANDBOX_OF_TOKEN = PreparedQuery(
    select(
        sandboxes.c.sandbox_id,
        sandboxes.c.seed,
        select(func.count())
        .where(fault_rules.c.sandbox_id == sandboxes.c.sandbox_id)
        .scalar_subquery(),
    ).where(sandboxes.c.access_token == bindparam("access_token"))
)
_RULES = PreparedQuery(
    select(fault_rules.c.number, fault_rules.c.rule, fault_rules.c.matched, fault_rules.c.applied)
    .where(fault_rules.c.sandbox_id == bindparam("sid"))
    .order_by(fault_rules.c.number)
)
_COUNTERS = PreparedQuery(
    select(instrument_counters.c.next_fault, instrument_counters.c.dropped).where(
        instrument_counters.c.sandbox_id == bindparam("sid")
    )
)
_ENTRIES = PreparedQuery(
    select(journal_entries.c.entry, journal_entries.c.size)
    .where(journal_entries.c.sandbox_id == bindparam("sid"))
    .order_by(journal_entries.c.entry_id)
)
_NEWEST_FIRST = journal_entries.c.entry_id.desc()
#: Each entry of a sandbox with how many entries, and what weight, it and the newer ones hold.
_RANKED = (
    select(
        journal_entries.c.entry_id,
        func.row_number().over(order_by=_NEWEST_FIRST).label("entries"),
        func.sum(journal_entries.c.size)
        .over(order_by=_NEWEST_FIRST, rows=(None, 0))
        .label("weight"),
    )
    .where(journal_entries.c.sandbox_id == bindparam("sid"))
    .subquery()
)
#: The journal's bound, in one statement: drop every entry that, kept with all newer ones, would
#: make the journal too long or (unless it is the newest) too heavy; the oldest go first.
_DROP_OLDEST = delete(journal_entries).where(
    journal_entries.c.sandbox_id == bindparam("sid"),
    journal_entries.c.entry_id
    <= select(func.max(_RANKED.c.entry_id))
    .where(
        or_(
            _RANKED.c.entries > bindparam("max_entries"),
            and_(_RANKED.c.weight > bindparam("max_bytes"), _RANKED.c.entries > 1),
        )
    )
    .scalar_subquery(),
)
_RECORD = "INSERT INTO journal_entries (sandbox_id, size, entry) VALUES (?, ?, ?)"


def _rule_json(rule: FaultRule) -> str:
    values = asdict(rule)
    values["path"] = rule.path.text
    return json.dumps(values, sort_keys=True)


def _rule(text: str) -> FaultRule:
    values = json.loads(text)
    values["path"] = PathPattern(values["path"])
    return FaultRule(**values)


def _entry_json(entry: JournalEntry) -> str:
    """The entry but its number and weight (kept in columns), as JSON."""
    values = {
        "code": entry.code,
        "fault_id": entry.fault_id,
        "http_status": entry.http_status,
        "message": entry.message,
        "method": entry.method,
        "params": entry.params,
        "path": entry.path,
        "real_time": entry.real_time,
        "request_id": entry.request_id,
        "time": entry.time,
    }
    return json.dumps(values, sort_keys=True)


class SharedInstruments:
    """Fault rules and journals per sandbox in the store's database (the `Instruments` port)."""

    def __init__(
        self,
        store: SqlStore,
        max_entries: int = JOURNAL_MAX_ENTRIES,
        max_bytes: int = JOURNAL_MAX_BYTES,
    ) -> None:
        self._store = store
        self.max_entries = max(0, max_entries)
        self.max_bytes = max_bytes
        #: The sandbox this thread's call just found without rules (see `fault_for`).
        self._call = threading.local()

    @contextmanager
    def _writing(self, sandbox_id: str) -> Iterator[Transaction]:
        with self._store.transaction() as transaction:
            lock_sandbox(transaction, f"instruments:{sandbox_id}")
            yield transaction

    # -- who is calling --------------------------------------------------------------------

    def sandbox_of(self, access_token: str) -> SandboxRef | None:
        """The sandbox the token opens, read now, and (for this thread's `fault_for`) whether
        it has fault rules; None for a token that opens none."""
        self._call.without_rules = None
        if "\x00" in access_token:
            return None
        with self._store.transaction(read_only=True, one_read=True) as transaction:
            row = _SANDBOX_OF_TOKEN.first(transaction, {"access_token": access_token})
        if row is None:
            return None
        sandbox_id, seed, rules = row
        self._call.without_rules = None if rules else sandbox_id
        return SandboxRef(sandbox_id, seed)

    def remember(self, access_token: str, sandbox: SandboxRef) -> None:
        """Nothing to remember: `sandbox_of` reads the database every time."""

    def forget(self, sandbox_id: str) -> None:
        """A deleted sandbox: its faults and journal go."""
        self.clear(sandbox_id)

    def clear(self, sandbox_id: str) -> None:
        """A reset sandbox: faults (their ids start again) and journal go."""
        with self._writing(sandbox_id) as transaction:
            for table in (fault_rules, journal_entries, instrument_counters):
                transaction.connection.execute(
                    delete(table).where(table.c.sandbox_id == sandbox_id)
                )

    def _counters(self, transaction: Transaction, sandbox_id: str) -> tuple[int, int]:
        """(next_fault, dropped), the row made on first use."""
        row = _COUNTERS.first(transaction, {"sid": sandbox_id})
        if row is not None:
            return int(row[0]), int(row[1])
        transaction.connection.execute(
            insert(instrument_counters).values(sandbox_id=sandbox_id, next_fault=0, dropped=0)
        )
        return 0, 0

    def _set_counters(self, transaction: Transaction, sandbox_id: str, **values: int) -> None:
        self._counters(transaction, sandbox_id)
        transaction.connection.execute(
            update(instrument_counters)
            .where(instrument_counters.c.sandbox_id == sandbox_id)
            .values(**values)
        )

    # -- faults ----------------------------------------------------------------------------

    def add_fault(
        self, sandbox_id: str, make: Callable[[str], FaultRule], limit: int
    ) -> ArmedFault:
        """A new rule from `make(fault_id)`, after the sandbox's others. A rule `make` refuses,
        or one past `limit`, changes nothing (not even the next id)."""
        with self._writing(sandbox_id) as transaction:
            connection = transaction.connection
            count = connection.execute(
                select(func.count()).where(fault_rules.c.sandbox_id == sandbox_id)
            ).scalar_one()
            if count >= limit:
                raise errors.Conflict(f"faults: a sandbox holds at most {limit} rules.")
            number = self._counters(transaction, sandbox_id)[0] + 1
            armed = ArmedFault(make(f"fault_{number}"))
            connection.execute(
                insert(fault_rules).values(
                    sandbox_id=sandbox_id,
                    number=number,
                    rule=_rule_json(armed.rule),
                    matched=0,
                    applied=0,
                )
            )
            self._set_counters(transaction, sandbox_id, next_fault=number)
            return replace(armed)

    def faults(self, sandbox_id: str) -> list[ArmedFault]:
        """The sandbox's rules in creation order, with their counters as they are now."""
        with self._store.transaction(read_only=True) as transaction:
            rows = _RULES.all(transaction, {"sid": sandbox_id})
        return [ArmedFault(_rule(rule), matched, applied) for _, rule, matched, applied in rows]

    def remove_fault(self, sandbox_id: str, fault_id: str) -> bool:
        """Remove one rule; whether it existed."""
        found = _FAULT_ID.fullmatch(fault_id)
        if found is None:
            return False
        with self._writing(sandbox_id) as transaction:
            removed = transaction.connection.execute(
                delete(fault_rules).where(
                    fault_rules.c.sandbox_id == sandbox_id,
                    fault_rules.c.number == int(found.group(1)),
                )
            )
            return bool(removed.rowcount)

    def clear_faults(self, sandbox_id: str) -> None:
        """Remove every rule of the sandbox (ids go on from where they were)."""
        with self._writing(sandbox_id) as transaction:
            transaction.connection.execute(
                delete(fault_rules).where(fault_rules.c.sandbox_id == sandbox_id)
            )

    def fault_for(self, sandbox_id: str, method: str, path: str) -> FaultRule | None:
        """The rule that applies to this call: the first, in creation order, that matches and
        fires. Every live rule the call reaches counts it, whichever worker answers."""
        if getattr(self._call, "without_rules", None) == sandbox_id:  # the usual case
            self._call.without_rules = None
            return None
        with self._writing(sandbox_id) as transaction:
            for number, rule, matched, applied in _RULES.all(transaction, {"sid": sandbox_id}):
                armed = ArmedFault(_rule(rule), matched, applied)
                fired = armed.consider(method, path)
                if armed.matched != matched:
                    transaction.connection.execute(
                        update(fault_rules)
                        .where(
                            fault_rules.c.sandbox_id == sandbox_id,
                            fault_rules.c.number == number,
                        )
                        .values(matched=armed.matched, applied=armed.applied)
                    )
                if fired:
                    return armed.rule
        return None

    # -- journal ---------------------------------------------------------------------------

    def record(self, sandbox_id: str, entry: JournalEntry) -> None:
        """Append an entry; now and then, the oldest go once the journal is over its bound."""
        params = (sandbox_id, entry.size, _entry_json(entry))
        entry_id = self._store.insert(_RECORD, params, key="entry_id", flush=False)
        if entry_id % TRIM_EVERY == 0 or entry.size * TRIM_EVERY > self.max_bytes:
            with self._writing(sandbox_id) as transaction:
                self._trim(transaction, sandbox_id)

    def _trim(self, transaction: Transaction, sandbox_id: str) -> int:
        """Drop the oldest entries until the journal is within its bounds (the newest always
        stays within the weight); how many were dropped before and now, together."""
        dropped = self._counters(transaction, sandbox_id)[1]
        bounds = {"sid": sandbox_id, "max_entries": self.max_entries, "max_bytes": self.max_bytes}
        gone = transaction.connection.execute(_DROP_OLDEST, bounds).rowcount
        if gone:
            dropped += gone
            self._set_counters(transaction, sandbox_id, dropped=dropped)
        return dropped

    def journal(self, sandbox_id: str) -> tuple[list[JournalEntry], int]:
        """The entries kept, oldest first, and how many older ones were dropped."""
        with self._writing(sandbox_id) as transaction:
            dropped = self._trim(transaction, sandbox_id)
            rows = _ENTRIES.all(transaction, {"sid": sandbox_id})
        entries = [
            JournalEntry(seq=dropped + rank, size=int(size), **json.loads(text))
            for rank, (text, size) in enumerate(rows, start=1)
        ]
        return entries, dropped

    def clear_journal(self, sandbox_id: str) -> None:
        """Empty the sandbox's journal (numbering and the dropped count start again)."""
        with self._writing(sandbox_id) as transaction:
            transaction.connection.execute(
                delete(journal_entries).where(journal_entries.c.sandbox_id == sandbox_id)
            )
            self._set_counters(transaction, sandbox_id, dropped=0)
