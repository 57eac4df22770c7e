"""Helpers of the Spark lifecycle suites: drive the creator app through the control plane.

Creators, posts and codes made here go through the same HTTP routes a test author would use
(`/_mockads/v1/sandboxes/{sid}/creators|posts/...`), so every code is in a state the test
knows exactly. Refusals are checked with `control_error` (control plane) and `spark_refusal`
(mirror envelope); `unchanged` asserts that a block changes nothing the sandbox stores.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mockads.domain.clock import parse_time
from mockads.domain.model import World
from mockads.testing import CONTROL, MIRROR, Sandbox

__all__ = [
    "CODE",
    "CONTROL",
    "DAY",
    "MIRROR",
    "advance",
    "authorize",
    "call",
    "control_error",
    "freeze",
    "linked_ids",
    "make_creator",
    "make_creator_ready",
    "make_post",
    "new_code",
    "post_of",
    "ready_creator",
    "seconds_between",
    "spark_refusal",
    "tt_video_info",
    "tt_video_list",
    "unchanged",
    "world_of",
]

DAY = 86_400
CODE = re.compile(r"^#[A-Za-z0-9+/]{64}$")
_handles = itertools.count(1)


# -- raw calls --------------------------------------------------------------------------------


def call(sandbox: Sandbox, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """Status and JSON body of a control-plane call below `/sandboxes/{sid}`."""
    response = sandbox.client.open(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}{path}", method=method, json=body
    )
    return response.status_code, response.get_json(silent=True)


def _ok(sandbox: Sandbox, method: str, path: str, body: Any = None, status: int = 200) -> Any:
    got, data = call(sandbox, method, path, body)
    assert got == status, (method, path, body, got, data)
    return data


def control_error(answer: tuple[int, Any], status: int, code: str) -> dict[str, Any]:
    """Assert a control-plane error of that HTTP status and `error.code`; the error object."""
    got, body = answer
    assert got == status, (got, body)
    error = body["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code, error
    return error


def spark_refusal(body: dict[str, Any], reason: str, field: str = "auth_code") -> str:
    """Assert the mirror's 40002 Spark refusal `[REASON] field: ...`; the message."""
    assert body["code"] == 40002, body
    assert body["message"].startswith(f"[{reason}] {field}: "), body["message"]
    assert body["data"] == {}
    return body["message"]


# -- the creator's side -----------------------------------------------------------------------


def make_creator(sandbox: Sandbox, **fields: Any) -> dict[str, Any]:
    """A new creator as the app makes it (switch off, terms not agreed)."""
    body = {"handle": f"lc.creator_{next(_handles)}", **fields}
    return _ok(sandbox, "POST", "/creators", body, 201)


def make_creator_ready(sandbox: Sandbox, creator_id: str) -> dict[str, Any]:
    """Allow authorized posts, then agree to the Advertising Content Terms."""
    _ok(sandbox, "PATCH", f"/creators/{creator_id}", {"allow_authorized_posts": True})
    return _ok(sandbox, "PATCH", f"/creators/{creator_id}", {"accepted_ad_terms": True})


def ready_creator(sandbox: Sandbox, **fields: Any) -> dict[str, Any]:
    """A new creator who allows authorized posts and agreed to the terms."""
    return make_creator_ready(sandbox, make_creator(sandbox, **fields)["creator_id"])


def make_post(sandbox: Sandbox, creator_id: str, caption: str, **post: Any) -> dict[str, Any]:
    """Publish a post (`privacy`, `item_type`, `duet_of`, `stitch_of` as the app allows)."""
    body = {"caption": caption, **post}
    return _ok(sandbox, "POST", f"/creators/{creator_id}/posts", body, 201)


def authorize(sandbox: Sandbox, item_id: str, days: int = 30) -> dict[str, Any]:
    """Ad settings: switch Ad authorization on, choose the period, generate the code."""
    _ok(sandbox, "PATCH", f"/posts/{item_id}", {"ad_authorization": True})
    return _ok(sandbox, "POST", f"/posts/{item_id}/authorization", {"days": days}, 201)


def new_code(
    sandbox: Sandbox, creator_id: str, caption: str, days: int = 30, **post: Any
) -> dict[str, Any]:
    """A new post of a ready creator and its fresh code (`auth_code`, `item_id`, times...)."""
    item_id = make_post(sandbox, creator_id, caption, **post)["item_id"]
    return authorize(sandbox, item_id, days)


def post_of(sandbox: Sandbox, item_id: str) -> dict[str, Any]:
    """A post as the app shows it, with its codes."""
    return _ok(sandbox, "GET", f"/posts/{item_id}")


# -- the clock --------------------------------------------------------------------------------


def advance(sandbox: Sandbox, seconds: float) -> None:
    """Move the sandbox clock forward."""
    _ok(sandbox, "POST", "/clock", {"advance_seconds": seconds})


def freeze(sandbox: Sandbox) -> str:
    """Stop the sandbox clock; its reading (`YYYY-MM-DD HH:MM:SS`)."""
    return _ok(sandbox, "POST", "/clock", {"frozen": True})["now"]


def seconds_between(start: str, end: str) -> float:
    """Seconds from one API time to another."""
    return parse_time(end) - parse_time(start)


# -- the advertiser's side --------------------------------------------------------------------


def tt_video_info(sandbox: Sandbox, auth_code: str) -> dict[str, Any]:
    """`tt_video/info/` for the sandbox's advertiser."""
    return sandbox.get("tt_video/info/", advertiser_id=sandbox.advertiser_id, auth_code=auth_code)


def tt_video_list(sandbox: Sandbox) -> list[dict[str, Any]]:
    """Every post linked to the sandbox's advertiser (one page of 50)."""
    body = sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id, page_size=50)
    assert body["code"] == 0, body
    return body["data"]["list"]


def linked_ids(sandbox: Sandbox) -> list[str]:
    """Item ids `tt_video/list/` shows for the sandbox's advertiser."""
    return [post["item_info"]["item_id"] for post in tt_video_list(sandbox)]


# -- "nothing changed" ------------------------------------------------------------------------


def world_of(sandbox: Sandbox) -> tuple[World, Any]:
    """The sandbox's whole stored world (every creator, post, code, link, identity) and clock."""
    store = sandbox.client.application.extensions["mockads"].store
    with store.unit_of_work(read_only=True) as uow:
        stored = uow.sandboxes.get(sandbox.sandbox_id)
        assert stored is not None
        return uow.world(sandbox.sandbox_id).export(), stored.clock


@contextmanager
def unchanged(sandbox: Sandbox) -> Iterator[None]:
    """Assert that the block changes nothing the sandbox stores (its exported world and clock)."""
    before = world_of(sandbox)
    yield
    assert world_of(sandbox) == before
