"""Smart+: `smart_plus/campaign|adgroup|ad/*` and `smart_plus/ad/review_info/`, through HTTP.

A Smart+ ad holds creatives of several identities at once (Spark posts by AUTH_CODE and TT_USER,
library videos by CUSTOMIZED_USER); each creative is checked, capped and reviewed on its own.
Manual calls see manual campaigns, ad groups and ads only; `smart_plus/` calls Smart+ ones only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from mockads.domain.library import LibraryVideo
from mockads.testing import Sandbox
from tests.api.ads_helpers import (
    ads_of,
    advance,
    brand_posts,
    create,
    identity_of,
    linked_spark_post,
    nothing_changes,
    refusal,
    seeded,
    set_policy,
    spark_creative,
    total,
)
from tests.api.lifecycle_helpers import call, new_code, post_of, ready_creator, spark_refusal

CAPTION = "smart plus routine #dance"
AD_TEXT = "Spring collection. Shop now!"
REVIEW_SECONDS = 61  # the default policy reviews in 60 s of sandbox time
ALL = {"primary_status": "STATUS_ALL"}
UNKNOWN_ID = "7000000000000000077"
_names = (f"Smart+ {n}" for n in itertools.count(1))


# -- campaigns and ad groups ------------------------------------------------------------------


def _campaign(sandbox: Sandbox, objective_type: str = "TRAFFIC") -> dict[str, Any]:
    """A new Smart+ campaign (`smart_plus/campaign/create/`)."""
    body = sandbox.post(
        "smart_plus/campaign/create/",
        {
            "advertiser_id": sandbox.advertiser_id,
            "campaign_name": next(_names),
            "objective_type": objective_type,
        },
    )
    assert (body["code"], body["message"]) == (0, "OK"), body
    return body["data"]


def _adgroup_body(sandbox: Sandbox, campaign_id: str) -> dict[str, Any]:
    return {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_id": campaign_id,
        "adgroup_name": next(_names),
        "location_ids": ["6252001"],
        "schedule_start_time": "2026-01-01 00:00:00",
        "optimization_goal": "CLICK",
        "billing_event": "CPC",
    }


def _adgroup(sandbox: Sandbox, campaign_id: str) -> dict[str, Any]:
    """A new ad group in a Smart+ campaign (`smart_plus/adgroup/create/`)."""
    body = sandbox.post("smart_plus/adgroup/create/", _adgroup_body(sandbox, campaign_id))
    assert (body["code"], body["message"]) == (0, "OK"), body
    return body["data"]


def _smart_adgroup_id(sandbox: Sandbox) -> str:
    """The id of an ad group in a new Smart+ campaign."""
    return _adgroup(sandbox, _campaign(sandbox)["campaign_id"])["adgroup_id"]


def _listed(sandbox: Sandbox, path: str, key: str) -> list[str]:
    """Ids `path` (a `*/get/` call) lists, every status."""
    body = sandbox.get(path, advertiser_id=sandbox.advertiser_id, filtering=ALL, page_size=1000)
    assert body["code"] == 0, body
    return [item[key] for item in body["data"]["list"]]


def _manual(sandbox: Sandbox) -> dict[str, Any]:
    """The default scenario's manual ad (non-Spark): its campaign, ad group, identity, video."""
    return seeded(sandbox, "CUSTOMIZED_USER")


# -- creatives --------------------------------------------------------------------------------


def _creative(identity: dict[str, Any], **info: Any) -> dict[str, Any]:
    """One element of `creative_list`."""
    return {
        "creative_info": {
            "identity_type": identity["identity_type"],
            "identity_id": identity["identity_id"],
            **info,
        }
    }


def _spark_by_code(sandbox: Sandbox, caption: str = CAPTION) -> tuple[dict, dict]:
    """A creator's post linked with `tt_video/authorize/`; its AUTH_CODE identity from
    `identity/get/`; the creative promoting it."""
    post = linked_spark_post(sandbox, caption)
    listed = sandbox.get(
        "identity/get/", advertiser_id=sandbox.advertiser_id, identity_type="AUTH_CODE"
    )["data"]["identity_list"]
    (identity,) = [i for i in listed if i["identity_id"] == post["identity_id"]]
    return post, _creative(identity, tiktok_item_id=post["item_id"])


def _spark_of_brand(sandbox: Sandbox, privacy: str = "PUBLIC") -> tuple[dict, dict]:
    """A post of the brand's TT_USER account (`identity/video/get/`) and its creative."""
    identity = identity_of(sandbox, "TT_USER")
    post = next(p for p in brand_posts(sandbox, identity) if p["privacy"] == privacy)
    return post, _creative(identity, tiktok_item_id=post["item_id"])


def _library(sandbox: Sandbox, **info: Any) -> dict[str, Any]:
    """A library video with the CUSTOMIZED_USER identity of the scenario's non-Spark ad."""
    ad = _manual(sandbox)
    identity = {"identity_type": "CUSTOMIZED_USER", "identity_id": ad["identity_id"]}
    return _creative(identity, **{"video_info": {"video_id": ad["video_id"]}, **info})


# -- smart_plus/ad/* calls --------------------------------------------------------------------


def _create(
    sandbox: Sandbox, adgroup_id: str, *creatives: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    """`smart_plus/ad/create/`; the whole envelope. Ad texts are sent unless `fields` says."""
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "adgroup_id": adgroup_id,
        "ad_name": next(_names),
        "creative_list": list(creatives),
        "ad_text_list": [{"ad_text": AD_TEXT}],
        **fields,
    }
    return sandbox.post("smart_plus/ad/create/", body)


def _created(
    sandbox: Sandbox, adgroup_id: str, *creatives: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    """A Smart+ ad that must be created; the answer's `data`."""
    body = _create(sandbox, adgroup_id, *creatives, **fields)
    assert (body["code"], body["message"]) == (0, "OK"), body
    return body["data"]


def _mixed(sandbox: Sandbox, **fields: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A Smart+ ad of three identities (AUTH_CODE, TT_USER, CUSTOMIZED_USER); the creatives."""
    creatives = [
        _spark_by_code(sandbox)[1],
        _spark_of_brand(sandbox)[1],
        _library(sandbox),
    ]
    return _created(sandbox, _smart_adgroup_id(sandbox), *creatives, **fields), creatives


def _smart_ads(sandbox: Sandbox, **filtering: Any) -> list[dict[str, Any]]:
    """`smart_plus/ad/get/` (not deleted ones unless `primary_status` says otherwise)."""
    body = sandbox.get(
        "smart_plus/ad/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering=filtering,
        page_size=1000,
    )
    assert (body["code"], body["message"]) == (0, "OK"), body
    return body["data"]["list"]


def _smart_ad(sandbox: Sandbox, smart_plus_ad_id: str, **filtering: Any) -> dict[str, Any]:
    (ad,) = _smart_ads(sandbox, smart_plus_ad_ids=[smart_plus_ad_id], **filtering)
    return ad


def _smart_total(sandbox: Sandbox) -> int:
    """`page_info.total_number` of `smart_plus/ad/get/` over every status."""
    body = sandbox.get(
        "smart_plus/ad/get/", advertiser_id=sandbox.advertiser_id, filtering=ALL, page_size=1
    )
    assert body["code"] == 0, body
    return body["data"]["page_info"]["total_number"]


def _review_info(sandbox: Sandbox, *smart_plus_ad_ids: str) -> dict[str, Any]:
    return sandbox.get(
        "smart_plus/ad/review_info/",
        advertiser_id=sandbox.advertiser_id,
        smart_plus_ad_ids=list(smart_plus_ad_ids),
    )


def _update(sandbox: Sandbox, smart_plus_ad_id: str, **fields: Any) -> dict[str, Any]:
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "smart_plus_ad_id": smart_plus_ad_id,
        **fields,
    }
    return sandbox.post("smart_plus/ad/update/", body)


def _set_status(sandbox: Sandbox, smart_plus_ad_ids: list[str], status: str) -> dict[str, Any]:
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "smart_plus_ad_ids": smart_plus_ad_ids,
        "operation_status": status,
    }
    return sandbox.post("smart_plus/ad/status/update/", body)


def _reject(sandbox: Sandbox, ad_id: str, reason: str) -> None:
    """A reviewer rejects one creative (the policy turned manual first)."""
    set_policy(sandbox, mode="manual")
    status, body = call(
        sandbox, "POST", f"/reviews/{ad_id}", {"decision": "reject", "reason": reason}
    )
    assert status == 200, body


def _statuses(smart: dict[str, Any]) -> list[tuple[str, str]]:
    """Each creative's (review_status, secondary_status)."""
    return [(c["review_status"], c["secondary_status"]) for c in smart["creative_list"]]


@contextmanager
def _totals_unchanged(sandbox: Sandbox) -> Iterator[None]:
    """The block creates no Smart+ ad and no ad (`*/get/` totals, deleted ones included)."""
    before = _smart_total(sandbox), total(sandbox, "STATUS_ALL")
    yield
    assert (_smart_total(sandbox), total(sandbox, "STATUS_ALL")) == before


@contextmanager
def _nothing_created(sandbox: Sandbox) -> Iterator[None]:
    """The block creates no Smart+ ad, no ad, and changes nothing stored."""
    with _totals_unchanged(sandbox), nothing_changes(sandbox):
        yield


# -- flavours: manual calls see manual objects, smart_plus/ calls Smart+ ones -----------------


def test_smart_plus_campaign_create_makes_a_smart_performance_campaign(mockads_sandbox):
    campaign = _campaign(mockads_sandbox, objective_type="WEB_CONVERSIONS")
    assert campaign["is_smart_performance_campaign"] is True
    assert campaign["objective_type"] == "WEB_CONVERSIONS"
    assert campaign["operation_status"] == "ENABLE"


def test_a_smart_plus_campaign_is_listed_by_smart_plus_campaign_get_only(mockads_sandbox):
    campaign_id = _campaign(mockads_sandbox)["campaign_id"]
    assert _listed(mockads_sandbox, "smart_plus/campaign/get/", "campaign_id") == [campaign_id]
    assert campaign_id not in _listed(mockads_sandbox, "campaign/get/", "campaign_id")


def test_the_manual_campaign_is_listed_by_campaign_get_only(mockads_sandbox):
    campaign_id = _manual(mockads_sandbox)["campaign_id"]
    _campaign(mockads_sandbox)
    assert _listed(mockads_sandbox, "campaign/get/", "campaign_id") == [campaign_id]
    assert campaign_id not in _listed(mockads_sandbox, "smart_plus/campaign/get/", "campaign_id")
    body = mockads_sandbox.get(
        "campaign/get/",
        advertiser_id=mockads_sandbox.advertiser_id,
        fields=["campaign_id", "is_smart_performance_campaign"],
    )
    assert body["data"]["list"] == [
        {"campaign_id": campaign_id, "is_smart_performance_campaign": False}
    ]


@pytest.mark.parametrize("prefix", ["", "smart_plus/"])
def test_campaign_update_of_the_other_flavour_is_not_found(mockads_sandbox, prefix):
    smart_id = _campaign(mockads_sandbox)["campaign_id"]
    other = _manual(mockads_sandbox)["campaign_id"] if prefix else smart_id
    body = {"advertiser_id": mockads_sandbox.advertiser_id, "campaign_id": other, "budget": 50}
    with nothing_changes(mockads_sandbox):
        answer = mockads_sandbox.post(f"{prefix}campaign/update/", body)
    assert refusal(answer, 40700, "campaign ") == f"campaign {other!r} does not exist."


@pytest.mark.parametrize("prefix", ["", "smart_plus/"])
@pytest.mark.parametrize("status", ["DISABLE", "DELETE"])
def test_campaign_status_update_of_the_other_flavour_is_not_found(mockads_sandbox, prefix, status):
    smart_id = _campaign(mockads_sandbox)["campaign_id"]
    other = _manual(mockads_sandbox)["campaign_id"] if prefix else smart_id
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "campaign_ids": [other],
        "operation_status": status,
    }
    with nothing_changes(mockads_sandbox):
        answer = mockads_sandbox.post(f"{prefix}campaign/status/update/", body)
    assert refusal(answer, 40700, "campaign ") == f"campaign {other!r} does not exist."


def test_smart_plus_adgroup_create_makes_an_ad_group_of_the_smart_plus_campaign(
    mockads_sandbox,
):
    campaign_id = _campaign(mockads_sandbox)["campaign_id"]
    adgroup = _adgroup(mockads_sandbox, campaign_id)
    assert adgroup["campaign_id"] == campaign_id
    assert _listed(mockads_sandbox, "smart_plus/adgroup/get/", "adgroup_id") == [
        adgroup["adgroup_id"]
    ]
    assert adgroup["adgroup_id"] not in _listed(mockads_sandbox, "adgroup/get/", "adgroup_id")


def test_smart_plus_adgroup_create_in_a_manual_campaign_is_not_found(mockads_sandbox):
    campaign_id = _manual(mockads_sandbox)["campaign_id"]
    with nothing_changes(mockads_sandbox):
        answer = mockads_sandbox.post(
            "smart_plus/adgroup/create/", _adgroup_body(mockads_sandbox, campaign_id)
        )
    assert refusal(answer, 40700, "campaign ") == f"campaign {campaign_id!r} does not exist."


@pytest.mark.parametrize("prefix", ["", "smart_plus/"])
@pytest.mark.parametrize("call_path", ["adgroup/update/", "adgroup/status/update/"])
def test_adgroup_changes_of_the_other_flavour_are_not_found(mockads_sandbox, prefix, call_path):
    smart_id = _smart_adgroup_id(mockads_sandbox)
    other = _manual(mockads_sandbox)["adgroup_id"] if prefix else smart_id
    change = (
        {"adgroup_id": other, "adgroup_name": "renamed"}
        if call_path == "adgroup/update/"
        else {"adgroup_ids": [other], "operation_status": "DISABLE"}
    )
    body = {"advertiser_id": mockads_sandbox.advertiser_id, **change}
    with nothing_changes(mockads_sandbox):
        answer = mockads_sandbox.post(f"{prefix}{call_path}", body)
    assert refusal(answer, 40700, "adgroup ") == f"adgroup {other!r} does not exist."


def test_ad_create_in_a_smart_plus_adgroup_is_not_found(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    ad = _manual(mockads_sandbox)
    creative = {
        "ad_name": "manual",
        "identity_type": "CUSTOMIZED_USER",
        "identity_id": ad["identity_id"],
        "video_id": ad["video_id"],
        "ad_text": AD_TEXT,
    }
    with _nothing_created(mockads_sandbox):
        answer = create(mockads_sandbox, adgroup_id, creative)
    assert refusal(answer, 40700, "adgroup ") == f"adgroup {adgroup_id!r} does not exist."


def test_smart_plus_ad_create_in_a_manual_adgroup_is_not_found(mockads_sandbox):
    adgroup_id = _manual(mockads_sandbox)["adgroup_id"]
    with _nothing_created(mockads_sandbox):
        answer = _create(mockads_sandbox, adgroup_id, _library(mockads_sandbox))
    assert refusal(answer, 40700, "adgroup ") == f"adgroup {adgroup_id!r} does not exist."


# -- the flow of the seed: creatives from several identities in one ad ------------------------


def test_a_smart_plus_ad_holds_creatives_of_several_identities_in_the_order_sent(
    mockads_sandbox,
):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    post, by_code = _spark_by_code(mockads_sandbox)
    brand_post, of_brand = _spark_of_brand(mockads_sandbox)
    library = _library(mockads_sandbox)
    smart = _created(mockads_sandbox, adgroup_id, by_code, of_brand, library)
    assert smart["smart_plus_ad_id"].isdigit()
    assert smart["adgroup_id"] == adgroup_id
    sent = [c["creative_info"] for c in (by_code, of_brand, library)]
    got = [c["creative_info"] for c in smart["creative_list"]]
    assert [(c["identity_type"], c["identity_id"]) for c in got] == [
        (c["identity_type"], c["identity_id"]) for c in sent
    ]
    assert [c["tiktok_item_id"] for c in got] == [post["item_id"], brand_post["item_id"], None]
    assert got[2]["video_info"] == library["creative_info"]["video_info"]
    assert [c["ad_text"] for c in got] == [CAPTION, brand_post["text"], AD_TEXT]
    assert len({c["ad_id"] for c in smart["creative_list"]}) == 3
    assert smart["review_status"] == "IN_REVIEW"
    assert smart["secondary_status"] == "AD_STATUS_REVIEW"
    assert _statuses(smart) == [("IN_REVIEW", "AD_STATUS_REVIEW")] * 3


def test_smart_plus_ad_get_shows_the_ad_as_create_answered(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    assert _smart_ads(mockads_sandbox) == [smart]


def test_a_smart_plus_ad_is_approved_and_delivers_once_reviewed(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    advance(mockads_sandbox, REVIEW_SECONDS)
    got = _smart_ad(mockads_sandbox, smart["smart_plus_ad_id"])
    assert (got["review_status"], got["secondary_status"]) == ("APPROVED", "AD_STATUS_DELIVERY_OK")
    assert _statuses(got) == [("APPROVED", "AD_STATUS_DELIVERY_OK")] * 3


def test_review_info_gives_the_review_of_each_creative(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    ad_ids = [c["ad_id"] for c in smart["creative_list"]]
    body = _review_info(mockads_sandbox, smart["smart_plus_ad_id"])
    assert (body["code"], body["message"]) == (0, "OK"), body
    expected = [{"ad_id": i, "review_status": "IN_REVIEW", "reject_reasons": []} for i in ad_ids]
    assert body["data"]["list"] == [
        {
            "smart_plus_ad_id": smart["smart_plus_ad_id"],
            "review_status": "IN_REVIEW",
            "creative_list": expected,
        }
    ]
    advance(mockads_sandbox, REVIEW_SECONDS)
    (review,) = _review_info(mockads_sandbox, smart["smart_plus_ad_id"])["data"]["list"]
    assert review["review_status"] == "APPROVED"
    assert [c["review_status"] for c in review["creative_list"]] == ["APPROVED"] * 3


def test_review_info_gives_the_reject_reasons_of_a_rejected_creative(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    advance(mockads_sandbox, REVIEW_SECONDS)
    spark_ad_id = smart["creative_list"][1]["ad_id"]
    _reject(mockads_sandbox, spark_ad_id, "The video shows a competitor's logo.")
    (review,) = _review_info(mockads_sandbox, smart["smart_plus_ad_id"])["data"]["list"]
    assert [(c["review_status"], c["reject_reasons"]) for c in review["creative_list"]] == [
        ("APPROVED", []),
        ("REJECTED", ["The video shows a competitor's logo."]),
        ("APPROVED", []),
    ]
    got = _smart_ad(mockads_sandbox, smart["smart_plus_ad_id"])
    assert _statuses(got)[1] == ("REJECTED", "AD_STATUS_REJECT")
    assert got["secondary_status"] == "AD_STATUS_DELIVERY_OK"  # the other creatives deliver


def test_a_bc_auth_tt_post_joins_the_creatives_with_its_business_center(mockads_sandbox):
    identity = identity_of(mockads_sandbox, "BC_AUTH_TT")
    post = next(p for p in brand_posts(mockads_sandbox, identity) if p["privacy"] == "PUBLIC")
    bc_id = identity["identity_authorized_bc_id"]
    creative = _creative(identity, tiktok_item_id=post["item_id"], identity_authorized_bc_id=bc_id)
    smart = _created(
        mockads_sandbox, _smart_adgroup_id(mockads_sandbox), creative, _library(mockads_sandbox)
    )
    info = smart["creative_list"][0]["creative_info"]
    assert (info["identity_type"], info["identity_authorized_bc_id"]) == ("BC_AUTH_TT", bc_id)
    assert (info["tiktok_item_id"], info["ad_text"]) == (post["item_id"], post["text"])


def test_smart_plus_ad_get_filters_by_campaign_and_ad_group(mockads_sandbox):
    first, _ = _mixed(mockads_sandbox)
    second = _created(
        mockads_sandbox, _smart_adgroup_id(mockads_sandbox), _spark_of_brand(mockads_sandbox)[1]
    )
    ids = [first["smart_plus_ad_id"], second["smart_plus_ad_id"]]
    assert sorted(a["smart_plus_ad_id"] for a in _smart_ads(mockads_sandbox)) == sorted(ids)
    by_campaign = _smart_ads(mockads_sandbox, campaign_ids=[second["campaign_id"]])
    assert [a["smart_plus_ad_id"] for a in by_campaign] == [second["smart_plus_ad_id"]]
    by_adgroup = _smart_ads(mockads_sandbox, adgroup_ids=[first["adgroup_id"]])
    assert [a["smart_plus_ad_id"] for a in by_adgroup] == [first["smart_plus_ad_id"]]
    assert _smart_ads(mockads_sandbox, campaign_ids=[_manual(mockads_sandbox)["campaign_id"]]) == []


def test_the_ad_text_list_sent_comes_back(mockads_sandbox):
    texts = [{"ad_text": "Spring is here"}, {"ad_text": "Shop now"}, {"ad_text": "New drops"}]
    smart, _ = _mixed(mockads_sandbox, ad_text_list=texts)
    assert smart["ad_text_list"] == texts
    assert _smart_ad(mockads_sandbox, smart["smart_plus_ad_id"])["ad_text_list"] == texts


def test_the_call_to_action_list_sent_comes_back(mockads_sandbox):
    actions = [{"call_to_action": "SHOP_NOW"}, {"call_to_action": "LEARN_MORE"}]
    smart, _ = _mixed(mockads_sandbox, call_to_action_list=actions)
    assert smart["call_to_action_list"] == actions
    assert _smart_ad(mockads_sandbox, smart["smart_plus_ad_id"])["call_to_action_list"] == actions


# -- rules apply creative by creative ---------------------------------------------------------


def test_a_library_video_without_ad_text_list_is_refused(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    creatives = [_spark_of_brand(mockads_sandbox)[1], _library(mockads_sandbox)]
    with _nothing_created(mockads_sandbox):
        answer = _create(mockads_sandbox, adgroup_id, *creatives, ad_text_list=[])
    refusal(answer, 40002, "ad_text_list: ")


def test_spark_creatives_alone_need_no_ad_text_list(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    post, creative = _spark_of_brand(mockads_sandbox)
    smart = _created(mockads_sandbox, adgroup_id, creative, ad_text_list=[])
    assert smart["creative_list"][0]["creative_info"]["ad_text"] == post["text"]
    assert smart["ad_text_list"] == []


def test_a_spark_creative_of_a_post_not_linked_is_refused(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    creator = ready_creator(mockads_sandbox)
    code = new_code(mockads_sandbox, creator["creator_id"], CAPTION)
    identity = {"identity_type": "AUTH_CODE", "identity_id": creator["identity_id"]}
    creatives = [_library(mockads_sandbox), _creative(identity, tiktok_item_id=code["item_id"])]
    with _nothing_created(mockads_sandbox):
        answer = _create(mockads_sandbox, adgroup_id, *creatives)
    message = spark_refusal(answer, "POST_NOT_AVAILABLE", "tiktok_item_id")
    assert "not linked to this advertiser" in message


def test_an_unknown_customized_user_identity_is_no_permission(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    video = {"video_id": _manual(mockads_sandbox)["video_id"]}
    unknown = {"identity_type": "CUSTOMIZED_USER", "identity_id": "7000000000000000042"}
    creatives = [_spark_of_brand(mockads_sandbox)[1], _creative(unknown, video_info=video)]
    with _nothing_created(mockads_sandbox):
        answer = _create(mockads_sandbox, adgroup_id, *creatives)
    refusal(answer, 40001, "identity_id: ")


def test_one_bad_creative_creates_nothing_and_keeps_the_private_post_private(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    private, of_brand = _spark_of_brand(mockads_sandbox, privacy="PRIVATE")
    outside = _library(mockads_sandbox, video_info={"video_id": "v10033g50000notinthelibrary0"})
    creatives = [_spark_by_code(mockads_sandbox)[1], of_brand, _library(mockads_sandbox), outside]
    with _nothing_created(mockads_sandbox):
        answer = _create(mockads_sandbox, adgroup_id, *creatives)
    refusal(answer, 40001, "video_id: ")
    assert post_of(mockads_sandbox, private["item_id"])["privacy"] == "PRIVATE"
    assert _smart_ads(mockads_sandbox, **ALL) == []


def test_a_private_brand_post_in_a_smart_plus_ad_becomes_public(mockads_sandbox):
    private, of_brand = _spark_of_brand(mockads_sandbox, privacy="PRIVATE")
    _created(mockads_sandbox, _smart_adgroup_id(mockads_sandbox), of_brand)
    assert post_of(mockads_sandbox, private["item_id"])["privacy"] == "PUBLIC"


def test_smart_plus_creatives_do_not_show_in_ad_get(mockads_sandbox):
    before = ads_of(mockads_sandbox)
    smart, _ = _mixed(mockads_sandbox)
    assert ads_of(mockads_sandbox) == before
    assert ads_of(mockads_sandbox, campaign_ids=[smart["campaign_id"]]) == []
    ad_ids = [c["ad_id"] for c in smart["creative_list"]]
    assert ads_of(mockads_sandbox, ad_ids=ad_ids) == []


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("ad/update/", {"ad_name": "renamed"}),
        ("ad/status/update/", {"operation_status": "DISABLE"}),
    ],
)
def test_manual_ad_calls_do_not_reach_a_smart_plus_creative(mockads_sandbox, path, fields):
    smart, _ = _mixed(mockads_sandbox)
    ad_id = smart["creative_list"][2]["ad_id"]
    key = {"ad_id": ad_id} if path == "ad/update/" else {"ad_ids": [ad_id]}
    body = {"advertiser_id": mockads_sandbox.advertiser_id, **key, **fields}
    with nothing_changes(mockads_sandbox):
        answer = mockads_sandbox.post(path, body)
    assert refusal(answer, 40700, "ad ") == f"ad {ad_id!r} does not exist."


# -- the Spark ad cap counts each Spark creative (near-cap: 9,995 Spark ads) ------------------


def _brand_creatives(sandbox: Sandbox, count: int) -> list[dict[str, Any]]:
    """`count` Spark creatives of the brand's public post."""
    creative = _spark_of_brand(sandbox)[1]
    return [creative] * count


def _near_cap_library(sandbox: Sandbox) -> dict[str, Any]:
    """The near-cap scenario's custom identity and its one library video."""
    store = sandbox.client.application.extensions["mockads"].store
    with store.unit_of_work(read_only=True) as uow:
        (video,) = uow.world(sandbox.sandbox_id).owned(LibraryVideo, sandbox.advertiser_id)
    identity = identity_of(sandbox, "CUSTOMIZED_USER")
    return _creative(identity, video_info={"video_id": video.video_id})


@pytest.mark.mockads(scenario="near-cap")
def test_six_spark_creatives_past_the_cap_are_refused(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    creatives = _brand_creatives(mockads_sandbox, 6)
    with _totals_unchanged(mockads_sandbox):  # 9,996 ads: totals, not the whole world
        answer = _create(mockads_sandbox, adgroup_id, *creatives)
    message = refusal(answer, 40002, "[SPARK_AD_LIMIT_REACHED] ")
    assert "at most 10000 Spark ads" in message
    assert "this one has 9995" in message


@pytest.mark.mockads(scenario="near-cap")
def test_five_spark_creatives_up_to_the_cap_fit(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    smart = _created(mockads_sandbox, adgroup_id, *_brand_creatives(mockads_sandbox, 5))
    assert len(smart["creative_list"]) == 5
    assert _smart_total(mockads_sandbox) == 1


@pytest.mark.mockads(scenario="near-cap")
def test_library_creatives_do_not_count_toward_the_cap(mockads_sandbox):
    adgroup_id = _smart_adgroup_id(mockads_sandbox)
    creatives = [*_brand_creatives(mockads_sandbox, 5), _near_cap_library(mockads_sandbox)]
    smart = _created(mockads_sandbox, adgroup_id, *creatives)
    assert [c["creative_info"]["identity_type"] for c in smart["creative_list"]] == [
        *["TT_USER"] * 5,
        "CUSTOMIZED_USER",
    ]


@pytest.mark.mockads(scenario="near-cap")
def test_spark_creatives_of_a_smart_plus_ad_fill_the_cap_of_ad_create(mockads_sandbox):
    _created(
        mockads_sandbox,
        _smart_adgroup_id(mockads_sandbox),
        *_brand_creatives(mockads_sandbox, 5),
    )
    identity = identity_of(mockads_sandbox, "TT_USER")
    post = _spark_of_brand(mockads_sandbox)[0]
    (adgroup_id,) = _listed(mockads_sandbox, "adgroup/get/", "adgroup_id")
    creative = spark_creative("TT_USER", identity["identity_id"], post["item_id"])
    with _totals_unchanged(mockads_sandbox):
        answer = create(mockads_sandbox, adgroup_id, creative)
    spark_refusal(answer, "SPARK_AD_LIMIT_REACHED", "creatives")


# -- smart_plus/ad/update and smart_plus/ad/status/update -------------------------------------


def test_renaming_a_smart_plus_ad_sends_its_creatives_back_to_review(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    advance(mockads_sandbox, REVIEW_SECONDS)
    answer = _update(mockads_sandbox, smart["smart_plus_ad_id"], ad_name="Renamed")
    assert (answer["code"], answer["message"]) == (0, "OK"), answer
    updated = answer["data"]
    assert updated["ad_name"] == "Renamed"
    assert (updated["review_status"], updated["secondary_status"]) == (
        "IN_REVIEW",
        "AD_STATUS_REVIEW",
    )
    assert _statuses(updated) == [("IN_REVIEW", "AD_STATUS_REVIEW")] * 3
    assert _smart_ad(mockads_sandbox, smart["smart_plus_ad_id"]) == updated
    advance(mockads_sandbox, REVIEW_SECONDS)
    again = _smart_ad(mockads_sandbox, smart["smart_plus_ad_id"])
    assert (again["ad_name"], again["review_status"]) == ("Renamed", "APPROVED")


def test_a_new_landing_page_sends_the_creatives_back_to_review(mockads_sandbox):
    old = "https://example.com/spring"
    smart, _ = _mixed(mockads_sandbox, landing_page_url_list=[{"landing_page_url": old}])
    assert smart["landing_page_url_list"] == [{"landing_page_url": old}]
    advance(mockads_sandbox, REVIEW_SECONDS)
    new = "https://example.com/summer?utm_source=tiktok"
    answer = _update(mockads_sandbox, smart["smart_plus_ad_id"], landing_page_url=new)
    assert (answer["code"], answer["message"]) == (0, "OK"), answer
    got = _smart_ad(mockads_sandbox, smart["smart_plus_ad_id"])
    assert got["landing_page_url_list"] == [{"landing_page_url": new}]
    assert got["ad_name"] == smart["ad_name"]
    assert _statuses(got) == [("IN_REVIEW", "AD_STATUS_REVIEW")] * 3


def test_smart_plus_ad_update_refuses_a_bad_landing_page(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    with nothing_changes(mockads_sandbox):
        answer = _update(mockads_sandbox, smart["smart_plus_ad_id"], landing_page_url="ftp://x/")
    refusal(answer, 40002, "landing_page_url: ")


def test_disable_stops_the_delivery_of_every_creative_and_enable_resumes_it(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    smart_id = smart["smart_plus_ad_id"]
    advance(mockads_sandbox, REVIEW_SECONDS)
    answer = _set_status(mockads_sandbox, [smart_id], "DISABLE")
    assert answer["data"] == {"smart_plus_ad_ids": [smart_id], "status": "DISABLE"}
    got = _smart_ad(mockads_sandbox, smart_id)
    assert (got["operation_status"], got["secondary_status"]) == ("DISABLE", "AD_STATUS_DISABLE")
    assert _statuses(got) == [("APPROVED", "AD_STATUS_DISABLE")] * 3
    assert _set_status(mockads_sandbox, [smart_id], "ENABLE")["code"] == 0
    got = _smart_ad(mockads_sandbox, smart_id)
    assert (got["operation_status"], got["secondary_status"]) == (
        "ENABLE",
        "AD_STATUS_DELIVERY_OK",
    )


def test_a_deleted_smart_plus_ad_is_listed_only_when_deleted_ones_are_asked_for(
    mockads_sandbox,
):
    smart, _ = _mixed(mockads_sandbox)
    smart_id = smart["smart_plus_ad_id"]
    answer = _set_status(mockads_sandbox, [smart_id], "DELETE")
    assert answer["data"] == {"smart_plus_ad_ids": [smart_id], "status": "DELETE"}
    assert _smart_ads(mockads_sandbox) == []
    assert _smart_ads(mockads_sandbox, primary_status="STATUS_ENABLE") == []
    (deleted,) = _smart_ads(mockads_sandbox, primary_status="STATUS_DELETE")
    assert (deleted["smart_plus_ad_id"], deleted["operation_status"]) == (smart_id, "DELETE")
    assert deleted["secondary_status"] == "AD_STATUS_DELETE"
    assert {c["secondary_status"] for c in deleted["creative_list"]} == {"AD_STATUS_DELETE"}


@pytest.mark.parametrize(
    "change",
    [
        {"operation_status": "ENABLE"},
        {"operation_status": "DISABLE"},
        {"operation_status": "DELETE"},
        {"ad_name": "back"},
        {"landing_page_url": "https://example.com/back"},
    ],
)
def test_a_deleted_smart_plus_ad_cannot_change(mockads_sandbox, change):
    smart, _ = _mixed(mockads_sandbox)
    smart_id = smart["smart_plus_ad_id"]
    assert _set_status(mockads_sandbox, [smart_id], "DELETE")["code"] == 0
    with nothing_changes(mockads_sandbox):
        if "operation_status" in change:
            answer = _set_status(mockads_sandbox, [smart_id], change["operation_status"])
        else:
            answer = _update(mockads_sandbox, smart_id, **change)
    assert refusal(answer, 40700, "smart_plus_ad ") == (
        f"smart_plus_ad {smart_id!r} does not exist."
    )


def test_status_update_with_one_unknown_smart_plus_ad_changes_none(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    with nothing_changes(mockads_sandbox):
        answer = _set_status(mockads_sandbox, [smart["smart_plus_ad_id"], UNKNOWN_ID], "DISABLE")
    refusal(answer, 40700, f"smart_plus_ad {UNKNOWN_ID!r} does not exist")


def test_deleting_the_smart_plus_campaign_deletes_its_smart_plus_ads(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "campaign_ids": [smart["campaign_id"]],
        "operation_status": "DELETE",
    }
    answer = mockads_sandbox.post("smart_plus/campaign/status/update/", body)
    assert (answer["code"], answer["data"]["status"]) == (0, "DELETE"), answer
    assert _smart_ads(mockads_sandbox) == []
    (deleted,) = _smart_ads(mockads_sandbox, primary_status="STATUS_DELETE")
    assert deleted["smart_plus_ad_id"] == smart["smart_plus_ad_id"]
    assert {c["secondary_status"] for c in deleted["creative_list"]} == {"AD_STATUS_DELETE"}
    assert _manual(mockads_sandbox)["operation_status"] == "ENABLE"  # the manual ads live on


def test_review_info_of_an_unknown_smart_plus_ad_is_not_found(mockads_sandbox):
    smart, _ = _mixed(mockads_sandbox)
    answer = _review_info(mockads_sandbox, smart["smart_plus_ad_id"], UNKNOWN_ID)
    assert refusal(answer, 40700, "smart_plus_ad ") == (
        f"smart_plus_ad {UNKNOWN_ID!r} does not exist."
    )
