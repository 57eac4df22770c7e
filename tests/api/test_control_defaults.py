"""Defaults on the control plane: a creator or a post made from `{}` is plausible, made up from
the sandbox's seed (the same calls on the same seed make the same ones), and what is given wins."""

from __future__ import annotations

import re

from flask import Flask

from mockads.testing import CONTROL, Sandbox

HANDLE = re.compile(r"[a-z0-9._]{2,24}")


def _sandbox(app: Flask, seed: int) -> Sandbox:
    client = app.test_client()
    answer = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": seed})
    return Sandbox(client, answer.get_json())


def _creator(sandbox: Sandbox, **body: object) -> dict:
    response = sandbox.client.post(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/creators", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _post(sandbox: Sandbox, creator_id: str, **body: object) -> dict:
    path = f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/creators/{creator_id}/posts"
    response = sandbox.client.post(path, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_an_empty_body_makes_a_plausible_new_creator(mockads_sandbox: Sandbox):
    first, second = _creator(mockads_sandbox), _creator(mockads_sandbox)
    for creator in (first, second):
        assert HANDLE.fullmatch(creator["handle"]), creator["handle"]
        assert creator["display_name"] and " " in creator["display_name"]
        assert 200 <= creator["follower_count"] <= 2_000_000
        assert (creator["allow_authorized_posts"], creator["accepted_ad_terms"]) == (False, False)
    assert first["handle"] != second["handle"]


def test_what_is_given_wins(mockads_sandbox: Sandbox):
    named = _creator(mockads_sandbox, display_name="Studio Nine", follower_count=5)
    assert (named["display_name"], named["follower_count"]) == ("Studio Nine", 5)
    assert HANDLE.fullmatch(named["handle"])
    handled = _creator(mockads_sandbox, handle="given.handle")
    assert (handled["handle"], handled["display_name"]) == ("given.handle", "given.handle")
    post = _post(mockads_sandbox, handled["creator_id"], caption="My own words")
    assert post["caption"] == "My own words"


def test_an_empty_body_makes_a_post_with_a_plausible_caption(mockads_sandbox: Sandbox):
    creator = _creator(mockads_sandbox)
    first = _post(mockads_sandbox, creator["creator_id"])
    second = _post(mockads_sandbox, creator["creator_id"])
    for post in (first, second):
        assert re.fullmatch(r"[A-Z][^#]+( #\w+){1,3}", post["caption"]), post["caption"]
        assert (post["privacy"], post["item_type"]) == ("PUBLIC", "VIDEO")
    assert first["caption"] != second["caption"]


def test_the_same_calls_on_the_same_seed_make_the_same_creators_and_posts(mockads_app: Flask):
    made = []
    for _ in range(2):
        sandbox = _sandbox(mockads_app, 42)
        creators = [_creator(sandbox) for _ in range(3)]
        posts = [_post(sandbox, creators[0]["creator_id"])["caption"] for _ in range(2)]
        made.append(
            ([(c["handle"], c["display_name"], c["follower_count"]) for c in creators], posts)
        )
        sandbox.client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")
    assert made[0] == made[1]
    other = _sandbox(mockads_app, 43)
    assert _creator(other)["handle"] != made[0][0][0][0]
