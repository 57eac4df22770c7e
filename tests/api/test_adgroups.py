"""`adgroup/create/`, `adgroup/get/`, `adgroup/update/`, `adgroup/status/update/`.

Tests that only read, or whose request is refused, share one `pristine` sandbox per module and
must leave it as it was (refusals check that with `unchanged`); `foreign` is another sandbox,
never changed, whose advertiser and objects the token of the first must not reach.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from mockads.domain.catalogue import ADGROUP_GET
from mockads.testing import MIRROR
from tests.api.entity_calls import (
    ADGROUPS,
    CAMPAIGNS,
    adgroup_body,
    assert_error,
    freeze,
    seeded_campaign_id,
    unchanged,
    utc_text,
)
from tests.api.helpers import ETL_ADGROUP_FIELDS

ZONE = ZoneInfo("America/Los_Angeles")  # the default scenario's advertiser
HOUR = 3_600
DAY = 86_400
TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
ADGROUP_KEYS = set(ETL_ADGROUP_FIELDS) | {spec.name for spec in ADGROUP_GET}
REQUIRED = [
    "campaign_id",
    "adgroup_name",
    "location_ids",
    "schedule_start_time",
    "optimization_goal",
    "billing_event",
]


# -- fixtures and helpers --------------------------------------------------------------------


def _local(seconds):
    """Unix seconds as the advertiser's wall-clock time."""
    return datetime.fromtimestamp(seconds, ZONE).strftime("%Y-%m-%d %H:%M:%S")


def _advance(sandbox, seconds):
    sandbox.control("POST", "/clock", {"advance_seconds": seconds})


def _campaign_status(sandbox, campaign_id, status):
    assert CAMPAIGNS.set_status(sandbox, [campaign_id], status)["code"] == 0


# -- adgroup/create --------------------------------------------------------------------------


def test_adgroup_create_returns_the_whole_new_ad_group(mockads_sandbox):
    now = freeze(mockads_sandbox)
    campaign_id = seeded_campaign_id(mockads_sandbox)
    body = ADGROUPS.create(
        mockads_sandbox, adgroup_name="Women 25-34", location_ids=["6252001", "2635167"]
    )
    assert (body["code"], body["message"]) == (0, "OK")
    data = body["data"]
    assert set(data) == ADGROUP_KEYS
    assert re.fullmatch(r"[0-9]{16,19}", data["adgroup_id"]), data["adgroup_id"]
    assert (data["advertiser_id"], data["campaign_id"]) == (
        mockads_sandbox.advertiser_id,
        campaign_id,
    )
    assert data["adgroup_name"] == "Women 25-34"
    assert data["location_ids"] == ["6252001", "2635167"]
    assert (data["optimization_goal"], data["billing_event"]) == ("CLICK", "CPC")
    assert data["create_time"] == data["modify_time"] == utc_text(now)
    assert ADGROUPS.one(mockads_sandbox, data["adgroup_id"]) == data


def test_adgroup_create_applies_the_documented_defaults(mockads_sandbox):
    data = ADGROUPS.create(mockads_sandbox)["data"]
    assert data["placement_type"] == "PLACEMENT_TYPE_AUTOMATIC"
    assert data["placements"] == []
    assert (data["budget_mode"], data["budget"]) == ("BUDGET_MODE_INFINITE", 0)
    start = datetime.strptime(data["schedule_start_time"], "%Y-%m-%d %H:%M:%S")
    ten_years_on = start.replace(year=start.year + 10).strftime("%Y-%m-%d %H:%M:%S")
    assert (data["schedule_type"], data["schedule_end_time"]) == ("SCHEDULE_FROM_NOW", ten_years_on)
    assert (data["bid_type"], data["bid_price"]) == ("BID_TYPE_NO_BID", 0)
    assert (data["pacing"], data["gender"], data["age_groups"]) == (
        "PACING_MODE_SMOOTH",
        "GENDER_UNLIMITED",
        [],
    )
    assert (data["promotion_type"], data["operation_status"]) == ("WEBSITE", "ENABLE")


def test_adgroup_create_names_its_campaign(mockads_sandbox):
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox, campaign_name="Holiday push")
    data = ADGROUPS.create(mockads_sandbox, campaign_id=campaign_id)["data"]
    assert (data["campaign_id"], data["campaign_name"]) == (campaign_id, "Holiday push")


@pytest.mark.parametrize("field", [*REQUIRED, "advertiser_id"])
def test_adgroup_create_requires_each_required_field(pristine, field):
    body = adgroup_body(pristine)
    del body[field]
    with unchanged(pristine):
        assert_error(pristine.post("adgroup/create/", body), 40002, field)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("location_ids", []),
        ("optimization_goal", "CLICKS"),
        ("billing_event", "CPA"),
        ("placement_type", "PLACEMENT_TYPE_SEARCH"),
        ("bid_type", "BID_TYPE_MAX"),
        ("schedule_type", "SCHEDULE_ALWAYS"),
        ("operation_status", "DELETE"),
    ],
)
def test_adgroup_create_refuses_a_value_out_of_its_range(pristine, field, value):
    with unchanged(pristine):
        assert_error(ADGROUPS.create(pristine, **{field: value}), 40002, field)


def test_adgroup_create_refuses_an_unknown_campaign(pristine):
    with unchanged(pristine):
        body = ADGROUPS.create(pristine, campaign_id="7000000000000000001")
    assert_error(body, 40700)
    assert "7000000000000000001" in body["message"]


def test_adgroup_create_refuses_a_deleted_campaign(mockads_sandbox):
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox)
    _campaign_status(mockads_sandbox, campaign_id, "DELETE")
    with unchanged(mockads_sandbox):
        assert_error(ADGROUPS.create(mockads_sandbox, campaign_id=campaign_id), 40700)


def test_adgroup_create_refuses_a_campaign_of_another_sandbox(pristine, foreign):
    theirs = seeded_campaign_id(foreign)
    with unchanged(pristine), unchanged(foreign):
        assert_error(ADGROUPS.create(pristine, campaign_id=theirs), 40700)


def test_adgroup_create_refuses_an_advertiser_of_another_sandbox(pristine, foreign):
    body = adgroup_body(foreign)
    with unchanged(foreign):
        assert_error(pristine.post("adgroup/create/", body), 40001, "advertiser_id")


def test_adgroup_create_accepts_an_ad_group_in_a_disabled_campaign(mockads_sandbox):
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox, operation_status="DISABLE")
    assert ADGROUPS.create(mockads_sandbox, campaign_id=campaign_id)["code"] == 0


def test_adgroup_create_requires_an_end_for_a_start_end_schedule(pristine):
    with unchanged(pristine):
        body = ADGROUPS.create(pristine, schedule_type="SCHEDULE_START_END")
    assert_error(body, 40002, "schedule_end_time")


@pytest.mark.parametrize("end", ["2026-01-01 00:00:00", "2025-12-31 23:59:59"])
def test_adgroup_create_refuses_an_end_not_after_the_start(pristine, end):
    with unchanged(pristine):
        body = ADGROUPS.create(
            pristine,
            schedule_type="SCHEDULE_START_END",
            schedule_start_time="2026-01-01 00:00:00",
            schedule_end_time=end,
        )
    assert_error(body, 40002, "schedule_end_time")


@pytest.mark.parametrize(
    "text", ["2026-02-30 10:00:00", "2026-01-01T00:00:00", "2026-01-01", "1767225600"]
)
def test_adgroup_create_refuses_a_malformed_schedule_time(pristine, text):
    with unchanged(pristine):
        body = ADGROUPS.create(pristine, schedule_start_time=text)
    assert_error(body, 40002, "schedule_start_time")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2027-01-15 09:30:00", "2027-02-15 23:59:59"),  # PST
        ("2027-07-01 00:00:00", "2027-07-31 12:00:00"),  # PDT
        ("2027-03-13 12:00:00", "2027-03-14 12:00:00"),  # across the start of DST
        ("2027-11-06 12:00:00", "2027-11-07 01:30:00"),  # ends in the hour that happens twice
    ],
)
def test_adgroup_create_gives_back_the_schedule_times_it_was_sent(mockads_sandbox, start, end):
    adgroup_id = ADGROUPS.new_id(
        mockads_sandbox,
        schedule_type="SCHEDULE_START_END",
        schedule_start_time=start,
        schedule_end_time=end,
    )
    adgroup = ADGROUPS.one(mockads_sandbox, adgroup_id)
    assert (adgroup["schedule_start_time"], adgroup["schedule_end_time"]) == (start, end)


def test_adgroup_create_refuses_a_schedule_time_the_time_zone_skips(mockads_sandbox):
    body = ADGROUPS.create(mockads_sandbox, schedule_start_time="2027-03-14 02:30:00")
    assert_error(body, 40002, "schedule_start_time")


def test_adgroup_create_reads_the_start_in_the_advertiser_time_zone(mockads_sandbox):
    now = freeze(mockads_sandbox)
    # An hour ahead on the advertiser's clock; read as UTC it would be hours in the past.
    later = ADGROUPS.new_id(mockads_sandbox, schedule_start_time=_local(now + HOUR))
    # An hour ago on the advertiser's clock; read as UTC it would be hours in the future.
    earlier = ADGROUPS.new_id(mockads_sandbox, schedule_start_time=_local(now - HOUR))
    assert ADGROUPS.one(mockads_sandbox, later)["secondary_status"] == "ADGROUP_STATUS_NOT_START"
    assert (
        ADGROUPS.one(mockads_sandbox, earlier)["secondary_status"] == "ADGROUP_STATUS_DELIVERY_OK"
    )


def test_adgroup_create_refuses_an_end_sent_with_a_schedule_from_now(pristine):
    with unchanged(pristine):
        body = ADGROUPS.create(pristine, schedule_end_time="2030-01-01 00:00:00")
    assert_error(body, 40002, "schedule_end_time")


def test_adgroup_create_keeps_the_price_of_a_custom_bid(mockads_sandbox):
    data = ADGROUPS.create(mockads_sandbox, bid_type="BID_TYPE_CUSTOM", bid_price=2.5)["data"]
    assert (data["bid_type"], data["bid_price"]) == ("BID_TYPE_CUSTOM", 2.5)


@pytest.mark.parametrize("extra", [{}, {"bid_price": 0}])
def test_adgroup_create_requires_a_price_above_zero_for_a_custom_bid(pristine, extra):
    with unchanged(pristine):
        body = ADGROUPS.create(pristine, bid_type="BID_TYPE_CUSTOM", **extra)
    assert_error(body, 40002, "bid_price")


def test_adgroup_create_refuses_a_price_without_a_custom_bid_rather_than_dropping_it(pristine):
    with unchanged(pristine):
        body = ADGROUPS.create(pristine, bid_type="BID_TYPE_NO_BID", bid_price=2.5)
    assert_error(body, 40002, "bid_price")


def test_adgroup_create_takes_a_zero_price_without_a_custom_bid(mockads_sandbox):
    data = ADGROUPS.create(mockads_sandbox, bid_type="BID_TYPE_NO_BID", bid_price=0)["data"]
    assert data["bid_price"] == 0


def test_adgroup_create_keeps_the_placements_of_a_normal_placement(mockads_sandbox):
    placements = ["PLACEMENT_TIKTOK", "PLACEMENT_PANGLE"]
    body = ADGROUPS.create(
        mockads_sandbox, placement_type="PLACEMENT_TYPE_NORMAL", placements=placements
    )
    data = body["data"]
    assert (data["placement_type"], data["placements"]) == ("PLACEMENT_TYPE_NORMAL", placements)


def test_adgroup_create_requires_placements_for_a_normal_placement(pristine):
    with unchanged(pristine):
        body = ADGROUPS.create(pristine, placement_type="PLACEMENT_TYPE_NORMAL")
    assert_error(body, 40002, "placements")


def test_adgroup_create_refuses_placements_with_an_automatic_placement(pristine):
    with unchanged(pristine):
        body = ADGROUPS.create(
            pristine, placement_type="PLACEMENT_TYPE_AUTOMATIC", placements=["PLACEMENT_TIKTOK"]
        )
    assert_error(body, 40002, "placements")


def test_adgroup_create_refuses_an_unknown_placement(pristine):
    with unchanged(pristine):
        body = ADGROUPS.create(
            pristine, placement_type="PLACEMENT_TYPE_NORMAL", placements=["PLACEMENT_X"]
        )
    assert_error(body, 40002, "placements.0")


def test_adgroup_create_keeps_a_daily_budget(mockads_sandbox):
    data = ADGROUPS.create(mockads_sandbox, budget_mode="BUDGET_MODE_DAY", budget=60)["data"]
    assert (data["budget_mode"], data["budget"]) == ("BUDGET_MODE_DAY", 60)


@pytest.mark.parametrize("extra", [{}, {"budget": 49}])
def test_adgroup_create_refuses_a_daily_budget_below_the_minimum(pristine, extra):
    with unchanged(pristine):
        body = ADGROUPS.create(pristine, budget_mode="BUDGET_MODE_DAY", **extra)
    assert_error(body, 40002, "budget")


def test_adgroup_create_refuses_a_name_used_in_the_same_campaign(pristine):
    taken = ADGROUPS.seeded(pristine)["adgroup_name"]
    with unchanged(pristine):
        assert_error(ADGROUPS.create(pristine, adgroup_name=taken), 40002, "adgroup_name")


def test_adgroup_create_accepts_a_name_used_in_another_campaign(mockads_sandbox):
    taken = ADGROUPS.seeded(mockads_sandbox)["adgroup_name"]
    other = CAMPAIGNS.new_id(mockads_sandbox)
    data = ADGROUPS.create(mockads_sandbox, campaign_id=other, adgroup_name=taken)["data"]
    assert (data["campaign_id"], data["adgroup_name"]) == (other, taken)


def test_adgroup_create_accepts_the_name_of_a_deleted_ad_group(mockads_sandbox):
    seeded = ADGROUPS.seeded(mockads_sandbox)
    ADGROUPS.set_status(mockads_sandbox, [seeded["adgroup_id"]], "DELETE")
    assert ADGROUPS.create(mockads_sandbox, adgroup_name=seeded["adgroup_name"])["code"] == 0


# -- secondary_status ------------------------------------------------------------------------


def test_adgroup_secondary_status_is_not_start_before_the_start(mockads_sandbox):
    now = freeze(mockads_sandbox)
    data = ADGROUPS.create(mockads_sandbox, schedule_start_time=_local(now + DAY))["data"]
    assert data["secondary_status"] == "ADGROUP_STATUS_NOT_START"


def test_adgroup_secondary_status_is_delivery_ok_while_running(pristine):
    assert ADGROUPS.seeded(pristine)["secondary_status"] == "ADGROUP_STATUS_DELIVERY_OK"


def test_adgroup_secondary_status_follows_the_schedule_as_the_clock_moves(mockads_sandbox):
    now = freeze(mockads_sandbox)
    adgroup_id = ADGROUPS.new_id(
        mockads_sandbox,
        schedule_type="SCHEDULE_START_END",
        schedule_start_time=_local(now + HOUR),
        schedule_end_time=_local(now + 3 * HOUR),
    )
    seen = []
    for _ in range(3):
        seen.append(ADGROUPS.one(mockads_sandbox, adgroup_id)["secondary_status"])
        _advance(mockads_sandbox, 2 * HOUR)
    assert seen == [
        "ADGROUP_STATUS_NOT_START",
        "ADGROUP_STATUS_DELIVERY_OK",
        "ADGROUP_STATUS_TIME_DONE",
    ]


def test_adgroup_secondary_status_is_campaign_disable_when_its_campaign_is(mockads_sandbox):
    adgroup = ADGROUPS.seeded(mockads_sandbox)
    _campaign_status(mockads_sandbox, adgroup["campaign_id"], "DISABLE")
    after = ADGROUPS.one(mockads_sandbox, adgroup["adgroup_id"])
    assert (after["operation_status"], after["secondary_status"]) == (
        "ENABLE",
        "ADGROUP_STATUS_CAMPAIGN_DISABLE",
    )
    _campaign_status(mockads_sandbox, adgroup["campaign_id"], "ENABLE")
    assert ADGROUPS.one(mockads_sandbox, adgroup["adgroup_id"])["secondary_status"] == (
        "ADGROUP_STATUS_DELIVERY_OK"
    )


def test_adgroup_secondary_status_is_disable_when_created_disabled(mockads_sandbox):
    data = ADGROUPS.create(mockads_sandbox, operation_status="DISABLE")["data"]
    assert (data["operation_status"], data["secondary_status"]) == (
        "DISABLE",
        "ADGROUP_STATUS_DISABLE",
    )


# -- adgroup/get -----------------------------------------------------------------------------


def test_adgroup_get_shows_the_one_ad_group_of_the_default_scenario(pristine):
    body = ADGROUPS.get(pristine)
    assert body["code"] == 0
    (adgroup,) = body["data"]["list"]
    assert set(adgroup) == ADGROUP_KEYS
    assert adgroup["campaign_id"] == seeded_campaign_id(pristine)
    assert TIME.fullmatch(adgroup["create_time"]) and TIME.fullmatch(adgroup["modify_time"])
    assert TIME.fullmatch(adgroup["schedule_start_time"])
    assert adgroup["is_comment_disable"] == 0
    assert body["data"]["page_info"] == {
        "page": 1,
        "page_size": 10,
        "total_number": 1,
        "total_page": 1,
    }


def test_adgroup_get_returns_only_the_fields_asked_for(pristine):
    (adgroup,) = ADGROUPS.get(pristine, fields=["adgroup_id", "secondary_status"])["data"]["list"]
    assert set(adgroup) == {"adgroup_id", "secondary_status"}


def test_adgroup_get_refuses_an_unknown_field(pristine):
    assert_error(ADGROUPS.get(pristine, fields=["adgroup_id", "ad_id"]), 40002, "fields.1")


def test_adgroup_get_filters_by_campaign_ids(mockads_sandbox):
    other = CAMPAIGNS.new_id(mockads_sandbox)
    wanted = {ADGROUPS.new_id(mockads_sandbox, campaign_id=other) for _ in range(2)}
    found = ADGROUPS.listed(mockads_sandbox, campaign_ids=[other])
    assert {a["adgroup_id"] for a in found} == wanted


def test_adgroup_get_filters_by_adgroup_ids(mockads_sandbox):
    wanted = ADGROUPS.new_id(mockads_sandbox)
    ADGROUPS.new_id(mockads_sandbox)
    assert [a["adgroup_id"] for a in ADGROUPS.listed(mockads_sandbox, adgroup_ids=[wanted])] == [
        wanted
    ]


def test_adgroup_get_filters_by_a_part_of_the_name_in_any_case(mockads_sandbox):
    wanted = ADGROUPS.new_id(mockads_sandbox, adgroup_name="Retargeting - cart")
    ADGROUPS.new_id(mockads_sandbox, adgroup_name="Prospecting")
    assert [a["adgroup_id"] for a in ADGROUPS.listed(mockads_sandbox, adgroup_name="TARGET")] == [
        wanted
    ]


def test_adgroup_get_filters_by_primary_status(mockads_sandbox):
    names = {ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]: "seeded"}
    for status in ("disabled", "deleted"):
        names[ADGROUPS.new_id(mockads_sandbox, adgroup_name=status)] = status
    by_name = {n: i for i, n in names.items()}
    ADGROUPS.set_status(mockads_sandbox, [by_name["disabled"]], "DISABLE")
    ADGROUPS.set_status(mockads_sandbox, [by_name["deleted"]], "DELETE")
    expected = {
        "STATUS_ALL": {"seeded", "disabled", "deleted"},
        "STATUS_NOT_DELETE": {"seeded", "disabled"},
        "STATUS_DELETE": {"deleted"},
        "STATUS_ENABLE": {"seeded"},
        "STATUS_DISABLE": {"disabled"},
    }
    for primary_status, wanted in expected.items():
        found = ADGROUPS.listed(mockads_sandbox, primary_status=primary_status)
        assert {names[a["adgroup_id"]] for a in found} == wanted, primary_status


def test_adgroup_get_combines_filters(mockads_sandbox):
    other = CAMPAIGNS.new_id(mockads_sandbox)
    wanted = ADGROUPS.new_id(mockads_sandbox, campaign_id=other, adgroup_name="Match")
    ADGROUPS.new_id(mockads_sandbox, adgroup_name="Match")
    ADGROUPS.new_id(mockads_sandbox, campaign_id=other, adgroup_name="Other")
    found = ADGROUPS.listed(mockads_sandbox, campaign_ids=[other], adgroup_name="match")
    assert [a["adgroup_id"] for a in found] == [wanted]


@pytest.mark.parametrize(
    ("filtering", "field"),
    [
        ("{not json}", "filtering"),
        ('{"primary_status": "DELETED"}', "filtering.primary_status"),
        ('{"adgroup_ids": "123"}', "filtering.adgroup_ids"),
    ],
)
def test_adgroup_get_refuses_a_malformed_filtering(pristine, filtering, field):
    assert_error(ADGROUPS.get(pristine, filtering=filtering), 40002, field)


def test_adgroup_get_leaves_deleted_ad_groups_out_by_default(mockads_sandbox):
    ADGROUPS.set_status(mockads_sandbox, [ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]], "DELETE")
    data = ADGROUPS.get(mockads_sandbox)["data"]
    assert data["list"] == []
    assert data["page_info"]["total_number"] == 0


@pytest.mark.parametrize(("name", "value"), [("page_size", 1001), ("page", 0)])
def test_adgroup_get_refuses_a_page_out_of_range(pristine, name, value):
    assert_error(ADGROUPS.get(pristine, **{name: value}), 40002, name)


def test_adgroup_get_pages_with_the_right_page_info(mockads_sandbox):
    for _ in range(4):
        ADGROUPS.new_id(mockads_sandbox)
    pages = [ADGROUPS.get(mockads_sandbox, page=page, page_size=2)["data"] for page in (1, 2, 3, 4)]
    assert [len(p["list"]) for p in pages] == [2, 2, 1, 0]
    assert {p["page_info"]["total_number"] for p in pages} == {5}
    assert {p["page_info"]["total_page"] for p in pages} == {3}
    assert [p["page_info"]["page"] for p in pages] == [1, 2, 3, 4]
    seen = [a["adgroup_id"] for p in pages for a in p["list"]]
    assert len(set(seen)) == 5


def test_adgroup_get_ignores_a_json_body(pristine):
    response = pristine.client.get(
        f"{MIRROR}/adgroup/get/",
        query_string={"advertiser_id": pristine.advertiser_id, "page_size": 1000},
        data="{}",
        headers={"Access-Token": pristine.access_token, "Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert response.get_json()["data"]["list"] == ADGROUPS.listed(pristine)


def test_adgroup_get_accepts_a_path_without_the_trailing_slash(pristine):
    response = pristine.client.get(
        f"{MIRROR}/adgroup/get",
        query_string={"advertiser_id": pristine.advertiser_id, "page_size": 1000},
        data="{}",
        headers={"Access-Token": pristine.access_token, "Content-Type": "application/json"},
    )
    assert response.get_json()["data"]["list"] == ADGROUPS.listed(pristine)


@pytest.mark.parametrize(("token", "code"), [(None, 40104), ("not-a-token", 40105)])
def test_adgroup_get_refuses_a_missing_or_unknown_token(pristine, token, code):
    response = pristine.client.get(
        f"{MIRROR}/adgroup/get/",
        query_string={"advertiser_id": pristine.advertiser_id},
        headers={"Access-Token": token} if token else {},
    )
    assert_error(response.get_json(), code)


def test_adgroup_get_refuses_an_advertiser_of_another_sandbox(pristine, foreign):
    body = pristine.get("adgroup/get/", advertiser_id=foreign.advertiser_id)
    assert_error(body, 40001, "advertiser_id")


# -- adgroup/update --------------------------------------------------------------------------


def test_adgroup_update_renames_an_ad_group(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    body = ADGROUPS.update(mockads_sandbox, adgroup_id, adgroup_name="Renamed")
    assert body["code"] == 0
    assert body["data"]["adgroup_name"] == "Renamed"
    assert ADGROUPS.one(mockads_sandbox, adgroup_id) == body["data"]


def test_adgroup_update_refuses_a_name_used_in_the_same_campaign(mockads_sandbox):
    taken = ADGROUPS.seeded(mockads_sandbox)["adgroup_name"]
    adgroup_id = ADGROUPS.new_id(mockads_sandbox)
    with unchanged(mockads_sandbox):
        body = ADGROUPS.update(mockads_sandbox, adgroup_id, adgroup_name=taken)
    assert_error(body, 40002, "adgroup_name")


def test_adgroup_update_changes_the_budget(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    ADGROUPS.update(mockads_sandbox, adgroup_id, budget=80.25)
    adgroup = ADGROUPS.one(mockads_sandbox, adgroup_id)
    assert (adgroup["budget_mode"], adgroup["budget"]) == ("BUDGET_MODE_DAY", 80.25)


def test_adgroup_update_refuses_a_budget_below_the_minimum(pristine):
    adgroup_id = ADGROUPS.seeded(pristine)["adgroup_id"]
    with unchanged(pristine):
        assert_error(ADGROUPS.update(pristine, adgroup_id, budget=49), 40002, "budget")


def test_adgroup_update_sets_an_end_to_the_schedule(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    ADGROUPS.update(mockads_sandbox, adgroup_id, schedule_end_time="2031-06-30 23:00:00")
    adgroup = ADGROUPS.one(mockads_sandbox, adgroup_id)
    assert (adgroup["schedule_type"], adgroup["schedule_end_time"]) == (
        "SCHEDULE_START_END",
        "2031-06-30 23:00:00",
    )


def test_adgroup_update_ends_delivery_with_an_end_in_the_past(mockads_sandbox):
    now = freeze(mockads_sandbox)
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    body = ADGROUPS.update(mockads_sandbox, adgroup_id, schedule_end_time=_local(now - 60))
    assert body["data"]["secondary_status"] == "ADGROUP_STATUS_TIME_DONE"


def test_adgroup_update_refuses_an_end_not_after_the_start(pristine):
    adgroup = ADGROUPS.seeded(pristine)
    with unchanged(pristine):
        body = ADGROUPS.update(
            pristine,
            adgroup["adgroup_id"],
            schedule_end_time=adgroup["schedule_start_time"],
        )
    assert_error(body, 40002, "schedule_end_time")


def test_adgroup_update_changes_the_bid_price(mockads_sandbox):
    adgroup_id = ADGROUPS.new_id(mockads_sandbox, bid_type="BID_TYPE_CUSTOM", bid_price=1.0)
    ADGROUPS.update(mockads_sandbox, adgroup_id, bid_price=1.75)
    assert ADGROUPS.one(mockads_sandbox, adgroup_id)["bid_price"] == 1.75


def test_adgroup_update_refuses_a_custom_bid_of_zero(mockads_sandbox):
    adgroup_id = ADGROUPS.new_id(mockads_sandbox, bid_type="BID_TYPE_CUSTOM", bid_price=1.0)
    with unchanged(mockads_sandbox):
        assert_error(ADGROUPS.update(mockads_sandbox, adgroup_id, bid_price=0), 40002, "bid_price")


def test_adgroup_update_replaces_the_location_ids(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    ADGROUPS.update(mockads_sandbox, adgroup_id, location_ids=["2635167", "3017382"])
    assert ADGROUPS.one(mockads_sandbox, adgroup_id)["location_ids"] == ["2635167", "3017382"]


def test_adgroup_update_refuses_an_empty_location_list(pristine):
    adgroup_id = ADGROUPS.seeded(pristine)["adgroup_id"]
    with unchanged(pristine):
        assert_error(ADGROUPS.update(pristine, adgroup_id, location_ids=[]), 40002, "location_ids")


def test_adgroup_update_moves_modify_time_with_the_sandbox_clock(mockads_sandbox):
    now = freeze(mockads_sandbox)
    adgroup_id = ADGROUPS.new_id(mockads_sandbox)
    _advance(mockads_sandbox, HOUR)
    ADGROUPS.update(mockads_sandbox, adgroup_id, adgroup_name="An hour later")
    adgroup = ADGROUPS.one(mockads_sandbox, adgroup_id)
    assert adgroup["create_time"] == utc_text(now)
    assert adgroup["modify_time"] == utc_text(now + HOUR)


def test_adgroup_update_refuses_an_unknown_ad_group(pristine):
    with unchanged(pristine):
        body = ADGROUPS.update(pristine, "7000000000000000001", adgroup_name="Ghost")
    assert_error(body, 40700)
    assert "7000000000000000001" in body["message"]


def test_adgroup_update_refuses_a_deleted_ad_group(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    ADGROUPS.set_status(mockads_sandbox, [adgroup_id], "DELETE")
    with unchanged(mockads_sandbox):
        assert_error(ADGROUPS.update(mockads_sandbox, adgroup_id, adgroup_name="Back"), 40700)


def test_adgroup_update_refuses_an_ad_group_of_a_deleted_campaign(mockads_sandbox):
    adgroup = ADGROUPS.seeded(mockads_sandbox)
    _campaign_status(mockads_sandbox, adgroup["campaign_id"], "DELETE")
    with unchanged(mockads_sandbox):
        assert_error(ADGROUPS.update(mockads_sandbox, adgroup["adgroup_id"], budget=90), 40700)


def test_adgroup_update_refuses_an_ad_group_of_another_sandbox(pristine, foreign):
    theirs = ADGROUPS.seeded(foreign)["adgroup_id"]
    with unchanged(pristine), unchanged(foreign):
        assert_error(ADGROUPS.update(pristine, theirs, adgroup_name="Taken over"), 40700)


# -- adgroup/status/update -------------------------------------------------------------------


def test_adgroup_status_update_answers_the_ids_and_the_new_status(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    body = ADGROUPS.set_status(mockads_sandbox, [adgroup_id], "DISABLE")
    assert body["code"] == 0
    assert body["data"] == {"adgroup_ids": [adgroup_id], "status": "DISABLE"}


def test_adgroup_status_update_disables_and_enables_an_ad_group(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    ADGROUPS.set_status(mockads_sandbox, [adgroup_id], "DISABLE")
    disabled = ADGROUPS.one(mockads_sandbox, adgroup_id)
    ADGROUPS.set_status(mockads_sandbox, [adgroup_id], "ENABLE")
    enabled = ADGROUPS.one(mockads_sandbox, adgroup_id)
    assert (disabled["operation_status"], disabled["secondary_status"]) == (
        "DISABLE",
        "ADGROUP_STATUS_DISABLE",
    )
    assert (enabled["operation_status"], enabled["secondary_status"]) == (
        "ENABLE",
        "ADGROUP_STATUS_DELIVERY_OK",
    )


def test_adgroup_status_update_delete_moves_the_ad_group_to_status_delete(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    ADGROUPS.set_status(mockads_sandbox, [adgroup_id], "DELETE")
    assert ADGROUPS.listed(mockads_sandbox) == []
    (deleted,) = ADGROUPS.listed(mockads_sandbox, primary_status="STATUS_DELETE")
    assert (deleted["adgroup_id"], deleted["secondary_status"]) == (
        adgroup_id,
        "ADGROUP_STATUS_DELETE",
    )


def test_adgroup_status_update_delete_leaves_the_campaign_alone(mockads_sandbox):
    adgroup = ADGROUPS.seeded(mockads_sandbox)
    ADGROUPS.set_status(mockads_sandbox, [adgroup["adgroup_id"]], "DELETE")
    body = mockads_sandbox.get("campaign/get/", advertiser_id=mockads_sandbox.advertiser_id)
    assert [(c["campaign_id"], c["operation_status"]) for c in body["data"]["list"]] == [
        (adgroup["campaign_id"], "ENABLE")
    ]


def test_adgroup_status_update_cannot_re_enable_a_deleted_ad_group(mockads_sandbox):
    adgroup_id = ADGROUPS.seeded(mockads_sandbox)["adgroup_id"]
    ADGROUPS.set_status(mockads_sandbox, [adgroup_id], "DELETE")
    with unchanged(mockads_sandbox):
        for status in ("ENABLE", "DISABLE", "DELETE"):
            assert_error(ADGROUPS.set_status(mockads_sandbox, [adgroup_id], status), 40700)


def test_adgroup_status_update_changes_nothing_when_one_id_is_unknown(pristine):
    ids = [ADGROUPS.seeded(pristine)["adgroup_id"], "7000000000000000001"]
    with unchanged(pristine):
        assert_error(ADGROUPS.set_status(pristine, ids, "DISABLE"), 40700)


def test_adgroup_status_update_changes_nothing_when_one_ad_group_is_deleted(mockads_sandbox):
    deleted = ADGROUPS.new_id(mockads_sandbox)
    ADGROUPS.set_status(mockads_sandbox, [deleted], "DELETE")
    ids = [ADGROUPS.seeded(mockads_sandbox)["adgroup_id"], deleted]
    with unchanged(mockads_sandbox):
        assert_error(ADGROUPS.set_status(mockads_sandbox, ids, "DISABLE"), 40700)


@pytest.mark.parametrize("count", [0, 101])
def test_adgroup_status_update_takes_1_to_100_ids(pristine, count):
    ids = [str(7_000_000_000_000_000_000 + n) for n in range(count)]
    with unchanged(pristine):
        assert_error(ADGROUPS.set_status(pristine, ids, "DELETE"), 40002, "adgroup_ids")


def test_adgroup_status_update_refuses_an_advertiser_of_another_sandbox(pristine, foreign):
    body = {
        "advertiser_id": foreign.advertiser_id,
        "adgroup_ids": [ADGROUPS.seeded(foreign)["adgroup_id"]],
        "operation_status": "DELETE",
    }
    with unchanged(foreign):
        assert_error(pristine.post("adgroup/status/update/", body), 40001)


def test_adgroup_update_refuses_a_budget_for_an_unlimited_ad_group(mockads_sandbox):
    adgroup_id = ADGROUPS.new_id(mockads_sandbox)  # BUDGET_MODE_INFINITE by default
    with unchanged(mockads_sandbox):
        body = ADGROUPS.update(mockads_sandbox, adgroup_id, budget=80)
    assert_error(body, 40002, "budget")


def test_adgroup_update_refuses_a_bid_price_without_a_custom_bid(mockads_sandbox):
    adgroup_id = ADGROUPS.new_id(mockads_sandbox)  # BID_TYPE_NO_BID by default
    with unchanged(mockads_sandbox):
        body = ADGROUPS.update(mockads_sandbox, adgroup_id, bid_price=1.5)
    assert_error(body, 40002, "bid_price")


def test_the_default_scenario_ad_group_targets_what_its_name_says(pristine):
    adgroup = ADGROUPS.seeded(pristine)
    assert adgroup["adgroup_name"] == "US - 18+ - automatic placements"
    assert adgroup["location_ids"] == ["6252001"]  # the United States
    assert "AGE_13_17" not in adgroup["age_groups"] and adgroup["age_groups"]
    assert (adgroup["gender"], adgroup["placement_type"]) == (
        "GENDER_UNLIMITED",
        "PLACEMENT_TYPE_AUTOMATIC",
    )
