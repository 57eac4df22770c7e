"""Faults and request journals kept in the database, for `serve --workers N`.

With one process, faults and journals live in its memory (`store/instruments.py`). Worker
processes share only the database, so there each sandbox's rules, their counters and its journal
are rows: a rule added through one worker fires on a call another worker answers, `times` counts
calls across all of them, and every call lands in one journal, numbered in the order the workers
recorded them. Each change runs in a writing transaction holding the sandbox's instruments lock
(SQLite: its one writer; PostgreSQL: an advisory lock of its own, so calls never wait for the
sandbox's world writers). Tokens are looked up in the database on every call (a token cached in
one process would outlive a sandbox another process deleted).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace

from sqlalchemy import bindparam, delete, func, insert, select, update

from mockads.domain import errors
from mockads.domain.faults import ArmedFault, FaultRule, PathPattern
from mockads.domain.journal import JournalEntry
from mockads.domain.model import SandboxRef
from mockads.store.instruments import JOURNAL_MAX_BYTES, JOURNAL_MAX_ENTRIES
from mockads.store.locks import lock_sandbox
from mockads.store.prepared import PreparedQuery
from mockads.store.sql import SqlStore
from mockads.store.tables import fault_rules, instrument_counters, journal_entries
from mockads.store.transaction import Transaction

__all__ = ["SharedInstruments"]

_FAULT_ID = re.compile(r"fault_(\d{1,9})")
_RULE_COUNT = PreparedQuery(
    select(func.count()).where(fault_rules.c.sandbox_id == bindparam("sid"))
)
_RULES = PreparedQuery(
    select(fault_rules.c.number, fault_rules.c.rule, fault_rules.c.matched, fault_rules.c.applied)
    .where(fault_rules.c.sandbox_id == bindparam("sid"))
    .order_by(fault_rules.c.number)
)
_COUNTERS = PreparedQuery(
    select(
        instrument_counters.c.next_fault,
        instrument_counters.c.next_seq,
        instrument_counters.c.kept,
        instrument_counters.c.size,
        instrument_counters.c.dropped,
    ).where(instrument_counters.c.sandbox_id == bindparam("sid"))
)
_ENTRIES = PreparedQuery(
    select(journal_entries.c.seq, journal_entries.c.entry, journal_entries.c.size)
    .where(journal_entries.c.sandbox_id == bindparam("sid"))
    .order_by(journal_entries.c.seq)
)
_OLDEST = (
    select(journal_entries.c.seq, journal_entries.c.size)
    .where(journal_entries.c.sandbox_id == bindparam("sid"))
    .order_by(journal_entries.c.seq)
    .limit(bindparam("count"))
)


def _rule_json(rule: FaultRule) -> str:
    values = asdict(rule)
    values["path"] = rule.path.text
    return json.dumps(values, sort_keys=True)


def _rule(text: str) -> FaultRule:
    values = json.loads(text)
    values["path"] = PathPattern(values["path"])
    return FaultRule(**values)


def _entry_json(entry: JournalEntry) -> str:
    values = asdict(entry)
    del values["seq"], values["size"]
    return json.dumps(values, sort_keys=True)


def _entry(seq: int, text: str, size: int) -> JournalEntry:
    return JournalEntry(seq=seq, size=size, **json.loads(text))


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

    @contextmanager
    def _writing(self, sandbox_id: str) -> Iterator[Transaction]:
        with self._store.transaction() as transaction:
            lock_sandbox(transaction, f"instruments:{sandbox_id}")
            yield transaction

    # -- who is calling --------------------------------------------------------------------

    def sandbox_of(self, access_token: str) -> SandboxRef | None:
        """Never known here: the caller reads the token's sandbox from the database."""
        return None

    def remember(self, access_token: str, sandbox: SandboxRef) -> None:
        """Nothing to remember (see `sandbox_of`)."""

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

    def _counters(self, transaction: Transaction, sandbox_id: str) -> list[int]:
        """[next_fault, next_seq, kept, size, dropped], made on first use."""
        row = _COUNTERS.first(transaction, {"sid": sandbox_id})
        if row is not None:
            return [int(value) for value in row]
        counters = {"next_fault": 0, "next_seq": 1, "kept": 0, "size": 0, "dropped": 0}
        transaction.connection.execute(
            insert(instrument_counters).values(sandbox_id=sandbox_id, **counters)
        )
        return list(counters.values())

    def _store_counters(
        self, transaction: Transaction, sandbox_id: str, counters: list[int]
    ) -> None:
        next_fault, next_seq, kept, size, dropped = counters
        transaction.connection.execute(
            update(instrument_counters)
            .where(instrument_counters.c.sandbox_id == sandbox_id)
            .values(next_fault=next_fault, next_seq=next_seq, kept=kept, size=size, dropped=dropped)
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
            counters = self._counters(transaction, sandbox_id)
            number = counters[0] + 1
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
            counters[0] = number
            self._store_counters(transaction, sandbox_id, counters)
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
        fires. Every live rule the call reaches counts it (in every worker's view)."""
        with self._store.transaction(read_only=True) as transaction:  # the usual case: none
            if not _RULE_COUNT.all(transaction, {"sid": sandbox_id})[0][0]:
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
        """Append an entry (numbered here); the oldest go once the journal is over its bound."""
        with self._writing(sandbox_id) as transaction:
            counters = self._counters(transaction, sandbox_id)
            _, seq, kept, size, dropped = counters
            transaction.connection.execute(
                insert(journal_entries).values(
                    sandbox_id=sandbox_id, seq=seq, size=entry.size, entry=_entry_json(entry)
                )
            )
            kept, size = kept + 1, size + entry.size
            while kept > self.max_entries or (size > self.max_bytes and kept > 1):
                excess = max(kept - self.max_entries, 1)
                oldest = transaction.connection.execute(
                    _OLDEST, {"sid": sandbox_id, "count": excess}
                ).all()
                for old_seq, old_size in oldest:
                    transaction.connection.execute(
                        delete(journal_entries).where(
                            journal_entries.c.sandbox_id == sandbox_id,
                            journal_entries.c.seq == old_seq,
                        )
                    )
                    kept, size, dropped = kept - 1, size - old_size, dropped + 1
            counters[1:] = [seq + 1, kept, size, dropped]
            self._store_counters(transaction, sandbox_id, counters)

    def journal(self, sandbox_id: str) -> tuple[list[JournalEntry], int]:
        """The entries kept, oldest first, and how many older ones were dropped."""
        with self._store.transaction(read_only=True) as transaction:
            counters = _COUNTERS.first(transaction, {"sid": sandbox_id})
            if counters is None:
                return [], 0
            rows = _ENTRIES.all(transaction, {"sid": sandbox_id})
        return [_entry(int(seq), text, int(size)) for seq, text, size in rows], int(counters[4])

    def clear_journal(self, sandbox_id: str) -> None:
        """Empty the sandbox's journal (numbering and the dropped count start again)."""
        with self._writing(sandbox_id) as transaction:
            transaction.connection.execute(
                delete(journal_entries).where(journal_entries.c.sandbox_id == sandbox_id)
            )
            counters = self._counters(transaction, sandbox_id)
            counters[1:] = [1, 0, 0, 0]
            self._store_counters(transaction, sandbox_id, counters)
