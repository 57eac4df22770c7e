"""The rules of the Smart+ calls' own fields, through HTTP: locations in `targeting_spec` (or,
a mockads extension, at the top), targeting rules inside `targeting_spec`, Smart+ budget
optimization, the ad's identity in `ad_configuration`, and what `smart_plus/ad/update/` changes.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from mockads.testing import Sandbox
from tests.api.ads_helpers import nothing_changes, seeded

US, CA = ["6252001"], ["6251999"]
ALL = {"primary_status": "STATUS_ALL"}
_names = (f"Smart+ rule {n}" for n in itertools.count(1))


def _post(sandbox: Sandbox, path: str, **fields: Any) -> dict[str, Any]:
    return sandbox.post(f"smart_plus/{path}", {"advertiser_id": sandbox.advertiser_id, **fields})


def _ok(body: dict[str, Any]) -> dict[str, Any]:
    assert (body["code"], body["message"]) == (0, "OK"), body
    return body["data"]


def _refused(body: dict[str, Any], field: str) -> str:
    assert (body["code"], body["data"]) == (40002, {}), body
    assert body["message"].startswith((f"{field}: ", f"{field}.")), body["message"]
    return body["message"]


def _campaign(sandbox: Sandbox, **fields: Any) -> dict[str, Any]:
    body = {"campaign_name": next(_names), "objective_type": "TRAFFIC", **fields}
    return _post(sandbox, "campaign/create/", **body)


def _adgroup(sandbox: Sandbox, campaign_id: str | None = None, **fields: Any) -> dict[str, Any]:
    body = {
        "campaign_id": campaign_id or _ok(_campaign(sandbox))["campaign_id"],
        "adgroup_name": next(_names),
        "schedule_start_time": "2026-01-01 00:00:00",
        "optimization_goal": "CLICK",
        "billing_event": "CPC",
        **fields,
    }
    return _post(sandbox, "adgroup/create/", **body)


def _read_adgroup(sandbox: Sandbox, adgroup_id: str) -> dict[str, Any]:
    body = sandbox.get(
        "smart_plus/adgroup/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering={"adgroup_ids": [adgroup_id], **ALL},
    )
    (found,) = _ok(body)["list"]
    return found


# -- ad groups ----------------------------------------------------------------------------------


def test_the_locations_come_from_targeting_spec_and_reads_show_them_in_both_places(
    mockads_sandbox,
):
    targeting = {"location_ids": US, "age_groups": ["AGE_25_34"], "gender": "GENDER_FEMALE"}
    made = _ok(_adgroup(mockads_sandbox, targeting_spec=targeting))
    read = _read_adgroup(mockads_sandbox, made["adgroup_id"])
    assert read["location_ids"] == read["location"] == US
    assert read["targeting_spec"] == targeting
    # The manual read's targeting fields show targeting_spec's members.
    assert (read["age_groups"], read["gender"]) == (["AGE_25_34"], "GENDER_FEMALE")


def test_the_top_level_location_ids_still_work_and_show_in_targeting_spec(mockads_sandbox):
    made = _ok(_adgroup(mockads_sandbox, location_ids=US))
    assert made["targeting_spec"] == {"location_ids": US}
    assert _ok(_adgroup(mockads_sandbox, location_ids=US, targeting_spec={"location_ids": US}))


def test_an_adgroup_without_locations_or_with_two_different_ones_is_refused(mockads_sandbox):
    campaign_id = _ok(_campaign(mockads_sandbox))["campaign_id"]
    with nothing_changes(mockads_sandbox):
        message = _refused(_adgroup(mockads_sandbox, campaign_id), "targeting_spec.location_ids")
        assert "required" in message
        answer = _adgroup(mockads_sandbox, campaign_id, targeting_spec={"gender": "GENDER_MALE"})
        _refused(answer, "targeting_spec.location_ids")
        answer = _adgroup(
            mockads_sandbox, campaign_id, location_ids=US, targeting_spec={"location_ids": CA}
        )
        _refused(answer, "location_ids")


@pytest.mark.parametrize(
    ("targeting", "field"),
    [
        ({"device_price_ranges": [500, 100]}, "targeting_spec.device_price_ranges"),
        ({"device_price_ranges": [0, 120]}, "targeting_spec.device_price_ranges"),
        (
            {"interest_keyword_ids": ["1"], "purchase_intention_keyword_ids": ["2"]},
            "targeting_spec.purchase_intention_keyword_ids",
        ),
        (
            {
                "included_pangle_audience_package_ids": ["1"],
                "excluded_pangle_audience_package_ids": ["2"],
            },
            "targeting_spec.excluded_pangle_audience_package_ids",
        ),
        ({"age_groups": ["AGE_20_30"]}, "targeting_spec.age_groups"),
        ({"operating_systems": ["IOS", "ANDROID"]}, "targeting_spec.operating_systems"),
    ],
)
def test_targeting_rules_of_the_manual_adgroup_hold_inside_targeting_spec(
    mockads_sandbox, targeting, field
):
    campaign_id = _ok(_campaign(mockads_sandbox))["campaign_id"]
    with nothing_changes(mockads_sandbox):
        answer = _adgroup(
            mockads_sandbox, campaign_id, targeting_spec={"location_ids": US, **targeting}
        )
        _refused(answer, field)


def test_update_replaces_targeting_spec_and_its_locations_become_the_adgroups(mockads_sandbox):
    made = _ok(
        _adgroup(mockads_sandbox, targeting_spec={"location_ids": US, "gender": "GENDER_MALE"})
    )
    key = {"adgroup_id": made["adgroup_id"]}
    changed = _ok(
        _post(mockads_sandbox, "adgroup/update/", **key, targeting_spec={"location_ids": CA})
    )
    assert (changed["location_ids"], changed["targeting_spec"]) == (CA, {"location_ids": CA})
    assert changed["gender"] == "GENDER_UNLIMITED"
    kept = _ok(
        _post(
            mockads_sandbox, "adgroup/update/", **key, targeting_spec={"age_groups": ["AGE_18_24"]}
        )
    )
    assert kept["targeting_spec"] == {"age_groups": ["AGE_18_24"], "location_ids": CA}
    answer = _post(
        mockads_sandbox,
        "adgroup/update/",
        **key,
        location_ids=US,
        targeting_spec={"location_ids": CA},
    )
    _refused(answer, "location_ids")


def test_smart_plus_adgroup_update_refuses_bid_type(mockads_sandbox):
    made = _ok(_adgroup(mockads_sandbox, location_ids=US))
    answer = _post(
        mockads_sandbox,
        "adgroup/update/",
        adgroup_id=made["adgroup_id"],
        bid_type="BID_TYPE_NO_BID",
    )
    assert "cannot be changed after creation" in _refused(answer, "bid_type")


# -- campaigns ----------------------------------------------------------------------------------


def test_smart_plus_budget_optimization_needs_a_daily_budget_only(mockads_sandbox):
    made = _ok(
        _campaign(
            mockads_sandbox,
            budget_optimize_on=True,
            budget_mode="BUDGET_MODE_DAY",
            budget=100,
        )
    )
    assert made["budget_optimize_on"] is True
    _refused(_campaign(mockads_sandbox, budget_optimize_on=True), "budget_mode")


def test_smart_plus_campaign_update_takes_the_sdk_fields_and_refuses_the_others(mockads_sandbox):
    made = _ok(_campaign(mockads_sandbox, is_promotional_campaign=True))
    assert made["is_advanced_dedicated_campaign"] is True  # the SDK's default
    key = {"campaign_id": made["campaign_id"]}
    changed = _ok(_post(mockads_sandbox, "campaign/update/", **key, po_number="PO-7"))
    assert (changed["po_number"], changed["is_promotional_campaign"]) == ("PO-7", True)
    answer = _post(mockads_sandbox, "campaign/update/", **key, budget_mode="BUDGET_MODE_DAY")
    assert "cannot be changed after creation" in _refused(answer, "budget_mode")


# -- ads ----------------------------------------------------------------------------------------


def _library(sandbox: Sandbox) -> tuple[dict[str, str], dict[str, Any]]:
    """The identity and video of the scenario's non-Spark ad."""
    ad = seeded(sandbox, "CUSTOMIZED_USER")
    return (
        {"identity_type": "CUSTOMIZED_USER", "identity_id": ad["identity_id"]},
        {"video_info": {"video_id": ad["video_id"], "file_name": "spring.mp4"}},
    )


def _ad(
    sandbox: Sandbox, *infos: dict[str, Any], adgroup_id: str | None = None, **fields: Any
) -> dict[str, Any]:
    adgroup_id = adgroup_id or _ok(_adgroup(sandbox, location_ids=US))["adgroup_id"]
    body = {
        "adgroup_id": adgroup_id,
        "ad_name": next(_names),
        "creative_list": [{"creative_info": info} for info in infos],
        "ad_text_list": [{"ad_text": "Spring"}],
        **fields,
    }
    return _post(sandbox, "ad/create/", **body)


def _assets(sandbox: Sandbox) -> tuple[str, str]:
    """A track of the advertiser's music library and one of its CTA portfolios."""
    advertiser = {"advertiser_id": sandbox.advertiser_id}
    music = _ok(sandbox.get("file/music/get/", **advertiser))["musics"][0]["music_id"]
    portfolios = _ok(sandbox.get("creative/portfolio/list/", **advertiser))["creative_portfolios"]
    cta = next(p for p in portfolios if p["creative_portfolio_type"] == "CTA")
    return music, cta["creative_portfolio_id"]


def test_a_creative_without_an_identity_takes_the_ads_identity(mockads_sandbox):
    identity, video = _library(mockads_sandbox)
    music, cta = _assets(mockads_sandbox)
    made = _ok(
        _ad(
            mockads_sandbox,
            {**video, "music_info": {"music_id": music}},
            ad_configuration={**identity, "call_to_action_id": cta},
        )
    )
    (creative,) = made["creative_list"]
    info = creative["creative_info"]
    assert {k: info[k] for k in identity} == identity
    assert info["ad_format"] == "SINGLE_VIDEO"
    assert (info["video_info"], info["music_info"]) == (video["video_info"], {"music_id": music})
    assert made["ad_configuration"] == {**identity, "call_to_action_id": cta}


def test_smart_plus_nested_music_and_call_to_action_ids_must_be_the_advertisers(
    mockads_sandbox, other_sandbox
):
    identity, video = _library(mockads_sandbox)
    music, cta = _assets(mockads_sandbox)
    their_music, their_cta = _assets(other_sandbox)
    adgroup_id = _ok(_adgroup(mockads_sandbox, location_ids=US))["adgroup_id"]
    cases = [
        (
            [video, {**video, "music_info": {"music_id": their_music}}],
            {**identity, "call_to_action_id": cta},
            "creative_list.1.creative_info.music_info.music_id",
        ),
        (
            [{**video, "music_info": {"music_id": music}}],
            {**identity, "call_to_action_id": their_cta},
            "ad_configuration.call_to_action_id",
        ),
    ]
    with nothing_changes(mockads_sandbox):
        for infos, configuration, field in cases:
            answer = _ad(
                mockads_sandbox, *infos, adgroup_id=adgroup_id, ad_configuration=configuration
            )
            assert answer["code"] == 40001, answer
            assert answer["message"].startswith(f"{field}: "), answer["message"]
    made = _ok(_ad(mockads_sandbox, video, adgroup_id=adgroup_id, ad_configuration=identity))
    with nothing_changes(mockads_sandbox):
        answer = _post(
            mockads_sandbox,
            "ad/update/",
            smart_plus_ad_id=made["smart_plus_ad_id"],
            ad_configuration={"call_to_action_id": their_cta},
        )
        assert answer["code"] == 40001, answer
        assert answer["message"].startswith("ad_configuration.call_to_action_id: ")


def test_a_creative_without_an_identity_anywhere_is_refused_naming_it(mockads_sandbox):
    identity, video = _library(mockads_sandbox)
    adgroup_id = _ok(_adgroup(mockads_sandbox, location_ids=US))["adgroup_id"]
    with nothing_changes(mockads_sandbox):
        answer = _ad(mockads_sandbox, {**identity, **video}, video, adgroup_id=adgroup_id)
        assert "ad_configuration" in _refused(answer, "creative_list.1.creative_info.identity_id")
        answer = _ad(
            mockads_sandbox,
            video,
            adgroup_id=adgroup_id,
            ad_configuration={"identity_id": identity["identity_id"]},
        )
        _refused(answer, "creative_list.0.creative_info.identity_type")


def test_smart_plus_ad_update_replaces_the_lists_and_keeps_the_creatives(mockads_sandbox):
    identity, video = _library(mockads_sandbox)
    made = _ok(_ad(mockads_sandbox, video, ad_configuration=identity, page_list=[{"page_id": "1"}]))
    key = {"smart_plus_ad_id": made["smart_plus_ad_id"]}
    changed = _ok(
        _post(
            mockads_sandbox,
            "ad/update/",
            **key,
            ad_text_list=[{"ad_text": "Summer"}],
            call_to_action_list=[{"call_to_action": "SHOP_NOW"}],
            deeplink_list=[{"deeplink": "app://x", "deeplink_type": "NORMAL"}],
            ad_configuration={"dark_post_status": "OFF"},
        )
    )
    assert changed["creative_list"][0]["ad_id"] == made["creative_list"][0]["ad_id"]
    assert changed["creative_list"][0]["creative_info"]["ad_text"] == "Summer"
    assert changed["ad_text_list"] == [{"ad_text": "Summer"}]
    assert changed["call_to_action_list"] == [{"call_to_action": "SHOP_NOW"}]
    assert changed["deeplink_list"] == [{"deeplink": "app://x", "deeplink_type": "NORMAL"}]
    assert changed["page_list"] == [{"page_id": "1"}]
    # The ad keeps its identity in ad_configuration; it cannot change it.
    assert changed["ad_configuration"] == {**identity, "dark_post_status": "OFF"}
    with nothing_changes(mockads_sandbox):
        answer = _post(
            mockads_sandbox,
            "ad/update/",
            **key,
            ad_configuration={"identity_id": "7000000000000000077"},
        )
        assert "cannot be changed" in _refused(answer, "ad_configuration.identity_id")
        answer = _post(mockads_sandbox, "ad/update/", **key, ad_text_list=[])
        _refused(answer, "ad_text_list")
        answer = _post(
            mockads_sandbox,
            "ad/update/",
            **key,
            landing_page_url="https://example.com/a",
            landing_page_url_list=[{"landing_page_url": "https://example.com/b"}],
        )
        _refused(answer, "landing_page_url")


def test_smart_plus_ad_update_refuses_creative_list_rather_than_dropping_it(mockads_sandbox):
    identity, video = _library(mockads_sandbox)
    made = _ok(_ad(mockads_sandbox, {**identity, **video}))
    with nothing_changes(mockads_sandbox):
        answer = _post(
            mockads_sandbox,
            "ad/update/",
            smart_plus_ad_id=made["smart_plus_ad_id"],
            creative_list=[{"creative_info": {**identity, **video}}],
        )
    assert "smart_plus/ad/create/" in _refused(answer, "creative_list")


def test_a_landing_page_list_emptied_by_update_removes_the_landing_page(mockads_sandbox):
    identity, video = _library(mockads_sandbox)
    page = [{"landing_page_url": "https://example.com/spring"}]
    made = _ok(_ad(mockads_sandbox, {**identity, **video}, landing_page_url_list=page))
    assert made["landing_page_url_list"] == page
    changed = _ok(
        _post(
            mockads_sandbox,
            "ad/update/",
            smart_plus_ad_id=made["smart_plus_ad_id"],
            landing_page_url_list=[],
        )
    )
    assert changed["landing_page_url_list"] == []
