"""Ad group fields beyond the columns: what the §10 ETL readers get back, identities of
PRODUCT_SALES ad groups, and the rules an update is held to again."""

from __future__ import annotations

import itertools

import pytest

from tests.api.ads_helpers import identity_of
from tests.api.helpers import ETL_ADGROUP_FIELDS

_names = (f"Rules {n}" for n in itertools.count(1))
ALL = {"primary_status": "STATUS_ALL"}
DAYPARTING = ("0" * 18 + "1" * 26 + "0" * 4) * 5 + "0" * 96  # weekdays 09:00-22:00


def _campaign(sandbox, objective="TRAFFIC", **fields):
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_name": next(_names),
        "objective_type": objective,
        **fields,
    }
    answer = sandbox.post("campaign/create/", body)
    assert answer["code"] == 0, answer
    return answer["data"]["campaign_id"]


def _create(sandbox, campaign_id=None, **fields):
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_id": campaign_id or _campaign(sandbox),
        "adgroup_name": next(_names),
        "location_ids": ["6252001"],
        "budget_mode": "BUDGET_MODE_DAY",
        "budget": 100,
        "schedule_start_time": "2026-12-01 09:00:00",
        "optimization_goal": "CLICK",
        "billing_event": "CPC",
        **fields,
    }
    return sandbox.post("adgroup/create/", body)


def _read(sandbox, adgroup_id, **params):
    body = sandbox.get(
        "adgroup/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering={"adgroup_ids": [adgroup_id], **ALL},
        **params,
    )
    (adgroup,) = body["data"]["list"]
    return adgroup


def _update(sandbox, adgroup_id, **fields):
    body = {"advertiser_id": sandbox.advertiser_id, "adgroup_id": adgroup_id, **fields}
    return sandbox.post("adgroup/update/", body)


def _count(sandbox):
    body = sandbox.get("adgroup/get/", advertiser_id=sandbox.advertiser_id, filtering=ALL)
    return body["data"]["page_info"]["total_number"]


def _refused(body, field, words, code=40002):
    assert (body["code"], body["data"]) == (code, {}), body
    assert body["message"].startswith(f"{field}: "), body["message"]
    assert words in body["message"]


def test_adgroup_get_gives_etl_readers_every_targeting_field_as_sent(mockads_sandbox):
    # The issue's own example: each of these read back as a default before.
    sent = {
        "gender": "GENDER_FEMALE",
        "age_groups": ["AGE_25_34"],
        "pacing": "PACING_MODE_FAST",
        "languages": ["en"],
        "operating_systems": ["IOS"],
        "dayparting": DAYPARTING,
        "comment_disabled": True,
        "placement_type": "PLACEMENT_TYPE_NORMAL",
        "placements": ["PLACEMENT_TIKTOK"],
        "bid_type": "BID_TYPE_CUSTOM",
        "bid_price": 1.25,
    }
    adgroup_id = _create(mockads_sandbox, **sent)["data"]["adgroup_id"]
    adgroup = _read(mockads_sandbox, adgroup_id, fields=ETL_ADGROUP_FIELDS)
    assert list(adgroup) == ETL_ADGROUP_FIELDS
    assert {k: adgroup[k] for k in sent if k in adgroup} == {
        k: v for k, v in sent.items() if k in ETL_ADGROUP_FIELDS
    }
    assert (adgroup["is_comment_disable"], adgroup["location"]) == (1, ["6252001"])
    assert _read(mockads_sandbox, adgroup_id)["dayparting"] == DAYPARTING


def test_a_product_sales_ad_group_takes_one_of_the_advertisers_identities(mockads_sandbox):
    identity = identity_of(mockads_sandbox, "TT_USER")
    campaign_id = _campaign(mockads_sandbox, "PRODUCT_SALES")
    chosen = {"identity_type": "TT_USER", "identity_id": identity["identity_id"]}
    body = _create(mockads_sandbox, campaign_id, **chosen)
    assert body["code"] == 0, body
    assert {k: body["data"][k] for k in chosen} == chosen


@pytest.mark.parametrize("identity_type", ["TT_USER", "CUSTOMIZED_USER"])
def test_an_identity_that_is_not_the_advertisers_of_that_type_is_refused(
    mockads_sandbox, identity_type
):
    campaign_id = _campaign(mockads_sandbox, "PRODUCT_SALES")
    other = "AUTH_CODE" if identity_type == "TT_USER" else "TT_USER"
    known = identity_of(mockads_sandbox, other)["identity_id"]
    before = _count(mockads_sandbox)
    for unknown in (known, "7000000000000000000"):
        body = _create(
            mockads_sandbox, campaign_id, identity_type=identity_type, identity_id=unknown
        )
        _refused(body, "identity_id", "no permission", code=40001)
    assert _count(mockads_sandbox) == before


def test_identity_fields_are_refused_outside_product_sales(mockads_sandbox):
    identity = identity_of(mockads_sandbox, "TT_USER")
    before = _count(mockads_sandbox)
    body = _create(mockads_sandbox, identity_type="TT_USER", identity_id=identity["identity_id"])
    _refused(body, "identity_type", "only for a PRODUCT_SALES campaign's ad groups")
    assert _count(mockads_sandbox) == before


def test_leaving_a_custom_bid_clears_its_price(mockads_sandbox):
    custom = {"bid_type": "BID_TYPE_CUSTOM", "bid_price": 2.0}
    adgroup_id = _create(mockads_sandbox, **custom)["data"]["adgroup_id"]
    body = _update(mockads_sandbox, adgroup_id, bid_type="BID_TYPE_NO_BID")
    assert body["code"] == 0, body
    assert (body["data"]["bid_type"], body["data"]["bid_price"]) == ("BID_TYPE_NO_BID", 0)


def test_leaving_a_custom_ocpm_bid_clears_its_conversion_bid(mockads_sandbox):
    custom = {"bid_type": "BID_TYPE_CUSTOM", "billing_event": "OCPM", "conversion_bid_price": 3}
    adgroup_id = _create(mockads_sandbox, optimization_goal="CONVERT", **custom)["data"][
        "adgroup_id"
    ]
    body = _update(mockads_sandbox, adgroup_id, bid_type="BID_TYPE_MAX_CONVERSION")
    assert body["code"] == 0, body
    assert body["data"]["conversion_bid_price"] is None


def test_update_holds_the_whole_ad_group_to_the_rules_and_changes_nothing_when_refused(
    mockads_sandbox,
):
    adgroup_id = _create(mockads_sandbox, bid_type="BID_TYPE_CUSTOM", bid_price=60)["data"][
        "adgroup_id"
    ]
    before = _read(mockads_sandbox, adgroup_id)
    _refused(_update(mockads_sandbox, adgroup_id, budget=55), "bid_price", "lower than the")
    _refused(
        _update(mockads_sandbox, adgroup_id, frequency=2, frequency_schedule=1),
        "frequency",
        "only for a REACH campaign's ad groups",
    )
    _refused(
        _update(mockads_sandbox, adgroup_id, brand_safety_type="THIRD_PARTY"),
        "brand_safety_type",
        "only with placements [PLACEMENT_TIKTOK]",
    )
    assert _read(mockads_sandbox, adgroup_id) == before


def test_update_moves_between_schedules(mockads_sandbox):
    adgroup_id = _create(mockads_sandbox)["data"]["adgroup_id"]
    end = "2027-01-01 09:00:00"
    body = _update(mockads_sandbox, adgroup_id, schedule_end_time=end)
    assert (body["data"]["schedule_type"], body["data"]["schedule_end_time"]) == (
        "SCHEDULE_START_END",
        end,
    )
    body = _update(mockads_sandbox, adgroup_id, schedule_type="SCHEDULE_FROM_NOW")
    assert (body["data"]["schedule_type"], body["data"]["schedule_end_time"]) == (
        "SCHEDULE_FROM_NOW",
        "2036-12-01 09:00:00",
    )


def test_ios14_plus_targeting_cannot_be_undone(mockads_sandbox):
    campaign_id = _campaign(
        mockads_sandbox, "APP_PROMOTION", campaign_type="IOS14_CAMPAIGN", app_id="7000000000000001"
    )
    body = _create(mockads_sandbox, campaign_id)
    _refused(body, "ios14_targeting", "must be IOS14_PLUS in an IOS14_CAMPAIGN")
    adgroup_id = _create(mockads_sandbox, campaign_id, ios14_targeting="IOS14_PLUS")["data"][
        "adgroup_id"
    ]
    body = _update(mockads_sandbox, adgroup_id, ios14_targeting="IOS14_MINUS")
    _refused(body, "ios14_targeting", "cannot be changed once IOS14_PLUS")


def test_budget_optimization_takes_only_smooth_pacing(mockads_sandbox):
    cbo = {
        "budget_optimize_on": True,
        "budget_mode": "BUDGET_MODE_DAY",
        "budget": 200,
        "bid_type": "BID_TYPE_NO_BID",
        "optimization_goal": "CONVERT",
    }
    campaign_id = _campaign(mockads_sandbox, "PRODUCT_SALES", **cbo)
    body = _create(mockads_sandbox, campaign_id, pacing="PACING_MODE_FAST")
    _refused(body, "pacing", "only PACING_MODE_SMOOTH with Campaign Budget Optimization")
    assert _create(mockads_sandbox, campaign_id)["data"]["pacing"] == "PACING_MODE_SMOOTH"
