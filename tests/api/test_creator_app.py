"""The creator-app simulator (`/_mockads/v1/sandboxes/{sid}/creators|posts/...`), step by step.

Each step of the seeds' "generate a video code" flow is done through HTTP; every refusal is
checked for its HTTP status and `error.code`, and for changing nothing.
"""

from __future__ import annotations

import pytest

from tests.api.lifecycle_helpers import (
    CODE,
    DAY,
    advance,
    authorize,
    call,
    control_error,
    freeze,
    linked_ids,
    make_creator,
    make_creator_ready,
    make_post,
    new_code,
    post_of,
    ready_creator,
    seconds_between,
    spark_refusal,
    tt_video_info,
    unchanged,
)

MISSING_ID = "7000000000000000001"


def _authorize_link(sandbox, auth_code):
    body = {"advertiser_id": sandbox.advertiser_id, "auth_code": auth_code}
    return sandbox.post("tt_video/authorize/", body)


def _generate(sandbox, item_id, days=30):
    return call(sandbox, "POST", f"/posts/{item_id}/authorization", {"days": days})


# -- creators ---------------------------------------------------------------------------------


def test_create_creator_starts_with_authorized_posts_off_and_terms_not_agreed(mockads_sandbox):
    creator = make_creator(mockads_sandbox, handle="new.face", display_name="New Face")
    assert (creator["allow_authorized_posts"], creator["accepted_ad_terms"]) == (False, False)
    assert (creator["handle"], creator["display_name"]) == ("new.face", "New Face")
    assert call(mockads_sandbox, "GET", f"/creators/{creator['creator_id']}") == (200, creator)


def test_create_creator_lists_the_creator(mockads_sandbox):
    creator = make_creator(mockads_sandbox)
    _, body = call(mockads_sandbox, "GET", "/creators")
    assert creator in body["creators"]


def test_create_creator_uses_the_handle_as_display_name_by_default(mockads_sandbox):
    creator = make_creator(mockads_sandbox, handle="plain_handle")
    assert creator["display_name"] == "plain_handle"


def test_create_creator_refuses_a_handle_taken_in_the_sandbox(mockads_sandbox):
    make_creator(mockads_sandbox, handle="taken.handle")
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "POST", "/creators", {"handle": "taken.handle"})
    control_error(answer, 409, "CONFLICT")


def test_create_creator_refuses_the_handle_of_a_scenario_creator(mockads_sandbox):
    handle = mockads_sandbox.summary["creators"][0]["handle"]
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "POST", "/creators", {"handle": handle})
    control_error(answer, 409, "CONFLICT")


@pytest.mark.parametrize("handle", ["Upper", "has space", "x" * 25])
def test_create_creator_refuses_a_malformed_handle(mockads_sandbox, handle):
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "POST", "/creators", {"handle": handle})
    assert control_error(answer, 400, "INVALID_PARAMETER")["message"].startswith("handle: ")


def test_update_creator_refuses_withdrawing_agreed_ad_terms(mockads_sandbox):
    creator = ready_creator(mockads_sandbox)
    path = f"/creators/{creator['creator_id']}"
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "PATCH", path, {"accepted_ad_terms": False})
    control_error(answer, 409, "AD_TERMS_CANNOT_BE_WITHDRAWN")
    assert call(mockads_sandbox, "GET", path)[1]["accepted_ad_terms"] is True


def test_update_creator_switches_authorized_posts_off_again(mockads_sandbox):
    creator = ready_creator(mockads_sandbox)
    path = f"/creators/{creator['creator_id']}"
    status, body = call(mockads_sandbox, "PATCH", path, {"allow_authorized_posts": False})
    assert status == 200
    assert (body["allow_authorized_posts"], body["accepted_ad_terms"]) == (False, True)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_update_creator_refuses_a_switch_that_is_not_a_boolean(mockads_sandbox, value):
    creator = make_creator(mockads_sandbox)
    with unchanged(mockads_sandbox):
        answer = call(
            mockads_sandbox,
            "PATCH",
            f"/creators/{creator['creator_id']}",
            {"allow_authorized_posts": value},
        )
    control_error(answer, 400, "INVALID_PARAMETER")


# -- the steps to a code ----------------------------------------------------------------------


def test_generate_code_is_refused_at_each_step_until_every_step_is_done(mockads_sandbox):
    """Profile switch, terms, toggle: each refusal names the first step not done yet."""
    sandbox = mockads_sandbox
    creator_id = make_creator(sandbox)["creator_id"]
    item_id = make_post(sandbox, creator_id, "my best take")["item_id"]
    steps = [
        (
            "AUTHORIZED_POSTS_NOT_ALLOWED",
            f"/creators/{creator_id}",
            {"allow_authorized_posts": True},
        ),
        ("AD_TERMS_NOT_ACCEPTED", f"/creators/{creator_id}", {"accepted_ad_terms": True}),
        ("AD_AUTHORIZATION_OFF", f"/posts/{item_id}", {"ad_authorization": True}),
    ]
    for reason, path, step in steps:
        with unchanged(sandbox):
            error = control_error(_generate(sandbox, item_id), 409, reason)
        assert error["message"].startswith(f"[{reason}] ")
        assert call(sandbox, "PATCH", path, step)[0] == 200
    status, code = _generate(sandbox, item_id)
    assert status == 201
    assert post_of(sandbox, item_id)["auth_code"] == code["auth_code"]


def test_switching_ad_authorization_on_before_the_terms_is_refused(mockads_sandbox):
    creator_id = make_creator(mockads_sandbox)["creator_id"]
    call(mockads_sandbox, "PATCH", f"/creators/{creator_id}", {"allow_authorized_posts": True})
    item_id = make_post(mockads_sandbox, creator_id, "caption")["item_id"]
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "PATCH", f"/posts/{item_id}", {"ad_authorization": True})
    control_error(answer, 409, "AD_TERMS_NOT_ACCEPTED")
    assert post_of(mockads_sandbox, item_id)["ad_authorization"] is False


def test_switching_ad_authorization_on_before_allowing_authorized_posts_is_refused(
    mockads_sandbox,
):
    creator_id = make_creator(mockads_sandbox)["creator_id"]
    item_id = make_post(mockads_sandbox, creator_id, "caption")["item_id"]
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "PATCH", f"/posts/{item_id}", {"ad_authorization": True})
    control_error(answer, 409, "AUTHORIZED_POSTS_NOT_ALLOWED")


@pytest.mark.parametrize("days", [7, 30, 60, 365])
def test_generate_code_lasts_the_chosen_period(mockads_sandbox, days):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    now = freeze(mockads_sandbox)
    code = new_code(mockads_sandbox, creator_id, "period", days=days)
    assert code["days"] == days
    assert code["auth_start_time"] == now
    assert seconds_between(code["auth_start_time"], code["auth_end_time"]) == days * DAY
    assert code["ad_auth_status"] == "AUTHORIZED"


def test_generate_code_makes_a_code_shaped_like_the_apps(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    for n in range(5):
        assert CODE.fullmatch(new_code(mockads_sandbox, creator_id, f"post {n}")["auth_code"])


def test_generate_code_shows_the_code_in_the_posts_ad_settings(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "shown")
    post = post_of(mockads_sandbox, code["item_id"])
    assert post["auth_code"] == code["auth_code"]
    assert post["codes"] == [code]
    assert post["ad_authorization"] is True


@pytest.mark.parametrize("days", [0, 14, 366, "30", 30.5, None])
def test_generate_code_refuses_other_periods(mockads_sandbox, days):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    item_id = make_post(mockads_sandbox, creator_id, "caption")["item_id"]
    call(mockads_sandbox, "PATCH", f"/posts/{item_id}", {"ad_authorization": True})
    with unchanged(mockads_sandbox):
        error = control_error(_generate(mockads_sandbox, item_id, days), 400, "INVALID_PARAMETER")
    assert error["message"].startswith("days: ")


def test_generate_code_refuses_a_body_without_days(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    item_id = make_post(mockads_sandbox, creator_id, "x")["item_id"]
    call(mockads_sandbox, "PATCH", f"/posts/{item_id}", {"ad_authorization": True})
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "POST", f"/posts/{item_id}/authorization", {})
    control_error(answer, 400, "INVALID_PARAMETER")


def test_generate_code_refuses_while_a_code_is_valid(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "once")
    with unchanged(mockads_sandbox):
        error = control_error(
            _generate(mockads_sandbox, code["item_id"]), 409, "AUTHORIZATION_ACTIVE"
        )
    assert code["auth_end_time"] in error["message"]
    assert post_of(mockads_sandbox, code["item_id"])["codes"] == [code]


@pytest.mark.parametrize("privacy", ["PRIVATE", "FRIENDS"])
def test_generate_code_refuses_a_post_that_is_not_public(mockads_sandbox, privacy):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    item_id = make_post(mockads_sandbox, creator_id, "hidden", privacy=privacy)["item_id"]
    call(mockads_sandbox, "PATCH", f"/posts/{item_id}", {"ad_authorization": True})
    with unchanged(mockads_sandbox):
        error = control_error(_generate(mockads_sandbox, item_id), 409, "CODE_NEEDS_PUBLIC_POST")
    assert privacy in error["message"]


# -- what the creator does afterwards ---------------------------------------------------------


def test_caption_edit_is_refused_while_the_post_is_authorized(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "final caption")
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"caption": "edited"})
    control_error(answer, 409, "CAPTION_LOCKED")
    assert post_of(mockads_sandbox, code["item_id"])["caption"] == "final caption"


def test_switching_ad_authorization_off_cancels_the_code(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "to cancel")
    status, post = call(
        mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"ad_authorization": False}
    )
    assert status == 200
    assert (post["ad_authorization"], post["auth_code"]) == (False, None)
    assert [c["ad_auth_status"] for c in post["codes"]] == ["CANCELLED"]
    with unchanged(mockads_sandbox):
        spark_refusal(_authorize_link(mockads_sandbox, code["auth_code"]), "AUTH_CODE_REVOKED")


def test_deleting_the_authorization_cancels_the_code(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "to cancel")
    status, post = call(mockads_sandbox, "DELETE", f"/posts/{code['item_id']}/authorization")
    assert status == 200
    assert (post["ad_authorization"], post["auth_code"]) == (False, None)
    assert [c["ad_auth_status"] for c in post["codes"]] == ["CANCELLED"]
    with unchanged(mockads_sandbox):
        spark_refusal(_authorize_link(mockads_sandbox, code["auth_code"]), "AUTH_CODE_REVOKED")


def test_a_new_code_can_be_generated_after_switching_off_and_on(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    first = new_code(mockads_sandbox, creator_id, "again")
    call(mockads_sandbox, "DELETE", f"/posts/{first['item_id']}/authorization")
    second = authorize(mockads_sandbox, first["item_id"])
    assert second["auth_code"] != first["auth_code"]
    statuses = {
        c["auth_code"]: c["ad_auth_status"]
        for c in post_of(mockads_sandbox, first["item_id"])["codes"]
    }
    assert statuses == {first["auth_code"]: "CANCELLED", second["auth_code"]: "AUTHORIZED"}
    assert _authorize_link(mockads_sandbox, second["auth_code"])["code"] == 0


def test_caption_edit_after_switching_off_succeeds_and_invalidates_the_old_code(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "first words")
    call(mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"ad_authorization": False})
    status, post = call(
        mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"caption": "new words"}
    )
    assert status == 200
    assert post["caption"] == "new words"
    assert [c["ad_auth_status"] for c in post["codes"]] == ["INVALID"]
    with unchanged(mockads_sandbox):
        spark_refusal(_authorize_link(mockads_sandbox, code["auth_code"]), "AUTH_CODE_INVALIDATED")


def test_caption_edit_after_the_code_expired_succeeds_and_needs_a_new_code(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "weekly", days=7)
    advance(mockads_sandbox, 7 * DAY)
    status, post = call(mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"caption": "later"})
    assert (status, post["caption"]) == (200, "later")
    assert [c["ad_auth_status"] for c in post["codes"]] == ["INVALID"]
    status, fresh = _generate(mockads_sandbox, code["item_id"])
    assert status == 201
    assert _authorize_link(mockads_sandbox, fresh["auth_code"])["code"] == 0


def test_a_new_code_can_be_generated_once_the_old_one_expired(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "weekly", days=7)
    advance(mockads_sandbox, 7 * DAY)
    status, fresh = _generate(mockads_sandbox, code["item_id"], days=60)
    assert status == 201
    assert fresh["auth_code"] != code["auth_code"]
    statuses = [c["ad_auth_status"] for c in post_of(mockads_sandbox, code["item_id"])["codes"]]
    assert statuses == ["EXPIRED", "AUTHORIZED"]


def test_deleting_a_post_makes_its_code_fail_with_post_deleted(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "short-lived")
    assert call(mockads_sandbox, "DELETE", f"/posts/{code['item_id']}") == (204, None)
    assert post_of(mockads_sandbox, code["item_id"])["deleted"] is True
    with unchanged(mockads_sandbox):
        spark_refusal(_authorize_link(mockads_sandbox, code["auth_code"]), "POST_DELETED")
        spark_refusal(tt_video_info(mockads_sandbox, code["auth_code"]), "POST_DELETED")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PATCH", "/posts/{}", {"caption": "x"}),
        ("DELETE", "/posts/{}", None),
        ("POST", "/posts/{}/authorization", {"days": 30}),
        ("DELETE", "/posts/{}/authorization", None),
    ],
)
def test_a_deleted_post_cannot_be_changed(mockads_sandbox, method, path, body):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    item_id = make_post(mockads_sandbox, creator_id, "gone")["item_id"]
    call(mockads_sandbox, "DELETE", f"/posts/{item_id}")
    with unchanged(mockads_sandbox):
        control_error(call(mockads_sandbox, method, path.format(item_id), body), 404, "NOT_FOUND")


@pytest.mark.parametrize("privacy", ["PRIVATE", "FRIENDS"])
def test_making_a_post_private_after_the_code_makes_linking_fail(mockads_sandbox, privacy):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "was public")
    status, post = call(mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"privacy": privacy})
    assert (status, post["privacy"]) == (200, privacy)
    with unchanged(mockads_sandbox):
        message = spark_refusal(
            _authorize_link(mockads_sandbox, code["auth_code"]), "POST_NOT_PUBLIC"
        )
    assert privacy in message


def test_ads_only_mode_can_be_switched_on(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "ads only")
    status, post = call(
        mockads_sandbox, "PATCH", f"/posts/{code['item_id']}", {"ads_only_mode": True}
    )
    assert (status, post["ads_only_mode"], post["auth_code"]) == (200, True, code["auth_code"])


# -- posts: remixes and carousels -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["duet_of", "stitch_of"])
def test_a_remix_records_its_original(mockads_sandbox, kind):
    original = make_post(mockads_sandbox, make_creator(mockads_sandbox)["creator_id"], "original")
    remixer = make_creator(mockads_sandbox)["creator_id"]
    remix = make_post(mockads_sandbox, remixer, "remix", **{kind: original["item_id"]})
    other = "stitch_of" if kind == "duet_of" else "duet_of"
    assert (remix[kind], remix[other]) == (original["item_id"], None)


@pytest.mark.parametrize("kind", ["duet_of", "stitch_of"])
@pytest.mark.parametrize("privacy", ["PRIVATE", "FRIENDS"])
def test_a_remix_of_a_post_that_is_not_public_is_refused(mockads_sandbox, kind, privacy):
    author = make_creator(mockads_sandbox)["creator_id"]
    hidden = make_post(mockads_sandbox, author, "hidden", privacy=privacy)["item_id"]
    remixer = make_creator(mockads_sandbox)["creator_id"]
    with unchanged(mockads_sandbox):
        answer = call(
            mockads_sandbox, "POST", f"/creators/{remixer}/posts", {"caption": "r", kind: hidden}
        )
    assert control_error(answer, 400, "INVALID_PARAMETER")["message"].startswith(f"{kind}: ")


@pytest.mark.parametrize("kind", ["duet_of", "stitch_of"])
def test_a_remix_of_a_deleted_post_is_refused_with_400(mockads_sandbox, kind):
    author = make_creator(mockads_sandbox)["creator_id"]
    gone = make_post(mockads_sandbox, author, "gone")["item_id"]
    call(mockads_sandbox, "DELETE", f"/posts/{gone}")
    remixer = make_creator(mockads_sandbox)["creator_id"]
    with unchanged(mockads_sandbox):
        answer = call(
            mockads_sandbox, "POST", f"/creators/{remixer}/posts", {"caption": "r", kind: gone}
        )
    assert control_error(answer, 400, "INVALID_PARAMETER")["message"].startswith(f"{kind}: ")


@pytest.mark.parametrize("kind", ["duet_of", "stitch_of"])
def test_a_remix_of_an_unknown_post_conflicts_with_the_sandbox(mockads_sandbox, kind):
    remixer = make_creator(mockads_sandbox)["creator_id"]
    with unchanged(mockads_sandbox):
        answer = call(
            mockads_sandbox,
            "POST",
            f"/creators/{remixer}/posts",
            {"caption": "r", kind: MISSING_ID},
        )
    message = control_error(answer, 409, "CONFLICT")["message"]
    assert message == f"{kind}: post {MISSING_ID} does not exist in this sandbox."


def test_a_post_that_is_both_duet_and_stitch_is_refused(mockads_sandbox):
    author = make_creator(mockads_sandbox)["creator_id"]
    original = make_post(mockads_sandbox, author, "original")["item_id"]
    remixer = make_creator(mockads_sandbox)["creator_id"]
    body = {"caption": "both", "duet_of": original, "stitch_of": original}
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "POST", f"/creators/{remixer}/posts", body)
    control_error(answer, 400, "INVALID_PARAMETER")


def test_a_carousel_post_gets_a_code_and_tt_video_info_shows_its_images(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "slides", item_type="CAROUSEL")
    assert post_of(mockads_sandbox, code["item_id"])["item_type"] == "CAROUSEL"
    body = tt_video_info(mockads_sandbox, code["auth_code"])
    assert body["code"] == 0, body
    item = body["data"]["item_info"]
    assert (item["item_type"], item["item_id"]) == ("CAROUSEL", code["item_id"])
    images = item["carousel_info"]["image_info"]
    assert images
    for image in images:
        assert image["image_url"].startswith("https://")
        assert image["image_width"] > 0 and image["image_height"] > 0
    assert item["carousel_info"]["music_info"]["music_url"].startswith("https://")


def test_a_carousel_code_links(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "slides", item_type="CAROUSEL")
    assert _authorize_link(mockads_sandbox, code["auth_code"])["code"] == 0
    assert code["item_id"] in linked_ids(mockads_sandbox)


def test_a_video_shows_no_carousel_info_in_tt_video_info(mockads_sandbox):
    creator_id = ready_creator(mockads_sandbox)["creator_id"]
    code = new_code(mockads_sandbox, creator_id, "video")
    assert (
        "carousel_info"
        not in tt_video_info(mockads_sandbox, code["auth_code"])["data"]["item_info"]
    )


@pytest.mark.parametrize("field", [{"privacy": "SECRET"}, {"item_type": "PHOTO"}, {"caption": 5}])
def test_create_post_refuses_bad_fields(mockads_sandbox, field):
    creator_id = make_creator(mockads_sandbox)["creator_id"]
    with unchanged(mockads_sandbox):
        answer = call(
            mockads_sandbox, "POST", f"/creators/{creator_id}/posts", {"caption": "x", **field}
        )
    control_error(answer, 400, "INVALID_PARAMETER")


# -- unknown things ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/creators/{}", None),
        ("PATCH", "/creators/{}", {"allow_authorized_posts": True}),
        ("GET", "/creators/{}/posts", None),
        ("POST", "/creators/{}/posts", {"caption": "x"}),
    ],
)
def test_an_unknown_creator_is_not_found(mockads_sandbox, method, path, body):
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, method, path.format(MISSING_ID), body)
    control_error(answer, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/posts/{}", None),
        ("PATCH", "/posts/{}", {"caption": "x"}),
        ("DELETE", "/posts/{}", None),
        ("POST", "/posts/{}/authorization", {"days": 30}),
        ("DELETE", "/posts/{}/authorization", None),
    ],
)
def test_an_unknown_post_is_not_found(mockads_sandbox, method, path, body):
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, method, path.format(MISSING_ID), body)
    control_error(answer, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/creators", None),
        ("POST", "/creators", {"handle": "nobody"}),
        ("GET", f"/creators/{MISSING_ID}", None),
        ("GET", f"/posts/{MISSING_ID}", None),
        ("POST", f"/posts/{MISSING_ID}/authorization", {"days": 30}),
    ],
)
def test_an_unknown_sandbox_is_not_found(client, method, path, body):
    response = client.open(f"/_mockads/v1/sandboxes/sbx_missing{path}", method=method, json=body)
    control_error((response.status_code, response.get_json()), 404, "NOT_FOUND")


def test_creators_of_one_sandbox_are_not_found_in_another(mockads_sandbox, other_sandbox):
    creator = make_creator(mockads_sandbox)
    answer = call(other_sandbox, "GET", f"/creators/{creator['creator_id']}")
    control_error(answer, 404, "NOT_FOUND")


def test_make_creator_ready_allows_authorized_posts_and_agrees_to_the_terms(mockads_sandbox):
    creator = make_creator_ready(mockads_sandbox, make_creator(mockads_sandbox)["creator_id"])
    assert (creator["allow_authorized_posts"], creator["accepted_ad_terms"]) == (True, True)
