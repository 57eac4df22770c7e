"""`tt_video/info/`, `tt_video/authorize/`, `tt_video/list/`: Spark posts linked by code."""

from __future__ import annotations

import re

import pytest

from mockads.scenarios import build_world, load_scenario
from tests.api.helpers import MIRROR, code_item, leaves_unchanged, linked_item_ids, ready_code

POST_KEYS = {"item_info", "user_info", "video_info", "auth_info"}
TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def _info(sandbox, auth_code):
    return sandbox.get("tt_video/info/", advertiser_id=sandbox.advertiser_id, auth_code=auth_code)


def _authorize(sandbox, auth_code, **extra):
    body = {"advertiser_id": sandbox.advertiser_id, "auth_code": auth_code, **extra}
    return sandbox.post("tt_video/authorize/", body)


def _list(sandbox, **params):
    return sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id, **params)


def _sample(sandbox, auth_code):
    return next(c for c in sandbox.summary["sample_codes"] if c["auth_code"] == auth_code)


def _assert_spark_error(body, reason):
    assert body["code"] == 40002
    assert body["message"].startswith(f"[{reason}] auth_code: "), body["message"]
    assert body["data"] == {}


# -- tt_video/info ----------------------------------------------------------------------------


def test_tt_video_info_returns_the_post_behind_a_code(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    body = _info(mockads_sandbox, code)
    assert body["code"] == 0
    data = body["data"]
    assert set(data) == POST_KEYS
    assert data["item_info"]["auth_code"] == code
    assert data["item_info"]["item_id"] == code_item(mockads_sandbox, code)
    assert data["item_info"]["item_type"] == "VIDEO"
    assert isinstance(data["item_info"]["text"], str) and data["item_info"]["text"]


def test_tt_video_info_returns_the_creator_as_user_info(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    user_info = _info(mockads_sandbox, code)["data"]["user_info"]
    assert user_info["identity_type"] == "AUTH_CODE"
    assert user_info["tiktok_name"] == _sample(mockads_sandbox, code)["creator_handle"]
    assert user_info["profile_image"].startswith("https://")
    assert isinstance(user_info["identity_id"], str)


def test_tt_video_info_returns_video_info_with_real_types(mockads_sandbox):
    video = _info(mockads_sandbox, ready_code(mockads_sandbox))["data"]["video_info"]
    assert video["video_id"].startswith("v10033g50000")
    assert video["format"] == "mp4"
    assert isinstance(video["duration"], float)
    for key in ("size", "width", "height", "bit_rate"):
        assert isinstance(video[key], int) and video[key] > 0, key
    assert re.fullmatch(r"[0-9a-f]{32}", video["signature"])
    for key in ("poster_url", "preview_url", "url"):
        assert video[key].startswith("http://localhost/media/"), key


def test_tt_video_info_media_links_load_from_mockads_itself(mockads_sandbox):
    video = _info(mockads_sandbox, ready_code(mockads_sandbox))["data"]["video_info"]
    client = mockads_sandbox.client
    with client.get(video["poster_url"].removeprefix("http://localhost")) as poster:
        assert (poster.status_code, poster.mimetype) == (200, "image/jpeg")
        assert poster.data.startswith(b"\xff\xd8")
    with client.get(video["url"].removeprefix("http://localhost")) as clip:
        assert (clip.status_code, clip.mimetype) == (200, "video/mp4")


def test_tt_video_info_returns_the_authorization_window(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    auth = _info(mockads_sandbox, code)["data"]["auth_info"]
    assert auth["ad_auth_status"] == "AUTHORIZED"
    assert TIME.fullmatch(auth["auth_start_time"])
    assert (
        auth["auth_start_time"]
        < auth["auth_end_time"]
        == _sample(mockads_sandbox, code)["auth_end_time"]
    )
    assert auth["invite_start_time"] is None


@pytest.mark.parametrize(
    ("status", "linked"), [("EXPIRED", False), ("CANCELLED", False), ("AUTHORIZED", True)]
)
def test_tt_video_info_shows_the_code_status(mockads_sandbox, status, linked):
    code = mockads_sandbox.codes(status, linked=linked)[0]
    assert _info(mockads_sandbox, code)["data"]["auth_info"]["ad_auth_status"] == status


def test_tt_video_info_refuses_an_unknown_code(mockads_sandbox):
    _assert_spark_error(_info(mockads_sandbox, "#" + "A" * 64), "AUTH_CODE_NOT_FOUND")


def test_tt_video_info_refuses_a_code_of_another_case(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    _assert_spark_error(_info(mockads_sandbox, code.swapcase()), "AUTH_CODE_NOT_FOUND")


@pytest.mark.parametrize("mangle", [lambda c: c[1:], lambda c: c[:-1], lambda c: c + "="])
def test_tt_video_info_refuses_a_malformed_code(mockads_sandbox, mangle):
    _assert_spark_error(
        _info(mockads_sandbox, mangle(ready_code(mockads_sandbox))), "AUTH_CODE_MALFORMED"
    )


def test_tt_video_info_refuses_a_code_whose_plus_arrived_as_a_space(mockads_sandbox):
    code = next(
        c["auth_code"] for c in mockads_sandbox.summary["sample_codes"] if "+" in c["auth_code"]
    )
    query = f"advertiser_id={mockads_sandbox.advertiser_id}&auth_code=%23{code[1:]}"
    response = mockads_sandbox.client.get(
        f"{MIRROR}/tt_video/info/?{query}", headers={"Access-Token": mockads_sandbox.access_token}
    )
    _assert_spark_error(response.get_json(), "AUTH_CODE_MALFORMED")


def test_tt_video_info_finds_a_code_sent_url_encoded(mockads_sandbox):
    code = next(
        c["auth_code"] for c in mockads_sandbox.summary["sample_codes"] if "+" in c["auth_code"]
    )
    encoded = code.replace("#", "%23").replace("+", "%2B").replace("/", "%2F")
    query = f"advertiser_id={mockads_sandbox.advertiser_id}&auth_code={encoded}"
    response = mockads_sandbox.client.get(
        f"{MIRROR}/tt_video/info/?{query}", headers={"Access-Token": mockads_sandbox.access_token}
    )
    assert response.get_json()["data"]["item_info"]["auth_code"] == code


def test_tt_video_info_links_nothing(mockads_sandbox):
    with leaves_unchanged(mockads_sandbox):
        assert _info(mockads_sandbox, ready_code(mockads_sandbox))["code"] == 0


# -- tt_video/authorize -----------------------------------------------------------------------


def test_tt_video_authorize_links_the_post_behind_a_code(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    body = _authorize(mockads_sandbox, code)
    assert (body["code"], body["message"], body["data"]) == (0, "OK", {})
    assert code_item(mockads_sandbox, code) in linked_item_ids(mockads_sandbox)


def test_tt_video_authorize_shows_the_post_as_authorized_in_tt_video_list(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    mockads_sandbox.control("POST", "/clock", {"frozen": True})
    now = mockads_sandbox.control("GET", "/clock")["now"]
    _authorize(mockads_sandbox, code)
    newest = _list(mockads_sandbox)["data"]["list"][0]
    assert newest["item_info"]["auth_code"] == code
    assert newest["auth_info"]["ad_auth_status"] == "AUTHORIZED"
    assert newest["auth_info"]["invite_start_time"] == now


def test_tt_video_authorize_marks_the_code_linked_in_the_summary(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    _authorize(mockads_sandbox, code)
    summary = mockads_sandbox.control("GET")
    assert next(c for c in summary["sample_codes"] if c["auth_code"] == code)["linked"] is True


def test_tt_video_authorize_refuses_a_post_already_linked(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    _authorize(mockads_sandbox, code)
    with leaves_unchanged(mockads_sandbox):
        body = _authorize(mockads_sandbox, code)
    _assert_spark_error(body, "POST_ALREADY_LINKED")
    assert code_item(mockads_sandbox, code) in body["message"]


def test_tt_video_authorize_refuses_a_post_the_scenario_linked(mockads_sandbox):
    code = mockads_sandbox.codes("AUTHORIZED", linked=True)[0]
    with leaves_unchanged(mockads_sandbox):
        _assert_spark_error(_authorize(mockads_sandbox, code), "POST_ALREADY_LINKED")


def test_tt_video_authorize_refuses_an_expired_code(mockads_sandbox):
    code = mockads_sandbox.codes("EXPIRED")[0]
    with leaves_unchanged(mockads_sandbox):
        body = _authorize(mockads_sandbox, code)
    _assert_spark_error(body, "AUTH_CODE_EXPIRED")
    assert _sample(mockads_sandbox, code)["auth_end_time"] in body["message"]


def test_tt_video_authorize_refuses_a_revoked_code(mockads_sandbox):
    code = mockads_sandbox.codes("CANCELLED")[0]
    with leaves_unchanged(mockads_sandbox):
        _assert_spark_error(_authorize(mockads_sandbox, code), "AUTH_CODE_REVOKED")


def test_tt_video_authorize_refuses_an_unknown_code(mockads_sandbox):
    with leaves_unchanged(mockads_sandbox):
        _assert_spark_error(_authorize(mockads_sandbox, "#" + "B" * 64), "AUTH_CODE_NOT_FOUND")


def test_tt_video_authorize_refuses_a_malformed_code(mockads_sandbox):
    code = ready_code(mockads_sandbox).replace("#", "")
    with leaves_unchanged(mockads_sandbox):
        _assert_spark_error(_authorize(mockads_sandbox, code), "AUTH_CODE_MALFORMED")


def test_tt_video_authorize_refuses_a_duet_without_the_original_post_auth_code(mockads_sandbox):
    world = build_world(load_scenario("default"), 1)
    duet = next(p.item_id for p in world.posts if p.duet_original_item_id is not None)
    code = next(
        c["auth_code"] for c in mockads_sandbox.summary["sample_codes"] if c["item_id"] == duet
    )
    body = _authorize(mockads_sandbox, code)
    assert body["code"] == 40002
    assert body["message"].startswith(
        "[ORIGINAL_POST_AUTH_CODE_REQUIRED] original_post_auth_code: this is a dual creator post"
    )
    assert duet not in linked_item_ids(mockads_sandbox)


# -- tt_video/list ----------------------------------------------------------------------------


def test_tt_video_list_returns_the_linked_posts_newest_link_first(mockads_sandbox):
    data = _list(mockads_sandbox)["data"]
    linked = {c["item_id"] for c in mockads_sandbox.summary["sample_codes"] if c["linked"]}
    assert {p["item_info"]["item_id"] for p in data["list"]} == linked
    invited = [p["auth_info"]["invite_start_time"] for p in data["list"]]
    assert invited == sorted(invited, reverse=True)
    assert all(set(p) == POST_KEYS for p in data["list"])


def test_tt_video_list_shows_authorization_status_and_times(mockads_sandbox):
    for post in _list(mockads_sandbox)["data"]["list"]:
        auth = post["auth_info"]
        assert auth["ad_auth_status"] == "AUTHORIZED"
        for key in ("auth_start_time", "auth_end_time", "invite_start_time"):
            assert TIME.fullmatch(auth[key]), key
        assert auth["auth_start_time"] <= auth["invite_start_time"] < auth["auth_end_time"]


def test_tt_video_list_page_info_counts_the_linked_posts(mockads_sandbox):
    assert _list(mockads_sandbox)["data"]["page_info"] == {
        "page": 1,
        "page_size": 20,
        "total_number": 2,
        "total_page": 1,
    }


@pytest.mark.parametrize(("item_types", "count"), [(["VIDEO"], 2), (["CAROUSEL"], 0), ([], 2)])
def test_tt_video_list_filters_by_item_types(mockads_sandbox, item_types, count):
    data = _list(mockads_sandbox, item_types=item_types)["data"]
    assert len(data["list"]) == data["page_info"]["total_number"] == count


def test_tt_video_list_refuses_an_unknown_item_type(mockads_sandbox):
    body = _list(mockads_sandbox, item_types=["PHOTO"])
    assert body["code"] == 40002
    assert body["message"].startswith("item_types.0: ")


def test_tt_video_list_finds_posts_by_keyword_in_the_caption(mockads_sandbox):
    posts = _list(mockads_sandbox)["data"]["list"]
    word = posts[0]["item_info"]["text"].split()[1]
    found = _list(mockads_sandbox, keyword=word)["data"]["list"]
    assert posts[0] in found
    assert all(word.lower() in p["item_info"]["text"].lower() for p in found)


def test_tt_video_list_finds_nothing_for_an_absent_keyword(mockads_sandbox):
    data = _list(mockads_sandbox, keyword="zzz-no-such-caption")["data"]
    assert (data["list"], data["page_info"]["total_number"]) == ([], 0)


@pytest.mark.parametrize("keyword", ["%", "_"])
def test_tt_video_list_matches_like_wildcards_literally(mockads_sandbox, keyword):
    assert _list(mockads_sandbox, keyword=keyword)["data"]["list"] == []


def test_tt_video_list_pages_through_the_linked_posts(mockads_sandbox):
    _authorize(mockads_sandbox, ready_code(mockads_sandbox))
    every = _list(mockads_sandbox)["data"]["list"]
    pages = [_list(mockads_sandbox, page=n, page_size=2)["data"] for n in (1, 2, 3)]
    # Posts, not whole answers: the media links are signed until the next full minute.
    paged = [p["item_info"]["auth_code"] for page in pages for p in page["list"]]
    assert paged == [p["item_info"]["auth_code"] for p in every]
    assert [len(page["list"]) for page in pages] == [2, 1, 0]
    assert pages[1]["page_info"] == {"page": 2, "page_size": 2, "total_number": 3, "total_page": 2}


def test_tt_video_list_accepts_page_size_50(mockads_sandbox):
    assert _list(mockads_sandbox, page_size=50)["data"]["page_info"]["page_size"] == 50


@pytest.mark.parametrize("page_size", [51, 0, -1])
def test_tt_video_list_refuses_a_page_size_out_of_range(mockads_sandbox, page_size):
    body = _list(mockads_sandbox, page_size=page_size)
    assert body["code"] == 40002
    assert body["message"].startswith(
        "page_size: Must be greater than or equal to 1 and less than or equal to 50."
    )


def test_tt_video_list_refuses_a_page_that_is_not_a_number(mockads_sandbox):
    body = _list(mockads_sandbox, page="two")
    assert body["code"] == 40002
    assert body["message"].startswith("page: ")
