"""The `mockads.testing` helper reads like the seeds: a creator's steps in the app, the code,
the clock, the reviewer; refusals raise `ControlError` with the app's reason."""

from __future__ import annotations

import pytest

from mockads.testing import ControlError, Sandbox
from tests.api.lifecycle_helpers import linked_ids


def test_a_creator_makes_a_code_the_advertiser_links_and_it_expires_with_the_clock(
    mockads_sandbox: Sandbox,
):
    creator = mockads_sandbox.creator()
    creator.allow_authorized_posts().accept_ad_terms()
    post = creator.post(caption="Behind the scenes")
    code = post.switch_ad_authorization(on=True).generate_code(days=7)
    body = mockads_sandbox.post(
        "tt_video/authorize/", {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": code}
    )
    assert body["code"] == 0, body
    assert post.item_id in linked_ids(mockads_sandbox)
    mockads_sandbox.clock.advance(days=8)
    info = mockads_sandbox.get(
        "tt_video/info/", advertiser_id=mockads_sandbox.advertiser_id, auth_code=code
    )
    assert info["data"]["auth_info"]["ad_auth_status"] == "EXPIRED"


def test_the_apps_refusals_raise_with_the_apps_reason(mockads_sandbox: Sandbox):
    post = mockads_sandbox.creator().post()
    with pytest.raises(ControlError) as refused:
        post.switch_ad_authorization(on=True)
    assert refused.value.status == 409 and refused.value.code == "AUTHORIZED_POSTS_NOT_ALLOWED"


def test_a_caption_edit_is_refused_while_a_code_authorizes_the_post(mockads_sandbox: Sandbox):
    creator = mockads_sandbox.creator().allow_authorized_posts().accept_ad_terms()
    post = creator.post(caption="First words")
    post.switch_ad_authorization().generate_code()
    with pytest.raises(ControlError) as refused:
        post.edit_caption("Other words")
    assert refused.value.code == "CAPTION_LOCKED"
    post.switch_ad_authorization(on=False)
    assert post.edit_caption("Other words").data["caption"] == "Other words"


def test_the_reviewer_approves_and_rejects(mockads_sandbox: Sandbox):
    mockads_sandbox.control("PUT", "/review-policy", {"mode": "manual"})
    pending_before = set(mockads_sandbox.reviews.pending())
    adgroup = mockads_sandbox.get("adgroup/get/", advertiser_id=mockads_sandbox.advertiser_id)
    adgroup_id = adgroup["data"]["list"][0]["adgroup_id"]
    identity = mockads_sandbox.get(
        "identity/get/",
        advertiser_id=mockads_sandbox.advertiser_id,
        identity_type="CUSTOMIZED_USER",
    )["data"]["identity_list"][0]["identity_id"]
    video = mockads_sandbox.get(
        "file/video/ad/search/", advertiser_id=mockads_sandbox.advertiser_id
    )["data"]["list"][0]["video_id"]
    creative = {
        "ad_name": "Helper",
        "identity_type": "CUSTOMIZED_USER",
        "identity_id": identity,
        "video_id": video,
        "ad_text": "Hello",
    }
    made = mockads_sandbox.post(
        "ad/create/",
        {
            "advertiser_id": mockads_sandbox.advertiser_id,
            "adgroup_id": adgroup_id,
            "creatives": [creative],
        },
    )
    (ad_id,) = made["data"]["ad_ids"]
    assert set(mockads_sandbox.reviews.pending()) - pending_before == {ad_id}
    assert mockads_sandbox.reviews.reject(ad_id, reason="Too loud")["review_status"] == "REJECTED"
    assert mockads_sandbox.reviews.approve(ad_id)["review_status"] == "APPROVED"


def test_an_unknown_post_is_a_control_error(mockads_sandbox: Sandbox):
    with pytest.raises(ControlError) as refused:
        mockads_sandbox.step("GET", "/posts/1")
    assert refused.value.status == 404
