"""`bc/get/`: the Business Centers a token reaches, in the real shape, paged."""

from __future__ import annotations

import pytest

from mockads.testing import CONTROL, MIRROR, Sandbox
from tests.api.ads_helpers import refusal
from tests.api.lifecycle_helpers import unchanged

AGENCY = pytest.mark.mockads(scenario="agency", seed=1)
UNKNOWN_BC = "7000000000000000077"


def _bcs(sandbox: Sandbox, **params):
    body = sandbox.get("bc/get/", **params)
    assert body["code"] == 0, body
    return body["data"]


def _sandbox_of(client, scenario: str, seed: int = 1) -> Sandbox:
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": scenario, "seed": seed})
    assert response.status_code == 201, response.get_json()
    return Sandbox(client, response.get_json())


@pytest.fixture
def edge_cases(client):
    sandbox = _sandbox_of(client, "edge-cases")
    yield sandbox
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


@AGENCY
def test_bc_get_lists_the_agency_business_center_in_the_real_shape(mockads_sandbox):
    data = _bcs(mockads_sandbox)
    (bc,) = data["list"]
    assert list(bc) == ["bc_info", "user_role", "ext_user_role"]
    assert set(bc["bc_info"]) == {
        "bc_id",
        "name",
        "company",
        "currency",
        "registered_area",
        "status",
        "timezone",
        "type",
    }
    assert (bc["bc_info"]["type"], bc["bc_info"]["status"]) == ("AGENCY", "ENABLE")
    assert (bc["user_role"], bc["ext_user_role"]) == ("ADMIN", {"finance_role": "MANAGER"})
    assert data["page_info"] == {"page": 1, "page_size": 10, "total_number": 1, "total_page": 1}


@AGENCY
def test_bc_get_names_the_business_center_the_bc_auth_tt_identities_are_authorized_to(
    mockads_sandbox,
):
    (bc,) = _bcs(mockads_sandbox)["list"]
    for advertiser_id in mockads_sandbox.summary["advertiser_ids"]:
        body = mockads_sandbox.get(
            "identity/get/", advertiser_id=advertiser_id, identity_type="BC_AUTH_TT"
        )
        listed = {i["identity_authorized_bc_id"] for i in body["data"]["identity_list"]}
        assert listed == {bc["bc_info"]["bc_id"]}


@AGENCY
def test_bc_get_with_the_business_centers_id_returns_it(mockads_sandbox):
    (bc,) = _bcs(mockads_sandbox)["list"]
    bc_id = bc["bc_info"]["bc_id"]
    assert _bcs(mockads_sandbox, bc_id=bc_id)["list"] == [bc]


@AGENCY
def test_bc_get_with_a_business_center_the_token_does_not_reach_is_an_empty_list(
    mockads_sandbox,
):
    data = _bcs(mockads_sandbox, bc_id=UNKNOWN_BC)
    assert data["list"] == []
    assert data["page_info"]["total_number"] == 0


@AGENCY
def test_bc_get_pages_through_the_list(mockads_sandbox):
    first = _bcs(mockads_sandbox, page=1, page_size=1)
    assert len(first["list"]) == 1
    assert first["page_info"] == {"page": 1, "page_size": 1, "total_number": 1, "total_page": 1}
    beyond = _bcs(mockads_sandbox, page=2, page_size=1)
    assert beyond["list"] == []
    assert beyond["page_info"] == {"page": 2, "page_size": 1, "total_number": 1, "total_page": 1}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page_size": 51}, "page_size: "),
        ({"page_size": 0}, "page_size: "),
        ({"page": 0}, "page: "),
        ({"page": "one"}, "page: "),
        ({"bc_id": "not-an-id"}, "bc_id: "),
    ],
)
@AGENCY
def test_bc_get_refuses_bad_parameters(mockads_sandbox, params, message):
    with unchanged(mockads_sandbox):
        refusal(mockads_sandbox.get("bc/get/", **params), 40002, message)


@pytest.mark.parametrize(("headers", "code"), [({}, 40104), ({"Access-Token": "0" * 40}, 40105)])
def test_bc_get_needs_a_known_access_token(client, headers, code):
    body = client.get(f"{MIRROR}/bc/get/", headers=headers).get_json()
    assert body["code"] == code


def test_a_default_sandbox_sees_the_business_center_of_its_bc_authorized_account(
    mockads_sandbox,
):
    # Its BC_AUTH_TT identity is authorized to a Business Center that owns its ad account,
    # so the token reaches that Business Center, as an agency's does.
    (bc,) = _bcs(mockads_sandbox)["list"]
    (identity,) = mockads_sandbox.get(
        "identity/get/", advertiser_id=mockads_sandbox.advertiser_id, identity_type="BC_AUTH_TT"
    )["data"]["identity_list"]
    assert bc["bc_info"]["bc_id"] == identity["identity_authorized_bc_id"]
    assert bc["bc_info"]["type"] == "NORMAL"
    assert mockads_sandbox.summary["business_centers"] == [
        {
            "bc_id": bc["bc_info"]["bc_id"],
            "name": bc["bc_info"]["name"],
            "advertiser_ids": [mockads_sandbox.advertiser_id],
        }
    ]


def test_a_sandbox_without_bc_authorized_accounts_reaches_no_business_center(edge_cases):
    data = _bcs(edge_cases)
    assert data["list"] == []
    assert data["page_info"] == {"page": 1, "page_size": 10, "total_number": 0, "total_page": 0}
    assert edge_cases.summary["business_centers"] == []


@AGENCY
def test_another_sandboxs_token_cannot_see_the_agency_business_center(
    mockads_sandbox, other_sandbox
):
    (agency_bc,) = _bcs(mockads_sandbox)["list"]
    bc_id = agency_bc["bc_info"]["bc_id"]
    assert bc_id not in {b["bc_info"]["bc_id"] for b in _bcs(other_sandbox)["list"]}
    assert _bcs(other_sandbox, bc_id=bc_id)["list"] == []
