"""The pytest plugin as a user's suite uses it (pytest's own `pytester`): `mockads_sandbox`
in-process and on the live `mockads_server`, and the marker's options."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

IN_PROCESS = """
def test_a_sandbox_in_process(mockads_sandbox):
    assert mockads_sandbox.base_url is None
    creator = mockads_sandbox.creator().allow_authorized_posts().accept_ad_terms()
    code = creator.post().switch_ad_authorization().generate_code(days=7)
    body = mockads_sandbox.post(
        "tt_video/authorize/", {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": code}
    )
    assert body["code"] == 0
"""

LIVE = """
import json
import urllib.request

import pytest


def test_a_sandbox_on_the_live_server(mockads_server, mockads_sandbox):
    assert mockads_sandbox.base_url == mockads_server.url
    url = (
        mockads_sandbox.base_url
        + "/open_api/v1.3/tt_video/list/?advertiser_id="
        + mockads_sandbox.advertiser_id
    )
    request = urllib.request.Request(url, headers={"Access-Token": mockads_sandbox.access_token})
    with urllib.request.urlopen(request) as answer:
        body = json.loads(answer.read())
    assert body["code"] == 0, body
    assert body["data"]["page_info"]["total_number"] >= 1


@pytest.mark.mockads(live=True, seed=9, review="manual", frozen=True)
def test_marker_options(mockads_sandbox):
    assert mockads_sandbox.base_url is not None
    assert mockads_sandbox.summary["seed"] == 9
    assert mockads_sandbox.control("GET", "/review-policy")["mode"] == "manual"
    assert mockads_sandbox.control("GET", "/clock")["frozen"] is True
"""


def test_the_plugin_gives_an_in_process_sandbox_with_the_helper(pytester: pytest.Pytester):
    pytester.makepyfile(IN_PROCESS)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_plugin_serves_a_live_server_and_honours_the_marker(pytester: pytest.Pytester):
    pytester.makepyfile(LIVE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


INSTRUMENTS = """
import pytest


def link_with_retry(sandbox, code):
    for _ in range(5):
        body = sandbox.post(
            "tt_video/authorize/", {"advertiser_id": sandbox.advertiser_id, "auth_code": code}
        )
        if body["code"] != 40100:
            return body
    raise AssertionError("still rate-limited")


@pytest.mark.parametrize("live", [False, True])
def test_a_client_retries_a_rate_limit_and_links_once(request, live):
    if live:
        request.applymarker(pytest.mark.mockads(live=True))
    sandbox = request.getfixturevalue("mockads_sandbox")
    assert (sandbox.base_url is not None) == live
    code = sandbox.codes()[0]
    sandbox.faults.add("tt_video/authorize/", code=40100, times=2)
    assert link_with_retry(sandbox, code)["code"] == 0
    assert sandbox.journal.verify("tt_video/authorize/", code=40100, times=2) == 2
    assert sandbox.journal.verify(
        "tt_video/authorize/", params={"auth_code": code}, code=0, times=1
    ) == 1
    assert sandbox.faults.list()[0]["remaining"] == 0
"""


def test_a_users_suite_injects_faults_and_verifies_calls_in_process_and_live(
    pytester: pytest.Pytester,
):
    pytester.makepyfile(INSTRUMENTS)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
