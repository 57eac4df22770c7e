"""The Smart+ calls' fields: `smart_plus/campaign|adgroup|ad/create|update|get/`.

Names, types and required-ness follow the official SDK's `SmartPlus*Body` models (2026
generation; `tests/data/sdk_models/`, which `tests/unit/test_catalogue.py` compares with this
module). The SDK gives Smart+ fields no descriptions and no enum lists of their own: a field
the manual calls share keeps the manual catalogue's spec (imported, so its facts live once),
with only what differs for Smart+ replaced. Smart+ has no documented read: a read returns
every field create and update take (as sent, or its default), and every field the manual
read returns (what mockads has always returned for Smart+ objects).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from mockads.domain.catalogue.ad import AD_CREATIVE_CREATE
from mockads.domain.catalogue.adgroup import ADGROUP_CREATE, ADGROUP_GET, ADGROUP_UPDATE
from mockads.domain.catalogue.campaign import CAMPAIGN_CREATE, CAMPAIGN_GET
from mockads.domain.catalogue.fields import FieldSpec, Kind, by_name
from mockads.domain.enums import OperationStatus

__all__ = [
    "LOCATIONS",
    "SMART_PLUS_ADGROUP_CREATE",
    "SMART_PLUS_ADGROUP_GET",
    "SMART_PLUS_ADGROUP_UPDATE",
    "SMART_PLUS_AD_CREATE",
    "SMART_PLUS_AD_GET",
    "SMART_PLUS_AD_LEVEL",
    "SMART_PLUS_AD_UPDATE",
    "SMART_PLUS_CAMPAIGN_CREATE",
    "SMART_PLUS_CAMPAIGN_GET",
    "SMART_PLUS_CAMPAIGN_UPDATE",
    "SMART_PLUS_CREATIVE_INFO",
    "SMART_PLUS_CREATIVE_SETTINGS",
    "TARGETING_SPEC",
]

_CAMPAIGN = by_name(CAMPAIGN_CREATE)
_ADGROUP = by_name((*ADGROUP_UPDATE, *ADGROUP_CREATE))  # create's spec where both have one
_CREATIVE = by_name(AD_CREATIVE_CREATE)
_IDS = 100  # the most ids a list takes when the API states no limit
_ITEMS = 20  # the most objects a list of the ad takes when the API states no limit


def _given(name: str, kind: Kind, doc: str, **facts: Any) -> FieldSpec:
    """A Smart+-only field mockads checks for shape, stores and returns as sent."""
    if kind.endswith("_list"):
        facts.setdefault("max_items", _IDS)
    return FieldSpec(name, kind, doc, **facts)


def _shared(table: dict[str, FieldSpec], names: Iterable[str], **facts: Any) -> list[FieldSpec]:
    """The manual catalogue's specs of `names`, with `facts` replaced."""
    return [replace(table[name], **facts) for name in names]


def _derived(name: str, kind: Kind, doc: str, **facts: Any) -> FieldSpec:
    return FieldSpec(name, kind, doc, derived=True, stored_as_given=False, **facts)


def _not_taken(spec: FieldSpec) -> FieldSpec:
    """A field the manual read returns that no Smart+ call takes: read as its default."""
    return replace(
        spec,
        doc="Not taken by the Smart+ calls: its default, as the manual read shows it.",
        derived=True,
        stored_as_given=False,
        required=False,
        updatable=False,
        nullable=spec.may_be_null,
    )


def _read(
    manual: Iterable[FieldSpec], own: Iterable[FieldSpec], extra: Iterable[FieldSpec]
) -> tuple[FieldSpec, ...]:
    """A read: the manual read's fields in its order (Smart+'s own spec where Smart+ takes
    the field, else its default), then the Smart+-only fields sent and `extra`."""
    taken = by_name(spec for spec in own if spec.shown)
    manual = tuple(manual)
    names = {spec.name for spec in manual}
    shown = [spec if spec.derived else taken.get(spec.name) or _not_taken(spec) for spec in manual]
    return (*shown, *(s for s in taken.values() if s.name not in names), *extra)


# -- campaigns ----------------------------------------------------------------------------------

#: What `smart_plus/campaign/update/` may change (the SDK's SmartPlusCampaignUpdateBody).
_CAMPAIGN_UPDATABLE = frozenset({"campaign_name", "budget", "po_number"})

SMART_PLUS_CAMPAIGN_CREATE: tuple[FieldSpec, ...] = (
    *(
        replace(spec, updatable=spec.name in _CAMPAIGN_UPDATABLE)
        for spec in _shared(
            _CAMPAIGN,
            ("advertiser_id", "campaign_name", "objective_type", "budget_mode", "budget"),
        )
    ),
    *_shared(_CAMPAIGN, ("operation_status", "app_id", "app_promotion_type")),
    replace(
        _CAMPAIGN["budget_optimize_on"],
        doc="Campaign Budget Optimization; needs BUDGET_MODE_DAY.",
    ),
    _given("bid_align_type", "string", "Bid alignment type."),
    *_shared(_CAMPAIGN, ("campaign_app_profile_page_state", "campaign_type", "catalog_enabled")),
    _given("catalog_type", "string", "Catalog type."),
    _CAMPAIGN["disable_skan_campaign"],
    replace(_CAMPAIGN["is_advanced_dedicated_campaign"], default=True),
    _given("is_promotional_campaign", "boolean", "Promotional campaign.", default=False),
    _given("open_api_partner", "string", "API partner."),
    *_shared(_CAMPAIGN, ("po_number", "postback_window_mode", "request_id", "sales_destination")),
    replace(_CAMPAIGN["special_industries"], updatable=False, doc="Ad categories."),
)

_CAMPAIGN_KEY = FieldSpec("campaign_id", "id", "Campaign ID.", required=True, stored_as_given=False)
#: What update may change: the SDK's SmartPlusCampaignUpdateBody.
SMART_PLUS_CAMPAIGN_UPDATE: tuple[FieldSpec, ...] = (
    SMART_PLUS_CAMPAIGN_CREATE[0],
    _CAMPAIGN_KEY,
    *(replace(spec, required=False) for spec in SMART_PLUS_CAMPAIGN_CREATE if spec.updatable),
)
#: What `smart_plus/campaign/get/` returns: every field of `campaign/get/` (Smart+'s own spec
#: where create takes it), then the Smart+-only create fields.
SMART_PLUS_CAMPAIGN_GET: tuple[FieldSpec, ...] = _read(
    CAMPAIGN_GET,
    (
        by_name(CAMPAIGN_GET)["operation_status"] if s.name == "operation_status" else s
        for s in SMART_PLUS_CAMPAIGN_CREATE
    ),
    (),
)

# -- ad groups ----------------------------------------------------------------------------------

#: The ad group's locations inside `targeting_spec` (or, a mockads extension, at the top).
LOCATIONS = replace(
    _ADGROUP["location_ids"],
    required=False,
    updatable=False,
    doc="IDs of the locations to target (required here or as the top-level location_ids).",
)
#: `targeting_spec`'s members, in the SDK's order: the manual ad group's specs of the same
#: name (so the same shapes and rules), and spc_audience_age.
_TARGETING_NAMES = (
    "actions",
    "age_groups",
    "audience_ids",
    "blocked_pangle_app_ids",
    "carrier_ids",
    "device_model_ids",
    "device_price_ranges",
    "excluded_audience_ids",
    "excluded_pangle_audience_package_ids",
    "gender",
    "household_income",
    "included_pangle_audience_package_ids",
    "interest_category_ids",
    "interest_keyword_ids",
    "isp_ids",
    "languages",
    "location_ids",
    "min_android_version",
    "min_ios_version",
    "network_types",
    "operating_systems",
    "purchase_intention_keyword_ids",
    "saved_audience_id",
    "smart_audience_enabled",
    "smart_interest_behavior_enabled",
    "spc_audience_age",
    "spending_power",
    "zipcode_ids",
)
_SPC_AUDIENCE_AGE = _given("spc_audience_age", "string", "Special ad category audience age.")
TARGETING_SPEC: tuple[FieldSpec, ...] = tuple(
    LOCATIONS
    if name == "location_ids"
    else _SPC_AUDIENCE_AGE
    if name == "spc_audience_age"
    else replace(_ADGROUP[name], required=False, updatable=False)
    for name in _TARGETING_NAMES
)
_PHONE = tuple(
    _shared(_ADGROUP, ("phone_number", "phone_region_calling_code", "phone_region_code"))
)
#: What `smart_plus/adgroup/update/` may change (the SDK's SmartPlusAdgroupUpdateBody).
_ADGROUP_UPDATABLE = frozenset(
    {
        "adgroup_name",
        "bid_price",
        "budget",
        "comment_disabled",
        "conversion_bid_price",
        "dayparting",
        "min_budget",
        "movie_premiere_date",
        "roas_bid",
        "schedule_end_time",
        "schedule_start_time",
        "schedule_type",
        "share_disabled",
        "suggestion_audience_enabled",
        "targeting_optimization_mode",
        "targeting_spec",
    }
)


def _adgroup(spec: FieldSpec) -> FieldSpec:
    return replace(spec, updatable=spec.name in _ADGROUP_UPDATABLE)


_ADGROUP_SHARED = (
    "advertiser_id",
    "campaign_id",
    "adgroup_name",
    "placement_type",
    "placements",
    "budget_mode",
    "budget",
    "schedule_type",
    "schedule_start_time",
    "schedule_end_time",
    "optimization_goal",
    "billing_event",
    "bid_type",
    "bid_price",
    "conversion_bid_price",
    "deep_bid_type",
    "roas_bid",
    "promotion_type",
    "operation_status",
    "dayparting",
    "comment_disabled",
    "identity_type",
    "identity_id",
    "identity_authorized_bc_id",
    "app_id",
    "attribution_event_count",
    "catalog_authorized_bc_id",
    "catalog_id",
    "click_attribution_window",
    "custom_conversion_id",
    "deep_funnel_event_source",
    "deep_funnel_event_source_id",
    "deep_funnel_optimization_event",
    "deep_funnel_optimization_status",
    "engaged_view_attribution_window",
    "message_event_set_id",
    "messaging_app_account_id",
    "messaging_app_type",
    "optimization_event",
    "pixel_id",
    "product_source",
    "promotion_target_type",
    "promotion_website_type",
    "request_id",
    "share_disabled",
    "vbo_window",
    "video_download_disabled",
    "view_attribution_window",
)
SMART_PLUS_ADGROUP_CREATE: tuple[FieldSpec, ...] = (
    *(_adgroup(_ADGROUP[name]) for name in _ADGROUP_SHARED[:3]),
    FieldSpec(
        "targeting_spec",
        "object",
        "Targeting: the manual ad group's targeting fields, and the locations.",
        updatable=True,
        stored_as_given=False,
        members=TARGETING_SPEC,
    ),
    replace(
        LOCATIONS,
        doc="mockads extension: the locations outside targeting_spec (the same as its "
        "location_ids when both are sent).",
        stored_as_given=False,
    ),
    *(_adgroup(_ADGROUP[name]) for name in _ADGROUP_SHARED[3:]),
    _adgroup(replace(_ADGROUP["deep_cpa_bid"], name="deep_cpabid")),
    _given("min_budget", "number", "Minimum budget.", minimum=0, maximum=1_000_000_000),
    _given("movie_premiere_date", "string", "Movie premiere date.", max_length=32),
    _given("open_api_partner", "string", "API partner."),
    _given("phone_info", "object", "Phone number to call.", members=_PHONE),
    _given("suggestion_audience_enabled", "boolean", "Suggested audience."),
    _given("targeting_optimization_mode", "string", "Targeting optimization mode."),
    _given("zalo_id_type", "string", "Zalo ID type."),
)
SMART_PLUS_ADGROUP_CREATE = tuple(_adgroup(spec) for spec in SMART_PLUS_ADGROUP_CREATE)

_ADGROUP_KEY = FieldSpec("adgroup_id", "id", "Ad group ID.", required=True, stored_as_given=False)
#: Fields only update takes (the SDK's SmartPlusAdgroupUpdateBody); reads show them once sent.
_ADGROUP_UPDATE_ONLY = (replace(_ADGROUP["pacing"], updatable=True),)
#: What update may change: the SDK's SmartPlusAdgroupUpdateBody, and (a mockads extension)
#: the top-level location_ids.
SMART_PLUS_ADGROUP_UPDATE: tuple[FieldSpec, ...] = (
    SMART_PLUS_ADGROUP_CREATE[0],
    _ADGROUP_KEY,
    *(
        replace(spec, required=False)
        for spec in SMART_PLUS_ADGROUP_CREATE
        if spec.updatable or spec.name == "location_ids"
    ),
    *_ADGROUP_UPDATE_ONLY,
)
#: What `smart_plus/adgroup/get/` returns: every field of `adgroup/get/` (the targeting ones
#: as targeting_spec has them), then the Smart+-only fields sent.
SMART_PLUS_ADGROUP_GET: tuple[FieldSpec, ...] = _read(
    ADGROUP_GET,
    (
        by_name(ADGROUP_GET).get(spec.name, spec)
        if spec.name in ("operation_status", "schedule_end_time", "location_ids")
        else spec
        for spec in (
            *SMART_PLUS_ADGROUP_CREATE,
            *_ADGROUP_UPDATE_ONLY,
            *(s for s in TARGETING_SPEC if s.name in by_name(ADGROUP_GET)),
        )
    ),
    (),
)

# -- ads ----------------------------------------------------------------------------------------


def _one(name: str, kind: Kind, doc: str, **facts: Any) -> tuple[FieldSpec, ...]:
    """The one member of a list item (`[{"ad_text": "..."}]`)."""
    return (FieldSpec(name, kind, doc, **facts),)


_VIDEO_INFO = (
    _given("file_name", "string", "File name of the video.", max_length=256),
    FieldSpec(
        "video_id",
        "string",
        "A library video of the advertiser.",
        required=True,
        min_length=1,
        max_length=64,
        stored_as_given=False,
    ),
)
#: A creative's members mockads keeps in the ad row's settings, as sent.
SMART_PLUS_CREATIVE_SETTINGS = ("aigc_disclosure_type", "image_info", "music_info")
#: `creative_info` of each element of `creative_list`, in the SDK's order.
SMART_PLUS_CREATIVE_INFO: tuple[FieldSpec, ...] = (
    replace(
        _CREATIVE["ad_format"],
        doc="Creative type; SINGLE_VIDEO when not sent (the SDK requires it).",
    ),
    replace(_CREATIVE["aigc_disclosure_type"], default=None),
    replace(_CREATIVE["identity_authorized_bc_id"], stored_as_given=False),
    replace(
        _CREATIVE["identity_id"],
        required=False,
        stored_as_given=False,
        doc="Identity ID; without it, ad_configuration's.",
    ),
    replace(
        _CREATIVE["identity_type"],
        required=False,
        stored_as_given=False,
        doc="Identity type; without it, ad_configuration's.",
    ),
    _given(
        "image_info",
        "object_list",
        "Images.",
        max_items=_ITEMS,
        members=_one("web_uri", "string", "Image ID (web_uri).", required=True, min_length=1),
    ),
    _given(
        "music_info",
        "object",
        "Music.",
        members=_one("music_id", "id", "Music ID.", required=True),
    ),
    replace(_CREATIVE["tiktok_item_id"], stored_as_given=False),
    FieldSpec(
        "video_info",
        "object",
        "A library video (non-Spark, or pushed by a Spark identity).",
        stored_as_given=False,
        members=_VIDEO_INFO,
    ),
)
_CREATIVE_ITEM = (
    FieldSpec(
        "creative_info",
        "object",
        "The creative.",
        required=True,
        stored_as_given=False,
        members=SMART_PLUS_CREATIVE_INFO,
    ),
)
_AD_CONFIGURATION_OWN = {
    "identity_id": replace(
        _CREATIVE["identity_id"],
        required=False,
        doc="The ad's identity: the creatives without one of their own take it.",
    ),
    "identity_type": replace(
        _CREATIVE["identity_type"],
        required=False,
        doc="Type of the ad's identity.",
    ),
    "dark_post_status": replace(
        _CREATIVE["dark_post_status"], doc="ON: every creative is a dark post (ads only)."
    ),
    "phone_info": _given("phone_info", "object", "Phone number to call.", members=_PHONE),
    "product_display_field_list": _given(
        "product_display_field_list", "string_list", "Product fields shown.", max_items=_ITEMS
    ),
    "product_ids": _given("product_ids", "id_list", "Products."),
    "tracking_info": _given(
        "tracking_info",
        "object",
        "Tracking.",
        members=tuple(
            replace(_CREATIVE[name], default=None)
            for name in (
                "click_tracking_url",
                "impression_tracking_url",
                "tracking_app_id",
                "tracking_message_event_set_id",
            )
        ),
    ),
    "utm_params": replace(_CREATIVE["utm_params"], doc="UTM parameters as {key, value}."),
}
_AD_CONFIGURATION_NAMES = (
    "auto_disclaimer_types",
    "call_to_action_id",
    "catalog_creative_toggle",
    "dark_post_status",
    "end_card_cta",
    "fallback_type",
    "identity_id",
    "identity_type",
    "phone_info",
    "product_display_field_list",
    "product_ids",
    "product_set_id",
    "product_specific_type",
    "tracking_info",
    "utm_params",
)
_AD_CONFIGURATION = tuple(
    _AD_CONFIGURATION_OWN[name]
    if name in _AD_CONFIGURATION_OWN
    else _given("catalog_creative_toggle", "boolean", "Catalog creatives.")
    if name == "catalog_creative_toggle"
    else replace(_CREATIVE[name], default=None, doc=_CREATIVE[name].doc or name)
    for name in _AD_CONFIGURATION_NAMES
)
#: Fields of a Smart+ ad (not of one creative) kept in each creative's settings, as sent.
SMART_PLUS_AD_LEVEL = (
    "ad_configuration",
    "auto_message_list",
    "deeplink_list",
    "interactive_add_on_list",
    "page_list",
)
SMART_PLUS_AD_CREATE: tuple[FieldSpec, ...] = (
    FieldSpec(
        "ad_configuration",
        "object",
        "The ad's settings, among them the identity of creatives without one.",
        updatable=True,
        members=_AD_CONFIGURATION,
    ),
    FieldSpec(
        "ad_name",
        "string",
        "The ad's name.",
        required=True,
        updatable=True,
        min_length=1,
        max_length=512,
        stored_as_given=False,
    ),
    FieldSpec(
        "ad_text_list",
        "object_list",
        "Ad texts; library videos take them in turn (a Spark post keeps its caption).",
        updatable=True,
        max_items=5,
        stored_as_given=False,
        members=_one("ad_text", "string", "Ad text.", required=True, min_length=1, max_length=1000),
    ),
    FieldSpec("adgroup_id", "id", "A Smart+ ad group.", required=True, stored_as_given=False),
    FieldSpec("advertiser_id", "id", "Advertiser ID.", required=True, stored_as_given=False),
    _given(
        "auto_message_list",
        "object_list",
        "Auto messages.",
        max_items=_ITEMS,
        members=_one("auto_message_id", "id", "Auto message ID."),
    ),
    FieldSpec(
        "call_to_action_list",
        "object_list",
        "Calls to action; each creative shows the first.",
        updatable=True,
        max_items=5,
        stored_as_given=False,
        members=_one(
            "call_to_action",
            "string",
            "Call to action.",
            required=True,
            min_length=1,
            max_length=64,
        ),
    ),
    FieldSpec(
        "creative_list",
        "object_list",
        "The creatives: Spark posts and library videos, from several identities.",
        required=True,
        min_items=1,
        max_items=30,
        stored_as_given=False,
        members=_CREATIVE_ITEM,
    ),
    _given(
        "deeplink_list",
        "object_list",
        "Deeplinks.",
        updatable=True,
        max_items=_ITEMS,
        members=(
            replace(_CREATIVE["deeplink"], max_length=2048),
            replace(_CREATIVE["deeplink_type"], default=None),
        ),
    ),
    _given(
        "interactive_add_on_list",
        "object_list",
        "Interactive add-ons.",
        updatable=True,
        max_items=_ITEMS,
        members=_one("card_id", "id", "Interactive add-on card ID.", required=True),
    ),
    FieldSpec(
        "landing_page_url_list",
        "object_list",
        "The landing page (one); every creative links to it.",
        updatable=True,
        max_items=1,
        stored_as_given=False,
        members=_one(
            "landing_page_url",
            "string",
            "Landing page URL.",
            required=True,
            min_length=1,
            max_length=4096,
        ),
    ),
    replace(
        by_name(ADGROUP_CREATE)["operation_status"],
        changed_by="smart_plus/ad/status/update/",
    ),
    _given(
        "page_list",
        "object_list",
        "Pages (instant forms, instant pages).",
        updatable=True,
        max_items=_ITEMS,
        members=_one("page_id", "id", "Page ID.", required=True),
    ),
)
_AD_KEY = FieldSpec("smart_plus_ad_id", "id", "Smart+ ad ID.", required=True, stored_as_given=False)
_LANDING_PAGE_URL = FieldSpec(
    "landing_page_url",
    "string",
    "mockads extension: the landing page outside landing_page_url_list.",
    min_length=1,
    max_length=4096,
    stored_as_given=False,
)
#: What `smart_plus/ad/update/` may change: the SDK's SmartPlusAdUpdateBody but creative_list
#: (refused: mockads keeps a Smart+ ad's creatives), and mockads's landing_page_url.
SMART_PLUS_AD_UPDATE: tuple[FieldSpec, ...] = (
    *(
        spec if spec.name == "advertiser_id" else replace(spec, required=False)
        for spec in SMART_PLUS_AD_CREATE
        if spec.updatable or spec.name == "advertiser_id"
    ),
    _AD_KEY,
    _LANDING_PAGE_URL,
)
_STATUSES = tuple(s.value for s in OperationStatus)
_REVIEW = ("IN_REVIEW", "APPROVED", "REJECTED")
_CREATIVE_READ = (
    FieldSpec("ad_id", "id", "The creative's ad ID.", derived=True, stored_as_given=False),
    FieldSpec(
        "creative_info",
        "object",
        "The creative as sent (its identity: its own or the ad's), and its ad text.",
        members=(
            *SMART_PLUS_CREATIVE_INFO,
            FieldSpec("ad_text", "string", "The creative's text (a Spark post: its caption)."),
        ),
    ),
    _derived("secondary_status", "string", "The creative's status.", nullable=False),
    _derived("review_status", "string", "The creative's review.", enum=_REVIEW, nullable=False),
)
_AD_SENT = by_name(SMART_PLUS_AD_CREATE)
#: What `smart_plus/ad/get/` returns: every field create and update take (each list as sent,
#: or empty) and what mockads derives.
SMART_PLUS_AD_GET: tuple[FieldSpec, ...] = (
    _AD_SENT["advertiser_id"],
    _derived("campaign_id", "id", "The ad's campaign.", nullable=False),
    _AD_SENT["adgroup_id"],
    replace(_AD_KEY, required=False, derived=True),
    _AD_SENT["ad_name"],
    replace(
        _AD_SENT["operation_status"],
        enum=_STATUSES,
        doc="ENABLE, DISABLE, or DELETE for good.",
        nullable=False,
    ),
    _derived("secondary_status", "string", "The best status of its creatives.", nullable=False),
    _derived("review_status", "string", "The ad's review.", enum=_REVIEW, nullable=False),
    replace(_AD_SENT["creative_list"], members=_CREATIVE_READ, required=False, min_items=None),
    *(
        replace(_AD_SENT[name], default=(), nullable=False)
        for name in (
            "ad_text_list",
            "landing_page_url_list",
            "call_to_action_list",
            "deeplink_list",
            "page_list",
            "interactive_add_on_list",
            "auto_message_list",
        )
    ),
    _AD_SENT["ad_configuration"],
    _derived("create_time", "time", "When the ad was created (UTC).", nullable=False),
    _derived("modify_time", "time", "When it last changed (UTC).", nullable=False),
)
