"""The store's status history: what it records, and what older databases and states get."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from mockads.domain.campaigns import Campaign
from mockads.domain.enums import OperationStatus
from mockads.domain.model import Sandbox, World
from mockads.scenarios import build_world, load_scenario
from mockads.store.sql import SqlStore, create_store
from mockads.store.state import load_rows

OFF = OperationStatus.DISABLE


def _world(status: OperationStatus = OperationStatus.ENABLE) -> World:
    """The default scenario with its first campaign in `status` since 5,000 s after T0."""
    built = build_world(load_scenario("default"), 1)
    first = replace(built.campaigns[0], operation_status=status, modify_time=5_000)
    return replace(built, campaigns=(first, *built.campaigns[1:]))


def _store(url: str = "sqlite://", status: OperationStatus = OperationStatus.ENABLE) -> SqlStore:
    store = create_store(url)
    with store.unit_of_work() as uow:
        uow.sandboxes.add(Sandbox("s", "s", "default", 1, "token-s", 0.0))
        uow.world("s").load(_world(status))
    return store


@pytest.fixture
def store() -> Iterator[SqlStore]:
    store = _store()
    yield store
    store.dispose()


def _campaign(store: SqlStore) -> Campaign:
    with store.unit_of_work(read_only=True) as uow:
        return uow.world("s").every(Campaign)[0]


def _history(store: SqlStore, campaign: Campaign) -> tuple[tuple[int, bool], ...]:
    with store.unit_of_work(read_only=True) as uow:
        found = uow.world("s").status_history(campaign.advertiser_id)
    return found[("campaign", campaign.campaign_id)]


def test_a_loaded_world_holds_each_objects_status_at_its_last_change(store):
    campaign = _campaign(store)
    assert _history(store, campaign) == ((5_000, True),)


def test_a_changed_status_is_recorded_in_order_and_an_unchanged_one_is_not(store):
    campaign = _campaign(store)
    with store.unit_of_work() as uow:
        world = uow.world("s")
        for time, status in [(6_000, OFF), (6_000, OFF), (7_000, OperationStatus.ENABLE)]:
            world.replace(replace(campaign, operation_status=status, modify_time=time))
        world.replace(replace(campaign, campaign_name="renamed", modify_time=8_000))
    assert _history(store, campaign) == ((5_000, True), (6_000, False), (7_000, True))


def test_a_new_object_records_its_creation(store):
    campaign = replace(_campaign(store), campaign_id="1", create_time=9_000, modify_time=9_000)
    with store.unit_of_work() as uow:
        uow.world("s").add(replace(campaign, operation_status=OFF))
    assert _history(store, campaign) == ((9_000, False),)


def test_a_database_kept_before_the_history_gets_each_objects_status_once(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _store(url, status=OFF).dispose()
    with sqlite3.connect(tmp_path / "old.db") as db:
        db.execute("DROP TABLE status_changes")
    store = create_store(url)
    campaign = _campaign(store)
    assert _history(store, campaign) == ((5_000, False),)
    store.dispose()
    store = create_store(url)  # once only
    assert _history(store, campaign) == ((5_000, False),)
    store.dispose()


def test_a_state_written_before_the_history_imports_with_each_objects_status(store):
    campaign = _campaign(store)
    with store.unit_of_work() as uow:
        world = uow.world("s")
        world.replace(replace(campaign, operation_status=OFF, modify_time=6_000))
        tables = world.dump_rows()
    assert tables["status_changes"]
    with store.unit_of_work() as uow:
        uow.world("s").replace_rows(load_rows(tables))
    assert _history(store, campaign) == ((5_000, True), (6_000, False))
    del tables["status_changes"]
    with store.unit_of_work() as uow:
        uow.world("s").replace_rows(load_rows(tables))
    assert _history(store, campaign) == ((6_000, False),)
