"""The request journal: every mirror call of a sandbox with its parameters and outcome,
filters, verify, uploads without their bytes, its bound, isolation, reset and clear."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from mockads.api.instruments import ConnectionDropped
from mockads.app import create_app
from mockads.settings import Settings
from mockads.testing import CONTROL, MIRROR, Sandbox
from tests.api.helpers import ready_code
from tests.api.library_helpers import SAMPLE_BYTES, SAMPLE_MD5, upload_file


def journal(sandbox: Sandbox, **filters: Any) -> dict[str, Any]:
    response = sandbox.client.get(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/journal", query_string=filters
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def verify(sandbox: Sandbox, **query: Any) -> dict[str, Any]:
    response = sandbox.client.post(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/journal/verify", json=query
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def authorize(sandbox: Sandbox, auth_code: str) -> dict[str, Any]:
    return sandbox.post(
        "tt_video/authorize/", {"advertiser_id": sandbox.advertiser_id, "auth_code": auth_code}
    )


def test_a_get_call_is_recorded_with_its_query_outcome_and_request_id(mockads_sandbox: Sandbox):
    response = mockads_sandbox.client.get(
        f"{MIRROR}/advertiser/info",
        query_string={"advertiser_ids": f'["{mockads_sandbox.advertiser_id}"]'},
        headers={"Access-Token": mockads_sandbox.access_token},
    )
    (entry,) = journal(mockads_sandbox)["entries"]
    assert entry["seq"] == 1 and entry["method"] == "GET"
    assert entry["path"] == "advertiser/info/"
    assert entry["params"] == {"advertiser_ids": f'["{mockads_sandbox.advertiser_id}"]'}
    assert (entry["code"], entry["message"], entry["http_status"]) == (0, "OK", 200)
    assert entry["request_id"] == response.get_json()["request_id"]
    assert entry["time"] == mockads_sandbox.clock.now() and entry["fault_id"] is None
    assert isinstance(entry["real_time"], float)


def test_a_post_call_is_recorded_with_its_decoded_body(mockads_sandbox: Sandbox):
    code = ready_code(mockads_sandbox)
    authorize(mockads_sandbox, code)
    (entry,) = journal(mockads_sandbox)["entries"]
    assert entry["method"] == "POST" and entry["path"] == "tt_video/authorize/"
    assert entry["params"] == {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": code}


def test_a_refused_call_is_recorded_with_its_validation_message(mockads_sandbox: Sandbox):
    answer = mockads_sandbox.post("tt_video/authorize/", {"auth_code": "#x"})
    (entry,) = journal(mockads_sandbox)["entries"]
    assert entry["code"] == 40002 and entry["message"] == answer["message"]
    assert entry["message"].startswith("advertiser_id")


def test_the_time_is_the_sandbox_clocks(mockads_sandbox: Sandbox):
    later = mockads_sandbox.clock.advance(days=40)
    mockads_sandbox.get("advertiser/info/", advertiser_ids=[mockads_sandbox.advertiser_id])
    assert journal(mockads_sandbox)["entries"][0]["time"] == later


def test_an_unknown_mirror_path_is_recorded_too(mockads_sandbox: Sandbox):
    answer = mockads_sandbox.get("tt_video/lists/")
    (entry,) = journal(mockads_sandbox)["entries"]
    assert (entry["path"], entry["http_status"], entry["code"]) == ("tt_video/lists/", 404, 40002)
    assert entry["request_id"] == answer["request_id"]


def test_calls_without_a_sandbox_token_are_recorded_nowhere(
    mockads_sandbox: Sandbox, client: FlaskClient
):
    client.get(f"{MIRROR}/advertiser/info/")
    client.get(f"{MIRROR}/advertiser/info/", headers={"Access-Token": "1" * 40})
    assert journal(mockads_sandbox)["entries"] == []


def test_each_sandbox_sees_its_own_calls_only(mockads_sandbox: Sandbox, other_sandbox: Sandbox):
    mockads_sandbox.get("advertiser/info/", advertiser_ids=[mockads_sandbox.advertiser_id])
    other_sandbox.get("tt_video/list/", advertiser_id=other_sandbox.advertiser_id)
    assert [e["path"] for e in journal(mockads_sandbox)["entries"]] == ["advertiser/info/"]
    assert [e["path"] for e in journal(other_sandbox)["entries"]] == ["tt_video/list/"]


def test_faulted_and_dropped_calls_are_recorded_with_their_fault(mockads_sandbox: Sandbox):
    limited = mockads_sandbox.faults.add("tt_video/list/", code=40100, times=1)
    dropped = mockads_sandbox.faults.add("tt_video/list/", drop_connection=True, times=1)
    mockads_sandbox.get("tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id)
    with pytest.raises(ConnectionDropped):
        mockads_sandbox.get("tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id)
    first, second = journal(mockads_sandbox)["entries"]
    assert (first["fault_id"], first["code"], first["http_status"]) == (limited, 40100, 200)
    assert (second["fault_id"], second["code"], second["http_status"]) == (dropped, None, None)
    assert second["request_id"] is None and second["message"] is None


def calls(sandbox: Sandbox) -> None:
    """Five calls: two reads of ad groups, a read of ads, a refused and a linking authorize."""
    advertiser = sandbox.advertiser_id
    sandbox.get("adgroup/get/", advertiser_id=advertiser)
    sandbox.get("ad/get/", advertiser_id=advertiser)
    sandbox.get("adgroup/get/", advertiser_id=advertiser, page=2)
    authorize(sandbox, "#nope")
    authorize(sandbox, ready_code(sandbox))


def paths(answer: dict[str, Any]) -> list[str]:
    return [entry["path"] for entry in answer["entries"]]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"path": "adgroup/get"}, ["adgroup/get/", "adgroup/get/"]),
        ({"path": "/open_api/v1.3/ad/get/"}, ["ad/get/"]),
        ({"path": "ad*"}, ["adgroup/get/", "ad/get/", "adgroup/get/"]),
        ({"method": "POST"}, ["tt_video/authorize/", "tt_video/authorize/"]),
        ({"code": 40002}, ["tt_video/authorize/"]),
        ({"path": "tt_video/*", "code": 0}, ["tt_video/authorize/"]),
        ({"limit": 2}, ["tt_video/authorize/", "tt_video/authorize/"]),
    ],
)
def test_the_journal_filters_by_path_method_code_and_keeps_the_newest_last(
    mockads_sandbox: Sandbox, filters: dict[str, Any], expected: list[str]
):
    calls(mockads_sandbox)
    answer = journal(mockads_sandbox, **filters)
    assert paths(answer) == expected
    assert answer["dropped"] == 0
    assert answer["total"] == (5 if "limit" in filters else len(expected))


def test_since_and_until_select_by_sandbox_time(mockads_sandbox: Sandbox):
    mockads_sandbox.clock.freeze()
    mockads_sandbox.get("ad/get/", advertiser_id=mockads_sandbox.advertiser_id)
    noon = mockads_sandbox.clock.advance(hours=12)
    mockads_sandbox.get("adgroup/get/", advertiser_id=mockads_sandbox.advertiser_id)
    assert paths(journal(mockads_sandbox, since=noon)) == ["adgroup/get/"]
    before = journal(mockads_sandbox, until=journal(mockads_sandbox)["entries"][0]["time"])
    assert paths(before) == ["ad/get/"]


@pytest.mark.parametrize(
    "filters",
    [
        {"since": "yesterday"},
        {"until": "2026-13-01 00:00:00"},
        {"code": "forty"},
        {"method": "PATCH"},
        {"limit": 0},
        {"path": "Ad/Get"},
    ],
)
def test_bad_filters_are_refused_with_400(mockads_sandbox: Sandbox, filters: dict[str, Any]):
    response = mockads_sandbox.client.get(
        f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}/journal", query_string=filters
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["details"]["field"] == next(iter(filters))


def test_verify_answers_whether_a_code_was_linked_exactly_once(mockads_sandbox: Sandbox):
    code = ready_code(mockads_sandbox)
    calls(mockads_sandbox)
    found = verify(
        mockads_sandbox, path="tt_video/authorize/", params={"auth_code": code}, code=0, times=1
    )
    assert found["ok"] and found["count"] == 1
    assert found["matched"][0]["params"]["auth_code"] == code
    twice = verify(mockads_sandbox, path="tt_video/authorize", params={"auth_code": code}, times=2)
    assert (twice["ok"], twice["count"]) == (False, 1)


def test_verify_matches_a_json_encoded_query_parameter_by_its_value(mockads_sandbox: Sandbox):
    mockads_sandbox.get("advertiser/info/", advertiser_ids=[mockads_sandbox.advertiser_id])
    found = verify(
        mockads_sandbox,
        path="advertiser/info/",
        method="GET",
        params={"advertiser_ids": [mockads_sandbox.advertiser_id]},
    )
    assert found["ok"] and found["count"] == 1
    other = verify(mockads_sandbox, path="advertiser/info/", params={"advertiser_ids": ["1"]})
    assert (other["ok"], other["count"]) == (False, 0)


def test_verify_with_times_zero_proves_a_call_was_never_made(mockads_sandbox: Sandbox):
    calls(mockads_sandbox)
    assert verify(mockads_sandbox, path="tt_video/unbind/", times=0)["ok"]
    assert not verify(mockads_sandbox, path="ad/get/", times=0)["ok"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "path"),
        ({"path": "tt_video/authorize/", "times": -1}, "times"),
        ({"path": "tt_video/authorize/", "params": ["auth_code"]}, "params"),
        ({"path": "tt_video/authorize/", "count": 1}, "count"),
        ({"path": "tt_video/authorize/", "code": "0"}, "code"),
    ],
)
def test_a_bad_verify_query_is_refused_with_400(
    mockads_sandbox: Sandbox, query: dict[str, Any], field: str
):
    response = mockads_sandbox.client.post(
        f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}/journal/verify", json=query
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["details"]["field"] == field


def test_an_upload_is_recorded_with_its_file_name_size_and_md5_never_its_bytes(
    mockads_sandbox: Sandbox,
):
    upload_file(mockads_sandbox, file_name="clip.mp4")
    (entry,) = journal(mockads_sandbox)["entries"]
    assert entry["code"] == 0 and entry["params"]["file_name"] == "clip.mp4"
    assert entry["params"]["video_file"] == {
        "filename": "sample.mp4",
        "size": len(SAMPLE_BYTES),
        "md5": SAMPLE_MD5,
    }
    assert entry["params"]["video_signature"] == SAMPLE_MD5
    assert len(str(entry["params"])) < 1000


def test_a_faulted_upload_still_records_its_file(mockads_sandbox: Sandbox):
    mockads_sandbox.faults.add("file/video/ad/upload/", code=50000, http_status=500)
    assert upload_file(mockads_sandbox)["code"] == 50000
    (entry,) = journal(mockads_sandbox)["entries"]
    assert entry["params"]["video_file"]["md5"] == SAMPLE_MD5


def test_parameters_over_64_kib_are_not_kept(mockads_sandbox: Sandbox):
    mockads_sandbox.post(
        "campaign/create/", {"advertiser_id": mockads_sandbox.advertiser_id, "x": "y" * 70_000}
    )
    (entry,) = journal(mockads_sandbox)["entries"]
    assert entry["params"] is None and entry["code"] != 0


def test_the_journal_keeps_its_newest_entries_and_counts_the_dropped():
    app = create_app(Settings(db="sqlite://", journal_limit=3))
    client = app.test_client()
    sandbox = Sandbox(client, client.post(f"{CONTROL}/sandboxes", json={}).get_json())
    for page in range(1, 6):
        sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id, page=page)
    answer = journal(sandbox)
    assert [e["params"]["page"] for e in answer["entries"]] == ["3", "4", "5"]
    assert [e["seq"] for e in answer["entries"]] == [3, 4, 5]
    assert (answer["total"], answer["dropped"]) == (3, 2)


def test_clearing_the_journal_empties_it(mockads_sandbox: Sandbox):
    calls(mockads_sandbox)
    mockads_sandbox.journal.clear()
    assert journal(mockads_sandbox) == {"entries": [], "total": 0, "dropped": 0}


def test_a_reset_empties_the_journal(mockads_sandbox: Sandbox):
    calls(mockads_sandbox)
    mockads_sandbox.step("POST", "/reset")
    assert journal(mockads_sandbox)["entries"] == []


def test_the_journal_of_an_unknown_sandbox_answers_404(client: FlaskClient):
    assert client.get(f"{CONTROL}/sandboxes/nope/journal").status_code == 404
    assert client.delete(f"{CONTROL}/sandboxes/nope/journal").status_code == 404
    verify_answer = client.post(f"{CONTROL}/sandboxes/nope/journal/verify", json={"path": "*"})
    assert verify_answer.status_code == 404
