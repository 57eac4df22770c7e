"""The console's sign-in and Tools → Creative library → Spark ads posts, through the test client:
Apply for Authorization with up to 20 codes, Search, Confirm; refusals in plain words; one
sandbox per session; user text escaped."""

from __future__ import annotations

import html
import re

from mockads.testing import Sandbox
from tests.api.helpers import code_item, ready_code
from tests.api.lifecycle_helpers import linked_ids, new_code, ready_creator, tt_video_list
from tests.console.conftest import Trainee


def _search(trainee: Trainee, *codes: str) -> str:
    data = {"auth_codes": "\n".join(codes)}
    response = trainee.submit(
        "/console/spark-posts/search", data, from_page="/console/spark-posts/apply"
    )
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _confirm(trainee: Trainee, *codes: str, originals: dict[int, str] | None = None) -> str:
    data: dict[str, object] = {"auth_code": list(codes)}
    data.update({f"original_for_{n}": code for n, code in (originals or {}).items()})
    response = trainee.submit("/console/spark-posts/confirm", data)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_console_pages_ask_for_sign_in_first(mockads_app):
    client = mockads_app.test_client()
    for path in ("/console/spark-posts", "/console/spark-posts/apply"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.location.startswith("/console/sign-in")


def test_a_wrong_token_is_refused_in_plain_words(mockads_app):
    person = Trainee(mockads_app)
    token = person.token()
    response = person.client.post(
        "/console/sign-in", data={"csrf_token": token, "access_token": "not-a-token"}
    )
    assert response.status_code == 401
    assert "This access token opens no sandbox" in response.get_data(as_text=True)


def test_every_page_shows_the_sandbox_the_advertiser_and_the_sandbox_clock(trainee, sandbox):
    text = trainee.page("/console/spark-posts")
    assert html.escape(sandbox.summary["name"]) in text
    assert sandbox.advertiser_id in text
    assert re.search(
        r'data-testid="clock"><time datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC', text
    )


def test_a_form_without_its_csrf_token_is_refused(trainee):
    response = trainee.client.post("/console/spark-posts/search", data={"auth_codes": "x"})
    assert response.status_code == 400


def test_the_pull_flow_links_a_code_found_by_search(trainee, sandbox):
    code = ready_code(sandbox)
    text = _search(trainee, code)
    assert "Confirm" in text and html.escape(code) in text
    assert "Linked." in _confirm(trainee, code)
    assert code_item(sandbox, code) in linked_ids(sandbox)
    assert "Posts you may use in Spark Ads" in trainee.page("/console/spark-posts")


def test_search_explains_each_refused_code_and_links_nothing(trainee, sandbox):
    expired = next(
        c["auth_code"] for c in sandbox.summary["sample_codes"] if c["ad_auth_status"] == "EXPIRED"
    )
    unknown = sandbox.summary["failing_examples"]["unknown_code"]
    before = tt_video_list(sandbox)
    text = _search(trainee, expired, unknown)
    assert "The authorization code expired at" in text
    assert "The authorization code does not exist" in text
    results = _confirm(trainee, expired, unknown)
    assert results.count("Not linked.") == 2
    assert tt_video_list(sandbox) == before


def test_more_than_twenty_codes_are_refused_whole(trainee, sandbox):
    codes = [f"code-{n}" for n in range(21)]
    data = {"auth_codes": "\n".join(codes)}
    response = trainee.submit("/console/spark-posts/search", data)
    assert response.status_code == 422
    assert "At most 20 codes at a time; you pasted 21." in response.get_data(as_text=True)


def test_a_duet_asks_for_the_original_posts_code(trainee, sandbox):
    original_creator = ready_creator(sandbox)
    original = new_code(sandbox, original_creator["creator_id"], "The original dance")
    duet_creator = ready_creator(sandbox)
    duet = new_code(
        sandbox,
        duet_creator["creator_id"],
        "My duet",
        duet_of=original["item_id"],
    )
    text = _search(trainee, duet["auth_code"])
    assert "both creators must authorize it" in text
    assert "Video code of the original post" in text
    refused = _confirm(trainee, duet["auth_code"])
    assert "Not linked." in refused
    linked = _confirm(trainee, duet["auth_code"], originals={0: original["auth_code"]})
    assert "Linked." in linked


def test_html_in_a_caption_is_shown_escaped(trainee, sandbox):
    creator = ready_creator(sandbox, display_name="<b>Bold</b> creator")
    code = new_code(sandbox, creator["creator_id"], '<script>alert("x")</script> caption')
    text = _search(trainee, code["auth_code"])
    assert "<script>alert" not in text and "&lt;script&gt;alert(" in text
    assert "<b>Bold</b>" not in text and "&lt;b&gt;Bold&lt;/b&gt;" in text


def test_a_session_reaches_only_its_own_sandbox(trainee, sandbox, other: Sandbox):
    foreign_code = ready_code(other)
    text = _search(trainee, foreign_code)
    assert "The authorization code does not exist" in text
    assert "Not linked." in _confirm(trainee, foreign_code)
    assert tt_video_list(other) == tt_video_list(other)  # nothing linked there either
    page = trainee.page("/console/spark-posts")
    assert other.advertiser_id not in page and other.summary["name"] not in page


def test_sign_in_goes_back_only_to_a_console_page(mockads_app, sandbox):
    person = Trainee(mockads_app)
    for target, lands in [
        ("/console/spark-posts/apply", "/console/spark-posts/apply"),
        ("https://evil.example/", "/console/spark-posts"),
        ("//evil.example/", "/console/spark-posts"),
    ]:
        response = person.client.post(
            f"/console/sign-in?next={target}",
            data={"csrf_token": person.token(), "access_token": sandbox.access_token},
        )
        assert response.location == lands


def test_sign_out_forgets_the_token(trainee):
    response = trainee.submit("/console/sign-out", {})
    assert response.status_code == 302
    assert trainee.client.get("/console/spark-posts").status_code == 302
