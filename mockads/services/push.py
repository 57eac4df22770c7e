"""Push Spark ads: a pushed creative's checks, and its post kept in step with its review."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mockads.domain import errors, ids
from mockads.domain import push as rules
from mockads.domain.ads import Ad
from mockads.domain.library import LibraryVideo
from mockads.domain.model import Identity, Post
from mockads.services.business_centers import named_business_center
from mockads.services.ports import WorldRepository

if TYPE_CHECKING:  # ads.py imports this module
    from mockads.services.access import Caller
    from mockads.services.ads import Creative

__all__ = ["push_fields", "settle_push"]

_RNG = random.SystemRandom()


def push_fields(caller: Caller, advertiser_id: str, creative: Creative) -> dict[str, Any]:
    """A pushed creative: a library video, an account that may publish, the caption to be.

    The post's item id is drawn now; the post itself appears once the ad passes review.
    """
    world = caller.world
    rules.check_push_identity(
        world.get(Identity, creative.identity_id, advertiser_id),
        creative.identity_type,
        creative.identity_id,
        creative.identity_authorized_bc_id,
        named_business_center(world, creative.identity_authorized_bc_id),
    )
    if creative.tiktok_item_id is not None:
        raise errors.InvalidParameter(
            "tiktok_item_id",
            "give tiktok_item_id or video_id, not both: video_id pushes a new post.",
        )
    assert creative.video_id is not None
    video = world.get(LibraryVideo, creative.video_id, advertiser_id)
    if video is None:
        raise errors.NoPermission("video_id", creative.video_id)
    if not creative.ad_text:
        raise errors.InvalidParameter(
            "ad_text", "required for a pushed Spark ad: it becomes the new post's caption."
        )
    return {
        "tiktok_item_id": ids.new_numeric_id(_RNG),
        "auth_code": None,
        "video_id": video.video_id,
        "ad_text": creative.ad_text,
        "display_name": None,
    }


def settle_push(world: WorldRepository, ad: Ad, now: float) -> Ad:
    """Plan, move or drop a pushed ad's post to match its latest review (design rule 9).

    Returns the ad with `pushed_at` set to when its post goes (or went) up, or None. Other ads
    come back unchanged. The caller stores the ad.
    """
    if not ad.is_push or ad.tiktok_item_id is None or ad.video_id is None:
        return ad
    identity = world.get(Identity, ad.identity_id, ad.advertiser_id)
    video = world.get(LibraryVideo, ad.video_id, ad.advertiser_id)
    current = world.get(Post, ad.tiktok_item_id)
    post = None
    if identity is not None and identity.creator_id is not None and video is not None:
        post = rules.planned_post(ad, identity.creator_id, video, current, now)
    if post is None:
        if current is not None:
            world.remove(current)
    elif current is None:
        world.add(post)
    elif post != current:
        world.replace(post)
    return replace(ad, pushed_at=post.create_time if post else None)
