"""`sandbox.faults` and `sandbox.journal` in the helper, in-process: rules by id, entries by
filter, and verify that returns the count or fails with the calls to that path."""

from __future__ import annotations

import pytest

from mockads.testing import ControlError, Sandbox
from tests.api.helpers import ready_code


def link(sandbox: Sandbox, auth_code: str) -> dict:
    return sandbox.post(
        "tt_video/authorize/", {"advertiser_id": sandbox.advertiser_id, "auth_code": auth_code}
    )


def test_a_rate_limited_link_is_retried_and_verified_as_linked_once(mockads_sandbox: Sandbox):
    code = ready_code(mockads_sandbox)
    fault_id = mockads_sandbox.faults.add(path="tt_video/authorize/", code=40100, times=2)
    answers = [link(mockads_sandbox, code)["code"] for _ in range(3)]
    assert answers == [40100, 40100, 0]
    assert mockads_sandbox.faults.list()[0]["fault_id"] == fault_id
    assert mockads_sandbox.faults.list()[0]["remaining"] == 0
    assert (
        mockads_sandbox.journal.verify(
            "tt_video/authorize/", params={"auth_code": code}, code=0, times=1
        )
        == 1
    )
    assert mockads_sandbox.journal.verify("tt_video/authorize/", code=40100) == 2


def test_a_failed_verify_lists_the_calls_to_that_path(mockads_sandbox: Sandbox):
    link(mockads_sandbox, "#not-a-code")
    mockads_sandbox.get("tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id)
    with pytest.raises(AssertionError) as failed:
        mockads_sandbox.journal.verify("tt_video/authorize/", params={"auth_code": "#x"}, times=1)
    report = str(failed.value)
    assert report.startswith('expected 1 call(s) with path="tt_video/authorize/", params=')
    assert "found 0." in report and "Calls to tt_video/authorize/ (1):" in report
    assert '"auth_code": "#not-a-code"' in report and "-> code 40002: " in report
    assert "tt_video/list/" not in report


def test_a_verify_of_a_path_never_called_says_so(mockads_sandbox: Sandbox):
    with pytest.raises(AssertionError, match="No call to tt_video/unbind/"):
        mockads_sandbox.journal.verify("tt_video/unbind/")
    assert mockads_sandbox.journal.verify("tt_video/unbind/", times=0) == 0


def test_the_journal_is_called_with_filters(mockads_sandbox: Sandbox):
    mockads_sandbox.get("ad/get/", advertiser_id=mockads_sandbox.advertiser_id)
    link(mockads_sandbox, "#nope")
    assert [e["path"] for e in mockads_sandbox.journal()] == ["ad/get/", "tt_video/authorize/"]
    assert [e["method"] for e in mockads_sandbox.journal(method="POST")] == ["POST"]
    assert mockads_sandbox.journal(path="ad/*", code=0)[0]["path"] == "ad/get/"
    assert len(mockads_sandbox.journal(limit=1)) == 1
    mockads_sandbox.journal.clear()
    assert mockads_sandbox.journal() == []


def test_faults_are_removed_and_cleared_through_the_helper(mockads_sandbox: Sandbox):
    first = mockads_sandbox.faults.add("ad/*", http_status=503)
    mockads_sandbox.faults.add("*", latency_ms=1)
    mockads_sandbox.faults.remove(first)
    assert [f["path"] for f in mockads_sandbox.faults.list()] == ["*"]
    mockads_sandbox.faults.clear()
    assert mockads_sandbox.faults.list() == []
    with pytest.raises(ControlError) as refused:
        mockads_sandbox.faults.remove(first)
    assert refused.value.status == 404


def test_a_refused_rule_raises_with_the_reason(mockads_sandbox: Sandbox):
    with pytest.raises(ControlError) as refused:
        mockads_sandbox.faults.add("tt_video/authorize/", latency_ms=70_000)
    assert refused.value.status == 400 and "latency_ms" in str(refused.value)


def test_a_dropped_connection_raises_a_connection_error_in_process(mockads_sandbox: Sandbox):
    mockads_sandbox.faults.add("tt_video/list/", drop_connection=True)
    with pytest.raises(ConnectionError):
        mockads_sandbox.get("tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id)
