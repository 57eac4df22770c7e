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
