"""Campaign → Create in the console: campaign, ad group, then an ad whose identity decides the
creative drawer (TikTok posts or Your Library); refusals in plain words; the ad list with review
status, reasons and `secondary_status`."""

from __future__ import annotations

import re

from mockads.testing import CONTROL, Sandbox
from tests.api.ads_helpers import identity_of
from tests.console.conftest import Trainee

_ID = re.compile(r"/(?:campaigns|adgroups)/(\d+)/")


def _campaign(trainee: Trainee, **fields: str) -> str:
    form = {"objective_type": "TRAFFIC", "campaign_name": "Spring sale", "budget_mode": "none"}
    response = trainee.submit(
        "/console/campaigns/new", {**form, **fields}, from_page="/console/campaigns/new"
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return _ID.search(response.location).group(1)


def _adgroup(trainee: Trainee, campaign_id: str, **fields: object) -> str:
    path = f"/console/campaigns/{campaign_id}/adgroups/new"
    form = {
        "adgroup_name": "US adults",
        "location_ids": ["6252001"],
        "age_groups": ["AGE_25_34", "AGE_35_44"],
        "gender": "GENDER_FEMALE",
        "budget_mode": "day",
        "budget": "80",
        "schedule_start_time": "2026-12-01 09:00:00",
        "billing_event": "CPC",
    }
    response = trainee.submit(path, {**form, **fields}, from_page=path)
    assert response.status_code == 302, response.get_data(as_text=True)
    return _ID.search(response.location).group(1)


def _ad(trainee: Trainee, adgroup_id: str, identity: str, **fields: str):
    path = f"/console/adgroups/{adgroup_id}/ads/new?identity={identity}"
    form = {
        "ad_name": "Ad 1",
        "call_to_action": "SHOP_NOW",
        "landing_page_url": "https://example.com/s",
        "utm_source": "tiktok",  # the UTM builder's defaults, as the browser sends them
        "utm_medium": "paid",
        "utm_campaign": "Spring sale",
    }
    return trainee.submit(path, {**form, **fields}, from_page=path)


def _key(identity: dict) -> str:
    return f"{identity['identity_type']}:{identity['identity_id']}"


def test_a_spark_ad_is_built_in_three_steps_and_listed_in_review(
    trainee: Trainee, sandbox: Sandbox
):
    campaign_id = _campaign(trainee)
    adgroup_id = _adgroup(trainee, campaign_id)
    body = sandbox.get(
        "adgroup/get/", advertiser_id=sandbox.advertiser_id, filtering={"adgroup_ids": [adgroup_id]}
    )
    (adgroup,) = body["data"]["list"]
    assert (adgroup["gender"], adgroup["age_groups"]) == (
        "GENDER_FEMALE",
        ["AGE_25_34", "AGE_35_44"],
    )

    identity = identity_of(sandbox, "AUTH_CODE")
    drawer = trainee.page(f"/console/adgroups/{adgroup_id}/ads/new?identity={_key(identity)}")
    assert (
        "TikTok posts" in drawer
        and "+Authorize TikTok Post" in drawer
        and "Your Library" not in drawer
    )
    item_id = re.search(r'value="post:(\d+)"', drawer).group(1)
    response = _ad(trainee, adgroup_id, _key(identity), creative=f"post:{item_id}")
    assert response.status_code == 302, response.get_data(as_text=True)

    listed = trainee.page("/console/campaigns")
    row = re.search(
        r'<tr data-ad-id="(\d+)">(.*?)</tr>', listed.split(f'id="adgroup-{adgroup_id}"')[1], re.S
    )
    cells = row.group(2)
    assert '<td data-testid="review">IN_REVIEW' in cells
    assert '<td data-testid="secondary-status">AD_STATUS_REVIEW</td>' in cells
    (ad,) = sandbox.get(
        "ad/get/", advertiser_id=sandbox.advertiser_id, filtering={"ad_ids": [row.group(1)]}
    )["data"]["list"]
    assert (
        ad["landing_page_url"]
        == "https://example.com/s?utm_source=tiktok&utm_medium=paid&utm_campaign=Spring+sale"
    )
    assert ad["tiktok_item_id"] == item_id


def test_a_rejected_ad_shows_its_reason(trainee: Trainee, sandbox: Sandbox):
    sandbox.client.put(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/review-policy", json={"mode": "manual"}
    )
    adgroup_id = _adgroup(trainee, _campaign(trainee, campaign_name="Manual review"))
    identity = identity_of(sandbox, "CUSTOMIZED_USER")
    drawer = trainee.page(f"/console/adgroups/{adgroup_id}/ads/new?identity={_key(identity)}")
    assert "Your Library" in drawer and "TikTok posts" not in drawer
    video_id = re.search(r'value="video:([^"]+)"', drawer).group(1)
    response = _ad(
        trainee, adgroup_id, _key(identity), creative=f"video:{video_id}", ad_text="Buy now"
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    reviews = sandbox.client.get(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/reviews?status=IN_REVIEW"
    ).get_json()
    ad_id = next(r["ad_id"] for r in reviews["reviews"] if r["ad_name"] == "Ad 1")
    sandbox.client.post(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/reviews/{ad_id}",
        json={"decision": "reject", "reason": "Misleading <claims>"},
    )
    listed = trainee.page("/console/campaigns")
    assert "REJECTED" in listed and "Misleading &lt;claims&gt;" in listed


def test_each_step_explains_a_refusal_and_keeps_what_was_typed(trainee: Trainee, sandbox: Sandbox):
    response = trainee.submit(
        "/console/campaigns/new",
        {
            "objective_type": "TRAFFIC",
            "campaign_name": "Tiny budget",
            "budget_mode": "day",
            "budget": "10",
        },
        from_page="/console/campaigns/new",
    )
    text = response.get_data(as_text=True)
    assert (
        response.status_code == 422
        and "Budget: Must be at least 50." in text
        and 'value="Tiny budget"' in text
    )
    adgroup_id = _adgroup(trainee, _campaign(trainee, campaign_name="No creative"))
    identity = identity_of(sandbox, "AUTH_CODE")
    response = _ad(trainee, adgroup_id, _key(identity))
    assert response.status_code == 422
    assert "Creative: Choose a TikTok post or a video of Your Library." in response.get_data(
        as_text=True
    )


def test_another_sandboxs_campaigns_are_not_found(trainee: Trainee, other: Sandbox):
    body = other.get("campaign/get/", advertiser_id=other.advertiser_id)
    foreign = body["data"]["list"][0]["campaign_id"]
    assert trainee.client.get(f"/console/campaigns/{foreign}/adgroups/new").status_code == 404
    assert foreign not in trainee.page("/console/campaigns")


def test_a_smart_plus_ad_takes_creatives_of_several_identities(trainee: Trainee, sandbox: Sandbox):
    campaign_id = _campaign(trainee, campaign_kind="smart_plus", campaign_name="Smart+ spring")
    adgroup_id = _adgroup(trainee, campaign_id, adgroup_name="Smart+ US")
    (adgroup,) = sandbox.get(
        "smart_plus/adgroup/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering={"adgroup_ids": [adgroup_id]},
    )["data"]["list"]
    assert adgroup["targeting_spec"]["gender"] == "GENDER_FEMALE"

    path = f"/console/adgroups/{adgroup_id}/ads/new"
    drawer = trainee.page(path)
    picks = [
        re.search(r'value="(AUTH_CODE:[^"|]+\|post:\d+)"', drawer).group(1),
        re.search(r'value="(TT_USER:[^"|]+\|post:\d+)"', drawer).group(1),
        re.search(r'value="(CUSTOMIZED_USER:[^"|]+\|video:[^"]+)"', drawer).group(1),
    ]
    response = trainee.submit(
        path,
        {
            "ad_name": "Three voices",
            "creative": picks,
            "ad_text": "Spring is here",
            "call_to_action": "SHOP_NOW",
            "landing_page_url": "https://example.com/s",
        },
        from_page=path,
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    (smart,) = sandbox.get(
        "smart_plus/ad/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering={"adgroup_ids": [adgroup_id]},
    )["data"]["list"]
    kinds = sorted(c["creative_info"]["identity_type"] for c in smart["creative_list"])
    assert kinds == ["AUTH_CODE", "CUSTOMIZED_USER", "TT_USER"]
    listed = trainee.page("/console/campaigns")
    assert f'data-smart-plus-ad-id="{smart["smart_plus_ad_id"]}"' in listed
    assert "Smart+ ad Three voices" in listed


def test_a_smart_plus_ad_without_creatives_is_refused_in_words(trainee: Trainee):
    adgroup_id = _adgroup(
        trainee, _campaign(trainee, campaign_kind="smart_plus", campaign_name="Empty")
    )
    path = f"/console/adgroups/{adgroup_id}/ads/new"
    response = trainee.submit(path, {"ad_name": "Nothing"}, from_page=path)
    assert response.status_code == 422
    assert "Creative list: " in response.get_data(as_text=True)


def test_names_and_texts_are_shown_escaped(trainee: Trainee, sandbox: Sandbox):
    campaign_id = _campaign(trainee, campaign_name="<i>Sale</i>")
    adgroup_id = _adgroup(trainee, campaign_id, adgroup_name="<b>Group</b>")
    identity = identity_of(sandbox, "CUSTOMIZED_USER")
    drawer = trainee.page(f"/console/adgroups/{adgroup_id}/ads/new?identity={_key(identity)}")
    video = re.search(r'value="(video:[^"]+)"', drawer).group(1)
    response = _ad(
        trainee,
        adgroup_id,
        _key(identity),
        creative=video,
        ad_name="<u>Ad</u>",
        ad_text="<img src=x>",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    listed = trainee.page("/console/campaigns")
    for raw in ("<i>Sale</i>", "<b>Group</b>", "<u>Ad</u>", "<img src=x>"):
        assert raw not in listed
    assert "&lt;i&gt;Sale&lt;/i&gt;" in listed and "&lt;img src=x&gt;" in listed


def test_a_spark_ad_whose_authorization_was_revoked_shows_it(trainee: Trainee, sandbox: Sandbox):
    (spark,) = [
        ad
        for ad in sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id)["data"]["list"]
        if ad["identity_type"] == "AUTH_CODE"
    ]
    sandbox.client.delete(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/posts/{spark['tiktok_item_id']}/authorization"
    )
    (after,) = sandbox.get(
        "ad/get/", advertiser_id=sandbox.advertiser_id, filtering={"ad_ids": [spark["ad_id"]]}
    )["data"]["list"]
    assert after["secondary_status"] != spark["secondary_status"]
    listed = trainee.page("/console/campaigns")
    row = re.search(rf'<tr data-ad-id="{spark["ad_id"]}">(.*?)</tr>', listed, re.S).group(1)
    assert f'<td data-testid="secondary-status">{after["secondary_status"]}</td>' in row
