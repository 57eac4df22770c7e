"""Nothing accrues while an ad, its ad group or its campaign is paused (status history).

Two sandboxes of one seed live the same clock; in one, an object is paused for whole hours and
resumed. Its hourly report lacks exactly those hours, every other hour is the same, and the
posts its Spark ads promote earn exactly what those hours delivered less.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from flask import Flask

from mockads.testing import CONTROL, Sandbox

PAUSED_FROM, PAUSED_HOURS, READ_AT = 2, 5, 12
#: What a post's counters take from a report row's metrics.
COUNTERS = {"views": "video_play_actions", "likes": "likes", "comments": "comments"}


def _sandbox(app: Flask) -> Sandbox:
    client = app.test_client()
    created = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 5})
    assert created.status_code == 201
    return Sandbox(client, created.get_json())


@pytest.fixture
def twins(mockads_app: Flask) -> Iterator[tuple[Sandbox, Sandbox]]:
    """Two sandboxes of one seed, their clocks stopped at 00:00 of the next day."""
    pair = (_sandbox(mockads_app), _sandbox(mockads_app))
    now = datetime.fromisoformat(pair[0].control("GET", "/clock")["now"])
    midnight = datetime(now.year, now.month, now.day) + timedelta(days=1)
    for sandbox in pair:
        sandbox.control("POST", "/clock", {"frozen": True, "set": f"{midnight:%Y-%m-%d %H:%M:%S}"})
    yield pair
    for sandbox in pair:
        sandbox.client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def _advance(sandbox: Sandbox, hours: int) -> None:
    sandbox.control("POST", "/clock", {"advance_seconds": hours * 3600})


def _set_status(sandbox: Sandbox, kind: str, object_id: str, status: str) -> None:
    answer = sandbox.post(
        f"{kind}/status/update/",
        {
            "advertiser_id": sandbox.advertiser_id,
            f"{kind}_ids": [object_id],
            "operation_status": status,
        },
    )
    assert answer["code"] == 0, answer


def _hourly(sandbox: Sandbox, day: str) -> dict[tuple[str, str], dict[str, str]]:
    """The day's hourly ad rows: (ad id, hour) -> metrics."""
    metrics = ["impressions", "spend", *COUNTERS.values()]
    answer = sandbox.get(
        "report/integrated/get/",
        advertiser_id=sandbox.advertiser_id,
        report_type="BASIC",
        data_level="AUCTION_AD",
        dimensions=json.dumps(["ad_id", "stat_time_hour"]),
        metrics=json.dumps(metrics),
        start_date=day,
        end_date=day,
        page_size=1000,
    )
    assert answer["code"] == 0, answer
    return {
        (row["dimensions"]["ad_id"], row["dimensions"]["stat_time_hour"]): row["metrics"]
        for row in answer["data"]["list"]
    }


def _engagement(sandbox: Sandbox) -> dict[str, dict[str, int]]:
    """Every post's counters, as the creator app shows them."""
    found = {}
    for creator in sandbox.control("GET", "/creators")["creators"]:
        for post in sandbox.control("GET", f"/creators/{creator['creator_id']}/posts")["posts"]:
            found[post["item_id"]] = post["engagement"]
    return found


@pytest.mark.parametrize("kind", ["ad", "adgroup", "campaign"])
def test_nothing_accrues_while_an_ad_its_ad_group_or_its_campaign_is_paused(
    twins: tuple[Sandbox, Sandbox], kind: str
) -> None:
    paused, twin = twins
    ads = paused.get("ad/get/", advertiser_id=paused.advertiser_id)["data"]["list"]
    spark = next(ad for ad in ads if ad["identity_type"] != "CUSTOMIZED_USER")
    object_id = spark[f"{kind}_id"]
    affected = {ad["ad_id"]: ad for ad in ads if ad[f"{kind}_id"] == object_id}
    day = paused.control("GET", "/clock")["now"][:10]

    for sandbox in twins:
        _advance(sandbox, PAUSED_FROM)
    _set_status(paused, kind, object_id, "DISABLE")
    for sandbox in twins:
        _advance(sandbox, PAUSED_HOURS)
    _set_status(paused, kind, object_id, "ENABLE")
    for sandbox in twins:
        _advance(sandbox, READ_AT - PAUSED_FROM - PAUSED_HOURS)

    hours = {f"{day} {h:02d}:00:00" for h in range(PAUSED_FROM, PAUSED_FROM + PAUSED_HOURS)}
    with_pause, without = _hourly(paused, day), _hourly(twin, day)
    lost = {key for key in without if key[0] in affected and key[1] in hours}
    assert lost, "the paused ads delivered in those hours in the twin"
    assert set(with_pause) == set(without) - lost
    assert all(with_pause[key] == without[key] for key in with_pause)

    earned, earned_twin = _engagement(paused), _engagement(twin)
    for item_id, counters in earned_twin.items():
        for counter, metric in COUNTERS.items():
            expected = sum(
                int(without[key][metric])
                for key in lost
                if affected[key[0]]["tiktok_item_id"] == item_id
                and affected[key[0]]["identity_type"] != "CUSTOMIZED_USER"
            )
            assert earned[item_id][counter] == counters[counter] - expected, (item_id, counter)
    assert earned[spark["tiktok_item_id"]] != earned_twin[spark["tiktok_item_id"]]


def test_a_pause_and_resume_within_one_hour_loses_only_that_hour(
    twins: tuple[Sandbox, Sandbox],
) -> None:
    paused, twin = twins
    ad = paused.get("ad/get/", advertiser_id=paused.advertiser_id)["data"]["list"][0]
    day = paused.control("GET", "/clock")["now"][:10]
    for sandbox in twins:
        sandbox.control("POST", "/clock", {"advance_seconds": 3 * 3600 + 600})
    _set_status(paused, "ad", ad["ad_id"], "DISABLE")
    for sandbox in twins:
        sandbox.control("POST", "/clock", {"advance_seconds": 1200})
    _set_status(paused, "ad", ad["ad_id"], "ENABLE")
    for sandbox in twins:
        _advance(sandbox, 3)
    with_pause, without = _hourly(paused, day), _hourly(twin, day)
    assert set(without) - set(with_pause) == {(ad["ad_id"], f"{day} 03:00:00")}
