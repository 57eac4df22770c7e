"""Report totals agree, whatever the seed, the clock and what was paused (Hypothesis).

Across levels a campaign's (ad group's, account's) row is the sum of its ads' rows; across
breakdowns audience rows sum to the basic row; across time hours sum to their day and days to
the lifetime. Engagement a Spark ad earns lands on the post it promotes, and only there.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from mockads.testing import CONTROL, Sandbox
from tests import generation

#: Additive metrics (spend in cents once read).
ADDITIVE = ["impressions", "clicks", "spend", "reach", "likes", "video_play_actions", "result"]
PROPERTY_SETTINGS = settings(
    max_examples=generation.examples(4, 40),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure is its own example
    suppress_health_check=list(HealthCheck),
)
CLOCKS = st.builds(
    lambda days, hours: f"{date(2027, 3, 1) + timedelta(days=days)} {hours:02d}:17:00",
    st.integers(0, 20),
    st.integers(0, 23),
)


def _sandbox(app: Flask, seed: int, now: str | None, pause: bool) -> Sandbox:
    """A default sandbox, its clock stopped (at `now`, or where it stands)."""
    client = app.test_client()
    created = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": seed})
    sandbox = Sandbox(client, created.get_json())
    sandbox.control("POST", "/clock", {"frozen": True, **({"set": now} if now else {})})
    if pause:  # one ad paused now; moving the clock on leaves a gap in its history
        ad = sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id)["data"]["list"][0]
        sandbox.post(
            "ad/status/update/",
            {
                "advertiser_id": sandbox.advertiser_id,
                "ad_ids": [ad["ad_id"]],
                "operation_status": "DISABLE",
            },
        )
        sandbox.control("POST", "/clock", {"advance_seconds": 3 * 86_400})
    return sandbox


def _rows(sandbox: Sandbox, **params: Any) -> list[dict[str, Any]]:
    query = {
        "advertiser_id": sandbox.advertiser_id,
        "report_type": "BASIC",
        "metrics": ADDITIVE,
        "page_size": 1000,
        **params,
    }
    query = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in query.items()}
    answer = sandbox.get("report/integrated/get/", **query)
    assert answer["code"] == 0, answer
    assert answer["data"]["page_info"]["total_number"] == len(answer["data"]["list"])
    return answer["data"]["list"]


def _value(name: str, text: str) -> int:
    return round(float(text) * 100) if name == "spend" else int(text)


def _totals(rows: list[dict[str, Any]], *by: str) -> dict[tuple[str, ...], Counter[str]]:
    """Each group's sums of the additive metrics, grouped by dimensions or metrics `by`."""
    totals: dict[tuple[str, ...], Counter[str]] = {}
    for row in rows:
        where = {**row["dimensions"], **row["metrics"]}
        key = tuple(where[name] for name in by)
        counter = totals.setdefault(key, Counter())
        for name in ADDITIVE:
            counter[name] += _value(name, row["metrics"][name])
    return totals


def _window(sandbox: Sandbox, days: int = 30) -> dict[str, str]:
    end = date.fromisoformat(sandbox.control("GET", "/clock")["now"][:10])
    return {"start_date": str(end - timedelta(days=days - 1)), "end_date": str(end)}


@PROPERTY_SETTINGS
@given(seed=st.integers(1, 60), now=CLOCKS, pause=st.booleans())
def test_a_campaign_row_is_the_sum_of_its_ads_rows(
    mockads_app: Flask, seed: int, now: str, pause: bool
) -> None:
    sandbox = _sandbox(mockads_app, seed, now, pause)
    window = {**_window(sandbox), "filtering": {"ad_status": ["STATUS_ALL"]}}
    ads = _rows(
        sandbox,
        data_level="AUCTION_AD",
        dimensions=["ad_id", "stat_time_day"],
        metrics=[*ADDITIVE, "campaign_id", "adgroup_id"],
        **window,
    )
    assert ads
    for level, field in (("AUCTION_CAMPAIGN", "campaign_id"), ("AUCTION_ADGROUP", "adgroup_id")):
        upper = _rows(sandbox, data_level=level, dimensions=[field, "stat_time_day"], **window)
        assert _totals(upper, field, "stat_time_day") == _totals(ads, field, "stat_time_day")
    account = _rows(
        sandbox, data_level="AUCTION_ADVERTISER", dimensions=["advertiser_id"], **window
    )
    assert _totals(account) == _totals(ads)


@PROPERTY_SETTINGS
@given(
    seed=st.integers(1, 60),
    now=CLOCKS,
    audience=st.sampled_from(
        [["age"], ["gender"], ["age", "gender"], ["country_code"], ["platform"], ["province_id"]]
    ),
)
def test_audience_rows_sum_to_the_basic_row(
    mockads_app: Flask, seed: int, now: str, audience: list[str]
) -> None:
    sandbox = _sandbox(mockads_app, seed, now, pause=False)
    window = _window(sandbox, days=5)
    basic = _rows(sandbox, data_level="AUCTION_AD", dimensions=["ad_id", "stat_time_day"], **window)
    split = _rows(
        sandbox,
        report_type="AUDIENCE",
        data_level="AUCTION_AD",
        dimensions=["ad_id", *audience, "stat_time_day"],
        **window,
    )
    assert basic
    assert _totals(split, "ad_id", "stat_time_day") == _totals(basic, "ad_id", "stat_time_day")


@PROPERTY_SETTINGS
@given(seed=st.integers(1, 60), now=CLOCKS, pause=st.booleans(), back=st.integers(0, 3))
def test_hours_sum_to_their_day_and_days_to_the_lifetime(
    mockads_app: Flask, seed: int, now: str, pause: bool, back: int
) -> None:
    sandbox = _sandbox(mockads_app, seed, now, pause)
    everything = {"filtering": {"ad_status": ["STATUS_ALL"]}}
    day = str(date.fromisoformat(sandbox.control("GET", "/clock")["now"][:10]) - timedelta(back))
    one_day = {"start_date": day, "end_date": day, **everything}
    hourly = _rows(
        sandbox, data_level="AUCTION_AD", dimensions=["ad_id", "stat_time_hour"], **one_day
    )
    daily = _rows(
        sandbox, data_level="AUCTION_AD", dimensions=["ad_id", "stat_time_day"], **one_day
    )
    assert _totals(hourly, "ad_id") == _totals(daily, "ad_id")
    days: list[dict[str, Any]] = []
    end = date.fromisoformat(sandbox.control("GET", "/clock")["now"][:10])
    for months_back in range(8):  # campaigns are under 60 days older than CLOCKS' earliest
        last = end - timedelta(days=30 * months_back)
        window = {"start_date": str(last - timedelta(days=29)), "end_date": str(last)}
        days += _rows(
            sandbox,
            data_level="AUCTION_AD",
            dimensions=["ad_id", "stat_time_day"],
            **window,
            **everything,
        )
    lifetime = _rows(
        sandbox, data_level="AUCTION_AD", dimensions=["ad_id"], query_lifetime=True, **everything
    )
    assert _totals(days, "ad_id") == _totals(lifetime, "ad_id")


def _engagement(sandbox: Sandbox) -> dict[str, dict[str, int]]:
    """Every post's counters, as the creator app shows them."""
    found = {}
    for creator in sandbox.control("GET", "/creators")["creators"]:
        for post in sandbox.control("GET", f"/creators/{creator['creator_id']}/posts")["posts"]:
            found[post["item_id"]] = post["engagement"]
    return found


@PROPERTY_SETTINGS
@given(seed=st.integers(1, 60), hours=st.integers(24, 72))
def test_engagement_lands_on_the_promoted_post_and_only_there(
    mockads_app: Flask, seed: int, hours: int
) -> None:
    sandbox = _sandbox(mockads_app, seed, None, pause=False)  # its codes still authorize
    ads = sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id)["data"]["list"]
    promoted = {ad["tiktok_item_id"] for ad in ads if ad["identity_type"] != "CUSTOMIZED_USER"}
    before = _engagement(sandbox)
    window = {"data_level": "AUCTION_AD", "dimensions": ["ad_id"]}
    window |= _window(sandbox, days=2)
    window["end_date"] = str(date.fromisoformat(window["end_date"]) + timedelta(days=4))
    reported_before = _totals(_rows(sandbox, **window), "ad_id")
    sandbox.control("POST", "/clock", {"advance_seconds": hours * 3600})
    after = _engagement(sandbox)
    reported_after = _totals(_rows(sandbox, **window), "ad_id")
    gained = sum(
        reported_after.get((ad["ad_id"],), Counter())["likes"]
        - reported_before.get((ad["ad_id"],), Counter())["likes"]
        for ad in ads
        if ad["identity_type"] != "CUSTOMIZED_USER"
    )
    for item_id, counters in after.items():
        if item_id not in promoted:
            assert counters == before[item_id], item_id
    assert sum(after[i]["likes"] - before[i]["likes"] for i in promoted) == gained
    assert gained > 0
