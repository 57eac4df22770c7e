"""The campaign calls' fields: `campaign/create/`, `campaign/update/` and `campaign/get/`.

Names, types and required-ness follow the official SDK's `CampaignCreateBody` and
`CampaignUpdateBody` (2026 generation); enum values are those the SDK documents
(`tests/data/sdk_models/`, which `tests/unit/test_catalogue.py` compares with this module).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mockads.domain.catalogue.fields import FieldSpec, Kind
from mockads.domain.enums import BudgetMode, ObjectiveType, OperationStatus

__all__ = [
    "CAMPAIGN_COLUMNS",
    "CAMPAIGN_CREATE",
    "CAMPAIGN_GET",
    "CAMPAIGN_UPDATE",
    "OPTIMIZATION_GOALS",
    "SPECIAL_INDUSTRIES",
]

SPECIAL_INDUSTRIES = ("HOUSING", "EMPLOYMENT", "CREDIT")
OPTIMIZATION_GOALS = ("CONVERT", "INSTALL", "VALUE", "IN_APP_EVENT", "LEAD_GENERATION")

CAMPAIGN_CREATE: tuple[FieldSpec, ...] = (
    FieldSpec("advertiser_id", "id", "Advertiser ID.", required=True, stored_as_given=False),
    FieldSpec(
        "campaign_name",
        "string",
        "Unique among the advertiser's campaigns not deleted.",
        required=True,
        updatable=True,
        min_length=1,
        max_length=512,
        stored_as_given=False,
    ),
    FieldSpec(
        "objective_type",
        "string",
        "Advertising objective.",
        enum=tuple(o.value for o in ObjectiveType),
        required=True,
        stored_as_given=False,
    ),
    FieldSpec(
        "budget_mode",
        "string",
        "Budget mode; only BUDGET_MODE_DAY with Campaign Budget Optimization.",
        enum=tuple(m.value for m in BudgetMode),
        default=BudgetMode.BUDGET_MODE_INFINITE.value,
        updatable=True,
        stored_as_given=False,
    ),
    FieldSpec(
        "budget",
        "number",
        "Budget, at least 50 with BUDGET_MODE_DAY or BUDGET_MODE_TOTAL (0 when infinite).",
        nullable=False,
        updatable=True,
        minimum=0,
        maximum=1_000_000_000,
        stored_as_given=False,
    ),
    FieldSpec(
        "operation_status",
        "string",
        "Status when created.",
        enum=("ENABLE", "DISABLE"),
        default="ENABLE",
        changed_by="campaign/status/update/",
        stored_as_given=False,
    ),
    FieldSpec(
        "budget_optimize_on",
        "boolean",
        "Campaign Budget Optimization; needs BUDGET_MODE_DAY, bid_type and optimization_goal.",
        default=False,
        stored_as_given=False,
    ),
    FieldSpec(
        "bid_type",
        "string",
        "Bidding strategy; required with Campaign Budget Optimization.",
        enum=("BID_TYPE_NO_BID", "BID_TYPE_CUSTOM", "BID_TYPE_MAX_CONVERSION"),
        stored_as_given=False,
    ),
    FieldSpec(
        "optimization_goal",
        "string",
        "Campaign-level optimization goal; required with Campaign Budget Optimization.",
        enum=OPTIMIZATION_GOALS,
        stored_as_given=False,
    ),
    FieldSpec(
        "deep_bid_type",
        "string",
        "In-app event bidding; required with Campaign Budget Optimization and goal VALUE.",
        enum=("VO_MIN_ROAS", "VO_HIGHEST_VALUE"),
        stored_as_given=False,
    ),
    FieldSpec(
        "roas_bid",
        "number",
        "ROAS goal for Value Optimization; required with deep_bid_type VO_MIN_ROAS.",
        minimum=0.01,
        maximum=1000,
        stored_as_given=False,
    ),
    FieldSpec(
        "special_industries",
        "string_list",
        "Ad categories; update can only clear them.",
        enum=SPECIAL_INDUSTRIES,
        default=(),
        updatable=True,
        max_items=len(SPECIAL_INDUSTRIES),
        stored_as_given=False,
    ),
    FieldSpec(
        "campaign_type",
        "string",
        "REGULAR_CAMPAIGN, or an iOS 14 Dedicated Campaign.",
        enum=("REGULAR_CAMPAIGN", "IOS14_CAMPAIGN"),
        default="REGULAR_CAMPAIGN",
        stored_as_given=False,
    ),
    FieldSpec(
        "app_id",
        "id",
        "App ID; required for an IOS14_CAMPAIGN with objective_type PRODUCT_SALES.",
        stored_as_given=False,
    ),
    FieldSpec(
        "app_promotion_type",
        "string",
        "App promotion type; APP_RETARGETING cannot be used in an IOS14_CAMPAIGN.",
        enum=("APP_INSTALL", "APP_RETARGETING"),
        stored_as_given=False,
    ),
    FieldSpec(
        "rf_campaign_type",
        "string",
        "Reach & Frequency (STANDARD) or TikTok Pulse (PULSE) campaign.",
        enum=("STANDARD", "PULSE"),
    ),
    FieldSpec("campaign_app_profile_page_state", "string", "App profile page state."),
    FieldSpec("campaign_product_source", "string", "Product source."),
    FieldSpec("catalog_enabled", "boolean", "Whether a catalog is used.", default=False),
    FieldSpec("disable_skan_campaign", "boolean", "Not a SKAN campaign.", default=False),
    FieldSpec("internal_channel", "string", "Internal channel."),
    FieldSpec(
        "is_advanced_dedicated_campaign",
        "boolean",
        "Advanced dedicated campaign.",
        default=False,
    ),
    FieldSpec("is_search_campaign", "boolean", "Search campaign.", default=False),
    FieldSpec("plugin_partner", "string", "Plugin partner."),
    FieldSpec("po_number", "string", "Purchase order number.", updatable=True),
    FieldSpec("postback_window_mode", "string", "SKAN postback window mode."),
    FieldSpec(
        "request_id",
        "string",
        "Idempotency key of the request; taken, never returned.",
        shown=False,
    ),
    FieldSpec("rta_bid_enabled", "boolean", "RTA bidding.", default=False),
    FieldSpec("rta_id", "string", "RTA ID."),
    FieldSpec("rta_product_selection_enabled", "boolean", "RTA product selection.", default=False),
    FieldSpec("sales_destination", "string", "Sales destination."),
    FieldSpec("virtual_objective_type", "string", "Virtual objective type."),
)

#: Fields mockads keeps in columns of their own; every other catalogue field is a setting.
CAMPAIGN_COLUMNS = frozenset(
    {
        "advertiser_id",
        "campaign_name",
        "objective_type",
        "budget_mode",
        "budget",
        "operation_status",
    }
)

_KEY = FieldSpec("campaign_id", "id", "Campaign ID.", required=True, stored_as_given=False)
#: What update may change: the SDK's CampaignUpdateBody, plus budget_mode (older SDKs had it).
CAMPAIGN_UPDATE: tuple[FieldSpec, ...] = (
    CAMPAIGN_CREATE[0],
    _KEY,
    *(replace(spec, required=False) for spec in CAMPAIGN_CREATE if spec.updatable),
)


def _derived(name: str, kind: Kind, doc: str, **facts: Any) -> FieldSpec:
    return FieldSpec(name, kind, doc, derived=True, stored_as_given=False, **facts)


#: Fields a read shows with more values than create takes.
_AS_READ = {
    "operation_status": FieldSpec(
        "operation_status",
        "string",
        "ENABLE, DISABLE, or DELETE for good.",
        enum=tuple(s.value for s in OperationStatus),
        nullable=False,
        stored_as_given=False,
    )
}
_STATUSES = ("CAMPAIGN_STATUS_ENABLE", "CAMPAIGN_STATUS_DISABLE", "CAMPAIGN_STATUS_DELETE")
#: What `campaign/get/` returns: every field create takes (but request_id) and what mockads
#: derives, in the order a campaign is written.
CAMPAIGN_GET: tuple[FieldSpec, ...] = (
    CAMPAIGN_CREATE[0],
    replace(_KEY, required=False, derived=True),
    *(_AS_READ.get(spec.name, spec) for spec in CAMPAIGN_CREATE[1:] if spec.shown),
    _derived("secondary_status", "string", "Campaign status.", enum=_STATUSES, nullable=False),
    _derived("status", "string", "Older name of secondary_status.", enum=_STATUSES, nullable=False),
    _derived("objective", "string", "Older objective name; always LANDING_PAGE.", nullable=False),
    _derived("is_new_structure", "boolean", "Always true.", nullable=False),
    _derived("is_smart_performance_campaign", "boolean", "A Smart+ campaign.", nullable=False),
    _derived("split_test_variable", "string", "Split test variable; null (no split tests)."),
    _derived("create_time", "time", "When the campaign was created (UTC).", nullable=False),
    _derived("modify_time", "time", "When it last changed (UTC).", nullable=False),
)
