"""Identities an advertiser can run ads as: `identity/get|create/`, `identity/video/get|info/`."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from mockads.domain import errors, ids
from mockads.domain.creator_app import AVATAR_URL
from mockads.domain.enums import IdentityType
from mockads.domain.model import Creator, Identity, Post, SparkCode, account_identity
from mockads.services.access import Caller, authenticate
from mockads.services.business_centers import named_business_center
from mockads.services.delivery import with_earned_engagement
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store

__all__ = [
    "IdentityPost",
    "identity_create",
    "identity_get",
    "identity_video_get",
    "identity_video_info",
]

_RNG = random.SystemRandom()


@dataclass(frozen=True, slots=True)
class IdentityPost:
    """A post as an identity offers it: with its code for AUTH_CODE, without for own accounts."""

    post: Post
    code: SparkCode | None
    now: float


def identity_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    identity_type: IdentityType | None = None,
    identity_authorized_bc_id: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[Identity]:
    """The advertiser's identities: stored ones, and one AUTH_CODE identity per linked creator."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = caller.world.identities(advertiser_id)
        found += [
            _auth_code_identity(advertiser_id, c)
            for c in caller.world.linked_creators(advertiser_id)
        ]
    if identity_type is not None:
        found = [i for i in found if i.identity_type is identity_type]
    if identity_authorized_bc_id is not None:
        found = [i for i in found if i.identity_authorized_bc_id == identity_authorized_bc_id]
    return paginate(found, page, page_size)


def identity_create(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    display_name: str,
    image_uri: str | None = None,
) -> Identity:
    """A new CUSTOMIZED_USER identity (display name and avatar; for non-Spark ads)."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        identity_id = ids.new_numeric_id(_RNG)
        identity = Identity(
            identity_id=identity_id,
            advertiser_id=advertiser_id,
            identity_type=IdentityType.CUSTOMIZED_USER,
            display_name=display_name,
            profile_image=image_uri or AVATAR_URL.format(identity_id),
            creator_id=None,
            identity_authorized_bc_id=None,
            can_push_video=False,
            can_pull_video=False,
            can_use_live_ads=False,
            create_time=int(caller.now),
        )
        caller.world.add(identity)
        return identity


def identity_video_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    identity_type: IdentityType,
    identity_id: str,
    identity_authorized_bc_id: str | None = None,
    cursor: int = 0,
    count: int = 20,
) -> tuple[list[IdentityPost], int, bool]:
    """A page of an identity's posts, the next cursor, and whether more follow."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        posts = _identity_posts(
            caller, advertiser_id, identity_type, identity_id, identity_authorized_bc_id
        )
    page = posts[cursor : cursor + count]
    return page, cursor + len(page), cursor + len(page) < len(posts)


def identity_video_info(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    identity_type: IdentityType,
    identity_id: str,
    item_id: str,
    identity_authorized_bc_id: str | None = None,
) -> IdentityPost:
    """One post of an identity, its counters with what Spark ads delivered to it."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        posts = _identity_posts(
            caller, advertiser_id, identity_type, identity_id, identity_authorized_bc_id
        )
        found = next((p for p in posts if p.post.item_id == item_id), None)
        if found is None:
            raise errors.NoPermission("item_id", item_id)
        seed = caller.sandbox.seed
        post = with_earned_engagement(caller.world, seed, found.post, caller.now)
    return replace(found, post=post)


def _identity_posts(
    caller: Caller,
    advertiser_id: str,
    identity_type: IdentityType,
    identity_id: str,
    bc_id: str | None,
) -> list[IdentityPost]:
    """Posts an identity offers, newest first; refuses identities out of reach."""
    world = caller.world
    if identity_type is IdentityType.CUSTOMIZED_USER:
        raise errors.InvalidParameter(
            "identity_type", "CUSTOMIZED_USER identities have no TikTok posts."
        )
    if identity_type is IdentityType.AUTH_CODE:
        rows, _ = world.linked_spark_posts(advertiser_id, (), None, 0, 1_000_000)
        found = [
            IdentityPost(post, code, caller.now)
            for _, code, post, creator in rows
            if creator.identity_id == identity_id
        ]
        if not found:
            raise errors.NoPermission("identity_id", identity_id)
        return sorted(found, key=lambda p: p.post.create_time, reverse=True)
    identity = account_identity(
        world.get(Identity, identity_id, advertiser_id),
        identity_type,
        identity_id,
        bc_id,
        named_business_center(world, bc_id),
    )
    assert identity.creator_id is not None
    return [
        IdentityPost(post, None, caller.now)
        for post in world.posts_of(identity.creator_id)
        if not post.deleted and post.published_by(caller.now)
    ]


def _auth_code_identity(advertiser_id: str, creator: Creator) -> Identity:
    return Identity(
        identity_id=creator.identity_id,
        advertiser_id=advertiser_id,
        identity_type=IdentityType.AUTH_CODE,
        display_name=creator.display_name,
        profile_image=creator.profile_image,
        creator_id=creator.creator_id,
        identity_authorized_bc_id=None,
        can_push_video=False,
        can_pull_video=True,
        can_use_live_ads=False,
        create_time=creator.create_time,
    )
