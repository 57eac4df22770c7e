"""What no console form may do: hold text the store cannot keep, skip its CSRF token, reach
another sandbox, or answer a 5xx; a refused form changes nothing."""

from __future__ import annotations

import pytest

from tests.api.lifecycle_helpers import linked_ids, post_of
from tests.console.conftest import Trainee

#: Text a browser can send that no store may keep (a form cannot carry a lone surrogate: bytes
#: that would encode one are not UTF-8, and are read as U+FFFD, see below).
BAD_TEXT = ["\x00", "caption\x00", "a\x00b"]


@pytest.mark.parametrize("text", BAD_TEXT, ids=repr)
def test_text_no_store_can_keep_is_refused_and_changes_nothing(trainee: Trainee, sandbox, text):
    code = sandbox.summary["sample_codes"][0]
    before = post_of(sandbox, code["item_id"])
    path = f"/console/phone/posts/{code['item_id']}"
    token = trainee.token(path)
    response = trainee.client.post(path, data={"csrf_token": token, "caption": text})
    assert response.status_code == 400
    assert "which no text may hold" in response.get_data(as_text=True)
    assert post_of(sandbox, code["item_id"]) == before


@pytest.mark.parametrize("text", BAD_TEXT, ids=repr)
def test_bad_text_in_codes_or_tokens_is_refused_too(mockads_app, trainee: Trainee, sandbox, text):
    before = linked_ids(sandbox)
    token = trainee.token("/console/spark-posts/apply")
    response = trainee.client.post(
        "/console/spark-posts/search", data={"csrf_token": token, "auth_codes": text}
    )
    assert response.status_code == 400
    assert linked_ids(sandbox) == before
    person = Trainee(mockads_app)
    response = person.client.post(
        "/console/sign-in", data={"csrf_token": person.token(), "access_token": text}
    )
    assert response.status_code == 400


def test_bytes_that_are_not_utf8_are_read_as_replacement_characters(trainee: Trainee, sandbox):
    creator = sandbox.summary["creators"][0]
    path = f"/console/phone/{creator['creator_id']}"
    token = trainee.token(path)
    response = trainee.client.post(
        "/console/spark-posts/search",
        data=f"csrf_token={token}&auth_codes=%ED%A0%80%FF",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "The authorization code is invalid" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/console/spark-posts/search",
        "/console/spark-posts/confirm",
        "/console/sign-out",
        "/console/advertiser",
        "/console/phone/1/settings",
        "/console/phone/posts/1",
        "/console/phone/posts/1/code",
    ],
)
def test_every_form_needs_its_csrf_token(trainee: Trainee, path):
    assert trainee.client.post(path, data={"auth_codes": "x"}).status_code == 400


def test_unknown_pages_and_ids_answer_not_found_pages(trainee: Trainee):
    for path in ("/console/phone/999", "/console/phone/posts/abc"):
        response = trainee.client.get(path)
        assert response.status_code == 404
        assert "Not found in your sandbox" in response.get_data(as_text=True)
