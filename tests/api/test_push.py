"""Push Spark ads (design rule 9) and engagement (rule 10), through HTTP.

An ad made of a library `video_id` and a `TT_USER` or `BC_AUTH_TT` account publishes, once the
ad passes review, exactly one new PRIVATE post under that account, captioned with the ad's text;
the ad then reports that post's `tiktok_item_id`. Before approval the post is invisible; once up
it stays, whatever happens to the ad.
"""

from __future__ import annotations

import pytest

from mockads.domain.clock import format_time, parse_time
from mockads.domain.library import LibraryVideo
from tests.api.ads_helpers import (
    ad_of,
    advance,
    brand_posts,
    create,
    created,
    identity_of,
    library_creative,
    nothing_changes,
    refusal,
    seeded,
    set_policy,
    set_status,
    total,
)
from tests.api.lifecycle_helpers import (
    DAY,
    call,
    control_error,
    freeze,
    post_of,
    spark_refusal,
    world_of,
)
from tests.api.push_helpers import (
    CAPTION,
    account,
    account_item_ids,
    adgroup_id,
    app_item_ids,
    app_post,
    decide,
    engage,
    library_video,
    planned_item_id,
    push_creative,
    pushed_ad,
    smart_ad,
    smart_push,
    stored_post,
    update,
    without_push_right,
)

REVIEW = 60  # the default policy shows its decision after 60 s of sandbox time
REJECTED_FOR = "The ad contains content that is not allowed: {!r}."
COUNTERS = ("views", "likes", "comments", "shares", "follows")
ZERO = dict.fromkeys(COUNTERS, 0)
UNKNOWN_ID = "7000000000000000042"
VIDEO_FACTS = (
    "video_id",
    "file_name",
    "format",
    "duration",
    "size",
    "width",
    "height",
    "bit_rate",
    "signature",
)


@pytest.fixture
def sandbox(mockads_sandbox):
    """The default sandbox with its clock stopped, so review times are exact."""
    freeze(mockads_sandbox)
    return mockads_sandbox


def _now(sandbox):
    status, body = call(sandbox, "GET", "/clock")
    assert status == 200, body
    return body["now"]


def _later(when, seconds):
    return format_time(parse_time(when) + seconds)


def _posts_seen(sandbox, identity):
    """What a client sees of the account: `identity/video/get/` and the creator app."""
    return account_item_ids(sandbox, identity), app_item_ids(sandbox, identity["creator_id"])


def _with_new(item_id, seen):
    """The account's posts as they must be after one new (newest) post."""
    return [item_id, *seen[0]], [item_id, *seen[1]]


def _published(sandbox, identity=None, **fields):
    """A pushed ad approved at once; its id and its post's item id."""
    set_policy(sandbox, mode="instant")
    ad_id = pushed_ad(sandbox, identity or account(sandbox), **fields)
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    assert item_id is not None
    return ad_id, item_id


def _patch_post(sandbox, item_id, **changes):
    return call(sandbox, "PATCH", f"/posts/{item_id}", changes)


def _delete(sandbox, level, ad):
    """Delete the ad itself, or its ad group, or its campaign."""
    if level == "ad":
        body = set_status(sandbox, [ad["ad_id"]], "DELETE")
    else:
        body = sandbox.post(
            f"{level}/status/update/",
            {
                "advertiser_id": sandbox.advertiser_id,
                f"{level}_ids": [ad[f"{level}_id"]],
                "operation_status": "DELETE",
            },
        )
    assert body["code"] == 0, body


# -- in review: no post ------------------------------------------------------------------------


def test_a_pushed_ad_is_created_in_review_without_an_item_id(sandbox):
    tt = account(sandbox)
    ad_id = pushed_ad(sandbox, tt)
    ad = ad_of(sandbox, ad_id)
    assert (ad["identity_type"], ad["identity_id"]) == ("TT_USER", tt["identity_id"])
    assert (ad["secondary_status"], ad["review_status"]) == ("AD_STATUS_REVIEW", "IN_REVIEW")
    assert ad["tiktok_item_id"] is None
    assert (ad["video_id"], ad["ad_text"]) == (library_video(sandbox)["video_id"], CAPTION)


def test_no_post_is_seen_while_the_pushed_ad_is_in_review(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    item_id = planned_item_id(sandbox, ad_id)
    advance(sandbox, REVIEW - 1)
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_REVIEW", None)
    assert _posts_seen(sandbox, tt) == seen
    control_error(app_post(sandbox, item_id), 404, "NOT_FOUND")
    info = sandbox.get(
        "identity/video/info/",
        advertiser_id=sandbox.advertiser_id,
        identity_type="TT_USER",
        identity_id=tt["identity_id"],
        item_id=item_id,
    )
    refusal(info, 40001, "item_id: ")


def test_a_post_not_yet_published_cannot_be_used_by_another_spark_ad(sandbox):
    tt = account(sandbox)
    item_id = planned_item_id(sandbox, pushed_ad(sandbox, tt))
    creative = {
        "ad_name": "Early bird",
        "identity_type": "TT_USER",
        "identity_id": tt["identity_id"],
        "tiktok_item_id": item_id,
    }
    with nothing_changes(sandbox):
        body = create(sandbox, adgroup_id(sandbox), creative)
    assert "does not exist" in spark_refusal(body, "POST_NOT_AVAILABLE", "tiktok_item_id")


def test_a_post_not_yet_published_cannot_be_edited_in_the_creator_app(sandbox):
    item_id = planned_item_id(sandbox, pushed_ad(sandbox, account(sandbox)))
    with nothing_changes(sandbox):
        answer = _patch_post(sandbox, item_id, privacy="PUBLIC")
    control_error(answer, 404, "NOT_FOUND")


# -- approval publishes one post ---------------------------------------------------------------


def test_the_post_is_published_when_the_review_shows_approval(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    planned = planned_item_id(sandbox, ad_id)
    advance(sandbox, REVIEW)
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["review_status"]) == ("AD_STATUS_DELIVERY_OK", "APPROVED")
    assert ad["tiktok_item_id"] == planned
    assert planned not in seen[0]
    assert _posts_seen(sandbox, tt) == _with_new(planned, seen)


def test_the_pushed_post_is_a_private_video_of_the_library_video_captioned_with_the_ad_text(
    sandbox,
):
    tt = account(sandbox)
    ad_id = pushed_ad(sandbox, tt)
    advance(sandbox, REVIEW)
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    (post,) = [p for p in brand_posts(sandbox, tt) if p["item_id"] == item_id]
    assert (post["item_type"], post["privacy"], post["text"]) == ("VIDEO", "PRIVATE", CAPTION)
    video = library_video(sandbox)
    assert {k: post["video_info"][k] for k in VIDEO_FACTS} == {k: video[k] for k in VIDEO_FACTS}
    app = post_of(sandbox, item_id)
    assert (app["creator_id"], app["item_type"], app["privacy"], app["caption"]) == (
        tt["creator_id"],
        "VIDEO",
        "PRIVATE",
        CAPTION,
    )
    assert (app["deleted"], app["ads_only_mode"], app["engagement"]) == (False, False, ZERO)
    assert ad_of(sandbox, ad_id)["video_id"] == video["video_id"]


def test_the_pushed_post_is_dated_when_the_review_showed_approval(sandbox):
    start = _now(sandbox)
    ad_id = pushed_ad(sandbox, account(sandbox))
    advance(sandbox, 3600)
    post = post_of(sandbox, ad_of(sandbox, ad_id)["tiktok_item_id"])
    assert post["create_time"] == _later(start, REVIEW)


def test_the_pushed_post_is_published_once_however_long_the_ad_runs(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    advance(sandbox, REVIEW)
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    advance(sandbox, 30 * DAY)
    assert ad_of(sandbox, ad_id)["tiktok_item_id"] == item_id
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)


def test_each_pushed_ad_publishes_its_own_post(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    first, second = (pushed_ad(sandbox, tt, ad_text=text) for text in ("First", "Second"))
    advance(sandbox, REVIEW)
    items = [ad_of(sandbox, ad_id)["tiktok_item_id"] for ad_id in (first, second)]
    assert len(set(items)) == 2
    assert sorted(account_item_ids(sandbox, tt)) == sorted([*items, *seen[0]])
    assert [post_of(sandbox, i)["caption"] for i in items] == ["First", "Second"]


def test_a_published_pushed_post_can_be_promoted_by_another_spark_ad(sandbox):
    tt = account(sandbox)
    _, item_id = _published(sandbox, tt)
    creative = {
        "ad_name": "Second wind",
        "identity_type": "TT_USER",
        "identity_id": tt["identity_id"],
        "tiktok_item_id": item_id,
    }
    (ad_id,) = created(sandbox, adgroup_id(sandbox), creative)
    ad = ad_of(sandbox, ad_id)
    assert (ad["tiktok_item_id"], ad["ad_text"], ad["video_id"]) == (item_id, CAPTION, None)
    assert post_of(sandbox, item_id)["privacy"] == "PUBLIC"  # used in a campaign (rule 7)


def test_a_dark_post_ad_publishes_its_post_in_ads_only_mode(sandbox):
    _, item_id = _published(sandbox, dark_post_status="ON")
    assert post_of(sandbox, item_id)["ads_only_mode"] is True


# -- review policies and reviewers ------------------------------------------------------------


def test_instant_review_publishes_the_post_at_once(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    start = _now(sandbox)
    ad_id, item_id = _published(sandbox, tt)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_DELIVERY_OK"
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    assert post_of(sandbox, item_id)["create_time"] == start


def test_manual_review_publishes_nothing_until_a_reviewer_approves(sandbox):
    set_policy(sandbox, mode="manual")
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    planned = planned_item_id(sandbox, ad_id)
    advance(sandbox, DAY)
    assert ad_of(sandbox, ad_id)["tiktok_item_id"] is None
    assert _posts_seen(sandbox, tt) == seen
    control_error(app_post(sandbox, planned), 404, "NOT_FOUND")
    decide(sandbox, ad_id, "approve")
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_DELIVERY_OK", planned)
    assert _posts_seen(sandbox, tt) == _with_new(planned, seen)
    assert post_of(sandbox, planned)["create_time"] == _now(sandbox)


def test_a_manual_rejection_publishes_nothing_ever(sandbox):
    set_policy(sandbox, mode="manual")
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    planned = planned_item_id(sandbox, ad_id)
    decide(sandbox, ad_id, "reject", "Brand safety.")
    advance(sandbox, DAY)
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["review_reason"]) == ("AD_STATUS_REJECT", "Brand safety.")
    assert ad["tiktok_item_id"] is None
    assert _posts_seen(sandbox, tt) == seen
    control_error(app_post(sandbox, planned), 404, "NOT_FOUND")
    assert stored_post(sandbox, planned) is None


def test_a_banned_term_in_the_ad_text_publishes_nothing(sandbox):
    set_policy(sandbox, mode="delayed", reject_terms=["miracle"])
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt, ad_text="A MIRACLE in a bottle")
    planned = planned_item_id(sandbox, ad_id)
    assert stored_post(sandbox, planned) is None  # the outcome is known: nothing is planned
    advance(sandbox, REVIEW)
    advance(sandbox, DAY)
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["review_status"]) == ("AD_STATUS_REJECT", "REJECTED")
    assert ad["review_reason"] == REJECTED_FOR.format("miracle")
    assert ad["tiktok_item_id"] is None
    assert _posts_seen(sandbox, tt) == seen
    control_error(app_post(sandbox, planned), 404, "NOT_FOUND")


def test_a_reviewer_approving_before_the_delay_publishes_the_post_then(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    advance(sandbox, 10)
    decide(sandbox, ad_id, "approve")
    approved_at = _now(sandbox)
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    assert item_id == planned_item_id(sandbox, ad_id)
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    advance(sandbox, REVIEW)
    assert post_of(sandbox, item_id)["create_time"] == approved_at
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)


def test_a_reviewer_rejecting_before_the_delay_publishes_nothing(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    planned = planned_item_id(sandbox, ad_id)
    advance(sandbox, 10)
    decide(sandbox, ad_id, "reject")
    advance(sandbox, DAY)
    assert ad_of(sandbox, ad_id)["tiktok_item_id"] is None
    assert _posts_seen(sandbox, tt) == seen
    assert stored_post(sandbox, planned) is None


def test_a_reviewer_approving_an_ad_with_a_banned_term_publishes_its_post(sandbox):
    set_policy(sandbox, mode="delayed", reject_terms=["miracle"])
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt, ad_text="miracle serum")
    decide(sandbox, ad_id, "approve")
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    assert item_id is not None
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    assert post_of(sandbox, item_id)["caption"] == "miracle serum"


# -- edits -------------------------------------------------------------------------------------


def test_an_edit_before_publication_publishes_the_new_text_at_the_new_reviews_time(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    start = _now(sandbox)
    ad_id = pushed_ad(sandbox, tt, ad_text="Old caption")
    planned = planned_item_id(sandbox, ad_id)
    advance(sandbox, 30)
    answer = update(sandbox, ad_id, ad_text="New caption")
    assert answer["code"] == 0, answer
    assert (answer["data"]["ad_text"], answer["data"]["tiktok_item_id"]) == ("New caption", None)
    advance(sandbox, REVIEW - 29)  # past the first review's time, before the second's
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_REVIEW", None)
    assert _posts_seen(sandbox, tt) == seen
    control_error(app_post(sandbox, planned), 404, "NOT_FOUND")
    advance(sandbox, 29)  # 30 + 60 s after creation: the second review shows approval
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_DELIVERY_OK", planned)
    post = post_of(sandbox, planned)
    assert (post["caption"], post["create_time"]) == ("New caption", _later(start, 30 + REVIEW))
    assert _posts_seen(sandbox, tt) == _with_new(planned, seen)


def test_an_edit_before_publication_adding_a_banned_term_publishes_nothing(sandbox):
    set_policy(sandbox, mode="delayed", reject_terms=["miracle"])
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    assert update(sandbox, ad_id, ad_text="miracle serum")["code"] == 0
    advance(sandbox, DAY)
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_REJECT", None)
    assert _posts_seen(sandbox, tt) == seen
    assert stored_post(sandbox, planned_item_id(sandbox, ad_id)) is None


def test_the_text_of_a_published_pushed_ad_cannot_change(sandbox):
    ad_id, item_id = _published(sandbox)
    with nothing_changes(sandbox):
        answer = update(sandbox, ad_id, ad_text="Another text")
    assert repr(CAPTION) in spark_refusal(answer, "AD_TEXT_NOT_CAPTION", "ad_text")
    assert post_of(sandbox, item_id)["caption"] == CAPTION


def test_the_same_text_is_accepted_once_the_pushed_post_is_up(sandbox):
    ad_id, item_id = _published(sandbox)
    answer = update(sandbox, ad_id, ad_text=CAPTION)
    assert answer["code"] == 0, answer
    assert (answer["data"]["ad_text"], answer["data"]["tiktok_item_id"]) == (CAPTION, item_id)


def test_renaming_a_published_pushed_ad_reviews_it_again_without_a_second_post(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    advance(sandbox, REVIEW)
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    published_at = post_of(sandbox, item_id)["create_time"]
    answer = update(sandbox, ad_id, ad_name="Renamed")
    assert answer["code"] == 0, answer
    assert (answer["data"]["secondary_status"], answer["data"]["tiktok_item_id"]) == (
        "AD_STATUS_REVIEW",
        item_id,
    )
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    advance(sandbox, REVIEW)
    advance(sandbox, DAY)
    ad = ad_of(sandbox, ad_id)
    assert (ad["ad_name"], ad["secondary_status"]) == ("Renamed", "AD_STATUS_DELIVERY_OK")
    assert ad["tiktok_item_id"] == item_id
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    post = post_of(sandbox, item_id)
    assert (post["caption"], post["create_time"]) == (CAPTION, published_at)


# -- decisions after publication ---------------------------------------------------------------


def test_rejecting_then_approving_again_keeps_the_one_post(sandbox):
    set_policy(sandbox, mode="manual")
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    decide(sandbox, ad_id, "approve")
    published_at = _now(sandbox)
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    advance(sandbox, 10)
    decide(sandbox, ad_id, "reject", "Second look: no.")
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_REJECT", item_id)
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    advance(sandbox, 10)
    decide(sandbox, ad_id, "approve")
    advance(sandbox, DAY)
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_DELIVERY_OK", item_id)
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    assert post_of(sandbox, item_id)["create_time"] == published_at


def test_a_published_post_survives_its_ads_rejection(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id, item_id = _published(sandbox, tt)
    decide(sandbox, ad_id, "reject")
    advance(sandbox, DAY)
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    post = post_of(sandbox, item_id)
    assert (post["caption"], post["privacy"], post["deleted"]) == (CAPTION, "PRIVATE", False)


@pytest.mark.parametrize("level", ["ad", "adgroup", "campaign"])
def test_a_published_post_survives_its_ads_deletion(sandbox, level):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id, item_id = _published(sandbox, tt)
    _delete(sandbox, level, ad_of(sandbox, ad_id))
    advance(sandbox, DAY)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_DELETE"
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    post = post_of(sandbox, item_id)
    assert (post["caption"], post["privacy"], post["deleted"]) == (CAPTION, "PRIVATE", False)


# -- deletion before publication ---------------------------------------------------------------


@pytest.mark.parametrize("level", ["ad", "adgroup", "campaign"])
def test_deleting_before_publication_publishes_nothing_ever(sandbox, level):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, tt)
    planned = planned_item_id(sandbox, ad_id)
    advance(sandbox, REVIEW - 30)
    _delete(sandbox, level, ad_of(sandbox, ad_id))
    advance(sandbox, DAY)
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_DELETE", None)
    assert _posts_seen(sandbox, tt) == seen
    control_error(app_post(sandbox, planned), 404, "NOT_FOUND")
    assert stored_post(sandbox, planned) is None


def test_a_deleted_ads_planned_post_blocks_nothing(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    dropped_ad = pushed_ad(sandbox, tt)
    dropped = planned_item_id(sandbox, dropped_ad)
    assert set_status(sandbox, [dropped_ad], "DELETE")["code"] == 0
    ad_id = pushed_ad(sandbox, tt)  # the same video and caption again
    advance(sandbox, REVIEW)
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    assert item_id not in (None, dropped)
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    assert _patch_post(sandbox, item_id, privacy="PUBLIC")[0] == 200
    control_error(app_post(sandbox, dropped), 404, "NOT_FOUND")


# -- identities and refusals -------------------------------------------------------------------


def test_a_bc_auth_tt_pushed_ad_publishes_under_the_authorized_account(sandbox):
    bc, tt = account(sandbox, "BC_AUTH_TT"), account(sandbox, "TT_USER")
    seen_bc, seen_tt = _posts_seen(sandbox, bc), _posts_seen(sandbox, tt)
    ad_id = pushed_ad(sandbox, bc)
    ad = ad_of(sandbox, ad_id)
    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == (
        "BC_AUTH_TT",
        bc["identity_authorized_bc_id"],
    )
    assert ad["tiktok_item_id"] is None
    assert _posts_seen(sandbox, bc) == seen_bc
    advance(sandbox, REVIEW)
    item_id = ad_of(sandbox, ad_id)["tiktok_item_id"]
    assert _posts_seen(sandbox, bc) == _with_new(item_id, seen_bc)
    assert _posts_seen(sandbox, tt) == seen_tt
    post = post_of(sandbox, item_id)
    assert (post["creator_id"], post["privacy"], post["caption"]) == (
        bc["creator_id"],
        "PRIVATE",
        CAPTION,
    )


@pytest.mark.parametrize("bc_id", [None, "7000000000000000001"])
def test_a_bc_auth_tt_push_without_its_business_center_is_refused(sandbox, bc_id):
    creative = push_creative(sandbox, account(sandbox, "BC_AUTH_TT"))
    if bc_id is None:
        del creative["identity_authorized_bc_id"]
    else:
        creative["identity_authorized_bc_id"] = bc_id
    with nothing_changes(sandbox):
        body = create(sandbox, adgroup_id(sandbox), creative)
    refusal(body, 40002, "identity_authorized_bc_id: ")


@pytest.mark.parametrize("identity_type", ["TT_USER", "BC_AUTH_TT"])
def test_an_account_that_cannot_push_videos_is_refused(sandbox, identity_type):
    identity = account(sandbox, identity_type)
    without_push_right(sandbox, identity["identity_id"])
    assert account(sandbox, identity_type)["can_push_video"] is False
    with nothing_changes(sandbox):
        body = create(sandbox, adgroup_id(sandbox), push_creative(sandbox, identity))
    message = spark_refusal(body, "PUSH_NOT_ALLOWED", "identity_id")
    assert identity["identity_id"] in message


@pytest.mark.parametrize("case", ["unknown", "another type"])
def test_an_account_that_is_not_the_advertisers_is_no_permission(sandbox, case):
    tt = account(sandbox, "TT_USER")
    if case == "unknown":
        identity = {**tt, "identity_id": UNKNOWN_ID}
    else:  # the TT_USER account named as BC_AUTH_TT
        identity = {**tt, "identity_type": "BC_AUTH_TT", "identity_authorized_bc_id": UNKNOWN_ID}
    with nothing_changes(sandbox):
        body = create(sandbox, adgroup_id(sandbox), push_creative(sandbox, identity))
    refusal(body, 40001, "identity_id: ")


def test_a_customized_user_ad_of_a_library_video_publishes_no_post(sandbox):
    set_policy(sandbox, mode="instant")
    posts = world_of(sandbox)[0].posts
    (ad_id,) = created(sandbox, adgroup_id(sandbox), library_creative(sandbox))
    advance(sandbox, DAY)
    ad = ad_of(sandbox, ad_id)
    assert (ad["identity_type"], ad["secondary_status"]) == (
        "CUSTOMIZED_USER",
        "AD_STATUS_DELIVERY_OK",
    )
    assert (ad["tiktok_item_id"], ad["video_id"]) == (None, library_video(sandbox)["video_id"])
    assert world_of(sandbox)[0].posts == posts


@pytest.mark.parametrize(("ad_text", "field"), [(None, "ad_text"), ("", "creatives.0.ad_text")])
def test_a_pushed_ad_without_ad_text_is_refused(sandbox, ad_text, field):
    creative = push_creative(sandbox, account(sandbox), ad_text)
    with nothing_changes(sandbox):
        body = create(sandbox, adgroup_id(sandbox), creative)
    refusal(body, 40002, f"{field}: ")


@pytest.mark.parametrize("owner", ["nobody", "another advertiser"])
def test_a_video_outside_the_advertisers_library_is_no_permission(sandbox, foreign, owner):
    if owner == "nobody":
        video_id = "v10033g50000notinthelibrary00000"
    else:
        video_id = library_creative(foreign)["video_id"]
        assert video_id not in {v.video_id for v in world_of(sandbox)[0].library_videos}
    creative = push_creative(sandbox, account(sandbox), video_id=video_id)
    with nothing_changes(sandbox):
        body = create(sandbox, adgroup_id(sandbox), creative)
    refusal(body, 40001, "video_id: ")


def test_tiktok_item_id_and_video_id_together_are_refused(sandbox):
    tt = account(sandbox)
    (post, *_) = brand_posts(sandbox, tt)
    creative = push_creative(sandbox, tt, tiktok_item_id=post["item_id"])
    with nothing_changes(sandbox):
        body = create(sandbox, adgroup_id(sandbox), creative)
    refusal(body, 40002, "tiktok_item_id: ")


def test_a_refused_creative_leaves_no_post_planned_for_the_others(sandbox):
    set_policy(sandbox, mode="instant")
    tt = account(sandbox)
    good, bad = push_creative(sandbox, tt), push_creative(sandbox, tt, ad_text=None)
    with nothing_changes(sandbox):
        body = create(sandbox, adgroup_id(sandbox), good, bad)
    refusal(body, 40002, "ad_text: ")


# -- the creator app and the pushed post -------------------------------------------------------


def test_the_creator_can_make_the_pushed_post_public_while_the_ad_promotes_it(sandbox):
    ad_id, item_id = _published(sandbox)
    status, body = _patch_post(sandbox, item_id, privacy="PUBLIC")
    assert (status, body["privacy"]) == (200, "PUBLIC"), body
    assert post_of(sandbox, item_id)["privacy"] == "PUBLIC"
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["tiktok_item_id"]) == ("AD_STATUS_DELIVERY_OK", item_id)


@pytest.mark.parametrize("privacy", ["PRIVATE", "FRIENDS"])
def test_a_public_pushed_post_cannot_lose_its_audience_while_promoted(sandbox, privacy):
    _, item_id = _published(sandbox)
    assert _patch_post(sandbox, item_id, privacy="PUBLIC")[0] == 200
    with nothing_changes(sandbox):
        answer = _patch_post(sandbox, item_id, privacy=privacy)
    error = control_error(answer, 409, "PRIVACY_LOCKED")
    assert error["message"].startswith("[PRIVACY_LOCKED] privacy: ")


def test_the_private_pushed_post_may_only_become_public_while_promoted(sandbox):
    _, item_id = _published(sandbox)
    with nothing_changes(sandbox):
        answer = _patch_post(sandbox, item_id, privacy="FRIENDS")
    control_error(answer, 409, "PRIVACY_LOCKED")


def test_ads_only_mode_can_be_switched_on_the_pushed_post(sandbox):
    _, item_id = _published(sandbox)
    status, body = _patch_post(sandbox, item_id, ads_only_mode=True)
    assert (status, body["ads_only_mode"], body["privacy"]) == (200, True, "PRIVATE"), body
    status, body = _patch_post(sandbox, item_id, ads_only_mode=False)
    assert (status, body["ads_only_mode"]) == (200, False), body


def test_the_pushed_post_can_go_private_again_once_no_ad_promotes_it(sandbox):
    ad_id, item_id = _published(sandbox)
    assert _patch_post(sandbox, item_id, privacy="PUBLIC")[0] == 200
    assert set_status(sandbox, [ad_id], "DELETE")["code"] == 0
    status, body = _patch_post(sandbox, item_id, privacy="PRIVATE")
    assert (status, body["privacy"]) == (200, "PRIVATE"), body


# -- engagement (rule 10) ----------------------------------------------------------------------


def test_engagement_of_a_delivering_pushed_ad_goes_to_its_post(sandbox):
    ad_id, item_id = _published(sandbox)
    status, body = engage(sandbox, ad_id, {"views": 100, "likes": 7})
    expected = {**ZERO, "views": 100, "likes": 7}
    assert (status, body) == (200, {"ad_id": ad_id, "item_id": item_id, "engagement": expected})
    assert post_of(sandbox, item_id)["engagement"] == expected
    status, body = engage(sandbox, ad_id, {"views": 5, "comments": 2, "shares": 1, "follows": 3})
    expected = {"views": 105, "likes": 7, "comments": 2, "shares": 1, "follows": 3}
    assert (status, body["engagement"]) == (200, expected)
    assert post_of(sandbox, item_id)["engagement"] == expected


def test_engagement_before_the_pushed_post_is_up_is_refused(sandbox):
    ad_id = pushed_ad(sandbox, account(sandbox))
    with nothing_changes(sandbox):
        answer = engage(sandbox, ad_id, {"views": 100, "likes": 7})
    control_error(answer, 409, "CONFLICT")


def test_engagement_of_an_auth_code_spark_ad_grows_the_original_post(sandbox):
    ad = seeded(sandbox, "AUTH_CODE")
    assert ad["secondary_status"] == "AD_STATUS_DELIVERY_OK"
    item_id = ad["tiktok_item_id"]
    before = post_of(sandbox, item_id)["engagement"]
    others = [p for p in world_of(sandbox)[0].posts if p.item_id != item_id]
    status, body = engage(sandbox, ad["ad_id"], {"views": 100, "likes": 7})
    expected = {**before, "views": before["views"] + 100, "likes": before["likes"] + 7}
    assert (status, body["item_id"], body["engagement"]) == (200, item_id, expected)
    assert post_of(sandbox, item_id)["engagement"] == expected
    assert [p for p in world_of(sandbox)[0].posts if p.item_id != item_id] == others


def test_engagement_of_a_non_spark_ad_is_refused(sandbox):
    ad = seeded(sandbox, "CUSTOMIZED_USER")
    assert ad["secondary_status"] == "AD_STATUS_DELIVERY_OK"
    with nothing_changes(sandbox):
        answer = engage(sandbox, ad["ad_id"], {"views": 100})
    control_error(answer, 409, "CONFLICT")


@pytest.mark.parametrize("state", ["disabled", "back in review", "rejected"])
def test_engagement_of_a_pushed_ad_that_is_not_delivering_is_refused(sandbox, state):
    ad_id, item_id = _published(sandbox)
    if state == "disabled":
        assert set_status(sandbox, [ad_id], "DISABLE")["code"] == 0
    elif state == "back in review":
        set_policy(sandbox, mode="manual")
        assert update(sandbox, ad_id, ad_name="Renamed")["code"] == 0
    else:
        decide(sandbox, ad_id, "reject")
    assert ad_of(sandbox, ad_id)["secondary_status"] != "AD_STATUS_DELIVERY_OK"
    with nothing_changes(sandbox):
        answer = engage(sandbox, ad_id, {"views": 100})
    control_error(answer, 409, "CONFLICT")
    assert post_of(sandbox, item_id)["engagement"] == ZERO


@pytest.mark.parametrize("which", ["unknown", "deleted", "another sandbox's"])
def test_engagement_of_an_ad_that_is_not_there_is_404(sandbox, other_sandbox, which):
    ad_id = UNKNOWN_ID
    if which == "deleted":
        ad_id = seeded(sandbox, "AUTH_CODE")["ad_id"]
        assert set_status(sandbox, [ad_id], "DELETE")["code"] == 0
    elif which == "another sandbox's":
        ad_id = seeded(other_sandbox, "AUTH_CODE")["ad_id"]
    with nothing_changes(sandbox):
        answer = engage(sandbox, ad_id, {"views": 100})
    control_error(answer, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"views": -1}, "views"),
        ({"likes": 1.5}, "likes"),
        ({"comments": "7"}, "comments"),
        ({"shares": True}, "shares"),
        ({"follows": None}, "follows"),
        ({"views": 1_000_000_001}, "views"),
    ],
)
def test_bad_engagement_counts_are_400(sandbox, body, field):
    ad = seeded(sandbox, "AUTH_CODE")
    with nothing_changes(sandbox):
        answer = engage(sandbox, ad["ad_id"], body)
    error = control_error(answer, 400, "INVALID_PARAMETER")
    assert error["message"].startswith(field), error


# -- Smart+ ------------------------------------------------------------------------------------


def test_a_smart_plus_pushed_creative_publishes_its_post_after_review(sandbox):
    tt = account(sandbox)
    seen = _posts_seen(sandbox, tt)
    answer = smart_push(sandbox, tt)
    assert answer["code"] == 0, answer
    (creative,) = answer["data"]["creative_list"]
    assert creative["creative_info"]["tiktok_item_id"] is None
    assert _posts_seen(sandbox, tt) == seen
    advance(sandbox, REVIEW)
    item_id = planned_item_id(sandbox, creative["ad_id"])
    assert _posts_seen(sandbox, tt) == _with_new(item_id, seen)
    post = post_of(sandbox, item_id)
    assert (post["caption"], post["privacy"]) == (CAPTION, "PRIVATE")


def test_smart_plus_ad_get_reports_the_pushed_item_id_once_published(sandbox):
    answer = smart_push(sandbox, account(sandbox))
    assert answer["code"] == 0, answer
    smart_id = answer["data"]["smart_plus_ad_id"]
    (creative,) = smart_ad(sandbox, smart_id)["creative_list"]
    assert creative["creative_info"]["tiktok_item_id"] is None
    advance(sandbox, REVIEW)
    (creative,) = smart_ad(sandbox, smart_id)["creative_list"]
    assert creative["creative_info"]["tiktok_item_id"] == planned_item_id(
        sandbox, creative["ad_id"]
    )
    assert creative["secondary_status"] == "AD_STATUS_DELIVERY_OK"


# -- the Spark ad cap (rule 6) -----------------------------------------------------------------


def _spark_count(sandbox):
    store = sandbox.client.application.extensions["mockads"].store
    with store.unit_of_work(read_only=True) as uow:
        world = uow.world(sandbox.sandbox_id)
        return world.count_ads(advertiser_id=sandbox.advertiser_id, spark_only=True)


def test_a_pushed_ad_counts_as_a_spark_ad(sandbox):
    before = _spark_count(sandbox)
    pushed_ad(sandbox, account(sandbox))
    assert _spark_count(sandbox) == before + 1


@pytest.mark.mockads(scenario="near-cap")
def test_pushed_ads_fill_the_spark_ad_cap(mockads_sandbox):
    sandbox = mockads_sandbox
    (adgroup,) = sandbox.get("adgroup/get/", advertiser_id=sandbox.advertiser_id)["data"]["list"]
    store = sandbox.client.application.extensions["mockads"].store
    with store.unit_of_work(read_only=True) as uow:
        (video,) = uow.world(sandbox.sandbox_id).owned(LibraryVideo, sandbox.advertiser_id)
    identity = identity_of(sandbox, "TT_USER")
    assert identity["can_push_video"] is True
    creatives = [
        push_creative(sandbox, identity, video_id=video.video_id, ad_name=f"Push {n}")
        for n in range(6)
    ]
    assert _spark_count(sandbox) == 9_995
    created(sandbox, adgroup["adgroup_id"], *creatives[:5])
    assert _spark_count(sandbox) == 10_000
    before = total(sandbox, "STATUS_ALL")
    body = create(sandbox, adgroup["adgroup_id"], creatives[5])
    message = spark_refusal(body, "SPARK_AD_LIMIT_REACHED", "creatives")
    assert "this one has 10000" in message
    assert total(sandbox, "STATUS_ALL") == before
