"""Every field of the catalogue's Smart+ calls, generated from the catalogue (Hypothesis).

For each field of `smart_plus/campaign|adgroup|ad/create/`: any valid value comes back from the
Smart+ get (and through `fields=` where the get takes it); any invalid value gets 40002 naming
the field and changes nothing; on update likewise where the catalogue lets update change it,
and a create-only field sent to update is refused. A field whose documented rules ask for
companions is sent with them (`COMPANIONS`); identities and creatives name real objects and have
tests of their own (`test_smart_plus_field_rules.py`). Few examples: each one is a few calls.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockads.domain.catalogue import (
    SMART_PLUS_AD_CREATE,
    SMART_PLUS_AD_UPDATE,
    SMART_PLUS_ADGROUP_CREATE,
    SMART_PLUS_ADGROUP_UPDATE,
    SMART_PLUS_CAMPAIGN_CREATE,
    SMART_PLUS_CAMPAIGN_UPDATE,
    FieldSpec,
)
from mockads.domain.catalogue.fields import by_name
from mockads.testing import CONTROL, Sandbox
from tests import generation
from tests.api.ads_helpers import seeded
from tests.api.catalogue_values import CHARS, invalid_values, refused_naming, times, valid_values

ALL = {"primary_status": "STATUS_ALL"}
BUDGET = 1_000_000
US = ["6252001"]
EXAMPLES = partial(
    settings,
    max_examples=generation.examples(4, 40),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    deadline=None,
)
_names = (f"Smart+ field test {n}" for n in itertools.count(1))


def _named(value: Any) -> str:
    return f"{value} {next(_names)}"


# -- what each call's examples are sent with ----------------------------------------------------

CAMPAIGN_BASE = {"objective_type": "TRAFFIC"}
DAILY = {"budget_mode": "BUDGET_MODE_DAY", "budget": 100}
CAMPAIGN_COMPANIONS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "budget": lambda v: {"budget_mode": "BUDGET_MODE_DAY"},
    "budget_mode": lambda v: DAILY if v != "BUDGET_MODE_INFINITE" else {},
    "budget_optimize_on": lambda v: DAILY,
    "campaign_type": lambda v: {"app_promotion_type": "APP_INSTALL"},
    "app_promotion_type": lambda v: {"campaign_type": "REGULAR_CAMPAIGN"},
}
ADGROUP_BASE = {
    "location_ids": US,
    "budget_mode": "BUDGET_MODE_DAY",
    "budget": BUDGET,
    "schedule_start_time": "2026-01-05 09:00:00",
    "optimization_goal": "CLICK",
    "billing_event": "CPC",
    "roas_bid": 2.5,
}
TIKTOK_ONLY = {"placement_type": "PLACEMENT_TYPE_NORMAL", "placements": ["PLACEMENT_TIKTOK"]}
START_END = {"schedule_type": "SCHEDULE_START_END", "schedule_end_time": "2040-01-01 09:00:00"}
ADGROUP_COMPANIONS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "placement_type": lambda v: TIKTOK_ONLY if v == "PLACEMENT_TYPE_NORMAL" else {},
    "placements": lambda v: {"placement_type": "PLACEMENT_TYPE_NORMAL"},
    "budget_mode": lambda v: START_END if v == "BUDGET_MODE_TOTAL" else {},
    "schedule_type": lambda v: START_END if v == "SCHEDULE_START_END" else {},
    "schedule_end_time": lambda v: {"schedule_type": "SCHEDULE_START_END"},
    "bid_type": lambda v: {"bid_price": 1.5} if v == "BID_TYPE_CUSTOM" else {},
    "bid_price": lambda v: {"bid_type": "BID_TYPE_CUSTOM"},
    "conversion_bid_price": lambda v: {"bid_type": "BID_TYPE_CUSTOM", "billing_event": "OCPM"},
}
_TARGETING = by_name(SMART_PLUS_ADGROUP_CREATE)["targeting_spec"]


def _fit_targeting(value: dict[str, Any]) -> dict[str, Any]:
    """A drawn targeting_spec made to fit the rules: the base's locations, a price range of
    multiples of 50, and one of each pair of fields that exclude each other."""
    value = {**value, "location_ids": US}
    if "device_price_ranges" in value:
        value["device_price_ranges"] = [0, 500]
    value.pop("purchase_intention_keyword_ids", None)
    value.pop("excluded_pangle_audience_package_ids", None)
    return value


ADGROUP_NARROWER = {
    "adgroup_name": st.text(CHARS, max_size=480),
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
    "targeting_spec": valid_values(_TARGETING).map(_fit_targeting),
}
_URLS = st.sampled_from(["https://example.com/spring", "http://shop.example.org/a?b=1"])
_CONFIGURATION = by_name(SMART_PLUS_AD_CREATE)["ad_configuration"]
#: ad_configuration without the identity, which update keeps (`test_smart_plus_field_rules`).
_NO_IDENTITY = replace(
    _CONFIGURATION,
    members=tuple(m for m in _CONFIGURATION.members if not m.name.startswith("identity_")),
)
AD_NARROWER = {
    "ad_name": st.text(CHARS, min_size=1, max_size=480),
    # A library creative takes the ad texts: it needs one.
    "ad_text_list": st.lists(
        st.fixed_dictionaries({"ad_text": st.text(CHARS, min_size=1, max_size=200)}),
        min_size=1,
        max_size=5,
    ),
    "landing_page_url_list": st.lists(
        st.fixed_dictionaries({"landing_page_url": _URLS}), max_size=1
    ),
    "landing_page_url": _URLS,
    "ad_configuration": valid_values(_NO_IDENTITY),
}


# -- sandboxes --------------------------------------------------------------------------------


class World:
    """A sandbox with a Smart+ campaign, an ad group in it, and a library creative."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.campaign_id = _ok(_campaign_create(self))["campaign_id"]
        self.adgroup_id = _ok(_adgroup_create(self))["adgroup_id"]
        ad = seeded(sandbox, "CUSTOMIZED_USER")
        self.creative = {
            "creative_info": {
                "identity_type": "CUSTOMIZED_USER",
                "identity_id": ad["identity_id"],
                "video_info": {"video_id": ad["video_id"]},
            }
        }


@pytest.fixture(scope="module")
def worlds(mockads_app: Flask) -> Iterator[dict[str, World]]:
    client = mockads_app.test_client()
    made: dict[str, World] = {}
    yield made
    for world in made.values():
        client.delete(f"{CONTROL}/sandboxes/{world.sandbox.sandbox_id}")


@pytest.fixture
def world(mockads_app: Flask, worlds: dict[str, World], request: pytest.FixtureRequest) -> World:
    """A sandbox per test and field: reads stay as fast as a small account's."""
    key = request.node.name
    if key not in worlds:
        client = mockads_app.test_client()
        response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 5})
        worlds[key] = World(Sandbox(client, response.get_json()))
    return worlds[key]


def _ok(body: dict[str, Any]) -> dict[str, Any]:
    assert body["code"] == 0, body
    return body["data"]


def _post(world: World, path: str, **fields: Any) -> dict[str, Any]:
    return world.sandbox.post(path, {"advertiser_id": world.sandbox.advertiser_id, **fields})


def _campaign_create(world: World, **fields: Any) -> dict[str, Any]:
    body = {"campaign_name": next(_names), **CAMPAIGN_BASE, **fields}
    return _post(world, "smart_plus/campaign/create/", **body)


def _adgroup_create(world: World, **fields: Any) -> dict[str, Any]:
    body = {
        "campaign_id": world.campaign_id,
        "adgroup_name": next(_names),
        **ADGROUP_BASE,
        **fields,
    }
    return _post(world, "smart_plus/adgroup/create/", **body)


def _ad_create(world: World, **fields: Any) -> dict[str, Any]:
    body = {
        "adgroup_id": world.adgroup_id,
        "ad_name": next(_names),
        "creative_list": [world.creative],
        "ad_text_list": [{"ad_text": "Spring collection"}],
        **fields,
    }
    return _post(world, "smart_plus/ad/create/", **body)


class Call:
    """One Smart+ object kind: how to create, read and update it in a world."""

    def __init__(
        self,
        kind: str,
        key: str,
        create: Callable[..., dict[str, Any]],
        *,
        takes_fields: bool,
    ) -> None:
        self.kind, self.key, self.create, self.takes_fields = kind, key, create, takes_fields

    def read(self, world: World, key: str, fields: list[str] | None = None) -> dict[str, Any]:
        ids = "smart_plus_ad_ids" if self.kind == "ad" else f"{self.kind}_ids"
        params: dict[str, Any] = {"filtering": {ids: [key], **ALL}}
        if fields:
            params["fields"] = fields
        sandbox = world.sandbox
        body = sandbox.get(
            f"smart_plus/{self.kind}/get/", advertiser_id=sandbox.advertiser_id, **params
        )
        (found,) = _ok(body)["list"]
        return found

    def count(self, world: World) -> int:
        sandbox = world.sandbox
        body = sandbox.get(
            f"smart_plus/{self.kind}/get/", advertiser_id=sandbox.advertiser_id, filtering=ALL
        )
        return _ok(body)["page_info"]["total_number"]

    def update(self, world: World, key: str, **fields: Any) -> dict[str, Any]:
        return _post(world, f"smart_plus/{self.kind}/update/", **{self.key: key}, **fields)

    def reads_back(self, world: World, key: str, name: str, value: Any) -> None:
        assert self.read(world, key)[name] == value, name
        if self.takes_fields:
            assert self.read(world, key, [name]) == {name: value}


CAMPAIGN = Call("campaign", "campaign_id", _campaign_create, takes_fields=True)
ADGROUP = Call("adgroup", "adgroup_id", _adgroup_create, takes_fields=True)
AD = Call("ad", "smart_plus_ad_id", _ad_create, takes_fields=False)
KEYS = {"advertiser_id", "campaign_id", "adgroup_id", "smart_plus_ad_id"}
#: Fields naming real objects, with tests of their own (`test_smart_plus_field_rules.py`).
NOT_GENERATED = {
    "campaign": KEYS,
    "adgroup": KEYS | {"identity_type", "identity_id", "identity_authorized_bc_id"},
    "ad": KEYS | {"creative_list"},
}
CALLS = [
    (CAMPAIGN, SMART_PLUS_CAMPAIGN_CREATE, SMART_PLUS_CAMPAIGN_UPDATE, CAMPAIGN_COMPANIONS, {}),
    (ADGROUP, SMART_PLUS_ADGROUP_CREATE, SMART_PLUS_ADGROUP_UPDATE, ADGROUP_COMPANIONS, {}),
    (AD, SMART_PLUS_AD_CREATE, SMART_PLUS_AD_UPDATE, {}, {}),
]
NARROWER = {
    "campaign": {"budget": ADGROUP_NARROWER["budget"]},
    "adgroup": ADGROUP_NARROWER,
    "ad": AD_NARROWER,
}


#: What an update test creates the object with: the create-only companions a value needs.
CREATED_WITH = {
    "campaign": {"budget": DAILY},
    "adgroup": {
        "bid_price": {"bid_type": "BID_TYPE_CUSTOM", "bid_price": 1.0},
        "conversion_bid_price": {
            "bid_type": "BID_TYPE_CUSTOM",
            "billing_event": "OCPM",
            "conversion_bid_price": 1.0,
        },
    },
    "ad": {},
}


def _cases(which: str) -> list[Any]:
    cases = []
    for call, create, update, companions, _ in CALLS:
        updates = {s.name for s in update}
        specs = {
            "sent": [s for s in create if s.name not in NOT_GENERATED[call.kind]],
            "invalid": list(create),
            "updatable": [s for s in update if s.name not in KEYS],
            "create_only": [s for s in create if s.name not in updates],
        }[which]
        cases += [
            pytest.param(call, spec, companions, id=f"{call.kind}-{spec.name}") for spec in specs
        ]
    return cases


def _value(call: Call, spec: FieldSpec, data: st.DataObject) -> Any:
    value = data.draw(NARROWER[call.kind].get(spec.name, valid_values(spec)))
    return _named(value) if spec.name.endswith("_name") else value


def _with(companions: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    return {**companions.get(name, lambda v: {})(value), name: value}


def _key(call: Call, data: dict[str, Any]) -> str:
    return data[call.key]


@pytest.mark.parametrize(("call", "spec", "companions"), _cases("sent"))
@EXAMPLES()
@given(data=st.data())
def test_smart_plus_create_stores_and_returns_any_valid_value_of_each_field(
    world, call, spec, companions, data
):
    value = _value(call, spec, data)
    made = _ok(call.create(world, **_with(companions, spec.name, value)))
    if spec.shown:
        assert made[spec.name] == value
        call.reads_back(world, _key(call, made), spec.name, value)
    else:
        assert spec.name not in call.read(world, _key(call, made))


@pytest.mark.parametrize(("call", "spec", "companions"), _cases("invalid"))
@EXAMPLES()
@given(data=st.data())
def test_smart_plus_create_refuses_any_invalid_value_of_each_field(
    world, call, spec, companions, data
):
    value = data.draw(invalid_values(spec))
    before = call.count(world)
    refused_naming(call.create(world, **{spec.name: value}), spec.name)
    assert call.count(world) == before


@pytest.mark.parametrize(("call", "spec", "companions"), _cases("updatable"))
@EXAMPLES()
@given(data=st.data())
def test_smart_plus_update_changes_each_updatable_field_to_any_valid_value(
    world, call, spec, companions, data
):
    updates = {s.name for s in dict(((c.kind, u) for c, _, u, _, _ in CALLS))[call.kind]}
    value = _value(call, spec, data)
    sent = _with(companions, spec.name, value)
    at_create = {k: v for k, v in sent.items() if k not in updates}
    at_create.update(CREATED_WITH[call.kind].get(spec.name, {}))
    key = _key(call, _ok(call.create(world, **at_create)))
    _ok(call.update(world, key, **{k: v for k, v in sent.items() if k in updates}))
    if spec.name == "landing_page_url":  # the mockads extension shows in the list
        call.reads_back(world, key, "landing_page_url_list", [{"landing_page_url": value}])
    else:
        call.reads_back(world, key, spec.name, value)


@pytest.mark.parametrize(("call", "spec", "companions"), _cases("updatable"))
@EXAMPLES()
@given(data=st.data())
def test_smart_plus_update_refuses_any_invalid_value_and_changes_nothing(
    world, call, spec, companions, data
):
    key = _key(call, _ok(call.create(world)))
    before = call.read(world, key)
    refused_naming(
        call.update(world, key, **{spec.name: data.draw(invalid_values(spec))}), spec.name
    )
    assert call.read(world, key) == before


@pytest.mark.parametrize(("call", "spec", "companions"), _cases("create_only"))
@settings(
    max_examples=generation.examples(2, 15),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    deadline=None,
)
@given(data=st.data())
def test_smart_plus_update_refuses_each_create_only_field_and_changes_nothing(
    world, call, spec, companions, data
):
    key = _key(call, _ok(call.create(world)))
    before = call.read(world, key)
    value = data.draw(st.one_of(valid_values(spec), invalid_values(spec)))
    answer = call.update(world, key, **{spec.name: value})
    refused_naming(answer, spec.name)
    expected = "keeps a Smart+ ad's creatives" if spec.name == "creative_list" else "cannot be"
    assert expected in answer["message"]
    assert call.read(world, key) == before
