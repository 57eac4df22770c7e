"""Push Spark ad rules (`mockads.domain.push`), the Ad/Post methods they rest on, the privacy
of a promoted post in the creator app, and `accrue_engagement`, without HTTP or a store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mockads.domain import errors
from mockads.domain.ads import ENGAGEMENT_COUNTERS, Ad, accrue_engagement
from mockads.domain.creator_app import edit_post
from mockads.domain.enums import (
    AdFormat,
    IdentityType,
    ItemType,
    OperationStatus,
    Privacy,
    ReviewOutcome,
)
from mockads.domain.library import LibraryVideo
from mockads.domain.model import Creator, Identity, Post
from mockads.domain.push import (
    PUSH_IDENTITIES,
    check_push_identity,
    planned_post,
    publication_time,
)
from tests.unit.business_centers import business_center

NOW = 1_800_000_000
ADVERTISER = "7100000000000000000"
CREATOR = "7400000000000000001"
ITEM = "7300000000000000009"
BC_ID = "7200000000000000000"
DUE = NOW + 60
TT_USER, BC_AUTH_TT = IdentityType.TT_USER, IdentityType.BC_AUTH_TT
APPROVED, REJECTED = ReviewOutcome.APPROVED, ReviewOutcome.REJECTED
DELIVERING = "AD_STATUS_DELIVERY_OK"


# -- entities ---------------------------------------------------------------------------------


def _video() -> LibraryVideo:
    return LibraryVideo(
        video_id="v10033g50000librarylibrarylibrar",
        advertiser_id=ADVERTISER,
        file_name="spring.mp4",
        format="mp4",
        duration=15.5,
        width=720,
        height=1280,
        size=2_000_000,
        bit_rate=1_032_258,
        signature="a" * 32,
        create_time=NOW - 86_400,
        material_id="7500000000000000001",
        modify_time=NOW - 86_400,
    )


def _ad(**changes) -> Ad:
    """A pushed ad (TT_USER + library video), approved at DUE unless `changes` say otherwise."""
    ad = Ad(
        ad_id="7100000000000000003",
        advertiser_id=ADVERTISER,
        campaign_id="7100000000000000001",
        adgroup_id="7100000000000000002",
        ad_name="Push 1",
        ad_format=AdFormat.SINGLE_VIDEO,
        identity_type=TT_USER,
        identity_id="brand-identity",
        identity_authorized_bc_id=None,
        tiktok_item_id=ITEM,
        auth_code=None,
        video_id=_video().video_id,
        ad_text="Spring drop #spring",
        call_to_action=None,
        landing_page_url=None,
        display_name=None,
        dark_post_status="OFF",
        operation_status=OperationStatus.ENABLE,
        review_outcome=APPROVED,
        review_reason=None,
        review_due_at=DUE,
        create_time=NOW,
        modify_time=NOW,
    )
    return replace(ad, **changes)


def _spark_ad(**changes) -> Ad:
    """A Spark ad promoting an existing post (no library video)."""
    return _ad(video_id=None, **changes)


def _non_spark_ad(**changes) -> Ad:
    return _ad(identity_type=IdentityType.CUSTOMIZED_USER, tiktok_item_id=None, **changes)


def _identity(identity_type=TT_USER, **changes) -> Identity:
    identity = Identity(
        identity_id="brand-identity",
        advertiser_id=ADVERTISER,
        identity_type=identity_type,
        display_name="Brand",
        profile_image="https://mockads.invalid/avatar.jpeg",
        creator_id=CREATOR,
        identity_authorized_bc_id=BC_ID if identity_type is BC_AUTH_TT else None,
        can_push_video=True,
        can_pull_video=True,
        can_use_live_ads=False,
        create_time=NOW - 86_400,
    )
    return replace(identity, **changes)


def _post(**changes) -> Post:
    post = Post(
        item_id=ITEM,
        creator_id=CREATOR,
        item_type=ItemType.VIDEO,
        caption="caption",
        privacy=Privacy.PUBLIC,
        ads_only_mode=False,
        ad_authorization=False,
        deleted=False,
        duet_original_item_id=None,
        stitch_original_item_id=None,
        video_id="v10033g50000000000000000000000000",
        file_name="clip.mp4",
        format="mp4",
        duration=10.0,
        width=1080,
        height=1920,
        size=1_000_000,
        bit_rate=800_000,
        signature="0" * 32,
        views=10,
        likes=2,
        comments=1,
        shares=0,
        follows=0,
        create_time=NOW - 10,
        modify_time=NOW - 10,
    )
    return replace(post, **changes)


def _plan(ad: Ad, current: Post | None = None, now: float = NOW) -> Post | None:
    return planned_post(ad, CREATOR, _video(), current, now)


# -- publication_time ----------------------------------------------------------------------------


def test_an_approved_ad_publishes_when_its_review_shows_approval():
    assert publication_time(_ad()) == DUE


@pytest.mark.parametrize(
    "changes",
    [
        {"review_outcome": REJECTED},
        {"review_outcome": None, "review_due_at": None},  # manual review, nobody decided yet
        {"review_due_at": None},
        {"operation_status": OperationStatus.DELETE},
    ],
    ids=["rejected", "undecided", "no due time", "deleted"],
)
def test_an_ad_that_will_not_be_approved_publishes_never(changes):
    assert publication_time(_ad(**changes)) is None


# -- planned_post ----------------------------------------------------------------------------


def test_an_approved_ad_plans_a_private_video_of_the_library_video_at_its_review_time():
    video = _video()
    post = _plan(_ad())
    assert post is not None
    assert (post.item_id, post.creator_id, post.item_type) == (ITEM, CREATOR, ItemType.VIDEO)
    assert (post.caption, post.privacy) == ("Spring drop #spring", Privacy.PRIVATE)
    assert (post.create_time, post.modify_time) == (DUE, DUE)
    facts = ("video_id", "file_name", "format", "duration", "width", "height", "size")
    assert [getattr(post, f) for f in facts] == [getattr(video, f) for f in facts]
    assert (post.bit_rate, post.signature) == (video.bit_rate, video.signature)
    assert [getattr(post, name) for name in ENGAGEMENT_COUNTERS] == [0] * 5
    assert (post.deleted, post.ad_authorization, post.ads_only_mode) == (False, False, False)
    assert (post.duet_original_item_id, post.stitch_original_item_id) == (None, None)
    assert not post.published_by(DUE - 1)
    assert post.published_by(DUE)


def test_a_dark_post_ad_plans_its_post_in_ads_only_mode():
    post = _plan(_ad(dark_post_status="ON"))
    assert post is not None and post.ads_only_mode is True


@pytest.mark.parametrize(
    "changes",
    [
        {"review_outcome": REJECTED},
        {"review_outcome": None, "review_due_at": None},
        {"operation_status": OperationStatus.DELETE},
        {"tiktok_item_id": None},
    ],
    ids=["rejected", "undecided", "deleted", "no item id"],
)
def test_no_post_is_planned_for_an_ad_that_will_not_publish(changes):
    assert _plan(_ad(**changes)) is None


@pytest.mark.parametrize(
    "changes",
    [
        {"review_outcome": REJECTED, "review_due_at": NOW},
        {"review_outcome": None, "review_due_at": None},
        {"operation_status": OperationStatus.DELETE},
        {"ad_text": "Edited text", "review_due_at": NOW + 500},
    ],
    ids=["rejected", "undecided", "deleted", "edited"],
)
def test_a_published_post_is_kept_as_it_is_whatever_happens_to_the_ad(changes):
    published = _plan(_ad(review_due_at=NOW - 30))
    assert published is not None
    assert _plan(_ad(**changes), published, NOW) is published


def test_a_post_going_up_at_this_very_second_counts_as_published():
    published = _plan(_ad(review_due_at=NOW))
    assert _plan(_ad(review_outcome=REJECTED), published, NOW) is published


def test_a_planned_post_follows_the_new_review_time_and_caption():
    planned = _plan(_ad())
    edited = _ad(ad_text="New caption", review_due_at=NOW + 90)
    post = _plan(edited, planned, NOW + 30)
    assert post is not None
    assert (post.caption, post.create_time, post.modify_time) == ("New caption", NOW + 90, NOW + 90)
    assert post.item_id == planned.item_id


def test_a_planned_post_moves_earlier_when_a_reviewer_approves_now():
    planned = _plan(_ad())
    post = _plan(_ad(review_due_at=NOW + 10), planned, NOW + 10)
    assert post is not None and post.create_time == NOW + 10


@pytest.mark.parametrize(
    "changes",
    [
        {"review_outcome": REJECTED, "review_due_at": NOW + 10},
        {"review_outcome": None, "review_due_at": None},
        {"operation_status": OperationStatus.DELETE},
    ],
    ids=["rejected", "back to manual review", "deleted"],
)
def test_a_planned_post_is_dropped_when_the_ad_will_not_be_approved(changes):
    planned = _plan(_ad())
    assert _plan(_ad(**changes), planned, NOW + 10) is None


# -- check_push_identity -----------------------------------------------------------------------

#: The Business Center BC_ID, owning the advertiser.
BUSINESS_CENTER = business_center(ADVERTISER)


def test_push_identities_are_the_advertisers_own_accounts():
    assert set(PUSH_IDENTITIES) == {TT_USER, BC_AUTH_TT}


def test_a_tt_user_account_that_may_push_is_returned():
    identity = _identity()
    assert check_push_identity(identity, TT_USER, identity.identity_id, None, None) is identity


def test_a_bc_auth_tt_account_with_its_business_center_is_returned():
    identity = _identity(BC_AUTH_TT)
    assert (
        check_push_identity(identity, BC_AUTH_TT, identity.identity_id, BC_ID, BUSINESS_CENTER)
        is identity
    )


@pytest.mark.parametrize(
    ("identity", "identity_type"),
    [(None, TT_USER), (_identity(TT_USER), BC_AUTH_TT), (_identity(BC_AUTH_TT), TT_USER)],
    ids=["unknown", "tt_user as bc_auth_tt", "bc_auth_tt as tt_user"],
)
def test_an_account_that_is_not_the_advertisers_of_that_type_is_no_permission(
    identity, identity_type
):
    with pytest.raises(errors.NoPermission) as caught:
        check_push_identity(identity, identity_type, "brand-identity", BC_ID, BUSINESS_CENTER)
    assert (caught.value.field, caught.value.value) == ("identity_id", "brand-identity")


@pytest.mark.parametrize("bc_id", [None, "7200000000000000099"])
def test_a_bc_auth_tt_account_without_its_business_center_is_refused(bc_id):
    with pytest.raises(errors.InvalidParameter) as caught:
        check_push_identity(
            _identity(BC_AUTH_TT), BC_AUTH_TT, "brand-identity", bc_id, BUSINESS_CENTER
        )
    assert caught.value.field == "identity_authorized_bc_id"


@pytest.mark.parametrize("identity_type", [TT_USER, BC_AUTH_TT])
@pytest.mark.parametrize(
    "changes",
    [{"can_push_video": False}, {"creator_id": None}],
    ids=["no push right", "no account"],
)
def test_an_account_that_cannot_publish_is_refused(identity_type, changes):
    identity = _identity(identity_type, **changes)
    with pytest.raises(errors.PushNotAllowed) as caught:
        check_push_identity(identity, identity_type, "brand-identity", BC_ID, BUSINESS_CENTER)
    assert str(caught.value).startswith("[PUSH_NOT_ALLOWED] identity_id: identity brand-identity")


# -- Ad and Post methods ----------------------------------------------------------------------


def test_only_a_spark_ad_of_a_library_video_is_a_push():
    assert _ad().is_push
    assert _ad(identity_type=BC_AUTH_TT).is_push
    assert not _spark_ad().is_push
    assert not _non_spark_ad().is_push


@pytest.mark.parametrize(
    ("pushed_at", "now", "published"),
    [(None, NOW, False), (NOW + 1, NOW, False), (NOW, NOW, True), (NOW - 1, NOW, True)],
)
def test_a_pushed_ads_post_is_up_from_pushed_at(pushed_at, now, published):
    assert _ad(pushed_at=pushed_at).published_by(now) is published


def test_a_pushed_ad_reports_its_item_id_only_once_the_post_is_up():
    ad = _ad(pushed_at=DUE)
    assert ad.item_id_at(DUE - 1) is None
    assert ad.item_id_at(DUE) == ITEM
    assert _ad(pushed_at=None).item_id_at(NOW + 86_400) is None


def test_other_ads_report_their_item_id_at_any_time():
    assert _spark_ad(pushed_at=None).item_id_at(NOW - 86_400) == ITEM
    assert _non_spark_ad().item_id_at(NOW) is None


def test_a_pushed_ads_text_is_locked_only_once_its_post_is_up():
    ad = _ad(pushed_at=DUE)
    assert ad.text_locked(DUE - 1) is False
    assert ad.text_locked(DUE) is True
    assert _ad(pushed_at=None).text_locked(NOW) is False


def test_a_spark_ads_text_is_always_locked_and_a_non_spark_ads_never():
    assert _spark_ad().text_locked(NOW) is True
    assert _non_spark_ad().text_locked(NOW) is False


@pytest.mark.parametrize(("create_time", "published"), [(NOW + 1, False), (NOW, True)])
def test_a_post_is_up_from_its_create_time(create_time, published):
    assert _post(create_time=create_time).published_by(NOW) is published


def test_pushed_at_moves_with_the_other_times_when_a_world_is_anchored():
    ad = _ad(pushed_at=DUE).shifted(100)
    assert (ad.pushed_at, ad.review_due_at, ad.create_time) == (DUE + 100, DUE + 100, NOW + 100)
    assert _ad(pushed_at=None).shifted(100).pushed_at is None


# -- the creator app: a promoted post may only become public (edit_post) ----------------------

CREATOR_ACCOUNT = Creator(
    creator_id=CREATOR,
    identity_id="brand-identity",
    handle="brand",
    display_name="Brand",
    profile_image="https://mockads.invalid/avatar.jpeg",
    follower_count=10,
    allow_authorized_posts=False,
    accepted_ad_terms=False,
    create_time=NOW - 86_400,
)


def _edit(post: Post, promoted: bool, **changes) -> Post:
    edited, codes = edit_post(CREATOR_ACCOUNT, post, [], NOW, promoted=promoted, **changes)
    assert codes == []
    return edited


def test_a_promoted_private_post_may_become_public():
    pushed = _post(privacy=Privacy.PRIVATE)
    assert _edit(pushed, True, privacy=Privacy.PUBLIC).privacy is Privacy.PUBLIC


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Privacy.PUBLIC, Privacy.PRIVATE),
        (Privacy.PUBLIC, Privacy.FRIENDS),
        (Privacy.PRIVATE, Privacy.FRIENDS),
    ],
)
def test_a_promoted_post_may_not_take_any_other_privacy(before, after):
    with pytest.raises(errors.PrivacyLocked) as caught:
        _edit(_post(privacy=before), True, privacy=after)
    assert str(caught.value).startswith(f"[PRIVACY_LOCKED] privacy: the privacy of post {ITEM}")


def test_a_promoted_post_keeps_its_privacy_and_switches_ads_only_mode():
    pushed = _post(privacy=Privacy.PRIVATE)
    edited = _edit(pushed, True, privacy=Privacy.PRIVATE, ads_only_mode=True)
    assert (edited.privacy, edited.ads_only_mode) == (Privacy.PRIVATE, True)


def test_a_post_no_ad_promotes_may_take_any_privacy():
    assert _edit(_post(), False, privacy=Privacy.PRIVATE).privacy is Privacy.PRIVATE


# -- accrue_engagement ------------------------------------------------------------------------


def test_engagement_is_added_to_the_posts_counters():
    post = _post()
    grown = accrue_engagement(post, DELIVERING, {"views": 100, "likes": 7, "follows": 1})
    assert [getattr(grown, n) for n in ENGAGEMENT_COUNTERS] == [110, 9, 1, 0, 1]
    assert replace(grown, views=10, likes=2, follows=0) == post  # nothing else changes
    assert (post.views, post.likes) == (10, 2)  # the post given is left as it was


def test_no_engagement_leaves_the_counters_as_they_are():
    assert accrue_engagement(_post(), DELIVERING, {}) == _post()


@pytest.mark.parametrize(
    "status",
    [
        "AD_STATUS_REVIEW",
        "AD_STATUS_REJECT",
        "AD_STATUS_DISABLE",
        "AD_STATUS_ADGROUP_DISABLE",
        "AD_STATUS_CAMPAIGN_DISABLE",
        "AD_STATUS_DELETE",
        "AD_STATUS_SPARK_AUTHORIZATION_EXPIRED",
    ],
)
def test_an_ad_that_is_not_delivering_earns_nothing(status):
    with pytest.raises(errors.Conflict) as caught:
        accrue_engagement(_post(), status, {"views": 100})
    assert status in str(caught.value)
