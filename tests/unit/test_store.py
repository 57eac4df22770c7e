"""The SQL store, without HTTP: table layout, load/export, isolation, transactions."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from dataclasses import fields, replace
from typing import Any

import pytest
from sqlalchemy import func, select

from mockads.domain.model import Sandbox, World
from mockads.domain.oauth import new_oauth_code
from mockads.scenarios import build_world, load_scenario
from mockads.store import OutdatedDatabase, SqlStore, create_store
from mockads.store.repositories import ENTITY_TABLES
from mockads.store.tables import WORLD_TABLES, sandboxes


@pytest.fixture
def store() -> Iterator[SqlStore]:
    store = create_store("sqlite://")
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def world() -> World:
    return _onboarded(build_world(load_scenario("default"), 1))


@pytest.fixture(scope="module")
def other_world() -> World:
    return _onboarded(build_world(load_scenario("default"), 2))


def _onboarded(world: World) -> World:
    """The world with a consent's code and a token its app holds (scenarios make neither)."""
    (app,) = world.oauth_apps
    code = new_oauth_code(random.Random(1), app, app.redirect_uris[0], ["7"], [1], 100)
    _, grant = code.exchanged(random.Random(2), 200)
    return replace(world, oauth_auth_codes=(code,), oauth_grants=(grant,))


def _add(store: SqlStore, sandbox_id: str, world: World) -> None:
    with store.unit_of_work() as uow:
        uow.sandboxes.add(_sandbox(sandbox_id))
        uow.world(sandbox_id).load(world)


def _sandbox(sandbox_id: str) -> Sandbox:
    return Sandbox(sandbox_id, sandbox_id, "default", 1, f"token-{sandbox_id}", 0.0)


def _export(store: SqlStore, sandbox_id: str) -> World:
    with store.unit_of_work() as uow:
        return uow.world(sandbox_id).export()


def _primary_key(table_name: str, entity: Any) -> tuple[Any, ...]:
    table = next(t for t in WORLD_TABLES if t.name == table_name)
    return tuple(
        getattr(entity, c.name) for c in table.primary_key.columns if c.name != "sandbox_id"
    )


def _keys(world: World) -> dict[str, list[tuple[Any, ...]]]:
    return {
        f.name: sorted(_primary_key(f.name, e) for e in getattr(world, f.name))
        for f in fields(World)
    }


def _row_counts(store: SqlStore, sandbox_id: str) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table.name: connection.execute(
                select(func.count()).select_from(table).where(table.c.sandbox_id == sandbox_id)
            ).scalar_one()
            for table in (*WORLD_TABLES, sandboxes)
        }


@pytest.mark.parametrize("cls", list(ENTITY_TABLES), ids=lambda cls: cls.__name__)
def test_table_columns_after_sandbox_id_are_the_entity_fields_in_order(cls):
    columns = [c.name for c in ENTITY_TABLES[cls].c]
    assert columns[0] == "sandbox_id"
    assert columns[1:] == [f.name for f in fields(cls)]


def test_entity_tables_cover_every_world_table():
    assert {t.name for t in ENTITY_TABLES.values()} == {f.name for f in fields(World)}
    assert set(ENTITY_TABLES.values()) == set(WORLD_TABLES)


@pytest.mark.parametrize("table", [f.name for f in fields(World)])
def test_load_then_export_round_trips_a_built_world(store, world, table):
    _add(store, "a", world)
    expected = tuple(sorted(getattr(world, table), key=lambda e: _primary_key(table, e)))
    assert getattr(_export(store, "a"), table) == expected


def test_export_returns_every_row_loaded(store, world):
    _add(store, "a", world)
    assert _keys(_export(store, "a")) == _keys(world)


def test_sandboxes_in_one_store_see_only_their_own_rows(store, world, other_world):
    _add(store, "a", world)
    _add(store, "b", other_world)
    assert _keys(_export(store, "a")) == _keys(world)
    assert _keys(_export(store, "b")) == _keys(other_world)


def test_sandboxes_in_one_store_may_hold_the_same_ids(store, world):
    _add(store, "a", world)
    _add(store, "b", world)
    assert _keys(_export(store, "a")) == _keys(_export(store, "b")) == _keys(world)


def test_remove_deletes_every_row_of_that_sandbox_only(store, world, other_world):
    _add(store, "a", world)
    _add(store, "b", other_world)
    counts_b = _row_counts(store, "b")
    with store.unit_of_work() as uow:
        uow.sandboxes.remove("a")
    assert set(_row_counts(store, "a").values()) == {0}
    assert _row_counts(store, "b") == counts_b
    assert all(counts_b.values())


def test_remove_forgets_the_sandbox_token(store, world):
    _add(store, "a", world)
    with store.unit_of_work() as uow:
        uow.sandboxes.remove("a")
    with store.unit_of_work() as uow:
        assert uow.sandboxes.by_token("token-a") is None
        assert uow.sandboxes.get("a") is None


def test_unit_of_work_rolls_back_when_the_block_raises(store, world):
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        uow.sandboxes.add(_sandbox("a"))
        uow.world("a").load(world)
        raise RuntimeError("boom")
    assert set(_row_counts(store, "a").values()) == {0}


def test_unit_of_work_commits_when_the_block_ends(store):
    with store.unit_of_work() as uow:
        uow.sandboxes.add(_sandbox("a"))
    with store.unit_of_work() as uow:
        assert uow.sandboxes.get("a") == _sandbox("a")
        assert uow.sandboxes.count() == 1


def test_a_database_made_by_an_older_version_is_refused_with_what_it_lacks(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE ads (sandbox_id TEXT, ad_id TEXT)")
    with pytest.raises(OutdatedDatabase, match=r"table ads has no advertiser_id, .*pushed_at"):
        create_store(f"sqlite:///{path}")
