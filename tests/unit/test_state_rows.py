"""A sandbox's rows as JSON and back (`store/state.py`), without HTTP: codecs by column type,
primary-key order, and what `load_rows` refuses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from mockads.domain.catalogue.fields import FieldValues
from mockads.domain.enums import Privacy
from mockads.domain.errors import InvalidParameter
from mockads.domain.model import Sandbox
from mockads.scenarios import build_world, list_scenarios, load_scenario
from mockads.store import SqlStore, create_store
from mockads.store.state import REFERENCES, STATE_TABLES, codec, load_rows
from mockads.store.tables import adgroups, ads, campaigns, posts, sandboxes, spark_codes


@pytest.fixture
def store() -> Iterator[SqlStore]:
    store = create_store("sqlite://")
    yield store
    store.dispose()


def _scenario_rows(store: SqlStore, scenario: str, seed: int = 1) -> dict[str, Any]:
    sandbox_id = f"s_{scenario}"
    with store.unit_of_work() as uow:
        uow.sandboxes.add(Sandbox(sandbox_id, "n", scenario, seed, f"token-{scenario}", 0.0))
        uow.world(sandbox_id).load(build_world(load_scenario(scenario), seed))
        return uow.world(sandbox_id).dump_rows()


def test_every_table_with_a_sandbox_id_but_sandboxes_is_state():
    assert sandboxes.name not in STATE_TABLES
    assert {"advertisers", "posts", "spark_codes", "linked_posts", "ads"} <= set(STATE_TABLES)
    assert all("sandbox_id" in table.c for table in STATE_TABLES.values())


def test_references_name_columns_that_exist():
    for table, columns, parent, parent_columns in REFERENCES:
        assert set(columns) <= set(STATE_TABLES[table].c.keys()), table
        assert set(parent_columns) <= set(STATE_TABLES[parent].c.keys()), parent


@pytest.mark.parametrize("scenario", [spec.name for spec in list_scenarios()])
def test_every_scenario_world_dumps_to_json_and_loads_back_unchanged(store, scenario):
    dumped = _scenario_rows(store, scenario)
    as_json = json.loads(json.dumps(dumped))
    loaded = load_rows(as_json)
    again = {
        name: [{c: codec(STATE_TABLES[name].c[c]).dump(v) for c, v in row.items()} for row in rows]
        for name, rows in loaded.items()
    }
    assert again == dumped


def test_rows_come_in_primary_key_order_whatever_order_they_were_written(store):
    dumped = _scenario_rows(store, "default")
    for name, rows in dumped.items():
        key = [c.name for c in STATE_TABLES[name].primary_key.columns if c.name != "sandbox_id"]
        keys = [tuple(row[k] for k in key) for row in rows]
        assert keys == sorted(keys), name


def test_a_sandbox_id_is_no_column_of_a_dumped_row(store):
    dumped = _scenario_rows(store, "default")
    assert all("sandbox_id" not in row for rows in dumped.values() for row in rows)


# -- codecs by column type --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "as_json"),
    [
        (posts.c.privacy, Privacy.FRIENDS, "FRIENDS"),
        (posts.c.deleted, True, True),
        (posts.c.duration, 12.5, 12.5),
        (posts.c.views, 2**62, 2**62),
        (posts.c.duet_original_item_id, None, None),
        (adgroups.c.placements, ("PLACEMENT_TIKTOK",), ["PLACEMENT_TIKTOK"]),
        (
            campaigns.c.settings,
            FieldValues.of({"b": [1, {"x": None}], "a": 1.5}),
            {"a": 1.5, "b": [1, {"x": None}]},
        ),
    ],
)
def test_a_column_value_turns_into_json_and_back(column, value, as_json):
    column_codec = codec(column)
    assert column_codec.dump(value) == as_json
    assert column_codec.load(as_json) == value


def test_a_float_column_takes_a_json_integer_as_a_float():
    loaded = codec(campaigns.c.budget).load(50)
    assert loaded == 50.0 and isinstance(loaded, float)


@pytest.mark.parametrize(
    ("column", "value", "why"),
    [
        (posts.c.deleted, 1, "expected true or false."),
        (posts.c.views, True, "expected an integer."),
        (posts.c.views, 1.5, "expected an integer."),
        (posts.c.width, 2**31, "must be between -2147483648 and 2147483647."),
        (posts.c.duration, "12", "expected a number."),
        (posts.c.duration, 10**400, "the number is too large."),
        (posts.c.privacy, "SECRET", "must be one of PUBLIC, FRIENDS, PRIVATE."),
        (posts.c.caption, None, "must not be null."),
        (posts.c.caption, 7, "expected a string."),
        (posts.c.caption, "a\x00b", "text holds no NUL character."),
        (spark_codes.c.auth_code, "c" * 129, "at most 128 characters (129 given)."),
        (ads.c.text_options, "one", "expected an array."),
        (ads.c.settings, [], "expected an object."),
    ],
)
def test_load_rows_refuses_a_value_its_column_cannot_hold_naming_the_cell(
    store, column, value, why
):
    rows = json.loads(json.dumps(_scenario_rows(store, "default")))
    rows[column.table.name][0][column.name] = value
    with pytest.raises(InvalidParameter) as raised:
        load_rows(rows)
    assert str(raised.value) == f"tables.{column.table.name}[0].{column.name}: {why}"


def test_load_rows_refuses_what_is_not_an_object_of_tables():
    with pytest.raises(InvalidParameter, match=r"^tables: expected an object of tables\.$"):
        load_rows([])


def test_load_rows_refuses_a_row_naming_a_missing_parent(store):
    rows = json.loads(json.dumps(_scenario_rows(store, "default")))
    rows["posts"][0]["creator_id"] = "404"
    with pytest.raises(InvalidParameter) as raised:
        load_rows(rows)
    assert str(raised.value) == (
        "tables.posts[0].creator_id: no row of creators has creator_id='404'."
    )


def test_replace_rows_is_undone_with_the_unit_of_work_it_ran_in(store):
    before = _scenario_rows(store, "default")
    empty = load_rows({name: [] for name in STATE_TABLES})
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        uow.world("s_default").replace_rows(empty)
        assert uow.world("s_default").dump_rows() == {name: [] for name in STATE_TABLES}
        raise RuntimeError("a later step failed")
    with store.unit_of_work(read_only=True) as uow:
        assert uow.world("s_default").dump_rows() == before


def test_replace_rows_touches_no_other_sandbox(store):
    other = _scenario_rows(store, "edge-cases")
    _scenario_rows(store, "default")
    with store.unit_of_work() as uow:
        uow.world("s_default").replace_rows(load_rows({name: [] for name in STATE_TABLES}))
    with store.unit_of_work(read_only=True) as uow:
        assert uow.world("s_edge-cases").dump_rows() == other
