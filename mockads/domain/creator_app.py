"""The creator's side, as the TikTok app allows it: profile, posts, Ad settings, codes.

Functions take entities and return changed copies; nothing here stores anything.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import replace

from mockads.domain import errors, ids
from mockads.domain.clock import format_time
from mockads.domain.enums import AdAuthStatus, ItemType, Privacy
from mockads.domain.model import Creator, Post, SparkCode

__all__ = [
    "AVATAR_URL",
    "CODE_DAYS",
    "active_code",
    "delete_post",
    "edit_post",
    "generate_code",
    "new_creator",
    "new_post",
    "update_creator",
]

#: Authorization periods the app offers.
CODE_DAYS = (7, 30, 60, 365)
DAY = 86_400
AVATAR_URL = "https://mockads.invalid/avatar/{}.jpeg"
CAROUSEL_IMAGES = 3


def new_creator(
    rng: random.Random, handle: str, display_name: str, follower_count: int, now: float
) -> Creator:
    """A new TikTok account: authorized posts not allowed and terms not agreed, as in the app."""
    creator_id = ids.new_numeric_id(rng)
    return Creator(
        creator_id=creator_id,
        identity_id=ids.new_identity_id(rng),
        handle=handle,
        display_name=display_name,
        profile_image=AVATAR_URL.format(creator_id),
        follower_count=follower_count,
        allow_authorized_posts=False,
        accepted_ad_terms=False,
        create_time=int(now),
    )


def update_creator(
    creator: Creator,
    *,
    allow_authorized_posts: bool | None = None,
    accepted_ad_terms: bool | None = None,
) -> Creator:
    """Flip the profile switch, or agree to the Advertising Content Terms (for good)."""
    if accepted_ad_terms is False and creator.accepted_ad_terms:
        raise errors.AdTermsCannotBeWithdrawn()
    if allow_authorized_posts is not None:
        creator = replace(creator, allow_authorized_posts=allow_authorized_posts)
    if accepted_ad_terms:
        creator = replace(creator, accepted_ad_terms=True)
    return creator


def new_post(
    rng: random.Random,
    creator: Creator,
    now: float,
    *,
    caption: str,
    privacy: Privacy = Privacy.PUBLIC,
    item_type: ItemType = ItemType.VIDEO,
    duet_of: Post | None = None,
    stitch_of: Post | None = None,
) -> Post:
    """A new post; a Duet or Stitch needs a public video to remix."""
    if duet_of is not None and stitch_of is not None:
        raise errors.InvalidParameter("stitch_of", "a post is a Duet or a Stitch, not both.")
    original = duet_of or stitch_of
    if original is not None:
        field = "duet_of" if duet_of is not None else "stitch_of"
        if original.deleted or original.privacy is not Privacy.PUBLIC:
            raise errors.InvalidParameter(field, f"post {original.item_id} is not public.")
        if item_type is not ItemType.VIDEO or original.item_type is not ItemType.VIDEO:
            raise errors.InvalidParameter(field, "only videos can be remixed by Duet or Stitch.")
    duration = round(rng.uniform(6, 60), 1)
    bit_rate = rng.randint(1_200_000, 4_000_000)
    video_id = ids.new_video_id(rng)
    return Post(
        item_id=ids.new_numeric_id(rng),
        creator_id=creator.creator_id,
        item_type=item_type,
        caption=caption,
        privacy=privacy,
        ads_only_mode=False,
        ad_authorization=False,
        deleted=False,
        duet_original_item_id=duet_of.item_id if duet_of else None,
        stitch_original_item_id=stitch_of.item_id if stitch_of else None,
        video_id=video_id,
        file_name=f"{video_id}.mp4",
        format="mp4",
        duration=duration,
        width=1080,
        height=1920,
        size=int(bit_rate * duration / 8),
        bit_rate=bit_rate,
        signature=hashlib.md5(video_id.encode(), usedforsecurity=False).hexdigest(),
        views=0,
        likes=0,
        comments=0,
        shares=0,
        follows=0,
        create_time=int(now),
        modify_time=int(now),
        image_count=CAROUSEL_IMAGES if item_type is ItemType.CAROUSEL else 0,
    )


def active_code(codes: Sequence[SparkCode], now: float) -> SparkCode | None:
    """The post's code that authorizes it right now, if any."""
    return next((c for c in codes if c.status_at(now) is AdAuthStatus.AUTHORIZED), None)


def edit_post(
    creator: Creator,
    post: Post,
    codes: Sequence[SparkCode],
    now: float,
    *,
    caption: str | None = None,
    privacy: Privacy | None = None,
    ads_only_mode: bool | None = None,
    ad_authorization: bool | None = None,
    promoted: bool = False,
) -> tuple[Post, list[SparkCode]]:
    """Apply the app's edits; returns the post and the codes the edit changed.

    The caption is locked while a code authorizes the post; editing it afterwards invalidates
    every earlier code. Switching Ad authorization off cancels the valid code. While ads
    promote the post (`promoted`), it may only become public; Ads Only Mode may change.
    """
    when = int(now)
    changed: dict[str, SparkCode] = {}
    if caption is not None and caption != post.caption:
        current = active_code(codes, now)
        if current is not None:
            raise errors.CaptionLocked(until=format_time(current.auth_end_time))
        post = replace(post, caption=caption, modify_time=when)
        for code in codes:
            if code.invalidated_at is None:
                changed[code.auth_code] = replace(code, invalidated_at=when)
    if ad_authorization is True and not post.ad_authorization:
        _require_ready_creator(creator)
        post = replace(post, ad_authorization=True)
    elif ad_authorization is False and post.ad_authorization:
        post = replace(post, ad_authorization=False)
        current = active_code(codes, now)
        if current is not None:
            changed[current.auth_code] = replace(current, revoked_at=when)
    if privacy is not None and privacy is not post.privacy:
        # Going public hides nothing an ad shows: a pushed post starts PRIVATE (rule 9).
        if promoted and privacy is not Privacy.PUBLIC:
            raise errors.PrivacyLocked(item_id=post.item_id)
        post = replace(post, privacy=privacy)
    if ads_only_mode is not None:
        post = replace(post, ads_only_mode=ads_only_mode)
    return post, list(changed.values())


def generate_code(
    rng: random.Random,
    creator: Creator,
    post: Post,
    codes: Sequence[SparkCode],
    days: int,
    now: float,
) -> SparkCode:
    """Ad settings → Generate: a new code valid for `days` from now (design rule 1)."""
    if days not in CODE_DAYS:
        raise errors.InvalidParameter("days", f"must be one of {', '.join(map(str, CODE_DAYS))}.")
    _require_ready_creator(creator)
    if post.privacy is not Privacy.PUBLIC:
        raise errors.CodeNeedsPublicPost(item_id=post.item_id, privacy=post.privacy.value)
    if not post.ad_authorization:
        raise errors.AdAuthorizationOff(item_id=post.item_id)
    current = active_code(codes, now)
    if current is not None:
        raise errors.AuthorizationActive(
            item_id=post.item_id, until=format_time(current.auth_end_time)
        )
    start = int(now)
    return SparkCode(
        auth_code=ids.new_auth_code(rng),
        item_id=post.item_id,
        days=days,
        auth_start_time=start,
        auth_end_time=start + days * DAY,
    )


def delete_post(post: Post, now: float) -> Post:
    """The post, deleted (its codes stay, and now fail)."""
    return replace(post, deleted=True, modify_time=int(now))


def _require_ready_creator(creator: Creator) -> None:
    if not creator.allow_authorized_posts:
        raise errors.AuthorizedPostsNotAllowed()
    if not creator.accepted_ad_terms:
        raise errors.AdTermsNotAccepted()
