"""Rules between an ad group's fields (`mockads.domain.adgroup_fields`), without HTTP."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from mockads.domain import errors
from mockads.domain.adgroup_fields import check_adgroup_changes, check_adgroup_fields
from mockads.domain.campaigns import AdGroup, Campaign, shown_end_time
from mockads.domain.catalogue import FieldValues
from mockads.domain.enums import BudgetMode, ObjectiveType, OperationStatus

NOW = 1_800_000_000
HOUR = 3_600
ONES = "1" * 336


def _campaign(objective=ObjectiveType.TRAFFIC, **settings: Any) -> Campaign:
    return Campaign(
        campaign_id="7100000000000000001",
        advertiser_id="7100000000000000000",
        campaign_name="Spring sale",
        objective_type=objective,
        budget_mode=BudgetMode.BUDGET_MODE_DAY,
        budget=100.0,
        operation_status=OperationStatus.ENABLE,
        is_smart_plus=False,
        create_time=NOW,
        modify_time=NOW,
        settings=FieldValues.of(settings),
    )


def _adgroup(**changes: Any) -> AdGroup:
    settings = changes.pop("settings", {})
    adgroup = AdGroup(
        adgroup_id="7100000000000000002",
        advertiser_id="7100000000000000000",
        campaign_id="7100000000000000001",
        adgroup_name="US - 18+",
        placement_type="PLACEMENT_TYPE_AUTOMATIC",
        placements=(),
        location_ids=("6252001",),
        budget_mode=BudgetMode.BUDGET_MODE_DAY,
        budget=100.0,
        schedule_type="SCHEDULE_FROM_NOW",
        schedule_start_time=NOW,
        schedule_end_time=None,
        optimization_goal="CLICK",
        billing_event="CPC",
        bid_type="BID_TYPE_NO_BID",
        bid_price=0.0,
        promotion_type="WEBSITE",
        operation_status=OperationStatus.ENABLE,
        create_time=NOW,
        modify_time=NOW,
        settings=FieldValues.of(settings),
    )
    return replace(adgroup, **changes)


def _refused(adgroup: AdGroup, campaign: Campaign | None = None) -> errors.InvalidParameter:
    with pytest.raises(errors.InvalidParameter) as raised:
        check_adgroup_fields(adgroup, campaign or _campaign())
    return raised.value


def test_a_plain_ad_group_breaks_no_rule():
    check_adgroup_fields(_adgroup(), _campaign())


# -- schedule ---------------------------------------------------------------------------------


def test_start_end_schedule_needs_an_end_after_its_start():
    start_end = {"schedule_type": "SCHEDULE_START_END"}
    assert _refused(_adgroup(**start_end)).field == "schedule_end_time"
    refused = _refused(_adgroup(**start_end, schedule_end_time=NOW))
    assert refused.message == "schedule_end_time: must be after schedule_start_time."
    check_adgroup_fields(_adgroup(**start_end, schedule_end_time=NOW + 1), _campaign())


def test_an_end_time_is_refused_with_a_schedule_from_now_rather_than_dropped():
    assert _refused(_adgroup(schedule_end_time=NOW + HOUR)).field == "schedule_end_time"


def test_a_lifetime_budget_needs_a_start_end_schedule():
    refused = _refused(_adgroup(budget_mode=BudgetMode.BUDGET_MODE_TOTAL))
    assert refused.field == "schedule_type"


def test_reads_show_a_schedule_from_now_ending_ten_years_after_its_start():
    start = 1_709_208_000  # 2024-02-29 12:00 UTC: no 29 February ten years on
    assert shown_end_time(_adgroup(schedule_start_time=start)) == 2_024_740_800  # 2034-02-28 12:00
    assert shown_end_time(_adgroup(schedule_end_time=NOW + 5)) == NOW + 5


# -- bids by bid_type ---------------------------------------------------------------------------


@pytest.mark.parametrize("price", [0.0, -1.0])
def test_a_custom_bid_needs_a_price_above_zero(price):
    refused = _refused(_adgroup(bid_type="BID_TYPE_CUSTOM", bid_price=price))
    assert refused.field == "bid_price"


def test_a_custom_ocpm_bid_needs_a_conversion_bid_price_instead():
    ocpm = {"bid_type": "BID_TYPE_CUSTOM", "billing_event": "OCPM"}
    assert _refused(_adgroup(**ocpm)).field == "conversion_bid_price"
    check_adgroup_fields(_adgroup(**ocpm, settings={"conversion_bid_price": 5}), _campaign())


@pytest.mark.parametrize("bid_type", ["BID_TYPE_NO_BID", "BID_TYPE_MAX_CONVERSION"])
def test_a_bid_without_a_custom_bid_type_is_refused_rather_than_dropped(bid_type):
    assert _refused(_adgroup(bid_type=bid_type, bid_price=3.5)).field == "bid_price"
    refused = _refused(_adgroup(bid_type=bid_type, settings={"conversion_bid_price": 3}))
    assert refused.field == "conversion_bid_price"


def test_a_bid_must_be_lower_than_the_budget():
    refused = _refused(_adgroup(bid_type="BID_TYPE_CUSTOM", bid_price=100.0))
    assert refused.message == "bid_price: must be lower than the ad group's budget."


def test_a_video_views_custom_bid_needs_its_display_mode():
    campaign = _campaign(ObjectiveType.VIDEO_VIEWS)
    custom = {"bid_type": "BID_TYPE_CUSTOM", "bid_price": 1.0}
    assert _refused(_adgroup(**custom), campaign).field == "bid_display_mode"
    with_mode = _adgroup(**custom, settings={"bid_display_mode": "CPV"})
    check_adgroup_fields(with_mode, campaign)


def test_a_minimum_roas_needs_its_roas_goal():
    refused = _refused(_adgroup(settings={"deep_bid_type": "VO_MIN_ROAS"}))
    assert refused.field == "roas_bid"


def test_budget_optimization_allows_only_smooth_pacing():
    cbo = _campaign(budget_optimize_on=True)
    assert _refused(_adgroup(settings={"pacing": "PACING_MODE_FAST"}), cbo).field == "pacing"
    check_adgroup_fields(_adgroup(settings={"pacing": "PACING_MODE_FAST"}), _campaign())


# -- placements and brand safety ------------------------------------------------------------


def test_normal_placement_needs_placements_and_automatic_takes_none():
    assert _refused(_adgroup(placement_type="PLACEMENT_TYPE_NORMAL")).field == "placements"
    assert _refused(_adgroup(placements=("PLACEMENT_TIKTOK",))).field == "placements"


def test_brand_safety_needs_tiktok_placement_and_a_partner_for_third_party():
    tiktok = {"placement_type": "PLACEMENT_TYPE_NORMAL", "placements": ("PLACEMENT_TIKTOK",)}
    limited = {"brand_safety_type": "LIMITED_INVENTORY"}
    assert _refused(_adgroup(settings=limited)).field == "brand_safety_type"
    check_adgroup_fields(_adgroup(**tiktok, settings=limited), _campaign())
    third = {"brand_safety_type": "THIRD_PARTY"}
    assert _refused(_adgroup(**tiktok, settings=third)).field == "brand_safety_partner"
    partner_alone = {"brand_safety_partner": "IAS"}
    assert _refused(_adgroup(**tiktok, settings=partner_alone)).field == "brand_safety_partner"
    tags = {**third, "brand_safety_partner": "IAS", "contextual_tag_ids": ["1"]}
    assert _refused(_adgroup(**tiktok, settings=tags)).field == "contextual_tag_ids"


# -- audience ---------------------------------------------------------------------------------


def test_frequency_caps_come_in_pairs_at_most_three_a_day_on_reach_campaigns():
    reach = _campaign(ObjectiveType.REACH)
    assert _refused(_adgroup(settings={"frequency": 2}), reach).field == "frequency_schedule"
    assert _refused(_adgroup(settings={"frequency_schedule": 2}), reach).field == "frequency"
    too_often = {"frequency": 7, "frequency_schedule": 2}
    assert _refused(_adgroup(settings=too_often), reach).field == "frequency"
    cap = {"frequency": 6, "frequency_schedule": 2}
    check_adgroup_fields(_adgroup(settings=cap), reach)
    assert _refused(_adgroup(settings=cap)).message.endswith(
        "only for a REACH campaign's ad groups."
    )


@pytest.mark.parametrize("prices", [[0], [300, 250], [0, 260], [50, 50]])
def test_device_prices_are_a_rising_pair_of_multiples_of_fifty(prices):
    refused = _refused(_adgroup(settings={"device_price_ranges": prices}))
    assert refused.field == "device_price_ranges"


def test_next_day_retention_is_above_zero():
    assert _refused(_adgroup(settings={"next_day_retention": 0})).field == "next_day_retention"


@pytest.mark.parametrize(
    ("refused", "other"),
    [
        ("purchase_intention_keyword_ids", "interest_keyword_ids"),
        ("excluded_pangle_audience_package_ids", "included_pangle_audience_package_ids"),
    ],
)
def test_fields_that_exclude_each_other_are_refused_together(refused, other):
    both = {refused: ["1"], other: ["2"]}
    assert _refused(_adgroup(settings=both)).field == refused
    check_adgroup_fields(_adgroup(settings={refused: ["1"], other: []}), _campaign())


def test_lab_retargeting_needs_its_days():
    refused = _refused(_adgroup(settings={"shopping_ads_retargeting_type": "LAB2"}))
    assert refused.field == "shopping_ads_retargeting_actions_days"


def test_an_ios14_campaign_takes_ios14_plus_targeting_which_stays():
    ios14 = _campaign(ObjectiveType.APP_PROMOTION, campaign_type="IOS14_CAMPAIGN")
    assert _refused(_adgroup(), ios14).field == "ios14_targeting"
    plus = _adgroup(settings={"ios14_targeting": "IOS14_PLUS"})
    check_adgroup_fields(plus, ios14)
    with pytest.raises(errors.InvalidParameter):
        check_adgroup_changes(plus, {"ios14_targeting": "UNSET"})
    check_adgroup_changes(plus, {"gender": "GENDER_MALE"})


# -- identity -------------------------------------------------------------------------------


def test_identity_fields_belong_to_product_sales_ad_groups_and_come_together():
    sales = _campaign(ObjectiveType.PRODUCT_SALES)
    identity = {"identity_type": "TT_USER", "identity_id": "brand"}
    check_adgroup_fields(_adgroup(settings=identity), sales)
    assert _refused(_adgroup(settings=identity)).field == "identity_type"
    alone = {"identity_type": "TT_USER"}
    assert _refused(_adgroup(settings=alone), sales).field == "identity_id"


def test_a_business_center_identity_needs_its_business_center_and_only_it_does():
    sales = _campaign(ObjectiveType.PRODUCT_SALES)
    bc = {"identity_type": "BC_AUTH_TT", "identity_id": "brand"}
    assert _refused(_adgroup(settings=bc), sales).field == "identity_authorized_bc_id"
    check_adgroup_fields(_adgroup(settings={**bc, "identity_authorized_bc_id": "7"}), sales)
    stray = {"identity_type": "TT_USER", "identity_id": "b", "identity_authorized_bc_id": "7"}
    assert _refused(_adgroup(settings=stray), sales).field == "identity_authorized_bc_id"
