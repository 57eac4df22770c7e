"""A Spark code authorizes one ad account: another advertiser linking it is refused.

`[AUTH_CODE_USED_BY_ANOTHER_ACCOUNT]` (40002) on `tt_video/authorize/` and in the batch, for a
code another ad account linked with (as the post's code or as a Duet/Stitch's original code),
until that account unlinks the post. No scenario holds two advertisers, so the second one is
added to the sandbox's store directly.
"""

from __future__ import annotations

from dataclasses import replace

from mockads.domain.model import Advertiser
from mockads.testing import Sandbox
from tests.api.lifecycle_helpers import (
    call,
    linked_ids,
    new_code,
    ready_creator,
    spark_refusal,
    unchanged,
)

REASON = "AUTH_CODE_USED_BY_ANOTHER_ACCOUNT"


def _second_advertiser(sandbox: Sandbox) -> str:
    """Another ad account in the sandbox (same token), a copy of the first under a new id."""
    store = sandbox.client.application.extensions["mockads"].store
    with store.unit_of_work() as uow:
        world = uow.world(sandbox.sandbox_id)
        (first,) = world.advertisers([sandbox.advertiser_id])
        other: Advertiser = replace(
            first, advertiser_id=str(int(first.advertiser_id) + 1), name=f"{first.name} B"
        )
        world.add(other)
    return other.advertiser_id


def _authorize(sandbox: Sandbox, advertiser_id: str, auth_code: str, **extra: str):
    body = {"advertiser_id": advertiser_id, "auth_code": auth_code, **extra}
    return sandbox.post("tt_video/authorize/", body)


def _fresh_code(sandbox: Sandbox, **post: str) -> dict:
    return new_code(sandbox, ready_creator(sandbox)["creator_id"], "one account per code", **post)


def _link_first(sandbox: Sandbox, auth_code: str, **extra: str) -> None:
    """Link the code to the sandbox's first advertiser."""
    body = _authorize(sandbox, sandbox.advertiser_id, auth_code, **extra)
    assert body["code"] == 0, body


def _linked_to(sandbox: Sandbox, advertiser_id: str) -> list[str]:
    body = sandbox.get("tt_video/list/", advertiser_id=advertiser_id, page_size=50)
    assert body["code"] == 0, body
    return [post["item_info"]["item_id"] for post in body["data"]["list"]]


def test_tt_video_authorize_refuses_a_code_another_ad_account_linked_with(mockads_sandbox):
    other = _second_advertiser(mockads_sandbox)
    code = _fresh_code(mockads_sandbox)
    assert (
        _authorize(mockads_sandbox, mockads_sandbox.advertiser_id, code["auth_code"])["code"] == 0
    )
    with unchanged(mockads_sandbox):
        message = spark_refusal(_authorize(mockads_sandbox, other, code["auth_code"]), REASON)
    assert message == (
        f"[{REASON}] auth_code: this code already authorizes another ad account; "
        "a code authorizes one only."
    )
    assert code["item_id"] not in _linked_to(mockads_sandbox, other)
    assert code["item_id"] in linked_ids(mockads_sandbox)


def test_the_first_account_asking_again_still_hears_post_already_linked(mockads_sandbox):
    _second_advertiser(mockads_sandbox)
    code = _fresh_code(mockads_sandbox)["auth_code"]
    assert _authorize(mockads_sandbox, mockads_sandbox.advertiser_id, code)["code"] == 0
    again = _authorize(mockads_sandbox, mockads_sandbox.advertiser_id, code)
    spark_refusal(again, "POST_ALREADY_LINKED")


def test_tt_video_info_still_shows_the_post_to_another_account(mockads_sandbox):
    other = _second_advertiser(mockads_sandbox)
    code = _fresh_code(mockads_sandbox)
    assert (
        _authorize(mockads_sandbox, mockads_sandbox.advertiser_id, code["auth_code"])["code"] == 0
    )
    info = mockads_sandbox.get("tt_video/info/", advertiser_id=other, auth_code=code["auth_code"])
    assert info["code"] == 0, info
    assert info["data"]["item_info"]["item_id"] == code["item_id"]


def test_the_batch_reports_a_code_another_account_linked_with(mockads_sandbox):
    other = _second_advertiser(mockads_sandbox)
    taken, free = _fresh_code(mockads_sandbox), _fresh_code(mockads_sandbox)
    assert (
        _authorize(mockads_sandbox, mockads_sandbox.advertiser_id, taken["auth_code"])["code"] == 0
    )
    codes = [taken["auth_code"], free["auth_code"]]
    status, body = call(
        mockads_sandbox, "POST", f"/advertisers/{other}/spark-posts/batch", {"auth_codes": codes}
    )
    assert status == 200, body
    seen = [(r["auth_code"], r["status"], r["reason"]) for r in body["results"]]
    assert seen == [
        (taken["auth_code"], "FAILED", REASON),
        (free["auth_code"], "LINKED", None),
    ]
    assert _linked_to(mockads_sandbox, other) == [free["item_id"]]


def test_unlinking_frees_the_code_for_another_account(mockads_sandbox):
    other = _second_advertiser(mockads_sandbox)
    code = _fresh_code(mockads_sandbox)
    first = mockads_sandbox.advertiser_id
    assert _authorize(mockads_sandbox, first, code["auth_code"])["code"] == 0
    unbind = {"advertiser_id": first, "item_id": code["item_id"]}
    assert mockads_sandbox.post("tt_video/unbind/", unbind)["code"] == 0
    assert _authorize(mockads_sandbox, other, code["auth_code"])["code"] == 0
    assert _linked_to(mockads_sandbox, other) == [code["item_id"]]
    spark_refusal(_authorize(mockads_sandbox, first, code["auth_code"]), REASON)


def test_a_code_used_as_a_duets_original_code_is_taken_too(mockads_sandbox):
    """The first account links a Duet with the original post's code; the second account may
    not link the original post with that same code."""
    other = _second_advertiser(mockads_sandbox)
    original = _fresh_code(mockads_sandbox)
    duet = _fresh_code(mockads_sandbox, duet_of=original["item_id"])
    _link_first(mockads_sandbox, duet["auth_code"], original_post_auth_code=original["auth_code"])
    spark_refusal(_authorize(mockads_sandbox, other, original["auth_code"]), REASON)
