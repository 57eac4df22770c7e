"""The ad group calls' fields: `adgroup/create/`, `adgroup/update/` and `adgroup/get/`.

Names, types and required-ness follow the official SDK's `AdgroupCreateBody` and
`AdgroupUpdateBody` (2026 generation); enum values are those the SDK documents, or where it
only points to TikTok's enumeration pages, those community code transcribed
(`tests/data/sdk_models/`, which `tests/unit/test_catalogue.py` compares with this module).
Where mockads departs from the SDK model (a default instead of "required"), the test says why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mockads.domain.catalogue.fields import FieldSpec, Kind
from mockads.domain.enums import BudgetMode, OperationStatus

__all__ = [
    "ADGROUP_COLUMNS",
    "ADGROUP_CREATE",
    "ADGROUP_GET",
    "ADGROUP_UPDATE",
    "AGE_GROUPS",
    "BID_TYPES",
    "BILLING_EVENTS",
    "DAYPARTING_SLOTS",
    "OPTIMIZATION_GOALS",
    "PLACEMENTS",
    "PROMOTION_TYPES",
]

PLACEMENTS = ("PLACEMENT_TIKTOK", "PLACEMENT_PANGLE", "PLACEMENT_GLOBAL_APP_BUNDLE")
#: Ad group goals: the SDK's list, and ENGAGED_VIEW, which mockads took before the catalogue.
OPTIMIZATION_GOALS = (
    "CLICK",
    "CONVERT",
    "INSTALL",
    "IN_APP_EVENT",
    "VALUE",
    "SHOW",
    "VIDEO_VIEW",
    "REACH",
    "LEAD_GENERATION",
    "FOLLOWERS",
    "PROFILE_VIEWS",
    "ENGAGED_VIEW",
)
BILLING_EVENTS = ("CPC", "CPM", "CPV", "OCPM")
BID_TYPES = ("BID_TYPE_NO_BID", "BID_TYPE_CUSTOM", "BID_TYPE_MAX_CONVERSION")
PROMOTION_TYPES = (
    "APP_ANDROID",
    "APP_IOS",
    "WEBSITE",
    "LEAD_GENERATION",
    "WEBSITE_OR_DISPLAY",
    "TIKTOK_SHOP",
    "VIDEO_SHOPPING",
    "LIVE_SHOPPING",
)
AGE_GROUPS = ("AGE_13_17", "AGE_18_24", "AGE_25_34", "AGE_35_44", "AGE_45_54", "AGE_55_100")
#: Half-hour slots of a week, Monday 00:00 first: the length of `dayparting`.
DAYPARTING_SLOTS = 48 * 7
_IDS = 100  # the most ids a targeting list takes when the API states no limit
_PRICE = {"minimum": 0, "maximum": 1_000_000_000}


def _ruled(name: str, kind: Kind, doc: str, **facts: Any) -> FieldSpec:
    """A field with a rule of its own (`domain/adgroup_fields.py` or a column's check)."""
    return FieldSpec(name, kind, doc, stored_as_given=False, **facts)


def _given(name: str, kind: Kind, doc: str, **facts: Any) -> FieldSpec:
    """A field mockads checks for shape, stores and returns as sent."""
    if kind.endswith("_list"):
        facts.setdefault("max_items", _IDS)
    return FieldSpec(name, kind, doc, **facts)


_ACTIONS = (
    _given("action_category_ids", "id_list", "Action category IDs."),
    _given("action_period", "integer", "Days of the action.", enum=(0, 7, 15)),
    _given(
        "action_scene",
        "string",
        "Scene of the action.",
        enum=("VIDEO_RELATED", "CREATOR_RELATED", "HASHTAG_RELATED"),
    ),
    _given(
        "video_user_actions",
        "string_list",
        "Video actions.",
        enum=(
            "WATCHED_TO_END",
            "LIKED",
            "COMMENTED",
            "SHARED",
            "FOLLOWING",
            "VIEW_HOMEPAGE",
            "VIEW_HASHTAG",
        ),
        max_items=7,
    ),
)
_CUSTOM_ACTION = (
    _given("code", "string", "Action.", enum=("VIEW_PRODUCT", "ADD_TO_CART", "PURCHASE")),
    _given("days", "integer", "Days.", minimum=1, maximum=180),
)
_SEARCH_KEYWORD = (
    _given("keyword", "string", "Keyword.", max_length=80),
    _given("keyword_bid", "number", "Keyword bid.", **_PRICE),
    _given("keyword_bid_type", "string", "Keyword bid type.", enum=("FOLLOW_ADGROUP",)),
    _given("match_type", "string", "Match type.", max_length=64),
)
_EXPANSION = (
    _given("expansion_enabled", "boolean", "Whether targeting expansion is on."),
    _given(
        "expansion_types",
        "string_list",
        "What may be expanded.",
        enum=("AGE", "GENDER", "INTEREST_AND_BEHAVIOR", "CUSTOM_AUDIENCE"),
        max_items=4,
    ),
)

ADGROUP_CREATE: tuple[FieldSpec, ...] = (
    _ruled("advertiser_id", "id", "Advertiser ID.", required=True),
    _ruled("campaign_id", "id", "The ad group's campaign ID.", required=True),
    _ruled(
        "adgroup_name",
        "string",
        "Unique among the campaign's ad groups not deleted.",
        required=True,
        updatable=True,
        min_length=1,
        max_length=512,
    ),
    _ruled(
        "placement_type",
        "string",
        "Automatic placement, or the `placements` listed (PLACEMENT_TYPE_NORMAL).",
        enum=("PLACEMENT_TYPE_AUTOMATIC", "PLACEMENT_TYPE_NORMAL"),
        default="PLACEMENT_TYPE_AUTOMATIC",
    ),
    _ruled(
        "placements",
        "string_list",
        "Where ads are delivered; required with, and only with, PLACEMENT_TYPE_NORMAL.",
        enum=PLACEMENTS,
        default=(),
        max_items=len(PLACEMENTS),
    ),
    _ruled(
        "location_ids",
        "id_list",
        "IDs of the locations to target.",
        required=True,
        updatable=True,
        min_items=1,
        max_items=3000,
    ),
    _ruled(
        "budget_mode",
        "string",
        "Budget mode; BUDGET_MODE_TOTAL needs SCHEDULE_START_END.",
        enum=tuple(m.value for m in BudgetMode),
        default=BudgetMode.BUDGET_MODE_INFINITE.value,
    ),
    _ruled(
        "budget",
        "number",
        "Budget, at least 50 unless BUDGET_MODE_INFINITE (0 then).",
        nullable=False,
        updatable=True,
        **_PRICE,
    ),
    _ruled(
        "schedule_type",
        "string",
        "SCHEDULE_START_END, or SCHEDULE_FROM_NOW (reads show an end 10 years after the start).",
        enum=("SCHEDULE_START_END", "SCHEDULE_FROM_NOW"),
        default="SCHEDULE_FROM_NOW",
        updatable=True,
    ),
    _ruled(
        "schedule_start_time",
        "time",
        "Start, in the account's time zone.",
        required=True,
        updatable=True,
    ),
    _ruled(
        "schedule_end_time",
        "time",
        "End, after the start; only with SCHEDULE_START_END (update switches to it).",
        updatable=True,
    ),
    _ruled(
        "optimization_goal",
        "string",
        "The results the ad group optimizes for.",
        enum=OPTIMIZATION_GOALS,
        required=True,
    ),
    _ruled("billing_event", "string", "What is paid for.", enum=BILLING_EVENTS, required=True),
    _ruled(
        "bid_type",
        "string",
        "Bidding strategy; BID_TYPE_CUSTOM needs a bid.",
        enum=BID_TYPES,
        default="BID_TYPE_NO_BID",
        updatable=True,
    ),
    _ruled(
        "bid_price",
        "number",
        "Bid cap with BID_TYPE_CUSTOM (not with OCPM), below the budget; 0 otherwise.",
        nullable=False,
        updatable=True,
        **_PRICE,
    ),
    _ruled(
        "conversion_bid_price",
        "number",
        "Target cost per conversion; required with billing_event OCPM and BID_TYPE_CUSTOM.",
        updatable=True,
        **_PRICE,
    ),
    _ruled(
        "bid_display_mode",
        "string",
        "How cost per view is counted; required with a VIDEO_VIEWS campaign's custom bid.",
        enum=("CPV",),
    ),
    _ruled(
        "deep_bid_type",
        "string",
        "Bidding for in-app events.",
        enum=("VO_MIN_ROAS", "VO_HIGHEST_VALUE"),
        updatable=True,
    ),
    _ruled(
        "roas_bid",
        "number",
        "ROAS goal; required with deep_bid_type VO_MIN_ROAS.",
        updatable=True,
        minimum=0.01,
        maximum=1000,
    ),
    _ruled(
        "promotion_type",
        "string",
        "Where the ad promotes.",
        enum=PROMOTION_TYPES,
        default="WEBSITE",
    ),
    _ruled(
        "operation_status",
        "string",
        "Status when created.",
        enum=("ENABLE", "DISABLE"),
        default="ENABLE",
        changed_by="adgroup/status/update/",
    ),
    _ruled(
        "pacing",
        "string",
        "Budget pacing; only PACING_MODE_SMOOTH with Campaign Budget Optimization.",
        enum=("PACING_MODE_SMOOTH", "PACING_MODE_FAST"),
        default="PACING_MODE_SMOOTH",
        updatable=True,
    ),
    _ruled(
        "dayparting",
        "string",
        "Delivery hours: 336 characters '0'/'1', one per half hour from Monday 00:00.",
        updatable=True,
        min_length=DAYPARTING_SLOTS,
        max_length=DAYPARTING_SLOTS,
        pattern=f"^[01]{{{DAYPARTING_SLOTS}}}$",
    ),
    _ruled(
        "frequency",
        "integer",
        "Impressions per person per frequency_schedule days, at most 3 a day (REACH only).",
        updatable=True,
        minimum=1,
        maximum=21,
    ),
    _ruled(
        "frequency_schedule",
        "integer",
        "Days the frequency cap counts over, 1 to 7; sent with frequency.",
        updatable=True,
        minimum=1,
        maximum=7,
    ),
    _ruled(
        "age_groups",
        "string_list",
        "Age groups to target (none: every age).",
        enum=AGE_GROUPS,
        default=(),
        updatable=True,
        max_items=len(AGE_GROUPS),
    ),
    _ruled(
        "gender",
        "string",
        "Gender to target.",
        enum=("GENDER_FEMALE", "GENDER_MALE", "GENDER_UNLIMITED"),
        default="GENDER_UNLIMITED",
        updatable=True,
    ),
    _given(
        "languages",
        "string_list",
        "Codes of the languages to target (none: every language).",
        default=(),
        updatable=True,
        max_length=16,
    ),
    _given(
        "operating_systems",
        "string_list",
        "Device operating system to target: one value at most.",
        enum=("ANDROID", "IOS"),
        default=(),
        updatable=True,
        max_items=1,
    ),
    _ruled(
        "identity_type",
        "string",
        "Identity of a PRODUCT_SALES ad group; sent with identity_id.",
        enum=("CUSTOMIZED_USER", "AUTH_CODE", "TT_USER", "BC_AUTH_TT"),
    ),
    _ruled(
        "identity_id",
        "string",
        "An identity of the advertiser; only for PRODUCT_SALES.",
        min_length=1,
        max_length=64,
    ),
    _ruled(
        "identity_authorized_bc_id",
        "id",
        "Business Center of a BC_AUTH_TT identity; required with it.",
    ),
    _ruled(
        "brand_safety_type",
        "string",
        "Brand safety; other than NO_BRAND_SAFETY only with placements [PLACEMENT_TIKTOK].",
        enum=("NO_BRAND_SAFETY", "STANDARD_INVENTORY", "LIMITED_INVENTORY", "THIRD_PARTY"),
        default="NO_BRAND_SAFETY",
        updatable=True,
    ),
    _ruled(
        "brand_safety_partner",
        "string",
        "Brand safety partner; required with, and only with, THIRD_PARTY.",
        enum=("IAS", "OPEN_SLATE"),
    ),
    _ruled(
        "ios14_targeting",
        "string",
        "iOS devices to target; IOS14_PLUS in an IOS14_CAMPAIGN, and kept once IOS14_PLUS.",
        enum=("UNSET", "IOS14_MINUS", "IOS14_PLUS"),
        default="UNSET",
        updatable=True,
    ),
    _ruled(
        "comment_disabled",
        "boolean",
        "Whether comments on the ads are off (reads also show is_comment_disable 0/1).",
        default=False,
        updatable=True,
    ),
    _ruled(
        "device_price_ranges",
        "integer_list",
        "Device price range [low, high], multiples of 50; 10000 means 1000+.",
        updatable=True,
        max_items=2,
        minimum=0,
        maximum=10_000,
    ),
    _ruled(
        "next_day_retention",
        "number",
        "Day 2 retention ratio, above 0 and at most 1.",
        updatable=True,
        minimum=0,
        maximum=1,
    ),
    _ruled(
        "interest_keyword_ids",
        "id_list",
        "Interest keywords to target; not with purchase_intention_keyword_ids.",
        updatable=True,
        max_items=_IDS,
    ),
    _ruled(
        "purchase_intention_keyword_ids",
        "id_list",
        "Purchase intention keywords; not with interest_keyword_ids.",
        updatable=True,
        max_items=_IDS,
    ),
    _ruled(
        "included_pangle_audience_package_ids",
        "id_list",
        "Pangle audiences to include; not with excluded ones.",
        updatable=True,
        max_items=_IDS,
    ),
    _ruled(
        "excluded_pangle_audience_package_ids",
        "id_list",
        "Pangle audiences to exclude; not with included ones.",
        updatable=True,
        max_items=_IDS,
    ),
    _ruled(
        "contextual_tag_ids",
        "id_list",
        "Contextual tags; not with brand_safety_type THIRD_PARTY.",
        updatable=True,
        max_items=_IDS,
    ),
    _ruled(
        "shopping_ads_retargeting_type",
        "string",
        "Retargeting of shopping ads; LAB1 and LAB2 need the days of the action.",
        enum=("LAB1", "LAB2", "LAB3", "OFF"),
        updatable=True,
    ),
    _ruled(
        "shopping_ads_retargeting_actions_days",
        "integer",
        "Days of the audience action; required with LAB1 or LAB2.",
        updatable=True,
        minimum=1,
        maximum=180,
    ),
    # Products mockads does not emulate: checked for shape, stored and returned as sent.
    _given(
        "actions",
        "object_list",
        "Action categories to target.",
        updatable=True,
        max_items=20,
        members=_ACTIONS,
    ),
    _given("adgroup_app_profile_page_state", "string", "App Profile Page.", enum=("ON", "OFF")),
    _given("app_config", "object_list", "Apps.", members=(_given("app_id", "id", "App ID."),)),
    _given("app_id", "id", "The promoted app."),
    _given("attribution_event_count", "string", "Attribution event count."),
    _given(
        "audience_ids",
        "id_list",
        "Custom audiences to target (the advertiser's).",
        updatable=True,
        stored_as_given=False,
    ),
    _given("audience_rule", "object", "Audience rule.", updatable=True),
    _given(
        "audience_type",
        "string",
        "App retargeting audience type.",
        enum=("NEW_CUSTOM_AUDIENCE",),
        updatable=True,
    ),
    _given(
        "automated_keywords_enabled",
        "boolean",
        "Automated keywords.",
        default=False,
        updatable=True,
    ),
    _given(
        "blocked_pangle_app_ids",
        "string_list",
        "Pangle apps blocked (package names).",
        updatable=True,
        max_length=256,
    ),
    _given("carrier_ids", "id_list", "Carriers to target.", updatable=True),
    _given("catalog_authorized_bc_id", "id", "Business Center of the catalog.", updatable=True),
    _given("catalog_id", "id", "Catalog ID."),
    _given("category_exclusion_ids", "id_list", "Content categories excluded.", updatable=True),
    _given("click_attribution_window", "string", "Click attribution window."),
    _given(
        "creative_material_mode",
        "string",
        "Creative delivery strategy.",
        enum=("CUSTOM", "DYNAMIC"),
        default="CUSTOM",
    ),
    _given("custom_conversion_id", "id", "Custom conversion ID."),
    _given("deep_cpa_bid", "number", "Deep CPA bid.", updatable=True, **_PRICE),
    _given("deep_funnel_event_source", "string", "Deep funnel event source.", updatable=True),
    _given("deep_funnel_event_source_id", "id", "Deep funnel event source ID.", updatable=True),
    _given(
        "deep_funnel_optimization_event",
        "string",
        "Deep funnel optimization event.",
        updatable=True,
    ),
    _given(
        "deep_funnel_optimization_status",
        "string",
        "Deep funnel optimization status.",
        updatable=True,
    ),
    _given("device_model_ids", "id_list", "Device models to target.", updatable=True),
    _given("engaged_view_attribution_window", "string", "Engaged view attribution window."),
    _given(
        "excluded_audience_ids",
        "id_list",
        "Custom audiences excluded (the advertiser's).",
        updatable=True,
        stored_as_given=False,
    ),
    _given(
        "excluded_custom_actions",
        "object_list",
        "Custom actions excluded.",
        updatable=True,
        members=_CUSTOM_ACTION,
    ),
    _given(
        "household_income",
        "string_list",
        "Household income to target.",
        enum=("TOP5", "TOP10", "TOP10_25", "TOP25_50"),
        updatable=True,
        max_items=4,
    ),
    _given(
        "included_custom_actions",
        "object_list",
        "Custom actions included.",
        updatable=True,
        members=_CUSTOM_ACTION,
    ),
    _given("interest_category_ids", "id_list", "Interest categories to target.", updatable=True),
    _given("is_hfss", "boolean", "HFSS food promoted.", default=False, updatable=True),
    _given("is_lhf_compliance", "boolean", "LHF compliance.", default=False, updatable=True),
    _given("isp_ids", "string_list", "Internet service providers to target.", updatable=True),
    _given("message_event_set_id", "id", "Message event set ID."),
    _given("messaging_app_account_id", "id", "Messaging app account ID."),
    _given("messaging_app_type", "string", "Messaging app type."),
    _given(
        "min_android_version", "string", "Minimum Android version.", updatable=True, max_length=16
    ),
    _given("min_ios_version", "string", "Minimum iOS version.", updatable=True, max_length=16),
    _given(
        "network_types",
        "string_list",
        "Connection types to target.",
        enum=("unlimited", "WIFI", "2G", "3G", "4G"),
        updatable=True,
        max_items=5,
    ),
    _given("optimization_event", "string", "Conversion event."),
    _given("phone_number", "string", "Phone number.", max_length=32),
    _given("phone_region_calling_code", "string", "Phone calling code.", max_length=8),
    _given("phone_region_code", "string", "Phone region code.", max_length=8),
    _given("pixel_id", "id", "Pixel ID."),
    _given(
        "product_source",
        "string",
        "Product source.",
        enum=("UNSET", "CATALOG", "STORE", "SHOWCASE"),
    ),
    _given("promotion_target_type", "string", "Promotion target type."),
    _given("promotion_website_type", "string", "Instant page type.", enum=("TIKTOK_NATIVE_PAGE",)),
    FieldSpec(
        "request_id",
        "string",
        "Idempotency key of the request; taken, never returned.",
        shown=False,
    ),
    _given("saved_audience_id", "id", "Saved audience ID.", updatable=True),
    _given(
        "search_keywords",
        "object_list",
        "Search keywords.",
        updatable=True,
        members=_SEARCH_KEYWORD,
    ),
    _given("search_result_enabled", "boolean", "Also show in search results.", updatable=True),
    _given("secondary_optimization_event", "string", "Secondary goal.", updatable=True),
    _given("share_disabled", "boolean", "Sharing off.", default=False, updatable=True),
    _given(
        "shopping_ads_retargeting_custom_audience_relation",
        "string",
        "Relation of shopping retargeting audiences.",
        updatable=True,
    ),
    _given(
        "shopping_ads_type",
        "string",
        "Shopping ads type.",
        enum=("UNSET", "VIDEO", "LIVE", "CATALOG_LISTING_ADS"),
    ),
    _given("skip_learning_phase", "boolean", "Skip the learning phase."),
    _given("smart_audience_enabled", "boolean", "Smart audience.", updatable=True),
    _given(
        "smart_interest_behavior_enabled",
        "boolean",
        "Smart interests and behaviours.",
        updatable=True,
    ),
    _given(
        "spending_power",
        "string",
        "Spending power to target.",
        enum=("ALL", "HIGH"),
        updatable=True,
    ),
    _given(
        "statistic_type", "string", "Conversion bid statistic type.", enum=("EVERYTIME", "NONE")
    ),
    _given("store_authorized_bc_id", "id", "Business Center of the store."),
    _given("store_id", "id", "TikTok Shop or storefront ID."),
    _given("tiktok_subplacements", "string_list", "TikTok subplacements.", max_length=64),
    _given(
        "vbo_window",
        "string",
        "Value optimization window.",
        enum=("SEVEN_DAYS",),
        default="SEVEN_DAYS",
    ),
    _given("vertical_sensitivity_id", "id", "Vertical sensitivity ID.", updatable=True),
    _given("video_download_disabled", "boolean", "Downloads of the ads' videos off."),
    _given("view_attribution_window", "string", "View attribution window."),
    _given("zipcode_ids", "string_list", "Postal codes to target.", updatable=True, max_length=64),
)

#: Fields mockads keeps in columns of their own; every other catalogue field is a setting.
ADGROUP_COLUMNS = frozenset(
    {
        "advertiser_id",
        "campaign_id",
        "adgroup_name",
        "placement_type",
        "placements",
        "location_ids",
        "budget_mode",
        "budget",
        "schedule_type",
        "schedule_start_time",
        "schedule_end_time",
        "optimization_goal",
        "billing_event",
        "bid_type",
        "bid_price",
        "promotion_type",
        "operation_status",
    }
)

_KEY = FieldSpec("adgroup_id", "id", "Ad group ID.", required=True, stored_as_given=False)
#: Fields only update takes (the SDK's AdgroupUpdateBody); reads show them once sent.
_UPDATE_ONLY = (
    _given("auto_targeting_enabled", "boolean", "Automated targeting.", updatable=True),
    _given(
        "exclude_age_under_eighteen",
        "boolean",
        "Exclude people under 18.",
        default=False,
        updatable=True,
    ),
    _given(
        "targeting_expansion", "object", "Targeting expansion.", updatable=True, members=_EXPANSION
    ),
)
#: What update may change: the SDK's AdgroupUpdateBody.
ADGROUP_UPDATE: tuple[FieldSpec, ...] = (
    ADGROUP_CREATE[0],
    _KEY,
    *(replace(spec, required=False) for spec in ADGROUP_CREATE if spec.updatable),
    *_UPDATE_ONLY,
)


def _derived(name: str, kind: Kind, doc: str, **facts: Any) -> FieldSpec:
    return FieldSpec(name, kind, doc, derived=True, stored_as_given=False, **facts)


def _unused(name: str, kind: Kind) -> FieldSpec:
    """A field real reads carry that belongs to a product mockads does not emulate: null."""
    return _derived(name, kind, "Not emulated: always null.")


#: Fields real reads carry for products mockads does not emulate.
_NOT_EMULATED: tuple[tuple[str, Kind], ...] = (
    ("action_category_ids", "id_list"),
    ("action_days", "integer"),
    ("app_download_url", "string"),
    ("app_type", "string"),
    ("carriers", "string_list"),
    ("category_id", "id"),
    ("conversion_window", "string"),
    ("cpv_video_duration", "string"),
    ("delivery_mode", "string"),
    ("feed_type", "string"),
    ("inventory_filter_enabled", "boolean"),
    ("ios14_quota_type", "string"),
    ("ios_quota_type", "string"),
    ("keywords", "string"),
    ("package", "string"),
    ("product_set_id", "id"),
    ("purchased_impression", "number"),
    ("purchased_reach", "number"),
    ("rf_estimated_cpr", "number"),
    ("rf_estimated_frequency", "number"),
    ("rf_purchased_type", "string"),
    ("schedule_infos", "object_list"),
    ("scheduled_budget", "number"),
    ("split_test_adgroup_ids", "id_list"),
    ("video_actions", "string_list"),
)
_AS_READ = {
    "operation_status": _ruled(
        "operation_status",
        "string",
        "ENABLE, DISABLE, or DELETE for good.",
        enum=tuple(s.value for s in OperationStatus),
        nullable=False,
    ),
    "schedule_end_time": _ruled(
        "schedule_end_time",
        "time",
        "End (SCHEDULE_FROM_NOW: 10 years after the start).",
        nullable=False,
    ),
}
_STATUSES = (
    "ADGROUP_STATUS_DELETE",
    "ADGROUP_STATUS_CAMPAIGN_DISABLE",
    "ADGROUP_STATUS_DISABLE",
    "ADGROUP_STATUS_NOT_START",
    "ADGROUP_STATUS_TIME_DONE",
    "ADGROUP_STATUS_DELIVERY_OK",
)
#: What `adgroup/get/` returns: every field create and update take (but request_id), what
#: mockads derives, and the fields of products it does not emulate, as null.
ADGROUP_GET: tuple[FieldSpec, ...] = (
    ADGROUP_CREATE[0],
    ADGROUP_CREATE[1],
    _derived("campaign_name", "string", "The campaign's name.", nullable=False),
    replace(_KEY, required=False, derived=True),
    *(_AS_READ.get(spec.name, spec) for spec in ADGROUP_CREATE[2:] if spec.shown),
    *_UPDATE_ONLY,
    _derived("is_comment_disable", "integer", "comment_disabled as 0 or 1.", nullable=False),
    _derived("location", "id_list", "Older name of location_ids.", nullable=False),
    _derived("is_new_structure", "boolean", "Always true.", nullable=False),
    _derived("secondary_status", "string", "Ad group status.", enum=_STATUSES, nullable=False),
    _derived("create_time", "time", "When the ad group was created (UTC).", nullable=False),
    _derived("modify_time", "time", "When it last changed (UTC).", nullable=False),
    *(_unused(name, kind) for name, kind in _NOT_EMULATED),
)
