"""Helpers of the Push Spark ads suite (design rule 9): pushed creatives, the account's posts.

A pushed ad runs a library video through a TikTok account of the advertiser (`TT_USER` or
`BC_AUTH_TT`); its post is looked for where a client would look: `identity/video/get/` (the
mirror) and the creator app (`/_mockads/v1/sandboxes/{sid}/creators/{id}/posts`). The item id a
pushed ad draws at creation is not shown before publication, so `planned_item_id` reads it from
the store, to prove that id stays invisible.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from mockads.domain.ads import Ad
from mockads.domain.model import Identity, Post
from mockads.testing import Sandbox
from tests.api.ads_helpers import brand_posts, created, identity_of, library_creative, seeded
from tests.api.lifecycle_helpers import call, world_of

__all__ = [
    "CAPTION",
    "account",
    "account_item_ids",
    "adgroup_id",
    "app_item_ids",
    "app_post",
    "decide",
    "engage",
    "library_video",
    "planned_item_id",
    "push_creative",
    "pushed_ad",
    "smart_ad",
    "smart_adgroup_id",
    "smart_push",
    "stored_post",
    "update",
    "without_push_right",
]

CAPTION = "Our spring drop is here #spring"
_names = (f"Push {n}" for n in itertools.count(1))


# -- the advertiser's accounts and library ----------------------------------------------------


def account(sandbox: Sandbox, identity_type: str = "TT_USER") -> dict[str, Any]:
    """An identity as `identity/get/` lists it, plus the `creator_id` of its TikTok account."""
    identity = identity_of(sandbox, identity_type)
    world, _ = world_of(sandbox)
    (stored,) = [i for i in world.identities if i.identity_id == identity["identity_id"]]
    assert stored.creator_id is not None
    return {**identity, "creator_id": stored.creator_id}


def library_video(sandbox: Sandbox) -> dict[str, Any]:
    """The library video of the scenario's non-Spark ad, as `file/video/ad/info/` shows it."""
    video_id = library_creative(sandbox)["video_id"]
    body = sandbox.get(
        "file/video/ad/info/", advertiser_id=sandbox.advertiser_id, video_ids=[video_id]
    )
    assert body["code"] == 0, body
    (video,) = body["data"]["list"]
    return video


def adgroup_id(sandbox: Sandbox) -> str:
    """The ad group the default scenario starts with."""
    return seeded(sandbox, "CUSTOMIZED_USER")["adgroup_id"]


def without_push_right(sandbox: Sandbox, identity_id: str) -> None:
    """Store the identity with `can_push_video` false (no scenario has such an account)."""
    store = sandbox.client.application.extensions["mockads"].store
    with store.unit_of_work() as uow:
        world = uow.world(sandbox.sandbox_id)
        identity = world.get(Identity, identity_id, sandbox.advertiser_id)
        assert identity is not None
        world.replace(replace(identity, can_push_video=False))


# -- pushed creatives -------------------------------------------------------------------------


def push_creative(
    sandbox: Sandbox, identity: dict[str, Any], ad_text: str | None = CAPTION, **fields: Any
) -> dict[str, Any]:
    """A creative pushing the library video through `identity` (its Business Center given)."""
    creative: dict[str, Any] = {
        "ad_name": next(_names),
        "identity_type": identity["identity_type"],
        "identity_id": identity["identity_id"],
    }
    if "video_id" not in fields:
        creative["video_id"] = library_creative(sandbox)["video_id"]
    if ad_text is not None:
        creative["ad_text"] = ad_text
    if identity["identity_authorized_bc_id"]:
        creative["identity_authorized_bc_id"] = identity["identity_authorized_bc_id"]
    return {**creative, **fields}


def pushed_ad(
    sandbox: Sandbox, identity: dict[str, Any], ad_text: str = CAPTION, **fields: Any
) -> str:
    """A pushed ad that must be created in the scenario's ad group; its id."""
    creative = push_creative(sandbox, identity, ad_text, **fields)
    (ad_id,) = created(sandbox, adgroup_id(sandbox), creative)
    return ad_id


def planned_item_id(sandbox: Sandbox, ad_id: str) -> str:
    """The item id drawn for a pushed ad's post (stored, not shown before publication)."""
    world, _ = world_of(sandbox)
    (ad,) = [a for a in world.ads if a.ad_id == ad_id]
    assert isinstance(ad, Ad) and ad.tiktok_item_id is not None
    return ad.tiktok_item_id


def stored_post(sandbox: Sandbox, item_id: str) -> Post | None:
    """The stored post of that id, planned or published, or None."""
    world, _ = world_of(sandbox)
    return next((p for p in world.posts if p.item_id == item_id), None)


# -- where a client sees the account's posts --------------------------------------------------


def account_item_ids(sandbox: Sandbox, identity: dict[str, Any]) -> list[str]:
    """Item ids `identity/video/get/` lists for the account, newest first."""
    return [p["item_id"] for p in brand_posts(sandbox, identity)]


def app_item_ids(sandbox: Sandbox, creator_id: str) -> list[str]:
    """Item ids the creator app lists for the account, newest first."""
    status, body = call(sandbox, "GET", f"/creators/{creator_id}/posts")
    assert status == 200, body
    return [p["item_id"] for p in body["posts"]]


def app_post(sandbox: Sandbox, item_id: str) -> tuple[int, Any]:
    """Status and body of the creator app's `GET /posts/{item_id}`."""
    return call(sandbox, "GET", f"/posts/{item_id}")


# -- control plane and ad/update --------------------------------------------------------------


def decide(sandbox: Sandbox, ad_id: str, decision: str, reason: str | None = None) -> None:
    """A reviewer approves or rejects the ad now."""
    body = {"decision": decision} if reason is None else {"decision": decision, "reason": reason}
    status, answer = call(sandbox, "POST", f"/reviews/{ad_id}", body)
    assert status == 200, answer


def engage(sandbox: Sandbox, ad_id: str, body: Any) -> tuple[int, Any]:
    """Status and body of `POST .../ads/{ad_id}/engagement`."""
    return call(sandbox, "POST", f"/ads/{ad_id}/engagement", body)


def update(sandbox: Sandbox, ad_id: str, **fields: Any) -> dict[str, Any]:
    """`ad/update/` of one ad; the whole envelope."""
    body = {"advertiser_id": sandbox.advertiser_id, "ad_id": ad_id, **fields}
    return sandbox.post("ad/update/", body)


# -- Smart+ -----------------------------------------------------------------------------------


def smart_adgroup_id(sandbox: Sandbox) -> str:
    """An ad group of a new Smart+ campaign (`smart_plus/campaign|adgroup/create/`)."""
    name = next(_names)
    campaign = sandbox.post(
        "smart_plus/campaign/create/",
        {
            "advertiser_id": sandbox.advertiser_id,
            "campaign_name": name,
            "objective_type": "TRAFFIC",
        },
    )
    assert campaign["code"] == 0, campaign
    adgroup = sandbox.post(
        "smart_plus/adgroup/create/",
        {
            "advertiser_id": sandbox.advertiser_id,
            "campaign_id": campaign["data"]["campaign_id"],
            "adgroup_name": name,
            "location_ids": ["6252001"],
            "schedule_start_time": "2026-01-01 00:00:00",
            "optimization_goal": "CLICK",
            "billing_event": "CPC",
        },
    )
    assert adgroup["code"] == 0, adgroup
    return adgroup["data"]["adgroup_id"]


def smart_push(sandbox: Sandbox, identity: dict[str, Any], ad_text: str = CAPTION) -> dict:
    """`smart_plus/ad/create/` with one creative pushing the library video; the envelope."""
    info: dict[str, Any] = {
        "identity_type": identity["identity_type"],
        "identity_id": identity["identity_id"],
        "video_info": {"video_id": library_creative(sandbox)["video_id"]},
    }
    if identity["identity_authorized_bc_id"]:
        info["identity_authorized_bc_id"] = identity["identity_authorized_bc_id"]
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "adgroup_id": smart_adgroup_id(sandbox),
        "ad_name": next(_names),
        "creative_list": [{"creative_info": info}],
        "ad_text_list": [{"ad_text": ad_text}],
    }
    return sandbox.post("smart_plus/ad/create/", body)


def smart_ad(sandbox: Sandbox, smart_plus_ad_id: str) -> dict[str, Any]:
    """One Smart+ ad as `smart_plus/ad/get/` shows it."""
    body = sandbox.get(
        "smart_plus/ad/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering={"smart_plus_ad_ids": [smart_plus_ad_id], "primary_status": "STATUS_ALL"},
    )
    assert body["code"] == 0, body
    (ad,) = body["data"]["list"]
    return ad
