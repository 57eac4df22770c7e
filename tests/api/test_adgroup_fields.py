"""Every field of the catalogue's ad group calls, generated from the catalogue (Hypothesis).

For each field: any valid value sent on `adgroup/create/` (and on `adgroup/update/` where the
catalogue lets update change it) comes back from `adgroup/get/` and through `fields=`; any
invalid value (wrong type, not in the enum, too long, out of range, a bad member of an object)
gets 40002 naming the field and changes nothing; a create-only field sent to update is refused
the same way. A field whose documented rules ask for companions is sent with them
(`COMPANIONS`); the identity fields name real objects and have tests of their own
(`test_adgroup_field_rules.py`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockads.domain.catalogue import ADGROUP_CREATE, ADGROUP_UPDATE, FieldSpec
from mockads.testing import CONTROL, Sandbox
from tests import generation
from tests.api.catalogue_values import CHARS, invalid_values, refused_naming, times, valid_values

ALL = {"primary_status": "STATUS_ALL"}
BUDGET = 1_000_000
#: A body every field's valid value fits in (with its companions).
BASE = {
    "location_ids": ["6252001"],
    "budget_mode": "BUDGET_MODE_DAY",
    "budget": BUDGET,
    "schedule_start_time": "2026-01-05 09:00:00",
    "optimization_goal": "CLICK",
    "billing_event": "CPC",
    "roas_bid": 2.5,
}
TIKTOK_ONLY = {"placement_type": "PLACEMENT_TYPE_NORMAL", "placements": ["PLACEMENT_TIKTOK"]}
START_END = {"schedule_type": "SCHEDULE_START_END", "schedule_end_time": "2040-01-01 09:00:00"}
#: What the documented rules ask to be sent with a value (`domain/adgroup_fields.py`).
COMPANIONS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "placement_type": lambda v: TIKTOK_ONLY if v == "PLACEMENT_TYPE_NORMAL" else {},
    "placements": lambda v: {"placement_type": "PLACEMENT_TYPE_NORMAL"},
    "budget_mode": lambda v: START_END if v == "BUDGET_MODE_TOTAL" else {},
    "schedule_type": lambda v: START_END if v == "SCHEDULE_START_END" else {},
    "schedule_end_time": lambda v: {"schedule_type": "SCHEDULE_START_END"},
    "bid_type": lambda v: {"bid_price": 1.5} if v == "BID_TYPE_CUSTOM" else {},
    "bid_price": lambda v: {"bid_type": "BID_TYPE_CUSTOM"},
    "conversion_bid_price": lambda v: {"bid_type": "BID_TYPE_CUSTOM", "billing_event": "OCPM"},
    "frequency": lambda v: {"frequency_schedule": 7},
    "frequency_schedule": lambda v: {"frequency": 1},
    "brand_safety_type": lambda v: {
        **TIKTOK_ONLY,
        **({"brand_safety_partner": "IAS"} if v == "THIRD_PARTY" else {}),
    },
    "brand_safety_partner": lambda v: {**TIKTOK_ONLY, "brand_safety_type": "THIRD_PARTY"},
    "shopping_ads_retargeting_type": lambda v: {"shopping_ads_retargeting_actions_days": 7},
}
#: Fields a REACH campaign's ad groups alone take.
REACH_ONLY = {"frequency", "frequency_schedule"}
#: Valid values narrower than the field's shape, because a rule of its own says so.
NARROWER = {
    "adgroup_name": st.text(CHARS, max_size=480),  # and a unique suffix
    "budget": st.floats(50, 1e9, allow_nan=False),
    "bid_price": st.floats(0.01, BUDGET - 1, allow_nan=False),
    "conversion_bid_price": st.floats(0.01, BUDGET - 1, allow_nan=False),
    "placements": st.lists(
        st.sampled_from(["PLACEMENT_TIKTOK", "PLACEMENT_PANGLE", "PLACEMENT_GLOBAL_APP_BUNDLE"]),
        min_size=1,
        max_size=3,
    ),
    "schedule_start_time": times(2020, 2035),
    "schedule_end_time": times(2036, 2045),
    "device_price_ranges": st.lists(st.integers(0, 200), min_size=2, max_size=2, unique=True)
    .map(sorted)
    .map(lambda pair: [50 * n for n in pair]),
    "next_day_retention": st.floats(0.001, 1, allow_nan=False),
    "frequency": st.integers(1, 21),
}
#: On update, narrower still: THIRD_PARTY needs a partner, which only create takes.
ON_UPDATE = {
    "brand_safety_type": st.sampled_from(
        ["NO_BRAND_SAFETY", "STANDARD_INVENTORY", "LIMITED_INVENTORY"]
    )
}
NOT_GENERATED = {
    "advertiser_id",
    "campaign_id",
    "identity_type",
    "identity_id",
    "identity_authorized_bc_id",
}
SENT = [s for s in ADGROUP_CREATE if s.name not in NOT_GENERATED]
UPDATABLE = [s for s in ADGROUP_UPDATE if s.name not in ("advertiser_id", "adgroup_id")]
UPDATE_NAMES = {s.name for s in ADGROUP_UPDATE}
CREATE_ONLY = [s for s in ADGROUP_CREATE if s.name not in UPDATE_NAMES]
_names = (f"Field test {n}" for n in itertools.count(1))
#: Hypothesis settings for tests whose `world` fixture is meant to outlive one example.
SHARED = partial(settings, suppress_health_check=[HealthCheck.function_scoped_fixture])


class Campaigns:
    """A sandbox with a TRAFFIC and a REACH campaign to put ad groups in."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.traffic = self._campaign("TRAFFIC")
        self.reach = self._campaign("REACH")

    def _campaign(self, objective: str) -> str:
        body = {
            "advertiser_id": self.sandbox.advertiser_id,
            "campaign_name": f"Fields {objective}",
            "objective_type": objective,
        }
        answer = self.sandbox.post("campaign/create/", body)
        assert answer["code"] == 0, answer
        return answer["data"]["campaign_id"]

    def for_field(self, name: str) -> str:
        return self.reach if name in REACH_ONLY else self.traffic


@pytest.fixture(scope="module")
def worlds(mockads_app: Flask) -> Iterator[dict[str, Campaigns]]:
    """Sandboxes by test and field, made on first use: reads stay as fast as a small account."""
    client = mockads_app.test_client()
    made: dict[str, Campaigns] = {}
    yield made
    for world in made.values():
        client.delete(f"{CONTROL}/sandboxes/{world.sandbox.sandbox_id}")


@pytest.fixture
def world(mockads_app: Flask, worlds: dict[str, Campaigns], request: pytest.FixtureRequest):
    key = request.node.name
    if key not in worlds:
        client = mockads_app.test_client()
        response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 5})
        worlds[key] = Campaigns(Sandbox(client, response.get_json()))
    return worlds[key]


def _value(spec: FieldSpec, data: st.DataObject, table: dict[str, Any] | None = None) -> Any:
    strategy = {**NARROWER, **(table or {})}.get(spec.name, valid_values(spec))
    value = data.draw(strategy)
    return f"{value} {next(_names)}" if spec.name == "adgroup_name" else value


def _with_companions(name: str, value: Any) -> dict[str, Any]:
    return {**COMPANIONS.get(name, lambda v: {})(value), name: value}


def _create(world: Campaigns, name: str = "", **fields: Any) -> dict[str, Any]:
    sandbox = world.sandbox
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_id": world.for_field(name),
        "adgroup_name": next(_names),
        **BASE,
        **fields,
    }
    return sandbox.post("adgroup/create/", body)


def _read(world: Campaigns, adgroup_id: str, fields: list[str] | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"filtering": {"adgroup_ids": [adgroup_id], **ALL}}
    if fields:
        params["fields"] = fields
    body = world.sandbox.get("adgroup/get/", advertiser_id=world.sandbox.advertiser_id, **params)
    assert body["code"] == 0, body
    (adgroup,) = body["data"]["list"]
    return adgroup


def _count(world: Campaigns) -> int:
    sandbox = world.sandbox
    body = sandbox.get("adgroup/get/", advertiser_id=sandbox.advertiser_id, filtering=ALL)
    return body["data"]["page_info"]["total_number"]


def _reads_back(world: Campaigns, adgroup_id: str, name: str, value: Any) -> None:
    assert _read(world, adgroup_id)[name] == value
    assert _read(world, adgroup_id, [name]) == {name: value}


def _update(world: Campaigns, adgroup_id: str, **fields: Any) -> dict[str, Any]:
    body = {"advertiser_id": world.sandbox.advertiser_id, "adgroup_id": adgroup_id, **fields}
    return world.sandbox.post("adgroup/update/", body)


@pytest.mark.parametrize("spec", SENT, ids=lambda s: s.name)
@SHARED(max_examples=generation.examples(8, 40))
@given(data=st.data())
def test_adgroup_create_stores_and_returns_any_valid_value_of_each_field(world, spec, data):
    value = _value(spec, data)
    body = _create(world, spec.name, **_with_companions(spec.name, value))
    assert body["code"] == 0, (spec.name, value, body)
    adgroup_id = body["data"]["adgroup_id"]
    if spec.shown:
        assert body["data"][spec.name] == value
        _reads_back(world, adgroup_id, spec.name, value)
    else:
        assert spec.name not in _read(world, adgroup_id)


@pytest.mark.parametrize("spec", ADGROUP_CREATE, ids=lambda s: s.name)
@SHARED(max_examples=generation.examples(8, 40))
@given(data=st.data())
def test_adgroup_create_refuses_any_invalid_value_of_each_field(world, spec, data):
    value = data.draw(invalid_values(spec))
    before = _count(world)
    refused_naming(_create(world, spec.name, **{spec.name: value}), spec.name)
    assert _count(world) == before


@pytest.mark.parametrize("spec", UPDATABLE, ids=lambda s: s.name)
@SHARED(max_examples=generation.examples(8, 40))
@given(data=st.data())
def test_adgroup_update_changes_each_updatable_field_to_any_valid_value(world, spec, data):
    value = _value(spec, data, ON_UPDATE)
    sent = _with_companions(spec.name, value)
    at_create = {k: v for k, v in sent.items() if k not in UPDATE_NAMES}
    adgroup_id = _create(world, spec.name, **at_create)["data"]["adgroup_id"]
    changes = {k: v for k, v in sent.items() if k in UPDATE_NAMES}
    answer = _update(world, adgroup_id, **changes)
    assert answer["code"] == 0, (spec.name, value, answer)
    _reads_back(world, adgroup_id, spec.name, value)


@pytest.mark.parametrize("spec", UPDATABLE, ids=lambda s: s.name)
@SHARED(max_examples=generation.examples(8, 40))
@given(data=st.data())
def test_adgroup_update_refuses_any_invalid_value_and_changes_nothing(world, spec, data):
    adgroup_id = _create(world, spec.name)["data"]["adgroup_id"]
    before = _read(world, adgroup_id)
    value = data.draw(invalid_values(spec))
    refused_naming(_update(world, adgroup_id, **{spec.name: value}), spec.name)
    assert _read(world, adgroup_id) == before


@pytest.mark.parametrize("spec", CREATE_ONLY, ids=lambda s: s.name)
@SHARED(max_examples=generation.examples(3, 15))
@given(data=st.data())
def test_adgroup_update_refuses_each_create_only_field_and_changes_nothing(world, spec, data):
    adgroup_id = _create(world, spec.name)["data"]["adgroup_id"]
    before = _read(world, adgroup_id)
    value = data.draw(st.one_of(valid_values(spec), invalid_values(spec)))
    answer = _update(world, adgroup_id, **{spec.name: value})
    refused_naming(answer, spec.name)
    assert "cannot be changed" in answer["message"]
    assert _read(world, adgroup_id) == before
