"""On PostgreSQL, writers of one sandbox take turns; readers and other sandboxes never wait.

Runs when `MOCKADS_TEST_POSTGRES_URL` names a database the test may write to (the tables are
created if missing; the sandboxes made here have ids of their own). A second writer is proven
to wait by PostgreSQL itself: its backend shows up waiting on an advisory lock.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from mockads.domain.model import Sandbox
from mockads.store import SqlStore, create_store

POSTGRES_URL = os.environ.get("MOCKADS_TEST_POSTGRES_URL")
TIMEOUT = 10.0

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="set MOCKADS_TEST_POSTGRES_URL to run against PostgreSQL"
)


@pytest.fixture
def store() -> Iterator[SqlStore]:
    assert POSTGRES_URL is not None
    store = create_store(POSTGRES_URL)
    yield store
    store.dispose()


def _sandbox(store: SqlStore) -> Sandbox:
    sandbox_id = "lock_" + secrets.token_hex(6)
    sandbox = Sandbox(sandbox_id, sandbox_id, "default", 1, secrets.token_hex(20), 0.0)
    with store.unit_of_work() as uow:
        uow.sandboxes.add(sandbox)
    return sandbox


def _advisory_waiters(store: SqlStore) -> int:
    with store.engine.connect() as connection:
        query = text(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'"
        )
        return connection.execute(query).scalar_one()


def _wait_for_a_waiter(store: SqlStore) -> None:
    deadline = time.monotonic() + TIMEOUT
    while _advisory_waiters(store) == 0:
        assert time.monotonic() < deadline, "the second writer never waited"
        time.sleep(0.01)


def _second_writer(
    store: SqlStore, sandbox: Sandbox, through_token: bool
) -> tuple[threading.Thread, threading.Event]:
    """A writer of the same sandbox in a thread; the event is set once it got in."""
    entered = threading.Event()

    def write() -> None:
        with store.unit_of_work() as uow:
            if through_token:
                uow.sandboxes.by_token(sandbox.access_token)
            else:
                uow.sandboxes.get(sandbox.sandbox_id)
            entered.set()

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread, entered


@pytest.mark.parametrize("through_token", [False, True], ids=["by_id", "by_token"])
def test_a_second_writer_of_a_sandbox_waits_for_the_first_to_commit(
    store: SqlStore, through_token: bool
) -> None:
    sandbox = _sandbox(store)
    with store.unit_of_work() as first:
        first.world(sandbox.sandbox_id)
        thread, entered = _second_writer(store, sandbox, through_token)
        _wait_for_a_waiter(store)
        assert not entered.is_set()
    assert entered.wait(TIMEOUT)
    thread.join(TIMEOUT)


def test_readers_and_writers_of_other_sandboxes_do_not_wait(store: SqlStore) -> None:
    busy, other = _sandbox(store), _sandbox(store)
    with store.unit_of_work() as first:
        first.sandboxes.get(busy.sandbox_id)
        with store.unit_of_work(read_only=True) as reader:
            assert reader.sandboxes.by_token(busy.access_token) is not None
        with store.unit_of_work() as neighbour:
            assert neighbour.sandboxes.get(other.sandbox_id) == other
    assert _advisory_waiters(store) == 0


def test_a_writer_reads_what_the_writer_before_it_committed(store: SqlStore) -> None:
    """The lock is taken before the sandbox row is read, so a waiting writer sees the first
    writer's change (READ COMMITTED, statement by statement), not the row as it was."""
    sandbox = _sandbox(store)
    seen: list[Sandbox | None] = []
    with store.unit_of_work() as first:
        first.sandboxes.get(sandbox.sandbox_id)

        def read_after() -> None:
            with store.unit_of_work() as second:
                seen.append(second.sandboxes.get(sandbox.sandbox_id))

        thread = threading.Thread(target=read_after, daemon=True)
        thread.start()
        _wait_for_a_waiter(store)
        first.sandboxes.remove(sandbox.sandbox_id)
    thread.join(TIMEOUT)
    assert seen == [None]
