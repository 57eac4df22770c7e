"""The `agency` scenario through the mirror: one token, a Business Center, three ad accounts,
and creators' accounts authorized to the Business Center (BC_AUTH_TT) in every account."""

from __future__ import annotations

from typing import Any

import pytest

from mockads.testing import CONTROL, Sandbox
from tests.api.ads_helpers import advance, refusal, set_policy
from tests.api.lifecycle_helpers import unchanged

pytestmark = pytest.mark.mockads(scenario="agency", seed=1)


def _ok(body: dict[str, Any]) -> dict[str, Any]:
    assert (body["code"], body["message"]) == (0, "OK"), body
    return body["data"]


def _bc_id(sandbox: Sandbox) -> str:
    (bc,) = _ok(sandbox.get("bc/get/"))["list"]
    return bc["bc_info"]["bc_id"]


def _identities(sandbox: Sandbox, advertiser_id: str, **params: Any) -> list[dict[str, Any]]:
    data = _ok(sandbox.get("identity/get/", advertiser_id=advertiser_id, **params))
    return data["identity_list"]


def _second(sandbox: Sandbox) -> str:
    return sandbox.summary["advertiser_ids"][1]


def _bc_account(sandbox: Sandbox, advertiser_id: str) -> dict[str, Any]:
    return _identities(sandbox, advertiser_id, identity_type="BC_AUTH_TT")[0]


def _videos(sandbox: Sandbox, advertiser_id: str, identity: dict[str, Any], **extra: Any):
    params = {
        "advertiser_id": advertiser_id,
        "identity_type": identity["identity_type"],
        "identity_id": identity["identity_id"],
        **extra,
    }
    return sandbox.get("identity/video/get/", **params)


def _adgroup_id(sandbox: Sandbox, advertiser_id: str) -> str:
    return _ok(sandbox.get("adgroup/get/", advertiser_id=advertiser_id))["list"][0]["adgroup_id"]


def _ads(sandbox: Sandbox, advertiser_id: str) -> list[dict[str, Any]]:
    return _ok(sandbox.get("ad/get/", advertiser_id=advertiser_id, page_size=100))["list"]


def _bc_creative(identity: dict[str, Any], item_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "ad_name": "Agency Spark ad",
        "identity_type": "BC_AUTH_TT",
        "identity_id": identity["identity_id"],
        "tiktok_item_id": item_id,
        **fields,
    }


# -- accounts ---------------------------------------------------------------------------------


def test_oauth2_advertiser_get_lists_every_account_of_the_agency(mockads_sandbox):
    app = mockads_sandbox.app()
    data = _ok(
        mockads_sandbox.get("oauth2/advertiser/get/", app_id=app["app_id"], secret=app["secret"])
    )
    listed = [a["advertiser_id"] for a in data["list"]]
    assert len(listed) == 3
    assert listed == mockads_sandbox.summary["advertiser_ids"]


def test_the_business_center_owns_every_account_the_token_reaches(mockads_sandbox):
    (bc,) = mockads_sandbox.summary["business_centers"]
    assert sorted(bc["advertiser_ids"]) == sorted(mockads_sandbox.summary["advertiser_ids"])
    assert bc["bc_id"] == _bc_id(mockads_sandbox)


def test_advertiser_info_shows_each_account_in_its_own_currency_and_time_zone(mockads_sandbox):
    ids = mockads_sandbox.summary["advertiser_ids"]
    data = _ok(mockads_sandbox.get("advertiser/info/", advertiser_ids=ids))
    markets = {(a["country"], a["currency"], a["timezone"]) for a in data["list"]}
    assert markets == {
        ("US", "USD", "America/New_York"),
        ("GB", "GBP", "Europe/London"),
        ("DE", "EUR", "Europe/Berlin"),
    }


# -- identities -------------------------------------------------------------------------------


def test_identity_get_shows_each_account_its_own_brand_and_the_shared_bc_accounts(
    mockads_sandbox,
):
    bc_id = _bc_id(mockads_sandbox)
    brands, bc_accounts = set(), []
    for advertiser_id in mockads_sandbox.summary["advertiser_ids"]:
        found = _identities(mockads_sandbox, advertiser_id)
        kinds = sorted(i["identity_type"] for i in found if i["identity_type"] != "AUTH_CODE")
        assert kinds == ["BC_AUTH_TT", "BC_AUTH_TT", "CUSTOMIZED_USER", "TT_USER"]
        brands |= {i["identity_id"] for i in found if i["identity_type"] == "TT_USER"}
        bc_accounts.append(
            {
                (i["identity_id"], i["identity_authorized_bc_id"])
                for i in found
                if i["identity_type"] == "BC_AUTH_TT"
            }
        )
    assert len(brands) == 3  # each account its own brand
    assert bc_accounts[0] == bc_accounts[1] == bc_accounts[2]  # the same creators in each
    assert {bc for _, bc in bc_accounts[0]} == {bc_id}


def test_identity_get_filters_bc_auth_tt_by_business_center(mockads_sandbox):
    advertiser_id = _second(mockads_sandbox)
    found = _identities(
        mockads_sandbox,
        advertiser_id,
        identity_type="BC_AUTH_TT",
        identity_authorized_bc_id=_bc_id(mockads_sandbox),
    )
    assert len(found) == 2
    assert {i["identity_type"] for i in found} == {"BC_AUTH_TT"}
    other = _identities(
        mockads_sandbox,
        advertiser_id,
        identity_type="BC_AUTH_TT",
        identity_authorized_bc_id="7000000000000000077",
    )
    assert other == []


def test_identity_video_get_of_a_bc_account_works_with_its_business_center(mockads_sandbox):
    advertiser_id = _second(mockads_sandbox)
    identity = _bc_account(mockads_sandbox, advertiser_id)
    body = _videos(
        mockads_sandbox,
        advertiser_id,
        identity,
        identity_authorized_bc_id=identity["identity_authorized_bc_id"],
    )
    assert len(_ok(body)["video_list"]) == 2


@pytest.mark.parametrize("bc_id", [None, "7000000000000000077"], ids=["missing", "wrong"])
def test_identity_video_get_of_a_bc_account_refuses_a_missing_or_wrong_business_center(
    mockads_sandbox, bc_id
):
    advertiser_id = _second(mockads_sandbox)
    identity = _bc_account(mockads_sandbox, advertiser_id)
    extra = {} if bc_id is None else {"identity_authorized_bc_id": bc_id}
    body = _videos(mockads_sandbox, advertiser_id, identity, **extra)
    refusal(body, 40002, "identity_authorized_bc_id: ")


# -- a Spark ad with a BC_AUTH_TT identity on the second account -------------------------------


def test_a_spark_ad_of_a_bc_account_runs_on_the_second_account(mockads_sandbox):
    sandbox, advertiser_id = mockads_sandbox, _second(mockads_sandbox)
    set_policy(sandbox, mode="delayed", delay_seconds=60)
    identity = _bc_account(sandbox, advertiser_id)
    bc_id = identity["identity_authorized_bc_id"]
    post = _ok(_videos(sandbox, advertiser_id, identity, identity_authorized_bc_id=bc_id))[
        "video_list"
    ][0]
    creative = _bc_creative(identity, post["item_id"], identity_authorized_bc_id=bc_id)
    body = sandbox.post(
        "ad/create/",
        {
            "advertiser_id": advertiser_id,
            "adgroup_id": _adgroup_id(sandbox, advertiser_id),
            "creatives": [creative],
        },
    )
    (ad_id,) = _ok(body)["ad_ids"]
    (ad,) = [a for a in _ads(sandbox, advertiser_id) if a["ad_id"] == ad_id]
    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("BC_AUTH_TT", bc_id)
    assert (ad["tiktok_item_id"], ad["ad_text"]) == (post["item_id"], post["text"])
    assert ad["secondary_status"] == "AD_STATUS_REVIEW"
    advance(sandbox, 61)
    (ad,) = [a for a in _ads(sandbox, advertiser_id) if a["ad_id"] == ad_id]
    assert ad["secondary_status"] == "AD_STATUS_DELIVERY_OK"
    first = sandbox.summary["advertiser_ids"][0]
    assert ad_id not in {a["ad_id"] for a in _ads(sandbox, first)}


@pytest.mark.parametrize("bc_id", [None, "7000000000000000077"], ids=["missing", "wrong"])
def test_a_spark_ad_of_a_bc_account_refuses_a_missing_or_wrong_business_center(
    mockads_sandbox, bc_id
):
    sandbox, advertiser_id = mockads_sandbox, _second(mockads_sandbox)
    identity = _bc_account(sandbox, advertiser_id)
    post = _ok(
        _videos(
            sandbox,
            advertiser_id,
            identity,
            identity_authorized_bc_id=identity["identity_authorized_bc_id"],
        )
    )["video_list"][0]
    extra = {} if bc_id is None else {"identity_authorized_bc_id": bc_id}
    body = {
        "advertiser_id": advertiser_id,
        "adgroup_id": _adgroup_id(sandbox, advertiser_id),
        "creatives": [_bc_creative(identity, post["item_id"], **extra)],
    }
    with unchanged(sandbox):
        refusal(sandbox.post("ad/create/", body), 40002, "identity_authorized_bc_id: ")


def test_a_bc_account_of_the_agency_is_no_identity_of_another_sandbox(
    mockads_sandbox, other_sandbox
):
    identity = _bc_account(mockads_sandbox, _second(mockads_sandbox))
    body = _videos(
        other_sandbox,
        other_sandbox.advertiser_id,
        identity,
        identity_authorized_bc_id=identity["identity_authorized_bc_id"],
    )
    refusal(body, 40001, "identity_id: ")


# -- isolation --------------------------------------------------------------------------------


def test_the_agency_token_reaches_none_of_another_sandboxs_accounts(mockads_sandbox, other_sandbox):
    assert set(mockads_sandbox.summary["advertiser_ids"]).isdisjoint(
        other_sandbox.summary["advertiser_ids"]
    )
    for caller, other in [(mockads_sandbox, other_sandbox), (other_sandbox, mockads_sandbox)]:
        for advertiser_id in other.summary["advertiser_ids"]:
            body = caller.get("advertiser/info/", advertiser_ids=[advertiser_id])
            refusal(body, 40001, "advertiser_id: ")


def test_changes_in_the_agency_sandbox_leave_another_agency_sandbox_alone(mockads_sandbox, client):
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "agency", "seed": 1})
    twin = Sandbox(client, response.get_json())
    try:
        assert twin.summary["advertiser_ids"] == mockads_sandbox.summary["advertiser_ids"]
        assert twin.access_token != mockads_sandbox.access_token
        advertiser_id = _second(mockads_sandbox)
        with unchanged(twin):
            identity = _identities(mockads_sandbox, advertiser_id, identity_type="CUSTOMIZED_USER")
            body = mockads_sandbox.post(
                "identity/create/", {"advertiser_id": advertiser_id, "display_name": "Agency"}
            )
            _ok(body)
        assert len(_identities(twin, advertiser_id, identity_type="CUSTOMIZED_USER")) == len(
            identity
        )
    finally:
        client.delete(f"{CONTROL}/sandboxes/{twin.sandbox_id}")
