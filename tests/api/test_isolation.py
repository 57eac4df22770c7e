"""Sandboxes are isolated: a token reaches its own sandbox's world only."""

from __future__ import annotations

import pytest

from tests.api.helpers import leaves_unchanged, linked_item_ids, ready_code


@pytest.fixture
def pair(mockads_sandbox, other_sandbox):
    """Two sandboxes built from different seeds."""
    assert mockads_sandbox.summary["seed"] != other_sandbox.summary["seed"]
    return mockads_sandbox, other_sandbox


@pytest.fixture(params=["first", "second"])
def caller_and_other(request, pair):
    """Each sandbox in turn as the caller, the other as the target."""
    return pair if request.param == "first" else pair[::-1]


def test_other_sandboxes_have_other_ids_and_codes(pair):
    first, second = pair
    assert first.advertiser_id != second.advertiser_id
    assert first.access_token != second.access_token
    codes = [{c["auth_code"] for c in s.summary["sample_codes"]} for s in pair]
    assert codes[0].isdisjoint(codes[1])


def test_token_cannot_reach_the_other_sandboxs_advertiser(caller_and_other):
    caller, other = caller_and_other
    body = caller.get("tt_video/list/", advertiser_id=other.advertiser_id)
    assert body["code"] == 40001
    assert body["message"].startswith(
        f"advertiser_id: no permission to operate on '{other.advertiser_id}'"
    )


def test_token_cannot_read_the_other_sandboxs_advertiser_info(caller_and_other):
    caller, other = caller_and_other
    body = caller.get("advertiser/info/", advertiser_ids=[other.advertiser_id])
    assert body["code"] == 40001


def test_token_cannot_find_the_other_sandboxs_codes(caller_and_other):
    caller, other = caller_and_other
    for sample in other.summary["sample_codes"]:
        body = caller.get(
            "tt_video/info/", advertiser_id=caller.advertiser_id, auth_code=sample["auth_code"]
        )
        assert body["code"] == 40002
        assert body["message"].startswith("[AUTH_CODE_NOT_FOUND] auth_code: ")


def test_token_cannot_link_the_other_sandboxs_code(caller_and_other):
    caller, other = caller_and_other
    with leaves_unchanged(caller), leaves_unchanged(other):
        body = caller.post(
            "tt_video/authorize/",
            {"advertiser_id": caller.advertiser_id, "auth_code": ready_code(other)},
        )
    assert body["message"].startswith("[AUTH_CODE_NOT_FOUND] auth_code: ")


def test_oauth2_advertiser_get_lists_only_the_callers_advertisers(caller_and_other):
    caller, _ = caller_and_other
    app = caller.app()
    body = caller.get("oauth2/advertiser/get/", app_id=app["app_id"], secret=app["secret"])
    assert [a["advertiser_id"] for a in body["data"]["list"]] == [caller.advertiser_id]


def test_tt_video_list_shows_only_the_sandboxs_own_posts(pair):
    for sandbox in pair:
        own = {c["item_id"] for c in sandbox.summary["sample_codes"] if c["linked"]}
        assert set(linked_item_ids(sandbox)) == own


def test_linking_in_one_sandbox_leaves_the_other_unchanged(pair):
    first, second = pair
    with leaves_unchanged(second):
        body = first.post(
            "tt_video/authorize/",
            {"advertiser_id": first.advertiser_id, "auth_code": ready_code(first)},
        )
        assert body["code"] == 0


def test_advancing_one_sandboxs_clock_leaves_the_other_unchanged(pair):
    first, second = pair
    first.control("POST", "/clock", {"advance_seconds": 400 * 86_400})
    posts = second.get("tt_video/list/", advertiser_id=second.advertiser_id)["data"]["list"]
    statuses = {post["auth_info"]["ad_auth_status"] for post in posts}
    assert statuses == {"AUTHORIZED"}


@pytest.mark.mockads(seed=2)
def test_sandboxes_of_the_same_seed_are_still_isolated(mockads_sandbox, other_sandbox):
    assert mockads_sandbox.advertiser_id == other_sandbox.advertiser_id
    with leaves_unchanged(other_sandbox):
        body = mockads_sandbox.post(
            "tt_video/authorize/",
            {
                "advertiser_id": mockads_sandbox.advertiser_id,
                "auth_code": ready_code(mockads_sandbox),
            },
        )
        assert body["code"] == 0
