"""Rules between an ad group's fields, as the API documents them.

`check_adgroup_fields` holds a whole ad group (as created, or as an update would leave it) to
every rule at once, so create and update cannot disagree: the schedule, bids by `bid_type`,
placements, frequency caps, identities of PRODUCT_SALES ad groups, brand safety, and the pairs
of fields that exclude each other. `check_adgroup_changes` adds what only a change can break.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockads.domain import errors
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.catalogue.fields import FieldValues
from mockads.domain.enums import BudgetMode, ObjectiveType

__all__ = ["check_adgroup_changes", "check_adgroup_fields"]

_IDENTITY_OBJECTIVES = frozenset({ObjectiveType.PRODUCT_SALES})
_REACH_OBJECTIVES = frozenset({ObjectiveType.REACH})
#: Fields that may not be sent together (the first one named is the one refused).
_EXCLUSIVE = (
    ("purchase_intention_keyword_ids", "interest_keyword_ids"),
    ("excluded_pangle_audience_package_ids", "included_pangle_audience_package_ids"),
)


def _invalid(field: str, why: str) -> errors.InvalidParameter:
    return errors.InvalidParameter(field, why)


def _check_schedule(adgroup: AdGroup) -> None:
    start, end = adgroup.schedule_start_time, adgroup.schedule_end_time
    if adgroup.schedule_type == "SCHEDULE_START_END":
        if end is None:
            raise _invalid("schedule_end_time", "required with SCHEDULE_START_END.")
        if end <= start:
            raise _invalid("schedule_end_time", "must be after schedule_start_time.")
    elif end is not None:
        raise _invalid("schedule_end_time", "only with schedule_type SCHEDULE_START_END.")
    if (
        adgroup.budget_mode is BudgetMode.BUDGET_MODE_TOTAL
        and adgroup.schedule_type != "SCHEDULE_START_END"
    ):
        raise _invalid("schedule_type", "must be SCHEDULE_START_END with BUDGET_MODE_TOTAL.")


def _check_bids(adgroup: AdGroup, campaign: Campaign) -> None:
    settings = adgroup.settings
    conversion_bid = settings.get("conversion_bid_price")
    if adgroup.bid_type != "BID_TYPE_CUSTOM":
        if adgroup.bid_price:
            raise _invalid("bid_price", f"only with BID_TYPE_CUSTOM, not {adgroup.bid_type}.")
        if conversion_bid:
            raise _invalid("conversion_bid_price", "only with BID_TYPE_CUSTOM.")
    elif adgroup.billing_event == "OCPM":
        if not conversion_bid or conversion_bid <= 0:
            raise _invalid("conversion_bid_price", "required above 0 with OCPM and a custom bid.")
    elif adgroup.bid_price <= 0:
        raise _invalid("bid_price", "required above 0 with BID_TYPE_CUSTOM.")
    budget = adgroup.budget
    for field, bid in (("bid_price", adgroup.bid_price), ("conversion_bid_price", conversion_bid)):
        if bid and budget and bid >= budget:
            raise _invalid(field, "must be lower than the ad group's budget.")
    video_views_bid = (  # Smart+ ad groups take no bid_display_mode
        not campaign.is_smart_plus
        and campaign.objective_type is ObjectiveType.VIDEO_VIEWS
        and adgroup.bid_type == "BID_TYPE_CUSTOM"
    )
    if video_views_bid and settings.get("bid_display_mode") is None:
        raise _invalid("bid_display_mode", "required (CPV) with a VIDEO_VIEWS custom bid.")
    if settings.get("deep_bid_type") == "VO_MIN_ROAS" and settings.get("roas_bid") is None:
        raise _invalid("roas_bid", "required when deep_bid_type is VO_MIN_ROAS.")
    cbo = campaign.settings.get("budget_optimize_on", False)
    if cbo and settings.get("pacing") == "PACING_MODE_FAST":
        raise _invalid("pacing", "only PACING_MODE_SMOOTH with Campaign Budget Optimization.")


def _check_placements(adgroup: AdGroup) -> None:
    if adgroup.placement_type == "PLACEMENT_TYPE_NORMAL":
        if not adgroup.placements:
            raise _invalid("placements", "required with PLACEMENT_TYPE_NORMAL.")
    elif adgroup.placements:
        raise _invalid("placements", "only with PLACEMENT_TYPE_NORMAL.")
    settings = adgroup.settings
    safety = settings.get("brand_safety_type", "NO_BRAND_SAFETY")
    if safety != "NO_BRAND_SAFETY" and adgroup.placements != ("PLACEMENT_TIKTOK",):
        raise _invalid("brand_safety_type", "only with placements [PLACEMENT_TIKTOK].")
    partner = settings.get("brand_safety_partner")
    if safety == "THIRD_PARTY":
        if partner is None:
            raise _invalid("brand_safety_partner", "required with brand_safety_type THIRD_PARTY.")
        if settings.get("contextual_tag_ids"):
            raise _invalid("contextual_tag_ids", "not with brand_safety_type THIRD_PARTY.")
    elif partner is not None:
        raise _invalid("brand_safety_partner", "only with brand_safety_type THIRD_PARTY.")


def _check_audience(adgroup: AdGroup, campaign: Campaign) -> None:
    settings = adgroup.settings
    frequency = settings.get("frequency")
    days = settings.get("frequency_schedule")
    if (frequency is None) != (days is None):
        missing = "frequency_schedule" if days is None else "frequency"
        raise _invalid(missing, "frequency and frequency_schedule go together.")
    if frequency is not None:
        if campaign.objective_type not in _REACH_OBJECTIVES:
            raise _invalid("frequency", "only for a REACH campaign's ad groups.")
        if frequency > 3 * days:
            raise _invalid("frequency", "at most 3 a day (frequency_schedule * 3).")
    retention = settings.get("next_day_retention")
    if retention is not None and retention <= 0:
        raise _invalid("next_day_retention", "must be above 0.")
    _check_targeting(settings, "")
    targeting = settings.get("targeting_spec")
    if targeting is not None:  # a Smart+ ad group's targeting, held to the same rules
        _check_targeting(targeting, "targeting_spec.")
    retargeting = settings.get("shopping_ads_retargeting_type")
    days_missing = settings.get("shopping_ads_retargeting_actions_days") is None
    if retargeting in ("LAB1", "LAB2") and days_missing:
        raise _invalid(
            "shopping_ads_retargeting_actions_days",
            f"required with shopping_ads_retargeting_type {retargeting}.",
        )
    # Smart+ ad groups take no ios14_targeting: the rule is the manual ad group's.
    ios14 = (
        campaign.settings.get("campaign_type") == "IOS14_CAMPAIGN" and not campaign.is_smart_plus
    )
    if ios14 and settings.get("ios14_targeting") != "IOS14_PLUS":
        raise _invalid("ios14_targeting", "must be IOS14_PLUS in an IOS14_CAMPAIGN.")


def _check_targeting(values: FieldValues, prefix: str) -> None:
    """The rules between targeting fields, at the top level or inside `targeting_spec`."""
    prices = values.get("device_price_ranges")
    if prices is not None:
        if len(prices) != 2 or prices[0] >= prices[1]:
            raise _invalid(
                f"{prefix}device_price_ranges", "expected [low, high] with low below high."
            )
        if any(price % 50 for price in prices):
            raise _invalid(f"{prefix}device_price_ranges", "prices are multiples of 50.")
    for refused, other in _EXCLUSIVE:
        if values.get(refused) and values.get(other):
            raise _invalid(f"{prefix}{refused}", f"not together with {other}.")


def _check_identity(adgroup: AdGroup, campaign: Campaign) -> None:
    settings = adgroup.settings
    kind, key = settings.get("identity_type"), settings.get("identity_id")
    bc_id = settings.get("identity_authorized_bc_id")
    if kind is None and key is None:
        if bc_id is not None:
            raise _invalid("identity_authorized_bc_id", "only with a BC_AUTH_TT identity.")
        return
    if campaign.objective_type not in _IDENTITY_OBJECTIVES:
        field = "identity_type" if kind is not None else "identity_id"
        raise _invalid(field, "only for a PRODUCT_SALES campaign's ad groups.")
    if kind is None or key is None:
        missing = "identity_id" if key is None else "identity_type"
        raise _invalid(missing, "identity_type and identity_id go together.")
    if kind == "BC_AUTH_TT" and bc_id is None:
        raise _invalid("identity_authorized_bc_id", "required with a BC_AUTH_TT identity.")
    if kind != "BC_AUTH_TT" and bc_id is not None:
        raise _invalid("identity_authorized_bc_id", "only with a BC_AUTH_TT identity.")


def check_adgroup_fields(adgroup: AdGroup, campaign: Campaign) -> None:
    """Refuse an ad group whose fields break a documented rule (40002 naming the field)."""
    _check_schedule(adgroup)
    _check_bids(adgroup, campaign)
    _check_placements(adgroup)
    _check_audience(adgroup, campaign)
    _check_identity(adgroup, campaign)


def check_adgroup_changes(adgroup: AdGroup, changes: Mapping[str, Any]) -> None:
    """Refuse changes update may not make: iOS 14+ targeting is kept once set."""
    targeting = changes.get("ios14_targeting", "IOS14_PLUS")
    if targeting != "IOS14_PLUS" and adgroup.settings.get("ios14_targeting") == "IOS14_PLUS":
        raise _invalid("ios14_targeting", "cannot be changed once IOS14_PLUS.")
