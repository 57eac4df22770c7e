"""`ad/create/`, `ad/get/`, `ad/update/`, `ad/status/update/` with the Spark rules (5-8, 11)."""

from __future__ import annotations

import pytest

from tests.api.ads_helpers import (
    ad_of,
    ads_of,
    advance,
    brand_posts,
    create,
    created,
    identity_of,
    library_creative,
    linked_spark_post,
    nothing_changes,
    refusal,
    seeded,
    set_policy,
    set_status,
    spark_creative,
)
from tests.api.helpers import ETL_AD_FIELDS
from tests.api.lifecycle_helpers import (
    DAY,
    authorize,
    call,
    control_error,
    new_code,
    post_of,
    ready_creator,
    spark_refusal,
)

CAPTION = "new routine #dance"


def _adgroup_id(sandbox):
    """The ad group the default scenario starts with."""
    return seeded(sandbox, "CUSTOMIZED_USER")["adgroup_id"]


def _by_code(sandbox, days=30, caption=CAPTION, **fields):
    """A linked creator post and a creative promoting it through AUTH_CODE."""
    post = linked_spark_post(sandbox, caption, days)
    return post, spark_creative("AUTH_CODE", post["identity_id"], post["item_id"], **fields)


def _brand(sandbox, privacy="PUBLIC"):
    """The brand account (TT_USER) and one of its posts with that privacy."""
    identity = identity_of(sandbox, "TT_USER")
    post = next(p for p in brand_posts(sandbox, identity) if p["privacy"] == privacy)
    return identity, post


def _bc(sandbox):
    """The BC-authorized account and one of its public posts."""
    identity = identity_of(sandbox, "BC_AUTH_TT")
    post = next(p for p in brand_posts(sandbox, identity) if p["privacy"] == "PUBLIC")
    return identity, post


def _approved(sandbox):
    """Ads from now on pass review at once."""
    set_policy(sandbox, mode="instant")


def _unbind(sandbox, item_id):
    body = {"advertiser_id": sandbox.advertiser_id, "item_id": item_id}
    return sandbox.post("tt_video/unbind/", body)


def _patch_post(sandbox, item_id, **changes):
    return call(sandbox, "PATCH", f"/posts/{item_id}", changes)


# -- ad/create: Spark ads ---------------------------------------------------------------------


def test_a_spark_ad_by_auth_code_promotes_the_linked_post_with_its_caption(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    adgroup_id = _adgroup_id(mockads_sandbox)
    (ad_id,) = created(mockads_sandbox, adgroup_id, creative)
    ad = ad_of(mockads_sandbox, ad_id)
    assert ad["identity_type"] == "AUTH_CODE"
    assert ad["identity_id"] == post["identity_id"]
    assert ad["tiktok_item_id"] == post["item_id"]
    assert ad["ad_text"] == CAPTION
    assert ad["video_id"] is None
    assert ad["adgroup_id"] == adgroup_id
    assert ad["ad_name"] == creative["ad_name"]
    assert ad["creative_authorized"] is True
    assert (ad["operation_status"], ad["secondary_status"]) == ("ENABLE", "AD_STATUS_REVIEW")


def test_a_spark_ad_by_tt_user_promotes_a_post_of_the_brand_account(mockads_sandbox):
    identity, post = _brand(mockads_sandbox)
    creative = spark_creative("TT_USER", identity["identity_id"], post["item_id"])
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["identity_type"], ad["identity_id"]) == ("TT_USER", identity["identity_id"])
    assert (ad["tiktok_item_id"], ad["ad_text"]) == (post["item_id"], post["text"])
    assert ad["creative_authorized"] is True


def test_a_spark_ad_by_bc_auth_tt_names_the_business_center(mockads_sandbox):
    identity, post = _bc(mockads_sandbox)
    bc_id = identity["identity_authorized_bc_id"]
    creative = spark_creative(
        "BC_AUTH_TT", identity["identity_id"], post["item_id"], identity_authorized_bc_id=bc_id
    )
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("BC_AUTH_TT", bc_id)
    assert (ad["tiktok_item_id"], ad["ad_text"]) == (post["item_id"], post["text"])


@pytest.mark.parametrize("bc_id", [None, "7000000000000000001"])
def test_bc_auth_tt_without_its_business_center_is_refused(mockads_sandbox, bc_id):
    identity, post = _bc(mockads_sandbox)
    extra = {} if bc_id is None else {"identity_authorized_bc_id": bc_id}
    creative = spark_creative("BC_AUTH_TT", identity["identity_id"], post["item_id"], **extra)
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    refusal(body, 40002, "identity_authorized_bc_id: ")


def test_bc_auth_tt_refuses_a_post_that_is_not_public(mockads_sandbox):
    identity, post = _bc(mockads_sandbox)
    assert _patch_post(mockads_sandbox, post["item_id"], privacy="FRIENDS")[0] == 200
    creative = spark_creative(
        "BC_AUTH_TT",
        identity["identity_id"],
        post["item_id"],
        identity_authorized_bc_id=identity["identity_authorized_bc_id"],
    )
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    assert "not public" in spark_refusal(body, "POST_NOT_AVAILABLE", "tiktok_item_id")


def test_a_tt_user_private_post_becomes_public_when_an_ad_uses_it(mockads_sandbox):
    identity, post = _brand(mockads_sandbox, privacy="PRIVATE")
    assert post_of(mockads_sandbox, post["item_id"])["privacy"] == "PRIVATE"
    creative = spark_creative("TT_USER", identity["identity_id"], post["item_id"])
    created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    assert post_of(mockads_sandbox, post["item_id"])["privacy"] == "PUBLIC"


def test_a_tt_user_post_of_another_account_is_refused(mockads_sandbox):
    identity = identity_of(mockads_sandbox, "TT_USER")
    creator_post = seeded(mockads_sandbox, "AUTH_CODE")["tiktok_item_id"]
    creative = spark_creative("TT_USER", identity["identity_id"], creator_post)
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    assert "not a post of this account" in spark_refusal(
        body, "POST_NOT_AVAILABLE", "tiktok_item_id"
    )


def test_a_video_id_with_an_auth_code_identity_is_refused(mockads_sandbox):
    _, creative = _by_code(mockads_sandbox)
    creative = {**creative, "video_id": library_creative(mockads_sandbox)["video_id"]}
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    refusal(body, 40002, "video_id: ")


def test_ad_text_equal_to_the_caption_is_accepted(mockads_sandbox):
    _, creative = _by_code(mockads_sandbox, ad_text=CAPTION)
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    assert ad_of(mockads_sandbox, ad_id)["ad_text"] == CAPTION


def test_ad_text_differing_from_the_caption_is_refused(mockads_sandbox):
    _, creative = _by_code(mockads_sandbox, ad_text="Shop the routine now!")
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    message = spark_refusal(body, "AD_TEXT_NOT_CAPTION", "ad_text")
    assert repr(CAPTION) in message


def test_a_creator_post_that_is_not_linked_is_refused(mockads_sandbox):
    creator = ready_creator(mockads_sandbox)
    code = new_code(mockads_sandbox, creator["creator_id"], CAPTION)
    creative = spark_creative("AUTH_CODE", creator["identity_id"], code["item_id"])
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    message = spark_refusal(body, "POST_NOT_AVAILABLE", "tiktok_item_id")
    assert "not linked to this advertiser" in message


def test_a_linked_post_through_another_creators_identity_is_refused(mockads_sandbox):
    post = linked_spark_post(mockads_sandbox, CAPTION)
    other = seeded(mockads_sandbox, "AUTH_CODE")["identity_id"]
    creative = spark_creative("AUTH_CODE", other, post["item_id"])
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    message = spark_refusal(body, "POST_NOT_AVAILABLE", "tiktok_item_id")
    assert "belongs to another identity" in message


def test_an_unknown_post_is_refused(mockads_sandbox):
    identity = identity_of(mockads_sandbox, "TT_USER")
    creative = spark_creative("TT_USER", identity["identity_id"], "7000000000000000009")
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    assert "does not exist" in spark_refusal(body, "POST_NOT_AVAILABLE", "tiktok_item_id")


def test_a_linked_creator_post_made_private_is_not_promoted_while_private(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    assert _patch_post(mockads_sandbox, post["item_id"], privacy="PRIVATE")[0] == 200
    body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    privacy = post_of(mockads_sandbox, post["item_id"])["privacy"]
    # Refused as not public (as linking and BC_AUTH_TT do), or made public (as rule 7 does).
    assert body["code"] != 0 or privacy == "PUBLIC", (body, privacy)


def test_a_spark_ad_cannot_use_a_linked_post_whose_code_expired(mockads_sandbox):
    _, creative = _by_code(mockads_sandbox, days=7)
    advance(mockads_sandbox, 7 * DAY + 1)
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    message = spark_refusal(body, "POST_NOT_AVAILABLE", "tiktok_item_id")
    assert message.endswith("its authorization is expired.")


# -- ad/create: non-Spark ads and both kinds together -----------------------------------------


def test_a_non_spark_ad_uses_a_library_video_and_its_own_text(mockads_sandbox):
    creative = library_creative(mockads_sandbox, display_name="Spring shop")
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["identity_type"], ad["identity_id"]) == ("CUSTOMIZED_USER", creative["identity_id"])
    assert (ad["video_id"], ad["tiktok_item_id"]) == (creative["video_id"], None)
    assert (ad["ad_text"], ad["display_name"]) == (creative["ad_text"], "Spring shop")
    assert ad["creative_authorized"] is False


def test_spark_and_non_spark_ads_share_one_ad_group_in_one_call(mockads_sandbox):
    _, spark = _by_code(mockads_sandbox)
    adgroup_id = _adgroup_id(mockads_sandbox)
    before = {a["ad_id"] for a in ads_of(mockads_sandbox, adgroup_ids=[adgroup_id])}
    ad_ids = created(mockads_sandbox, adgroup_id, spark, library_creative(mockads_sandbox))
    listed = ads_of(mockads_sandbox, adgroup_ids=[adgroup_id])
    new = {a["ad_id"]: a for a in listed if a["ad_id"] not in before}
    assert set(new) == set(ad_ids)
    assert [new[i]["identity_type"] for i in ad_ids] == ["AUTH_CODE", "CUSTOMIZED_USER"]
    assert {a["adgroup_id"] for a in new.values()} == {adgroup_id}


def test_a_non_spark_ad_without_ad_text_is_refused(mockads_sandbox):
    creative = library_creative(mockads_sandbox)
    del creative["ad_text"]
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    refusal(body, 40002, "ad_text: ")


def test_a_non_spark_ad_without_video_id_is_refused(mockads_sandbox):
    creative = library_creative(mockads_sandbox)
    del creative["video_id"]
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    refusal(body, 40002, "video_id: ")


def test_a_non_spark_ad_with_a_video_outside_the_library_is_no_permission(mockads_sandbox):
    creative = library_creative(mockads_sandbox, video_id="v10033g50000notinthelibrary00000")
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    refusal(body, 40001, "video_id: ")


@pytest.mark.parametrize("identity_type", ["CUSTOMIZED_USER", "TT_USER", "BC_AUTH_TT"])
def test_an_unknown_identity_is_no_permission(mockads_sandbox, identity_type):
    _, post = _brand(mockads_sandbox)
    if identity_type == "CUSTOMIZED_USER":
        creative = library_creative(mockads_sandbox, identity_id="7000000000000000042")
    else:
        creative = spark_creative(
            identity_type,
            "7000000000000000042",
            post["item_id"],
            identity_authorized_bc_id="7000000000000000043",
        )
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    refusal(body, 40001, "identity_id: ")


def test_twenty_creatives_fit_in_one_call(mockads_sandbox):
    one = library_creative(mockads_sandbox)
    creatives = [dict(one, ad_name=f"Ad {n}") for n in range(20)]
    assert len(created(mockads_sandbox, _adgroup_id(mockads_sandbox), *creatives)) == 20


def test_more_than_twenty_creatives_are_refused(mockads_sandbox):
    one = library_creative(mockads_sandbox)
    creatives = [dict(one, ad_name=f"Ad {n}") for n in range(21)]
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), *creatives)
    refusal(body, 40002, "creatives: ")


def test_no_creatives_is_refused(mockads_sandbox):
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox))
    refusal(body, 40002, "creatives: ")


def test_one_bad_creative_creates_no_ad_and_keeps_the_private_post_private(mockads_sandbox):
    identity, private = _brand(mockads_sandbox, privacy="PRIVATE")
    _, spark = _by_code(mockads_sandbox)
    bad = library_creative(mockads_sandbox)
    del bad["ad_text"]
    creatives = [
        spark,
        spark_creative("TT_USER", identity["identity_id"], private["item_id"]),
        library_creative(mockads_sandbox),
        bad,
    ]
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), *creatives)
    refusal(body, 40002, "ad_text: required for a non-Spark ad.")
    assert post_of(mockads_sandbox, private["item_id"])["privacy"] == "PRIVATE"


def test_an_unknown_ad_group_is_not_found(mockads_sandbox):
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, "7000000000000000077", library_creative(mockads_sandbox))
    assert refusal(body, 40700, "adgroup ") == "adgroup '7000000000000000077' does not exist."


def test_a_deleted_ad_group_is_not_found(mockads_sandbox):
    adgroup_id = _adgroup_id(mockads_sandbox)
    deleted = mockads_sandbox.post(
        "adgroup/status/update/",
        {
            "advertiser_id": mockads_sandbox.advertiser_id,
            "adgroup_ids": [adgroup_id],
            "operation_status": "DELETE",
        },
    )
    assert deleted["code"] == 0, deleted
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, adgroup_id, library_creative(mockads_sandbox))
    refusal(body, 40700, f"adgroup {adgroup_id!r} does not exist")


# -- ad/get ----------------------------------------------------------------------------------


def test_ad_get_returns_every_field_readers_expect(mockads_sandbox):
    for ad in ads_of(mockads_sandbox):
        assert set(ad) >= set(ETL_AD_FIELDS)


def test_ad_get_returns_only_the_fields_asked_for(mockads_sandbox):
    body = mockads_sandbox.get(
        "ad/get/",
        advertiser_id=mockads_sandbox.advertiser_id,
        fields=["ad_id", "secondary_status"],
    )
    assert body["code"] == 0, body
    assert [set(ad) for ad in body["data"]["list"]] == [{"ad_id", "secondary_status"}] * 2


def test_ad_get_refuses_an_unknown_field(mockads_sandbox):
    body = mockads_sandbox.get(
        "ad/get/", advertiser_id=mockads_sandbox.advertiser_id, fields=["ad_id", "bid"]
    )
    refusal(body, 40002, "fields")


# -- landing pages and UTM parameters ---------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://example.com/spring", "example.com/spring", "https://", "https://a.com/x y"]
)
def test_a_landing_page_that_is_not_an_http_url_is_refused(mockads_sandbox, url):
    creative = library_creative(mockads_sandbox, landing_page_url=url)
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    assert body["message"] == "landing_page_url: must be an http or https URL."
    refusal(body, 40002, "landing_page_url: ")


def test_a_landing_page_longer_than_2048_characters_is_refused(mockads_sandbox):
    url = "https://example.com/" + "a" * 2029
    creative = library_creative(mockads_sandbox, landing_page_url=url)
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    assert body["message"] == "landing_page_url: must be at most 2048 characters."


def test_utm_params_come_back_exactly_and_in_order(mockads_sandbox):
    url = (
        "https://example.com/spring?utm_source=TikTok&ref=7&utm_medium=Paid_Social"
        "&utm_campaign=Spring-2026.v2&utm_content=__CID__&utm_term="
    )
    _, spark = _by_code(mockads_sandbox, landing_page_url=url)
    ad_ids = created(
        mockads_sandbox,
        _adgroup_id(mockads_sandbox),
        spark,
        library_creative(mockads_sandbox, landing_page_url=url),
    )
    expected = [
        {"key": "utm_source", "value": "TikTok"},
        {"key": "utm_medium", "value": "Paid_Social"},
        {"key": "utm_campaign", "value": "Spring-2026.v2"},
        {"key": "utm_content", "value": "__CID__"},
        {"key": "utm_term", "value": ""},
    ]
    for ad_id in ad_ids:
        ad = ad_of(mockads_sandbox, ad_id)
        assert (ad["landing_page_url"], ad["utm_params"]) == (url, expected)


def test_an_ad_without_landing_page_has_no_utm_params(mockads_sandbox):
    (ad_id,) = created(
        mockads_sandbox, _adgroup_id(mockads_sandbox), library_creative(mockads_sandbox)
    )
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["landing_page_url"], ad["utm_params"]) == (None, [])


# -- ad/update --------------------------------------------------------------------------------


def test_ad_update_of_a_spark_ad_refuses_a_text_other_than_the_caption(mockads_sandbox):
    spark = seeded(mockads_sandbox, "AUTH_CODE")
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "ad_id": spark["ad_id"],
        "ad_text": "Another text",
    }
    with nothing_changes(mockads_sandbox):
        answer = mockads_sandbox.post("ad/update/", body)
    spark_refusal(answer, "AD_TEXT_NOT_CAPTION", "ad_text")


def test_ad_update_of_a_non_spark_ad_changes_its_text_and_landing_page(mockads_sandbox):
    ad = seeded(mockads_sandbox, "CUSTOMIZED_USER")
    url = "https://example.com/summer?utm_campaign=summer"
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "ad_id": ad["ad_id"],
        "ad_text": "Summer is here",
        "landing_page_url": url,
    }
    answer = mockads_sandbox.post("ad/update/", body)
    assert answer["code"] == 0, answer
    assert ad_of(mockads_sandbox, ad["ad_id"]) == answer["data"]
    assert (answer["data"]["ad_text"], answer["data"]["landing_page_url"]) == (
        "Summer is here",
        url,
    )
    assert answer["data"]["utm_params"] == [{"key": "utm_campaign", "value": "summer"}]


def test_ad_update_refuses_a_bad_landing_page(mockads_sandbox):
    ad = seeded(mockads_sandbox, "CUSTOMIZED_USER")
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "ad_id": ad["ad_id"],
        "landing_page_url": "ftp://example.com/",
    }
    with nothing_changes(mockads_sandbox):
        answer = mockads_sandbox.post("ad/update/", body)
    refusal(answer, 40002, "landing_page_url: ")


# -- ad/status/update and cascades ------------------------------------------------------------


def test_disable_stops_delivery_and_enable_resumes_it(mockads_sandbox):
    ad_id = seeded(mockads_sandbox, "AUTH_CODE")["ad_id"]
    assert ad_of(mockads_sandbox, ad_id)["secondary_status"] == "AD_STATUS_DELIVERY_OK"
    answer = set_status(mockads_sandbox, [ad_id], "DISABLE")
    assert answer["data"] == {"ad_ids": [ad_id], "status": "DISABLE"}
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["operation_status"], ad["secondary_status"]) == ("DISABLE", "AD_STATUS_DISABLE")
    assert set_status(mockads_sandbox, [ad_id], "ENABLE")["code"] == 0
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["operation_status"], ad["secondary_status"]) == ("ENABLE", "AD_STATUS_DELIVERY_OK")


def test_delete_hides_the_ad_unless_deleted_ads_are_asked_for(mockads_sandbox):
    ad_id = seeded(mockads_sandbox, "AUTH_CODE")["ad_id"]
    assert set_status(mockads_sandbox, [ad_id], "DELETE")["data"]["status"] == "DELETE"
    assert ad_id not in [
        a["ad_id"] for a in ads_of(mockads_sandbox, primary_status="STATUS_NOT_DELETE")
    ]
    (ad,) = ads_of(mockads_sandbox, primary_status="STATUS_DELETE")
    assert (ad["ad_id"], ad["operation_status"]) == (ad_id, "DELETE")
    assert ad["secondary_status"] == "AD_STATUS_DELETE"


@pytest.mark.parametrize("status", ["ENABLE", "DISABLE", "DELETE"])
def test_a_deleted_ad_cannot_change_status(mockads_sandbox, status):
    ad_id = seeded(mockads_sandbox, "AUTH_CODE")["ad_id"]
    set_status(mockads_sandbox, [ad_id], "DELETE")
    with nothing_changes(mockads_sandbox):
        body = set_status(mockads_sandbox, [ad_id], status)
    refusal(body, 40700, f"ad {ad_id!r} does not exist")


def test_a_deleted_ad_cannot_be_edited(mockads_sandbox):
    ad_id = seeded(mockads_sandbox, "CUSTOMIZED_USER")["ad_id"]
    set_status(mockads_sandbox, [ad_id], "DELETE")
    body = {"advertiser_id": mockads_sandbox.advertiser_id, "ad_id": ad_id, "ad_name": "back"}
    with nothing_changes(mockads_sandbox):
        answer = mockads_sandbox.post("ad/update/", body)
    refusal(answer, 40700, f"ad {ad_id!r} does not exist")


def test_status_update_with_one_unknown_ad_changes_none(mockads_sandbox):
    ad_id = seeded(mockads_sandbox, "AUTH_CODE")["ad_id"]
    with nothing_changes(mockads_sandbox):
        body = set_status(mockads_sandbox, [ad_id, "7000000000000000055"], "DISABLE")
    refusal(body, 40700, "ad '7000000000000000055' does not exist")


def test_deleting_a_campaign_deletes_its_ads(mockads_sandbox):
    ads = ads_of(mockads_sandbox)
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "campaign_ids": [ads[0]["campaign_id"]],
        "operation_status": "DELETE",
    }
    assert mockads_sandbox.post("campaign/status/update/", body)["code"] == 0
    assert {a["operation_status"] for a in ads_of(mockads_sandbox)} == {"DELETE"}
    assert {a["secondary_status"] for a in ads_of(mockads_sandbox)} == {"AD_STATUS_DELETE"}
    assert len(ads_of(mockads_sandbox)) == len(ads)


def test_deleting_an_ad_group_deletes_its_ads(mockads_sandbox):
    adgroup_id = _adgroup_id(mockads_sandbox)
    ad_ids = created(mockads_sandbox, adgroup_id, library_creative(mockads_sandbox))
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "adgroup_ids": [adgroup_id],
        "operation_status": "DELETE",
    }
    assert mockads_sandbox.post("adgroup/status/update/", body)["code"] == 0
    ads = ads_of(mockads_sandbox, adgroup_ids=[adgroup_id])
    assert ad_ids[0] in {a["ad_id"] for a in ads}
    assert {a["operation_status"] for a in ads} == {"DELETE"}


def test_a_disabled_campaign_or_ad_group_shows_on_its_ads(mockads_sandbox):
    ad = seeded(mockads_sandbox, "CUSTOMIZED_USER")
    adv = mockads_sandbox.advertiser_id
    mockads_sandbox.post(
        "adgroup/status/update/",
        {"advertiser_id": adv, "adgroup_ids": [ad["adgroup_id"]], "operation_status": "DISABLE"},
    )
    assert ad_of(mockads_sandbox, ad["ad_id"])["secondary_status"] == "AD_STATUS_ADGROUP_DISABLE"
    mockads_sandbox.post(
        "campaign/status/update/",
        {"advertiser_id": adv, "campaign_ids": [ad["campaign_id"]], "operation_status": "DISABLE"},
    )
    assert ad_of(mockads_sandbox, ad["ad_id"])["secondary_status"] == "AD_STATUS_CAMPAIGN_DISABLE"
    assert ad_of(mockads_sandbox, ad["ad_id"])["operation_status"] == "ENABLE"


# -- authorization lapses take effect on the ads at once (rule 11) ----------------------------


def test_a_spark_ad_whose_code_expires_shows_the_expired_authorization(mockads_sandbox):
    _approved(mockads_sandbox)
    _, creative = _by_code(mockads_sandbox, days=7)
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["secondary_status"], ad["creative_authorized"]) == ("AD_STATUS_DELIVERY_OK", True)
    advance(mockads_sandbox, 7 * DAY + 1)
    ad = ad_of(mockads_sandbox, ad_id)
    assert ad["secondary_status"] == "AD_STATUS_SPARK_AUTHORIZATION_EXPIRED"
    assert ad["creative_authorized"] is False
    assert ad["operation_status"] == "ENABLE"


def test_a_spark_ad_whose_creator_switches_authorization_off_shows_it_cancelled(
    mockads_sandbox,
):
    _approved(mockads_sandbox)
    post, creative = _by_code(mockads_sandbox)
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    status, _ = call(mockads_sandbox, "DELETE", f"/posts/{post['item_id']}/authorization")
    assert status == 200
    ad = ad_of(mockads_sandbox, ad_id)
    assert ad["secondary_status"] == "AD_STATUS_SPARK_AUTHORIZATION_CANCELLED"
    assert ad["creative_authorized"] is False


def test_a_spark_ad_whose_post_is_edited_after_expiry_shows_it_invalid(mockads_sandbox):
    _approved(mockads_sandbox)
    post, creative = _by_code(mockads_sandbox, days=7)
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    advance(mockads_sandbox, 7 * DAY + 1)
    assert _patch_post(mockads_sandbox, post["item_id"], caption="edited #dance")[0] == 200
    ad = ad_of(mockads_sandbox, ad_id)
    assert ad["secondary_status"] == "AD_STATUS_SPARK_AUTHORIZATION_INVALID"
    assert ad["creative_authorized"] is False


def test_ads_of_other_identities_are_untouched_by_a_lapsed_code(mockads_sandbox):
    _approved(mockads_sandbox)
    post, creative = _by_code(mockads_sandbox)
    identity, brand_post = _brand(mockads_sandbox)
    ad_ids = created(
        mockads_sandbox,
        _adgroup_id(mockads_sandbox),
        creative,
        spark_creative("TT_USER", identity["identity_id"], brand_post["item_id"]),
        library_creative(mockads_sandbox),
    )
    call(mockads_sandbox, "DELETE", f"/posts/{post['item_id']}/authorization")
    statuses = [ad_of(mockads_sandbox, i)["secondary_status"] for i in ad_ids]
    assert statuses == [
        "AD_STATUS_SPARK_AUTHORIZATION_CANCELLED",
        "AD_STATUS_DELIVERY_OK",
        "AD_STATUS_DELIVERY_OK",
    ]


# -- unbind (rule 8) --------------------------------------------------------------------------


def test_unbind_of_a_post_used_by_an_ad_is_refused(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    set_status(mockads_sandbox, [ad_id], "DISABLE")  # paused still counts
    with nothing_changes(mockads_sandbox):
        body = _unbind(mockads_sandbox, post["item_id"])
    message = spark_refusal(body, "POST_IN_USE", "item_id")
    assert "used by 1 ad(s)" in message


def test_unbind_works_once_every_ad_using_the_post_is_deleted(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    adgroup_id = _adgroup_id(mockads_sandbox)
    second = {**creative, "ad_name": "second"}
    ad_ids = created(mockads_sandbox, adgroup_id, creative, second)
    set_status(mockads_sandbox, ad_ids[:1], "DELETE")
    spark_refusal(_unbind(mockads_sandbox, post["item_id"]), "POST_IN_USE", "item_id")
    set_status(mockads_sandbox, ad_ids[1:], "DELETE")
    unbound = _unbind(mockads_sandbox, post["item_id"])
    assert (unbound["code"], unbound["data"]) == (0, {}), unbound
    linked = mockads_sandbox.get(
        "tt_video/list/", advertiser_id=mockads_sandbox.advertiser_id, page_size=50
    )
    assert post["item_id"] not in [p["item_info"]["item_id"] for p in linked["data"]["list"]]


def test_deleting_the_campaign_frees_the_post_for_unbind(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    ad = seeded(mockads_sandbox, "CUSTOMIZED_USER")
    created(mockads_sandbox, ad["adgroup_id"], creative)
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "campaign_ids": [ad["campaign_id"]],
        "operation_status": "DELETE",
    }
    assert mockads_sandbox.post("campaign/status/update/", body)["code"] == 0
    assert _unbind(mockads_sandbox, post["item_id"])["code"] == 0


# -- privacy while promoted (rule 7) ----------------------------------------------------------


def test_privacy_cannot_change_while_an_enabled_ad_promotes_the_post(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    with nothing_changes(mockads_sandbox):
        answer = _patch_post(mockads_sandbox, post["item_id"], privacy="PRIVATE")
    error = control_error(answer, 409, "PRIVACY_LOCKED")
    assert error["message"].startswith("[PRIVACY_LOCKED] privacy: ")
    assert post_of(mockads_sandbox, post["item_id"])["privacy"] == "PUBLIC"


def test_a_privacy_change_with_ads_only_mode_is_refused_whole(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    with nothing_changes(mockads_sandbox):
        answer = _patch_post(
            mockads_sandbox, post["item_id"], privacy="FRIENDS", ads_only_mode=True
        )
    control_error(answer, 409, "PRIVACY_LOCKED")


def test_ads_only_mode_can_be_switched_on_while_promoted(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    status, body = _patch_post(mockads_sandbox, post["item_id"], ads_only_mode=True)
    assert status == 200, body
    assert (body["ads_only_mode"], body["privacy"]) == (True, "PUBLIC")
    assert post_of(mockads_sandbox, post["item_id"])["ads_only_mode"] is True


def test_the_brand_post_made_public_by_an_ad_is_locked_public(mockads_sandbox):
    identity, private = _brand(mockads_sandbox, privacy="PRIVATE")
    creative = spark_creative("TT_USER", identity["identity_id"], private["item_id"])
    created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    answer = _patch_post(mockads_sandbox, private["item_id"], privacy="PRIVATE")
    control_error(answer, 409, "PRIVACY_LOCKED")


def test_privacy_can_change_again_once_no_enabled_ad_promotes_the_post(mockads_sandbox):
    post, creative = _by_code(mockads_sandbox)
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    set_status(mockads_sandbox, [ad_id], "DELETE")
    status, body = _patch_post(mockads_sandbox, post["item_id"], privacy="PRIVATE")
    assert (status, body["privacy"]) == (200, "PRIVATE")


def test_a_spark_ad_follows_its_post_when_the_link_is_renewed_with_a_new_code(mockads_sandbox):
    _approved(mockads_sandbox)
    post, creative = _by_code(mockads_sandbox)
    (ad_id,) = created(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    call(mockads_sandbox, "DELETE", f"/posts/{post['item_id']}/authorization")
    assert ad_of(mockads_sandbox, ad_id)["creative_authorized"] is False
    renewal = authorize(mockads_sandbox, post["item_id"], days=60)
    body = mockads_sandbox.post(
        "tt_video/authorize/",
        {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": renewal["auth_code"]},
    )
    assert body["code"] == 0, body
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["secondary_status"], ad["creative_authorized"]) == ("AD_STATUS_DELIVERY_OK", True)
