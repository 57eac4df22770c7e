"""Spark rules: what an authorization code allows, checked at sandbox time."""

from __future__ import annotations

from dataclasses import dataclass

from mockads.domain import errors
from mockads.domain.clock import format_time
from mockads.domain.enums import AdAuthStatus, Privacy
from mockads.domain.ids import AUTH_CODE_PATTERN
from mockads.domain.model import Creator, LinkedPost, Post, SparkCode

__all__ = ["SparkPost", "check_auth_code_format", "check_linkable"]


@dataclass(frozen=True, slots=True)
class SparkPost:
    """A post seen through one of its codes: what `tt_video/info/` and `tt_video/list/` show."""

    post: Post
    creator: Creator
    code: SparkCode
    now: float
    linked: LinkedPost | None = None

    @property
    def ad_auth_status(self) -> AdAuthStatus:
        """The code's status at the time this view was taken."""
        return self.code.status_at(self.now)


def check_auth_code_format(auth_code: str) -> None:
    """Refuse text that cannot be a code, before any look-up."""
    if not AUTH_CODE_PATTERN.fullmatch(auth_code):
        raise errors.AuthCodeMalformed()


def check_linkable(spark_post: SparkPost) -> None:
    """Refuse linking when the code or its post does not allow it (design rule 2)."""
    post, code = spark_post.post, spark_post.code
    if post.deleted:
        raise errors.PostDeleted()
    status = spark_post.ad_auth_status
    if status is AdAuthStatus.INVALID:
        raise errors.AuthCodeInvalidated()
    if status is AdAuthStatus.CANCELLED:
        raise errors.AuthCodeRevoked()
    if status is AdAuthStatus.EXPIRED:
        raise errors.AuthCodeExpired(format_time(code.auth_end_time))
    if post.privacy is not Privacy.PUBLIC:
        raise errors.PostNotPublic(post.privacy.value)
    if spark_post.linked is not None:
        raise errors.PostAlreadyLinked(post.item_id)
