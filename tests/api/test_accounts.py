"""`oauth2/advertiser/get/` and `advertiser/info/`."""

from __future__ import annotations

import pytest

from mockads.schemas.accounts import ADVERTISER_FIELDS


def _info(sandbox, **params):
    return sandbox.get("advertiser/info/", advertiser_ids=[sandbox.advertiser_id], **params)


def test_oauth2_advertiser_get_lists_the_advertisers_the_token_reaches(mockads_sandbox):
    app = mockads_sandbox.app()
    body = mockads_sandbox.get("oauth2/advertiser/get/", app_id=app["app_id"], secret=app["secret"])
    assert body["code"] == 0
    assert body["data"] == {
        "list": [
            {
                "advertiser_id": mockads_sandbox.advertiser_id,
                "advertiser_name": _info(mockads_sandbox)["data"]["list"][0]["name"],
            }
        ]
    }


@pytest.mark.parametrize("missing", ["app_id", "secret"])
def test_oauth2_advertiser_get_requires_app_id_and_secret(mockads_sandbox, missing):
    params = {"app_id": "7000000000", "secret": "s3cr3t"}
    del params[missing]
    body = mockads_sandbox.get("oauth2/advertiser/get/", **params)
    assert body["code"] == 40002
    assert body["message"] == f"{missing}: Missing data for required field."


def test_advertiser_info_returns_every_field_without_a_selection(mockads_sandbox):
    body = _info(mockads_sandbox)
    assert body["code"] == 0
    (advertiser,) = body["data"]["list"]
    assert list(advertiser) == list(ADVERTISER_FIELDS)
    assert advertiser["advertiser_id"] == mockads_sandbox.advertiser_id


def test_advertiser_info_returns_create_time_as_unix_seconds(mockads_sandbox):
    (advertiser,) = _info(mockads_sandbox)["data"]["list"]
    assert isinstance(advertiser["create_time"], int)
    created_at = mockads_sandbox.summary["clock"]["now_unix"]
    assert advertiser["create_time"] < created_at


def test_advertiser_info_returns_each_value_under_its_own_field(mockads_sandbox):
    (advertiser,) = _info(mockads_sandbox)["data"]["list"]
    assert isinstance(advertiser["balance"], float)
    assert "@" in advertiser["email"]
    assert advertiser["advertiser_account_type"] == "AUCTION"
    assert advertiser["currency"] == "USD"


def test_advertiser_info_returns_the_selected_fields_only(mockads_sandbox):
    body = _info(mockads_sandbox, fields=["advertiser_id", "name", "create_time"])
    assert body["code"] == 0
    (advertiser,) = body["data"]["list"]
    assert list(advertiser) == ["advertiser_id", "name", "create_time"]
    assert advertiser["name"].endswith(" Ads")


def test_advertiser_info_refuses_an_unknown_field(mockads_sandbox):
    body = _info(mockads_sandbox, fields=["advertiser_id", "no_such_field"])
    assert body["code"] == 40002
    assert body["message"].startswith("fields.1: Must be one of: advertiser_id, name,")


def test_advertiser_info_requires_advertiser_ids(mockads_sandbox):
    body = mockads_sandbox.get("advertiser/info/")
    assert body["code"] == 40002
    assert body["message"] == "advertiser_ids: Missing data for required field."


def test_advertiser_info_refuses_advertiser_ids_that_are_not_json(mockads_sandbox):
    body = mockads_sandbox.get(
        "advertiser/info/", advertiser_ids=mockads_sandbox.advertiser_id + ","
    )
    assert body["code"] == 40002
    assert body["message"] == "advertiser_ids: Not a valid JSON-encoded list: extra data."


@pytest.mark.parametrize("count", [0, 101])
def test_advertiser_info_refuses_a_number_of_advertiser_ids_out_of_range(mockads_sandbox, count):
    body = mockads_sandbox.get(
        "advertiser/info/", advertiser_ids=[mockads_sandbox.advertiser_id] * count
    )
    assert body["code"] == 40002
    assert body["message"].startswith("advertiser_ids: Length must be between 1 and 100.")


def test_advertiser_info_refuses_an_advertiser_out_of_reach(mockads_sandbox):
    body = mockads_sandbox.get(
        "advertiser/info/", advertiser_ids=[mockads_sandbox.advertiser_id, "7000000000000000000"]
    )
    assert body["code"] == 40001
    assert body["message"].startswith(
        "advertiser_id: no permission to operate on '7000000000000000000'"
    )


def test_advertiser_info_lists_a_repeated_id_once(mockads_sandbox):
    advertiser_id = mockads_sandbox.advertiser_id
    body = mockads_sandbox.get(
        "advertiser/info/", advertiser_ids=[advertiser_id, advertiser_id], fields=["advertiser_id"]
    )
    assert body["data"]["list"] == [{"advertiser_id": advertiser_id}]
