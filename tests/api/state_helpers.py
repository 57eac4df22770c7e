"""Helpers of the state suite: a sandbox that has been through a busy life, and a video of its own.

`busy_life` drives a default sandbox through every kind of row the store keeps, the way a client
would: a creator's post linked by code and promoted (AUTH_CODE ad), a Duet linked with both
codes, a new campaign, an uploaded video pushed through the brand account and published,
a Smart+ ad, manual reviews (one approved, one rejected), engagement, clock moves and, last,
a frozen clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mockads.testing import Sandbox
from tests.api.ads_helpers import (
    advance,
    created,
    identity_of,
    library_creative,
    linked_spark_post,
    set_policy,
    spark_creative,
)
from tests.api.library_helpers import the_video, upload_file
from tests.api.lifecycle_helpers import DAY, authorize, freeze, make_post, ready_creator
from tests.api.push_helpers import adgroup_id, decide, engage, push_creative, smart_push
from tests.mediagen import make_video

__all__ = ["busy_life", "own_video"]


def own_video(directory: Path) -> bytes:
    """A small video no scenario holds (so only an upload can bring its file)."""
    return make_video(directory / "own.mp4", seconds=2.0, fps=6).read_bytes()


def _duet_linked_with_both_codes(sandbox: Sandbox) -> None:
    original = ready_creator(sandbox)
    original_item = make_post(sandbox, original["creator_id"], "the original dance")["item_id"]
    original_code = authorize(sandbox, original_item)["auth_code"]
    remixer = ready_creator(sandbox)
    duet = make_post(sandbox, remixer["creator_id"], "my duet", duet_of=original_item)
    duet_code = authorize(sandbox, duet["item_id"])["auth_code"]
    linked = sandbox.post(
        "tt_video/authorize/",
        {
            "advertiser_id": sandbox.advertiser_id,
            "auth_code": duet_code,
            "original_post_auth_code": original_code,
        },
    )
    assert linked["code"] == 0, linked


def busy_life(sandbox: Sandbox, video: bytes) -> dict[str, Any]:
    """Drive the sandbox through a busy life; what it made (ids a test can look for)."""
    spark = linked_spark_post(sandbox, "Morning routine #state")
    (spark_ad,) = created(
        sandbox,
        adgroup_id(sandbox),
        spark_creative("AUTH_CODE", spark["identity_id"], spark["item_id"]),
    )
    _duet_linked_with_both_codes(sandbox)
    campaign = sandbox.post(
        "campaign/create/",
        {
            "advertiser_id": sandbox.advertiser_id,
            "campaign_name": "State campaign",
            "objective_type": "TRAFFIC",
            "budget_mode": "BUDGET_MODE_DAY",
            "budget": 125.5,
        },
    )
    assert campaign["code"] == 0, campaign
    uploaded = the_video(upload_file(sandbox, video, "own.mp4"))
    brand = identity_of(sandbox, "TT_USER")
    (pushed,) = created(
        sandbox,
        adgroup_id(sandbox),
        push_creative(sandbox, brand, "Straight from the library", video_id=uploaded["video_id"]),
    )
    smart = smart_push(sandbox, brand)
    assert smart["code"] == 0, smart
    advance(sandbox, 61)  # the pushed ad passes review: its post is published
    set_policy(sandbox, mode="manual", reject_terms=["forbidden"])
    with_settings = library_creative(
        sandbox, promotional_music_disabled=False, disclaimer_text={"text": "Ad"}
    )
    approved, rejected = created(
        sandbox, adgroup_id(sandbox), with_settings, library_creative(sandbox)
    )
    decide(sandbox, approved, "approve")
    decide(sandbox, rejected, "reject", "Not this time.")
    status, body = engage(sandbox, spark_ad, {"views": 1200, "likes": 88})
    assert status == 200, body
    app = sandbox.app()  # the advertiser's consent, not exchanged yet
    consent = {"redirect_uri": app["redirect_uris"][0], "advertiser_ids": [sandbox.advertiser_id]}
    sandbox.step("POST", f"/apps/{app['app_id']}/auth_codes", consent)
    advance(sandbox, 3 * DAY + 0.25)
    freeze(sandbox)
    return {
        "spark_item_id": spark["item_id"],
        "spark_ad_id": spark_ad,
        "pushed_ad_id": pushed,
        "video_id": uploaded["video_id"],
        "campaign_id": campaign["data"]["campaign_id"],
    }
