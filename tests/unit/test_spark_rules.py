"""Spark rules of `mockads.domain.spark` for dual-creator posts, unbinding and eligibility.

Posts and codes are made with the app's own domain functions, so they look like the ones the
creator-app simulator stores.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from mockads.domain import errors
from mockads.domain.clock import format_time
from mockads.domain.creator_app import generate_code, new_creator, new_post, update_creator
from mockads.domain.enums import Privacy
from mockads.domain.model import LinkedPost
from mockads.domain.spark import (
    MAX_BATCH_CODES,
    SparkPost,
    check_auth_code_format,
    check_linkable,
    check_original_code,
    check_unbindable,
    describe,
    is_dual_creator,
)

DAY = 86_400
NOW = 1_800_000_000
ADVERTISER = "7100000000000000000"
ORIGINAL_FIELD = "original_post_auth_code"

_rng = random.Random(11)


def _creator(handle):
    made = new_creator(_rng, handle, handle.title(), 10, NOW - 100 * DAY)
    return update_creator(made, allow_authorized_posts=True, accepted_ad_terms=True)


ALICE = _creator("alice")
BOB = _creator("bob")


def _post(creator, **remix):
    return replace(
        new_post(_rng, creator, NOW - DAY, caption="a post", **remix), ad_authorization=True
    )


def _view(post, creator, *, original=None, linked=False, now=NOW, days=30, **code_changes):
    """`post` seen through a code generated a day ago, when the post was public."""
    code = generate_code(_rng, creator, replace(post, privacy=Privacy.PUBLIC), [], days, NOW - DAY)
    code = replace(code, **code_changes)
    link = LinkedPost(ADVERTISER, post.item_id, code.auth_code, NOW - 60) if linked else None
    return SparkPost(post, creator, code, now, link, original)


ORIGINAL = _post(ALICE)
DUET = _post(BOB, duet_of=ORIGINAL)
STITCH = _post(BOB, stitch_of=ORIGINAL)


def _assert_spark_error(caught, reason, field):
    error = caught.value
    assert isinstance(error, errors.SparkError)
    assert (error.reason, error.field, error.api_code, error.http_status) == (
        reason,
        field,
        40002,
        422,
    )
    assert error.message.startswith(f"[{reason}] {field}: "), error.message


# -- is_dual_creator --------------------------------------------------------------------------


def test_is_dual_creator_is_false_for_a_post_that_remixes_nothing():
    assert is_dual_creator(ORIGINAL, None) is False


def test_is_dual_creator_is_true_for_a_duet_of_another_creator():
    assert is_dual_creator(DUET, ORIGINAL) is True


def test_is_dual_creator_is_true_for_a_stitch_of_another_creator():
    assert is_dual_creator(STITCH, ORIGINAL) is True


def test_is_dual_creator_is_false_for_a_remix_of_ones_own_post():
    own = _post(ALICE, duet_of=ORIGINAL)
    assert is_dual_creator(own, ORIGINAL) is False


# -- check_original_code ----------------------------------------------------------------------


def test_check_original_code_needs_nothing_for_a_single_creator_post():
    check_original_code(_view(ORIGINAL, ALICE), None)


def test_check_original_code_needs_nothing_for_a_remix_of_ones_own_post():
    own = _post(ALICE, stitch_of=ORIGINAL)
    check_original_code(_view(own, ALICE, original=ORIGINAL), None)


@pytest.mark.parametrize(("post", "kind"), [(DUET, "duet"), (STITCH, "stitch")])
def test_check_original_code_requires_the_original_code_naming_the_original(post, kind):
    with pytest.raises(errors.OriginalPostAuthCodeRequired) as caught:
        check_original_code(_view(post, BOB, original=ORIGINAL), None)
    _assert_spark_error(caught, "ORIGINAL_POST_AUTH_CODE_REQUIRED", ORIGINAL_FIELD)
    assert f"{kind} of post {ORIGINAL.item_id}" in caught.value.message


def test_check_original_code_passes_with_the_originals_valid_code():
    check_original_code(_view(DUET, BOB, original=ORIGINAL), _view(ORIGINAL, ALICE))


def test_check_original_code_passes_when_the_original_is_linked_already():
    check_original_code(_view(DUET, BOB, original=ORIGINAL), _view(ORIGINAL, ALICE, linked=True))


def test_check_original_code_refuses_a_code_of_another_post():
    other = _post(ALICE)
    with pytest.raises(errors.OriginalPostAuthCodeMismatch) as caught:
        check_original_code(_view(DUET, BOB, original=ORIGINAL), _view(other, ALICE))
    _assert_spark_error(caught, "ORIGINAL_POST_AUTH_CODE_MISMATCH", ORIGINAL_FIELD)
    assert other.item_id in caught.value.message
    assert ORIGINAL.item_id in caught.value.message


def test_check_original_code_refuses_the_remix_own_code_as_the_original():
    duet = _view(DUET, BOB, original=ORIGINAL)
    with pytest.raises(errors.OriginalPostAuthCodeMismatch):
        check_original_code(duet, duet)


def test_check_original_code_refuses_an_expired_original_code():
    expired = _view(ORIGINAL, ALICE, days=7, now=NOW + 7 * DAY)
    with pytest.raises(errors.AuthCodeExpired) as caught:
        check_original_code(_view(DUET, BOB, original=ORIGINAL, now=NOW + 7 * DAY), expired)
    _assert_spark_error(caught, "AUTH_CODE_EXPIRED", ORIGINAL_FIELD)
    assert format_time(expired.code.auth_end_time) in caught.value.message


def test_check_original_code_refuses_a_revoked_original_code():
    revoked = _view(ORIGINAL, ALICE, revoked_at=NOW - 5)
    with pytest.raises(errors.AuthCodeRevoked) as caught:
        check_original_code(_view(DUET, BOB, original=ORIGINAL), revoked)
    _assert_spark_error(caught, "AUTH_CODE_REVOKED", ORIGINAL_FIELD)


def test_check_original_code_refuses_an_invalidated_original_code():
    edited = _view(ORIGINAL, ALICE, invalidated_at=NOW - 5)
    with pytest.raises(errors.AuthCodeInvalidated) as caught:
        check_original_code(_view(DUET, BOB, original=ORIGINAL), edited)
    _assert_spark_error(caught, "AUTH_CODE_INVALIDATED", ORIGINAL_FIELD)


def test_check_original_code_refuses_a_deleted_original_post():
    gone = replace(ORIGINAL, deleted=True)
    with pytest.raises(errors.PostDeleted) as caught:
        check_original_code(_view(DUET, BOB, original=gone), _view(gone, ALICE))
    _assert_spark_error(caught, "POST_DELETED", ORIGINAL_FIELD)


@pytest.mark.parametrize("privacy", [Privacy.PRIVATE, Privacy.FRIENDS])
def test_check_original_code_refuses_an_original_post_that_is_not_public(privacy):
    hidden = replace(ORIGINAL, privacy=privacy)
    with pytest.raises(errors.PostNotPublic) as caught:
        check_original_code(_view(DUET, BOB, original=hidden), _view(hidden, ALICE))
    _assert_spark_error(caught, "POST_NOT_PUBLIC", ORIGINAL_FIELD)
    assert privacy.value in caught.value.message


def test_check_original_code_refuses_an_ineligible_original_post():
    banned = replace(ORIGINAL, ineligible_reason="it uses unlicensed music")
    with pytest.raises(errors.PostIneligible) as caught:
        check_original_code(_view(DUET, BOB, original=banned), _view(banned, ALICE))
    _assert_spark_error(caught, "POST_INELIGIBLE", ORIGINAL_FIELD)


# -- check_linkable: PostIneligible and the field argument ------------------------------------


def test_check_linkable_refuses_an_ineligible_post_saying_why():
    banned = replace(ORIGINAL, ineligible_reason="it uses unlicensed music")
    with pytest.raises(errors.PostIneligible) as caught:
        check_linkable(_view(banned, ALICE))
    _assert_spark_error(caught, "POST_INELIGIBLE", "auth_code")
    assert caught.value.message.endswith("the post cannot be promoted: it uses unlicensed music.")


def test_check_linkable_reports_a_private_post_before_its_ineligibility():
    both = replace(ORIGINAL, privacy=Privacy.PRIVATE, ineligible_reason="unlicensed music")
    with pytest.raises(errors.PostNotPublic):
        check_linkable(_view(both, ALICE))


def test_check_linkable_reports_ineligibility_before_an_existing_link():
    banned = replace(ORIGINAL, ineligible_reason="unlicensed music")
    with pytest.raises(errors.PostIneligible):
        check_linkable(_view(banned, ALICE, linked=True))


def test_check_linkable_passes_an_eligible_post():
    check_linkable(_view(ORIGINAL, ALICE))


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"revoked_at": NOW - 1}, errors.AuthCodeRevoked),
        ({"invalidated_at": NOW - 1}, errors.AuthCodeInvalidated),
        ({"days": 7, "now": NOW + 7 * DAY}, errors.AuthCodeExpired),
        ({"linked": True}, errors.PostAlreadyLinked),
    ],
)
def test_check_linkable_names_the_field_it_is_given(changes, error):
    with pytest.raises(error) as caught:
        check_linkable(_view(ORIGINAL, ALICE, **changes), ORIGINAL_FIELD)
    _assert_spark_error(caught, error.reason, ORIGINAL_FIELD)


def test_check_linkable_names_auth_code_by_default():
    with pytest.raises(errors.PostAlreadyLinked) as caught:
        check_linkable(_view(ORIGINAL, ALICE, linked=True))
    _assert_spark_error(caught, "POST_ALREADY_LINKED", "auth_code")
    assert ORIGINAL.item_id in caught.value.message


def test_check_auth_code_format_names_the_field_it_is_given():
    with pytest.raises(errors.AuthCodeMalformed) as caught:
        check_auth_code_format("#not a code", ORIGINAL_FIELD)
    _assert_spark_error(caught, "AUTH_CODE_MALFORMED", ORIGINAL_FIELD)


@pytest.mark.parametrize(
    ("error", "field"),
    [
        (errors.AuthCodeNotFound(), "auth_code"),
        (errors.AuthCodeNotFound(ORIGINAL_FIELD), ORIGINAL_FIELD),
        (errors.PostDeleted(ORIGINAL_FIELD), ORIGINAL_FIELD),
        (errors.OriginalPostAuthCodeRequired(kind="duet", original_item_id="1"), ORIGINAL_FIELD),
        (errors.OriginalPostAuthCodeMismatch(item_id="2", original_item_id="1"), ORIGINAL_FIELD),
        (errors.PostNotLinked(item_id="1"), "item_id"),
        (errors.PostInUse(item_id="1", ads=2), "item_id"),
    ],
)
def test_spark_errors_name_their_field_first(error, field):
    assert error.field == field
    assert error.message.startswith(f"[{error.reason}] {field}: ")


# -- check_unbindable -------------------------------------------------------------------------


def test_check_unbindable_passes_a_linked_post_no_ad_uses():
    link = LinkedPost(ADVERTISER, ORIGINAL.item_id, "#" + "A" * 64, NOW)
    check_unbindable(ORIGINAL.item_id, link, ads_using=0)


def test_check_unbindable_refuses_a_post_that_is_not_linked():
    with pytest.raises(errors.PostNotLinked) as caught:
        check_unbindable(ORIGINAL.item_id, None, ads_using=0)
    _assert_spark_error(caught, "POST_NOT_LINKED", "item_id")
    assert ORIGINAL.item_id in caught.value.message


@pytest.mark.parametrize("ads", [1, 3])
def test_check_unbindable_refuses_while_ads_use_the_post(ads):
    link = LinkedPost(ADVERTISER, ORIGINAL.item_id, "#" + "A" * 64, NOW)
    with pytest.raises(errors.PostInUse) as caught:
        check_unbindable(ORIGINAL.item_id, link, ads_using=ads)
    _assert_spark_error(caught, "POST_IN_USE", "item_id")
    assert f"used by {ads} ad(s)" in caught.value.message


# -- describe ---------------------------------------------------------------------------------


def test_describe_says_ready_for_a_code_that_links_alone():
    assert describe(_view(ORIGINAL, ALICE)) == "READY"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"revoked_at": NOW - 1}, "AUTH_CODE_REVOKED"),
        ({"invalidated_at": NOW - 1}, "AUTH_CODE_INVALIDATED"),
        ({"days": 7, "now": NOW + 7 * DAY}, "AUTH_CODE_EXPIRED"),
        ({"linked": True}, "POST_ALREADY_LINKED"),
    ],
)
def test_describe_gives_the_reason_a_code_fails(changes, reason):
    assert describe(_view(ORIGINAL, ALICE, **changes)) == reason


def test_describe_gives_the_reason_a_post_fails():
    assert describe(_view(replace(ORIGINAL, deleted=True), ALICE)) == "POST_DELETED"
    assert describe(_view(replace(ORIGINAL, privacy=Privacy.FRIENDS), ALICE)) == "POST_NOT_PUBLIC"


def test_describe_says_a_dual_creator_post_needs_the_original_code():
    assert describe(_view(DUET, BOB, original=ORIGINAL)) == "ORIGINAL_POST_AUTH_CODE_REQUIRED"


def test_describe_says_ready_for_a_remix_of_ones_own_post():
    own = _post(ALICE, duet_of=ORIGINAL)
    assert describe(_view(own, ALICE, original=ORIGINAL)) == "READY"


def test_max_batch_codes_is_20():
    assert MAX_BATCH_CODES == 20


# -- check_linkable: renewing a link whose code lapsed ----------------------------------------


def _linked_through(view, old_code):
    link = LinkedPost(ADVERTISER, view.post.item_id, old_code.auth_code, NOW - 60)
    return replace(view, linked=link)


def test_check_linkable_refuses_a_new_code_while_the_linking_code_still_authorizes():
    view = _view(ORIGINAL, ALICE)
    old = _view(ORIGINAL, ALICE).code
    with pytest.raises(errors.PostAlreadyLinked):
        check_linkable(_linked_through(view, old), linked_code=old)


@pytest.mark.parametrize(
    "lapse",
    [{"auth_end_time": NOW - 1}, {"revoked_at": NOW - 1}, {"invalidated_at": NOW - 1}],
    ids=["expired", "cancelled", "invalidated"],
)
def test_check_linkable_lets_a_new_code_renew_a_link_whose_code_lapsed(lapse):
    view = _view(ORIGINAL, ALICE)
    old = replace(_view(ORIGINAL, ALICE).code, **lapse)
    check_linkable(_linked_through(view, old), linked_code=old)


def test_check_linkable_refuses_the_linking_code_itself_even_when_asked_again():
    view = _view(ORIGINAL, ALICE, linked=True)
    with pytest.raises(errors.PostAlreadyLinked):
        check_linkable(view, linked_code=view.code)


# -- check_linkable: a code authorizes one ad account -----------------------------------------

OTHER_ADVERTISER = "7100000000000000002"


def test_check_linkable_refuses_a_code_another_ad_account_linked_with():
    view = replace(_view(ORIGINAL, ALICE), other_advertiser_id=OTHER_ADVERTISER)
    with pytest.raises(errors.AuthCodeUsedByAnotherAccount) as caught:
        check_linkable(view)
    _assert_spark_error(caught, "AUTH_CODE_USED_BY_ANOTHER_ACCOUNT", "auth_code")
    assert OTHER_ADVERTISER not in caught.value.message  # another account's id stays private


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"revoked_at": NOW - 1}, errors.AuthCodeRevoked),
        ({"days": 7, "now": NOW + 7 * DAY}, errors.AuthCodeExpired),
        ({"invalidated_at": NOW - 1}, errors.AuthCodeInvalidated),
    ],
)
def test_check_linkable_reports_the_codes_state_before_another_accounts_use(changes, error):
    view = replace(_view(ORIGINAL, ALICE, **changes), other_advertiser_id=OTHER_ADVERTISER)
    with pytest.raises(error):
        check_linkable(view)


def test_check_linkable_refuses_renewing_with_a_code_another_account_linked_with():
    view = replace(_view(ORIGINAL, ALICE), other_advertiser_id=OTHER_ADVERTISER)
    old = replace(_view(ORIGINAL, ALICE).code, revoked_at=NOW - 1)
    with pytest.raises(errors.AuthCodeUsedByAnotherAccount):
        check_linkable(_linked_through(view, old), linked_code=old)


def test_check_original_code_refuses_an_original_code_another_account_linked_with():
    original = replace(_view(ORIGINAL, ALICE), other_advertiser_id=OTHER_ADVERTISER)
    with pytest.raises(errors.AuthCodeUsedByAnotherAccount) as caught:
        check_original_code(_view(DUET, BOB, original=ORIGINAL), original)
    _assert_spark_error(caught, "AUTH_CODE_USED_BY_ANOTHER_ACCOUNT", ORIGINAL_FIELD)


def test_describe_says_a_code_another_account_linked_with_is_taken():
    view = replace(_view(ORIGINAL, ALICE), other_advertiser_id=OTHER_ADVERTISER)
    assert describe(view) == "AUTH_CODE_USED_BY_ANOTHER_ACCOUNT"
