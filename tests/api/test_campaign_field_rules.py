"""Campaign fields beyond name and budget: what the §10 ETL readers get back, the documented
rules between fields, and what update may change."""

from __future__ import annotations

import itertools

import pytest

from tests.api.helpers import ETL_CAMPAIGN_FIELDS

_names = (f"Rules {n}" for n in itertools.count(1))
ALL = {"primary_status": "STATUS_ALL"}
CBO = {
    "budget_optimize_on": True,
    "budget_mode": "BUDGET_MODE_DAY",
    "budget": 200,
    "bid_type": "BID_TYPE_NO_BID",
    "optimization_goal": "CONVERT",
}


def _create(sandbox, **fields):
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_name": next(_names),
        "objective_type": "TRAFFIC",
        **fields,
    }
    return sandbox.post("campaign/create/", body)


def _read(sandbox, campaign_id, **params):
    body = sandbox.get(
        "campaign/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering={"campaign_ids": [campaign_id], **ALL},
        **params,
    )
    (campaign,) = body["data"]["list"]
    return campaign


def _update(sandbox, campaign_id, **fields):
    body = {"advertiser_id": sandbox.advertiser_id, "campaign_id": campaign_id, **fields}
    return sandbox.post("campaign/update/", body)


def _refused(body, field, words):
    assert (body["code"], body["data"]) == (40002, {}), body
    assert body["message"].startswith(f"{field}: "), body["message"]
    assert words in body["message"]


def test_campaign_get_gives_etl_readers_every_field_filled_from_what_was_sent(mockads_sandbox):
    sent = {
        **CBO,
        "objective_type": "PRODUCT_SALES",
        "campaign_type": "IOS14_CAMPAIGN",
        "app_id": "7012345678901234567",
        "special_industries": ["HOUSING", "CREDIT"],
        "operation_status": "DISABLE",
    }
    campaign_id = _create(mockads_sandbox, campaign_name="ETL", **sent)["data"]["campaign_id"]
    campaign = _read(mockads_sandbox, campaign_id, fields=ETL_CAMPAIGN_FIELDS)
    assert list(campaign) == ETL_CAMPAIGN_FIELDS
    assert {k: campaign[k] for k in sent} == sent
    assert campaign["campaign_name"] == "ETL"
    assert campaign["secondary_status"] == "CAMPAIGN_STATUS_DISABLE"
    assert all(value is not None for value in campaign.values()), campaign


def test_campaign_create_keeps_budget_optimization_and_special_industries(mockads_sandbox):
    body = _create(mockads_sandbox, special_industries=["HOUSING"], **CBO)
    assert body["code"] == 0, body
    campaign = _read(mockads_sandbox, body["data"]["campaign_id"])
    assert (campaign["budget_optimize_on"], campaign["special_industries"]) == (True, ["HOUSING"])


def test_campaign_get_shows_defaults_for_fields_never_sent(pristine):
    body = pristine.get("campaign/get/", advertiser_id=pristine.advertiser_id)
    (campaign,) = body["data"]["list"]
    assert campaign["budget_optimize_on"] is False
    assert campaign["special_industries"] == []
    assert campaign["campaign_type"] == "REGULAR_CAMPAIGN"
    assert (campaign["po_number"], campaign["rta_id"]) == (None, None)


def test_campaign_create_ignores_unknown_parameters(mockads_sandbox):
    body = _create(mockads_sandbox, not_a_field=[1, 2], budget_optimize=True)
    assert body["code"] == 0, body
    assert "not_a_field" not in _read(mockads_sandbox, body["data"]["campaign_id"])


def test_campaign_create_takes_request_id_and_never_returns_it(mockads_sandbox):
    body = _create(mockads_sandbox, request_id="123456789")
    assert body["code"] == 0
    assert "request_id" not in body["data"]


@pytest.mark.parametrize("needed", ["budget_mode", "bid_type", "optimization_goal"])
def test_campaign_create_refuses_budget_optimization_without_what_it_needs(pristine, needed):
    sent = {k: v for k, v in CBO.items() if k != needed}  # no budget_mode: an infinite budget
    _refused(_create(pristine, **sent), needed, "budget_optimize_on is true")


def test_campaign_create_needs_deep_bid_type_for_optimized_value(pristine):
    body = _create(pristine, **{**CBO, "optimization_goal": "VALUE"})
    _refused(body, "deep_bid_type", "optimization_goal is VALUE")


def test_campaign_create_needs_roas_bid_with_vo_min_roas(pristine):
    _refused(_create(pristine, deep_bid_type="VO_MIN_ROAS"), "roas_bid", "VO_MIN_ROAS")


def test_campaign_create_refuses_app_retargeting_in_an_ios14_campaign(pristine):
    body = _create(pristine, campaign_type="IOS14_CAMPAIGN", app_promotion_type="APP_RETARGETING")
    _refused(body, "app_promotion_type", "IOS14_CAMPAIGN")


def test_campaign_create_needs_an_app_for_an_ios14_product_sales_campaign(pristine):
    body = _create(pristine, campaign_type="IOS14_CAMPAIGN", objective_type="PRODUCT_SALES")
    _refused(body, "app_id", "IOS14_CAMPAIGN")


def test_campaign_update_clears_special_industries(mockads_sandbox):
    campaign_id = _create(mockads_sandbox, special_industries=["EMPLOYMENT"])["data"]["campaign_id"]
    assert _update(mockads_sandbox, campaign_id, special_industries=[])["code"] == 0
    assert _read(mockads_sandbox, campaign_id)["special_industries"] == []


def test_campaign_update_cannot_add_special_industries(mockads_sandbox):
    campaign_id = _create(mockads_sandbox)["data"]["campaign_id"]
    body = _update(mockads_sandbox, campaign_id, special_industries=["CREDIT"])
    _refused(body, "special_industries", "can only be cleared")


def test_campaign_update_keeps_budget_optimization_on_a_daily_budget(mockads_sandbox):
    campaign_id = _create(mockads_sandbox, **CBO)["data"]["campaign_id"]
    body = _update(mockads_sandbox, campaign_id, budget_mode="BUDGET_MODE_INFINITE")
    _refused(body, "budget_mode", "BUDGET_MODE_DAY")
    assert _read(mockads_sandbox, campaign_id)["budget_mode"] == "BUDGET_MODE_DAY"


def test_campaign_update_changes_the_po_number(mockads_sandbox):
    campaign_id = _create(mockads_sandbox, po_number="PO-1")["data"]["campaign_id"]
    assert _update(mockads_sandbox, campaign_id, po_number="PO-2")["code"] == 0
    assert _read(mockads_sandbox, campaign_id)["po_number"] == "PO-2"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("objective_type", "REACH", "cannot be changed after creation."),
        ("budget_optimize_on", True, "cannot be changed after creation."),
        ("operation_status", "DISABLE", "use campaign/status/update/"),
    ],
)
def test_campaign_update_refuses_a_create_only_field(pristine, field, value, words):
    body = pristine.get("campaign/get/", advertiser_id=pristine.advertiser_id)
    campaign_id = body["data"]["list"][0]["campaign_id"]
    _refused(_update(pristine, campaign_id, **{field: value}), field, words)
