"""How the security matrix calls every control-plane route and every trainer page.

A `Stage` is a sandbox with what the routes name (a ready creator, posts with Ad authorization
on, a code, an ad waiting for review, a delivering Spark ad), each made on first use through the
routes themselves. A recipe turns a stage into one call that succeeds when it is allowed. A
route added to the contract (or a trainer page added to the console) without a recipe fails the
matrix until one is written here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from flask import Flask

from mockads.testing import CONTROL, Creator, Sandbox
from tests.api.helpers import ready_code
from tests.api.security_mirror import RECIPES, fill, send

__all__ = [
    "CONTROL_RECIPES",
    "TRAINER_PATH",
    "TRAINER_RECIPES",
    "Call",
    "Stage",
    "bare",
    "control_operations",
    "served_routes",
    "trainer_pages",
]

TRAINER_PATH = "/console/trainer"
_CONVERTER = re.compile(r"<(?:[^:>]+:)?([^>]+)>")
_names = (f"Matrix {n}" for n in itertools.count(1))


@dataclass(frozen=True)
class Call:
    """One request: a path (query included) and a JSON body, or a form for a console page."""

    path: str
    body: Any = None


@dataclass
class Stage:
    """A sandbox and the objects the recipes name, made on first use; `class_name` is the
    trainer's class the sandbox belongs to, for the trainer pages."""

    sandbox: Sandbox
    class_name: str | None = None
    _ads: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"/sandboxes/{self.sandbox.sandbox_id}"

    @cached_property
    def creator_id(self) -> str:
        """A creator who allows authorized posts and agreed to the terms."""
        return self.sandbox.creator().allow_authorized_posts().accept_ad_terms().creator_id

    def _post(self) -> Any:
        creator = Creator(self.sandbox, {"creator_id": self.creator_id})
        return creator.post(caption=next(_names), privacy="PUBLIC").switch_ad_authorization()

    @cached_property
    def item_id(self) -> str:
        """A public post with Ad authorization on and no code yet."""
        return self._post().item_id

    @cached_property
    def coded_item_id(self) -> str:
        """A public post with a valid code."""
        post = self._post()
        post.generate_code(days=30)
        return post.item_id

    @cached_property
    def auth_code(self) -> str:
        """A scenario code ready to link."""
        return ready_code(self.sandbox)

    @cached_property
    def spark_ad_id(self) -> str:
        """A Spark ad of the scenario that delivers (its post earns engagement)."""
        body = self.sandbox.get("ad/get/", advertiser_id=self.sandbox.advertiser_id)
        return next(a["ad_id"] for a in body["data"]["list"] if a["tiktok_item_id"])

    @cached_property
    def app(self) -> dict[str, Any]:
        """The scenario's app."""
        return self.sandbox.app()

    def new_app_id(self) -> str:
        """A new app of the sandbox; one per call."""
        return str(self.sandbox.step("POST", "/apps", _APP)["app_id"])

    def new_fault_id(self) -> str:
        """A new fault rule of the sandbox (a delay of a millisecond); one per call."""
        return self.sandbox.faults.add("tt_video/info/", latency_ms=1)

    def pending_ad_id(self) -> str:
        """A new ad waiting for review (the review policy becomes manual); one per call."""
        self.sandbox.step("PUT", "/review-policy", {"mode": "manual"})
        client, token = self.sandbox.client, self.sandbox.access_token
        values = {"advertiser_id": self.sandbox.advertiser_id}
        for operation, key in (
            ("POST /open_api/v1.3/campaign/create/", "campaign_id"),
            ("POST /open_api/v1.3/adgroup/create/", "adgroup_id"),
        ):
            params = fill(RECIPES[operation].params, values)
            params[f"{key.split('_')[0]}_name"] = next(_names)
            body = send(client, operation, params, token)
            assert body["code"] == 0, body
            values[key] = body["data"][key]
        identities = self.sandbox.get(
            "identity/get/", advertiser_id=values["advertiser_id"], identity_type="CUSTOMIZED_USER"
        )["data"]["identity_list"]
        videos = self.sandbox.get("file/video/ad/search/", advertiser_id=values["advertiser_id"])
        values["custom_identity_id"] = identities[0]["identity_id"]
        values["video_id"] = videos["data"]["list"][0]["video_id"]
        operation = "POST /open_api/v1.3/ad/create/"
        body = send(client, operation, fill(RECIPES[operation].params, values), token)
        assert body["code"] == 0, body
        return str(body["data"]["ad_ids"][0])


Recipe = Callable[[Stage], Call]
_APP = {"name": "Matrix app", "redirect_uris": ["https://matrix.example/callback"]}

#: "METHOD path" as the contract names it -> the call a stage makes of it.
CONTROL_RECIPES: dict[str, Recipe] = {
    "GET /_mockads/v1/health": lambda s: Call("/health"),
    "GET /_mockads/v1/sandboxes": lambda s: Call("/sandboxes"),
    "POST /_mockads/v1/sandboxes": lambda s: Call("/sandboxes", {"scenario": "default", "seed": 9}),
    "GET /_mockads/v1/sandboxes/{sandbox_id}": lambda s: Call(s.base),
    "DELETE /_mockads/v1/sandboxes/{sandbox_id}": lambda s: Call(s.base),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/reset": lambda s: Call(f"{s.base}/reset"),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/state": lambda s: Call(f"{s.base}/state"),
    "PUT /_mockads/v1/sandboxes/{sandbox_id}/state": lambda s: Call(
        f"{s.base}/state", s.sandbox.export_state()
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/clock": lambda s: Call(f"{s.base}/clock"),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/clock": lambda s: Call(
        f"{s.base}/clock", {"advance_seconds": 86_400}
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/apps": lambda s: Call(f"{s.base}/apps"),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/apps": lambda s: Call(f"{s.base}/apps", _APP),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/apps/{app_id}": lambda s: Call(
        f"{s.base}/apps/{s.app['app_id']}"
    ),
    "DELETE /_mockads/v1/sandboxes/{sandbox_id}/apps/{app_id}": lambda s: Call(
        f"{s.base}/apps/{s.new_app_id()}"
    ),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/apps/{app_id}/auth_codes": lambda s: Call(
        f"{s.base}/apps/{s.app['app_id']}/auth_codes",
        {"redirect_uri": s.app["redirect_uris"][0], "advertiser_ids": [s.sandbox.advertiser_id]},
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/creators": lambda s: Call(f"{s.base}/creators"),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/creators": lambda s: Call(f"{s.base}/creators", {}),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/creators/{creator_id}": lambda s: Call(
        f"{s.base}/creators/{s.creator_id}"
    ),
    "PATCH /_mockads/v1/sandboxes/{sandbox_id}/creators/{creator_id}": lambda s: Call(
        f"{s.base}/creators/{s.creator_id}", {"allow_authorized_posts": False}
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/creators/{creator_id}/posts": lambda s: Call(
        f"{s.base}/creators/{s.creator_id}/posts"
    ),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/creators/{creator_id}/posts": lambda s: Call(
        f"{s.base}/creators/{s.creator_id}/posts", {"caption": "Matrix post"}
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/posts/{item_id}": lambda s: Call(
        f"{s.base}/posts/{s.item_id}"
    ),
    "PATCH /_mockads/v1/sandboxes/{sandbox_id}/posts/{item_id}": lambda s: Call(
        f"{s.base}/posts/{s.item_id}", {"caption": "Matrix caption"}
    ),
    "DELETE /_mockads/v1/sandboxes/{sandbox_id}/posts/{item_id}": lambda s: Call(
        f"{s.base}/posts/{s.item_id}"
    ),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/posts/{item_id}/authorization": lambda s: Call(
        f"{s.base}/posts/{s.item_id}/authorization", {"days": 7}
    ),
    "DELETE /_mockads/v1/sandboxes/{sandbox_id}/posts/{item_id}/authorization": lambda s: Call(
        f"{s.base}/posts/{s.coded_item_id}/authorization"
    ),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/advertisers/{advertiser_id}/spark-posts/batch": (
        lambda s: Call(
            f"{s.base}/advertisers/{s.sandbox.advertiser_id}/spark-posts/batch",
            {"auth_codes": [s.auth_code]},
        )
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/review-policy": lambda s: Call(
        f"{s.base}/review-policy"
    ),
    "PUT /_mockads/v1/sandboxes/{sandbox_id}/review-policy": lambda s: Call(
        f"{s.base}/review-policy", {"mode": "manual"}
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/reviews": lambda s: Call(f"{s.base}/reviews"),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/reviews/{ad_id}": lambda s: Call(
        f"{s.base}/reviews/{s.pending_ad_id()}", {"decision": "approve"}
    ),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/ads/{ad_id}/engagement": lambda s: Call(
        f"{s.base}/ads/{s.spark_ad_id}/engagement", {"views": 100, "likes": 5}
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/faults": lambda s: Call(f"{s.base}/faults"),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/faults": lambda s: Call(
        f"{s.base}/faults", {"path": "tt_video/info/", "latency_ms": 1}
    ),
    "DELETE /_mockads/v1/sandboxes/{sandbox_id}/faults": lambda s: Call(f"{s.base}/faults"),
    "DELETE /_mockads/v1/sandboxes/{sandbox_id}/faults/{fault_id}": lambda s: Call(
        f"{s.base}/faults/{s.new_fault_id()}"
    ),
    "GET /_mockads/v1/sandboxes/{sandbox_id}/journal": lambda s: Call(f"{s.base}/journal"),
    "DELETE /_mockads/v1/sandboxes/{sandbox_id}/journal": lambda s: Call(f"{s.base}/journal"),
    "POST /_mockads/v1/sandboxes/{sandbox_id}/journal/verify": lambda s: Call(
        f"{s.base}/journal/verify", {"path": "tt_video/info/"}
    ),
}

#: "METHOD path" of a trainer page -> the call a stage (a sandbox of a class) makes of it.
TRAINER_RECIPES: dict[str, Recipe] = {
    "GET /console/trainer": lambda s: Call("/console/trainer"),
    "POST /console/trainer/classes": lambda s: Call(
        "/console/trainer/classes", {"class_name": next(_names), "names": "Ann\nBo"}
    ),
    "GET /console/trainer/classes/<class_name>/sheet": lambda s: Call(
        f"/console/trainer/classes/{s.class_name}/sheet"
    ),
    "POST /console/trainer/sandboxes/<sandbox_id>/reset": lambda s: Call(
        f"/console/trainer/sandboxes/{s.sandbox.sandbox_id}/reset", {}
    ),
    "POST /console/trainer/sandboxes/<sandbox_id>/clock": lambda s: Call(
        f"/console/trainer/sandboxes/{s.sandbox.sandbox_id}/clock", {"days": "7"}
    ),
    "POST /console/trainer/sandboxes/<sandbox_id>/open": lambda s: Call(
        f"/console/trainer/sandboxes/{s.sandbox.sandbox_id}/open", {}
    ),
    "GET /console/trainer/sandboxes/<sandbox_id>/reviews": lambda s: Call(
        f"/console/trainer/sandboxes/{s.sandbox.sandbox_id}/reviews"
    ),
    "POST /console/trainer/sandboxes/<sandbox_id>/reviews/<ad_id>": lambda s: Call(
        f"/console/trainer/sandboxes/{s.sandbox.sandbox_id}/reviews/{s.pending_ad_id()}",
        {"decision": "approve"},
    ),
}


def control_operations(spec: dict[str, Any]) -> list[str]:
    """Every control-plane operation of the contract, as "METHOD path"."""
    return sorted(
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        if path.startswith(CONTROL)
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )


def served_routes(app: Flask) -> set[str]:
    """Every route the app serves, as "METHOD rule" with bare variables (`<filename>`)."""
    return {
        f"{method} {bare(rule.rule)}"
        for rule in app.url_map.iter_rules()
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }


def trainer_pages(app: Flask) -> list[str]:
    """Every trainer page the app serves (the sign-in page aside), as "METHOD rule"."""
    return sorted(
        route
        for route in served_routes(app)
        if route.split(" ", 1)[1].startswith(TRAINER_PATH)
        and not route.endswith(f"{TRAINER_PATH}/sign-in")
    )


def bare(rule: str, value: str | None = None) -> str:
    """A rule's variables without their converters (`<path:filename>` -> `<filename>`), or
    each replaced by `value`."""
    return _CONVERTER.sub(lambda found: value or f"<{found.group(1)}>", rule)
