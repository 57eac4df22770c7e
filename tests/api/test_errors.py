"""Refusals: each answers the real API's envelope and code, and changes nothing."""

from __future__ import annotations

import json

import pytest

from tests.api.helpers import MIRROR, leaves_unchanged, ready_code

AUTHORIZE = f"{MIRROR}/tt_video/authorize/"


@pytest.fixture
def authorize_body(mockads_sandbox):
    """A body that would link a post, were the request otherwise right."""
    return {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "auth_code": ready_code(mockads_sandbox),
    }


def _post(sandbox, body=None, *, token=None, data=None, path=AUTHORIZE):
    headers = {} if token is None else {"Access-Token": token}
    if data is not None:
        return sandbox.client.post(
            path, data=data, content_type="application/json", headers=headers
        )
    return sandbox.client.post(path, json=body, headers=headers)


def _assert_error(response, code, message_start, status=200):
    body = response.get_json()
    assert response.status_code == status
    assert body["code"] == code
    assert body["message"].startswith(message_start), body["message"]
    assert body["data"] == {}


def test_missing_access_token_is_refused_with_40104(mockads_sandbox, authorize_body):
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, authorize_body)
    _assert_error(response, 40104, "Access token is null or empty")


def test_empty_access_token_is_refused_with_40104(mockads_sandbox, authorize_body):
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, authorize_body, token="  ")
    _assert_error(response, 40104, "Access token is null or empty")


def test_unknown_access_token_is_refused_with_40105(mockads_sandbox, authorize_body):
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, authorize_body, token="0" * 40)
    _assert_error(response, 40105, "The access token is invalid or has been revoked.")


def test_bearer_access_token_is_refused_with_40105(mockads_sandbox, authorize_body):
    token = f"Bearer {mockads_sandbox.access_token}"
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, authorize_body, token=token)
    _assert_error(response, 40105, "The access token is invalid")


def test_missing_advertiser_id_is_refused_with_40002(mockads_sandbox, authorize_body):
    del authorize_body["advertiser_id"]
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, authorize_body, token=mockads_sandbox.access_token)
    _assert_error(response, 40002, "advertiser_id: Missing data for required field.")


def test_missing_advertiser_id_on_a_get_is_refused_with_40002(mockads_sandbox):
    with leaves_unchanged(mockads_sandbox):
        body = mockads_sandbox.get("tt_video/list/")
    assert body["code"] == 40002
    assert body["message"] == "advertiser_id: Missing data for required field."


def test_missing_auth_code_is_refused_with_40002(mockads_sandbox, authorize_body):
    del authorize_body["auth_code"]
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, authorize_body, token=mockads_sandbox.access_token)
    _assert_error(response, 40002, "auth_code: Missing data for required field.")


def test_malformed_advertiser_id_is_refused_with_40002(mockads_sandbox, authorize_body):
    authorize_body["advertiser_id"] = "72914-abc"
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, authorize_body, token=mockads_sandbox.access_token)
    _assert_error(response, 40002, "advertiser_id: ")


def test_malformed_json_body_is_refused_with_40002_and_links_nothing(
    mockads_sandbox, authorize_body
):
    data = json.dumps(authorize_body)[:-1]  # the closing brace is missing
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, data=data, token=mockads_sandbox.access_token)
    _assert_error(response, 40002, "body: the request body is not valid JSON:")


def test_json_body_that_is_not_an_object_is_refused_with_40002(mockads_sandbox, authorize_body):
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, [authorize_body], token=mockads_sandbox.access_token)
    _assert_error(response, 40002, "body: the request body must be a JSON object.")


def test_unknown_route_answers_http_404_with_envelope_40002(mockads_sandbox):
    with leaves_unchanged(mockads_sandbox):
        response = mockads_sandbox.client.get(
            f"{MIRROR}/tt_video/nope/", headers={"Access-Token": mockads_sandbox.access_token}
        )
    _assert_error(response, 40002, "path: /open_api/v1.3/tt_video/nope/", status=404)


def test_wrong_method_answers_http_405_with_envelope_40002(mockads_sandbox, authorize_body):
    with leaves_unchanged(mockads_sandbox):
        response = mockads_sandbox.client.put(
            AUTHORIZE, json=authorize_body, headers={"Access-Token": mockads_sandbox.access_token}
        )
    _assert_error(response, 40002, "method: PUT is not allowed here.", status=405)


def test_body_over_1_mib_answers_http_413_with_envelope_40002(mockads_sandbox, authorize_body):
    data = json.dumps({**authorize_body, "pad": "x" * (1 << 20)})
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, data=data, token=mockads_sandbox.access_token)
    _assert_error(response, 40002, "body: the request body exceeds 1048576 bytes.", status=413)


def test_advertiser_id_of_another_sandbox_is_refused_with_40001(
    mockads_sandbox, other_sandbox, authorize_body
):
    authorize_body["advertiser_id"] = other_sandbox.advertiser_id
    with leaves_unchanged(mockads_sandbox), leaves_unchanged(other_sandbox):
        response = _post(mockads_sandbox, authorize_body, token=mockads_sandbox.access_token)
    _assert_error(
        response,
        40001,
        f"advertiser_id: no permission to operate on '{other_sandbox.advertiser_id}'",
    )


def test_invalid_token_outranks_missing_params(mockads_sandbox):
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, {}, token="0" * 40)
    _assert_error(response, 40105, "The access token is invalid")


def test_missing_token_outranks_missing_params_on_a_get(mockads_sandbox):
    response = mockads_sandbox.client.get(f"{MIRROR}/tt_video/info/")
    _assert_error(response, 40104, "Access token is null or empty")


def test_invalid_token_outranks_malformed_json(mockads_sandbox):
    with leaves_unchanged(mockads_sandbox):
        response = _post(mockads_sandbox, data="{not json", token="0" * 40)
    _assert_error(response, 40105, "The access token is invalid")
