"""Faults on the mirror: each effect, per path and method, the next N calls or seeded draws
that repeat exactly, listing and clearing; refusals store nothing; reset and delete clear."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask.testing import FlaskClient

from mockads.api.instruments import FAULT_HEADER, ConnectionDropped
from mockads.domain.faults import FAULT_MESSAGES, rate_limit_message
from mockads.testing import CONTROL, MIRROR, Sandbox
from tests.api.helpers import leaves_unchanged, linked_item_ids, ready_code


def info(sandbox: Sandbox, token: str | None = None) -> Any:
    """`advertiser/info/` of the sandbox's advertiser: a read that always succeeds."""
    return sandbox.client.get(
        f"{MIRROR}/advertiser/info/",
        query_string={"advertiser_ids": f'["{sandbox.advertiser_id}"]'},
        headers={"Access-Token": token or sandbox.access_token},
    )


def authorize(sandbox: Sandbox, auth_code: str) -> Any:
    return sandbox.client.post(
        f"{MIRROR}/tt_video/authorize/",
        json={"advertiser_id": sandbox.advertiser_id, "auth_code": auth_code},
        headers={"Access-Token": sandbox.access_token},
    )


def add(sandbox: Sandbox, **rule: Any) -> dict[str, Any]:
    response = sandbox.client.post(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/faults", json=rule)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def faulted_calls(sandbox: Sandbox, calls: int) -> list[int]:
    """Indices of the calls, among `calls` reads, that a fault answered."""
    return [i for i in range(calls) if FAULT_HEADER in info(sandbox).headers]


def test_a_rate_limit_fault_answers_tiktoks_code_and_message_in_the_envelope(
    mockads_sandbox: Sandbox,
):
    rule = add(mockads_sandbox, path="advertiser/info/", code=40100)
    response = info(mockads_sandbox)
    body = response.get_json()
    assert response.status_code == 200 and response.headers[FAULT_HEADER] == rule["fault_id"]
    assert body["code"] == 40100 and body["data"] == {}
    assert body["message"] == rate_limit_message(mockads_sandbox.summary["seed"])
    assert response.headers["X-Tt-Logid"] == body["request_id"]


@pytest.mark.parametrize(("status", "code"), [(429, 40100), (500, 50000), (503, 50002)])
def test_an_http_status_fault_answers_that_status_with_a_fitting_code(
    mockads_sandbox: Sandbox, status: int, code: int
):
    add(mockads_sandbox, path="advertiser/info", http_status=status)
    response = info(mockads_sandbox)
    assert response.status_code == status
    assert response.get_json()["code"] == code and response.get_json()["message"]


def test_a_code_and_status_given_together_are_both_answered(mockads_sandbox: Sandbox):
    add(mockads_sandbox, path="advertiser/info/", code=50002, http_status=502)
    response = info(mockads_sandbox)
    assert response.status_code == 502
    assert response.get_json()["message"] == FAULT_MESSAGES[50002]


def test_a_faulted_call_never_reaches_the_handler_so_nothing_changes(mockads_sandbox: Sandbox):
    code = ready_code(mockads_sandbox)
    add(mockads_sandbox, path="tt_video/authorize/", code=50000, times=1)
    with leaves_unchanged(mockads_sandbox):
        assert authorize(mockads_sandbox, code).get_json()["code"] == 50000
    assert authorize(mockads_sandbox, code).get_json()["code"] == 0
    assert linked_item_ids(mockads_sandbox)


def test_a_rule_for_post_leaves_get_calls_of_the_path_alone(mockads_sandbox: Sandbox):
    add(mockads_sandbox, path="/open_api/v1.3/advertiser/info/", method="POST", code=40100)
    assert info(mockads_sandbox).get_json()["code"] == 0


def test_a_prefix_rule_faults_the_paths_under_it_only(mockads_sandbox: Sandbox):
    add(mockads_sandbox, path="ad/*", code=40100)
    ads = mockads_sandbox.get("ad/get/", advertiser_id=mockads_sandbox.advertiser_id)
    adgroups = mockads_sandbox.get("adgroup/get/", advertiser_id=mockads_sandbox.advertiser_id)
    assert (ads["code"], adgroups["code"]) == (40100, 0)


def test_a_star_rule_faults_every_path(mockads_sandbox: Sandbox):
    add(mockads_sandbox, path="*", code=50000)
    assert info(mockads_sandbox).get_json()["code"] == 50000
    assert mockads_sandbox.get("tt_video/list/", advertiser_id="1")["code"] == 50000


def test_times_faults_the_next_n_calls_then_the_rule_shows_it_is_spent(
    mockads_sandbox: Sandbox,
):
    add(mockads_sandbox, path="advertiser/info/", code=40100, times=2)
    codes = [info(mockads_sandbox).get_json()["code"] for _ in range(4)]
    assert codes == [40100, 40100, 0, 0]
    (listed,) = mockads_sandbox.faults.list()
    assert (listed["matched"], listed["applied"], listed["remaining"]) == (2, 2, 0)


def test_the_first_rule_in_creation_order_answers(mockads_sandbox: Sandbox):
    add(mockads_sandbox, path="*", code=50002, times=1)
    add(mockads_sandbox, path="advertiser/info/", code=40100)
    codes = [info(mockads_sandbox).get_json()["code"] for _ in range(2)]
    assert codes == [50002, 40100]


def test_seeded_probability_faults_the_same_calls_in_two_fresh_sandboxes(
    client: FlaskClient,
):
    patterns = []
    for _ in range(2):
        answer = client.post(f"{CONTROL}/sandboxes", json={"seed": 11})
        sandbox = Sandbox(client, answer.get_json())
        try:
            add(sandbox, path="advertiser/info/", code=50000, probability=0.4)
            patterns.append(faulted_calls(sandbox, 30))
        finally:
            client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")
    assert patterns[0] == patterns[1]
    assert 0 < len(patterns[0]) < 30


def test_another_seed_faults_other_calls(mockads_sandbox: Sandbox):
    first = add(mockads_sandbox, path="advertiser/info/", code=50000, probability=0.4)
    seeded = faulted_calls(mockads_sandbox, 30)
    mockads_sandbox.faults.remove(first["fault_id"])
    add(mockads_sandbox, path="advertiser/info/", code=50000, probability=0.4, seed=12345)
    assert faulted_calls(mockads_sandbox, 30) != seeded


def test_a_latency_fault_delays_the_real_answer_and_says_so(mockads_sandbox: Sandbox):
    rule = add(mockads_sandbox, path="advertiser/info/", latency_ms=300)
    started = time.monotonic()
    response = info(mockads_sandbox)
    assert time.monotonic() - started >= 0.3
    assert response.get_json()["code"] == 0 and response.get_json()["data"]["list"]
    assert response.headers[FAULT_HEADER] == rule["fault_id"]


def test_latency_with_a_code_delays_then_answers_the_code(mockads_sandbox: Sandbox):
    add(mockads_sandbox, path="advertiser/info/", latency_ms=200, code=40100)
    started = time.monotonic()
    assert info(mockads_sandbox).get_json()["code"] == 40100
    assert time.monotonic() - started >= 0.2


def test_a_dropped_connection_raises_into_an_in_process_caller(mockads_sandbox: Sandbox):
    code = ready_code(mockads_sandbox)
    rule = add(mockads_sandbox, path="tt_video/authorize/", drop_connection=True, times=1)
    with leaves_unchanged(mockads_sandbox), pytest.raises(ConnectionDropped) as dropped:
        authorize(mockads_sandbox, code)
    assert isinstance(dropped.value, ConnectionError) and rule["fault_id"] in str(dropped.value)
    assert authorize(mockads_sandbox, code).get_json()["code"] == 0


def test_faults_apply_only_to_calls_with_the_sandboxs_token(
    mockads_sandbox: Sandbox, other_sandbox: Sandbox
):
    add(mockads_sandbox, path="*", code=50000)
    assert info(other_sandbox).get_json()["code"] == 0
    unknown = info(mockads_sandbox, token="0" * 40).get_json()
    assert unknown["code"] == 40105


def test_faults_are_listed_removed_one_by_one_and_cleared(mockads_sandbox: Sandbox):
    first = add(mockads_sandbox, path="ad/*", code=40100)
    second = add(mockads_sandbox, path="tt_video/info", latency_ms=5)
    third = add(mockads_sandbox, path="*", http_status=503, times=3)
    listed = mockads_sandbox.faults.list()
    assert [f["fault_id"] for f in listed] == ["fault_1", "fault_2", "fault_3"]
    assert listed == [first, second, third]
    assert third["code"] == 50002 and third["remaining"] == 3 and second["path"] == "tt_video/info/"
    mockads_sandbox.faults.remove("fault_2")
    assert [f["fault_id"] for f in mockads_sandbox.faults.list()] == ["fault_1", "fault_3"]
    mockads_sandbox.faults.clear()
    assert mockads_sandbox.faults.list() == []
    assert info(mockads_sandbox).get_json()["code"] == 0


def test_removing_a_rule_the_sandbox_has_not_answers_404(mockads_sandbox: Sandbox):
    response = mockads_sandbox.client.delete(
        f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}/faults/fault_9"
    )
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "NOT_FOUND"


def test_faults_of_an_unknown_sandbox_answer_404(client: FlaskClient):
    for method in ("GET", "POST", "DELETE"):
        response = client.open(
            f"{CONTROL}/sandboxes/nope/faults", method=method, json={"path": "*", "code": 40100}
        )
        assert response.status_code == 404, method


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"code": 40100}, "path"),
        ({"path": "tt_video/authorise/", "code": 40100}, "path"),
        ({"path": "tt_video/*/x", "code": 40100}, "path"),
        ({"path": "pixel/*", "code": 40100}, "path"),
        ({"path": "*"}, "_schema"),
        ({"path": "*", "times": 2}, "_schema"),
        ({"path": "*", "latency_ms": 60_001}, "latency_ms"),
        ({"path": "*", "latency_ms": -1}, "latency_ms"),
        ({"path": "*", "latency_ms": "100"}, "latency_ms"),
        ({"path": "*", "code": 40100, "probability": 0}, "probability"),
        ({"path": "*", "code": 40100, "probability": 1.5}, "probability"),
        ({"path": "*", "code": 40100, "times": 0}, "times"),
        ({"path": "*", "code": 40100, "method": "PUT"}, "method"),
        ({"path": "*", "code": 0}, "code"),
        ({"path": "*", "code": 41234}, "message"),
        ({"path": "*", "http_status": 302}, "http_status"),
        ({"path": "*", "http_status": 200}, "http_status"),
        ({"path": "*", "drop_connection": "yes"}, "drop_connection"),
        ({"path": "*", "drop_connection": True, "code": 50000}, "drop_connection"),
        ({"path": "*", "code": 40100, "seed": 4}, "seed"),
        ({"path": "*", "code": 40100, "time": 2}, "time"),
    ],
)
def test_a_bad_rule_is_refused_with_400_and_nothing_is_stored(
    mockads_sandbox: Sandbox, rule: dict[str, Any], field: str
):
    response = mockads_sandbox.client.post(
        f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}/faults", json=rule
    )
    error = response.get_json()["error"]
    assert response.status_code == 400 and error["code"] == "INVALID_PARAMETER", error
    assert error["details"]["field"] == field, error
    assert mockads_sandbox.faults.list() == []
    assert add(mockads_sandbox, path="*", latency_ms=1)["fault_id"] == "fault_1"


def test_a_sandbox_holds_at_most_100_rules(mockads_sandbox: Sandbox):
    for _ in range(100):
        add(mockads_sandbox, path="*", latency_ms=0, code=40100)
    response = mockads_sandbox.client.post(
        f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}/faults",
        json={"path": "*", "code": 40100},
    )
    assert response.status_code == 409 and len(mockads_sandbox.faults.list()) == 100


def test_a_reset_clears_the_faults_and_their_ids_start_again(mockads_sandbox: Sandbox):
    add(mockads_sandbox, path="*", code=50000)
    mockads_sandbox.step("POST", "/reset")
    assert mockads_sandbox.faults.list() == []
    assert info(mockads_sandbox).get_json()["code"] == 0
    assert add(mockads_sandbox, path="*", code=50000)["fault_id"] == "fault_1"


def test_a_deleted_sandbox_takes_its_faults_along(client: FlaskClient):
    body = {"seed": 3, "sandbox_id": "faulty", "access_token": "f" * 40}
    sandbox = Sandbox(client, client.post(f"{CONTROL}/sandboxes", json=body).get_json())
    add(sandbox, path="*", code=50000)
    assert info(sandbox).get_json()["code"] == 50000
    client.delete(f"{CONTROL}/sandboxes/faulty")
    again = Sandbox(client, client.post(f"{CONTROL}/sandboxes", json=body).get_json())
    try:
        assert again.faults.list() == []
        assert info(again).get_json()["code"] == 0
    finally:
        client.delete(f"{CONTROL}/sandboxes/faulty")
