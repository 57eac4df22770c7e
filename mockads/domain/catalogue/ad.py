"""The ad calls' fields: `ad/create/`, `ad/update/` and `ad/get/`.

Names, types and defaults follow the official SDK's `AdCreateBody`, `AdUpdateBody` and their
`creatives[]` items `AdcreateCreatives` and `AdupdateCreatives` (2026 generation); enum values are
those the SDK documents (`tests/data/sdk_models/`, which `tests/unit/test_catalogue.py` compares
with this module). The fields with rules of their own are the ones mockads emulates (identity,
post or library video, text, landing page, review); the others are checked for shape, stored and
returned as sent.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mockads.domain.catalogue.fields import FieldSpec, Kind
from mockads.domain.enums import AdFormat, IdentityType, OperationStatus

__all__ = [
    "AD_COLUMNS",
    "AD_CREATE",
    "AD_CREATIVE_CREATE",
    "AD_CREATIVE_UPDATE",
    "AD_GET",
    "AD_UPDATE",
    "MAX_CREATIVES",
    "UNCHANGEABLE_CONTENT",
]

#: Creatives one `ad/create/` or `ad/update/` takes.
MAX_CREATIVES = 20
#: Items a list field of a creative takes (the SDK documents no limit).
_ITEMS = 50
_INT_MAX = 2**63 - 1

#: A `{key, value}` pair (`utm_params`, `deeplink_utm_params`).
_KEY_VALUE = (
    FieldSpec("key", "string", "Parameter name.", required=True, min_length=1, max_length=256),
    FieldSpec("value", "string", "Parameter value.", required=True, max_length=1024),
)
_DISCLAIMER_TEXT = (
    FieldSpec("text", "string", "The disclaimer text. Length limit: 90 characters.", max_length=90),
)
_CLICKABLE_TEXT = (
    FieldSpec(
        "text", "string", "Clickable disclaimer text (all texts together <= 40).", max_length=40
    ),
    FieldSpec("url", "string", "URL opened when the disclaimer text is clicked.", max_length=2048),
)
_SHOWCASE_PRODUCT = (
    FieldSpec("catalog_id", "id", "Catalog ID."),
    FieldSpec("item_group_id", "id", "Product SPU ID."),
    FieldSpec("store_id", "id", "Store ID."),
)

#: Fields with rules of their own, by name (the rest of the creative is stored as given).
_RULES: dict[str, FieldSpec] = {
    spec.name: replace(spec, stored_as_given=False)
    for spec in (
        FieldSpec(
            "ad_format",
            "string",
            "Creative type: SINGLE_VIDEO (default), SINGLE_IMAGE, LIVE_CONTENT or CAROUSEL_ADS.",
            enum=tuple(f.value for f in AdFormat),
            default=AdFormat.SINGLE_VIDEO.value,
        ),
        FieldSpec(
            "ad_name",
            "string",
            "Ad name, up to 512 characters (mockads requires it).",
            required=True,
            min_length=1,
            max_length=512,
        ),
        FieldSpec(
            "ad_text",
            "string",
            "Ad text; required for non-Spark and pushed ads; a Spark ad's is its post's caption.",
            min_length=1,
            max_length=1000,
        ),
        FieldSpec(
            "brand_safety_vast_url",
            "string",
            "Wrapped VAST URL for post-bid brand safety; required when the partner is IAS.",
        ),
        FieldSpec(
            "call_to_action",
            "string",
            "Call-to-action text (e.g. LEARN_MORE); mockads takes any text up to 64 characters.",
            min_length=1,
            max_length=64,
        ),
        FieldSpec(
            "creative_authorized",
            "boolean",
            "Whether the ad may show in the Creative Center; read as sent, else whether the "
            "Spark post's authorization holds.",
            default=False,
        ),
        FieldSpec(
            "dark_post_status",
            "string",
            "ON (shown only as an ad) or OFF (default).",
            enum=("ON", "OFF"),
            default="OFF",
        ),
        FieldSpec(
            "disclaimer_clickable_texts",
            "object_list",
            "Clickable disclaimers: required with disclaimer_type TEXT_LINK; at most 3, their "
            "texts 40 characters together.",
            max_items=3,
            members=_CLICKABLE_TEXT,
        ),
        FieldSpec(
            "disclaimer_text",
            "object",
            "Text-only disclaimer; required with disclaimer_type TEXT_ONLY.",
            members=_DISCLAIMER_TEXT,
        ),
        FieldSpec(
            "disclaimer_type",
            "string",
            "TEXT_LINK (clickable) or TEXT_ONLY; cannot be removed once added.",
            enum=("TEXT_LINK", "TEXT_ONLY"),
        ),
        FieldSpec(
            "display_name",
            "string",
            "Display name of a non-Spark ad (defaults to its custom identity's).",
            min_length=1,
            max_length=100,
        ),
        FieldSpec(
            "fallback_type",
            "string",
            "Fallback when the app is not installed; WEBSITE requires landing_page_url.",
            enum=("APP_INSTALL", "WEBSITE", "UNSET"),
        ),
        FieldSpec(
            "identity_authorized_bc_id",
            "id",
            "Business Center of a BC_AUTH_TT identity; required with BC_AUTH_TT.",
        ),
        FieldSpec(
            "identity_id",
            "string",
            "Identity ID; must be an identity the advertiser has (mockads requires it).",
            required=True,
            min_length=1,
            max_length=64,
        ),
        FieldSpec(
            "identity_type",
            "string",
            "Identity type (mockads requires it).",
            enum=tuple(t.value for t in IdentityType),
            required=True,
        ),
        FieldSpec(
            "image_ids",
            "string_list",
            "Image IDs of the advertiser's library; with SINGLE_VIDEO at most one, the video's "
            "cover.",
            default=(),
            max_items=_ITEMS,
        ),
        FieldSpec(
            "item_duet_status",
            "string",
            "Dueting of a Spark ad's post; ENABLE needs promotional_music_disabled false.",
            enum=("ENABLE", "DISABLE"),
        ),
        FieldSpec(
            "item_stitch_status",
            "string",
            "Stitching of a Spark ad's post; ENABLE needs promotional_music_disabled false.",
            enum=("ENABLE", "DISABLE"),
        ),
        FieldSpec(
            "landing_page_url",
            "string",
            "Landing page: http(s) with a host, at most 2,048 characters.",
            min_length=1,
            max_length=4096,
        ),
        FieldSpec(
            "operation_status",
            "string",
            "Status when created.",
            enum=("ENABLE", "DISABLE"),
            default="ENABLE",
            changed_by="ad/status/update/",
        ),
        FieldSpec(
            "promotional_music_disabled",
            "boolean",
            "Whether the Spark ad's music is kept from promotional use (default true).",
            default=True,
        ),
        FieldSpec(
            "tiktok_item_id",
            "id",
            "The post a Spark ad promotes; required for a Spark ad without video_id.",
        ),
        FieldSpec(
            "utm_params",
            "object_list",
            "UTM parameters as {key, value}; when none are sent, read from the landing page URL.",
            max_items=_ITEMS,
            members=_KEY_VALUE,
        ),
        FieldSpec(
            "video_id",
            "string",
            "A library video of the advertiser: a non-Spark ad's, or a pushed Spark ad's.",
            min_length=1,
            max_length=64,
        ),
        FieldSpec(
            "viewability_vast_url",
            "string",
            "Wrapped VAST URL for post-bid viewability; required when the partner is IAS.",
        ),
    )
}

_GIVEN: tuple[FieldSpec, ...] = (
    FieldSpec("ad_texts", "string_list", "Ad texts.", max_items=_ITEMS),
    FieldSpec(
        "aigc_disclosure_type",
        "string",
        "Aigc disclosure type.",
        enum=("NOT_DECLARED",),
        default="NOT_DECLARED",
    ),
    FieldSpec(
        "app_name",
        "string",
        "App name displayed in the ad; 1-40 characters; defaults to the app store name.",
    ),
    FieldSpec("auto_disclaimer_types", "string_list", "Auto disclaimer types.", max_items=_ITEMS),
    FieldSpec("auto_message_id", "id", "Auto message id."),
    FieldSpec(
        "avatar_icon_web_uri",
        "string",
        "ID (web_uri) of the avatar image uploaded via /file/image/ad/upload/ (ratio 1:1).",
    ),
    FieldSpec(
        "brand_safety_postbid_partner",
        "string",
        "Post-bid third-party brand safety measurement partner.",
        enum=("DOUBLE_VERIFY", "IAS", "ZEFR"),
    ),
    FieldSpec(
        "call_to_action_id",
        "id",
        "ID of a CTA portfolio (auto-optimized CTAs) of the advertiser. Takes precedence over "
        "call_to_action.",
        stored_as_given=False,
    ),
    FieldSpec(
        "card_id",
        "id",
        "Image card, gift code card, premium badge, Countdown Sticker or Download Card ID.",
    ),
    FieldSpec(
        "carousel_image_index", "integer", "Carousel image index.", minimum=0, maximum=_INT_MAX
    ),
    FieldSpec("catalog_id", "id", "Product catalog ID. Required for shop purchases ads."),
    FieldSpec("click_tracking_url", "string", "Click monitoring URL."),
    FieldSpec("cpp_url", "string", "Cpp url."),
    FieldSpec(
        "creative_type",
        "string",
        "Creative type for Shop Purchases or Product Sales scenarios.",
    ),
    FieldSpec(
        "deeplink", "string", "The location your audience goes to if they have your app installed."
    ),
    FieldSpec("deeplink_format_type", "string", "Deeplink format type."),
    FieldSpec(
        "deeplink_type",
        "string",
        "Open URL type: NORMAL (default) or DEFERRED_DEEPLINK (App Install).",
        enum=("NORMAL", "DEFERRED_DEEPLINK"),
        default="NORMAL",
    ),
    FieldSpec(
        "deeplink_utm_params",
        "object_list",
        "Deeplink utm params.",
        max_items=_ITEMS,
        members=_KEY_VALUE,
    ),
    FieldSpec(
        "dynamic_destination",
        "string",
        "Enum values: UNSET, DLP (Dynamic Landing Page).",
        enum=("UNSET", "DLP"),
    ),
    FieldSpec(
        "dynamic_format",
        "string",
        "Enum values: UNSET, DYNAMIC_CREATIVE (smart creative).",
        enum=("UNSET", "DYNAMIC_CREATIVE"),
    ),
    FieldSpec("end_card_cta", "string", "End card cta."),
    FieldSpec("impression_tracking_url", "string", "Display (impression) monitoring URL"),
    FieldSpec(
        "instant_product_page_used",
        "boolean",
        "Whether to use TikTok instant page (not needed when dynamic_destination = DLP).",
    ),
    FieldSpec("item_group_ids", "id_list", "Product SPU ID", max_items=_ITEMS),
    FieldSpec(
        "music_id", "id", "Music id (of the advertiser's music library).", stored_as_given=False
    ),
    FieldSpec(
        "page_id",
        "integer",
        "Page (Instant form, Custom TikTok Instant Page or App Profile Page) ID.",
        minimum=0,
        maximum=_INT_MAX,
    ),
    FieldSpec("page_image_index", "integer", "The index of page.", minimum=0, maximum=_INT_MAX),
    FieldSpec("phone_number", "string", "Phone number."),
    FieldSpec("phone_region_calling_code", "string", "Phone region calling code."),
    FieldSpec("phone_region_code", "string", "Phone region code."),
    FieldSpec("playable_url", "string", "Playable material URL (Pangle and TikTok placement)."),
    FieldSpec(
        "product_display_field_list", "string_list", "Product display field list.", max_items=_ITEMS
    ),
    FieldSpec("product_set_id", "id", "The ID of the product set."),
    FieldSpec(
        "product_specific_type",
        "string",
        "Dimension to choose products. Enum values: ALL, PRODUCT_SET, CUSTOMIZED_PRODUCTS.",
        enum=("ALL", "PRODUCT_SET", "CUSTOMIZED_PRODUCTS"),
    ),
    FieldSpec("schedule_id", "id", "Schedule id."),
    FieldSpec(
        "shopping_ads_deeplink_type",
        "string",
        "Source of the deeplink in a Shopping Ad. Values: NONE (default), CUSTOM, SHOPPING_ADS.",
        enum=("NONE", "CUSTOM", "SHOPPING_ADS"),
        default="NONE",
    ),
    FieldSpec(
        "shopping_ads_fallback_type",
        "string",
        "Fallback when the Shopping Ads deeplink fails.",
        enum=("DEFAULT", "CUSTOM", "SHOPPING_ADS"),
    ),
    FieldSpec(
        "shopping_ads_video_package_id", "id", "Product video package ID (/catalog/video/get/)."
    ),
    FieldSpec(
        "showcase_products",
        "object_list",
        "Showcase products.",
        max_items=_ITEMS,
        members=_SHOWCASE_PRODUCT,
    ),
    FieldSpec("sku_ids", "id_list", "IDs of the SKUs", max_items=_ITEMS),
    FieldSpec("tiktok_page_category", "string", "Tiktok page category."),
    FieldSpec("tracking_app_id", "id", "Tracking app id."),
    FieldSpec("tracking_message_event_set_id", "id", "Tracking message event set id."),
    FieldSpec(
        "tracking_offline_event_set_ids",
        "id_list",
        "Tracking offline event set ids.",
        max_items=_ITEMS,
    ),
    FieldSpec(
        "tracking_pixel_id",
        "integer",
        "Pixel ID to track offsite events; must equal the ad group pixel_id when that is set.",
        minimum=0,
        maximum=_INT_MAX,
    ),
    FieldSpec("vehicle_ids", "id_list", "Vehicle ids.", max_items=_ITEMS),
    FieldSpec("vertical_video_strategy", "string", "Vertical video strategy."),
    FieldSpec("video_view_tracking_url", "string", "Monitoring URL for video view."),
    FieldSpec(
        "viewability_postbid_partner",
        "string",
        "Post-bid third-party viewability measurement partner (allowlist).",
        enum=("MOAT", "DOUBLE_VERIFY", "IAS"),
    ),
)

#: What `creatives[]` of `ad/update/` names (AdupdateCreatives) besides ad_id and vast_moat_enabled.
_UPDATABLE = frozenset(
    [
        "ad_format",
        "ad_name",
        "ad_text",
        "ad_texts",
        "aigc_disclosure_type",
        "app_name",
        "avatar_icon_web_uri",
        "brand_safety_postbid_partner",
        "brand_safety_vast_url",
        "call_to_action",
        "call_to_action_id",
        "card_id",
        "carousel_image_index",
        "click_tracking_url",
        "cpp_url",
        "creative_authorized",
        "creative_type",
        "dark_post_status",
        "deeplink",
        "deeplink_type",
        "deeplink_utm_params",
        "disclaimer_clickable_texts",
        "disclaimer_text",
        "disclaimer_type",
        "display_name",
        "dynamic_destination",
        "dynamic_format",
        "end_card_cta",
        "fallback_type",
        "identity_authorized_bc_id",
        "identity_id",
        "identity_type",
        "image_ids",
        "impression_tracking_url",
        "instant_product_page_used",
        "item_duet_status",
        "item_group_ids",
        "item_stitch_status",
        "landing_page_url",
        "music_id",
        "page_id",
        "page_image_index",
        "playable_url",
        "product_set_id",
        "product_specific_type",
        "promotional_music_disabled",
        "shopping_ads_deeplink_type",
        "shopping_ads_fallback_type",
        "shopping_ads_video_package_id",
        "sku_ids",
        "tiktok_item_id",
        "tracking_app_id",
        "tracking_offline_event_set_ids",
        "tracking_pixel_id",
        "utm_params",
        "vertical_video_strategy",
        "video_id",
        "video_view_tracking_url",
        "viewability_postbid_partner",
        "viewability_vast_url",
    ]
)

#: Every field of a creative of `ad/create/` (AdcreateCreatives), in name order.
AD_CREATIVE_CREATE: tuple[FieldSpec, ...] = tuple(
    replace(spec, updatable=spec.name in _UPDATABLE)
    for spec in sorted((*_RULES.values(), *_GIVEN), key=lambda s: s.name)
)

#: What the ad is made of: update takes these only with the values the ad already has.
UNCHANGEABLE_CONTENT = (
    "ad_format",
    "identity_type",
    "identity_id",
    "identity_authorized_bc_id",
    "tiktok_item_id",
    "video_id",
)

_AD_ID = FieldSpec("ad_id", "id", "The ad to update (an ad of the ad group).", required=True)
_VAST_MOAT = FieldSpec(
    "vast_moat_enabled", "boolean", "Moat Viewability Verification.", default=False, updatable=True
)
#: Every field of a creative of `ad/update/` (AdupdateCreatives), in name order.
AD_CREATIVE_UPDATE: tuple[FieldSpec, ...] = tuple(
    sorted(
        (
            _AD_ID,
            _VAST_MOAT,
            *(replace(spec, required=False) for spec in AD_CREATIVE_CREATE if spec.updatable),
        ),
        key=lambda s: s.name,
    )
)

_ADVERTISER = FieldSpec(
    "advertiser_id", "id", "Advertiser ID.", required=True, stored_as_given=False
)
_ADGROUP = FieldSpec(
    "adgroup_id", "id", "Ad group ID (not a Smart+ one).", required=True, stored_as_given=False
)
AD_CREATE: tuple[FieldSpec, ...] = (
    _ADVERTISER,
    _ADGROUP,
    FieldSpec(
        "creatives",
        "object_list",
        "One ad per creative, all or none.",
        required=True,
        stored_as_given=False,
        max_items=MAX_CREATIVES,
        members=AD_CREATIVE_CREATE,
    ),
)
AD_UPDATE: tuple[FieldSpec, ...] = (
    _ADVERTISER,
    _ADGROUP,
    FieldSpec(
        "creatives",
        "object_list",
        "The ads to edit, each named by ad_id; all or none.",
        required=True,
        stored_as_given=False,
        max_items=MAX_CREATIVES,
        members=AD_CREATIVE_UPDATE,
    ),
    FieldSpec(
        "patch_update",
        "boolean",
        "true: only the fields sent change; false (default): each creative sent is the whole "
        "ad, its optional fields not sent go back to their defaults.",
        default=False,
        stored_as_given=False,
    ),
)

#: Fields mockads keeps in columns of its own; every other creative field is a setting.
AD_COLUMNS = frozenset(
    {
        "ad_format",
        "ad_name",
        "ad_text",
        "call_to_action",
        "dark_post_status",
        "display_name",
        "identity_authorized_bc_id",
        "identity_id",
        "identity_type",
        "landing_page_url",
        "operation_status",
        "tiktok_item_id",
        "video_id",
    }
)


def _derived(name: str, kind: Kind, doc: str, **facts: Any) -> FieldSpec:
    return FieldSpec(name, kind, doc, derived=True, stored_as_given=False, **facts)


def _id(name: str, doc: str) -> FieldSpec:
    return _derived(name, "id", doc, nullable=False)


#: Fields a read shows differently from what create takes.
_AS_READ = {
    "operation_status": _derived(
        "operation_status",
        "string",
        "ENABLE, DISABLE, or DELETE for good.",
        enum=tuple(s.value for s in OperationStatus),
        nullable=False,
    ),
    "ad_name": replace(_RULES["ad_name"], required=False),
    "ad_text": replace(_RULES["ad_text"], required=False, nullable=False),
    "identity_id": replace(_RULES["identity_id"], required=False),
    "identity_type": replace(_RULES["identity_type"], required=False),
    "creative_authorized": replace(_RULES["creative_authorized"], nullable=False),
    "tiktok_item_id": replace(
        _RULES["tiktok_item_id"], doc="The post the ad promotes (a pushed ad's once it is up)."
    ),
}
#: What `ad/get/` returns: the ad's place, every creative field, and what mockads derives.
AD_GET: tuple[FieldSpec, ...] = (
    _ADVERTISER,
    _id("campaign_id", "The ad group's campaign."),
    _derived("campaign_name", "string", "The campaign's name.", nullable=False),
    replace(_ADGROUP, required=False),
    _derived("adgroup_name", "string", "The ad group's name.", nullable=False),
    _id("ad_id", "Ad ID."),
    *(_AS_READ.get(spec.name, replace(spec, updatable=False)) for spec in AD_CREATIVE_CREATE),
    replace(_VAST_MOAT, updatable=False),
    _derived("profile_image_url", "string", "Avatar of the ad's identity; null in mockads."),
    _derived("branded_content_disabled", "string", "Branded content switch; null in mockads."),
    _derived("image_mode", "string", "Image mode; null in mockads."),
    _derived("is_aco", "boolean", "Automated creative optimization; always false.", nullable=False),
    _derived("is_new_structure", "boolean", "Always true.", nullable=False),
    _derived(
        "landing_page_urls",
        "string_list",
        "Landing pages: the landing_page_url, if any.",
        nullable=False,
    ),
    _derived("optimization_event", "string", "The ad group's conversion event; null in mockads."),
    _derived("premium_badge_id", "string", "Premium badge; null in mockads."),
    _derived("shopping_deeplink_type", "string", "Shopping deeplink type; null in mockads."),
    _derived("secondary_status", "string", "Review and delivery in one word.", nullable=False),
    _derived(
        "review_status",
        "string",
        "Where the review stands (mockads).",
        enum=("IN_REVIEW", "APPROVED", "REJECTED"),
        nullable=False,
    ),
    _derived("review_reason", "string", "Why the review rejected the ad (mockads)."),
    _derived("create_time", "time", "When the ad was created (UTC).", nullable=False),
    _derived("modify_time", "time", "When it last changed (UTC).", nullable=False),
)
