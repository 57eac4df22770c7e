"""The ad calls' field rules over HTTP: the documented rules between creative fields, sent
`utm_params`, `operation_status` on create, and `ad/update/` in the SDK's shape (`creatives`
naming their `ad_id`, `patch_update`), with the Spark rules still holding."""

from __future__ import annotations

from tests.api.ads_helpers import (
    ad_of,
    create,
    created,
    library_creative,
    nothing_changes,
    refusal,
    seeded,
)
from tests.api.helpers import ETL_AD_FIELDS
from tests.api.lifecycle_helpers import spark_refusal


def _adgroup_id(sandbox):
    return seeded(sandbox, "CUSTOMIZED_USER")["adgroup_id"]


def _new_ad(sandbox, **fields):
    (ad_id,) = created(sandbox, _adgroup_id(sandbox), library_creative(sandbox, **fields))
    return ad_id


def _update(sandbox, *creatives, adgroup_id=None, **body):
    return sandbox.post(
        "ad/update/",
        {
            "advertiser_id": sandbox.advertiser_id,
            "adgroup_id": adgroup_id or _adgroup_id(sandbox),
            "creatives": list(creatives),
            **body,
        },
    )


def test_create_refuses_an_ias_partner_without_its_vast_url(mockads_sandbox):
    creative = library_creative(mockads_sandbox, brand_safety_postbid_partner="IAS")
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    refusal(body, 40002, "creatives.0.brand_safety_vast_url: required when")


def test_create_refuses_duets_while_the_promotional_music_is_disabled(mockads_sandbox):
    creative = library_creative(mockads_sandbox, item_duet_status="ENABLE")
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), creative)
    refusal(body, 40002, "creatives.0.item_duet_status: ")


def test_the_second_creative_is_named_by_its_index(mockads_sandbox):
    good = library_creative(mockads_sandbox)
    bad = library_creative(mockads_sandbox, image_ids=["a", "b"])
    with nothing_changes(mockads_sandbox):
        body = create(mockads_sandbox, _adgroup_id(mockads_sandbox), good, bad)
    refusal(body, 40002, "creatives.1.image_ids: ")


def test_sent_utm_params_are_returned_instead_of_the_landing_pages(mockads_sandbox):
    url = "https://example.com/?utm_source=tiktok"
    sent = [{"key": "utm_campaign", "value": "spring"}, {"key": "utm_content", "value": "v1"}]
    ad = ad_of(mockads_sandbox, _new_ad(mockads_sandbox, landing_page_url=url, utm_params=sent))
    assert ad["utm_params"] == sent
    ad = ad_of(mockads_sandbox, _new_ad(mockads_sandbox, landing_page_url=url))
    assert ad["utm_params"] == [{"key": "utm_source", "value": "tiktok"}]


def test_an_ad_created_disabled_reads_disabled(mockads_sandbox):
    ad = ad_of(mockads_sandbox, _new_ad(mockads_sandbox, operation_status="DISABLE"))
    assert ad["operation_status"] == "DISABLE"


def test_every_etl_field_comes_back_filled_from_what_was_sent(mockads_sandbox):
    images = mockads_sandbox.get(
        "file/image/ad/search/", advertiser_id=mockads_sandbox.advertiser_id
    )["data"]["list"]
    sent = {
        "ad_format": "SINGLE_VIDEO",
        "call_to_action": "LEARN_MORE",
        "landing_page_url": "https://example.com/spring",
        "display_name": "Spring",
        "image_ids": [images[0]["image_id"]],
        "creative_authorized": True,
        "item_duet_status": "DISABLE",
        "item_stitch_status": "ENABLE",
        "promotional_music_disabled": False,
        "utm_params": [{"key": "utm_source", "value": "tiktok"}],
    }
    ad = ad_of(mockads_sandbox, _new_ad(mockads_sandbox, **sent))
    assert {name: ad[name] for name in sent} == sent
    # Only what mockads cannot know stays empty: a custom identity has no avatar, a non-Spark
    # ad no post.
    empty = {name for name in ETL_AD_FIELDS if ad[name] is None}
    assert empty == {"profile_image_url", "tiktok_item_id"}


# -- ad/update in the SDK's shape -------------------------------------------------------------


def test_patch_update_changes_only_the_fields_sent(mockads_sandbox):
    ad_id = _new_ad(mockads_sandbox, call_to_action="SHOP_NOW", deeplink="app://spring")
    body = _update(
        mockads_sandbox, {"ad_id": ad_id, "ad_name": "renamed", "page_id": 7}, patch_update=True
    )
    assert body["code"] == 0, body
    assert body["data"]["ad_ids"] == [ad_id]
    ad = ad_of(mockads_sandbox, ad_id)
    assert body["data"]["creatives"] == [ad]
    assert (ad["ad_name"], ad["page_id"]) == ("renamed", 7)
    assert (ad["call_to_action"], ad["deeplink"]) == ("SHOP_NOW", "app://spring")
    assert ad["review_status"] == "IN_REVIEW"


def test_an_update_without_patch_update_replaces_the_creative(mockads_sandbox):
    ad_id = _new_ad(mockads_sandbox, call_to_action="SHOP_NOW", deeplink="app://spring")
    before = ad_of(mockads_sandbox, ad_id)
    body = _update(mockads_sandbox, {"ad_id": ad_id, "page_id": 7})
    assert body["code"] == 0, body
    ad = ad_of(mockads_sandbox, ad_id)
    assert (ad["page_id"], ad["deeplink"], ad["call_to_action"]) == (7, None, None)
    # What the ad is made of, its name and its text stay.
    for name in ("ad_name", "ad_text", "identity_id", "video_id", "display_name"):
        assert ad[name] == before[name], name


def test_update_refuses_an_ad_of_another_ad_group_and_an_unknown_ad(mockads_sandbox):
    spark = seeded(mockads_sandbox, "AUTH_CODE")
    ad_id = _new_ad(mockads_sandbox)
    other = spark["adgroup_id"] if spark["adgroup_id"] != _adgroup_id(mockads_sandbox) else None
    with nothing_changes(mockads_sandbox):
        if other:
            body = _update(mockads_sandbox, {"ad_id": ad_id, "ad_name": "x"}, adgroup_id=other)
            refusal(body, 40002, "creatives.0.ad_id: ")
        body = _update(mockads_sandbox, {"ad_id": ad_id}, {"ad_id": "7000000000000000055"})
        refusal(body, 40700, "ad '7000000000000000055' does not exist")


def test_update_takes_the_ads_content_only_unchanged(mockads_sandbox):
    ad_id = _new_ad(mockads_sandbox)
    ad = ad_of(mockads_sandbox, ad_id)
    same = {"ad_id": ad_id, "identity_id": ad["identity_id"], "video_id": ad["video_id"]}
    assert _update(mockads_sandbox, same, patch_update=True)["code"] == 0
    with nothing_changes(mockads_sandbox):
        body = _update(mockads_sandbox, {**same, "video_id": "v-other"}, patch_update=True)
    refusal(body, 40002, "creatives.0.video_id: cannot be changed")


def test_update_refuses_operation_status_and_create_only_fields(mockads_sandbox):
    ad_id = _new_ad(mockads_sandbox)
    with nothing_changes(mockads_sandbox):
        body = _update(mockads_sandbox, {"ad_id": ad_id, "operation_status": "DISABLE"})
        refusal(body, 40002, "creatives.0.operation_status: cannot be changed by this call")
        body = _update(mockads_sandbox, {"ad_id": ad_id, "catalog_id": "1"})
        refusal(body, 40002, "creatives.0.catalog_id: cannot be changed")


def test_update_of_a_spark_ad_still_refuses_a_text_other_than_the_caption(mockads_sandbox):
    spark = seeded(mockads_sandbox, "AUTH_CODE")
    creative = {"ad_id": spark["ad_id"], "ad_text": "Another text"}
    with nothing_changes(mockads_sandbox):
        body = _update(mockads_sandbox, creative, adgroup_id=spark["adgroup_id"])
    spark_refusal(body, "AD_TEXT_NOT_CAPTION", "ad_text")


def test_update_is_all_or_none(mockads_sandbox):
    first, second = _new_ad(mockads_sandbox), _new_ad(mockads_sandbox)
    with nothing_changes(mockads_sandbox):
        body = _update(
            mockads_sandbox,
            {"ad_id": first, "ad_name": "renamed"},
            {"ad_id": second, "fallback_type": "WEBSITE"},
            patch_update=True,
        )
    refusal(body, 40002, "creatives.1.landing_page_url: required when")


def test_update_needs_its_ad_group_with_creatives(mockads_sandbox):
    ad_id = _new_ad(mockads_sandbox)
    body = mockads_sandbox.post(
        "ad/update/",
        {"advertiser_id": mockads_sandbox.advertiser_id, "creatives": [{"ad_id": ad_id}]},
    )
    refusal(body, 40002, "adgroup_id: ")


# -- ids that name an asset must name one of the advertiser's (issue 15) ------------------------


def test_an_image_id_the_library_does_not_hold_is_40001_naming_its_path(mockads_sandbox):
    body = create(
        mockads_sandbox,
        _adgroup_id(mockads_sandbox),
        library_creative(mockads_sandbox, image_ids=["ad-site-i18n-sg/none"]),
    )
    assert (body["code"], body["data"]) == (40001, {})
    assert body["message"].startswith("creatives.0.image_ids.0: ")


def test_a_music_id_and_a_cta_portfolio_must_be_the_advertisers(mockads_sandbox, other_sandbox):
    def first(sandbox, path, records, key):
        return sandbox.get(path, advertiser_id=sandbox.advertiser_id)["data"][records][0][key]

    foreign_music = first(other_sandbox, "file/music/get/", "musics", "music_id")
    own_music = first(mockads_sandbox, "file/music/get/", "musics", "music_id")
    adgroup_id = _adgroup_id(mockads_sandbox)
    body = create(
        mockads_sandbox, adgroup_id, library_creative(mockads_sandbox, music_id=foreign_music)
    )
    assert (body["code"], body["message"].split(":")[0]) == (40001, "creatives.0.music_id")
    display_card = next(
        p["creative_portfolio_id"]
        for p in mockads_sandbox.get(
            "creative/portfolio/list/", advertiser_id=mockads_sandbox.advertiser_id
        )["data"]["creative_portfolios"]
        if p["creative_portfolio_type"] != "CTA"
    )
    body = create(
        mockads_sandbox,
        adgroup_id,
        library_creative(mockads_sandbox, call_to_action_id=display_card),
    )
    assert (body["code"], body["message"].split(":")[0]) == (40001, "creatives.0.call_to_action_id")
    created(mockads_sandbox, adgroup_id, library_creative(mockads_sandbox, music_id=own_music))
