"""Every field of the catalogue's campaign calls, generated from the catalogue (Hypothesis).

For each field: any valid value sent on `campaign/create/` (and on `campaign/update/` where the
catalogue lets update change it) comes back from `campaign/get/` and through `fields=`; any
invalid value (wrong type, not in the enum, too long, out of range) gets 40002 naming the field
and changes nothing; a create-only field sent to update is refused the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from mockads.domain.catalogue import CAMPAIGN_CREATE, CAMPAIGN_UPDATE, FieldSpec
from mockads.testing import CONTROL, Sandbox
from tests import generation
from tests.api.catalogue_values import CHARS, invalid_values, refused_naming, valid_values

ALL = {"primary_status": "STATUS_ALL"}
#: A body every single field's valid value fits in: the companions the documented rules ask
#: for (a daily budget, bid type and goal for budget optimization, an app for iOS 14, a ROAS
#: goal for VO_MIN_ROAS) are already there.
BASE = {
    "objective_type": "PRODUCT_SALES",
    "budget_mode": "BUDGET_MODE_DAY",
    "budget": 100,
    "bid_type": "BID_TYPE_NO_BID",
    "optimization_goal": "CONVERT",
    "app_id": "7000000000000000001",
    "roas_bid": 2.5,
}
#: Valid values narrower than the field's shape, because a rule of its own says so.
NARROWER = {
    "budget": st.floats(50, 1e9, allow_nan=False),
    "campaign_name": st.text(CHARS, max_size=480),  # and a unique suffix
}
ON_UPDATE = {"special_industries": st.just([])}  # update can only clear them
UPDATABLE = [s for s in CAMPAIGN_UPDATE if s.name not in ("advertiser_id", "campaign_id")]
CREATE_ONLY = [s for s in CAMPAIGN_CREATE if s.name not in {u.name for u in CAMPAIGN_UPDATE}]
SENT = [s for s in CAMPAIGN_CREATE if s.name != "advertiser_id"]
_names = (f"Field test {n}" for n in itertools.count(1))


@pytest.fixture(scope="module")
def sandbox(mockads_app: Flask) -> Iterator[Sandbox]:
    """One sandbox for the module: every example makes campaigns of its own names."""
    client = mockads_app.test_client()
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 5})
    made = Sandbox(client, response.get_json())
    yield made
    client.delete(f"{CONTROL}/sandboxes/{made.sandbox_id}")


def _value(spec: FieldSpec, data: st.DataObject, table: dict[str, Any] | None = None) -> Any:
    strategy = {**NARROWER, **(table or {})}.get(spec.name, valid_values(spec))
    value = data.draw(strategy)
    return f"{value} {next(_names)}" if spec.name == "campaign_name" else value


def _create(sandbox: Sandbox, **fields: Any) -> dict[str, Any]:
    body = {"advertiser_id": sandbox.advertiser_id, "campaign_name": next(_names), **BASE}
    return sandbox.post("campaign/create/", {**body, **fields})


def _read(sandbox: Sandbox, campaign_id: str, fields: list[str] | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"filtering": {"campaign_ids": [campaign_id], **ALL}}
    if fields:
        params["fields"] = fields
    body = sandbox.get("campaign/get/", advertiser_id=sandbox.advertiser_id, **params)
    assert body["code"] == 0, body
    (campaign,) = body["data"]["list"]
    return campaign


def _count(sandbox: Sandbox) -> int:
    body = sandbox.get(
        "campaign/get/", advertiser_id=sandbox.advertiser_id, filtering=ALL, page_size=1
    )
    return body["data"]["page_info"]["total_number"]


def _reads_back(sandbox: Sandbox, campaign_id: str, name: str, value: Any) -> None:
    assert _read(sandbox, campaign_id)[name] == value
    assert _read(sandbox, campaign_id, [name]) == {name: value}


@pytest.mark.parametrize("spec", SENT, ids=lambda s: s.name)
@settings(max_examples=generation.examples(8, 40))
@given(data=st.data())
def test_campaign_create_stores_and_returns_any_valid_value_of_each_field(sandbox, spec, data):
    value = _value(spec, data)
    body = _create(sandbox, **{spec.name: value})
    assert body["code"] == 0, (spec.name, value, body)
    campaign_id = body["data"]["campaign_id"]
    if spec.shown:
        assert body["data"][spec.name] == value
        _reads_back(sandbox, campaign_id, spec.name, value)
    else:
        assert spec.name not in _read(sandbox, campaign_id)


@pytest.mark.parametrize("spec", CAMPAIGN_CREATE, ids=lambda s: s.name)
@settings(max_examples=generation.examples(8, 40))
@given(data=st.data())
def test_campaign_create_refuses_any_invalid_value_of_each_field(sandbox, spec, data):
    value = data.draw(invalid_values(spec))
    before = _count(sandbox)
    refused_naming(_create(sandbox, **{spec.name: value}), spec.name)
    assert _count(sandbox) == before


@pytest.mark.parametrize("spec", UPDATABLE, ids=lambda s: s.name)
@settings(max_examples=generation.examples(8, 40))
@given(data=st.data())
def test_campaign_update_changes_each_updatable_field_to_any_valid_value(sandbox, spec, data):
    campaign_id = _create(sandbox, special_industries=["HOUSING"])["data"]["campaign_id"]
    value = _value(spec, data, ON_UPDATE)
    body = {"advertiser_id": sandbox.advertiser_id, "campaign_id": campaign_id, spec.name: value}
    answer = sandbox.post("campaign/update/", body)
    assert answer["code"] == 0, (spec.name, value, answer)
    _reads_back(sandbox, campaign_id, spec.name, value)


@pytest.mark.parametrize("spec", UPDATABLE, ids=lambda s: s.name)
@settings(max_examples=generation.examples(8, 40))
@given(data=st.data())
def test_campaign_update_refuses_any_invalid_value_and_changes_nothing(sandbox, spec, data):
    campaign_id = _create(sandbox)["data"]["campaign_id"]
    before = _read(sandbox, campaign_id)
    value = data.draw(invalid_values(spec))
    body = {"advertiser_id": sandbox.advertiser_id, "campaign_id": campaign_id, spec.name: value}
    refused_naming(sandbox.post("campaign/update/", body), spec.name)
    assert _read(sandbox, campaign_id) == before


@pytest.mark.parametrize("spec", CREATE_ONLY, ids=lambda s: s.name)
@settings(max_examples=generation.examples(3, 15))
@given(data=st.data())
def test_campaign_update_refuses_each_create_only_field_and_changes_nothing(sandbox, spec, data):
    campaign_id = _create(sandbox)["data"]["campaign_id"]
    before = _read(sandbox, campaign_id)
    value = data.draw(st.one_of(valid_values(spec), invalid_values(spec)))
    body = {"advertiser_id": sandbox.advertiser_id, "campaign_id": campaign_id, spec.name: value}
    answer = sandbox.post("campaign/update/", body)
    refused_naming(answer, spec.name)
    assert "cannot be changed" in answer["message"]
    assert _read(sandbox, campaign_id) == before
