"""The control plane (`/_mockads/v1`): health, sandboxes, reset, clocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mockads import __version__
from mockads.domain.clock import parse_time
from mockads.scenarios.catalog import list_scenarios
from tests.api.helpers import CONTROL, linked_item_ids, ready_code

DAY = 86_400
SUMMARY_KEYS = {
    "sandbox_id",
    "name",
    "scenario",
    "seed",
    "access_token",
    "created_at",
    "clock",
    "advertiser_ids",
    "apps",
    "business_centers",
    "failing_examples",
    "identities",
    "creators",
    "sample_codes",
}


@pytest.fixture
def created(client) -> Iterator[list[str]]:
    """Ids of sandboxes a test creates itself, deleted afterwards."""
    ids: list[str] = []
    yield ids
    for sandbox_id in ids:
        client.delete(f"{CONTROL}/sandboxes/{sandbox_id}")


def _create(client, created, **body):
    response = client.post(f"{CONTROL}/sandboxes", json=body)
    if response.status_code == 201:
        created.append(response.get_json()["sandbox_id"])
    return response


def _error(response, status, code, message_start):
    assert response.status_code == status
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert error["message"].startswith(message_start), error["message"]
    return error


def _clock(sandbox, body=None):
    response = sandbox.client.open(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/clock",
        method="GET" if body is None else "POST",
        json=body,
    )
    return response


# -- health -----------------------------------------------------------------------------------


def test_health_reports_status_version_and_sandbox_count(client):
    response = client.get(f"{CONTROL}/health")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["version"]) == ("ok", __version__)
    assert body["sandboxes"] >= 1


def test_health_counts_a_new_sandbox(client, created):
    before = client.get(f"{CONTROL}/health").get_json()["sandboxes"]
    _create(client, created)
    assert client.get(f"{CONTROL}/health").get_json()["sandboxes"] == before + 1


# -- create -----------------------------------------------------------------------------------


def test_sandbox_create_answers_201_with_the_summary(client, created):
    response = _create(client, created, scenario="default", seed=5, name="trainee-5")
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == SUMMARY_KEYS
    assert (body["scenario"], body["seed"], body["name"]) == ("default", 5, "trainee-5")
    assert len(body["advertiser_ids"]) == 1
    assert len(body["access_token"]) == 40


def test_sandbox_create_defaults_to_the_default_scenario_and_seed_1(client, created):
    body = _create(client, created).get_json()
    assert (body["scenario"], body["seed"], body["name"]) == ("default", 1, body["sandbox_id"])


def test_sandbox_create_takes_a_sandbox_id(client, created):
    body = _create(client, created, sandbox_id="trainee.7").get_json()
    assert body["sandbox_id"] == "trainee.7"
    assert client.get(f"{CONTROL}/sandboxes/trainee.7").status_code == 200


def test_sandbox_create_refuses_a_sandbox_id_already_taken(client, created):
    _create(client, created, sandbox_id="taken")
    response = _create(client, created, sandbox_id="taken", seed=9)
    _error(response, 409, "CONFLICT", "sandbox_id: 'taken' already exists.")
    assert client.get(f"{CONTROL}/sandboxes/taken").get_json()["seed"] == 1


def test_sandbox_create_refuses_an_unknown_scenario_with_404(client, created):
    before = client.get(f"{CONTROL}/health").get_json()["sandboxes"]
    error = _error(_create(client, created, scenario="nope"), 404, "NOT_FOUND", "scenario 'nope'")
    assert error["details"] == {"kind": "scenario", "key": "nope"}
    assert client.get(f"{CONTROL}/health").get_json()["sandboxes"] == before


@pytest.mark.parametrize("seed", ["1", 1.5, True, None, -1])
def test_sandbox_create_refuses_a_bad_seed_with_400(client, created, seed):
    error = _error(_create(client, created, seed=seed), 400, "INVALID_PARAMETER", "seed: ")
    assert error["details"] == {"field": "seed"}


def test_sandbox_create_refuses_a_body_that_is_not_json_with_400(client):
    response = client.post(f"{CONTROL}/sandboxes", data="{nope", content_type="application/json")
    _error(response, 400, "INVALID_PARAMETER", "body: ")


# -- list, get, delete ------------------------------------------------------------------------


def test_sandbox_list_includes_every_sandbox(client, mockads_sandbox):
    response = client.get(f"{CONTROL}/sandboxes")
    assert response.status_code == 200
    ids = [s["sandbox_id"] for s in response.get_json()["sandboxes"]]
    assert {"default", mockads_sandbox.sandbox_id} <= set(ids)


def test_sandbox_get_returns_the_summary(client, mockads_sandbox):
    response = client.get(f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}")
    assert response.status_code == 200
    body = response.get_json()
    body.pop("clock")
    assert body == {k: v for k, v in mockads_sandbox.summary.items() if k != "clock"}


@pytest.mark.parametrize("scenario", [spec.name for spec in list_scenarios()])
def test_sandbox_create_summary_is_the_one_read_back_from_the_store(client, created, scenario):
    """Create summarises the world it built; get reads the stored one: they must agree."""
    body = _create(client, created, scenario=scenario, seed=7).get_json()
    stored = client.get(f"{CONTROL}/sandboxes/{body['sandbox_id']}").get_json()
    assert {k: v for k, v in stored.items() if k != "clock"} == {
        k: v for k, v in body.items() if k != "clock"
    }


def test_sandbox_get_refuses_an_unknown_sandbox_with_404(client):
    error = _error(client.get(f"{CONTROL}/sandboxes/nope"), 404, "NOT_FOUND", "sandbox 'nope'")
    assert error["details"] == {"kind": "sandbox", "key": "nope"}


def test_sandbox_delete_answers_204_then_the_sandbox_is_gone(client, mockads_sandbox):
    path = f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}"
    response = client.delete(path)
    assert (response.status_code, response.get_data()) == (204, b"")
    _error(client.get(path), 404, "NOT_FOUND", "sandbox ")
    _error(client.delete(path), 404, "NOT_FOUND", "sandbox ")


def test_sandbox_delete_revokes_its_access_token(client, mockads_sandbox):
    client.delete(f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}")
    body = mockads_sandbox.get("tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id)
    assert body["code"] == 40105
    assert body["message"].startswith("The access token is invalid")


def test_sandbox_delete_leaves_other_sandboxes(client, mockads_sandbox, other_sandbox):
    client.delete(f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}")
    assert linked_item_ids(other_sandbox)


# -- reset ------------------------------------------------------------------------------------


def test_sandbox_reset_restores_the_links(mockads_sandbox):
    before = linked_item_ids(mockads_sandbox)
    mockads_sandbox.post(
        "tt_video/authorize/",
        {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": ready_code(mockads_sandbox)},
    )
    assert len(linked_item_ids(mockads_sandbox)) == len(before) + 1
    mockads_sandbox.control("POST", "/reset")
    assert linked_item_ids(mockads_sandbox) == before


def test_sandbox_reset_restores_the_clock(mockads_sandbox):
    mockads_sandbox.control("POST", "/clock", {"frozen": True, "advance_seconds": 400 * DAY})
    body = mockads_sandbox.control("POST", "/reset")
    clock = _clock(mockads_sandbox).get_json()
    assert body["clock"]["frozen"] is clock["frozen"] is False
    assert clock["now_unix"] == pytest.approx(mockads_sandbox.summary["clock"]["now_unix"], abs=60)


def test_sandbox_reset_keeps_the_access_token(mockads_sandbox):
    body = mockads_sandbox.control("POST", "/reset")
    assert body["access_token"] == mockads_sandbox.access_token
    listed = mockads_sandbox.get("tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id)
    assert listed["code"] == 0


def test_sandbox_reset_answers_the_summary_of_the_scenario(mockads_sandbox):
    mockads_sandbox.post(
        "tt_video/authorize/",
        {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": ready_code(mockads_sandbox)},
    )
    body = mockads_sandbox.control("POST", "/reset")
    assert body["sample_codes"] == mockads_sandbox.control("GET")["sample_codes"]
    assert [c["linked"] for c in body["sample_codes"]] == [
        c["linked"] for c in mockads_sandbox.summary["sample_codes"]
    ]


def test_sandbox_reset_refuses_an_unknown_sandbox_with_404(client):
    _error(client.post(f"{CONTROL}/sandboxes/nope/reset"), 404, "NOT_FOUND", "sandbox 'nope'")


# -- clock ------------------------------------------------------------------------------------


def test_clock_get_reads_the_sandbox_time(mockads_sandbox):
    response = _clock(mockads_sandbox)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"now", "now_unix", "frozen"}
    assert body["frozen"] is False
    assert parse_time(body["now"]) == int(body["now_unix"])


def test_clock_post_advances_the_time(mockads_sandbox):
    before = _clock(mockads_sandbox).get_json()["now_unix"]
    body = _clock(mockads_sandbox, {"advance_seconds": 3 * DAY}).get_json()
    assert body["now_unix"] == pytest.approx(before + 3 * DAY, abs=5)
    assert body["frozen"] is False


def test_clock_post_freezes_the_time(mockads_sandbox):
    frozen = _clock(mockads_sandbox, {"frozen": True}).get_json()
    assert frozen["frozen"] is True
    assert _clock(mockads_sandbox).get_json() == frozen


def test_clock_post_advances_a_frozen_clock_exactly(mockads_sandbox):
    frozen = _clock(mockads_sandbox, {"frozen": True}).get_json()
    body = _clock(mockads_sandbox, {"advance_seconds": 90}).get_json()
    assert body["now_unix"] == pytest.approx(frozen["now_unix"] + 90, abs=0.001)
    assert body["frozen"] is True


def test_clock_post_sets_the_time(mockads_sandbox):
    body = _clock(mockads_sandbox, {"frozen": True, "set": "2030-01-02 03:04:05"}).get_json()
    assert (body["now"], body["frozen"]) == ("2030-01-02 03:04:05", True)
    assert _clock(mockads_sandbox).get_json()["now"] == "2030-01-02 03:04:05"


def test_clock_post_sets_a_running_clock(mockads_sandbox):
    body = _clock(mockads_sandbox, {"set": "2030-01-02 03:04:05"}).get_json()
    assert body["frozen"] is False
    assert body["now_unix"] == pytest.approx(parse_time("2030-01-02 03:04:05"), abs=5)


def test_clock_post_unfreezes_the_clock(mockads_sandbox):
    _clock(mockads_sandbox, {"frozen": True, "set": "2030-01-02 03:04:05"})
    body = _clock(mockads_sandbox, {"frozen": False}).get_json()
    assert body["frozen"] is False
    assert body["now_unix"] == pytest.approx(parse_time("2030-01-02 03:04:05"), abs=5)


def test_clock_post_refuses_a_negative_advance_with_400(mockads_sandbox):
    before = _clock(mockads_sandbox, {"frozen": True}).get_json()
    response = _clock(mockads_sandbox, {"advance_seconds": -60})
    error = _error(response, 400, "INVALID_PARAMETER", "advance_seconds: ")
    assert error["details"] == {"field": "advance_seconds"}
    assert _clock(mockads_sandbox).get_json() == before


@pytest.mark.parametrize(
    "when", ["2030-01-02", "2030-01-02T03:04:05Z", "tomorrow", "2030-02-30 00:00:00"]
)
def test_clock_post_refuses_a_bad_time_with_400(mockads_sandbox, when):
    before = _clock(mockads_sandbox, {"frozen": True}).get_json()
    error = _error(_clock(mockads_sandbox, {"set": when}), 400, "INVALID_PARAMETER", "set: ")
    assert error["details"] == {"field": "set"}
    assert _clock(mockads_sandbox).get_json() == before


@pytest.mark.parametrize("body", [{"advance_seconds": "60"}, {"frozen": "yes"}])
def test_clock_post_refuses_values_of_the_wrong_type_with_400(mockads_sandbox, body):
    _error(_clock(mockads_sandbox, body), 400, "INVALID_PARAMETER", f"{next(iter(body))}: ")


def test_clock_refuses_an_unknown_sandbox_with_404(client):
    _error(client.get(f"{CONTROL}/sandboxes/nope/clock"), 404, "NOT_FOUND", "sandbox 'nope'")


# -- determinism ------------------------------------------------------------------------------


def _comparable(summary):
    """A summary without what differs between two sandboxes of one seed (ids, token, times, and
    the app's secret, derived from the token)."""
    created = parse_time(summary["created_at"])
    codes = [
        {**c, "auth_end_time": parse_time(c["auth_end_time"]) - created}
        for c in summary["sample_codes"]
    ]
    drop = {"sandbox_id", "name", "access_token", "created_at", "clock", "sample_codes", "apps"}
    apps = [{k: v for k, v in app.items() if k != "secret"} for app in summary["apps"]]
    return {
        **{k: v for k, v in summary.items() if k not in drop},
        "sample_codes": codes,
        "apps": apps,
    }


def test_sandboxes_of_the_same_seed_have_identical_summaries(client, created):
    first = _create(client, created, seed=11).get_json()
    second = _create(client, created, seed=11).get_json()
    assert first["sandbox_id"] != second["sandbox_id"]
    assert first["access_token"] != second["access_token"]
    assert _comparable(first) == _comparable(second)


def test_sandboxes_of_different_seeds_have_different_summaries(client, created):
    first = _create(client, created, seed=11).get_json()
    second = _create(client, created, seed=12).get_json()
    assert _comparable(first) != _comparable(second)


# -- routing ----------------------------------------------------------------------------------


def test_unknown_control_path_answers_404_json_error(client):
    _error(client.get(f"{CONTROL}/nope"), 404, "INVALID_PARAMETER", "path: ")


def test_wrong_method_on_the_control_plane_answers_405_json_error(client):
    _error(client.put(f"{CONTROL}/health"), 405, "INVALID_PARAMETER", "method: PUT")
