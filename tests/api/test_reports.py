"""`report/integrated/get/`: what the default account reports, and every parameter's refusals."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from mockads.testing import Sandbox
from mockads.testing.helper import MIRROR
from mockads.testing.reports import ETL_REPORT_METRICS as ETL_METRICS

PATH = f"{MIRROR}/report/integrated/get/"


def today(sandbox: Sandbox) -> date:
    return date.fromisoformat(sandbox.control("GET", "/clock")["now"][:10])


def report(sandbox: Sandbox, **params: Any) -> dict[str, Any]:
    """The answer to a report call: arrays and objects JSON-encoded, as clients send them."""
    query = {"advertiser_id": sandbox.advertiser_id, "report_type": "BASIC", **params}
    for name, value in query.items():
        if isinstance(value, list | dict):
            query[name] = json.dumps(value)
    return sandbox.get("report/integrated/get/", **query)


def daily(sandbox: Sandbox, **params: Any) -> dict[str, Any]:
    end = today(sandbox)
    defaults = {
        "data_level": "AUCTION_AD",
        "dimensions": ["ad_id", "stat_time_day"],
        "start_date": str(end - timedelta(days=29)),
        "end_date": str(end),
        "page_size": 1000,
    }
    return report(sandbox, **{**defaults, **params})


def test_report_integrated_get_the_default_account_has_thirty_days_of_ad_rows(
    pristine: Sandbox,
) -> None:
    answer = daily(pristine, metrics=["spend", "impressions"])
    assert answer["code"] == 0, answer
    rows = answer["data"]["list"]
    ads = {row["dimensions"]["ad_id"] for row in rows}
    assert len(ads) >= 2
    assert len(rows) == answer["data"]["page_info"]["total_number"] >= 2 * 29
    assert all(int(row["metrics"]["impressions"]) > 0 for row in rows)
    first = rows[0]["dimensions"]
    assert first["stat_time_day"].endswith(" 00:00:00")
    assert list(first) == ["ad_id", "stat_time_day"]


def test_report_integrated_get_rows_go_in_the_order_of_the_dimensions(pristine: Sandbox) -> None:
    rows = daily(pristine, metrics=["spend"])["data"]["list"]
    keys = [(int(r["dimensions"]["ad_id"]), r["dimensions"]["stat_time_day"]) for r in rows]
    assert keys == sorted(keys)
    by_day = daily(pristine, dimensions=["stat_time_day", "ad_id"], metrics=["spend"])
    keys = [
        (r["dimensions"]["stat_time_day"], int(r["dimensions"]["ad_id"]))
        for r in by_day["data"]["list"]
    ]
    assert keys == sorted(keys)


def test_report_integrated_get_answers_every_etl_metric_as_a_string(pristine: Sandbox) -> None:
    assert len(set(ETL_METRICS)) == len(ETL_METRICS) == 80
    answer = daily(pristine, metrics=ETL_METRICS, page_size=5)
    assert answer["code"] == 0, answer
    for row in answer["data"]["list"]:
        assert list(row["metrics"]) == ETL_METRICS
        assert all(isinstance(v, str) and v for v in row["metrics"].values())


def test_report_integrated_get_metrics_that_do_not_apply_are_a_dash(pristine: Sandbox) -> None:
    row = daily(pristine, metrics=["app_install", "tt_app_id", "secondary_goal_result"])
    assert row["data"]["list"][0]["metrics"] == {
        "app_install": "-",
        "tt_app_id": "-",
        "secondary_goal_result": "-",
    }


def test_report_integrated_get_attribute_metrics_come_from_the_objects(
    pristine: Sandbox,
) -> None:
    rows = daily(pristine, metrics=["ad_name", "campaign_id", "adgroup_name"])["data"]["list"]
    ads = {
        ad["ad_id"]: ad
        for ad in pristine.get("ad/get/", advertiser_id=pristine.advertiser_id)["data"]["list"]
    }
    for row in rows:
        ad = ads[row["dimensions"]["ad_id"]]
        assert row["metrics"]["ad_name"] == ad["ad_name"]
        assert row["metrics"]["campaign_id"] == ad["campaign_id"]
        assert row["metrics"]["adgroup_name"] == ad["adgroup_name"]


def test_report_integrated_get_budget_bid_and_creative_attributes_come_from_the_objects(
    pristine: Sandbox,
) -> None:
    """The attribute metrics the Singer tap asks for besides the §10 list."""
    names = ["campaign_budget", "budget", "bid_strategy", "bid", "billing_event"]
    names += ["smart_target", "opt_status", "call_to_action", "image_mode", "is_smart_creative"]
    names += ["app_promotion_type", "campaign_dedicate_type", "rf_campaign_type", "split_test"]
    rows = daily(pristine, metrics=names)["data"]["list"]
    advertiser = {"advertiser_id": pristine.advertiser_id}
    ads = {ad["ad_id"]: ad for ad in pristine.get("ad/get/", **advertiser)["data"]["list"]}
    groups = {
        g["adgroup_id"]: g for g in pristine.get("adgroup/get/", **advertiser)["data"]["list"]
    }
    campaigns = {
        c["campaign_id"]: c for c in pristine.get("campaign/get/", **advertiser)["data"]["list"]
    }
    assert rows
    for row in rows:
        m = row["metrics"]
        ad = ads[row["dimensions"]["ad_id"]]
        group, campaign = groups[ad["adgroup_id"]], campaigns[ad["campaign_id"]]
        assert m["campaign_budget"] == f"{campaign['budget']:.2f}"
        assert m["budget"] == f"{group['budget']:.2f}"
        assert m["bid_strategy"] == group["bid_type"]
        assert m["billing_event"] == group["billing_event"]
        assert m["smart_target"] == group["optimization_goal"]
        assert m["opt_status"] == group["operation_status"]
        assert m["call_to_action"] == (ad.get("call_to_action") or "-")
        assert m["image_mode"] == ad["ad_format"]
        assert m["is_smart_creative"] == "false"
        assert m["app_promotion_type"] == m["rf_campaign_type"] == m["split_test"] == "-"


def test_report_integrated_get_derived_metrics_come_from_their_parts(pristine: Sandbox) -> None:
    names = ["spend", "impressions", "clicks", "reach", "ctr", "cpc", "cpm", "frequency"]
    for row in daily(pristine, metrics=names)["data"]["list"]:
        m = {k: float(v) for k, v in row["metrics"].items()}
        assert m["ctr"] == pytest.approx(m["clicks"] / m["impressions"] * 100, abs=0.006)
        assert m["cpm"] == pytest.approx(m["spend"] / m["impressions"] * 1000, abs=0.006)
        assert m["frequency"] == pytest.approx(m["impressions"] / m["reach"], abs=0.006)
        if m["clicks"]:
            assert m["cpc"] == pytest.approx(m["spend"] / m["clicks"], abs=0.006)


def test_report_integrated_get_same_seed_and_clock_give_byte_identical_reports(
    client: FlaskClient,
) -> None:
    bodies = []
    for _ in range(2):
        created = client.post("/_mockads/v1/sandboxes", json={"scenario": "default", "seed": 5})
        sandbox = Sandbox(client, created.get_json())
        sandbox.control("POST", "/clock", {"set": "2027-03-01 12:34:56", "frozen": True})
        query = {
            "advertiser_id": sandbox.advertiser_id,
            "report_type": "BASIC",
            "data_level": "AUCTION_AD",
            "dimensions": '["ad_id","stat_time_day"]',
            "metrics": json.dumps(ETL_METRICS),
            "start_date": "2027-02-01",
            "end_date": "2027-03-01",
            "page_size": "1000",
        }
        response = client.get(
            PATH, query_string=query, headers={"Access-Token": sandbox.access_token}
        )
        body = response.get_json()
        assert body["code"] == 0, body
        assert body["data"]["list"]
        del body["request_id"]
        bodies.append(json.dumps(body, sort_keys=False))
        client.delete(f"/_mockads/v1/sandboxes/{sandbox.sandbox_id}")
    assert bodies[0] == bodies[1]


def test_report_integrated_get_takes_what_etl_clients_send(pristine: Sandbox) -> None:
    end = today(pristine)
    query = {
        "advertiser_id": pristine.advertiser_id,
        "service_type": "AUCTION",
        "report_type": "BASIC",
        "data_level": "AUCTION_AD",
        "dimensions": '[\n    "ad_id",\n    "stat_time_day"\n]',
        "metrics": '[\n "spend",\n "impressions"\n]',
        "start_date": str(end - timedelta(days=3)),
        "end_date": str(end),
        "query_lifetime": "false",
        "page_size": "1000",
    }
    response = pristine.client.get(
        PATH, query_string=query, json={}, headers={"Access-Token": pristine.access_token}
    )
    assert response.get_json()["code"] == 0
    assert response.get_json()["data"]["list"]


def test_report_integrated_get_pages_cover_every_row_once(pristine: Sandbox) -> None:
    whole = daily(pristine, metrics=["spend"])["data"]["list"]
    pages = []
    for page in range(1, 100):
        answer = daily(pristine, metrics=["spend"], page=page, page_size=7)["data"]
        pages += answer["list"]
        assert answer["page_info"]["total_number"] == len(whole)
        if page >= answer["page_info"]["total_page"]:
            break
    assert pages == whole


def test_report_integrated_get_orders_by_a_metric(pristine: Sandbox) -> None:
    rows = daily(pristine, metrics=["spend", "clicks"], order_field="clicks", order_type="ASC")
    clicks = [int(r["metrics"]["clicks"]) for r in rows["data"]["list"]]
    assert clicks == sorted(clicks)
    rows = daily(pristine, metrics=["spend", "clicks"], order_field="clicks")
    clicks = [int(r["metrics"]["clicks"]) for r in rows["data"]["list"]]
    assert clicks == sorted(clicks, reverse=True)


def test_report_integrated_get_total_metrics_sum_every_row(pristine: Sandbox) -> None:
    answer = daily(pristine, metrics=["impressions", "spend", "ad_name"], enable_total_metrics=True)
    data = answer["data"]
    total = sum(int(r["metrics"]["impressions"]) for r in data["list"])
    assert data["total_metrics"]["impressions"] == str(total)
    assert data["total_metrics"]["ad_name"] == "-"


def test_report_integrated_get_filters_by_ad_id(pristine: Sandbox) -> None:
    rows = daily(pristine, metrics=["spend"])["data"]["list"]
    ad_id = rows[0]["dimensions"]["ad_id"]
    for filtering in (
        [{"field_name": "ad_ids", "filter_type": "IN", "filter_value": json.dumps([ad_id])}],
        {"ad_ids": [ad_id]},
    ):
        filtered = daily(pristine, metrics=["spend"], filtering=filtering)["data"]["list"]
        assert filtered == [r for r in rows if r["dimensions"]["ad_id"] == ad_id]


def test_report_integrated_get_audience_rows_are_split_by_bucket(pristine: Sandbox) -> None:
    answer = daily(
        pristine,
        report_type="AUDIENCE",
        dimensions=["ad_id", "age", "gender", "stat_time_day"],
        metrics=["impressions"],
        page_size=30,
    )
    assert answer["code"] == 0, answer
    row = answer["data"]["list"][0]["dimensions"]
    assert set(row) == {"ad_id", "age", "gender", "stat_time_day"}
    assert row["age"].startswith("AGE_")


REFUSALS = [
    ({"metrics": ["spend", "nonsense"]}, "metrics: unknown metric 'nonsense'."),
    ({"end_date": "2026-01-31", "start_date": "2025-12-01"}, "end_date: a daily report covers"),
    ({"dimensions": ["ad_id", "stat_time_hour"]}, "end_date: an hourly report"),
    ({"query_lifetime": "true"}, "dimensions: stat_time_day cannot be used with query_lifetime"),
    ({"page_size": 1001}, "page_size:"),
    ({"page": 0}, "page:"),
    ({"report_type": "PLAYABLE"}, "report_type:"),
    ({"service_type": "RESERVATION"}, "service_type:"),
    ({"data_level": "AUCTION_CREATIVE"}, "data_level:"),
    ({"dimensions": ["campaign_id"]}, "dimensions: 'campaign_id' is not a dimension"),
    ({"dimensions": ["ad_id", "age"]}, "dimensions: 'age' is not a dimension of a BASIC"),
    ({"report_type": "AUDIENCE"}, "dimensions: an AUDIENCE report needs one of"),
    ({"dimensions": []}, "dimensions: give at least one dimension."),
    ({"dimensions": "[ad_id"}, "dimensions: Not a valid JSON-encoded list"),
    ({"start_date": "2026-13-01"}, "start_date:"),
    ({"start_date": "2026-02-10", "end_date": "2026-02-01"}, "end_date: must not be before"),
    ({"order_field": "likes"}, "order_field: 'likes' is neither"),
    ({"order_type": "UP"}, "order_type:"),
    ({"filtering": [{"field_name": "budget", "filter_value": "1"}]}, "filtering: unknown filter"),
    ({"filtering": {"ad_status": ["STATUS_MAYBE"]}}, "filtering.ad_status: must be one of"),
    ({"filtering": "3"}, "filtering: Not a valid JSON list or object."),
    ({"enable_total_metrics": "maybe"}, "enable_total_metrics:"),
]


@pytest.mark.parametrize(("params", "start"), REFUSALS)
def test_report_integrated_get_refuses_a_bad_parameter_with_40002(
    pristine: Sandbox, params: dict[str, Any], start: str
) -> None:
    answer = daily(pristine, **{"metrics": ["spend"], **params})
    assert answer["code"] == 40002, answer
    assert answer["message"].startswith(start), answer["message"]
    assert answer["data"] == {}


def test_report_integrated_get_without_dates_needs_query_lifetime(pristine: Sandbox) -> None:
    answer = report(pristine, data_level="AUCTION_AD", dimensions=["ad_id"])
    assert answer["code"] == 40002
    assert answer["message"].startswith("start_date: required unless query_lifetime is true.")


def test_report_integrated_get_refuses_another_advertiser_with_40001(
    pristine: Sandbox, foreign: Sandbox
) -> None:
    answer = report(
        pristine,
        advertiser_id=foreign.advertiser_id,
        dimensions=["advertiser_id"],
        query_lifetime=True,
    )
    assert answer["code"] == 40001


def test_report_integrated_get_a_bad_token_outranks_a_bad_parameter(pristine: Sandbox) -> None:
    response = pristine.client.get(
        PATH,
        query_string={"advertiser_id": pristine.advertiser_id, "report_type": "NOPE"},
        headers={"Access-Token": "not-a-token"},
    )
    assert response.get_json()["code"] == 40105
