"""Helpers of the ad suites: creatives of every kind, ad/* calls, the clock, "nothing changed".

Spark posts come from the creator app (`tests.api.lifecycle_helpers`) and are linked with
`tt_video/authorize/`, so every code is in a state the test knows; the library video and the
custom identity are the ones the default scenario's non-Spark ad uses.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mockads.testing import Sandbox
from tests.api.lifecycle_helpers import call, new_code, ready_creator, world_of

__all__ = [
    "ALL",
    "ad_of",
    "ads_of",
    "advance",
    "brand_posts",
    "create",
    "created",
    "identity_of",
    "library_creative",
    "linked_spark_post",
    "nothing_changes",
    "refusal",
    "seeded",
    "set_policy",
    "set_status",
    "spark_creative",
    "total",
]

ALL = {"primary_status": "STATUS_ALL"}
_names = (f"Ad {n}" for n in itertools.count(1))


# -- what the default scenario holds ----------------------------------------------------------


def ads_of(sandbox: Sandbox, **filtering: Any) -> list[dict[str, Any]]:
    """The advertiser's ads (every status unless `primary_status` says otherwise)."""
    body = sandbox.get(
        "ad/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering={**ALL, **filtering},
        page_size=1000,
    )
    assert body["code"] == 0, body
    return body["data"]["list"]


def ad_of(sandbox: Sandbox, ad_id: str) -> dict[str, Any]:
    """One ad as `ad/get/` shows it."""
    (ad,) = ads_of(sandbox, ad_ids=[ad_id])
    return ad


def total(sandbox: Sandbox, primary_status: str = "STATUS_NOT_DELETE") -> int:
    """`page_info.total_number` of `ad/get/` (one ad read, whatever the count)."""
    body = sandbox.get(
        "ad/get/",
        advertiser_id=sandbox.advertiser_id,
        filtering={"primary_status": primary_status},
        page_size=1,
    )
    assert body["code"] == 0, body
    return body["data"]["page_info"]["total_number"]


def seeded(sandbox: Sandbox, identity_type: str) -> dict[str, Any]:
    """The scenario's first ad of that identity type."""
    return next(a for a in ads_of(sandbox) if a["identity_type"] == identity_type)


def identity_of(sandbox: Sandbox, identity_type: str) -> dict[str, Any]:
    """The first identity of that type `identity/get/` lists for the advertiser."""
    body = sandbox.get(
        "identity/get/", advertiser_id=sandbox.advertiser_id, identity_type=identity_type
    )
    assert body["code"] == 0, body
    return body["data"]["identity_list"][0]


def brand_posts(sandbox: Sandbox, identity: dict[str, Any]) -> list[dict[str, Any]]:
    """Posts of a TT_USER / BC_AUTH_TT account, from `identity/video/get/`."""
    params = {
        "advertiser_id": sandbox.advertiser_id,
        "identity_type": identity["identity_type"],
        "identity_id": identity["identity_id"],
    }
    if identity["identity_authorized_bc_id"]:
        params["identity_authorized_bc_id"] = identity["identity_authorized_bc_id"]
    body = sandbox.get("identity/video/get/", **params)
    assert body["code"] == 0, body
    return body["data"]["video_list"]


def linked_spark_post(sandbox: Sandbox, caption: str, days: int = 30) -> dict[str, Any]:
    """A new creator's new post, its code linked to the advertiser with `tt_video/authorize/`.

    Returns the code (`auth_code`, `item_id`, `auth_end_time`, ...) plus `caption` and the
    creator's `identity_id` as `identity/get/` lists it for AUTH_CODE.
    """
    creator = ready_creator(sandbox)
    code = new_code(sandbox, creator["creator_id"], caption, days)
    linked = sandbox.post(
        "tt_video/authorize/",
        {"advertiser_id": sandbox.advertiser_id, "auth_code": code["auth_code"]},
    )
    assert linked["code"] == 0, linked
    body = sandbox.get(
        "identity/get/", advertiser_id=sandbox.advertiser_id, identity_type="AUTH_CODE"
    )
    listed = {i["identity_id"] for i in body["data"]["identity_list"]}
    assert creator["identity_id"] in listed
    return {**code, "caption": caption, "identity_id": creator["identity_id"]}


# -- creatives --------------------------------------------------------------------------------


def spark_creative(
    identity_type: str, identity_id: str, item_id: str, **fields: Any
) -> dict[str, Any]:
    """A Spark creative promoting an existing post (no ad_text: the caption is used)."""
    return {
        "ad_name": next(_names),
        "identity_type": identity_type,
        "identity_id": identity_id,
        "tiktok_item_id": item_id,
        **fields,
    }


def library_creative(sandbox: Sandbox, **fields: Any) -> dict[str, Any]:
    """A non-Spark creative: the custom identity and library video of the scenario's non-Spark
    ad (unless `identity_id` and `video_id` are given), its own text."""
    creative = {
        "ad_name": next(_names),
        "identity_type": "CUSTOMIZED_USER",
        "ad_text": "Spring collection. Shop now!",
        **fields,
    }
    if "identity_id" not in fields or "video_id" not in fields:
        existing = seeded(sandbox, "CUSTOMIZED_USER")
        creative.setdefault("identity_id", existing["identity_id"])
        creative.setdefault("video_id", existing["video_id"])
    return creative


# -- ad/* calls -------------------------------------------------------------------------------


def create(sandbox: Sandbox, adgroup_id: str, *creatives: dict[str, Any]) -> dict[str, Any]:
    """`ad/create/` with these creatives; the whole envelope."""
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "adgroup_id": adgroup_id,
        "creatives": list(creatives),
    }
    return sandbox.post("ad/create/", body)


def created(sandbox: Sandbox, adgroup_id: str, *creatives: dict[str, Any]) -> list[str]:
    """Ids of ads that must be created."""
    body = create(sandbox, adgroup_id, *creatives)
    assert (body["code"], body["message"]) == (0, "OK"), body
    assert len(body["data"]["ad_ids"]) == len(creatives)
    return body["data"]["ad_ids"]


def set_status(sandbox: Sandbox, ad_ids: list[str], status: str) -> dict[str, Any]:
    """`ad/status/update/`; the whole envelope."""
    body = {"advertiser_id": sandbox.advertiser_id, "ad_ids": ad_ids, "operation_status": status}
    return sandbox.post("ad/status/update/", body)


def refusal(body: dict[str, Any], code: int, start: str) -> str:
    """Assert an error envelope whose message starts with `start`; the message."""
    assert body["code"] == code, body
    assert body["message"].startswith(start), body["message"]
    assert body["data"] == {}
    return body["message"]


# -- control plane ----------------------------------------------------------------------------


def advance(sandbox: Sandbox, seconds: float) -> None:
    """Move the sandbox clock forward."""
    status, body = call(sandbox, "POST", "/clock", {"advance_seconds": seconds})
    assert status == 200, body


def set_policy(sandbox: Sandbox, **policy: Any) -> dict[str, Any]:
    """PUT the review policy; the policy the sandbox answers with."""
    status, body = call(sandbox, "PUT", "/review-policy", policy)
    assert status == 200, body
    return body


@contextmanager
def nothing_changes(sandbox: Sandbox) -> Iterator[None]:
    """Assert that the block changes no ad (deleted ones included) and nothing else stored."""
    before = ads_of(sandbox), world_of(sandbox)
    yield
    assert ads_of(sandbox) == before[0]
    assert world_of(sandbox) == before[1]
