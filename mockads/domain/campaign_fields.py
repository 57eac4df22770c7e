"""Rules between a campaign's catalogue fields, as the API documents them.

Only documented rules: Campaign Budget Optimization (`budget_optimize_on`) needs a daily budget,
a `bid_type` and an `optimization_goal` (and `deep_bid_type` for goal VALUE); `roas_bid` goes
with `deep_bid_type` VO_MIN_ROAS; an iOS 14 Dedicated Campaign takes no APP_RETARGETING and, for
PRODUCT_SALES, needs its `app_id`; update can only clear `special_industries`. A Smart+ campaign
(whose create takes no bidding fields) needs only the daily budget for its budget optimization.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockads.domain import errors
from mockads.domain.campaigns import Campaign
from mockads.domain.enums import BudgetMode, ObjectiveType

__all__ = ["check_campaign_fields", "check_field_changes"]


def _require(campaign: Campaign, field: str, when: str) -> None:
    if campaign.settings.get(field) is None:
        raise errors.InvalidParameter(field, f"required when {when}.")


def check_campaign_fields(campaign: Campaign) -> None:
    """Refuse a campaign whose fields break a documented rule (40002 naming the field)."""
    settings = campaign.settings
    if settings.get("budget_optimize_on", False):
        cbo = "budget_optimize_on is true"
        if campaign.budget_mode is not BudgetMode.BUDGET_MODE_DAY:
            raise errors.InvalidParameter("budget_mode", f"must be BUDGET_MODE_DAY when {cbo}.")
        if not campaign.is_smart_plus:  # Smart+ campaigns take no bid_type or goal
            _require(campaign, "bid_type", cbo)
            _require(campaign, "optimization_goal", cbo)
            if settings.get("optimization_goal") == "VALUE":
                _require(campaign, "deep_bid_type", f"{cbo} and optimization_goal is VALUE")
    if settings.get("deep_bid_type") == "VO_MIN_ROAS":
        _require(campaign, "roas_bid", "deep_bid_type is VO_MIN_ROAS")
    if settings.get("campaign_type") == "IOS14_CAMPAIGN":
        if settings.get("app_promotion_type") == "APP_RETARGETING":
            raise errors.InvalidParameter(
                "app_promotion_type", "APP_RETARGETING cannot be used in an IOS14_CAMPAIGN."
            )
        if campaign.objective_type is ObjectiveType.PRODUCT_SALES:
            _require(campaign, "app_id", "an IOS14_CAMPAIGN's objective_type is PRODUCT_SALES")


def check_field_changes(changes: Mapping[str, Any]) -> None:
    """Refuse changes update may not make: `special_industries` can only be cleared."""
    industries = changes.get("special_industries")
    if industries:
        raise errors.InvalidParameter(
            "special_industries", "can only be cleared ([]) after creation."
        )
