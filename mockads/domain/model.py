"""Entities of a sandbox's world. Times are Unix seconds in the sandbox clock."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, ClassVar, Self

from mockads.domain import errors
from mockads.domain.clock import Clock
from mockads.domain.enums import AdAuthStatus, IdentityType, ItemType, Privacy
from mockads.domain.review import ReviewPolicy

if TYPE_CHECKING:  # campaigns.py builds on this module's Timed
    from mockads.domain.ads import Ad
    from mockads.domain.assets import CreativePortfolio, CustomAudience, Music, User
    from mockads.domain.campaigns import AdGroup, Campaign
    from mockads.domain.images import LibraryImage
    from mockads.domain.library import LibraryVideo
    from mockads.domain.oauth import AccessGrant, AuthCode, OAuthApp

__all__ = [
    "Advertiser",
    "BusinessCenter",
    "Creator",
    "Identity",
    "LinkedPost",
    "Post",
    "Sandbox",
    "SandboxRef",
    "SparkCode",
    "World",
    "account_identity",
]


class Timed:
    """Mixin for entities whose time fields move when a world is anchored to a start time."""

    __slots__ = ()
    time_fields: ClassVar[tuple[str, ...]] = ()

    def shifted(self, seconds: int) -> Self:
        """This entity with every time field moved by `seconds`."""
        changes = {
            name: value + seconds
            for name in self.time_fields
            if (value := getattr(self, name)) is not None
        }
        return replace(self, **changes)  # type: ignore[type-var]


@dataclass(frozen=True, slots=True)
class Sandbox:
    """An isolated tenant: its own world, clock and access token."""

    sandbox_id: str
    name: str
    scenario: str
    seed: int
    access_token: str
    created_at: float
    clock: Clock = field(default_factory=Clock)
    review_policy: ReviewPolicy = field(default_factory=ReviewPolicy)


@dataclass(frozen=True, slots=True)
class SandboxRef:
    """What never changes about a sandbox while it exists: what an access token's requests
    are filed under (faults and the journal), and the seed its faults draw from."""

    sandbox_id: str
    seed: int


@dataclass(frozen=True, slots=True)
class Advertiser(Timed):
    """An ad account."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time",)

    advertiser_id: str
    name: str
    company: str
    country: str
    currency: str
    timezone: str
    display_timezone: str
    status: str
    role: str
    balance: float
    email: str
    industry: str
    language: str
    description: str
    address: str
    contacter: str
    telephone_number: str
    cellphone_number: str
    license_no: str
    license_url: str
    promotion_area: str
    rejection_reason: str
    advertiser_account_type: str
    create_time: int


@dataclass(frozen=True, slots=True)
class BusinessCenter(Timed):
    """A Business Center: owns ad accounts; TikTok accounts can be authorized to it (BC_AUTH_TT).

    `user_role` and `finance_role` are those of the user behind the sandbox's access token.
    """

    bc_id: str
    name: str
    company: str
    currency: str
    timezone: str
    registered_area: str
    status: str
    type: str
    user_role: str
    finance_role: str | None
    advertiser_ids: tuple[str, ...]

    def owns(self, advertiser_id: str) -> bool:
        """Whether the ad account belongs to this Business Center."""
        return advertiser_id in self.advertiser_ids


@dataclass(frozen=True, slots=True)
class Creator(Timed):
    """A TikTok account, as the app knows it."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time",)

    creator_id: str
    identity_id: str
    handle: str
    display_name: str
    profile_image: str
    follower_count: int
    allow_authorized_posts: bool
    accepted_ad_terms: bool
    create_time: int


@dataclass(frozen=True, slots=True)
class Post(Timed):
    """A creator's video or carousel, with its media and engagement counters."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time", "modify_time")

    item_id: str
    creator_id: str
    item_type: ItemType
    caption: str
    privacy: Privacy
    ads_only_mode: bool
    ad_authorization: bool
    deleted: bool
    duet_original_item_id: str | None
    stitch_original_item_id: str | None
    video_id: str
    file_name: str
    format: str
    duration: float
    width: int
    height: int
    size: int
    bit_rate: int
    signature: str
    views: int
    likes: int
    comments: int
    shares: int
    follows: int
    create_time: int
    modify_time: int
    image_count: int = 0
    ineligible_reason: str | None = None

    def published_by(self, now: float) -> bool:
        """Whether the post is up at `now` (a pushed post waits for its ad's review)."""
        return self.create_time <= now

    @property
    def original_item_id(self) -> str | None:
        """The post this one duets or stitches, if any."""
        return self.duet_original_item_id or self.stitch_original_item_id

    @property
    def remix_kind(self) -> str | None:
        """`duet`, `stitch` or None."""
        if self.duet_original_item_id:
            return "duet"
        return "stitch" if self.stitch_original_item_id else None


@dataclass(frozen=True, slots=True)
class SparkCode(Timed):
    """An authorization code a creator generated for one post."""

    time_fields: ClassVar[tuple[str, ...]] = (
        "auth_start_time",
        "auth_end_time",
        "revoked_at",
        "invalidated_at",
    )

    auth_code: str
    item_id: str
    days: int
    auth_start_time: int
    auth_end_time: int
    revoked_at: int | None = None
    invalidated_at: int | None = None

    def status_at(self, now: float) -> AdAuthStatus:
        """What `auth_info.ad_auth_status` says of this code at sandbox time `now`."""
        if self.invalidated_at is not None and self.invalidated_at <= now:
            return AdAuthStatus.INVALID
        if self.revoked_at is not None and self.revoked_at <= now:
            return AdAuthStatus.CANCELLED
        if now >= self.auth_end_time:
            return AdAuthStatus.EXPIRED
        return AdAuthStatus.AUTHORIZED


@dataclass(frozen=True, slots=True)
class Identity(Timed):
    """An identity an advertiser may run ads as (AUTH_CODE identities are derived, not stored)."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time",)

    identity_id: str
    advertiser_id: str
    identity_type: IdentityType
    display_name: str
    profile_image: str
    creator_id: str | None
    identity_authorized_bc_id: str | None
    can_push_video: bool
    can_pull_video: bool
    can_use_live_ads: bool
    create_time: int


def account_identity(
    identity: Identity | None,
    identity_type: IdentityType,
    identity_id: str,
    bc_id: str | None,
    business_center: BusinessCenter | None,
) -> Identity:
    """A TikTok account identity (TT_USER, BC_AUTH_TT) of the advertiser, as the call names it.

    Another type or an unknown id is out of reach (40001); a BC_AUTH_TT account needs the
    Business Center it is authorized to (40002 otherwise), and that Business Center
    (`business_center`, the one `bc_id` names, None when the sandbox has no such Business
    Center) must exist and own the advertiser (40001 otherwise).
    """
    if identity is None or identity.identity_type is not identity_type:
        raise errors.NoPermission("identity_id", identity_id)
    if identity_type is not IdentityType.BC_AUTH_TT:
        return identity
    if bc_id is None or bc_id != identity.identity_authorized_bc_id:
        raise errors.InvalidParameter(
            "identity_authorized_bc_id", "give the Business Center this account is authorized to."
        )
    if (
        business_center is None
        or business_center.bc_id != bc_id
        or not business_center.owns(identity.advertiser_id)
    ):
        raise errors.NoPermission("identity_authorized_bc_id", bc_id)
    return identity


@dataclass(frozen=True, slots=True)
class LinkedPost(Timed):
    """A post an advertiser linked through a Spark code (`tt_video/authorize/`)."""

    time_fields: ClassVar[tuple[str, ...]] = ("linked_at",)

    advertiser_id: str
    item_id: str
    auth_code: str
    linked_at: int
    original_auth_code: str | None = None


@dataclass(frozen=True, slots=True)
class World:
    """Everything a scenario puts in a new sandbox."""

    advertisers: tuple[Advertiser, ...] = ()
    creators: tuple[Creator, ...] = ()
    posts: tuple[Post, ...] = ()
    spark_codes: tuple[SparkCode, ...] = ()
    identities: tuple[Identity, ...] = ()
    linked_posts: tuple[LinkedPost, ...] = ()
    library_videos: tuple[LibraryVideo, ...] = ()
    campaigns: tuple[Campaign, ...] = ()
    adgroups: tuple[AdGroup, ...] = ()
    ads: tuple[Ad, ...] = ()
    business_centers: tuple[BusinessCenter, ...] = ()
    # ETL assets (issue 15): the token's user and each advertiser's library beside videos.
    users: tuple[User, ...] = ()
    library_images: tuple[LibraryImage, ...] = ()
    musics: tuple[Music, ...] = ()
    creative_portfolios: tuple[CreativePortfolio, ...] = ()
    custom_audiences: tuple[CustomAudience, ...] = ()
    # Onboarding (issue 17): the apps, their codes and the tokens they hold.
    oauth_apps: tuple[OAuthApp, ...] = ()
    oauth_auth_codes: tuple[AuthCode, ...] = ()
    oauth_grants: tuple[AccessGrant, ...] = ()

    def shifted(self, seconds: int) -> World:
        """This world with every time moved by `seconds` (anchors a template to a start time)."""
        return World(
            **{
                f.name: tuple(entity.shifted(seconds) for entity in getattr(self, f.name))
                for f in fields(self)
            }
        )
