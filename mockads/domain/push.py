"""Push Spark ads (design rule 9): a library video run as a TikTok account's ad is published
under that account as a new PRIVATE post once the ad passes review, and never before.

The post is planned when the review's outcome is known and goes up at the moment the review
shows approval; until then it is invisible. A published post stays, whatever happens to the ad
afterwards: it is not published twice and never withdrawn.
"""

from __future__ import annotations

from dataclasses import asdict

from mockads.domain import errors
from mockads.domain.ads import Ad
from mockads.domain.enums import IdentityType, ItemType, OperationStatus, Privacy, ReviewOutcome
from mockads.domain.library import LibraryVideo, media_of
from mockads.domain.model import BusinessCenter, Identity, Post, account_identity

__all__ = ["PUSH_IDENTITIES", "check_push_identity", "planned_post", "publication_time"]

#: Identities that can publish a library video as a post of their account.
PUSH_IDENTITIES = (IdentityType.TT_USER, IdentityType.BC_AUTH_TT)


def check_push_identity(
    identity: Identity | None,
    identity_type: IdentityType,
    identity_id: str,
    bc_id: str | None,
    business_center: BusinessCenter | None,
) -> Identity:
    """The TikTok account a library video is pushed to: the advertiser's, and allowed to."""
    identity = account_identity(identity, identity_type, identity_id, bc_id, business_center)
    if not identity.can_push_video or identity.creator_id is None:
        raise errors.PushNotAllowed(identity_id=identity_id)
    return identity


def publication_time(ad: Ad) -> int | None:
    """When a pushed ad's post goes up: when its review shows approval; None if it will not."""
    if ad.operation_status is OperationStatus.DELETE:
        return None
    if ad.review_outcome is ReviewOutcome.APPROVED and ad.review_due_at is not None:
        return ad.review_due_at
    return None


def planned_post(
    ad: Ad, creator_id: str, video: LibraryVideo, current: Post | None, now: float
) -> Post | None:
    """The post a pushed ad calls for now, given the one planned or published so far.

    A published post is kept as it is. A planned one follows the ad's latest review: its time
    and its caption (the ad's text), or it is dropped (None) when the ad will not be approved.
    """
    if current is not None and current.create_time <= now:
        return current
    when = publication_time(ad)
    if when is None or ad.tiktok_item_id is None:
        return None
    return Post(
        item_id=ad.tiktok_item_id,
        creator_id=creator_id,
        item_type=ItemType.VIDEO,
        caption=ad.ad_text,
        privacy=Privacy.PRIVATE,
        ads_only_mode=ad.dark_post_status == "ON",
        ad_authorization=False,
        deleted=False,
        duet_original_item_id=None,
        stitch_original_item_id=None,
        video_id=video.video_id,
        file_name=video.file_name,
        **asdict(media_of(video)),
        views=0,
        likes=0,
        comments=0,
        shares=0,
        follows=0,
        create_time=when,
        modify_time=when,
    )
