"""Ad rules of `mockads.domain.ads` and `mockads.domain.review`, without HTTP or a store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mockads.domain import errors
from mockads.domain.ads import (
    MAX_LANDING_PAGE_URL,
    MAX_SPARK_ADS,
    Ad,
    check_landing_page_url,
    check_spark_ad_limit,
    spark_ad_text,
    spark_post_for_ad,
    utm_params,
)
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.enums import (
    AdAuthStatus,
    AdFormat,
    BudgetMode,
    IdentityType,
    ItemType,
    ObjectiveType,
    OperationStatus,
    Privacy,
    ReviewMode,
    ReviewOutcome,
)
from mockads.domain.model import BusinessCenter, Creator, Identity, LinkedPost, Post, SparkCode
from mockads.domain.review import ReviewPolicy
from tests.unit.business_centers import business_center

NOW = 1_800_000_000
DAY = 86_400
ADVERTISER = "7100000000000000000"
BC_ID = "7200000000000000000"
ENABLE, DISABLE, DELETE = OperationStatus.ENABLE, OperationStatus.DISABLE, OperationStatus.DELETE
AUTH_CODE, TT_USER, BC_AUTH_TT = (
    IdentityType.AUTH_CODE,
    IdentityType.TT_USER,
    IdentityType.BC_AUTH_TT,
)


# -- entities ---------------------------------------------------------------------------------


def _campaign(status=ENABLE):
    return Campaign(
        campaign_id="7100000000000000001",
        advertiser_id=ADVERTISER,
        campaign_name="Spring sale",
        objective_type=ObjectiveType.TRAFFIC,
        budget_mode=BudgetMode.BUDGET_MODE_INFINITE,
        budget=0.0,
        operation_status=status,
        is_smart_plus=False,
        create_time=NOW - DAY,
        modify_time=NOW - DAY,
    )


def _adgroup(status=ENABLE):
    return AdGroup(
        adgroup_id="7100000000000000002",
        advertiser_id=ADVERTISER,
        campaign_id="7100000000000000001",
        adgroup_name="US - 18+",
        placement_type="PLACEMENT_TYPE_AUTOMATIC",
        placements=(),
        location_ids=("6252001",),
        budget_mode=BudgetMode.BUDGET_MODE_INFINITE,
        budget=0.0,
        schedule_type="SCHEDULE_FROM_NOW",
        schedule_start_time=NOW - DAY,
        schedule_end_time=None,
        optimization_goal="CLICK",
        billing_event="CPC",
        bid_type="BID_TYPE_NO_BID",
        bid_price=0.0,
        promotion_type="WEBSITE",
        operation_status=status,
        create_time=NOW - DAY,
        modify_time=NOW - DAY,
    )


def _ad(status=ENABLE, outcome=ReviewOutcome.APPROVED, due=NOW - 60, identity_type=AUTH_CODE) -> Ad:
    return Ad(
        ad_id="7100000000000000003",
        advertiser_id=ADVERTISER,
        campaign_id="7100000000000000001",
        adgroup_id="7100000000000000002",
        ad_name="Spark 1",
        ad_format=AdFormat.SINGLE_VIDEO,
        identity_type=identity_type,
        identity_id="creator-identity",
        identity_authorized_bc_id=None,
        tiktok_item_id="7300000000000000001",
        auth_code="#code",
        video_id=None,
        ad_text="caption #tag",
        call_to_action=None,
        landing_page_url=None,
        display_name=None,
        dark_post_status="OFF",
        operation_status=status,
        review_outcome=outcome,
        review_reason=None,
        review_due_at=due,
        create_time=NOW - 120,
        modify_time=NOW - 120,
    )


def _creator(identity_id="creator-identity", creator_id="7400000000000000001"):
    return Creator(
        creator_id=creator_id,
        identity_id=identity_id,
        handle="dancer",
        display_name="Dancer",
        profile_image="https://mockads.invalid/avatar.jpeg",
        follower_count=10,
        allow_authorized_posts=True,
        accepted_ad_terms=True,
        create_time=NOW - 30 * DAY,
    )


def _post(privacy=Privacy.PUBLIC, deleted=False, creator_id="7400000000000000001"):
    return Post(
        item_id="7300000000000000001",
        creator_id=creator_id,
        item_type=ItemType.VIDEO,
        caption="caption #tag",
        privacy=privacy,
        ads_only_mode=False,
        ad_authorization=True,
        deleted=deleted,
        duet_original_item_id=None,
        stitch_original_item_id=None,
        video_id="v10033g50000000000000000000000000",
        file_name="clip.mp4",
        format="mp4",
        duration=15.0,
        width=1080,
        height=1920,
        size=1_000_000,
        bit_rate=1_000_000,
        signature="0" * 32,
        views=0,
        likes=0,
        comments=0,
        shares=0,
        follows=0,
        create_time=NOW - 10 * DAY,
        modify_time=NOW - 10 * DAY,
    )


def _code(**changes):
    code = SparkCode(
        auth_code="#code",
        item_id="7300000000000000001",
        days=30,
        auth_start_time=NOW - DAY,
        auth_end_time=NOW + 29 * DAY,
    )
    return replace(code, **changes)


def _linked():
    return LinkedPost(
        advertiser_id=ADVERTISER, item_id="7300000000000000001", auth_code="#code", linked_at=NOW
    )


def _identity(identity_type, creator_id="7400000000000000001", bc_id=None):
    return Identity(
        identity_id="account-identity",
        advertiser_id=ADVERTISER,
        identity_type=identity_type,
        display_name="Brand",
        profile_image="https://mockads.invalid/avatar.jpeg",
        creator_id=creator_id,
        identity_authorized_bc_id=bc_id,
        can_push_video=True,
        can_pull_video=True,
        can_use_live_ads=False,
        create_time=NOW - 30 * DAY,
    )


def _by_code(*, post=None, creator=None, linked=None, code=None, identity_id="creator-identity"):
    """spark_post_for_ad through AUTH_CODE (the identity of a code is derived, never stored)."""
    return spark_post_for_ad(
        "7300000000000000001",
        AUTH_CODE,
        identity_id,
        None,
        None,
        None,
        post or _post(),
        creator or _creator(),
        linked,
        code,
        NOW,
    )


def _business_center(*advertiser_ids: str) -> BusinessCenter:
    return business_center(*(advertiser_ids or (ADVERTISER,)))


def _by_account(identity_type, identity, *, post=None, bc_id=None, business_center=None):
    """spark_post_for_ad through the brand's account (TT_USER) or a BC-authorized one (by
    default the Business Center BC_ID, which owns the advertiser)."""
    return spark_post_for_ad(
        "7300000000000000001",
        identity_type,
        "account-identity",
        bc_id,
        identity,
        business_center or _business_center(),
        post or _post(),
        _creator(identity_id="account-creator-identity"),
        None,
        None,
        NOW,
    )


def _refused(error_type, reason, field, call):
    with pytest.raises(error_type) as raised:
        call()
    assert raised.value.message.startswith(f"[{reason}] {field}: "), raised.value.message
    return raised.value.message


# -- ReviewPolicy.submit ----------------------------------------------------------------------


def test_default_review_policy_is_delayed_60_seconds_without_banned_terms():
    assert ReviewPolicy() == ReviewPolicy(ReviewMode.DELAYED, 60, ())


def test_instant_review_approves_at_once():
    policy = ReviewPolicy(mode=ReviewMode.INSTANT)
    assert policy.submit(NOW + 0.7, "Shop now", "https://example.com/") == (
        ReviewOutcome.APPROVED,
        None,
        NOW,
    )


def test_delayed_review_approves_after_the_delay_of_sandbox_time():
    policy = ReviewPolicy(mode=ReviewMode.DELAYED, delay_seconds=90)
    assert policy.submit(NOW, "Shop now", None) == (ReviewOutcome.APPROVED, None, NOW + 90)


def test_manual_review_has_no_outcome_and_no_due_time_until_someone_decides():
    policy = ReviewPolicy(mode=ReviewMode.MANUAL, reject_terms=("miracle",))
    assert policy.submit(NOW, "miracle cure", None) == (None, None, None)


def test_a_banned_term_in_the_text_rejects_with_the_term_as_reason():
    policy = ReviewPolicy(mode=ReviewMode.DELAYED, delay_seconds=60, reject_terms=("miracle",))
    outcome, reason, due = policy.submit(NOW, "A Miracle cure", "https://example.com/")
    assert (outcome, due) == (ReviewOutcome.REJECTED, NOW + 60)
    assert reason == "The ad contains content that is not allowed: 'miracle'."


def test_a_banned_term_in_the_landing_page_url_rejects_too():
    policy = ReviewPolicy(mode=ReviewMode.INSTANT, reject_terms=("CASINO",))
    outcome, reason, due = policy.submit(NOW, "Shop now", "https://example.com/?utm_source=casino")
    assert (outcome, due) == (ReviewOutcome.REJECTED, NOW)
    assert "'CASINO'" in reason


def test_banned_terms_match_whatever_the_case_of_term_or_text():
    policy = ReviewPolicy(reject_terms=("FrEe MoNeY",))
    assert policy.banned_term("get FREE money now") == "FrEe MoNeY"
    assert policy.banned_term("free money") == "FrEe MoNeY"


def test_texts_without_a_banned_term_and_missing_texts_are_approved():
    policy = ReviewPolicy(mode=ReviewMode.INSTANT, reject_terms=("miracle",))
    assert policy.banned_term(None, "", "Shop now") is None
    assert policy.submit(NOW, None, None) == (ReviewOutcome.APPROVED, None, NOW)


# -- Ad.review_at -----------------------------------------------------------------------------


def test_review_is_in_progress_until_the_due_time():
    ad = _ad(outcome=ReviewOutcome.REJECTED, due=NOW + 60)
    assert ad.review_at(NOW + 59.9) is ReviewOutcome.IN_REVIEW
    assert ad.review_at(NOW + 60) is ReviewOutcome.REJECTED


def test_review_without_an_outcome_stays_in_progress_forever():
    assert _ad(outcome=None, due=None).review_at(NOW + 365 * DAY) is ReviewOutcome.IN_REVIEW


def test_review_with_an_outcome_but_no_due_time_stays_in_progress():
    assert _ad(outcome=ReviewOutcome.APPROVED, due=None).review_at(NOW) is ReviewOutcome.IN_REVIEW


def test_approved_review_shows_once_due():
    assert _ad(due=NOW).review_at(NOW) is ReviewOutcome.APPROVED


# -- Ad.secondary_status ----------------------------------------------------------------------


def _status(ad, campaign=None, adgroup=None, authorization=None, now=NOW):
    return ad.secondary_status(now, campaign or _campaign(), adgroup or _adgroup(), authorization)


def test_secondary_status_of_a_deleted_ad_is_delete_whatever_else_holds():
    ad = _ad(status=DELETE, outcome=None, due=None)
    assert _status(ad, _campaign(DISABLE), _adgroup(DISABLE), AdAuthStatus.EXPIRED) == (
        "AD_STATUS_DELETE"
    )


def test_secondary_status_in_review_comes_before_authorization_and_parents():
    ad = _ad(outcome=ReviewOutcome.APPROVED, due=NOW + 1)
    assert _status(ad, _campaign(DISABLE), _adgroup(DISABLE), AdAuthStatus.EXPIRED) == (
        "AD_STATUS_REVIEW"
    )


def test_secondary_status_rejected_comes_before_authorization_and_parents():
    ad = _ad(outcome=ReviewOutcome.REJECTED)
    assert _status(ad, _campaign(DISABLE), _adgroup(DISABLE), AdAuthStatus.CANCELLED) == (
        "AD_STATUS_REJECT"
    )


@pytest.mark.parametrize(
    ("authorization", "expected"),
    [
        (AdAuthStatus.EXPIRED, "AD_STATUS_SPARK_AUTHORIZATION_EXPIRED"),
        (AdAuthStatus.CANCELLED, "AD_STATUS_SPARK_AUTHORIZATION_CANCELLED"),
        (AdAuthStatus.INVALID, "AD_STATUS_SPARK_AUTHORIZATION_INVALID"),
    ],
)
def test_secondary_status_of_a_lapsed_authorization_comes_before_paused_parents(
    authorization, expected
):
    assert _status(_ad(), _campaign(DISABLE), _adgroup(DISABLE), authorization) == expected


def test_secondary_status_of_a_disabled_campaign_comes_before_its_ad_group():
    assert _status(_ad(status=DISABLE), _campaign(DISABLE), _adgroup(DISABLE)) == (
        "AD_STATUS_CAMPAIGN_DISABLE"
    )


def test_secondary_status_of_a_disabled_ad_group_comes_before_the_ad():
    assert _status(_ad(status=DISABLE), adgroup=_adgroup(DISABLE)) == "AD_STATUS_ADGROUP_DISABLE"


def test_secondary_status_of_a_disabled_ad():
    assert _status(_ad(status=DISABLE)) == "AD_STATUS_DISABLE"


def test_secondary_status_delivers_when_approved_authorized_and_everything_enabled():
    assert _status(_ad(), authorization=AdAuthStatus.AUTHORIZED) == "AD_STATUS_DELIVERY_OK"


def test_secondary_status_delivers_without_a_code_for_ads_that_need_none():
    non_spark = _ad(identity_type=IdentityType.CUSTOMIZED_USER)
    assert _status(non_spark, authorization=None) == "AD_STATUS_DELIVERY_OK"


# -- the Spark ad cap -------------------------------------------------------------------------


def test_the_cap_is_ten_thousand_spark_ads():
    assert MAX_SPARK_ADS == 10_000


def test_the_ten_thousandth_spark_ad_fits():
    check_spark_ad_limit(9_999, 1)


def test_the_ten_thousand_and_first_spark_ad_is_refused():
    message = _refused(
        errors.SparkAdLimitReached,
        "SPARK_AD_LIMIT_REACHED",
        "creatives",
        lambda: check_spark_ad_limit(10_000, 1),
    )
    assert "at most 10000 Spark ads" in message and "this one has 10000" in message


def test_a_batch_that_would_cross_the_cap_is_refused_whole():
    check_spark_ad_limit(9_995, 5)
    with pytest.raises(errors.SparkAdLimitReached):
        check_spark_ad_limit(9_995, 6)


def test_the_cap_error_is_a_40002_spark_refusal():
    error = errors.SparkAdLimitReached(limit=MAX_SPARK_ADS, count=MAX_SPARK_ADS)
    assert (error.api_code, error.http_status, error.reason) == (
        40002,
        422,
        "SPARK_AD_LIMIT_REACHED",
    )


# -- landing page URLs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        None,
        "http://example.com",
        "https://example.com/spring?utm_source=tiktok",
        "HTTPS://EXAMPLE.COM/",
        "https://shop.example.com:8443/p/1#top",
    ],
)
def test_http_and_https_urls_with_a_host_are_accepted(url):
    check_landing_page_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/file",
        "javascript:alert(1)",
        "mailto:shop@example.com",
        "example.com/spring",
        "//example.com/spring",
        "",
    ],
)
def test_other_schemes_and_scheme_less_urls_are_refused(url):
    with pytest.raises(errors.InvalidParameter) as raised:
        check_landing_page_url(url)
    assert raised.value.message == "landing_page_url: must be an http or https URL."


@pytest.mark.parametrize("url", ["https://", "http:///spring", "https:?utm_source=x"])
def test_urls_without_a_host_are_refused(url):
    with pytest.raises(errors.InvalidParameter, match=r"^landing_page_url: must be an http"):
        check_landing_page_url(url)


@pytest.mark.parametrize(
    "url", ["https://example.com/spring sale", "https://example.com/?q= x", " https://a.com"]
)
def test_urls_with_spaces_are_refused(url):
    with pytest.raises(errors.InvalidParameter, match=r"^landing_page_url: must be an http"):
        check_landing_page_url(url)


def test_a_url_of_2048_characters_is_accepted():
    base = "https://example.com/"
    url = base + "a" * (MAX_LANDING_PAGE_URL - len(base))
    assert len(url) == 2048
    check_landing_page_url(url)


def test_a_url_of_2049_characters_is_refused():
    base = "https://example.com/"
    url = base + "a" * (MAX_LANDING_PAGE_URL + 1 - len(base))
    with pytest.raises(errors.InvalidParameter) as raised:
        check_landing_page_url(url)
    assert raised.value.message == "landing_page_url: must be at most 2048 characters."


@pytest.mark.parametrize("url", ["https://example.com/spring\tsale", "https://exa\nmple.com/"])
def test_urls_with_other_whitespace_are_refused(url):
    with pytest.raises(errors.InvalidParameter):
        check_landing_page_url(url)


# -- UTM parameters ---------------------------------------------------------------------------


def test_utm_params_keep_keys_values_and_order_exactly():
    url = (
        "https://example.com/p?utm_source=TikTok&x=1&utm_Medium=Paid_Social"
        "&utm_campaign=Spring-2026.v2&utm_content=__CID__&utm_term="
    )
    assert utm_params(url) == [
        ("utm_source", "TikTok"),
        ("utm_Medium", "Paid_Social"),
        ("utm_campaign", "Spring-2026.v2"),
        ("utm_content", "__CID__"),
        ("utm_term", ""),
    ]


def test_utm_params_keep_repeated_keys_in_order():
    url = "https://example.com/?utm_source=b&utm_source=a"
    assert utm_params(url) == [("utm_source", "b"), ("utm_source", "a")]


def test_only_utm_parameters_of_the_query_count():
    url = "https://example.com/utm_path?gclid=1&source=x&utm=1#utm_source=frag"
    assert utm_params(url) == []


def test_no_url_has_no_utm_params():
    assert utm_params(None) == []
    assert utm_params("") == []


# -- a Spark ad's text ------------------------------------------------------------------------


def test_a_spark_ad_without_ad_text_takes_the_caption():
    assert spark_ad_text("caption #tag", None) == "caption #tag"


def test_a_spark_ad_text_equal_to_the_caption_is_accepted():
    assert spark_ad_text("caption #tag", "caption #tag") == "caption #tag"


@pytest.mark.parametrize("ad_text", ["Shop now", "Caption #tag", "caption #tag ", ""])
def test_a_spark_ad_text_that_differs_from_the_caption_is_refused(ad_text):
    message = _refused(
        errors.AdTextNotCaption,
        "AD_TEXT_NOT_CAPTION",
        "ad_text",
        lambda: spark_ad_text("caption #tag", ad_text),
    )
    assert "'caption #tag'" in message


# -- spark_post_for_ad: AUTH_CODE -------------------------------------------------------------


def test_auth_code_gives_the_linked_post_while_its_code_authorizes_it():
    post = _post()
    assert _by_code(post=post, linked=_linked(), code=_code()) is post


def test_auth_code_refuses_a_post_that_is_not_linked():
    message = _refused(
        errors.PostNotAvailable,
        "POST_NOT_AVAILABLE",
        "tiktok_item_id",
        lambda: _by_code(linked=None, code=None),
    )
    assert "not linked to this advertiser" in message


def test_auth_code_refuses_a_post_of_another_identity():
    message = _refused(
        errors.PostNotAvailable,
        "POST_NOT_AVAILABLE",
        "tiktok_item_id",
        lambda: _by_code(linked=_linked(), code=_code(), identity_id="someone-else"),
    )
    assert "belongs to another identity" in message


@pytest.mark.parametrize(
    ("code", "word"),
    [
        (_code(auth_end_time=NOW), "expired"),
        (_code(revoked_at=NOW - 1), "cancelled"),
        (_code(invalidated_at=NOW - 1), "invalid"),
    ],
)
def test_auth_code_refuses_a_post_whose_code_no_longer_authorizes_it(code, word):
    message = _refused(
        errors.PostNotAvailable,
        "POST_NOT_AVAILABLE",
        "tiktok_item_id",
        lambda: _by_code(linked=_linked(), code=code),
    )
    assert message.endswith(f"its authorization is {word}.")


@pytest.mark.parametrize("post", [None, _post(deleted=True)])
def test_a_missing_or_deleted_post_is_refused(post):
    with pytest.raises(errors.PostNotAvailable, match="it does not exist"):
        spark_post_for_ad(
            "7300000000000000001",
            AUTH_CODE,
            "creator-identity",
            None,
            None,
            None,
            post,
            _creator(),
            _linked(),
            _code(),
            NOW,
        )


# -- spark_post_for_ad: TT_USER and BC_AUTH_TT ------------------------------------------------


def test_tt_user_gives_a_public_post_of_the_brand_account_unchanged():
    post = _post()
    assert _by_account(TT_USER, _identity(TT_USER), post=post) is post


def test_tt_user_refuses_a_post_of_another_account():
    message = _refused(
        errors.PostNotAvailable,
        "POST_NOT_AVAILABLE",
        "tiktok_item_id",
        lambda: _by_account(TT_USER, _identity(TT_USER, creator_id="7400000000000000999")),
    )
    assert "not a post of this account" in message


@pytest.mark.parametrize("privacy", [Privacy.PRIVATE, Privacy.FRIENDS])
def test_tt_user_private_post_comes_back_public(privacy):
    post = _post(privacy=privacy)
    usable = _by_account(TT_USER, _identity(TT_USER), post=post)
    assert usable.privacy is Privacy.PUBLIC
    assert usable == replace(post, privacy=Privacy.PUBLIC)


def test_bc_auth_tt_gives_a_public_post_of_that_account_with_its_business_center():
    post = _post()
    identity = _identity(BC_AUTH_TT, bc_id=BC_ID)
    assert _by_account(BC_AUTH_TT, identity, post=post, bc_id=BC_ID) is post


@pytest.mark.parametrize("bc_id", [None, "7200000000000000999"])
def test_bc_auth_tt_refuses_another_or_no_business_center(bc_id):
    with pytest.raises(errors.InvalidParameter) as raised:
        _by_account(BC_AUTH_TT, _identity(BC_AUTH_TT, bc_id=BC_ID), bc_id=bc_id)
    assert raised.value.message.startswith("identity_authorized_bc_id: ")


def test_bc_auth_tt_through_a_business_center_that_does_not_own_the_account_is_no_permission():
    elsewhere = _business_center("7100000000000000999")
    with pytest.raises(errors.NoPermission) as raised:
        _by_account(
            BC_AUTH_TT, _identity(BC_AUTH_TT, bc_id=BC_ID), bc_id=BC_ID, business_center=elsewhere
        )
    assert raised.value.message.startswith("identity_authorized_bc_id: ")


@pytest.mark.parametrize("privacy", [Privacy.PRIVATE, Privacy.FRIENDS])
def test_bc_auth_tt_refuses_a_post_that_is_not_public(privacy):
    message = _refused(
        errors.PostNotAvailable,
        "POST_NOT_AVAILABLE",
        "tiktok_item_id",
        lambda: _by_account(
            BC_AUTH_TT,
            _identity(BC_AUTH_TT, bc_id=BC_ID),
            post=_post(privacy=privacy),
            bc_id=BC_ID,
        ),
    )
    assert "not public" in message


@pytest.mark.parametrize("identity_type", [TT_USER, BC_AUTH_TT])
def test_an_unknown_account_identity_is_no_permission(identity_type):
    with pytest.raises(errors.NoPermission) as raised:
        _by_account(identity_type, None, bc_id=BC_ID)
    assert raised.value.api_code == 40001
    assert raised.value.message.startswith("identity_id: ")


def test_an_identity_of_another_type_is_no_permission():
    with pytest.raises(errors.NoPermission):
        _by_account(TT_USER, _identity(BC_AUTH_TT, bc_id=BC_ID))


def test_utm_params_keep_values_still_encoded_as_written():
    url = "https://a.com/?utm_campaign=spring+sale%21&x=1&utm_source=tt&utm_term="
    assert utm_params(url) == [
        ("utm_campaign", "spring+sale%21"),
        ("utm_source", "tt"),
        ("utm_term", ""),
    ]
