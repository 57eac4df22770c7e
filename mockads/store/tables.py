"""Tables. Every row carries its sandbox id, which leads every primary key."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Enum,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

from mockads.domain.catalogue.fields import FieldValues
from mockads.domain.enums import (
    AdFormat,
    BudgetMode,
    IdentityType,
    ItemType,
    ObjectiveType,
    OperationStatus,
    Privacy,
    ReviewOutcome,
)

metadata = MetaData()


def _sandbox_id() -> Column:
    return Column("sandbox_id", String(64), primary_key=True)


def _enum(enum_class: type) -> Enum:
    return Enum(enum_class, native_enum=False, create_constraint=False, length=32)


class JsonTuple(TypeDecorator[tuple[Any, ...]]):
    """A tuple stored as a JSON array (lists of placements, location ids...)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(list(value)) if value else "[]"  # most lists are empty: no encoder

    def process_result_value(self, value: Any, dialect: Any) -> tuple[Any, ...] | None:
        if value is None:
            return None
        return tuple(json.loads(value)) if value != "[]" else ()


class JsonFieldValues(TypeDecorator[FieldValues]):
    """Catalogue fields as sent (`FieldValues`), stored as one JSON object."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value.as_dict(), sort_keys=True) if value else "{}"

    def process_result_value(self, value: Any, dialect: Any) -> FieldValues | None:
        return None if value is None else _field_values(value)


@lru_cache(maxsize=4096)
def _field_values(text: str) -> FieldValues:
    """Stored settings read back: decoded and frozen once per distinct text (rows of one ad
    group or one batch of ads share theirs), then shared, as FieldValues cannot change."""
    return FieldValues.of(json.loads(text))


def _strings(names: str) -> list[Column]:
    return [Column(name, String(512), nullable=False) for name in names.split()]


sandboxes = Table(
    "sandboxes",
    metadata,
    Column("sandbox_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("scenario", String(64), nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("access_token", String(64), nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
    Column("clock_offset", Float, nullable=False),
    Column("clock_frozen_at", Float),
    Column("review_mode", String(16), nullable=False),
    Column("review_delay_seconds", Integer, nullable=False),
    Column("review_reject_terms", JsonTuple, nullable=False),
)

advertisers = Table(
    "advertisers",
    metadata,
    _sandbox_id(),
    Column("advertiser_id", String(32), primary_key=True),
    *_strings("name company country currency timezone display_timezone status role"),
    Column("balance", Float, nullable=False),
    *_strings(
        "email industry language description address contacter telephone_number cellphone_number "
        "license_no license_url promotion_area rejection_reason advertiser_account_type"
    ),
    Column("create_time", BigInteger, nullable=False),
)

creators = Table(
    "creators",
    metadata,
    _sandbox_id(),
    Column("creator_id", String(32), primary_key=True),
    Column("identity_id", String(64), nullable=False),
    Column("handle", String(64), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("profile_image", String(512), nullable=False),
    Column("follower_count", BigInteger, nullable=False),
    Column("allow_authorized_posts", Boolean, nullable=False),
    Column("accepted_ad_terms", Boolean, nullable=False),
    Column("create_time", BigInteger, nullable=False),
)

posts = Table(
    "posts",
    metadata,
    _sandbox_id(),
    Column("item_id", String(32), primary_key=True),
    Column("creator_id", String(32), nullable=False, index=True),
    Column("item_type", _enum(ItemType), nullable=False),
    Column("caption", Text, nullable=False),
    Column("privacy", _enum(Privacy), nullable=False),
    Column("ads_only_mode", Boolean, nullable=False),
    Column("ad_authorization", Boolean, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("duet_original_item_id", String(32)),
    Column("stitch_original_item_id", String(32)),
    Column("video_id", String(64), nullable=False),
    Column("file_name", String(256), nullable=False),
    Column("format", String(16), nullable=False),
    Column("duration", Float, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("bit_rate", BigInteger, nullable=False),
    Column("signature", String(64), nullable=False),
    *(
        Column(name, BigInteger, nullable=False)
        for name in ["views", "likes", "comments", "shares", "follows"]
    ),
    Column("create_time", BigInteger, nullable=False),
    Column("modify_time", BigInteger, nullable=False),
    Column("image_count", Integer, nullable=False),
    Column("ineligible_reason", String(256)),
)

spark_codes = Table(
    "spark_codes",
    metadata,
    _sandbox_id(),
    Column("auth_code", String(128), primary_key=True),
    Column("item_id", String(32), nullable=False, index=True),
    Column("days", Integer, nullable=False),
    Column("auth_start_time", BigInteger, nullable=False),
    Column("auth_end_time", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
    Column("invalidated_at", BigInteger),
)

identities = Table(
    "identities",
    metadata,
    _sandbox_id(),
    Column("identity_id", String(64), primary_key=True),
    Column("advertiser_id", String(32), primary_key=True),
    Column("identity_type", _enum(IdentityType), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("profile_image", String(512), nullable=False),
    Column("creator_id", String(32)),
    Column("identity_authorized_bc_id", String(32)),
    Column("can_push_video", Boolean, nullable=False),
    Column("can_pull_video", Boolean, nullable=False),
    Column("can_use_live_ads", Boolean, nullable=False),
    Column("create_time", BigInteger, nullable=False),
)

linked_posts = Table(
    "linked_posts",
    metadata,
    _sandbox_id(),
    Column("advertiser_id", String(32), primary_key=True),
    Column("item_id", String(32), primary_key=True),
    Column("auth_code", String(128), nullable=False),
    Column("linked_at", BigInteger, nullable=False),
    Column("original_auth_code", String(128)),
)


def _times() -> list[Column]:
    return [
        Column("create_time", BigInteger, nullable=False),
        Column("modify_time", BigInteger, nullable=False),
    ]


campaigns = Table(
    "campaigns",
    metadata,
    _sandbox_id(),
    Column("campaign_id", String(32), primary_key=True),
    Column("advertiser_id", String(32), nullable=False, index=True),
    Column("campaign_name", String(512), nullable=False),
    Column("objective_type", _enum(ObjectiveType), nullable=False),
    Column("budget_mode", _enum(BudgetMode), nullable=False),
    Column("budget", Float, nullable=False),
    Column("operation_status", _enum(OperationStatus), nullable=False),
    Column("is_smart_plus", Boolean, nullable=False),
    *_times(),
    Column("settings", JsonFieldValues, nullable=False),
)

adgroups = Table(
    "adgroups",
    metadata,
    _sandbox_id(),
    Column("adgroup_id", String(32), primary_key=True),
    Column("advertiser_id", String(32), nullable=False, index=True),
    Column("campaign_id", String(32), nullable=False, index=True),
    Column("adgroup_name", String(512), nullable=False),
    Column("placement_type", String(64), nullable=False),
    Column("placements", JsonTuple, nullable=False),
    Column("location_ids", JsonTuple, nullable=False),
    Column("budget_mode", _enum(BudgetMode), nullable=False),
    Column("budget", Float, nullable=False),
    Column("schedule_type", String(64), nullable=False),
    Column("schedule_start_time", BigInteger, nullable=False),
    Column("schedule_end_time", BigInteger),
    Column("optimization_goal", String(64), nullable=False),
    Column("billing_event", String(64), nullable=False),
    Column("bid_type", String(64), nullable=False),
    Column("bid_price", Float, nullable=False),
    Column("promotion_type", String(64), nullable=False),
    Column("operation_status", _enum(OperationStatus), nullable=False),
    *_times(),
    Column("settings", JsonFieldValues, nullable=False),
)

library_videos = Table(
    "library_videos",
    metadata,
    _sandbox_id(),
    Column("video_id", String(64), primary_key=True),
    Column("advertiser_id", String(32), primary_key=True),
    Column("file_name", String(256), nullable=False),
    Column("format", String(16), nullable=False),
    Column("duration", Float, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("bit_rate", BigInteger, nullable=False),
    Column("signature", String(64), nullable=False),
    Column("create_time", BigInteger, nullable=False),
    Column("material_id", String(32), nullable=False),
    Column("modify_time", BigInteger, nullable=False),
)

ads = Table(
    "ads",
    metadata,
    _sandbox_id(),
    Column("ad_id", String(32), primary_key=True),
    Column("advertiser_id", String(32), nullable=False, index=True),
    Column("campaign_id", String(32), nullable=False),
    Column("adgroup_id", String(32), nullable=False, index=True),
    Column("ad_name", String(512), nullable=False),
    Column("ad_format", _enum(AdFormat), nullable=False),
    Column("identity_type", _enum(IdentityType), nullable=False),
    Column("identity_id", String(64), nullable=False),
    Column("identity_authorized_bc_id", String(32)),
    Column("tiktok_item_id", String(32), index=True),
    Column("auth_code", String(128)),
    Column("video_id", String(64)),
    Column("ad_text", Text, nullable=False),
    Column("call_to_action", String(64)),
    Column("landing_page_url", String(2048)),
    Column("display_name", String(100)),
    Column("dark_post_status", String(8), nullable=False),
    Column("operation_status", _enum(OperationStatus), nullable=False),
    Column("review_outcome", _enum(ReviewOutcome)),
    Column("review_reason", Text),
    Column("review_due_at", BigInteger),
    *_times(),
    Column("smart_plus_ad_id", String(32), index=True),
    Column("text_options", JsonTuple, nullable=False),
    Column("call_to_action_options", JsonTuple, nullable=False),
    Column("pushed_at", BigInteger),
    Column("settings", JsonFieldValues, nullable=False),
)

business_centers = Table(
    "business_centers",
    metadata,
    _sandbox_id(),
    Column("bc_id", String(32), primary_key=True),
    *_strings("name company currency timezone registered_area status type user_role"),
    Column("finance_role", String(32)),
    Column("advertiser_ids", JsonTuple, nullable=False),
)

# -- ETL assets (issue 15): the token's user, images, music, portfolios, audiences -------------

users = Table(
    "users",
    metadata,
    _sandbox_id(),
    Column("user_id", String(32), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("email", String(200), nullable=False),
    Column("create_time", BigInteger, nullable=False),
)

library_images = Table(
    "library_images",
    metadata,
    _sandbox_id(),
    Column("image_id", String(64), primary_key=True),
    Column("advertiser_id", String(32), primary_key=True),
    Column("material_id", String(32), nullable=False),
    Column("file_name", String(256), nullable=False),
    Column("format", String(16), nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("signature", String(64), nullable=False),
    *_times(),
)

musics = Table(
    "musics",
    metadata,
    _sandbox_id(),
    Column("music_id", String(32), primary_key=True),
    Column("advertiser_id", String(32), primary_key=True),
    Column("material_id", String(32), nullable=False),
    *_strings("name author file_name"),
    Column("duration", Float, nullable=False),
    Column("style", String(64), nullable=False),
    Column("signature", String(64), nullable=False),
    Column("sources", JsonTuple, nullable=False),
    Column("copyright", String(64), nullable=False),
    Column("liked", Boolean, nullable=False),
    *_times(),
)

creative_portfolios = Table(
    "creative_portfolios",
    metadata,
    _sandbox_id(),
    Column("creative_portfolio_id", String(32), primary_key=True),
    Column("advertiser_id", String(32), nullable=False, index=True),
    Column("creative_portfolio_type", String(32), nullable=False),
    Column("portfolio_content", JsonTuple, nullable=False),
    Column("create_time", BigInteger, nullable=False),
)

custom_audiences = Table(
    "custom_audiences",
    metadata,
    _sandbox_id(),
    Column("audience_id", String(32), primary_key=True),
    Column("advertiser_id", String(32), nullable=False, index=True),
    Column("name", String(512), nullable=False),
    Column("audience_type", String(64), nullable=False),
    Column("calculate_type", String(64), nullable=False),
    Column("cover_num", BigInteger, nullable=False),
    Column("is_creator", Boolean, nullable=False),
    Column("shared", Boolean, nullable=False),
    Column("create_time", BigInteger, nullable=False),
    Column("expired_time", BigInteger, nullable=False),
)

# -- Status history (issue 15): when each campaign, ad group and ad was switched on or off -----

status_changes = Table(
    "status_changes",
    metadata,
    _sandbox_id(),
    Column("object_kind", String(16), primary_key=True),
    Column("object_id", String(32), primary_key=True),
    #: The change's number among the object's changes (0: its creation, or its status when
    #: history began), so changes within one second keep their order.
    Column("seq", Integer, primary_key=True),
    Column("advertiser_id", String(32), nullable=False),
    Column("changed_at", BigInteger, nullable=False),
    Column("operation_status", _enum(OperationStatus), nullable=False),
    Index("ix_status_changes_advertiser", "sandbox_id", "advertiser_id"),
)

# -- onboarding (issue 17): apps, their consents' codes and the tokens they bought -------------

oauth_apps = Table(
    "oauth_apps",
    metadata,
    _sandbox_id(),
    Column("app_id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("secret", String(64), nullable=False),
    Column("redirect_uris", JsonTuple, nullable=False),
    Column("create_time", BigInteger, nullable=False),
)

oauth_auth_codes = Table(
    "oauth_auth_codes",
    metadata,
    _sandbox_id(),
    Column("auth_code", String(64), primary_key=True, index=True),
    Column("app_id", String(32), nullable=False),
    Column("redirect_uri", String(2048), nullable=False),
    Column("advertiser_ids", JsonTuple, nullable=False),
    Column("scopes", JsonTuple, nullable=False),
    Column("issued_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used", Boolean, nullable=False),
)

oauth_grants = Table(
    "oauth_grants",
    metadata,
    _sandbox_id(),
    Column("access_token", String(64), primary_key=True, index=True),
    Column("app_id", String(32), nullable=False),
    Column("advertiser_ids", JsonTuple, nullable=False),
    Column("scopes", JsonTuple, nullable=False),
    Column("create_time", BigInteger, nullable=False),
)

#: Tables that hold a sandbox's world, in the order rows may be inserted.
WORLD_TABLES = (
    advertisers,
    creators,
    posts,
    spark_codes,
    identities,
    linked_posts,
    library_videos,
    campaigns,
    adgroups,
    ads,
    business_centers,
    users,
    library_images,
    musics,
    creative_portfolios,
    custom_audiences,
    oauth_apps,
    oauth_auth_codes,
    oauth_grants,
)

#: How many units of work that wrote each sandbox's world committed, on a database that several
#: processes share: the key of every process's caches of what it read (`SqlStore.generation`).
#: A row outlives its sandbox, so a sandbox made again under the same id goes on counting.
sandbox_generations = Table(
    "sandbox_generations",
    metadata,
    Column("sandbox_id", String(64), primary_key=True),
    Column("generation", BigInteger, nullable=False),
)

# -- faults and journals of a server whose processes share the database (`serve --workers`) --

#: Per sandbox: the next fault number, and how many journal entries its bound dropped.
instrument_counters = Table(
    "instrument_counters",
    metadata,
    Column("sandbox_id", String(64), primary_key=True),
    Column("next_fault", Integer, nullable=False),
    Column("dropped", BigInteger, nullable=False),
)

#: Fault rules in creation order (`number`), the rule as JSON, with their counters.
fault_rules = Table(
    "fault_rules",
    metadata,
    Column("sandbox_id", String(64), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("rule", Text, nullable=False),
    Column("matched", BigInteger, nullable=False),
    Column("applied", BigInteger, nullable=False),
)

#: Journal entries in the order they were recorded (`entry_id`, one sequence for all sandboxes,
#: so recording a call locks nothing), each as JSON, with the weight of its parameters.
journal_entries = Table(
    "journal_entries",
    metadata,
    Column(
        "entry_id",
        BigInteger().with_variant(Integer, "sqlite"),
        primary_key=True,
        autoincrement=True,
    ),
    Column("sandbox_id", String(64), nullable=False, index=True),
    Column("size", BigInteger, nullable=False),
    Column("entry", Text, nullable=False),
)

#: Tables that are not a sandbox's state: counts and records of how it was used.
USAGE_TABLES = (sandbox_generations, instrument_counters, fault_rules, journal_entries)

# -- derived rows: kept in step with the world by the store, never part of a sandbox's state ---

#: Spark ads that are not deleted, per advertiser (the 10,000 cap), so a new ad need not count
#: them all. A missing row is counted from `ads` on first use (`store/spark_ad_counts.py`).
spark_ad_counts = Table(
    "spark_ad_counts",
    metadata,
    _sandbox_id(),
    Column("advertiser_id", String(32), primary_key=True),
    Column("spark_ads", Integer, nullable=False),
)

#: Tables the store derives from the world's rows (not exported, not imported).
DERIVED_TABLES = (spark_ad_counts,)
