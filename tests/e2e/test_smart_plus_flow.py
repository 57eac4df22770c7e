"""The Smart+ flow of the seed against a real `mockads serve` process, over HTTP.

Objective, Smart+ campaign and ad group, then one Smart+ ad with creatives of three identities at
once: a creator's post linked by code (AUTH_CODE), a post of the brand's account (TT_USER) and a
library video (CUSTOMIZED_USER). Review passes with the sandbox clock; a reviewer then rejects one
creative and `smart_plus/ad/review_info/` gives its reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Server, ok

pytestmark = pytest.mark.e2e

MIRROR = "/open_api/v1.3"
CAPTION = "e2e smart plus #dance"
AD_TEXT = "Spring collection. Shop now!"
REJECTED_FOR = "The video shows a competitor's logo."


def test_a_smart_plus_ad_of_three_identities_is_reviewed_creative_by_creative(
    server: Server,
) -> None:
    sandbox = ok(server.call("POST", "/_mockads/v1/sandboxes", {"seed": 12}), 201)
    sid, adv = sandbox["sandbox_id"], sandbox["advertiser_ids"][0]
    control = f"/_mockads/v1/sandboxes/{sid}"
    server.token = sandbox["access_token"]

    def get(path: str, **query: Any) -> Any:
        return ok(server.call("GET", f"{MIRROR}/{path}", advertiser_id=adv, **query))

    def post(path: str, body: dict[str, Any]) -> Any:
        return ok(server.call("POST", f"{MIRROR}/{path}", {"advertiser_id": adv, **body}))

    try:
        # A creator authorizes a post; the advertiser links its code (Pull, by video code).
        creator = ok(server.call("POST", f"{control}/creators", {"handle": "e2e.smart"}), 201)
        creator_path = f"{control}/creators/{creator['creator_id']}"
        ok(server.call("PATCH", creator_path, {"allow_authorized_posts": True}))
        ok(server.call("PATCH", creator_path, {"accepted_ad_terms": True}))
        item_id = ok(server.call("POST", f"{creator_path}/posts", {"caption": CAPTION}), 201)[
            "item_id"
        ]
        ok(server.call("PATCH", f"{control}/posts/{item_id}", {"ad_authorization": True}))
        code = ok(
            server.call("POST", f"{control}/posts/{item_id}/authorization", {"days": 30}), 201
        )
        post("tt_video/authorize/", {"auth_code": code["auth_code"]})

        # The identities and creatives the drawer offers: TikTok posts and the library.
        by_code = next(
            i
            for i in get("identity/get/", identity_type="AUTH_CODE")["identity_list"]
            if i["identity_id"] == creator["identity_id"]
        )
        (brand, *_) = get("identity/get/", identity_type="TT_USER")["identity_list"]
        brand_post = next(
            p
            for p in get(
                "identity/video/get/",
                identity_type="TT_USER",
                identity_id=brand["identity_id"],
            )["video_list"]
            if p["privacy"] == "PUBLIC"
        )
        manual_ads = get("ad/get/", filtering={"primary_status": "STATUS_ALL"})
        library = next(a for a in manual_ads["list"] if a["identity_type"] == "CUSTOMIZED_USER")

        # Objective, campaign and ad group settings, then the ad.
        campaign = post(
            "smart_plus/campaign/create/",
            {"campaign_name": "E2E Smart+", "objective_type": "WEB_CONVERSIONS"},
        )
        assert campaign["is_smart_performance_campaign"] is True
        adgroup = post(
            "smart_plus/adgroup/create/",
            {
                "campaign_id": campaign["campaign_id"],
                "adgroup_name": "E2E Smart+ US",
                "location_ids": ["6252001"],
                "schedule_start_time": "2026-01-01 00:00:00",
                "optimization_goal": "CONVERT",
                "billing_event": "OCPM",
            },
        )
        sent = [
            {
                "identity_type": "AUTH_CODE",
                "identity_id": by_code["identity_id"],
                "tiktok_item_id": item_id,
            },
            {
                "identity_type": "TT_USER",
                "identity_id": brand["identity_id"],
                "tiktok_item_id": brand_post["item_id"],
            },
            {
                "identity_type": "CUSTOMIZED_USER",
                "identity_id": library["identity_id"],
                "video_info": {"video_id": library["video_id"]},
            },
        ]
        smart = post(
            "smart_plus/ad/create/",
            {
                "adgroup_id": adgroup["adgroup_id"],
                "ad_name": "E2E Smart+ ad",
                "creative_list": [{"creative_info": info} for info in sent],
                "ad_text_list": [{"ad_text": AD_TEXT}],
                "landing_page_url_list": [{"landing_page_url": "https://example.com/spring"}],
            },
        )
        smart_id = smart["smart_plus_ad_id"]
        got = [c["creative_info"] for c in smart["creative_list"]]
        assert [(c["identity_type"], c["identity_id"]) for c in got] == [
            (c["identity_type"], c["identity_id"]) for c in sent
        ]
        assert [c["ad_text"] for c in got] == [CAPTION, brand_post["text"], AD_TEXT]
        assert smart["review_status"] == "IN_REVIEW"
        assert {c["review_status"] for c in smart["creative_list"]} == {"IN_REVIEW"}
        ad_ids = [c["ad_id"] for c in smart["creative_list"]]

        # Smart+ creatives are not manual ads.
        assert get("ad/get/", filtering={"primary_status": "STATUS_ALL"}) == manual_ads

        # 61 s of sandbox time later every creative passed review and the ad delivers.
        ok(server.call("POST", f"{control}/clock", {"advance_seconds": 61}))
        (listed,) = get("smart_plus/ad/get/", filtering={"smart_plus_ad_ids": [smart_id]})["list"]
        assert (listed["review_status"], listed["secondary_status"]) == (
            "APPROVED",
            "AD_STATUS_DELIVERY_OK",
        )
        assert {c["secondary_status"] for c in listed["creative_list"]} == {"AD_STATUS_DELIVERY_OK"}
        (review,) = get("smart_plus/ad/review_info/", smart_plus_ad_ids=[smart_id])["list"]
        assert review["creative_list"] == [
            {"ad_id": i, "review_status": "APPROVED", "reject_reasons": []} for i in ad_ids
        ]

        # A reviewer rejects the brand post's creative: its reason shows, the others run on.
        ok(server.call("PUT", f"{control}/review-policy", {"mode": "manual"}))
        ok(
            server.call(
                "POST",
                f"{control}/reviews/{ad_ids[1]}",
                {"decision": "reject", "reason": REJECTED_FOR},
            )
        )
        (review,) = get("smart_plus/ad/review_info/", smart_plus_ad_ids=[smart_id])["list"]
        assert [(c["review_status"], c["reject_reasons"]) for c in review["creative_list"]] == [
            ("APPROVED", []),
            ("REJECTED", [REJECTED_FOR]),
            ("APPROVED", []),
        ]
        (listed,) = get("smart_plus/ad/get/", filtering={"smart_plus_ad_ids": [smart_id]})["list"]
        assert [c["secondary_status"] for c in listed["creative_list"]] == [
            "AD_STATUS_DELIVERY_OK",
            "AD_STATUS_REJECT",
            "AD_STATUS_DELIVERY_OK",
        ]
    finally:
        server.token = None
        assert server.call("DELETE", control)[0] == 204
