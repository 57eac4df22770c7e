"""The mirror over a code's whole life: `tt_video/info|authorize|list|unbind/`.

Codes come from the creator-app simulator, so each is in exactly the state the test needs:
linked, refused for one reason each, remixed by Duet or Stitch, expired by the sandbox clock or
cancelled by the creator. Every refusal changes nothing.
"""

from __future__ import annotations

import pytest

from tests.api.lifecycle_helpers import (
    DAY,
    MIRROR,
    advance,
    authorize,
    call,
    freeze,
    linked_ids,
    new_code,
    post_of,
    ready_creator,
    spark_refusal,
    tt_video_info,
    tt_video_list,
    unchanged,
)

ORIGINAL = "original_post_auth_code"


def _link(sandbox, auth_code, original=None, advertiser_id=None):
    body = {"advertiser_id": advertiser_id or sandbox.advertiser_id, "auth_code": auth_code}
    if original is not None:
        body[ORIGINAL] = original
    return sandbox.post("tt_video/authorize/", body)


def _unbind(sandbox, item_id):
    return sandbox.post(
        "tt_video/unbind/", {"advertiser_id": sandbox.advertiser_id, "item_id": item_id}
    )


def _listed(sandbox, item_id):
    return next(p for p in tt_video_list(sandbox) if p["item_info"]["item_id"] == item_id)


@pytest.fixture
def creator(mockads_sandbox):
    """A creator who allows authorized posts and agreed to the terms."""
    return ready_creator(mockads_sandbox, display_name="Ready Creator")


@pytest.fixture
def code(mockads_sandbox, creator):
    """A fresh 30-day code of a public video of `creator`, not linked."""
    return new_code(mockads_sandbox, creator["creator_id"], "summer drop #fit", days=30)


@pytest.fixture
def remix_pair(mockads_sandbox):
    """Creator A's public post with its code, and a creator B ready to remix it."""
    a = ready_creator(mockads_sandbox)
    b = ready_creator(mockads_sandbox)
    original = new_code(mockads_sandbox, a["creator_id"], "original dance")
    return a, b, original


# -- tt_video/info ----------------------------------------------------------------------------


def test_tt_video_info_shows_the_post_behind_a_new_code(mockads_sandbox, creator, code):
    body = tt_video_info(mockads_sandbox, code["auth_code"])
    assert body["code"] == 0, body
    item = body["data"]["item_info"]
    assert (item["auth_code"], item["item_id"], item["text"]) == (
        code["auth_code"],
        code["item_id"],
        "summer drop #fit",
    )
    assert (item["item_type"], item["status"]) == ("VIDEO", "PUBLISHED")
    assert (item["duet_original_item_id"], item["stitch_original_item_id"]) == (None, None)


def test_tt_video_info_shows_the_creator_as_an_auth_code_identity(mockads_sandbox, creator, code):
    user = tt_video_info(mockads_sandbox, code["auth_code"])["data"]["user_info"]
    assert user == {
        "identity_id": creator["identity_id"],
        "identity_type": "AUTH_CODE",
        "tiktok_name": creator["handle"],
        "profile_image": creator["profile_image"],
    }


def test_tt_video_info_shows_the_video(mockads_sandbox, code):
    video = tt_video_info(mockads_sandbox, code["auth_code"])["data"]["video_info"]
    assert video["video_id"].startswith("v10033g50000")
    assert (video["format"], video["width"], video["height"]) == ("mp4", 1080, 1920)
    assert video["duration"] > 0 and video["size"] > 0


def test_tt_video_info_shows_the_authorization_window(mockads_sandbox, code):
    auth = tt_video_info(mockads_sandbox, code["auth_code"])["data"]["auth_info"]
    assert auth == {
        "ad_auth_status": "AUTHORIZED",
        "auth_start_time": code["auth_start_time"],
        "auth_end_time": code["auth_end_time"],
        "invite_start_time": None,
    }


def test_tt_video_info_links_nothing(mockads_sandbox, code):
    with unchanged(mockads_sandbox):
        assert tt_video_info(mockads_sandbox, code["auth_code"])["code"] == 0


# -- tt_video/authorize: linking --------------------------------------------------------------


def test_tt_video_authorize_links_the_post(mockads_sandbox, code):
    body = _link(mockads_sandbox, code["auth_code"])
    assert (body["code"], body["data"]) == (0, {})
    assert code["item_id"] in linked_ids(mockads_sandbox)


def test_tt_video_list_shows_a_linked_post_with_its_period_and_link_time(mockads_sandbox, code):
    now = freeze(mockads_sandbox)
    _link(mockads_sandbox, code["auth_code"])
    newest = tt_video_list(mockads_sandbox)[0]
    assert newest["item_info"]["auth_code"] == code["auth_code"]
    assert newest["user_info"]["identity_type"] == "AUTH_CODE"
    assert newest["auth_info"] == {
        "ad_auth_status": "AUTHORIZED",
        "auth_start_time": code["auth_start_time"],
        "auth_end_time": code["auth_end_time"],
        "invite_start_time": now,
    }


def test_tt_video_info_shows_the_link_time_once_linked(mockads_sandbox, code):
    now = freeze(mockads_sandbox)
    _link(mockads_sandbox, code["auth_code"])
    auth = tt_video_info(mockads_sandbox, code["auth_code"])["data"]["auth_info"]
    assert auth["invite_start_time"] == now


# -- tt_video/authorize: one reason per failure -----------------------------------------------


def test_authorize_refuses_a_plus_that_arrived_as_a_space(mockads_sandbox, creator):
    code = next(
        c["auth_code"]
        for c in (new_code(mockads_sandbox, creator["creator_id"], f"p{n}") for n in range(12))
        if "+" in c["auth_code"]
    )
    with unchanged(mockads_sandbox):
        spark_refusal(_link(mockads_sandbox, code.replace("+", " ")), "AUTH_CODE_MALFORMED")


def test_tt_video_info_refuses_a_code_sent_unencoded_in_the_query(mockads_sandbox, creator):
    code = next(
        c["auth_code"]
        for c in (new_code(mockads_sandbox, creator["creator_id"], f"p{n}") for n in range(12))
        if "+" in c["auth_code"]
    )
    query = f"advertiser_id={mockads_sandbox.advertiser_id}&auth_code=%23{code[1:]}"
    response = mockads_sandbox.client.get(
        f"{MIRROR}/tt_video/info/?{query}", headers={"Access-Token": mockads_sandbox.access_token}
    )
    spark_refusal(response.get_json(), "AUTH_CODE_MALFORMED")


@pytest.mark.parametrize(
    "mangle",
    [lambda c: c[1:], lambda c: c[:-1], lambda c: c + "A", lambda c: c[:20] + "-" + c[21:]],
    ids=["no-hash", "short", "long", "bad-char"],
)
def test_authorize_refuses_a_malformed_code(mockads_sandbox, code, mangle):
    with unchanged(mockads_sandbox):
        spark_refusal(_link(mockads_sandbox, mangle(code["auth_code"])), "AUTH_CODE_MALFORMED")


def test_authorize_refuses_an_unknown_code(mockads_sandbox, code):
    unknown = code["auth_code"][:-4] + ("AAAA" if code["auth_code"][-4:] != "AAAA" else "BBBB")
    with unchanged(mockads_sandbox):
        spark_refusal(_link(mockads_sandbox, unknown), "AUTH_CODE_NOT_FOUND")


def test_authorize_refuses_a_code_the_creator_cancelled(mockads_sandbox, code):
    call(mockads_sandbox, "DELETE", f"/posts/{code['item_id']}/authorization")
    with unchanged(mockads_sandbox):
        spark_refusal(_link(mockads_sandbox, code["auth_code"]), "AUTH_CODE_REVOKED")


def test_authorize_refuses_a_code_past_its_end_time(mockads_sandbox, creator):
    code = new_code(mockads_sandbox, creator["creator_id"], "week", days=7)
    advance(mockads_sandbox, 7 * DAY + 1)
    with unchanged(mockads_sandbox):
        message = spark_refusal(_link(mockads_sandbox, code["auth_code"]), "AUTH_CODE_EXPIRED")
    assert code["auth_end_time"] in message


def test_authorize_links_a_code_just_before_its_end_time(mockads_sandbox, creator):
    code = new_code(mockads_sandbox, creator["creator_id"], "week", days=7)
    advance(mockads_sandbox, 7 * DAY - 120)
    assert _link(mockads_sandbox, code["auth_code"])["code"] == 0


def test_authorize_refuses_a_code_invalidated_by_a_caption_edit(mockads_sandbox, code):
    path = f"/posts/{code['item_id']}"
    call(mockads_sandbox, "PATCH", path, {"ad_authorization": False})
    assert call(mockads_sandbox, "PATCH", path, {"caption": "edited"})[0] == 200
    with unchanged(mockads_sandbox):
        spark_refusal(_link(mockads_sandbox, code["auth_code"]), "AUTH_CODE_INVALIDATED")


def test_authorize_refuses_a_code_of_a_deleted_post(mockads_sandbox, code):
    call(mockads_sandbox, "DELETE", f"/posts/{code['item_id']}")
    with unchanged(mockads_sandbox):
        spark_refusal(_link(mockads_sandbox, code["auth_code"]), "POST_DELETED")


@pytest.mark.parametrize("privacy", ["PRIVATE", "FRIENDS"])
def test_authorize_refuses_a_post_that_is_no_longer_public(mockads_sandbox, code, privacy):
    call(mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"privacy": privacy})
    with unchanged(mockads_sandbox):
        message = spark_refusal(_link(mockads_sandbox, code["auth_code"]), "POST_NOT_PUBLIC")
    assert privacy in message


def test_authorize_refuses_a_post_already_linked(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    with unchanged(mockads_sandbox):
        message = spark_refusal(_link(mockads_sandbox, code["auth_code"]), "POST_ALREADY_LINKED")
    assert code["item_id"] in message


def test_authorize_renews_a_link_whose_code_expired_with_a_new_code(mockads_sandbox, creator):
    week = new_code(mockads_sandbox, creator["creator_id"], "renew me", days=7)
    _link(mockads_sandbox, week["auth_code"])
    path = f"/posts/{week['item_id']}"
    advance(mockads_sandbox, 7 * DAY + 1)  # the linking code lapses...
    call(mockads_sandbox, "PATCH", path, {"ad_authorization": False})
    renewal = authorize(mockads_sandbox, week["item_id"], days=30)
    assert _link(mockads_sandbox, renewal["auth_code"])["code"] == 0  # ... so a new one renews
    listed = _listed(mockads_sandbox, week["item_id"])
    assert listed["item_info"]["auth_code"] == renewal["auth_code"]
    assert listed["auth_info"]["ad_auth_status"] == "AUTHORIZED"
    assert linked_ids(mockads_sandbox).count(week["item_id"]) == 1


def test_authorize_renews_a_link_whose_code_the_creator_cancelled(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    call(mockads_sandbox, "DELETE", f"/posts/{code['item_id']}/authorization")
    renewal = authorize(mockads_sandbox, code["item_id"], days=60)
    assert _link(mockads_sandbox, renewal["auth_code"])["code"] == 0
    assert (
        _listed(mockads_sandbox, code["item_id"])["item_info"]["auth_code"] == renewal["auth_code"]
    )


def test_authorize_refuses_an_advertiser_of_another_sandbox(mockads_sandbox, other_sandbox, code):
    with unchanged(mockads_sandbox):
        body = _link(mockads_sandbox, code["auth_code"], advertiser_id=other_sandbox.advertiser_id)
    assert (body["code"], body["data"]) == (40001, {})
    assert body["message"].startswith("advertiser_id: ")
    assert code["item_id"] not in linked_ids(other_sandbox)


def test_tt_video_info_refuses_an_advertiser_of_another_sandbox(
    mockads_sandbox, other_sandbox, code
):
    body = mockads_sandbox.get(
        "tt_video/info/", advertiser_id=other_sandbox.advertiser_id, auth_code=code["auth_code"]
    )
    assert (body["code"], body["data"]) == (40001, {})


def test_another_sandbox_cannot_find_the_code(mockads_sandbox, other_sandbox, code):
    spark_refusal(tt_video_info(other_sandbox, code["auth_code"]), "AUTH_CODE_NOT_FOUND")


# -- Duet and Stitch (the Smart+ seed) --------------------------------------------------------


@pytest.mark.parametrize(("kind", "word"), [("duet_of", "duet"), ("stitch_of", "stitch")])
def test_a_remix_with_its_own_code_alone_needs_the_original_code(
    mockads_sandbox, remix_pair, kind, word
):
    _, b, original = remix_pair
    remix = new_code(mockads_sandbox, b["creator_id"], "my take", **{kind: original["item_id"]})
    with unchanged(mockads_sandbox):
        message = spark_refusal(
            _link(mockads_sandbox, remix["auth_code"]), "ORIGINAL_POST_AUTH_CODE_REQUIRED", ORIGINAL
        )
    assert f"{word} of post {original['item_id']}" in message


@pytest.mark.parametrize("kind", ["duet_of", "stitch_of"])
def test_a_remix_links_with_the_original_posts_code(mockads_sandbox, remix_pair, kind):
    _, b, original = remix_pair
    remix = new_code(mockads_sandbox, b["creator_id"], "my take", **{kind: original["item_id"]})
    body = _link(mockads_sandbox, remix["auth_code"], original["auth_code"])
    assert body["code"] == 0, body
    listed = _listed(mockads_sandbox, remix["item_id"])["item_info"]
    other = "stitch_original_item_id" if kind == "duet_of" else "duet_original_item_id"
    assert listed[kind.replace("_of", "_original_item_id")] == original["item_id"]
    assert listed[other] is None


def test_linking_a_remix_does_not_link_the_original_post(mockads_sandbox, remix_pair):
    _, b, original = remix_pair
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    _link(mockads_sandbox, duet["auth_code"], original["auth_code"])
    linked = linked_ids(mockads_sandbox)
    assert duet["item_id"] in linked and original["item_id"] not in linked
    assert _link(mockads_sandbox, original["auth_code"])["code"] == 0


def test_a_remix_links_when_the_original_post_is_linked_already(mockads_sandbox, remix_pair):
    _, b, original = remix_pair
    _link(mockads_sandbox, original["auth_code"])
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    assert _link(mockads_sandbox, duet["auth_code"], original["auth_code"])["code"] == 0


def test_a_remix_of_ones_own_post_needs_no_original_code(mockads_sandbox, remix_pair):
    a, _, original = remix_pair
    own = new_code(mockads_sandbox, a["creator_id"], "part 2", stitch_of=original["item_id"])
    assert _link(mockads_sandbox, own["auth_code"])["code"] == 0
    assert own["item_id"] in linked_ids(mockads_sandbox)


def test_tt_video_info_shows_the_original_of_a_duet(mockads_sandbox, remix_pair):
    _, b, original = remix_pair
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    item = tt_video_info(mockads_sandbox, duet["auth_code"])["data"]["item_info"]
    assert (item["duet_original_item_id"], item["stitch_original_item_id"]) == (
        original["item_id"],
        None,
    )


def test_a_remix_refuses_the_code_of_another_post_as_original(mockads_sandbox, remix_pair):
    a, b, original = remix_pair
    other = new_code(mockads_sandbox, a["creator_id"], "another post")
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    with unchanged(mockads_sandbox):
        message = spark_refusal(
            _link(mockads_sandbox, duet["auth_code"], other["auth_code"]),
            "ORIGINAL_POST_AUTH_CODE_MISMATCH",
            ORIGINAL,
        )
    assert other["item_id"] in message and original["item_id"] in message


def test_a_remix_refuses_an_expired_original_code(mockads_sandbox):
    a, b = ready_creator(mockads_sandbox), ready_creator(mockads_sandbox)
    original = new_code(mockads_sandbox, a["creator_id"], "original", days=7)
    advance(mockads_sandbox, 8 * DAY)
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    with unchanged(mockads_sandbox):
        message = spark_refusal(
            _link(mockads_sandbox, duet["auth_code"], original["auth_code"]),
            "AUTH_CODE_EXPIRED",
            ORIGINAL,
        )
    assert original["auth_end_time"] in message


def test_a_remix_refuses_a_revoked_original_code(mockads_sandbox, remix_pair):
    _, b, original = remix_pair
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    call(mockads_sandbox, "DELETE", f"/posts/{original['item_id']}/authorization")
    with unchanged(mockads_sandbox):
        spark_refusal(
            _link(mockads_sandbox, duet["auth_code"], original["auth_code"]),
            "AUTH_CODE_REVOKED",
            ORIGINAL,
        )


def test_a_remix_refuses_an_unknown_original_code(mockads_sandbox, remix_pair):
    _, b, original = remix_pair
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    unknown = "#" + "Q" * 64
    with unchanged(mockads_sandbox):
        spark_refusal(
            _link(mockads_sandbox, duet["auth_code"], unknown), "AUTH_CODE_NOT_FOUND", ORIGINAL
        )


def test_a_remix_refuses_a_malformed_original_code(mockads_sandbox, remix_pair):
    _, b, original = remix_pair
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    with unchanged(mockads_sandbox):
        spark_refusal(
            _link(mockads_sandbox, duet["auth_code"], original["auth_code"][1:]),
            "AUTH_CODE_MALFORMED",
            ORIGINAL,
        )


def test_a_remix_whose_original_was_deleted_cannot_be_linked(mockads_sandbox, remix_pair):
    _, b, original = remix_pair
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    call(mockads_sandbox, "DELETE", f"/posts/{original['item_id']}")
    with unchanged(mockads_sandbox):
        spark_refusal(
            _link(mockads_sandbox, duet["auth_code"], original["auth_code"]),
            "POST_DELETED",
            ORIGINAL,
        )


def test_a_remix_code_that_fails_itself_is_reported_before_the_original(
    mockads_sandbox, remix_pair
):
    _, b, original = remix_pair
    duet = new_code(mockads_sandbox, b["creator_id"], "duet", duet_of=original["item_id"])
    call(mockads_sandbox, "DELETE", f"/posts/{duet['item_id']}/authorization")
    with unchanged(mockads_sandbox):
        spark_refusal(_link(mockads_sandbox, duet["auth_code"]), "AUTH_CODE_REVOKED")


# -- expiry and revocation act at once --------------------------------------------------------


def test_a_linked_post_shows_expired_once_the_clock_passes_its_end_time(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    advance(mockads_sandbox, 30 * DAY)
    assert _listed(mockads_sandbox, code["item_id"])["auth_info"]["ad_auth_status"] == "EXPIRED"
    info = tt_video_info(mockads_sandbox, code["auth_code"])["data"]["auth_info"]
    assert info["ad_auth_status"] == "EXPIRED"


def test_a_linked_post_stays_authorized_until_its_end_time(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    advance(mockads_sandbox, 30 * DAY - 120)
    assert _listed(mockads_sandbox, code["item_id"])["auth_info"]["ad_auth_status"] == "AUTHORIZED"


def test_a_linked_post_shows_cancelled_once_the_creator_switches_authorization_off(
    mockads_sandbox, code
):
    _link(mockads_sandbox, code["auth_code"])
    call(mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"ad_authorization": False})
    assert _listed(mockads_sandbox, code["item_id"])["auth_info"]["ad_auth_status"] == "CANCELLED"
    info = tt_video_info(mockads_sandbox, code["auth_code"])["data"]["auth_info"]
    assert info["ad_auth_status"] == "CANCELLED"


def test_a_linked_post_shows_cancelled_once_the_authorization_is_deleted(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    call(mockads_sandbox, "DELETE", f"/posts/{code['item_id']}/authorization")
    assert _listed(mockads_sandbox, code["item_id"])["auth_info"]["ad_auth_status"] == "CANCELLED"


def test_a_linked_post_keeps_its_period_in_tt_video_list_after_it_ended(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    advance(mockads_sandbox, 31 * DAY)
    auth = _listed(mockads_sandbox, code["item_id"])["auth_info"]
    assert (auth["auth_start_time"], auth["auth_end_time"]) == (
        code["auth_start_time"],
        code["auth_end_time"],
    )


def test_the_creator_sees_a_linked_code_expire_too(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    advance(mockads_sandbox, 30 * DAY)
    post = post_of(mockads_sandbox, code["item_id"])
    assert post["auth_code"] is None
    assert [c["ad_auth_status"] for c in post["codes"]] == ["EXPIRED"]


# -- tt_video/unbind --------------------------------------------------------------------------


def test_unbind_unlinks_the_post(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    body = _unbind(mockads_sandbox, code["item_id"])
    assert (body["code"], body["data"]) == (0, {})
    assert code["item_id"] not in linked_ids(mockads_sandbox)


def test_unbind_lets_the_same_code_link_again(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    _unbind(mockads_sandbox, code["item_id"])
    assert _link(mockads_sandbox, code["auth_code"])["code"] == 0
    assert code["item_id"] in linked_ids(mockads_sandbox)


def test_unbind_leaves_the_other_links(mockads_sandbox, code):
    before = linked_ids(mockads_sandbox)
    _link(mockads_sandbox, code["auth_code"])
    _unbind(mockads_sandbox, code["item_id"])
    assert linked_ids(mockads_sandbox) == before


def test_unbind_unlinks_a_post_whose_code_expired(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    advance(mockads_sandbox, 31 * DAY)
    assert _unbind(mockads_sandbox, code["item_id"])["code"] == 0
    assert code["item_id"] not in linked_ids(mockads_sandbox)


def test_unbind_refuses_a_post_that_is_not_linked(mockads_sandbox, code):
    with unchanged(mockads_sandbox):
        message = spark_refusal(
            _unbind(mockads_sandbox, code["item_id"]), "POST_NOT_LINKED", "item_id"
        )
    assert code["item_id"] in message


def test_unbind_refuses_a_post_unbound_already(mockads_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    _unbind(mockads_sandbox, code["item_id"])
    with unchanged(mockads_sandbox):
        spark_refusal(_unbind(mockads_sandbox, code["item_id"]), "POST_NOT_LINKED", "item_id")


def test_unbind_requires_item_id(mockads_sandbox):
    with unchanged(mockads_sandbox):
        body = mockads_sandbox.post(
            "tt_video/unbind/", {"advertiser_id": mockads_sandbox.advertiser_id}
        )
    assert (body["code"], body["data"]) == (40002, {})
    assert body["message"].startswith("item_id: ")


def test_unbind_refuses_an_advertiser_of_another_sandbox(mockads_sandbox, other_sandbox, code):
    _link(mockads_sandbox, code["auth_code"])
    with unchanged(mockads_sandbox):
        body = other_sandbox.post(
            "tt_video/unbind/",
            {"advertiser_id": mockads_sandbox.advertiser_id, "item_id": code["item_id"]},
        )
    assert body["code"] == 40001
