"""`campaign/create/`, `campaign/get/`, `campaign/update/`, `campaign/status/update/`.

Tests that only read, or whose request is refused, share one `pristine` sandbox per module and
must leave it as it was (refusals check that with `unchanged`); `foreign` is another sandbox,
never changed, whose advertiser and objects the token of the first must not reach.
"""

from __future__ import annotations

import json
import re

import pytest

from mockads.domain.catalogue import CAMPAIGN_GET
from mockads.testing import MIRROR
from tests.api.entity_calls import (
    ADGROUPS,
    ALL,
    CAMPAIGNS,
    assert_error,
    freeze,
    unchanged,
    utc_text,
)
from tests.api.helpers import ETL_CAMPAIGN_FIELDS

TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
#: What ETL readers expect (api-reference §10) and every field the catalogue says get returns.
CAMPAIGN_KEYS = set(ETL_CAMPAIGN_FIELDS) | {spec.name for spec in CAMPAIGN_GET}
OBJECTIVES = [
    "REACH",
    "TRAFFIC",
    "VIDEO_VIEWS",
    "ENGAGEMENT",
    "APP_PROMOTION",
    "LEAD_GENERATION",
    "WEB_CONVERSIONS",
    "PRODUCT_SALES",
]


# -- campaign/create -------------------------------------------------------------------------


def test_campaign_create_returns_the_whole_new_campaign(mockads_sandbox):
    now = freeze(mockads_sandbox)
    body = CAMPAIGNS.create(
        mockads_sandbox,
        campaign_name="Summer sale",
        objective_type="REACH",
        budget_mode="BUDGET_MODE_DAY",
        budget=75.5,
    )
    assert (body["code"], body["message"]) == (0, "OK")
    data = body["data"]
    assert set(data) == CAMPAIGN_KEYS
    assert data["advertiser_id"] == mockads_sandbox.advertiser_id
    assert data["campaign_name"] == "Summer sale"
    assert data["objective_type"] == "REACH"
    assert (data["budget_mode"], data["budget"]) == ("BUDGET_MODE_DAY", 75.5)
    assert data["create_time"] == data["modify_time"] == utc_text(now)
    assert CAMPAIGNS.one(mockads_sandbox, data["campaign_id"]) == data


def test_campaign_create_gives_a_new_digit_string_id(mockads_sandbox):
    seeded = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    first, second = CAMPAIGNS.new_id(mockads_sandbox), CAMPAIGNS.new_id(mockads_sandbox)
    for campaign_id in (first, second):
        assert isinstance(campaign_id, str)
        assert re.fullmatch(r"[0-9]{16,19}", campaign_id), campaign_id
    assert len({seeded, first, second}) == 3


def test_campaign_create_makes_an_enabled_campaign_by_default(mockads_sandbox):
    data = CAMPAIGNS.create(mockads_sandbox)["data"]
    assert (data["operation_status"], data["secondary_status"]) == (
        "ENABLE",
        "CAMPAIGN_STATUS_ENABLE",
    )


def test_campaign_create_makes_a_disabled_campaign_when_asked(mockads_sandbox):
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox, operation_status="DISABLE")
    campaign = CAMPAIGNS.one(mockads_sandbox, campaign_id)
    assert (campaign["operation_status"], campaign["secondary_status"]) == (
        "DISABLE",
        "CAMPAIGN_STATUS_DISABLE",
    )


def test_campaign_create_refuses_to_create_a_deleted_campaign(pristine):
    with unchanged(pristine):
        body = CAMPAIGNS.create(pristine, operation_status="DELETE")
    assert_error(body, 40002, "operation_status")


@pytest.mark.parametrize("field", ["advertiser_id", "campaign_name", "objective_type"])
def test_campaign_create_requires_each_required_field(pristine, field):
    body = {
        "advertiser_id": pristine.advertiser_id,
        "campaign_name": "Missing one",
        "objective_type": "TRAFFIC",
    }
    del body[field]
    with unchanged(pristine):
        assert_error(pristine.post("campaign/create/", body), 40002, field)


def test_campaign_create_accepts_every_objective_type(mockads_sandbox):
    made = {CAMPAIGNS.new_id(mockads_sandbox, objective_type=o): o for o in OBJECTIVES}
    found = CAMPAIGNS.listed(mockads_sandbox, campaign_ids=list(made))
    assert {c["campaign_id"]: c["objective_type"] for c in found} == made


def test_campaign_create_refuses_an_unknown_objective_type(pristine):
    with unchanged(pristine):
        assert_error(CAMPAIGNS.create(pristine, objective_type="SALES"), 40002, "objective_type")


def test_campaign_create_accepts_the_minimum_budget(mockads_sandbox):
    for mode in ("BUDGET_MODE_DAY", "BUDGET_MODE_TOTAL"):
        campaign = CAMPAIGNS.one(
            mockads_sandbox, CAMPAIGNS.new_id(mockads_sandbox, budget_mode=mode, budget=50)
        )
        assert (campaign["budget_mode"], campaign["budget"]) == (mode, 50)


@pytest.mark.parametrize("mode", ["BUDGET_MODE_DAY", "BUDGET_MODE_TOTAL"])
def test_campaign_create_refuses_a_budget_below_the_minimum(pristine, mode):
    with unchanged(pristine):
        body = CAMPAIGNS.create(pristine, budget_mode=mode, budget=49)
    assert_error(body, 40002, "budget")


@pytest.mark.parametrize("mode", ["BUDGET_MODE_DAY", "BUDGET_MODE_TOTAL"])
def test_campaign_create_requires_a_budget_for_a_limited_budget_mode(pristine, mode):
    with unchanged(pristine):
        assert_error(CAMPAIGNS.create(pristine, budget_mode=mode), 40002, "budget")


def test_campaign_create_stores_a_zero_budget_for_an_infinite_budget(mockads_sandbox):
    for extra in ({}, {"budget": 500}, {"budget": 10}):
        campaign_id = CAMPAIGNS.new_id(mockads_sandbox, budget_mode="BUDGET_MODE_INFINITE", **extra)
        campaign = CAMPAIGNS.one(mockads_sandbox, campaign_id)
        assert (campaign["budget_mode"], campaign["budget"]) == ("BUDGET_MODE_INFINITE", 0), extra


def test_campaign_create_makes_the_budget_infinite_by_default(mockads_sandbox):
    data = CAMPAIGNS.create(mockads_sandbox)["data"]
    assert (data["budget_mode"], data["budget"]) == ("BUDGET_MODE_INFINITE", 0)


def test_campaign_create_refuses_a_budget_sent_as_a_string(pristine):
    with unchanged(pristine):
        body = CAMPAIGNS.create(pristine, budget_mode="BUDGET_MODE_DAY", budget="100")
    assert_error(body, 40002, "budget")


def test_campaign_create_accepts_a_name_of_512_characters(mockads_sandbox):
    name = "n" * 512
    assert CAMPAIGNS.one(mockads_sandbox, CAMPAIGNS.new_id(mockads_sandbox, campaign_name=name))[
        "campaign_name"
    ] == (name)


@pytest.mark.parametrize("name", ["n" * 513, ""])
def test_campaign_create_refuses_a_name_too_long_or_empty(pristine, name):
    with unchanged(pristine):
        assert_error(CAMPAIGNS.create(pristine, campaign_name=name), 40002, "campaign_name")


def test_campaign_create_refuses_a_name_another_campaign_uses(pristine):
    taken = CAMPAIGNS.seeded(pristine)["campaign_name"]
    with unchanged(pristine):
        body = CAMPAIGNS.create(pristine, campaign_name=taken)
    assert_error(body, 40002, "campaign_name")


def test_campaign_create_refuses_a_name_a_disabled_campaign_uses(mockads_sandbox):
    CAMPAIGNS.new_id(mockads_sandbox, campaign_name="Paused", operation_status="DISABLE")
    with unchanged(mockads_sandbox):
        assert_error(
            CAMPAIGNS.create(mockads_sandbox, campaign_name="Paused"), 40002, "campaign_name"
        )


def test_campaign_create_accepts_the_name_of_a_deleted_campaign(mockads_sandbox):
    first = CAMPAIGNS.new_id(mockads_sandbox, campaign_name="Reused")
    assert CAMPAIGNS.set_status(mockads_sandbox, [first], "DELETE")["code"] == 0
    second = CAMPAIGNS.new_id(mockads_sandbox, campaign_name="Reused")
    found = CAMPAIGNS.listed(mockads_sandbox, campaign_name="Reused", **ALL)
    assert {c["campaign_id"]: c["operation_status"] for c in found} == {
        first: "DELETE",
        second: "ENABLE",
    }


def test_campaign_create_refuses_an_advertiser_of_another_sandbox(pristine, foreign):
    with unchanged(pristine), unchanged(foreign):
        body = CAMPAIGNS.create(pristine, advertiser_id=foreign.advertiser_id)
    assert_error(body, 40001, "advertiser_id")


@pytest.mark.parametrize(("token", "code"), [(None, 40104), ("not-a-token", 40105)])
def test_campaign_create_refuses_a_missing_or_unknown_token(pristine, token, code):
    headers = {"Access-Token": token} if token else {}
    body = {
        "advertiser_id": pristine.advertiser_id,
        "campaign_name": "No token",
        "objective_type": "TRAFFIC",
    }
    with unchanged(pristine):
        response = pristine.client.post(f"{MIRROR}/campaign/create/", json=body, headers=headers)
    assert response.status_code == 200
    assert_error(response.get_json(), code)


def test_campaign_create_checks_the_token_before_the_parameters(pristine):
    response = pristine.client.post(f"{MIRROR}/campaign/create/", json={})
    assert_error(response.get_json(), 40104)


def test_campaign_create_accepts_a_path_without_the_trailing_slash(mockads_sandbox):
    response = mockads_sandbox.client.post(
        f"{MIRROR}/campaign/create",
        json={
            "advertiser_id": mockads_sandbox.advertiser_id,
            "campaign_name": "No slash",
            "objective_type": "TRAFFIC",
        },
        headers={"Access-Token": mockads_sandbox.access_token},
    )
    assert response.get_json()["code"] == 0
    assert CAMPAIGNS.listed(mockads_sandbox, campaign_name="No slash")


# -- campaign/get ----------------------------------------------------------------------------


def test_campaign_get_shows_the_one_campaign_of_the_default_scenario(pristine):
    body = CAMPAIGNS.get(pristine)
    assert body["code"] == 0
    (campaign,) = body["data"]["list"]
    assert set(campaign) == CAMPAIGN_KEYS
    assert campaign["advertiser_id"] == pristine.advertiser_id
    assert (campaign["objective_type"], campaign["operation_status"]) == ("TRAFFIC", "ENABLE")
    assert (campaign["budget_mode"], campaign["budget"]) == ("BUDGET_MODE_DAY", 100)
    assert body["data"]["page_info"] == {
        "page": 1,
        "page_size": 10,
        "total_number": 1,
        "total_page": 1,
    }


def test_campaign_get_writes_times_as_utc_text(mockads_sandbox):
    now = freeze(mockads_sandbox)
    CAMPAIGNS.new_id(mockads_sandbox)
    for campaign in CAMPAIGNS.listed(mockads_sandbox):
        assert TIME.fullmatch(campaign["create_time"]), campaign
        assert TIME.fullmatch(campaign["modify_time"]), campaign
        assert campaign["create_time"] <= campaign["modify_time"] <= utc_text(now)


def test_campaign_get_returns_only_the_fields_asked_for(pristine):
    body = CAMPAIGNS.get(pristine, fields=["campaign_id", "campaign_name", "modify_time"])
    (campaign,) = body["data"]["list"]
    assert set(campaign) == {"campaign_id", "campaign_name", "modify_time"}
    assert campaign["campaign_name"] == CAMPAIGNS.seeded(pristine)["campaign_name"]


@pytest.mark.parametrize("fields", [["campaign_id", "adgroup_id"], ["CAMPAIGN_ID"]])
def test_campaign_get_refuses_an_unknown_field(pristine, fields):
    body = CAMPAIGNS.get(pristine, fields=fields)
    assert_error(body, 40002, f"fields.{len(fields) - 1}")


def test_campaign_get_filters_by_campaign_ids(mockads_sandbox):
    wanted = [CAMPAIGNS.new_id(mockads_sandbox), CAMPAIGNS.new_id(mockads_sandbox)]
    CAMPAIGNS.new_id(mockads_sandbox)
    assert sorted(
        c["campaign_id"] for c in CAMPAIGNS.listed(mockads_sandbox, campaign_ids=wanted)
    ) == (sorted(wanted))


def test_campaign_get_filters_by_a_part_of_the_name_in_any_case(mockads_sandbox):
    wanted = CAMPAIGNS.new_id(mockads_sandbox, campaign_name="Black Friday 2026")
    CAMPAIGNS.new_id(mockads_sandbox, campaign_name="Cyber Monday 2026")
    assert [
        c["campaign_id"] for c in CAMPAIGNS.listed(mockads_sandbox, campaign_name="friday")
    ] == [wanted]


def test_campaign_get_filters_by_objective_type(mockads_sandbox):
    wanted = CAMPAIGNS.new_id(mockads_sandbox, objective_type="APP_PROMOTION")
    CAMPAIGNS.new_id(mockads_sandbox, objective_type="REACH")
    found = CAMPAIGNS.listed(mockads_sandbox, objective_type="APP_PROMOTION")
    assert [c["campaign_id"] for c in found] == [wanted]


def test_campaign_get_filters_by_primary_status(mockads_sandbox):
    names = {CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]: "seeded"}
    for status in ("enabled", "disabled", "deleted"):
        names[CAMPAIGNS.new_id(mockads_sandbox, campaign_name=status)] = status
    by_name = {n: i for i, n in names.items()}
    CAMPAIGNS.set_status(mockads_sandbox, [by_name["deleted"]], "DELETE")
    CAMPAIGNS.set_status(mockads_sandbox, [by_name["disabled"]], "DISABLE")
    expected = {
        "STATUS_ALL": {"seeded", "enabled", "disabled", "deleted"},
        "STATUS_NOT_DELETE": {"seeded", "enabled", "disabled"},
        "STATUS_DELETE": {"deleted"},
        "STATUS_ENABLE": {"seeded", "enabled"},
        "STATUS_DISABLE": {"disabled"},
    }
    for primary_status, wanted in expected.items():
        found = CAMPAIGNS.listed(mockads_sandbox, primary_status=primary_status)
        assert {names[c["campaign_id"]] for c in found} == wanted, primary_status


def test_campaign_get_leaves_deleted_campaigns_out_by_default(mockads_sandbox):
    deleted = CAMPAIGNS.new_id(mockads_sandbox)
    CAMPAIGNS.set_status(mockads_sandbox, [deleted], "DELETE")
    body = CAMPAIGNS.get(mockads_sandbox, filtering={"campaign_ids": [deleted]})
    assert body["data"]["list"] == []
    assert body["data"]["page_info"]["total_number"] == 0


@pytest.mark.parametrize(
    ("filtering", "field"),
    [
        ('{"campaign_ids": ["1"]', "filtering"),
        ("campaign_ids=1", "filtering"),
        ('{"primary_status": "STATUS_PAUSED"}', "filtering.primary_status"),
        ('{"objective_type": "SALES"}', "filtering.objective_type"),
        ('{"campaign_ids": ["abc"]}', "filtering.campaign_ids.0"),
    ],
)
def test_campaign_get_refuses_a_malformed_filtering(pristine, filtering, field):
    assert_error(CAMPAIGNS.get(pristine, filtering=filtering), 40002, field)


def test_campaign_get_reads_json_with_spaces_and_newlines(mockads_sandbox):
    wanted = CAMPAIGNS.new_id(mockads_sandbox)
    body = CAMPAIGNS.get(
        mockads_sandbox,
        fields='[\n  "campaign_id",\n  "campaign_name"\n]',
        filtering=f'{{\n  "campaign_ids" : [ "{wanted}" ],\n  "primary_status": "STATUS_ALL"\n}}',
    )
    assert [c["campaign_id"] for c in body["data"]["list"]] == [wanted]


def test_campaign_get_accepts_a_page_size_of_1000(pristine):
    body = CAMPAIGNS.get(pristine, page_size=1000)
    assert body["code"] == 0
    assert body["data"]["page_info"]["page_size"] == 1000


@pytest.mark.parametrize(("name", "value"), [("page_size", 1001), ("page_size", 0), ("page", 0)])
def test_campaign_get_refuses_a_page_out_of_range(pristine, name, value):
    assert_error(CAMPAIGNS.get(pristine, **{name: value}), 40002, name)


def test_campaign_get_answers_a_page_beyond_the_end_with_an_empty_list(mockads_sandbox):
    for _ in range(2):
        CAMPAIGNS.new_id(mockads_sandbox)
    body = CAMPAIGNS.get(mockads_sandbox, page=3, page_size=2)
    assert body["code"] == 0
    assert body["data"]["list"] == []
    assert body["data"]["page_info"] == {
        "page": 3,
        "page_size": 2,
        "total_number": 3,
        "total_page": 2,
    }


def test_campaign_get_probed_with_page_size_1_counts_every_campaign(mockads_sandbox):
    for _ in range(3):
        CAMPAIGNS.new_id(mockads_sandbox)
    data = CAMPAIGNS.get(mockads_sandbox, page_size=1)["data"]
    assert len(data["list"]) == 1
    assert data["page_info"]["total_number"] == data["page_info"]["total_page"] == 4


def test_campaign_get_paged_until_a_short_page_shows_each_campaign_once(mockads_sandbox):
    freeze(mockads_sandbox)  # campaigns made in the same second must still page in one order
    made = {CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]}
    made |= {CAMPAIGNS.new_id(mockads_sandbox) for _ in range(4)}
    seen, page = [], 1
    while True:
        data = CAMPAIGNS.get(mockads_sandbox, page=page, page_size=2)["data"]
        seen += [c["campaign_id"] for c in data["list"]]
        if len(data["list"]) < 2:
            break
        page += 1
    assert page == 3
    assert sorted(seen) == sorted(made)


def test_campaign_get_ignores_a_json_body(pristine):
    response = pristine.client.get(
        f"{MIRROR}/campaign/get/",
        query_string={"advertiser_id": pristine.advertiser_id, "page_size": 1000},
        data="{}",
        headers={"Access-Token": pristine.access_token, "Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert response.get_json()["data"]["list"] == CAMPAIGNS.listed(pristine)


def test_campaign_get_accepts_a_path_without_the_trailing_slash(pristine):
    response = pristine.client.get(
        f"{MIRROR}/campaign/get",
        query_string={"advertiser_id": pristine.advertiser_id, "page_size": 1000},
        headers={"Access-Token": pristine.access_token},
    )
    assert response.get_json()["data"]["list"] == CAMPAIGNS.listed(pristine)


def test_campaign_get_refuses_an_advertiser_of_another_sandbox(pristine, foreign):
    body = pristine.get("campaign/get/", advertiser_id=foreign.advertiser_id)
    assert_error(body, 40001, "advertiser_id")


def test_campaign_get_does_not_show_campaigns_of_another_sandbox(pristine, foreign):
    theirs = CAMPAIGNS.seeded(foreign)["campaign_id"]
    assert CAMPAIGNS.listed(pristine, campaign_ids=[theirs], **ALL) == []


# -- campaign/update -------------------------------------------------------------------------


def test_campaign_update_renames_a_campaign(mockads_sandbox):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    body = CAMPAIGNS.update(mockads_sandbox, campaign_id, campaign_name="Renamed")
    assert body["code"] == 0
    assert body["data"]["campaign_name"] == "Renamed"
    assert CAMPAIGNS.one(mockads_sandbox, campaign_id) == body["data"]


def test_campaign_update_keeps_a_campaign_s_own_name(mockads_sandbox):
    campaign = CAMPAIGNS.seeded(mockads_sandbox)
    name = campaign["campaign_name"]
    body = CAMPAIGNS.update(mockads_sandbox, campaign["campaign_id"], campaign_name=name)
    assert (body["code"], body["data"]["campaign_name"]) == (0, name)


def test_campaign_update_refuses_a_name_another_campaign_uses(mockads_sandbox):
    taken = CAMPAIGNS.seeded(mockads_sandbox)["campaign_name"]
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox)
    with unchanged(mockads_sandbox):
        body = CAMPAIGNS.update(mockads_sandbox, campaign_id, campaign_name=taken)
    assert_error(body, 40002, "campaign_name")


def test_campaign_update_changes_the_budget(mockads_sandbox):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    assert CAMPAIGNS.update(mockads_sandbox, campaign_id, budget=250.5)["code"] == 0
    campaign = CAMPAIGNS.one(mockads_sandbox, campaign_id)
    assert (campaign["budget_mode"], campaign["budget"]) == ("BUDGET_MODE_DAY", 250.5)


def test_campaign_update_refuses_a_budget_below_the_minimum(pristine):
    campaign_id = CAMPAIGNS.seeded(pristine)["campaign_id"]
    with unchanged(pristine):
        assert_error(CAMPAIGNS.update(pristine, campaign_id, budget=49), 40002, "budget")


def test_campaign_update_makes_a_budget_infinite(mockads_sandbox):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    CAMPAIGNS.update(mockads_sandbox, campaign_id, budget_mode="BUDGET_MODE_INFINITE")
    campaign = CAMPAIGNS.one(mockads_sandbox, campaign_id)
    assert (campaign["budget_mode"], campaign["budget"]) == ("BUDGET_MODE_INFINITE", 0)


def test_campaign_update_requires_a_budget_when_limiting_an_infinite_one(mockads_sandbox):
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox)
    with unchanged(mockads_sandbox):
        body = CAMPAIGNS.update(mockads_sandbox, campaign_id, budget_mode="BUDGET_MODE_TOTAL")
    assert_error(body, 40002, "budget")


def test_campaign_update_moves_modify_time_with_the_sandbox_clock(mockads_sandbox):
    now = freeze(mockads_sandbox)
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox)
    mockads_sandbox.control("POST", "/clock", {"advance_seconds": 3600})
    CAMPAIGNS.update(mockads_sandbox, campaign_id, campaign_name="An hour later")
    campaign = CAMPAIGNS.one(mockads_sandbox, campaign_id)
    assert campaign["create_time"] == utc_text(now)
    assert campaign["modify_time"] == utc_text(now + 3600)


def test_campaign_update_refuses_an_unknown_campaign(pristine):
    with unchanged(pristine):
        body = CAMPAIGNS.update(pristine, "7000000000000000001", campaign_name="Ghost")
    assert_error(body, 40700)
    assert "7000000000000000001" in body["message"]


def test_campaign_update_refuses_a_campaign_of_another_sandbox(pristine, foreign):
    theirs = CAMPAIGNS.seeded(foreign)["campaign_id"]
    with unchanged(pristine), unchanged(foreign):
        assert_error(CAMPAIGNS.update(pristine, theirs, campaign_name="Taken over"), 40700)


def test_campaign_update_refuses_an_advertiser_of_another_sandbox(pristine, foreign):
    theirs = CAMPAIGNS.seeded(foreign)["campaign_id"]
    with unchanged(pristine), unchanged(foreign):
        body = CAMPAIGNS.update(
            pristine, theirs, advertiser_id=foreign.advertiser_id, campaign_name="X"
        )
    assert_error(body, 40001, "advertiser_id")


def test_campaign_update_refuses_a_deleted_campaign(mockads_sandbox):
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox)
    CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], "DELETE")
    with unchanged(mockads_sandbox):
        assert_error(CAMPAIGNS.update(mockads_sandbox, campaign_id, campaign_name="Back"), 40700)


@pytest.mark.parametrize("campaign_id", [None, "abc"])
def test_campaign_update_requires_a_campaign_id_of_digits(pristine, campaign_id):
    body = {"advertiser_id": pristine.advertiser_id, "campaign_name": "X"}
    if campaign_id is not None:
        body["campaign_id"] = campaign_id
    with unchanged(pristine):
        assert_error(pristine.post("campaign/update/", body), 40002, "campaign_id")


# -- campaign/status/update ------------------------------------------------------------------


def test_campaign_status_update_answers_the_ids_and_the_new_status(mockads_sandbox):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    body = CAMPAIGNS.set_status(mockads_sandbox, [campaign_id, campaign_id], "DISABLE")
    assert body["code"] == 0
    assert body["data"] == {"campaign_ids": [campaign_id], "status": "DISABLE"}


@pytest.mark.parametrize("status", ["DISABLE", "DELETE"])
def test_campaign_status_update_sets_the_status_and_the_secondary_status(mockads_sandbox, status):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], status)
    campaign = CAMPAIGNS.one(mockads_sandbox, campaign_id)
    assert (campaign["operation_status"], campaign["secondary_status"]) == (
        status,
        f"CAMPAIGN_STATUS_{status}",
    )


def test_campaign_status_update_enables_a_disabled_campaign(mockads_sandbox):
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox, operation_status="DISABLE")
    assert CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], "ENABLE")["code"] == 0
    campaign = CAMPAIGNS.one(mockads_sandbox, campaign_id)
    assert (campaign["operation_status"], campaign["secondary_status"]) == (
        "ENABLE",
        "CAMPAIGN_STATUS_ENABLE",
    )


def test_campaign_status_update_changes_several_campaigns_at_once(mockads_sandbox):
    ids = [CAMPAIGNS.new_id(mockads_sandbox) for _ in range(3)]
    CAMPAIGNS.set_status(mockads_sandbox, ids, "DISABLE")
    assert {c["operation_status"] for c in CAMPAIGNS.listed(mockads_sandbox, campaign_ids=ids)} == {
        "DISABLE"
    }


def test_campaign_status_update_moves_modify_time(mockads_sandbox):
    now = freeze(mockads_sandbox)
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], "DISABLE")
    assert CAMPAIGNS.one(mockads_sandbox, campaign_id)["modify_time"] == utc_text(now)


def test_campaign_status_update_delete_hides_the_campaign_from_a_default_get(mockads_sandbox):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], "DELETE")
    assert CAMPAIGNS.listed(mockads_sandbox) == []
    (deleted,) = CAMPAIGNS.listed(mockads_sandbox, primary_status="STATUS_DELETE")
    assert deleted["campaign_id"] == campaign_id


def test_campaign_status_update_delete_deletes_the_campaign_s_ad_groups(mockads_sandbox):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    (adgroup,) = ADGROUPS.listed(mockads_sandbox, campaign_ids=[campaign_id])
    CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], "DELETE")
    assert ADGROUPS.listed(mockads_sandbox, campaign_ids=[campaign_id]) == []
    (deleted,) = ADGROUPS.listed(mockads_sandbox, primary_status="STATUS_DELETE")
    assert deleted["adgroup_id"] == adgroup["adgroup_id"]
    assert (deleted["operation_status"], deleted["secondary_status"]) == (
        "DELETE",
        "ADGROUP_STATUS_DELETE",
    )


def test_campaign_status_update_delete_leaves_ad_groups_deleted_before_alone(mockads_sandbox):
    freeze(mockads_sandbox)
    (adgroup,) = ADGROUPS.listed(mockads_sandbox)
    deleted = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "adgroup_ids": [adgroup["adgroup_id"]],
        "operation_status": "DELETE",
    }
    assert mockads_sandbox.post("adgroup/status/update/", deleted)["code"] == 0
    before = ADGROUPS.listed(mockads_sandbox, primary_status="STATUS_DELETE")
    mockads_sandbox.control("POST", "/clock", {"advance_seconds": 3600})
    CAMPAIGNS.set_status(mockads_sandbox, [adgroup["campaign_id"]], "DELETE")
    assert ADGROUPS.listed(mockads_sandbox, primary_status="STATUS_DELETE") == before


def test_campaign_status_update_delete_leaves_other_campaigns_ad_groups(mockads_sandbox):
    seeded = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    CAMPAIGNS.set_status(mockads_sandbox, [CAMPAIGNS.new_id(mockads_sandbox)], "DELETE")
    assert [a["campaign_id"] for a in ADGROUPS.listed(mockads_sandbox)] == [seeded]


def test_campaign_status_update_disable_keeps_ad_groups_enabled(mockads_sandbox):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], "DISABLE")
    (adgroup,) = ADGROUPS.listed(mockads_sandbox)
    assert adgroup["operation_status"] == "ENABLE"


def test_campaign_status_update_cannot_re_enable_a_deleted_campaign(mockads_sandbox):
    campaign_id = CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"]
    CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], "DELETE")
    with unchanged(mockads_sandbox):
        for status in ("ENABLE", "DISABLE", "DELETE"):
            body = CAMPAIGNS.set_status(mockads_sandbox, [campaign_id], status)
            assert_error(body, 40700)
            assert campaign_id in body["message"]


def test_campaign_status_update_changes_nothing_when_one_id_is_unknown(mockads_sandbox):
    ids = [
        CAMPAIGNS.new_id(mockads_sandbox),
        "7000000000000000001",
        CAMPAIGNS.new_id(mockads_sandbox),
    ]
    with unchanged(mockads_sandbox):
        body = CAMPAIGNS.set_status(mockads_sandbox, ids, "DISABLE")
    assert_error(body, 40700)


def test_campaign_status_update_changes_nothing_when_one_campaign_is_deleted(mockads_sandbox):
    deleted = CAMPAIGNS.new_id(mockads_sandbox)
    CAMPAIGNS.set_status(mockads_sandbox, [deleted], "DELETE")
    ids = [CAMPAIGNS.seeded(mockads_sandbox)["campaign_id"], deleted]
    with unchanged(mockads_sandbox):
        assert_error(CAMPAIGNS.set_status(mockads_sandbox, ids, "DELETE"), 40700)


def test_campaign_status_update_changes_nothing_when_one_id_is_another_sandbox_s(pristine, foreign):
    ids = [CAMPAIGNS.seeded(pristine)["campaign_id"], CAMPAIGNS.seeded(foreign)["campaign_id"]]
    with unchanged(pristine), unchanged(foreign):
        assert_error(CAMPAIGNS.set_status(pristine, ids, "DELETE"), 40700)


@pytest.mark.parametrize("count", [0, 101])
def test_campaign_status_update_takes_1_to_100_ids(pristine, count):
    ids = [str(7_000_000_000_000_000_000 + n) for n in range(count)]
    with unchanged(pristine):
        assert_error(CAMPAIGNS.set_status(pristine, ids, "DISABLE"), 40002, "campaign_ids")


def test_campaign_status_update_refuses_an_unknown_status(pristine):
    campaign_id = CAMPAIGNS.seeded(pristine)["campaign_id"]
    with unchanged(pristine):
        body = CAMPAIGNS.set_status(pristine, [campaign_id], "PAUSE")
    assert_error(body, 40002, "operation_status")


def test_campaign_status_update_refuses_an_advertiser_of_another_sandbox(pristine, foreign):
    ids = [CAMPAIGNS.seeded(foreign)["campaign_id"]]
    body = {
        "advertiser_id": foreign.advertiser_id,
        "campaign_ids": ids,
        "operation_status": "DELETE",
    }
    with unchanged(foreign):
        assert_error(pristine.post("campaign/status/update/", body), 40001)


def test_campaign_status_update_body_is_read_as_json(pristine):
    response = pristine.client.post(
        f"{MIRROR}/campaign/status/update/",
        data=json.dumps({"advertiser_id": pristine.advertiser_id}) + "}",
        headers={"Access-Token": pristine.access_token, "Content-Type": "application/json"},
    )
    assert_error(response.get_json(), 40002, "body")


def test_campaign_update_refuses_a_budget_for_an_unlimited_campaign(mockads_sandbox):
    campaign_id = CAMPAIGNS.new_id(mockads_sandbox)  # BUDGET_MODE_INFINITE by default
    with unchanged(mockads_sandbox):
        body = CAMPAIGNS.update(mockads_sandbox, campaign_id, budget=80)
    assert_error(body, 40002, "budget")
