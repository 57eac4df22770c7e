"""Faults and journals, in memory and in a database (`serve --workers`): order of rules,
refusals that change nothing, the journal's bound, what reset and delete forget, and counting
under concurrent calls. Every behaviour holds for both; the token cache is memory's alone."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from mockads.domain.errors import Conflict, InvalidParameter
from mockads.domain.faults import PathPattern, build_rule
from mockads.domain.journal import JournalEntry
from mockads.domain.model import SandboxRef
from mockads.store import create_store
from mockads.store.instruments import MemoryInstruments
from mockads.store.shared_instruments import TRIM_EVERY, SharedInstruments
from mockads.store.tables import journal_entries

SBX = "sbx_a"
POSTGRES_URL = os.environ.get("MOCKADS_TEST_POSTGRES_URL")


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def new(request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """Makes instruments of one kind: in memory, or in a SQLite or PostgreSQL database."""
    if request.param == "memory":
        yield MemoryInstruments
        return
    if request.param == "sqlite":
        store = create_store("sqlite://")
    elif POSTGRES_URL:
        store = create_store(POSTGRES_URL)
    else:
        pytest.skip("set MOCKADS_TEST_POSTGRES_URL to run against PostgreSQL")

    def make(**limits: int) -> SharedInstruments:
        instruments = SharedInstruments(store, **limits)
        for sandbox_id in (SBX, "sbx_b"):
            instruments.clear(sandbox_id)
        return instruments

    yield make
    store.dispose()


def maker(path: str = "tt_video/info/", **spec):
    spec.setdefault("code", 50000)
    return lambda fault_id: build_rule(
        fault_id, path=PathPattern.parse(path), sandbox_seed=1, **spec
    )


def call(size: int = 0, path: str = "tt_video/info/") -> JournalEntry:
    return JournalEntry(0, None, 1.0, 1.0, "GET", path, {}, 0, "OK", 200, None, size)


def test_rule_ids_number_the_sandbox_rules_in_order(new):
    instruments = new()
    ids = [instruments.add_fault(SBX, maker(), 10).rule.fault_id for _ in range(3)]
    assert ids == ["fault_1", "fault_2", "fault_3"]
    assert instruments.add_fault("sbx_b", maker(), 10).rule.fault_id == "fault_1"


def test_a_refused_rule_leaves_no_trace_not_even_an_id(new):
    instruments = new()
    with pytest.raises(InvalidParameter):
        instruments.add_fault(SBX, maker(code=None), 10)
    assert instruments.faults(SBX) == []
    assert instruments.add_fault(SBX, maker(), 10).rule.fault_id == "fault_1"


def test_rules_past_the_limit_are_refused(new):
    instruments = new()
    for _ in range(2):
        instruments.add_fault(SBX, maker(), 2)
    with pytest.raises(Conflict):
        instruments.add_fault(SBX, maker(), 2)
    assert len(instruments.faults(SBX)) == 2


def test_the_first_rule_in_creation_order_that_matches_answers(new):
    instruments = new()
    instruments.add_fault(SBX, maker("tt_video/*", code=40100, times=1), 10)
    instruments.add_fault(SBX, maker("tt_video/info/", code=50002), 10)
    first = instruments.fault_for(SBX, "GET", "tt_video/info/")
    second = instruments.fault_for(SBX, "GET", "tt_video/info/")
    assert (first and first.code, second and second.code) == (40100, 50002)


def test_a_rule_whose_draw_says_no_passes_the_call_to_the_next(new):
    instruments = new()
    instruments.add_fault(SBX, maker(code=40100, probability=0.5), 10)
    instruments.add_fault(SBX, maker(code=50002), 10)
    codes = [instruments.fault_for(SBX, "GET", "tt_video/info/").code for _ in range(40)]
    assert set(codes) == {40100, 50002}
    first, second = instruments.faults(SBX)
    assert first.matched == 40 and first.applied == codes.count(40100)
    assert second.matched == second.applied == codes.count(50002)


def test_listed_rules_are_copies_that_later_calls_do_not_change(new):
    instruments = new()
    instruments.add_fault(SBX, maker(), 10)
    (listed,) = instruments.faults(SBX)
    instruments.fault_for(SBX, "GET", "tt_video/info/")
    assert listed.matched == 0 and instruments.faults(SBX)[0].matched == 1


def test_concurrent_calls_fault_exactly_times_calls(new):
    instruments = new()
    instruments.add_fault(SBX, maker(times=50), 10)
    faulted = []
    barrier = threading.Barrier(8)

    def caller() -> None:
        barrier.wait()
        for _ in range(25):
            if instruments.fault_for(SBX, "GET", "tt_video/info/") is not None:
                faulted.append(1)

    threads = [threading.Thread(target=caller) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(faulted) == 50
    assert instruments.faults(SBX)[0].matched == 50


def test_the_journal_numbers_entries_and_drops_the_oldest_past_its_length(new):
    instruments = new(max_entries=3)
    for _ in range(5):
        instruments.record(SBX, call())
    entries, dropped = instruments.journal(SBX)
    assert [e.seq for e in entries] == [3, 4, 5] and dropped == 2


@pytest.mark.parametrize("limit", [0, -5])
def test_a_journal_limited_to_nothing_keeps_nothing_and_counts_it(new, limit):
    instruments = new(max_entries=limit)
    instruments.record(SBX, call())
    assert instruments.journal(SBX) == ([], 1)


def test_the_journal_drops_the_oldest_past_its_weight_but_keeps_the_newest(new):
    instruments = new(max_bytes=100)
    for size in (40, 40, 40, 500):
        instruments.record(SBX, call(size))
    entries, dropped = instruments.journal(SBX)
    assert [e.seq for e in entries] == [4] and dropped == 3


def test_clearing_the_journal_starts_its_numbering_again(new):
    instruments = new()
    instruments.record(SBX, call())
    instruments.clear_journal(SBX)
    instruments.record(SBX, call())
    assert [e.seq for e in instruments.journal(SBX)[0]] == [1]


def test_a_reset_forgets_faults_ids_and_journal_but_keeps_the_token():
    instruments = MemoryInstruments()
    instruments.remember("tok", SandboxRef(SBX, 1))
    instruments.add_fault(SBX, maker(), 10)
    instruments.record(SBX, call())
    instruments.clear(SBX)
    assert instruments.faults(SBX) == [] and instruments.journal(SBX) == ([], 0)
    assert instruments.add_fault(SBX, maker(), 10).rule.fault_id == "fault_1"
    assert instruments.sandbox_of("tok") == SandboxRef(SBX, 1)


def test_a_deleted_sandbox_loses_its_cached_tokens_too():
    instruments = MemoryInstruments()
    instruments.remember("tok", SandboxRef(SBX, 1))
    instruments.remember("other", SandboxRef("sbx_b", 2))
    instruments.forget(SBX)
    assert instruments.sandbox_of("tok") is None
    assert instruments.sandbox_of("other") == SandboxRef("sbx_b", 2)


def test_a_reset_in_the_database_forgets_faults_ids_and_journal(new):
    instruments = new()
    instruments.add_fault(SBX, maker(), 10)
    instruments.record(SBX, call())
    instruments.clear(SBX)
    assert instruments.faults(SBX) == [] and instruments.journal(SBX) == ([], 0)
    assert instruments.add_fault(SBX, maker(), 10).rule.fault_id == "fault_1"


def test_rules_and_journals_in_the_database_are_seen_by_every_process_using_it(tmp_path):
    """Two stores on one file stand for two worker processes."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    one, two = (SharedInstruments(create_store(url)) for _ in range(2))
    one.add_fault(SBX, maker(times=3), 10)
    answered = [two.fault_for(SBX, "GET", "tt_video/info/"), one.fault_for(SBX, "GET", "x/")]
    assert [rule and rule.fault_id for rule in answered] == ["fault_1", None]
    one.record(SBX, call())
    two.record(SBX, call(path="ad/get/"))
    assert [(e.seq, e.path) for e in one.journal(SBX)[0]] == [(1, "tt_video/info/"), (2, "ad/get/")]
    assert two.faults(SBX)[0].remaining == 2
    assert two.remove_fault(SBX, "fault_1") and one.faults(SBX) == []


def test_instruments_in_the_database_never_cache_a_token():
    instruments = SharedInstruments(create_store("sqlite://"))
    instruments.remember("tok", SandboxRef(SBX, 1))
    assert instruments.sandbox_of("tok") is None


def test_a_journal_entry_comes_back_from_the_database_as_it_was_recorded():
    instruments = SharedInstruments(create_store("sqlite://"))
    entry = JournalEntry(
        0,
        "2026x",
        12.5,
        13.25,
        "POST",
        "ad/create/",
        {"a": [1, {"b": None}]},
        40002,
        "m",
        200,
        "fault_2",
        17,
    )
    instruments.record(SBX, entry)
    ((kept,), dropped) = instruments.journal(SBX)
    assert (kept, kept.size, dropped) == (entry.numbered(1), 17, 0)


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Any]:
    """A store on a database file, or on PostgreSQL, with SBX's journal empty."""
    if request.param == "sqlite":
        store = create_store(f"sqlite:///{tmp_path / 'shared.db'}")
    elif POSTGRES_URL:
        store = create_store(POSTGRES_URL)
    else:
        pytest.skip("set MOCKADS_TEST_POSTGRES_URL to run against PostgreSQL")
    SharedInstruments(store).clear(SBX)
    yield store
    store.dispose()


def _rows_kept(store: Any) -> int:
    with store.transaction(read_only=True) as transaction:
        return transaction.connection.execute(
            select(func.count()).where(journal_entries.c.sandbox_id == SBX)
        ).scalar_one()


def test_recording_alone_keeps_a_journal_in_the_database_within_trim_every_of_its_length(
    shared_store,
):
    instruments = SharedInstruments(shared_store, max_entries=3)
    for _ in range(TRIM_EVERY + 1):
        instruments.record(SBX, call())
    assert _rows_kept(shared_store) <= 3 + TRIM_EVERY
    entries, dropped = instruments.journal(SBX)
    assert len(entries) == 3 and dropped == TRIM_EVERY - 2


def test_a_heavy_entry_trims_the_journal_in_the_database_as_it_is_recorded(shared_store):
    instruments = SharedInstruments(shared_store, max_bytes=100 * TRIM_EVERY)
    for _ in range(5):
        instruments.record(SBX, call(size=60 * TRIM_EVERY))  # over half the bound each
    assert _rows_kept(shared_store) == 1
    assert [e.seq for e in instruments.journal(SBX)[0]] == [5]


def test_a_connection_lent_to_single_statements_goes_back_to_whole_transactions(shared_store):
    """Single reads and the journal's insert commit statement by statement; the pooled
    connection they used must begin transactions again for the next writer."""
    instruments = SharedInstruments(shared_store)
    shared_store.generation(SBX)
    instruments.sandbox_of("no such token")
    instruments.record(SBX, call())
    with pytest.raises(RuntimeError), shared_store.transaction() as transaction:
        transaction.connection.execute(
            delete(journal_entries).where(journal_entries.c.sandbox_id == SBX)
        )
        raise RuntimeError("the block fails: nothing it did stays")
    assert _rows_kept(shared_store) == 1
