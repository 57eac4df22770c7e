"""Apply for Authorization with up to 20 codes:
`POST /_mockads/v1/sandboxes/{sid}/advertisers/{aid}/spark-posts/batch` (design rule 4)."""

from __future__ import annotations

import pytest

from tests.api.lifecycle_helpers import (
    CONTROL,
    call,
    control_error,
    linked_ids,
    new_code,
    ready_creator,
    tt_video_list,
    unchanged,
)

MISSING_ADVERTISER = "7000000000000000002"


def _batch(sandbox, auth_codes, advertiser_id=None):
    path = f"/advertisers/{advertiser_id or sandbox.advertiser_id}/spark-posts/batch"
    return call(sandbox, "POST", path, {"auth_codes": auth_codes})


def _good_codes(sandbox, count):
    """`count` fresh codes of one ready creator's public videos."""
    creator_id = ready_creator(sandbox)["creator_id"]
    return [new_code(sandbox, creator_id, f"batch post {n}") for n in range(count)]


def _result(auth_code, reason=None, item_id=None):
    return (auth_code, "FAILED" if reason else "LINKED", item_id, reason)


def _seen(results):
    return [(r["auth_code"], r["status"], r["item_id"], r["reason"]) for r in results]


# -- the 20-code limit ------------------------------------------------------------------------


def test_a_batch_of_21_codes_is_refused_whole(mockads_sandbox):
    codes = [c["auth_code"] for c in _good_codes(mockads_sandbox, 21)]
    with unchanged(mockads_sandbox):
        error = control_error(_batch(mockads_sandbox, codes), 400, "BATCH_TOO_LARGE")
    assert error["message"] == "auth_codes: at most 20 codes at once; 21 were sent."


def test_a_batch_of_20_codes_good_and_bad_gets_a_result_per_code_in_order(mockads_sandbox):
    sandbox = mockads_sandbox
    good = _good_codes(sandbox, 10)
    creator_id = ready_creator(sandbox)["creator_id"]

    revoked = new_code(sandbox, creator_id, "revoked")
    call(sandbox, "DELETE", f"/posts/{revoked['item_id']}/authorization")
    edited = new_code(sandbox, creator_id, "edited")
    call(sandbox, "PATCH", f"/posts/{edited['item_id']}", {"ad_authorization": False})
    call(sandbox, "PATCH", f"/posts/{edited['item_id']}", {"caption": "edited again"})
    deleted = new_code(sandbox, creator_id, "deleted")
    call(sandbox, "DELETE", f"/posts/{deleted['item_id']}")
    private = new_code(sandbox, creator_id, "private")
    call(sandbox, "PATCH", f"/posts/{private['item_id']}", {"privacy": "PRIVATE"})
    remixer = ready_creator(sandbox)["creator_id"]
    duet = new_code(sandbox, remixer, "duet", duet_of=good[0]["item_id"])
    expired = sandbox.codes("EXPIRED")[0]
    linked_before = sandbox.codes("AUTHORIZED", linked=True)[0]

    bad = [
        ("#" + "Z" * 64, "AUTH_CODE_NOT_FOUND"),
        ("#too-short", "AUTH_CODE_MALFORMED"),
        (revoked["auth_code"], "AUTH_CODE_REVOKED"),
        (expired, "AUTH_CODE_EXPIRED"),
        (edited["auth_code"], "AUTH_CODE_INVALIDATED"),
        (deleted["auth_code"], "POST_DELETED"),
        (private["auth_code"], "POST_NOT_PUBLIC"),
        (linked_before, "POST_ALREADY_LINKED"),
        (duet["auth_code"], "ORIGINAL_POST_AUTH_CODE_REQUIRED"),
        (good[3]["auth_code"][:-1] + " ", "AUTH_CODE_MALFORMED"),
    ]
    expected = []
    for g, (code, reason) in zip(good, bad, strict=True):
        expected += [_result(g["auth_code"], item_id=g["item_id"]), _result(code, reason)]
    before = linked_ids(sandbox)

    status, body = _batch(sandbox, [auth_code for auth_code, *_ in expected])

    assert status == 200
    assert _seen(body["results"]) == expected
    assert (body["linked"], body["failed"]) == (10, 10)
    assert sorted(linked_ids(sandbox)) == sorted(before + [g["item_id"] for g in good])


def test_a_batch_result_names_the_reason_and_field_of_a_failure(mockads_sandbox):
    expired = mockads_sandbox.codes("EXPIRED")[0]
    _, body = _batch(mockads_sandbox, [expired])
    (result,) = body["results"]
    assert result["message"].startswith("[AUTH_CODE_EXPIRED] auth_code: ")
    assert result["item_id"] is None


def test_a_batch_result_of_a_linked_code_has_no_reason(mockads_sandbox):
    (good,) = _good_codes(mockads_sandbox, 1)
    _, body = _batch(mockads_sandbox, [good["auth_code"]])
    assert body["results"] == [
        {
            "auth_code": good["auth_code"],
            "status": "LINKED",
            "item_id": good["item_id"],
            "reason": None,
            "message": None,
        }
    ]


def test_a_batch_links_posts_with_their_authorization_period(mockads_sandbox):
    (good,) = _good_codes(mockads_sandbox, 1)
    _batch(mockads_sandbox, [good["auth_code"]])
    listed = next(
        p for p in tt_video_list(mockads_sandbox) if p["item_info"]["item_id"] == good["item_id"]
    )
    assert listed["auth_info"]["ad_auth_status"] == "AUTHORIZED"
    assert listed["auth_info"]["auth_end_time"] == good["auth_end_time"]


def test_a_batch_of_only_bad_codes_links_nothing(mockads_sandbox):
    codes = [mockads_sandbox.codes("EXPIRED")[0], mockads_sandbox.codes("CANCELLED")[0]]
    with unchanged(mockads_sandbox):
        status, body = _batch(mockads_sandbox, codes)
    assert status == 200
    assert (body["linked"], body["failed"]) == (0, 2)


# -- duplicates -------------------------------------------------------------------------------


def test_a_code_sent_twice_in_one_batch_is_reported_once(mockads_sandbox):
    first, second = _good_codes(mockads_sandbox, 2)
    a, b = first["auth_code"], second["auth_code"]
    _, body = _batch(mockads_sandbox, [a, b, a, a])
    assert _seen(body["results"]) == [
        _result(a, item_id=first["item_id"]),
        _result(b, item_id=second["item_id"]),
    ]
    assert (body["linked"], body["failed"]) == (2, 0)


def test_a_failing_code_sent_twice_is_reported_once(mockads_sandbox):
    expired = mockads_sandbox.codes("EXPIRED")[0]
    _, body = _batch(mockads_sandbox, [expired, expired])
    assert _seen(body["results"]) == [_result(expired, "AUTH_CODE_EXPIRED")]
    assert (body["linked"], body["failed"]) == (0, 1)


def test_a_duplicate_keeps_the_first_original_post_auth_code(mockads_sandbox):
    a = ready_creator(mockads_sandbox)["creator_id"]
    b = ready_creator(mockads_sandbox)["creator_id"]
    original = new_code(mockads_sandbox, a, "original")
    duet = new_code(mockads_sandbox, b, "duet", duet_of=original["item_id"])
    entry = {"auth_code": duet["auth_code"], "original_post_auth_code": original["auth_code"]}
    _, body = _batch(mockads_sandbox, [entry, duet["auth_code"]])
    assert _seen(body["results"]) == [_result(duet["auth_code"], item_id=duet["item_id"])]


def test_a_duplicate_uses_the_original_given_by_a_later_entry(mockads_sandbox):
    a = ready_creator(mockads_sandbox)["creator_id"]
    b = ready_creator(mockads_sandbox)["creator_id"]
    original = new_code(mockads_sandbox, a, "original")
    duet = new_code(mockads_sandbox, b, "duet", duet_of=original["item_id"])
    entry = {"auth_code": duet["auth_code"], "original_post_auth_code": original["auth_code"]}
    _, body = _batch(mockads_sandbox, [duet["auth_code"], entry])
    assert _seen(body["results"]) == [_result(duet["auth_code"], item_id=duet["item_id"])]


# -- Duet / Stitch entries --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["duet_of", "stitch_of"])
def test_a_remix_entry_with_the_original_code_links(mockads_sandbox, kind):
    a = ready_creator(mockads_sandbox)["creator_id"]
    b = ready_creator(mockads_sandbox)["creator_id"]
    original = new_code(mockads_sandbox, a, "original")
    remix = new_code(mockads_sandbox, b, "remix", **{kind: original["item_id"]})
    entry = {"auth_code": remix["auth_code"], "original_post_auth_code": original["auth_code"]}
    status, body = _batch(mockads_sandbox, [entry])
    assert status == 200
    assert _seen(body["results"]) == [_result(remix["auth_code"], item_id=remix["item_id"])]
    linked = linked_ids(mockads_sandbox)
    assert remix["item_id"] in linked and original["item_id"] not in linked


def test_a_remix_entry_and_its_original_link_together(mockads_sandbox):
    a = ready_creator(mockads_sandbox)["creator_id"]
    b = ready_creator(mockads_sandbox)["creator_id"]
    original = new_code(mockads_sandbox, a, "original")
    duet = new_code(mockads_sandbox, b, "duet", duet_of=original["item_id"])
    entry = {"auth_code": duet["auth_code"], "original_post_auth_code": original["auth_code"]}
    _, body = _batch(mockads_sandbox, [original["auth_code"], entry])
    assert (body["linked"], body["failed"]) == (2, 0)


def test_a_remix_entry_with_a_wrong_original_fails_on_its_own(mockads_sandbox):
    a = ready_creator(mockads_sandbox)["creator_id"]
    b = ready_creator(mockads_sandbox)["creator_id"]
    original = new_code(mockads_sandbox, a, "original")
    other = new_code(mockads_sandbox, a, "other")
    duet = new_code(mockads_sandbox, b, "duet", duet_of=original["item_id"])
    entry = {"auth_code": duet["auth_code"], "original_post_auth_code": other["auth_code"]}
    _, body = _batch(mockads_sandbox, [entry])
    (result,) = body["results"]
    assert (result["status"], result["reason"]) == ("FAILED", "ORIGINAL_POST_AUTH_CODE_MISMATCH")
    assert result["message"].startswith(
        "[ORIGINAL_POST_AUTH_CODE_MISMATCH] original_post_auth_code: "
    )
    assert duet["item_id"] not in linked_ids(mockads_sandbox)


# -- malformed requests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(12345, id="number"),
        pytest.param(None, id="null"),
        pytest.param(["#" + "A" * 64], id="list"),
        pytest.param("", id="empty-string"),
        pytest.param({"original_post_auth_code": "#" + "A" * 64}, id="object-without-auth_code"),
        pytest.param({"auth_code": 5}, id="object-with-number"),
        pytest.param(
            {"auth_code": "#" + "A" * 64, "original_post_auth_code": 5}, id="number-original"
        ),
    ],
)
def test_a_batch_with_a_malformed_entry_is_refused_whole(mockads_sandbox, entry):
    (good,) = _good_codes(mockads_sandbox, 1)
    with unchanged(mockads_sandbox):
        answer = _batch(mockads_sandbox, [good["auth_code"], entry])
    assert control_error(answer, 400, "INVALID_PARAMETER")["message"].startswith("auth_codes.1")


@pytest.mark.parametrize(
    "body",
    [{}, {"auth_codes": []}, {"auth_codes": "#" + "A" * 64}, {"auth_codes": {"a": 1}}],
    ids=["missing", "empty", "string", "object"],
)
def test_a_batch_without_a_list_of_codes_is_refused(mockads_sandbox, body):
    path = f"/advertisers/{mockads_sandbox.advertiser_id}/spark-posts/batch"
    with unchanged(mockads_sandbox):
        answer = call(mockads_sandbox, "POST", path, body)
    assert control_error(answer, 400, "INVALID_PARAMETER")["message"].startswith("auth_codes")


# -- unknown advertiser or sandbox ------------------------------------------------------------


def test_a_batch_for_an_unknown_advertiser_is_not_found(mockads_sandbox):
    (good,) = _good_codes(mockads_sandbox, 1)
    with unchanged(mockads_sandbox):
        answer = _batch(mockads_sandbox, [good["auth_code"]], MISSING_ADVERTISER)
    control_error(answer, 404, "NOT_FOUND")


def test_a_batch_for_the_advertiser_of_another_sandbox_is_not_found(mockads_sandbox, other_sandbox):
    (good,) = _good_codes(mockads_sandbox, 1)
    with unchanged(mockads_sandbox):
        answer = _batch(mockads_sandbox, [good["auth_code"]], other_sandbox.advertiser_id)
    control_error(answer, 404, "NOT_FOUND")
    assert good["item_id"] not in linked_ids(other_sandbox)


def test_a_batch_in_an_unknown_sandbox_is_not_found(client):
    response = client.post(
        f"{CONTROL}/sandboxes/sbx_missing/advertisers/{MISSING_ADVERTISER}/spark-posts/batch",
        json={"auth_codes": ["#" + "A" * 64]},
    )
    control_error((response.status_code, response.get_json()), 404, "NOT_FOUND")


def test_a_batch_does_not_find_the_code_of_another_sandbox(mockads_sandbox, other_sandbox):
    (foreign,) = _good_codes(other_sandbox, 1)
    with unchanged(mockads_sandbox):
        _, body = _batch(mockads_sandbox, [foreign["auth_code"]])
    assert _seen(body["results"]) == [_result(foreign["auth_code"], "AUTH_CODE_NOT_FOUND")]
