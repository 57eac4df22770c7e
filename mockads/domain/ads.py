"""Ads: Spark and non-Spark creatives, review, delivery status and the Spark ad cap."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar
from urllib.parse import urlsplit

from mockads.domain import errors
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.catalogue.fields import FieldValues
from mockads.domain.enums import (
    AdAuthStatus,
    AdFormat,
    IdentityType,
    OperationStatus,
    Privacy,
    ReviewOutcome,
)
from mockads.domain.model import (
    BusinessCenter,
    Creator,
    Identity,
    LinkedPost,
    Post,
    SparkCode,
    Timed,
    account_identity,
)
from mockads.domain.urls import split_http_url

__all__ = [
    "ENGAGEMENT_COUNTERS",
    "MAX_LANDING_PAGE_URL",
    "MAX_SPARK_ADS",
    "Ad",
    "accrue_engagement",
    "check_landing_page_url",
    "check_spark_ad_limit",
    "spark_ad_text",
    "spark_post_for_ad",
    "utm_params",
]

#: Spark ads (not deleted) one ad account may hold.
MAX_SPARK_ADS = 10_000
MAX_LANDING_PAGE_URL = 2048


@dataclass(frozen=True, slots=True)
class Ad(Timed):
    """An ad: a Spark ad promotes a post, a non-Spark ad a library video."""

    time_fields: ClassVar[tuple[str, ...]] = (
        "review_due_at",
        "create_time",
        "modify_time",
        "pushed_at",
    )

    ad_id: str
    advertiser_id: str
    campaign_id: str
    adgroup_id: str
    ad_name: str
    ad_format: AdFormat
    identity_type: IdentityType
    identity_id: str
    identity_authorized_bc_id: str | None
    tiktok_item_id: str | None
    auth_code: str | None
    video_id: str | None
    ad_text: str
    call_to_action: str | None
    landing_page_url: str | None
    display_name: str | None
    dark_post_status: str
    operation_status: OperationStatus
    review_outcome: ReviewOutcome | None
    review_reason: str | None
    review_due_at: int | None
    create_time: int
    modify_time: int
    smart_plus_ad_id: str | None = None
    #: A Smart+ ad's `ad_text_list` and `call_to_action_list`, as sent (on each creative).
    text_options: tuple[str, ...] = ()
    call_to_action_options: tuple[str, ...] = ()
    #: A pushed ad's post goes up at this time (design rule 9); None while none is planned.
    pushed_at: int | None = None
    #: The creative's catalogue fields without a column of their own, as sent.
    settings: FieldValues = field(default_factory=FieldValues)

    @property
    def is_spark(self) -> bool:
        """Whether the ad runs from a TikTok account (AUTH_CODE, TT_USER or BC_AUTH_TT)."""
        return self.identity_type is not IdentityType.CUSTOMIZED_USER

    @property
    def is_push(self) -> bool:
        """Whether the ad publishes a library video as a new post of its account."""
        return self.is_spark and self.video_id is not None

    def published_by(self, now: float) -> bool:
        """Whether a pushed ad's post is up at `now`."""
        return self.pushed_at is not None and self.pushed_at <= now

    def item_id_at(self, now: float) -> str | None:
        """The post the ad promotes; a pushed ad reports it once the post is published."""
        if self.is_push and not self.published_by(now):
            return None
        return self.tiktok_item_id

    def text_locked(self, now: float) -> bool:
        """A Spark ad's text is its post's caption; a pushed ad's only once the post is up."""
        return self.is_spark and (not self.is_push or self.published_by(now))

    def review_at(self, now: float) -> ReviewOutcome:
        """Where the review stands at sandbox time `now`."""
        if self.review_outcome is None or self.review_due_at is None or now < self.review_due_at:
            return ReviewOutcome.IN_REVIEW
        return self.review_outcome

    def secondary_status(
        self, now: float, campaign: Campaign, adgroup: AdGroup, authorization: AdAuthStatus | None
    ) -> str:
        """Review and delivery in one word, as `secondary_status` reports it."""
        if self.operation_status is OperationStatus.DELETE:
            return "AD_STATUS_DELETE"
        review = self.review_at(now)
        if review is ReviewOutcome.IN_REVIEW:
            return "AD_STATUS_REVIEW"
        if review is ReviewOutcome.REJECTED:
            return "AD_STATUS_REJECT"
        if authorization is not None and authorization is not AdAuthStatus.AUTHORIZED:
            return f"AD_STATUS_SPARK_AUTHORIZATION_{authorization.value}"
        if campaign.operation_status is not OperationStatus.ENABLE:
            return "AD_STATUS_CAMPAIGN_DISABLE"
        if adgroup.operation_status is not OperationStatus.ENABLE:
            return "AD_STATUS_ADGROUP_DISABLE"
        if self.operation_status is OperationStatus.DISABLE:
            return "AD_STATUS_DISABLE"
        return "AD_STATUS_DELIVERY_OK"


ENGAGEMENT_COUNTERS = ("views", "likes", "comments", "shares", "follows")


def accrue_engagement(post: Post, delivering: str, counts: dict[str, int]) -> Post:
    """Engagement an ad earned, added to the post it promotes (design rule 10).

    Only a delivering ad earns any (`delivering` is its secondary status); the counters of the
    original post grow, never a copy's.
    """
    if delivering != "AD_STATUS_DELIVERY_OK":
        raise errors.Conflict(f"ad: it is not delivering (secondary_status {delivering}).")
    grown = {name: getattr(post, name) + counts.get(name, 0) for name in ENGAGEMENT_COUNTERS}
    return replace(post, **grown)


def check_spark_ad_limit(current: int, adding: int, field: str = "creatives") -> None:
    """At most MAX_SPARK_ADS Spark ads that are not deleted per ad account (design rule 6)."""
    if current + adding > MAX_SPARK_ADS:
        raise errors.SparkAdLimitReached(field, limit=MAX_SPARK_ADS, count=current)


def check_landing_page_url(url: str | None) -> None:
    """An http(s) URL with a host, at most MAX_LANDING_PAGE_URL characters."""
    if url is None:
        return
    split_http_url(url, "landing_page_url")
    if len(url) > MAX_LANDING_PAGE_URL:
        raise errors.InvalidParameter(
            "landing_page_url", f"must be at most {MAX_LANDING_PAGE_URL} characters."
        )


def utm_params(url: str | None) -> list[tuple[str, str]]:
    """The UTM parameters of a landing page, exactly as written (still encoded), in order."""
    if not url:
        return []
    pairs = (part.partition("=") for part in urlsplit(url).query.split("&") if part)
    return [(key, value) for key, _, value in pairs if key.startswith("utm_")]


def spark_ad_text(caption: str, ad_text: str | None) -> str:
    """A Spark ad's text is the post's caption; a different text is refused (design rule 5)."""
    if ad_text is not None and ad_text != caption:
        raise errors.AdTextNotCaption(caption=caption)
    return caption


def spark_post_for_ad(
    item_id: str,
    identity_type: IdentityType,
    identity_id: str,
    bc_id: str | None,
    identity: Identity | None,
    business_center: BusinessCenter | None,
    post: Post | None,
    creator: Creator | None,
    linked: LinkedPost | None,
    code: SparkCode | None,
    now: float,
) -> Post:
    """The post a Spark ad may promote through this identity.

    AUTH_CODE needs the post linked with a code that still authorizes it; TT_USER and
    BC_AUTH_TT need a post of that very account. A private post of the brand's own account
    (TT_USER) comes back public: it becomes public when used in a campaign (design rule 7).
    """

    def refuse(why: str) -> errors.PostNotAvailable:
        return errors.PostNotAvailable(item_id=item_id, why=why)

    if post is None or creator is None or post.deleted:
        raise refuse("it does not exist")
    if identity_type is IdentityType.AUTH_CODE:
        if linked is None or code is None:
            raise refuse("it is not linked to this advertiser; link its code first")
        if creator.identity_id != identity_id:
            raise refuse("it belongs to another identity")
        status = code.status_at(now)
        if status is not AdAuthStatus.AUTHORIZED:
            raise refuse(f"its authorization is {status.value.lower()}")
        if post.privacy is not Privacy.PUBLIC:
            raise refuse("it is not public")
        return post
    identity = account_identity(identity, identity_type, identity_id, bc_id, business_center)
    if identity.creator_id != post.creator_id:
        raise refuse("it is not a post of this account")
    if post.privacy is not Privacy.PUBLIC:
        if identity_type is IdentityType.TT_USER:
            return replace(post, privacy=Privacy.PUBLIC)
        raise refuse("it is not public")
    return post
