"""Helpers of the API suite: codes by what they can do, and "nothing changed"."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mockads.scenarios import build_world, load_scenario
from mockads.testing import CONTROL, MIRROR, Sandbox

__all__ = [
    "CONTROL",
    "ETL_ADGROUP_FIELDS",
    "ETL_AD_FIELDS",
    "ETL_CAMPAIGN_FIELDS",
    "MIRROR",
    "code_item",
    "leaves_unchanged",
    "linked_item_ids",
    "ready_code",
    "state",
]


def ready_code(sandbox: Sandbox) -> str:
    """An authorized, unlinked code of a post that needs no other code (not a duet or stitch)."""
    world = build_world(load_scenario(sandbox.summary["scenario"]), sandbox.summary["seed"])
    dual = {
        p.item_id
        for p in world.posts
        if p.duet_original_item_id is not None or p.stitch_original_item_id is not None
    }
    return next(
        c["auth_code"]
        for c in sandbox.summary["sample_codes"]
        if c["ad_auth_status"] == "AUTHORIZED" and not c["linked"] and c["item_id"] not in dual
    )


def code_item(sandbox: Sandbox, auth_code: str) -> str:
    """The item id behind one of the sandbox's sample codes."""
    return next(
        c["item_id"] for c in sandbox.summary["sample_codes"] if c["auth_code"] == auth_code
    )


def linked_item_ids(sandbox: Sandbox) -> list[str]:
    """Item ids of the posts `tt_video/list/` shows for the sandbox's advertiser."""
    body = sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id, page_size=50)
    assert body["code"] == 0, body
    return [post["item_info"]["item_id"] for post in body["data"]["list"]]


def state(sandbox: Sandbox) -> tuple[dict[str, Any], list[str]]:
    """What a request could change: the sandbox summary (clock reading aside) and its links."""
    summary = sandbox.control("GET")
    summary.pop("clock")
    return summary, linked_item_ids(sandbox)


@contextmanager
def leaves_unchanged(sandbox: Sandbox) -> Iterator[None]:
    """Assert that the block changes nothing in the sandbox."""
    before = state(sandbox)
    yield
    assert state(sandbox) == before


#: The campaign fields ETL readers expect (api-reference §10), in its order.
ETL_CAMPAIGN_FIELDS = [
    "advertiser_id",
    "campaign_id",
    "campaign_name",
    "campaign_type",
    "objective",
    "objective_type",
    "budget",
    "budget_mode",
    "budget_optimize_on",
    "operation_status",
    "secondary_status",
    "bid_type",
    "optimization_goal",
    "is_new_structure",
    "is_smart_performance_campaign",
    "special_industries",
    "app_id",
    "create_time",
    "modify_time",
]
#: The ad fields ETL readers expect (api-reference §10).
ETL_AD_FIELDS = [
    "advertiser_id",
    "campaign_id",
    "campaign_name",
    "adgroup_id",
    "adgroup_name",
    "ad_id",
    "ad_name",
    "ad_format",
    "ad_text",
    "call_to_action",
    "landing_page_url",
    "display_name",
    "profile_image_url",
    "video_id",
    "image_ids",
    "tiktok_item_id",
    "creative_authorized",
    "identity_type",
    "identity_id",
    "item_duet_status",
    "item_stitch_status",
    "promotional_music_disabled",
    "utm_params",
    "operation_status",
    "secondary_status",
    "create_time",
    "modify_time",
]
#: The ad group fields an ETL client reads (api-reference §10), `location` being the older name.
ETL_ADGROUP_FIELDS = [
    "advertiser_id",
    "adgroup_id",
    "campaign_id",
    "adgroup_name",
    "placement_type",
    "placements",
    "promotion_type",
    "budget_mode",
    "budget",
    "schedule_type",
    "schedule_start_time",
    "schedule_end_time",
    "optimization_goal",
    "billing_event",
    "bid_type",
    "bid_price",
    "pacing",
    "location_ids",
    "location",
    "age_groups",
    "gender",
    "languages",
    "operating_systems",
    "is_comment_disable",
    "operation_status",
    "secondary_status",
    "create_time",
    "modify_time",
]
