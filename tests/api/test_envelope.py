"""Wire conventions every mirror answer follows, whatever the client sends."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from tests.api.helpers import MIRROR, code_item, linked_item_ids, ready_code

REQUEST_ID = re.compile(r"^\d{14}[0-9A-F]{20}$")


def _get(sandbox, path, query=None, **kwargs):
    return sandbox.client.get(
        f"{MIRROR}/{path}",
        query_string=query,
        headers={"Access-Token": sandbox.access_token},
        **kwargs,
    )


@pytest.fixture
def calls(mockads_sandbox):
    """One call of each kind: success, API error, unknown route, wrong method."""
    sandbox = mockads_sandbox
    advertiser = {"advertiser_id": sandbox.advertiser_id}
    return [
        lambda: _get(sandbox, "tt_video/list/", advertiser),
        lambda: _get(sandbox, "tt_video/info/", {**advertiser, "auth_code": "#nope"}),
        lambda: _get(sandbox, "no/such/path/"),
        lambda: sandbox.client.delete(f"{MIRROR}/tt_video/list/"),
        lambda: sandbox.client.get(f"{MIRROR}/tt_video/list/"),
    ]


def test_every_mirror_answer_is_an_envelope(calls):
    for call in calls:
        body = call().get_json()
        assert set(body) == {"code", "message", "request_id", "data"}
        assert isinstance(body["code"], int)
        assert isinstance(body["message"], str) and body["message"]


def test_request_id_is_a_utc_timestamp_and_20_upper_case_hex(calls):
    for call in calls:
        request_id = call().get_json()["request_id"]
        assert REQUEST_ID.fullmatch(request_id), request_id
        stamped = datetime.strptime(request_id[:14], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        assert abs((datetime.now(UTC) - stamped).total_seconds()) < 60


def test_request_id_is_unique_per_call(calls):
    ids = [call().get_json()["request_id"] for call in calls * 5]
    assert len(set(ids)) == len(ids)


def test_x_tt_logid_header_equals_the_request_id(calls):
    for call in calls:
        response = call()
        assert response.headers["X-Tt-Logid"] == response.get_json()["request_id"]


def test_success_answers_code_0_and_message_ok(mockads_sandbox):
    body = mockads_sandbox.get("tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id)
    assert (body["code"], body["message"]) == (0, "OK")


@pytest.mark.parametrize("path", ["tt_video/list/", "tt_video/list"])
def test_get_paths_work_with_and_without_trailing_slash(mockads_sandbox, path):
    response = _get(mockads_sandbox, path, {"advertiser_id": mockads_sandbox.advertiser_id})
    assert response.status_code == 200
    assert response.get_json()["code"] == 0
    assert len(response.get_json()["data"]["list"]) == 2


def test_post_path_works_without_trailing_slash(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    response = mockads_sandbox.client.post(
        f"{MIRROR}/tt_video/authorize",
        json={"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": code},
        headers={"Access-Token": mockads_sandbox.access_token},
    )
    assert (response.status_code, response.get_json()["code"]) == (200, 0)
    assert code_item(mockads_sandbox, code) in linked_item_ids(mockads_sandbox)


def test_unknown_get_params_are_ignored(mockads_sandbox):
    query = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "_": "1795734253000",
        "foo": "bar",
        "filtering": '{"x": 1}',
    }
    body = _get(mockads_sandbox, "tt_video/list/", query).get_json()
    assert body["code"] == 0
    assert len(body["data"]["list"]) == 2


def test_a_json_body_on_a_get_is_ignored(mockads_sandbox):
    response = _get(
        mockads_sandbox, "tt_video/list/", {"advertiser_id": mockads_sandbox.advertiser_id}, json={}
    )
    assert response.get_json()["code"] == 0
    assert len(response.get_json()["data"]["list"]) == 2


def test_a_json_body_on_a_get_does_not_replace_the_query(mockads_sandbox):
    response = _get(
        mockads_sandbox,
        "tt_video/list/",
        {"advertiser_id": mockads_sandbox.advertiser_id},
        json={"advertiser_id": "1", "page_size": 1},
    )
    assert response.get_json()["data"]["page_info"]["page_size"] == 20


def test_json_arrays_with_spaces_and_newlines_in_query_params_work(mockads_sandbox):
    advertiser_id = mockads_sandbox.advertiser_id
    query = {
        "advertiser_ids": f'[ "{advertiser_id}" ]\n',
        "fields": '[\n  "advertiser_id",\n  "name"\n]',
    }
    body = _get(mockads_sandbox, "advertiser/info/", query).get_json()
    assert body["code"] == 0
    assert [a["advertiser_id"] for a in body["data"]["list"]] == [advertiser_id]


def test_json_array_of_item_types_with_spaces_works(mockads_sandbox):
    query = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "item_types": '[ "VIDEO" ,\n"CAROUSEL" ]',
    }
    body = _get(mockads_sandbox, "tt_video/list/", query).get_json()
    assert body["code"] == 0
    assert len(body["data"]["list"]) == 2


def test_ids_are_decimal_strings(mockads_sandbox):
    body = mockads_sandbox.get("tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id)
    for post in body["data"]["list"]:
        assert isinstance(post["item_info"]["item_id"], str)
        assert re.fullmatch(r"\d{19}", post["item_info"]["item_id"])


def test_answers_are_json_with_a_json_content_type(mockads_sandbox):
    response = _get(
        mockads_sandbox, "tt_video/list/", {"advertiser_id": mockads_sandbox.advertiser_id}
    )
    assert response.mimetype == "application/json"
    assert json.loads(response.get_data(as_text=True))["code"] == 0
