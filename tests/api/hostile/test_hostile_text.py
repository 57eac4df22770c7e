"""Hostile free text (markup, SQL, templates, control characters, odd Unicode) in every
free-text field: stored and echoed byte for byte, never interpreted; searched only as a filter.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from mockads.testing import CONTROL, Sandbox
from tests.api.hostile.conftest import accepted, control_refusal, module_sandbox
from tests.api.library_helpers import upload_file, upload_url
from tests.api.push_helpers import smart_ad, smart_adgroup_id

# -- free text: stored and echoed byte for byte, never interpreted ----------------------------

#: Each at most 60 characters, so that every free-text field takes it whole.
HOSTILE_TEXTS = {
    "script": "<script>alert(1)</script>",
    "sql": "' OR '1'='1'; DROP TABLE campaigns; --",
    "sql_quotes": 'Robert"); DELETE FROM ads WHERE ("1"="1',
    "html": '<img src=x onerror="alert(1)">&amp;&lt;&#x27;',
    "templates": "{{7*7}} ${7*7} <%= 7*7 %> %s %n %x \\u0041",
    "traversal": "..\\..\\%2e%2e/%00/etc/passwd",
    "controls": "tab\tline\ncr\r\x01\x1b[31m\x7f\x85 end",
    "unicode": "\u202eevil\u200b\ufeff\u2028\uffff \U0001f600 \u03a9 \u01c5",
}


@pytest.fixture(scope="module")
def echo(mockads_app: Flask) -> Iterator[Sandbox]:
    """A sandbox that keeps every hostile text the module stores in it."""
    yield from module_sandbox(mockads_app)


def _control_ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def _campaign(sandbox: Sandbox, text: str) -> list[str]:
    made = accepted(
        sandbox.post(
            "campaign/create/",
            {
                "advertiser_id": sandbox.advertiser_id,
                "campaign_name": text,
                "objective_type": "REACH",
            },
        )
    )
    found = accepted(
        sandbox.get(
            "campaign/get/",
            advertiser_id=sandbox.advertiser_id,
            filtering={"campaign_ids": [made["campaign_id"]]},
        )
    )["list"]
    renamed = accepted(
        sandbox.post(
            "campaign/update/",
            {
                "advertiser_id": sandbox.advertiser_id,
                "campaign_id": made["campaign_id"],
                "campaign_name": text + "!",
            },
        )
    )
    return [made["campaign_name"], found[0]["campaign_name"], renamed["campaign_name"][:-1]]


def _adgroup(sandbox: Sandbox, text: str) -> list[str]:
    campaign_id = accepted(sandbox.get("campaign/get/", advertiser_id=sandbox.advertiser_id))[
        "list"
    ][0]["campaign_id"]
    made = accepted(
        sandbox.post(
            "adgroup/create/",
            {
                "advertiser_id": sandbox.advertiser_id,
                "campaign_id": campaign_id,
                "adgroup_name": text,
                "location_ids": ["6252001"],
                "schedule_start_time": "2030-01-01 00:00:00",
                "optimization_goal": "CLICK",
                "billing_event": "CPC",
            },
        )
    )
    found = accepted(
        sandbox.get(
            "adgroup/get/",
            advertiser_id=sandbox.advertiser_id,
            filtering={"adgroup_ids": [made["adgroup_id"]]},
        )
    )["list"]
    return [made["adgroup_name"], found[0]["adgroup_name"]]


def _custom_ad(sandbox: Sandbox, **fields: str) -> str:
    """A new non-Spark ad (CUSTOMIZED_USER, a library video) with these fields; its id."""
    ads = accepted(sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id))["list"]
    custom = next(ad for ad in ads if ad["identity_type"] == "CUSTOMIZED_USER")
    creative = {
        "ad_name": "an ad",
        "identity_type": "CUSTOMIZED_USER",
        "identity_id": custom["identity_id"],
        "video_id": custom["video_id"],
        "ad_text": "some text",
        **fields,
    }
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "adgroup_id": custom["adgroup_id"],
        "creatives": [creative],
    }
    (ad_id,) = accepted(sandbox.post("ad/create/", body))["ad_ids"]
    return ad_id


def _ad_fields(sandbox: Sandbox, text: str, field: str) -> list[str]:
    ad_id = _custom_ad(sandbox, **{field: text})
    found = accepted(
        sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id, filtering={"ad_ids": [ad_id]})
    )["list"][0]
    echoed = [found[field]]
    if field in ("ad_name", "ad_text"):
        updated = accepted(
            sandbox.post(
                "ad/update/",
                {"advertiser_id": sandbox.advertiser_id, "ad_id": ad_id, field: text + "?"},
            )
        )
        echoed.append(updated[field][:-1])
    return echoed


def _smart_plus(sandbox: Sandbox, text: str) -> list[str]:
    ads = accepted(sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id))["list"]
    custom = next(ad for ad in ads if ad["identity_type"] == "CUSTOMIZED_USER")
    info = {
        "identity_type": "CUSTOMIZED_USER",
        "identity_id": custom["identity_id"],
        "video_info": {"video_id": custom["video_id"]},
    }
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "adgroup_id": smart_adgroup_id(sandbox),
        "ad_name": text,
        "creative_list": [{"creative_info": info}],
        "ad_text_list": [{"ad_text": text}],
    }
    made = accepted(sandbox.post("smart_plus/ad/create/", body))
    read = smart_ad(sandbox, made["smart_plus_ad_id"])
    return [
        made["ad_name"],
        made["ad_text_list"][0]["ad_text"],
        read["ad_name"],
        read["creative_list"][0]["creative_info"]["ad_text"],
    ]


def _identity(sandbox: Sandbox, text: str) -> list[str]:
    made = accepted(
        sandbox.post(
            "identity/create/", {"advertiser_id": sandbox.advertiser_id, "display_name": text}
        )
    )
    listed = accepted(
        sandbox.get(
            "identity/get/",
            advertiser_id=sandbox.advertiser_id,
            identity_type="CUSTOMIZED_USER",
            page_size=50,
        )
    )["identity_list"]
    return [i["display_name"] for i in listed if i["identity_id"] == made["identity_id"]]


def _library(sandbox: Sandbox, text: str) -> list[str]:
    made = accepted(
        sandbox.post(
            "file/video/ad/upload/",
            {
                "advertiser_id": sandbox.advertiser_id,
                "upload_type": "UPLOAD_BY_URL",
                "video_url": "https://example.com/v.mp4",
                "file_name": text,
            },
        )
    )[0]
    found = accepted(
        sandbox.get(
            "file/video/ad/search/",
            advertiser_id=sandbox.advertiser_id,
            filtering={"video_name": text},
        )
    )["list"]
    return [made["file_name"], *(v["file_name"] for v in found)]


_handles = (f"hostile.{n}" for n in itertools.count())


def _app(sandbox: Sandbox, text: str) -> list[str]:
    base = f"{CONTROL}/sandboxes/{sandbox.sandbox_id}"
    creator = _control_ok(
        sandbox.client.post(
            f"{base}/creators", json={"handle": next(_handles), "display_name": text}
        ),
        201,
    )
    post = _control_ok(
        sandbox.client.post(
            f"{base}/creators/{creator['creator_id']}/posts", json={"caption": text}
        ),
        201,
    )
    edited = _control_ok(
        sandbox.client.patch(f"{base}/posts/{post['item_id']}", json={"caption": text + "#"})
    )
    read = _control_ok(sandbox.client.get(f"{base}/posts/{post['item_id']}"))
    return [creator["display_name"], post["caption"], edited["caption"][:-1], read["caption"][:-1]]


def _review(sandbox: Sandbox, text: str) -> list[str]:
    base = f"{CONTROL}/sandboxes/{sandbox.sandbox_id}"
    policy = _control_ok(
        sandbox.client.put(f"{base}/review-policy", json={"mode": "manual", "reject_terms": [text]})
    )
    ad_id = _custom_ad(sandbox)
    decided = _control_ok(
        sandbox.client.post(f"{base}/reviews/{ad_id}", json={"decision": "reject", "reason": text})
    )
    return [policy["reject_terms"][0], decided["reason"]]


def _sandbox_name(sandbox: Sandbox, text: str) -> list[str]:
    made = _control_ok(sandbox.client.post(f"{CONTROL}/sandboxes", json={"name": text}), 201)
    read = _control_ok(sandbox.client.get(f"{CONTROL}/sandboxes/{made['sandbox_id']}"))
    assert sandbox.client.delete(f"{CONTROL}/sandboxes/{made['sandbox_id']}").status_code == 204
    return [made["name"], read["name"]]


ECHOES = {
    "campaign_name": _campaign,
    "adgroup_name": _adgroup,
    "ad_name": lambda s, t: _ad_fields(s, t, "ad_name"),
    "ad_text": lambda s, t: _ad_fields(s, t, "ad_text"),
    "display_name": lambda s, t: _ad_fields(s, t, "display_name"),
    "call_to_action": lambda s, t: _ad_fields(s, t, "call_to_action"),
    "smart_plus_ad_name_and_ad_text": _smart_plus,
    "identity_display_name": _identity,
    "file_name": _library,
    "creator_display_name_and_caption": _app,
    "review_reason_and_reject_terms": _review,
    "sandbox_name": _sandbox_name,
}


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
@pytest.mark.parametrize("field", ECHOES)
def test_hostile_free_text_is_stored_and_echoed_byte_for_byte(echo, field, text):
    echoed = ECHOES[field](echo, HOSTILE_TEXTS[text])
    assert echoed and all(value == HOSTILE_TEXTS[text] for value in echoed), echoed


@pytest.mark.parametrize(
    ("sent_name", "kept"),
    [
        ("a\x00b.mp4", "ab.mp4"),
        ("../../../etc/passwd", "../../../etc/passwd"),
        ("<script>alert(1)</script>.mp4", "<script>alert(1)</script>.mp4"),
    ],
)
def test_a_hostile_file_name_sent_with_the_file_is_kept_as_text_without_nul(echo, sent_name, kept):
    body = upload_file(echo, sent_name=sent_name)
    assert accepted(body)[0]["file_name"] == kept


def test_a_nul_in_the_file_name_part_of_a_video_url_is_dropped(echo):
    body = upload_url(echo, "https://example.com/clip%00one.mp4")
    assert accepted(body)[0]["file_name"] == "clipone.mp4"


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_free_text_in_a_search_is_only_a_filter(target, untouched, text):
    with untouched():
        listed = target.get(
            "tt_video/list/", advertiser_id=target.advertiser_id, keyword=HOSTILE_TEXTS[text]
        )
        named = target.get(
            "campaign/get/",
            advertiser_id=target.advertiser_id,
            filtering={"campaign_name": HOSTILE_TEXTS[text]},
        )
    assert accepted(listed)["list"] == [] and accepted(named)["list"] == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("handle", "dancer\n"), ("handle", "dancer\x00"), ("sandbox_id", "sbx\n")],
)
def test_a_name_pattern_is_not_fooled_by_a_final_newline(target, untouched, field, value):
    path = "/sandboxes" if field == "sandbox_id" else f"/sandboxes/{target.sandbox_id}/creators"
    with untouched():
        response = target.client.post(f"{CONTROL}{path}", json={field: value})
    assert control_refusal(response).startswith(f"{field}: ")


def test_a_list_over_its_limit_is_refused_before_its_items_are_read(target, untouched):
    campaigns = accepted(target.get("campaign/get/", advertiser_id=target.advertiser_id))["list"]
    adgroup = {
        "advertiser_id": target.advertiser_id,
        "campaign_id": campaigns[0]["campaign_id"],
        "adgroup_name": "lists",
        "location_ids": ["6252001"],
        "schedule_start_time": "2030-01-01 00:00:00",
        "optimization_goal": "CLICK",
        "billing_event": "CPC",
    }
    with untouched():
        four = target.post("adgroup/create/", {**adgroup, "placements": ["PLACEMENT_TIKTOK"] * 4})
        huge = target.post("adgroup/create/", {**adgroup, "location_ids": [[]] * 100_000})
    assert four["message"] == "placements: Longer than maximum length 3.", four
    assert huge["message"] == "location_ids: Length must be between 1 and 3000.", huge
