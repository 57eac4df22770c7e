"""Spark rules on the advertiser's side: what a code allows, checked at sandbox time."""

from __future__ import annotations

from dataclasses import dataclass

from mockads.domain import errors
from mockads.domain.clock import format_time
from mockads.domain.enums import AdAuthStatus, Privacy
from mockads.domain.ids import AUTH_CODE_PATTERN
from mockads.domain.model import Creator, LinkedPost, Post, SparkCode

__all__ = [
    "MAX_BATCH_CODES",
    "SparkPost",
    "check_auth_code_format",
    "check_linkable",
    "check_original_code",
    "check_unbindable",
    "describe",
    "is_dual_creator",
]

#: Apply for Authorization takes at most this many codes at once.
MAX_BATCH_CODES = 20


@dataclass(frozen=True, slots=True)
class SparkPost:
    """A post seen through one of its codes: what `tt_video/info/` and `tt_video/list/` show."""

    post: Post
    creator: Creator
    code: SparkCode
    now: float
    linked: LinkedPost | None = None
    original: Post | None = None
    #: Another ad account whose link uses this code (as its code or the original's), if any.
    other_advertiser_id: str | None = None

    @property
    def ad_auth_status(self) -> AdAuthStatus:
        """The code's status at the time this view was taken."""
        return self.code.status_at(self.now)


def check_auth_code_format(auth_code: str, field: str = "auth_code") -> None:
    """Refuse text that cannot be a code, before any look-up."""
    if not AUTH_CODE_PATTERN.fullmatch(auth_code):
        raise errors.AuthCodeMalformed(field)


def is_dual_creator(post: Post, original: Post | None) -> bool:
    """Whether a Duet/Stitch features another creator's post, so both codes are needed."""
    return original is not None and original.creator_id != post.creator_id


def check_linkable(
    spark_post: SparkPost, field: str = "auth_code", linked_code: SparkCode | None = None
) -> None:
    """Refuse linking when the code or its post does not allow it (design rule 2).

    A post already linked through a code that still authorizes it is refused; one whose
    linking code has lapsed (`linked_code`) may be linked again with a new code: a renewal.
    A code another ad account linked with is refused, whoever asks next.
    """
    _check_usable(spark_post, field)
    linked = spark_post.linked
    if linked is None:
        return
    still_valid = linked_code is None or linked_code.status_at(spark_post.now) is (
        AdAuthStatus.AUTHORIZED
    )
    if linked.auth_code == spark_post.code.auth_code or still_valid:
        raise errors.PostAlreadyLinked(field, item_id=spark_post.post.item_id)


def _check_usable(spark_post: SparkPost, field: str) -> None:
    post, code = spark_post.post, spark_post.code
    if post.deleted:
        raise errors.PostDeleted(field)
    status = spark_post.ad_auth_status
    if status is AdAuthStatus.INVALID:
        raise errors.AuthCodeInvalidated(field)
    if status is AdAuthStatus.CANCELLED:
        raise errors.AuthCodeRevoked(field)
    if status is AdAuthStatus.EXPIRED:
        raise errors.AuthCodeExpired(field, expired_at=format_time(code.auth_end_time))
    if post.privacy is not Privacy.PUBLIC:
        raise errors.PostNotPublic(field, privacy=post.privacy.value)
    if post.ineligible_reason:
        raise errors.PostIneligible(field, why=post.ineligible_reason)
    if spark_post.other_advertiser_id is not None:  # a code authorizes one ad account
        raise errors.AuthCodeUsedByAnotherAccount(field)


def check_original_code(spark_post: SparkPost, original_code: SparkPost | None) -> None:
    """For a dual-creator post, the original post's own code must come too, valid (rule 3)."""
    post = spark_post.post
    if not is_dual_creator(post, spark_post.original):
        return
    original_item_id = post.original_item_id
    if original_code is None:
        raise errors.OriginalPostAuthCodeRequired(
            kind=post.remix_kind, original_item_id=original_item_id
        )
    if original_code.post.item_id != original_item_id:
        raise errors.OriginalPostAuthCodeMismatch(
            item_id=original_code.post.item_id, original_item_id=original_item_id
        )
    _check_usable(original_code, "original_post_auth_code")


def check_unbindable(item_id: str, linked: LinkedPost | None, ads_using: int) -> None:
    """A linked post can be unlinked only when no ad that is not deleted uses it (rule 8)."""
    if linked is None:
        raise errors.PostNotLinked(item_id=item_id)
    if ads_using:
        raise errors.PostInUse(item_id=item_id, ads=ads_using)


def describe(spark_post: SparkPost) -> str:
    """What linking this code alone does now: `READY`, or the reason it is refused."""
    try:
        check_linkable(spark_post)
        check_original_code(spark_post, None)
    except errors.SparkError as refusal:
        return refusal.reason
    return "READY"
