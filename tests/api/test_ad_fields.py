"""Every field of a creative of the catalogue's ad calls, generated from the catalogue
(Hypothesis).

For each field: any valid value sent on `ad/create/` (and on `ad/update/` where the catalogue
lets update change it) comes back from `ad/get/` and through `fields=`; any invalid value
(wrong type, not in the enum, too long, out of range, a bad member) gets 40002 naming the field
by its path (`creatives.0.<name>`) and changes nothing; a create-only field sent to update is
refused the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from mockads.domain.catalogue import AD_CREATIVE_CREATE, AD_CREATIVE_UPDATE, FieldSpec
from mockads.testing import CONTROL, Sandbox
from tests import generation
from tests.api.catalogue_values import EXISTING, invalid_values, refused_naming, valid_values

ALL = {"primary_status": "STATUS_ALL"}
#: A creative every single field's valid value fits in: the companions the documented rules
#: ask for (VAST URLs for an IAS partner, the disclaimer's texts, a landing page for fallback
#: WEBSITE, promotional music allowed for duets and stitches) are already there.
BASE = {
    "ad_text": "Spring collection. Shop now!",
    "landing_page_url": "https://example.com/base",
    "brand_safety_vast_url": "https://vast.example.com/brand-safety",
    "viewability_vast_url": "https://vast.example.com/viewability",
    "disclaimer_clickable_texts": [{"text": "Terms", "url": "https://example.com/terms"}],
    "disclaimer_text": {"text": "Ad"},
    "promotional_music_disabled": False,
}
_PATHS = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_/", max_size=40)
#: Valid values narrower than the field's shape, because a rule of its own says so.
NARROWER = {
    "landing_page_url": _PATHS.map(lambda path: f"https://example.com/{path}"),
    "image_ids": st.lists(st.sampled_from(EXISTING["image_ids"]), max_size=1),
}
#: A non-Spark ad's identity, video and format stay what they are (Spark creatives and a
#: changed content have tests of their own in test_ads.py and test_ad_field_rules.py).
CONTENT = (
    "identity_type",
    "identity_id",
    "identity_authorized_bc_id",
    "tiktok_item_id",
    "video_id",
)
SENT = [s for s in AD_CREATIVE_CREATE if s.name not in CONTENT]
UPDATABLE = [s for s in AD_CREATIVE_UPDATE if s.name not in (*CONTENT, "ad_id", "ad_format")]
CREATE_ONLY = [s for s in AD_CREATIVE_CREATE if s.name not in {u.name for u in AD_CREATIVE_UPDATE}]
_names = (f"Field test {n}" for n in itertools.count(1))


class Place:
    """The module's sandbox, its ad group and the custom identity and video of its creatives."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        body = sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id, page_size=100)
        custom = next(a for a in body["data"]["list"] if a["identity_type"] == "CUSTOMIZED_USER")
        self.adgroup_id = custom["adgroup_id"]
        self.content = {
            "identity_type": "CUSTOMIZED_USER",
            "identity_id": custom["identity_id"],
            "video_id": custom["video_id"],
        }


@pytest.fixture(scope="module")
def place(mockads_app: Flask) -> Iterator[Place]:
    """One sandbox for the module: every example makes ads of its own."""
    client = mockads_app.test_client()
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 5})
    made = Sandbox(client, response.get_json())
    yield Place(made)
    client.delete(f"{CONTROL}/sandboxes/{made.sandbox_id}")


def _value(spec: FieldSpec, data: st.DataObject) -> Any:
    return data.draw(NARROWER.get(spec.name, valid_values(spec)))


def _create(place: Place, **fields: Any) -> dict[str, Any]:
    creative = {"ad_name": next(_names), **place.content, **BASE, **fields}
    body = {
        "advertiser_id": place.sandbox.advertiser_id,
        "adgroup_id": place.adgroup_id,
        "creatives": [creative],
    }
    return place.sandbox.post("ad/create/", body)


def _created(place: Place, **fields: Any) -> str:
    body = _create(place, **fields)
    assert body["code"] == 0, body
    (ad_id,) = body["data"]["ad_ids"]
    return ad_id


def _update(place: Place, ad_id: str, **fields: Any) -> dict[str, Any]:
    body = {
        "advertiser_id": place.sandbox.advertiser_id,
        "adgroup_id": place.adgroup_id,
        "creatives": [{"ad_id": ad_id, **fields}],
        "patch_update": True,
    }
    return place.sandbox.post("ad/update/", body)


def _read(place: Place, ad_id: str, fields: list[str] | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"filtering": {"ad_ids": [ad_id], **ALL}}
    if fields:
        params["fields"] = fields
    body = place.sandbox.get("ad/get/", advertiser_id=place.sandbox.advertiser_id, **params)
    assert body["code"] == 0, body
    (ad,) = body["data"]["list"]
    return ad


def _count(place: Place) -> int:
    sandbox = place.sandbox
    body = sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id, filtering=ALL, page_size=1)
    return body["data"]["page_info"]["total_number"]


def _reads_back(place: Place, ad_id: str, name: str, value: Any) -> None:
    assert _read(place, ad_id)[name] == value
    assert _read(place, ad_id, [name]) == {name: value}


@pytest.mark.parametrize("spec", SENT, ids=lambda s: s.name)
@settings(max_examples=generation.examples(5, 40))
@given(data=st.data())
def test_ad_create_stores_and_returns_any_valid_value_of_each_field(place, spec, data):
    value = _value(spec, data)
    ad_id = _created(place, **{spec.name: value})
    _reads_back(place, ad_id, spec.name, value)


@pytest.mark.parametrize("spec", AD_CREATIVE_CREATE, ids=lambda s: s.name)
@settings(max_examples=generation.examples(5, 40))
@given(data=st.data())
def test_ad_create_refuses_any_invalid_value_of_each_field(place, spec, data):
    value = data.draw(invalid_values(spec))
    before = _count(place)
    refused_naming(_create(place, **{spec.name: value}), f"creatives.0.{spec.name}")
    assert _count(place) == before


@pytest.mark.parametrize("spec", UPDATABLE, ids=lambda s: s.name)
@settings(max_examples=generation.examples(5, 40))
@given(data=st.data())
def test_ad_update_changes_each_updatable_field_to_any_valid_value(place, spec, data):
    ad_id = _created(place)
    value = _value(spec, data)
    answer = _update(place, ad_id, **{spec.name: value})
    assert answer["code"] == 0, (spec.name, value, answer)
    (edited,) = answer["data"]["creatives"]
    assert edited[spec.name] == value
    _reads_back(place, ad_id, spec.name, value)


@pytest.mark.parametrize("spec", UPDATABLE, ids=lambda s: s.name)
@settings(max_examples=generation.examples(5, 40))
@given(data=st.data())
def test_ad_update_refuses_any_invalid_value_and_changes_nothing(place, spec, data):
    ad_id = _created(place)
    before = _read(place, ad_id)
    value = data.draw(invalid_values(spec))
    refused_naming(_update(place, ad_id, **{spec.name: value}), f"creatives.0.{spec.name}")
    assert _read(place, ad_id) == before


@pytest.mark.parametrize("spec", CREATE_ONLY, ids=lambda s: s.name)
@settings(max_examples=generation.examples(3, 15))
@given(data=st.data())
def test_ad_update_refuses_each_create_only_field_and_changes_nothing(place, spec, data):
    ad_id = _created(place)
    before = _read(place, ad_id)
    value = data.draw(st.one_of(valid_values(spec), invalid_values(spec)))
    answer = _update(place, ad_id, **{spec.name: value})
    refused_naming(answer, f"creatives.0.{spec.name}")
    assert "cannot be changed" in answer["message"]
    assert _read(place, ad_id) == before
