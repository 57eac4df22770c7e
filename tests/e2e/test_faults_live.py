"""Faults and the journal against a real `mockads serve`: a dropped connection is closed
without an answer, a delay holds the real answer back, an HTTP status comes over the wire,
the helper drives both over HTTP, and the README's examples run as printed."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from mockads.testing import CONTROL, Sandbox, connect
from tests.e2e.conftest import Server, run_readme_script
from tests.e2e.processes import ServeProcess, start

pytest_plugins = ["pytester"]


@pytest.fixture(scope="module")
def server() -> Iterator[ServeProcess]:
    """A server whose output the tests read (a dropped connection must log no traceback)."""
    process = start("sqlite://", threads=4)
    yield process
    process.stop()


@pytest.fixture
def sandbox(server: Server) -> Iterator[Sandbox]:
    sandbox = connect(server.base_url, seed=4)
    yield sandbox
    server.call("DELETE", f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def mirror_get(server: Server, sandbox: Sandbox, path: str) -> tuple[int, dict[str, str], Any]:
    """One GET on a fresh connection: status, headers and JSON body (raises if dropped)."""
    host = urlsplit(server.base_url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    try:
        connection.request(
            "GET",
            f"/open_api/v1.3/{path}?advertiser_id={sandbox.advertiser_id}",
            headers={"Access-Token": sandbox.access_token},
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read())
    finally:
        connection.close()


def test_a_dropped_connection_closes_the_socket_without_an_answer(
    server: ServeProcess, sandbox: Sandbox
):
    fault_id = sandbox.faults.add("tt_video/list/", drop_connection=True, times=1)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        mirror_get(server, sandbox, "tt_video/list/")
    status, _, body = mirror_get(server, sandbox, "tt_video/list/")
    assert status == 200 and body["code"] == 0
    dropped, served = sandbox.journal(path="tt_video/list/")
    assert (dropped["fault_id"], dropped["http_status"]) == (fault_id, None)
    assert served["fault_id"] is None and served["code"] == 0
    assert "Traceback" not in server.output() and "Exception" not in server.output()


def test_a_delay_holds_the_real_answer_back(server: Server, sandbox: Sandbox):
    fault_id = sandbox.faults.add("tt_video/list/", latency_ms=500)
    started = time.monotonic()
    status, headers, body = mirror_get(server, sandbox, "tt_video/list/")
    assert time.monotonic() - started >= 0.5
    assert status == 200 and body["code"] == 0 and "list" in body["data"]
    assert headers["X-Mockads-Fault"] == fault_id


def test_an_http_status_fault_comes_over_the_wire_in_the_envelope(server: Server, sandbox: Sandbox):
    fault_id = sandbox.faults.add("tt_video/list/", http_status=503, method="GET")
    status, headers, body = mirror_get(server, sandbox, "tt_video/list/")
    assert status == 503 and headers["X-Mockads-Fault"] == fault_id
    assert body["code"] == 50002 and body["data"] == {}
    assert headers["X-Tt-Logid"] == body["request_id"]


def test_the_helper_over_http_raises_the_clients_connection_error_on_a_drop(
    sandbox: Sandbox,
):
    sandbox.faults.add("advertiser/info/", drop_connection=True)
    with pytest.raises(ConnectionError):
        sandbox.get("advertiser/info/", advertiser_ids=[sandbox.advertiser_id])
    sandbox.faults.clear()
    assert sandbox.get("advertiser/info/", advertiser_ids=[sandbox.advertiser_id])["code"] == 0
    asked = {"advertiser_ids": [sandbox.advertiser_id]}
    assert sandbox.journal.verify("advertiser/info/", params=asked) == 2


def test_seeded_faults_repeat_on_the_live_server(server: Server):
    patterns = []
    for _ in range(2):
        sandbox = connect(server.base_url, seed=21)
        try:
            sandbox.faults.add("tt_video/list/", code=50000, probability=0.5)
            answers = [
                sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id)["code"]
                for _ in range(12)
            ]
            patterns.append(answers)
        finally:
            server.call("DELETE", f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")
    assert patterns[0] == patterns[1] and set(patterns[0]) == {0, 50000}


def test_the_readmes_fault_commands_add_list_and_clear_rules(server: ServeProcess):
    slow_info, sampled_ads, listed = run_readme_script("### Faults", server.base_url)
    assert (slow_info["fault_id"], slow_info["code"], slow_info["remaining"]) == (
        "fault_1",
        50002,
        1,
    )
    assert (sampled_ads["path"], sampled_ads["probability"]) == ("ad/*", 0.2)
    assert [rule["fault_id"] for rule in listed["faults"]] == ["fault_1", "fault_2"]
    assert server.call("GET", f"{CONTROL}/sandboxes/default/faults") == (200, {"faults": []})


def test_the_readmes_journal_commands_list_verify_and_clear(server: ServeProcess):
    default = server.call("GET", f"{CONTROL}/sandboxes/default")[1]
    server.token = default["access_token"]
    advertiser_id = default["advertiser_ids"][0]
    server.call("GET", "/open_api/v1.3/tt_video/info/", auth_code="#x", advertiser_id=advertiser_id)
    listed, verified = run_readme_script("### Journal", server.base_url)
    assert [e["path"] for e in listed["entries"]] == ["tt_video/info/"]
    assert (verified["count"], verified["ok"]) == (0, False)
    assert server.call("GET", f"{CONTROL}/sandboxes/default/journal")[1]["entries"] == []


def test_the_readmes_python_examples_pass_as_a_users_tests(pytester: pytest.Pytester):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    examples = [
        readme.split(heading, 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
        for heading in ("### Faults", "### Journal")
    ]
    pytester.makepyfile("\n\n".join(examples))
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
