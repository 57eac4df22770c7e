"""The creator's phone in the console: the app's Spark steps in order, each refused where the
app refuses it with the app's reason, and only the signed-in sandbox's accounts and posts."""

from __future__ import annotations

import re

from mockads.testing import Sandbox
from tests.api.lifecycle_helpers import linked_ids, make_creator, make_post
from tests.console.conftest import Trainee

_CODE = re.compile(r'id="new-code" value="([^"]+)"')


def _follow(trainee: Trainee, response) -> str:
    assert response.status_code == 302, response.status_code
    return trainee.page(response.location)


def _act(trainee: Trainee, path: str, **form: str) -> str:
    return _follow(trainee, trainee.submit(path, form, from_page=path.removesuffix("/code")))


def test_the_phone_lists_the_sandboxs_accounts_only(trainee, sandbox, other: Sandbox):
    text = trainee.page("/console/phone")
    for creator in sandbox.summary["creators"]:
        assert f"@{creator['handle']}" in text
    foreign = other.summary["creators"][0]
    assert f"@{foreign['handle']}" not in text or foreign["handle"] in {
        c["handle"] for c in sandbox.summary["creators"]
    }
    response = trainee.client.get(f"/console/phone/{foreign['creator_id']}")
    assert response.status_code == 404


def test_a_creator_generates_a_code_step_by_step_and_the_brand_links_it(trainee, sandbox):
    creator = make_creator(sandbox)
    item_id = make_post(sandbox, creator["creator_id"], "Unboxing the spring drop")["item_id"]
    post_page = f"/console/phone/posts/{item_id}"

    text = _act(trainee, post_page, ad_authorization="on")
    assert "authorized posts" in text  # the profile switch is still off: the app's reason
    settings = f"/console/phone/{creator['creator_id']}/settings"
    trainee.submit(settings, {"allow_authorized_posts": "on"}, from_page=post_page)
    text = _follow(
        trainee,
        trainee.submit(
            settings, {"accepted_ad_terms": "agree", "item_id": item_id}, from_page=post_page
        ),
    )
    assert "Agree to the ad terms" not in text
    text = _act(trainee, post_page, ad_authorization="on")
    assert "Ad authorization: <strong>On</strong>" in text
    response = trainee.submit(f"{post_page}/code", {"days": "60"}, from_page=post_page)
    text = _follow(trainee, response)
    code = _CODE.search(text).group(1)
    assert "Copy Code" in text and "60 days" in text
    assert f"<code>{code}</code>" in text  # among the post's codes, AUTHORIZED

    searched = trainee.submit(
        "/console/spark-posts/search", {"auth_codes": code}, from_page="/console/spark-posts/apply"
    )
    assert "Unboxing the spring drop" in searched.get_data(as_text=True)
    trainee.submit("/console/spark-posts/confirm", {"auth_code": [code]})
    assert item_id in linked_ids(sandbox)


def test_the_caption_is_locked_while_a_code_authorizes_the_post(trainee, sandbox):
    code = next(c for c in sandbox.summary["sample_codes"] if c["ad_auth_status"] == "AUTHORIZED")
    post_page = f"/console/phone/posts/{code['item_id']}"
    text = _act(trainee, post_page, caption="A new caption")
    assert "caption" in text.lower() and 'class="problem"' in text
    assert "A new caption</p>" not in text


def test_a_code_needs_a_public_post(trainee, sandbox):
    creator = make_creator(sandbox)
    item_id = make_post(sandbox, creator["creator_id"], "Friends only", privacy="FRIENDS")[
        "item_id"
    ]
    post_page = f"/console/phone/posts/{item_id}"
    settings = f"/console/phone/{creator['creator_id']}/settings"
    trainee.submit(settings, {"allow_authorized_posts": "on"}, from_page=post_page)
    trainee.submit(settings, {"accepted_ad_terms": "agree"}, from_page=post_page)
    _act(trainee, post_page, ad_authorization="on")
    text = _follow(
        trainee, trainee.submit(f"{post_page}/code", {"days": "30"}, from_page=post_page)
    )
    assert 'class="problem"' in text and "public" in text.lower()
    assert "Copy Code" not in text


def test_posts_of_another_sandbox_are_not_found(trainee, other: Sandbox):
    foreign = other.summary["sample_codes"][0]["item_id"]
    assert trainee.client.get(f"/console/phone/posts/{foreign}").status_code == 404
    response = trainee.submit(f"/console/phone/posts/{foreign}", {"caption": "x"})
    assert response.status_code == 404
