"""Campaign and ad group rules of `mockads.domain.campaigns`, and schedule times in a time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockads.domain import errors
from mockads.domain.campaigns import (
    MIN_BUDGET,
    AdGroup,
    Campaign,
    adgroup_secondary_status,
    campaign_secondary_status,
    check_budget,
    check_changeable,
    check_name_free,
    matches_primary_status,
)
from mockads.domain.clock import format_local_time, parse_local_time
from mockads.domain.enums import BudgetMode, ObjectiveType, OperationStatus

NOW = 1_800_000_000
HOUR = 3_600
LA = "America/Los_Angeles"
ENABLE, DISABLE, DELETE = OperationStatus.ENABLE, OperationStatus.DISABLE, OperationStatus.DELETE


def _campaign(status=ENABLE):
    return Campaign(
        campaign_id="7100000000000000001",
        advertiser_id="7100000000000000000",
        campaign_name="Spring sale",
        objective_type=ObjectiveType.TRAFFIC,
        budget_mode=BudgetMode.BUDGET_MODE_DAY,
        budget=100.0,
        operation_status=status,
        is_smart_plus=False,
        create_time=NOW - 10 * HOUR,
        modify_time=NOW - 10 * HOUR,
    )


def _adgroup(status=ENABLE, start=NOW - HOUR, end=None):
    return AdGroup(
        adgroup_id="7100000000000000002",
        advertiser_id="7100000000000000000",
        campaign_id="7100000000000000001",
        adgroup_name="US - 18+",
        placement_type="PLACEMENT_TYPE_AUTOMATIC",
        placements=(),
        location_ids=("6252001",),
        budget_mode=BudgetMode.BUDGET_MODE_INFINITE,
        budget=0.0,
        schedule_type="SCHEDULE_FROM_NOW" if end is None else "SCHEDULE_START_END",
        schedule_start_time=start,
        schedule_end_time=end,
        optimization_goal="CLICK",
        billing_event="CPC",
        bid_type="BID_TYPE_NO_BID",
        bid_price=0.0,
        promotion_type="WEBSITE",
        operation_status=status,
        create_time=NOW - 10 * HOUR,
        modify_time=NOW - 10 * HOUR,
    )


def _utc(text):
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp())


# -- check_budget ----------------------------------------------------------------------------


@pytest.mark.parametrize("budget", [None, 0.0, 10.0, 5_000.0])
def test_check_budget_stores_zero_for_an_infinite_budget(budget):
    assert check_budget(BudgetMode.BUDGET_MODE_INFINITE, budget) == 0.0


@pytest.mark.parametrize("mode", [BudgetMode.BUDGET_MODE_DAY, BudgetMode.BUDGET_MODE_TOTAL])
def test_check_budget_keeps_a_budget_of_at_least_the_minimum(mode):
    assert MIN_BUDGET == 50.0
    assert check_budget(mode, 50) == 50.0
    assert isinstance(check_budget(mode, 120), float)


@pytest.mark.parametrize("mode", [BudgetMode.BUDGET_MODE_DAY, BudgetMode.BUDGET_MODE_TOTAL])
def test_check_budget_refuses_a_budget_below_the_minimum(mode):
    with pytest.raises(errors.InvalidParameter) as raised:
        check_budget(mode, 49.99)
    assert raised.value.message == "budget: must be at least 50."


@pytest.mark.parametrize("mode", [BudgetMode.BUDGET_MODE_DAY, BudgetMode.BUDGET_MODE_TOTAL])
def test_check_budget_requires_a_budget_for_a_limited_mode(mode):
    with pytest.raises(errors.InvalidParameter) as raised:
        check_budget(mode, None)
    assert raised.value.message == f"budget: required when budget_mode is {mode.value}."


def test_check_budget_names_the_field_it_is_given():
    with pytest.raises(errors.InvalidParameter) as raised:
        check_budget(BudgetMode.BUDGET_MODE_DAY, 1, field="adgroup_budget")
    assert raised.value.field == "adgroup_budget"


# -- check_name_free, check_changeable -------------------------------------------------------


def test_check_name_free_accepts_a_name_nobody_uses():
    check_name_free("Summer", iter(["Spring", "summer "]), "campaign_name")


def test_check_name_free_refuses_a_name_already_used():
    with pytest.raises(errors.InvalidParameter) as raised:
        check_name_free("Spring", ["Spring"], "adgroup_name")
    assert raised.value.message.startswith("adgroup_name: 'Spring' ")
    assert raised.value.api_code == 40002


@pytest.mark.parametrize("status", [ENABLE, DISABLE])
def test_check_changeable_lets_a_live_object_change(status):
    check_changeable("campaign", "1", status)


def test_check_changeable_treats_a_deleted_object_as_not_found():
    with pytest.raises(errors.NotFound) as raised:
        check_changeable("adgroup", "123", DELETE)
    assert raised.value.api_code == 40700
    assert "123" in raised.value.message


# -- secondary statuses ----------------------------------------------------------------------


@pytest.mark.parametrize("status", [ENABLE, DISABLE, DELETE])
def test_campaign_secondary_status_follows_the_operation_status(status):
    assert campaign_secondary_status(_campaign(status)) == f"CAMPAIGN_STATUS_{status.value}"


@pytest.mark.parametrize(
    ("adgroup", "campaign", "expected"),
    [
        (_adgroup(), _campaign(), "ADGROUP_STATUS_DELIVERY_OK"),
        (_adgroup(end=NOW + 1), _campaign(), "ADGROUP_STATUS_DELIVERY_OK"),
        (_adgroup(start=NOW + 1), _campaign(), "ADGROUP_STATUS_NOT_START"),
        (_adgroup(start=NOW), _campaign(), "ADGROUP_STATUS_DELIVERY_OK"),
        (_adgroup(end=NOW), _campaign(), "ADGROUP_STATUS_TIME_DONE"),
        (_adgroup(DISABLE), _campaign(), "ADGROUP_STATUS_DISABLE"),
        (_adgroup(), _campaign(DISABLE), "ADGROUP_STATUS_CAMPAIGN_DISABLE"),
        (_adgroup(DISABLE), _campaign(DISABLE), "ADGROUP_STATUS_CAMPAIGN_DISABLE"),
        (_adgroup(start=NOW + 1), _campaign(DISABLE), "ADGROUP_STATUS_CAMPAIGN_DISABLE"),
        (_adgroup(DELETE), _campaign(), "ADGROUP_STATUS_DELETE"),
        (_adgroup(DELETE), _campaign(DELETE), "ADGROUP_STATUS_DELETE"),
        (_adgroup(DELETE), _campaign(DISABLE), "ADGROUP_STATUS_DELETE"),
    ],
    ids=[
        "running",
        "running-before-end",
        "before-start",
        "at-start",
        "at-end",
        "disabled",
        "campaign-disabled",
        "both-disabled",
        "campaign-disabled-before-start",
        "deleted",
        "both-deleted",
        "deleted-campaign-disabled",
    ],
)
def test_adgroup_secondary_status_checks_itself_its_campaign_then_its_schedule(
    adgroup, campaign, expected
):
    assert adgroup_secondary_status(adgroup, campaign, NOW) == expected


@pytest.mark.parametrize(
    ("primary_status", "passing"),
    [
        ("STATUS_ALL", {ENABLE, DISABLE, DELETE}),
        ("STATUS_NOT_DELETE", {ENABLE, DISABLE}),
        ("STATUS_DELETE", {DELETE}),
        ("STATUS_ENABLE", {ENABLE}),
        ("STATUS_DISABLE", {DISABLE}),
    ],
)
def test_matches_primary_status_lets_through_the_statuses_it_names(primary_status, passing):
    assert {s for s in OperationStatus if matches_primary_status(s, primary_status)} == passing


# -- schedule times in the advertiser's time zone --------------------------------------------


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        ("2026-01-15 12:00:00", "2026-01-15 20:00:00"),  # PST, UTC-8
        ("2026-07-15 12:00:00", "2026-07-15 19:00:00"),  # PDT, UTC-7
        ("2026-03-08 01:59:59", "2026-03-08 09:59:59"),  # last second of PST in spring
        ("2026-03-08 03:00:00", "2026-03-08 10:00:00"),  # first second of PDT
        ("2026-11-01 00:59:59", "2026-11-01 07:59:59"),  # PDT on the day DST ends
        ("2026-11-01 02:00:00", "2026-11-01 10:00:00"),  # PST again
    ],
)
def test_parse_local_time_reads_a_time_in_the_zone_and_its_dst_offset(local, utc):
    assert parse_local_time(local, LA) == _utc(utc)


@pytest.mark.parametrize(
    "local",
    [
        "2026-01-15 12:00:00",
        "2026-07-15 12:00:00",
        "2026-03-08 01:59:59",
        "2026-03-08 03:00:00",
        "2026-11-01 01:30:00",  # happens twice: the first (PDT) one is meant
        "2026-11-01 02:00:00",
        "2028-02-29 23:59:59",
    ],
)
def test_format_local_time_gives_back_what_parse_local_time_read(local):
    assert format_local_time(parse_local_time(local, LA), LA) == local


def test_parse_local_time_takes_the_first_of_two_equal_local_times():
    assert parse_local_time("2026-11-01 01:30:00", LA) == _utc("2026-11-01 08:30:00")


def test_format_local_time_shows_an_instant_in_the_zone():
    assert format_local_time(_utc("2026-07-04 00:00:00"), LA) == "2026-07-03 17:00:00"
    assert format_local_time(_utc("2026-12-25 08:00:00"), LA) == "2026-12-25 00:00:00"


def test_parse_local_time_refuses_a_malformed_time():
    with pytest.raises(ValueError):
        parse_local_time("2026-02-30 10:00:00", LA)


def test_parse_local_time_refuses_a_time_that_does_not_exist_in_the_zone():
    with pytest.raises(ValueError):
        parse_local_time("2026-03-08 02:30:00", LA)
