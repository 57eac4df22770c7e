"""The creator's side as the TikTok app allows it (`mockads.domain.creator_app`), without HTTP."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from mockads.domain import errors
from mockads.domain.clock import format_time
from mockads.domain.creator_app import (
    CODE_DAYS,
    active_code,
    delete_post,
    edit_post,
    generate_code,
    new_creator,
    new_post,
    update_creator,
)
from mockads.domain.enums import AdAuthStatus, ItemType, Privacy
from mockads.domain.ids import AUTH_CODE_PATTERN

DAY = 86_400
NOW = 1_800_000_000


@pytest.fixture
def rng():
    return random.Random(7)


@pytest.fixture
def creator(rng):
    """A creator who has done both profile steps (authorized posts on, terms agreed)."""
    fresh = new_creator(rng, "maker", "A Maker", 1_000, NOW)
    return update_creator(fresh, allow_authorized_posts=True, accepted_ad_terms=True)


@pytest.fixture
def post(rng, creator):
    """A public video of `creator` with Ad authorization switched on."""
    made = new_post(rng, creator, NOW, caption="first take #tag")
    return replace(made, ad_authorization=True)


def _code(rng, creator, post, days=30, now=NOW, codes=()):
    return generate_code(rng, creator, post, list(codes), days, now)


def _assert_app_refusal(caught, reason, field):
    error = caught.value
    assert isinstance(error, errors.AppRefusal)
    assert (error.reason, error.field, error.http_status, error.api_code) == (
        reason,
        field,
        409,
        40002,
    )
    assert error.message.startswith(f"[{reason}] {field}: "), error.message


# -- new_creator / update_creator -------------------------------------------------------------


def test_new_creator_starts_with_authorized_posts_off_and_terms_not_agreed(rng):
    creator = new_creator(rng, "fresh", "Fresh Face", 12, NOW)
    assert creator.allow_authorized_posts is False
    assert creator.accepted_ad_terms is False


def test_new_creator_keeps_handle_name_followers_and_creation_time(rng):
    creator = new_creator(rng, "fresh", "Fresh Face", 12, NOW + 0.9)
    assert (creator.handle, creator.display_name, creator.follower_count) == (
        "fresh",
        "Fresh Face",
        12,
    )
    assert creator.create_time == NOW
    assert creator.creator_id.isdigit() and len(creator.creator_id) == 19
    assert creator.profile_image == f"https://mockads.invalid/avatar/{creator.creator_id}.jpeg"


def test_new_creators_get_distinct_ids(rng):
    first = new_creator(rng, "one", "One", 0, NOW)
    second = new_creator(rng, "two", "Two", 0, NOW)
    assert first.creator_id != second.creator_id
    assert first.identity_id != second.identity_id


@pytest.mark.parametrize("allow", [True, False])
def test_update_creator_sets_the_authorized_posts_switch(rng, allow):
    creator = new_creator(rng, "fresh", "Fresh", 0, NOW)
    switched = update_creator(creator, allow_authorized_posts=allow)
    assert switched.allow_authorized_posts is allow
    assert update_creator(switched, allow_authorized_posts=not allow).allow_authorized_posts is (
        not allow
    )


def test_update_creator_agrees_to_the_ad_terms(rng):
    creator = new_creator(rng, "fresh", "Fresh", 0, NOW)
    assert update_creator(creator, accepted_ad_terms=True).accepted_ad_terms is True


def test_update_creator_refuses_withdrawing_agreed_ad_terms(creator):
    with pytest.raises(errors.AdTermsCannotBeWithdrawn) as caught:
        update_creator(creator, accepted_ad_terms=False)
    _assert_app_refusal(caught, "AD_TERMS_CANNOT_BE_WITHDRAWN", "accepted_ad_terms")


def test_update_creator_refuses_withdrawing_terms_even_with_another_change(creator):
    with pytest.raises(errors.AdTermsCannotBeWithdrawn):
        update_creator(creator, allow_authorized_posts=False, accepted_ad_terms=False)


def test_update_creator_accepts_false_terms_when_never_agreed(rng):
    creator = new_creator(rng, "fresh", "Fresh", 0, NOW)
    assert update_creator(creator, accepted_ad_terms=False) == creator


def test_update_creator_with_nothing_to_change_returns_the_same_creator(creator):
    assert update_creator(creator) == creator


# -- new_post ---------------------------------------------------------------------------------


def test_new_post_is_a_public_video_with_ad_authorization_off(rng, creator):
    post = new_post(rng, creator, NOW, caption="hello")
    assert (post.item_type, post.privacy, post.ad_authorization) == (
        ItemType.VIDEO,
        Privacy.PUBLIC,
        False,
    )
    assert (post.deleted, post.ads_only_mode, post.creator_id) == (False, False, creator.creator_id)
    assert (post.duet_original_item_id, post.stitch_original_item_id) == (None, None)
    assert post.image_count == 0


def test_new_post_starts_with_no_engagement(rng, creator):
    post = new_post(rng, creator, NOW, caption="hello")
    assert (post.views, post.likes, post.comments, post.shares, post.follows) == (0, 0, 0, 0, 0)
    assert post.create_time == post.modify_time == NOW


def test_new_post_carousel_has_images(rng, creator):
    post = new_post(rng, creator, NOW, caption="slides", item_type=ItemType.CAROUSEL)
    assert post.item_type is ItemType.CAROUSEL
    assert post.image_count >= 1


@pytest.mark.parametrize("privacy", list(Privacy))
def test_new_post_keeps_the_chosen_privacy(rng, creator, privacy):
    assert new_post(rng, creator, NOW, caption="x", privacy=privacy).privacy is privacy


def test_new_post_duet_records_the_original(rng, creator, post):
    duet = new_post(rng, creator, NOW, caption="duet", duet_of=post)
    assert (duet.duet_original_item_id, duet.stitch_original_item_id) == (post.item_id, None)
    assert (duet.original_item_id, duet.remix_kind) == (post.item_id, "duet")


def test_new_post_stitch_records_the_original(rng, creator, post):
    stitch = new_post(rng, creator, NOW, caption="stitch", stitch_of=post)
    assert (stitch.duet_original_item_id, stitch.stitch_original_item_id) == (None, post.item_id)
    assert (stitch.original_item_id, stitch.remix_kind) == (post.item_id, "stitch")


def test_new_post_refuses_a_duet_and_stitch_at_once(rng, creator, post):
    with pytest.raises(errors.InvalidParameter) as caught:
        new_post(rng, creator, NOW, caption="both", duet_of=post, stitch_of=post)
    assert caught.value.field == "stitch_of"
    assert caught.value.http_status == 400


@pytest.mark.parametrize("kind", ["duet_of", "stitch_of"])
@pytest.mark.parametrize("privacy", [Privacy.PRIVATE, Privacy.FRIENDS])
def test_new_post_refuses_remixing_a_post_that_is_not_public(rng, creator, post, kind, privacy):
    hidden = replace(post, privacy=privacy)
    with pytest.raises(errors.InvalidParameter) as caught:
        new_post(rng, creator, NOW, caption="remix", **{kind: hidden})
    assert caught.value.field == kind
    assert post.item_id in caught.value.message


@pytest.mark.parametrize("kind", ["duet_of", "stitch_of"])
def test_new_post_refuses_remixing_a_deleted_post(rng, creator, post, kind):
    with pytest.raises(errors.InvalidParameter) as caught:
        new_post(rng, creator, NOW, caption="remix", **{kind: delete_post(post, NOW)})
    assert caught.value.field == kind


def test_new_post_refuses_remixing_a_carousel(rng, creator):
    carousel = new_post(rng, creator, NOW, caption="slides", item_type=ItemType.CAROUSEL)
    with pytest.raises(errors.InvalidParameter) as caught:
        new_post(rng, creator, NOW, caption="duet", duet_of=carousel)
    assert caught.value.field == "duet_of"


def test_new_post_refuses_a_carousel_that_remixes(rng, creator, post):
    with pytest.raises(errors.InvalidParameter) as caught:
        new_post(rng, creator, NOW, caption="x", item_type=ItemType.CAROUSEL, stitch_of=post)
    assert caught.value.field == "stitch_of"


# -- generate_code ----------------------------------------------------------------------------


def test_code_days_are_the_periods_the_app_offers():
    assert CODE_DAYS == (7, 30, 60, 365)


@pytest.mark.parametrize("days", [7, 30, 60, 365])
def test_generate_code_lasts_the_chosen_period(rng, creator, post, days):
    code = _code(rng, creator, post, days, now=NOW + 0.5)
    assert (code.item_id, code.days) == (post.item_id, days)
    assert code.auth_start_time == NOW
    assert code.auth_end_time == NOW + days * DAY
    assert (code.revoked_at, code.invalidated_at) == (None, None)
    assert code.status_at(NOW) is AdAuthStatus.AUTHORIZED


def test_generate_code_makes_a_code_shaped_like_the_apps(rng, creator, post):
    assert AUTH_CODE_PATTERN.fullmatch(_code(rng, creator, post).auth_code)


@pytest.mark.parametrize("days", [0, 1, 6, 14, 31, 90, 364, 366, -30])
def test_generate_code_refuses_other_periods(rng, creator, post, days):
    with pytest.raises(errors.InvalidParameter) as caught:
        _code(rng, creator, post, days)
    assert caught.value.field == "days"
    assert caught.value.message.startswith("days: must be one of 7, 30, 60, 365")


def test_generate_code_refuses_a_creator_who_does_not_allow_authorized_posts(creator, post, rng):
    closed = replace(creator, allow_authorized_posts=False)
    with pytest.raises(errors.AuthorizedPostsNotAllowed) as caught:
        _code(rng, closed, post)
    _assert_app_refusal(caught, "AUTHORIZED_POSTS_NOT_ALLOWED", "allow_authorized_posts")


def test_generate_code_refuses_a_creator_who_did_not_agree_to_the_terms(creator, post, rng):
    with pytest.raises(errors.AdTermsNotAccepted) as caught:
        _code(rng, replace(creator, accepted_ad_terms=False), post)
    _assert_app_refusal(caught, "AD_TERMS_NOT_ACCEPTED", "accepted_ad_terms")


def test_generate_code_refuses_a_post_with_ad_authorization_off(creator, post, rng):
    with pytest.raises(errors.AdAuthorizationOff) as caught:
        _code(rng, creator, replace(post, ad_authorization=False))
    _assert_app_refusal(caught, "AD_AUTHORIZATION_OFF", "ad_authorization")
    assert post.item_id in caught.value.message


def test_generate_code_checks_the_steps_in_the_apps_order(rng):
    """Each refusal names the first step not done: profile switch, terms, then the toggle."""
    creator = new_creator(rng, "fresh", "Fresh", 0, NOW)
    post = new_post(rng, creator, NOW, caption="x")
    seen = []
    for step in (
        lambda c, p: (replace(c, allow_authorized_posts=True), p),
        lambda c, p: (replace(c, accepted_ad_terms=True), p),
        lambda c, p: (c, replace(p, ad_authorization=True)),
    ):
        with pytest.raises(errors.AppRefusal) as caught:
            _code(rng, creator, post)
        seen.append(caught.value.reason)
        creator, post = step(creator, post)
    assert seen == ["AUTHORIZED_POSTS_NOT_ALLOWED", "AD_TERMS_NOT_ACCEPTED", "AD_AUTHORIZATION_OFF"]
    assert _code(rng, creator, post).item_id == post.item_id


@pytest.mark.parametrize("privacy", [Privacy.PRIVATE, Privacy.FRIENDS])
def test_generate_code_refuses_a_post_that_is_not_public(rng, creator, post, privacy):
    with pytest.raises(errors.CodeNeedsPublicPost) as caught:
        _code(rng, creator, replace(post, privacy=privacy))
    _assert_app_refusal(caught, "CODE_NEEDS_PUBLIC_POST", "privacy")
    assert privacy.value in caught.value.message


def test_generate_code_refuses_while_a_code_is_valid(rng, creator, post):
    first = _code(rng, creator, post)
    with pytest.raises(errors.AuthorizationActive) as caught:
        _code(rng, creator, post, now=NOW + DAY, codes=[first])
    _assert_app_refusal(caught, "AUTHORIZATION_ACTIVE", "ad_authorization")
    assert format_time(first.auth_end_time) in caught.value.message


def test_generate_code_gives_a_new_code_once_the_old_one_expired(rng, creator, post):
    first = _code(rng, creator, post, days=7)
    second = _code(rng, creator, post, now=first.auth_end_time, codes=[first])
    assert second.auth_code != first.auth_code
    assert second.auth_start_time == first.auth_end_time


def test_generate_code_gives_a_new_code_once_the_old_one_was_cancelled(rng, creator, post):
    first = replace(_code(rng, creator, post), revoked_at=NOW + 10)
    assert _code(rng, creator, post, now=NOW + 20, codes=[first]).auth_code != first.auth_code


def test_generate_code_gives_distinct_codes(rng, creator, post):
    codes = {_code(rng, creator, replace(post, item_id=str(n))).auth_code for n in range(50)}
    assert len(codes) == 50


# -- active_code ------------------------------------------------------------------------------


def test_active_code_is_none_without_codes():
    assert active_code([], NOW) is None


def test_active_code_is_the_code_authorizing_now(rng, creator, post):
    old = _code(rng, creator, post, now=NOW - 40 * DAY, days=7)
    current = _code(rng, creator, post)
    assert active_code([old, current], NOW) == current
    assert active_code([old, current], current.auth_end_time) is None


# -- edit_post --------------------------------------------------------------------------------


def test_edit_post_refuses_a_caption_edit_while_authorized(rng, creator, post):
    code = _code(rng, creator, post)
    with pytest.raises(errors.CaptionLocked) as caught:
        edit_post(creator, post, [code], NOW + 1, caption="new words")
    _assert_app_refusal(caught, "CAPTION_LOCKED", "caption")
    assert format_time(code.auth_end_time) in caught.value.message


def test_edit_post_refuses_a_locked_caption_before_any_other_change(rng, creator, post):
    code = _code(rng, creator, post)
    with pytest.raises(errors.CaptionLocked):
        edit_post(creator, post, [code], NOW + 1, caption="x", privacy=Privacy.PRIVATE)


def test_edit_post_the_same_caption_while_authorized_is_no_edit(rng, creator, post):
    code = _code(rng, creator, post)
    edited, changed = edit_post(creator, post, [code], NOW + 1, caption=post.caption)
    assert (edited, changed) == (post, [])


def test_edit_post_caption_after_expiry_invalidates_every_earlier_code(rng, creator, post):
    old = replace(_code(rng, creator, post, now=NOW - 100 * DAY, days=7), revoked_at=NOW - 99 * DAY)
    expired = _code(rng, creator, post, now=NOW - 40 * DAY, days=30)
    edited, changed = edit_post(creator, post, [old, expired], NOW, caption="new words")
    assert (edited.caption, edited.modify_time) == ("new words", NOW)
    assert {c.auth_code for c in changed} == {old.auth_code, expired.auth_code}
    assert all(c.invalidated_at == NOW for c in changed)
    assert all(c.status_at(NOW) is AdAuthStatus.INVALID for c in changed)


def test_edit_post_caption_leaves_codes_already_invalidated_alone(rng, creator, post):
    gone = replace(_code(rng, creator, post, now=NOW - 40 * DAY), invalidated_at=NOW - DAY)
    _, changed = edit_post(creator, post, [gone], NOW, caption="again")
    assert changed == []


def test_edit_post_switching_ad_authorization_off_cancels_the_valid_code(rng, creator, post):
    code = _code(rng, creator, post)
    edited, changed = edit_post(creator, post, [code], NOW + 60, ad_authorization=False)
    assert edited.ad_authorization is False
    assert changed == [replace(code, revoked_at=NOW + 60)]
    assert changed[0].status_at(NOW + 60) is AdAuthStatus.CANCELLED


def test_edit_post_switching_ad_authorization_off_leaves_expired_codes_alone(rng, creator, post):
    code = _code(rng, creator, post, days=7)
    _, changed = edit_post(creator, post, [code], code.auth_end_time + 1, ad_authorization=False)
    assert changed == []


def test_edit_post_switching_ad_authorization_off_twice_changes_nothing(rng, creator, post):
    off = replace(post, ad_authorization=False)
    assert edit_post(creator, off, [], NOW, ad_authorization=False) == (off, [])


def test_edit_post_then_caption_edit_after_switching_off_invalidates_the_code(rng, creator, post):
    code = _code(rng, creator, post)
    post, changed = edit_post(creator, post, [code], NOW + 1, ad_authorization=False)
    post, changed = edit_post(creator, post, changed, NOW + 2, caption="edited")
    assert post.caption == "edited"
    assert [c.status_at(NOW + 2) for c in changed] == [AdAuthStatus.INVALID]


def test_edit_post_switching_ad_authorization_on_needs_authorized_posts_allowed(rng, creator, post):
    off = replace(post, ad_authorization=False)
    with pytest.raises(errors.AuthorizedPostsNotAllowed):
        edit_post(
            replace(creator, allow_authorized_posts=False), off, [], NOW, ad_authorization=True
        )


def test_edit_post_switching_ad_authorization_on_needs_the_terms(rng, creator, post):
    off = replace(post, ad_authorization=False)
    with pytest.raises(errors.AdTermsNotAccepted) as caught:
        edit_post(replace(creator, accepted_ad_terms=False), off, [], NOW, ad_authorization=True)
    _assert_app_refusal(caught, "AD_TERMS_NOT_ACCEPTED", "accepted_ad_terms")


def test_edit_post_switching_ad_authorization_on(rng, creator, post):
    off = replace(post, ad_authorization=False)
    edited, changed = edit_post(creator, off, [], NOW, ad_authorization=True)
    assert (edited.ad_authorization, changed) == (True, [])


@pytest.mark.parametrize("privacy", list(Privacy))
def test_edit_post_changes_privacy_without_touching_codes(rng, creator, post, privacy):
    code = _code(rng, creator, post)
    edited, changed = edit_post(creator, post, [code], NOW, privacy=privacy)
    assert (edited.privacy, changed) == (privacy, [])


def test_edit_post_switches_ads_only_mode(rng, creator, post):
    edited, _ = edit_post(creator, post, [], NOW, ads_only_mode=True)
    assert edited.ads_only_mode is True


# -- delete_post ------------------------------------------------------------------------------


def test_delete_post_marks_it_deleted_at_that_time(post):
    deleted = delete_post(post, NOW + 5.7)
    assert (deleted.deleted, deleted.modify_time) == (True, NOW + 5)
    assert replace(deleted, deleted=False, modify_time=post.modify_time) == post
