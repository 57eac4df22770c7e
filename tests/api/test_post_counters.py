"""A Spark ad's delivery shows on the post it promotes in `tt_video/info/` and
`identity/video/info/` (`statistics`), as in the creator app; a non-Spark ad's touches no post."""

from __future__ import annotations

import json
from typing import Any

import pytest

from mockads.testing import Sandbox

#: `statistics` names and the creator app's `engagement` names.
COUNTERS = {
    "view_count": "views",
    "like_count": "likes",
    "comment_count": "comments",
    "share_count": "shares",
    "follow_count": "follows",
}


def _spark_ad(sandbox: Sandbox) -> dict[str, Any]:
    ads = sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id)["data"]["list"]
    return next(ad for ad in ads if ad["identity_type"] == "AUTH_CODE")


def _statistics(sandbox: Sandbox, ad: dict[str, Any]) -> list[dict[str, int]]:
    """The promoted post's counters as `tt_video/info/` and `identity/video/info/` show them."""
    linked = sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id, page_size=50)
    code = next(
        p["item_info"]["auth_code"]
        for p in linked["data"]["list"]
        if p["item_info"]["item_id"] == ad["tiktok_item_id"]
    )
    info = sandbox.get("tt_video/info/", advertiser_id=sandbox.advertiser_id, auth_code=code)
    detail = sandbox.get(
        "identity/video/info/",
        advertiser_id=sandbox.advertiser_id,
        identity_type="AUTH_CODE",
        identity_id=ad["identity_id"],
        item_id=ad["tiktok_item_id"],
    )
    assert info["code"] == 0 and detail["code"] == 0, (info, detail)
    return [info["data"]["item_info"]["statistics"], detail["data"]["video_detail"]["statistics"]]


def _engagement(sandbox: Sandbox, item_id: str) -> dict[str, int]:
    """The post's counters as the creator app shows them."""
    return sandbox.control("GET", f"/posts/{item_id}")["engagement"]


def _lifetime(sandbox: Sandbox) -> dict[str, dict[str, str]]:
    answer = sandbox.get(
        "report/integrated/get/",
        advertiser_id=sandbox.advertiser_id,
        report_type="BASIC",
        data_level="AUCTION_AD",
        dimensions=json.dumps(["ad_id"]),
        metrics=json.dumps(["impressions", "likes", "video_play_actions"]),
        query_lifetime="true",
        page_size=100,
    )
    assert answer["code"] == 0, answer
    return {row["dimensions"]["ad_id"]: row["metrics"] for row in answer["data"]["list"]}


@pytest.mark.mockads(frozen=True)
def test_a_spark_ads_delivery_raises_its_posts_counters_on_both_endpoints(
    mockads_sandbox: Sandbox,
) -> None:
    ad = _spark_ad(mockads_sandbox)
    before, reported_before = _statistics(mockads_sandbox, ad), _lifetime(mockads_sandbox)
    mockads_sandbox.control("POST", "/clock", {"advance_seconds": 48 * 3600})
    after, reported_after = _statistics(mockads_sandbox, ad), _lifetime(mockads_sandbox)
    engagement = _engagement(mockads_sandbox, ad["tiktok_item_id"])
    assert after[0] == after[1] == {name: engagement[app] for name, app in COUNTERS.items()}
    for name, metric in (("like_count", "likes"), ("view_count", "video_play_actions")):
        delivered = int(reported_after[ad["ad_id"]][metric]) - int(
            reported_before[ad["ad_id"]][metric]
        )
        assert delivered > 0
        assert after[0][name] - before[0][name] == delivered, name


@pytest.mark.mockads(frozen=True)
def test_a_non_spark_ads_delivery_leaves_every_posts_counters_alone(
    mockads_sandbox: Sandbox,
) -> None:
    ads = mockads_sandbox.get("ad/get/", advertiser_id=mockads_sandbox.advertiser_id)["data"]
    spark = [ad["ad_id"] for ad in ads["list"] if ad["identity_type"] != "CUSTOMIZED_USER"]
    plain = [ad["ad_id"] for ad in ads["list"] if ad["identity_type"] == "CUSTOMIZED_USER"]
    assert spark and plain
    answer = mockads_sandbox.post(
        "ad/status/update/",
        {
            "advertiser_id": mockads_sandbox.advertiser_id,
            "ad_ids": spark,
            "operation_status": "DISABLE",
        },
    )
    assert answer["code"] == 0, answer
    ad = _spark_ad(mockads_sandbox)
    before, reported_before = _statistics(mockads_sandbox, ad), _lifetime(mockads_sandbox)
    mockads_sandbox.control("POST", "/clock", {"advance_seconds": 48 * 3600})
    reported_after = _lifetime(mockads_sandbox)
    assert all(
        int(reported_after[ad_id]["impressions"]) > int(reported_before[ad_id]["impressions"])
        for ad_id in plain
    )
    assert _statistics(mockads_sandbox, ad) == before
