"""The whole Spark ad flow against a real `mockads serve` process, over HTTP.

A creator authorizes a post, the advertiser links the code, builds a campaign, an ad group and a
Spark plus a non-Spark ad in it; review passes with the sandbox clock, and the Spark ad shows
its authorization lapse once the code's period ends.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.e2e.conftest import Server, ok

pytestmark = pytest.mark.e2e

MIRROR = "/open_api/v1.3"
DAY = 86_400


def _seconds(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp()


def test_a_spark_and_a_non_spark_ad_pass_review_then_the_spark_ad_lapses_with_its_code(
    server: Server,
) -> None:
    sandbox = ok(server.call("POST", "/_mockads/v1/sandboxes", {"seed": 11}), 201)
    sid, adv = sandbox["sandbox_id"], sandbox["advertiser_ids"][0]
    control = f"/_mockads/v1/sandboxes/{sid}"
    server.token = sandbox["access_token"]
    try:
        # The creator's side: a ready account, a post, a 7-day code.
        creator = ok(server.call("POST", f"{control}/creators", {"handle": "e2e.dancer"}), 201)
        creator_path = f"{control}/creators/{creator['creator_id']}"
        ok(server.call("PATCH", creator_path, {"allow_authorized_posts": True}))
        ok(server.call("PATCH", creator_path, {"accepted_ad_terms": True}))
        post = ok(server.call("POST", f"{creator_path}/posts", {"caption": "e2e #dance"}), 201)
        item_id = post["item_id"]
        ok(server.call("PATCH", f"{control}/posts/{item_id}", {"ad_authorization": True}))
        code = ok(server.call("POST", f"{control}/posts/{item_id}/authorization", {"days": 7}), 201)

        # The advertiser links the code and builds campaign, ad group and two ads.
        ok(
            server.call(
                "POST",
                f"{MIRROR}/tt_video/authorize/",
                {"advertiser_id": adv, "auth_code": code["auth_code"]},
            )
        )
        campaign = ok(
            server.call(
                "POST",
                f"{MIRROR}/campaign/create/",
                {"advertiser_id": adv, "campaign_name": "E2E spring", "objective_type": "TRAFFIC"},
            )
        )
        adgroup = ok(
            server.call(
                "POST",
                f"{MIRROR}/adgroup/create/",
                {
                    "advertiser_id": adv,
                    "campaign_id": campaign["campaign_id"],
                    "adgroup_name": "E2E US",
                    "location_ids": ["6252001"],
                    "schedule_start_time": "2026-01-01 00:00:00",
                    "optimization_goal": "CLICK",
                    "billing_event": "CPC",
                },
            )
        )
        existing = ok(server.call("GET", f"{MIRROR}/ad/get/", advertiser_id=adv))["list"]
        library = next(a for a in existing if a["identity_type"] == "CUSTOMIZED_USER")
        identities = ok(
            server.call(
                "GET", f"{MIRROR}/identity/get/", advertiser_id=adv, identity_type="AUTH_CODE"
            )
        )["identity_list"]
        assert creator["identity_id"] in {i["identity_id"] for i in identities}
        made = ok(
            server.call(
                "POST",
                f"{MIRROR}/ad/create/",
                {
                    "advertiser_id": adv,
                    "adgroup_id": adgroup["adgroup_id"],
                    "creatives": [
                        {
                            "ad_name": "E2E Spark",
                            "identity_type": "AUTH_CODE",
                            "identity_id": creator["identity_id"],
                            "tiktok_item_id": item_id,
                            "landing_page_url": "https://example.com/?utm_source=tiktok",
                        },
                        {
                            "ad_name": "E2E library",
                            "identity_type": "CUSTOMIZED_USER",
                            "identity_id": library["identity_id"],
                            "video_id": library["video_id"],
                            "ad_text": "Spring is here",
                        },
                    ],
                },
            )
        )
        spark_id, library_id = made["ad_ids"]

        def statuses() -> dict[str, dict[str, Any]]:
            listed = ok(
                server.call(
                    "GET",
                    f"{MIRROR}/ad/get/",
                    advertiser_id=adv,
                    filtering={"adgroup_ids": [adgroup["adgroup_id"]]},
                )
            )["list"]
            return {a["ad_id"]: a for a in listed}

        ads = statuses()
        assert set(ads) == {spark_id, library_id}
        assert {a["secondary_status"] for a in ads.values()} == {"AD_STATUS_REVIEW"}
        assert ads[spark_id]["ad_text"] == "e2e #dance"
        assert ads[spark_id]["utm_params"] == [{"key": "utm_source", "value": "tiktok"}]

        # 61 s of sandbox time later review has passed.
        ok(server.call("POST", f"{control}/clock", {"advance_seconds": 61}))
        ads = statuses()
        assert {a["secondary_status"] for a in ads.values()} == {"AD_STATUS_DELIVERY_OK"}
        assert ads[spark_id]["creative_authorized"] is True

        # Past the code's end the Spark ad stops, the library ad runs on.
        now = ok(server.call("GET", f"{control}/clock"))["now"]
        ok(
            server.call(
                "POST",
                f"{control}/clock",
                {"advance_seconds": _seconds(code["auth_end_time"]) - _seconds(now) + 1},
            )
        )
        ads = statuses()
        assert ads[spark_id]["secondary_status"] == "AD_STATUS_SPARK_AUTHORIZATION_EXPIRED"
        assert ads[spark_id]["creative_authorized"] is False
        assert ads[library_id]["secondary_status"] == "AD_STATUS_DELIVERY_OK"
    finally:
        server.token = None
        assert server.call("DELETE", control)[0] == 204
