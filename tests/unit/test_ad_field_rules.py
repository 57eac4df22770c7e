"""The documented rules between an ad creative's catalogue fields (`mockads.domain.ad_fields`),
without HTTP."""

from __future__ import annotations

import pytest

from mockads.domain import errors
from mockads.domain.ad_fields import check_creative_fields, check_field_changes, read_utm_params

P = "creatives.0."


def _refused(fields, name, prefix=P):
    with pytest.raises(errors.InvalidParameter) as caught:
        check_creative_fields(fields, prefix)
    assert str(caught.value).startswith(f"{prefix}{name}: ")


@pytest.mark.parametrize("partner", ["brand_safety", "viewability"])
def test_an_ias_partner_needs_its_vast_url(partner):
    _refused({f"{partner}_postbid_partner": "IAS"}, f"{partner}_vast_url")
    check_creative_fields({f"{partner}_postbid_partner": "IAS", f"{partner}_vast_url": "u"}, P)
    check_creative_fields({f"{partner}_postbid_partner": "DOUBLE_VERIFY"}, P)


def test_a_text_link_disclaimer_needs_clickable_texts_of_40_characters_together():
    _refused({"disclaimer_type": "TEXT_LINK"}, "disclaimer_clickable_texts")
    _refused(
        {"disclaimer_type": "TEXT_LINK", "disclaimer_clickable_texts": []},
        "disclaimer_clickable_texts",
    )
    texts = [{"text": "a" * 20, "url": "u"}, {"text": "b" * 20}]
    check_creative_fields({"disclaimer_type": "TEXT_LINK", "disclaimer_clickable_texts": texts}, P)
    texts.append({"text": "c"})
    _refused(
        {"disclaimer_type": "TEXT_LINK", "disclaimer_clickable_texts": texts},
        "disclaimer_clickable_texts",
    )


def test_a_text_only_disclaimer_needs_its_text():
    _refused({"disclaimer_type": "TEXT_ONLY"}, "disclaimer_text")
    check_creative_fields({"disclaimer_type": "TEXT_ONLY", "disclaimer_text": {"text": "x"}}, P)


def test_fallback_website_needs_a_landing_page():
    _refused({"fallback_type": "WEBSITE"}, "landing_page_url")
    check_creative_fields({"fallback_type": "WEBSITE", "landing_page_url": "https://e.com"}, P)
    check_creative_fields({"fallback_type": "APP_INSTALL"}, P)


@pytest.mark.parametrize("name", ["item_duet_status", "item_stitch_status"])
def test_duets_and_stitches_need_the_promotional_music_allowed(name):
    _refused({name: "ENABLE"}, name)  # promotional_music_disabled defaults to true
    _refused({name: "ENABLE", "promotional_music_disabled": True}, name)
    check_creative_fields({name: "ENABLE", "promotional_music_disabled": False}, P)
    check_creative_fields({name: "DISABLE"}, P)


def test_a_single_video_takes_one_image_its_cover():
    _refused({"image_ids": ["a", "b"]}, "image_ids")
    _refused({"ad_format": "SINGLE_VIDEO", "image_ids": ["a", "b"]}, "image_ids")
    check_creative_fields({"image_ids": ["a"]}, P)
    check_creative_fields({"ad_format": "SINGLE_IMAGE", "image_ids": ["a", "b"]}, P)


def test_refusals_name_the_field_after_the_prefix_given():
    _refused({"fallback_type": "WEBSITE"}, "landing_page_url", prefix="")


def test_update_takes_the_content_only_unchanged():
    before = {"identity_type": "CUSTOMIZED_USER", "identity_id": "1", "video_id": "v"}
    check_field_changes(before, {"identity_id": "1", "video_id": "v"}, before, P)
    for name, value in [("identity_id", "2"), ("video_id", "w"), ("tiktok_item_id", "3")]:
        with pytest.raises(errors.InvalidParameter, match=f"^{P}{name}: cannot be changed"):
            check_field_changes(before, {name: value}, {**before, name: value}, P)


def test_a_disclaimer_cannot_be_removed_once_added():
    before = {"disclaimer_type": "TEXT_ONLY"}
    with pytest.raises(errors.InvalidParameter, match=f"^{P}disclaimer_type: "):
        check_field_changes(before, {}, {}, P)
    check_field_changes(before, {}, {"disclaimer_type": "TEXT_LINK"}, P)
    check_field_changes({}, {}, {}, P)


def test_sent_utm_params_are_the_ads_and_else_the_landing_pages():
    url = "https://e.com/?utm_source=tiktok&x=1&utm_medium=paid"
    assert read_utm_params(None, url) == [
        {"key": "utm_source", "value": "tiktok"},
        {"key": "utm_medium", "value": "paid"},
    ]
    sent = [{"key": "utm_campaign", "value": "spring"}]
    assert read_utm_params(sent, url) == sent
    assert read_utm_params([], url) == []
    assert read_utm_params(None, None) == []
