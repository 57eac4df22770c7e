"""`identity/get/`: the identities an advertiser can run ads as."""

from __future__ import annotations

import pytest

from tests.api.helpers import ready_code

IDENTITY_KEYS = {
    "identity_id",
    "identity_type",
    "display_name",
    "profile_image",
    "can_push_video",
    "can_pull_video",
    "can_use_live_ads",
    "identity_authorized_bc_id",
}


def _identities(sandbox, **params):
    body = sandbox.get("identity/get/", advertiser_id=sandbox.advertiser_id, **params)
    assert body["code"] == 0, body
    return body["data"]


def _linked_creators(sandbox) -> set[str]:
    """Display names of the creators whose posts the scenario links."""
    names = {c["handle"]: c["display_name"] for c in sandbox.summary["creators"]}
    return {names[c["creator_handle"]] for c in sandbox.summary["sample_codes"] if c["linked"]}


def test_identity_get_returns_the_brand_account_as_tt_user(mockads_sandbox):
    identities = _identities(mockads_sandbox)["identity_list"]
    (brand,) = [i for i in identities if i["identity_type"] == "TT_USER"]
    expected = next(
        i for i in mockads_sandbox.summary["identities"] if i["identity_type"] == "TT_USER"
    )
    assert brand["identity_id"] == expected["identity_id"]
    assert brand["display_name"] == expected["display_name"]
    assert (brand["can_push_video"], brand["can_pull_video"]) == (True, True)


def test_identity_get_returns_the_custom_identity_as_customized_user(mockads_sandbox):
    identities = _identities(mockads_sandbox)["identity_list"]
    (custom,) = [i for i in identities if i["identity_type"] == "CUSTOMIZED_USER"]
    assert custom["can_push_video"] is False
    assert custom["profile_image"].startswith("https://")


def test_identity_get_returns_an_auth_code_identity_per_linked_creator(mockads_sandbox):
    identities = _identities(mockads_sandbox)["identity_list"]
    auth_code = [i for i in identities if i["identity_type"] == "AUTH_CODE"]
    assert {i["display_name"] for i in auth_code} == _linked_creators(mockads_sandbox)
    assert all(i["can_push_video"] is False for i in auth_code)


def test_identity_get_adds_the_creator_of_a_newly_linked_post(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    handle = next(
        c["creator_handle"]
        for c in mockads_sandbox.summary["sample_codes"]
        if c["auth_code"] == code
    )
    name = next(
        c["display_name"] for c in mockads_sandbox.summary["creators"] if c["handle"] == handle
    )
    body = mockads_sandbox.post(
        "tt_video/authorize/", {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": code}
    )
    assert body["code"] == 0
    listed = _identities(mockads_sandbox, identity_type="AUTH_CODE")["identity_list"]
    assert {i["display_name"] for i in listed} == _linked_creators(mockads_sandbox) | {name}


def test_identity_get_returns_identities_with_the_api_fields(mockads_sandbox):
    for identity in _identities(mockads_sandbox)["identity_list"]:
        assert set(identity) == IDENTITY_KEYS
        assert isinstance(identity["identity_id"], str)


@pytest.mark.parametrize("identity_type", ["TT_USER", "CUSTOMIZED_USER", "AUTH_CODE", "BC_AUTH_TT"])
def test_identity_get_filters_by_identity_type(mockads_sandbox, identity_type):
    every = _identities(mockads_sandbox)["identity_list"]
    filtered = _identities(mockads_sandbox, identity_type=identity_type)
    expected = [i for i in every if i["identity_type"] == identity_type]
    assert filtered["identity_list"] == expected
    assert filtered["page_info"]["total_number"] == len(expected)


def test_identity_get_refuses_an_unknown_identity_type(mockads_sandbox):
    body = mockads_sandbox.get(
        "identity/get/", advertiser_id=mockads_sandbox.advertiser_id, identity_type="TIKTOK"
    )
    assert body["code"] == 40002
    assert body["message"].startswith("identity_type: Must be one of:")


def test_identity_get_pages_through_the_list(mockads_sandbox):
    every = _identities(mockads_sandbox)["identity_list"]
    pages = [_identities(mockads_sandbox, page=n, page_size=1) for n in range(1, len(every) + 2)]
    assert [i for p in pages for i in p["identity_list"]] == every
    assert pages[-1]["identity_list"] == []
    assert pages[1]["page_info"] == {
        "page": 2,
        "page_size": 1,
        "total_number": len(every),
        "total_page": len(every),
    }


def test_identity_get_page_info_defaults_to_page_1_of_20(mockads_sandbox):
    data = _identities(mockads_sandbox)
    assert data["page_info"] == {
        "page": 1,
        "page_size": 20,
        "total_number": len(data["identity_list"]),
        "total_page": 1,
    }


def test_identity_get_refuses_page_0(mockads_sandbox):
    body = mockads_sandbox.get("identity/get/", advertiser_id=mockads_sandbox.advertiser_id, page=0)
    assert body["code"] == 40002
    assert body["message"].startswith("page: ")


def test_identity_get_refuses_page_size_over_50(mockads_sandbox):
    body = mockads_sandbox.get(
        "identity/get/", advertiser_id=mockads_sandbox.advertiser_id, page_size=51
    )
    assert body["code"] == 40002
    assert body["message"].startswith("page_size: ")


def test_identity_get_refuses_an_advertiser_out_of_reach(mockads_sandbox):
    body = mockads_sandbox.get("identity/get/", advertiser_id="7000000000000000000")
    assert body["code"] == 40001
    assert body["message"].startswith("advertiser_id: no permission")
