"""The helper a test holds: a sandbox, its creators and posts, its clock and reviewer."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockads.testing.faults import Faults
from mockads.testing.journal import Journal

if TYPE_CHECKING:
    from flask.testing import FlaskClient

    from mockads.testing.http import HttpClient

__all__ = ["CONTROL", "MIRROR", "Clock", "ControlError", "Creator", "Post", "Reviews", "Sandbox"]

MIRROR = "/open_api/v1.3"
CONTROL = "/_mockads/v1"


class ControlError(Exception):
    """The control plane refused a step (the app's refusal, an unknown id...): its HTTP status
    and `error` object (`code`, `message`, `details`)."""

    def __init__(self, status: int, error: dict[str, Any]) -> None:
        super().__init__(f"{status} {error.get('code')}: {error.get('message')}")
        self.status = status
        self.code = error.get("code")
        self.error = error


@dataclass
class Sandbox:
    """A sandbox seen from a test: its summary, calls to the mirror with its token, and the
    creator app, clock, reviews, faults and journal of its control plane."""

    client: FlaskClient | HttpClient
    summary: dict[str, Any]
    clock: Clock = field(init=False)
    reviews: Reviews = field(init=False)
    faults: Faults = field(init=False)
    journal: Journal = field(init=False)

    def __post_init__(self) -> None:
        self.clock = Clock(self)
        self.reviews = Reviews(self)
        self.faults = Faults(self)
        self.journal = Journal(self)

    @property
    def sandbox_id(self) -> str:
        return self.summary["sandbox_id"]

    @property
    def access_token(self) -> str:
        return self.summary["access_token"]

    @property
    def advertiser_id(self) -> str:
        return self.summary["advertiser_ids"][0]

    @property
    def base_url(self) -> str | None:
        """Where a client under test is pointed: the live server's URL (None in-process)."""
        return getattr(self.client, "base_url", None)

    def codes(self, status: str = "AUTHORIZED", *, linked: bool | None = False) -> list[str]:
        """Sample codes in a state (`linked=None`: linked or not)."""
        return [
            c["auth_code"]
            for c in self.summary["sample_codes"]
            if c["ad_auth_status"] == status and (linked is None or c["linked"] == linked)
        ]

    def app(self) -> dict[str, Any]:
        """The app the sandbox was made with (every scenario ships one): `app_id`, `name`,
        `secret`, `redirect_uris`."""
        return self.summary["apps"][0]  # type: ignore[no-any-return]

    def connect_app(
        self, advertiser_ids: list[str] | None = None, scopes: list[str] | None = None
    ) -> dict[str, Any]:
        """Onboard the sandbox's app as its advertiser would (consent, then the code exchange):
        the `data` of `oauth2/access_token/` (`access_token`, `advertiser_ids`, `scope`).
        Every ad account and permission group unless named."""
        app = self.app()
        consent: dict[str, Any] = {
            "redirect_uri": app["redirect_uris"][0],
            "advertiser_ids": advertiser_ids or self.summary["advertiser_ids"],
        }
        if scopes is not None:
            consent["scopes"] = scopes
        code = self.step("POST", f"/apps/{app['app_id']}/auth_codes", consent)["auth_code"]
        body = self.post(
            "oauth2/access_token/",
            {"app_id": app["app_id"], "secret": app["secret"], "auth_code": code},
        )
        return body["data"]  # type: ignore[no-any-return]

    def get(self, path: str, **params: Any) -> dict[str, Any]:
        """GET a mirror path; lists and dicts are JSON-encoded as the real clients do."""
        query = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
        response = self.client.get(
            f"{MIRROR}/{path}", query_string=query, headers={"Access-Token": self.access_token}
        )
        return response.get_json()

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST a JSON body to a mirror path."""
        response = self.client.post(
            f"{MIRROR}/{path}", json=body, headers={"Access-Token": self.access_token}
        )
        return response.get_json()

    def control(self, method: str, path: str = "", body: Any = None) -> Any:
        """Call this sandbox's control-plane resource (`path` below `/sandboxes/{id}`)."""
        response = self.client.open(
            f"{CONTROL}/sandboxes/{self.sandbox_id}{path}", method=method, json=body
        )
        return response.get_json()

    def step(self, method: str, path: str, body: Any = None) -> Any:
        """A control-plane call that must succeed: its answer, or ControlError."""
        response = self.client.open(
            f"{CONTROL}/sandboxes/{self.sandbox_id}{path}", method=method, json=body
        )
        answer = response.get_json()
        if response.status_code >= 400:
            raise ControlError(response.status_code, (answer or {}).get("error", {}))
        return answer

    def export_state(self) -> dict[str, Any]:
        """The whole sandbox as its state document (`GET .../state`)."""
        return json.loads(self.state_bytes())

    def state_bytes(self) -> bytes:
        """The state document, byte for byte as the server encodes it."""
        from mockads.testing.state import state_bytes

        return state_bytes(self.client, self.sandbox_id)

    def save_state(self, path: str | os.PathLike[str]) -> Path:
        """Write the state document to a file (byte for byte as served); the path."""
        target = Path(path)
        target.write_bytes(self.state_bytes())
        return target

    def import_state(self, state: Mapping[str, Any] | str | os.PathLike[str]) -> Sandbox:
        """Replace this sandbox's world, clock and policy with a state document or file (the
        token stays); this sandbox, its summary refreshed."""
        from mockads.testing.state import put_state

        self.summary = put_state(self.client, state, self.sandbox_id)
        return self

    def creator(self, **fields: Any) -> Creator:
        """A new TikTok account; every field optional (the sandbox's seed makes up the rest)."""
        return Creator(self, self.step("POST", "/creators", fields))


@dataclass
class Creator:
    """A creator in the TikTok app: their settings and their posts."""

    sandbox: Sandbox
    data: dict[str, Any]

    @property
    def creator_id(self) -> str:
        return self.data["creator_id"]

    @property
    def handle(self) -> str:
        return self.data["handle"]

    def _settings(self, **changes: bool) -> Creator:
        self.data = self.sandbox.step("PATCH", f"/creators/{self.creator_id}", changes)
        return self

    def allow_authorized_posts(self, on: bool = True) -> Creator:
        """Settings and privacy → allow authorized posts."""
        return self._settings(allow_authorized_posts=on)

    def accept_ad_terms(self) -> Creator:
        """Agree to the Advertising Content Terms."""
        return self._settings(accepted_ad_terms=True)

    def post(self, caption: str | None = None, **fields: Any) -> Post:
        """Publish a post (`privacy`, `item_type`, `duet_of`, `stitch_of`); no caption: one is
        made up."""
        body = {**fields, **({"caption": caption} if caption is not None else {})}
        return Post(
            self.sandbox, self.sandbox.step("POST", f"/creators/{self.creator_id}/posts", body)
        )


@dataclass
class Post:
    """A post in the TikTok app and its Ad settings."""

    sandbox: Sandbox
    data: dict[str, Any]

    @property
    def item_id(self) -> str:
        return self.data["item_id"]

    def _edit(self, **changes: Any) -> Post:
        self.data = self.sandbox.step("PATCH", f"/posts/{self.item_id}", changes)
        return self

    def switch_ad_authorization(self, on: bool = True) -> Post:
        """Ad settings → the Ad authorization toggle (off cancels the valid code)."""
        return self._edit(ad_authorization=on)

    def generate_code(self, days: int = 30) -> str:
        """Ad settings → choose the period → Generate code: the code."""
        answer = self.sandbox.step("POST", f"/posts/{self.item_id}/authorization", {"days": days})
        return answer["auth_code"]

    def edit_caption(self, caption: str) -> Post:
        """Edit the caption (locked while a code authorizes the post)."""
        return self._edit(caption=caption)

    def set_privacy(self, privacy: str) -> Post:
        """Who can watch: PUBLIC, FRIENDS or PRIVATE."""
        return self._edit(privacy=privacy)


@dataclass
class Clock:
    """The sandbox clock: codes expire and schedules run by it."""

    sandbox: Sandbox

    def now(self) -> str:
        """The sandbox time, `YYYY-MM-DD HH:MM:SS` UTC."""
        return self.sandbox.step("GET", "/clock")["now"]

    def advance(self, days: float = 0, hours: float = 0, seconds: float = 0) -> str:
        """Move the clock forward; the new time."""
        advance = days * 86_400 + hours * 3_600 + seconds
        return self.sandbox.step("POST", "/clock", {"advance_seconds": advance})["now"]

    def freeze(self) -> str:
        """Stop the clock; its reading."""
        return self.sandbox.step("POST", "/clock", {"frozen": True})["now"]


@dataclass
class Reviews:
    """The ad reviewer: what waits, and decisions."""

    sandbox: Sandbox

    def pending(self) -> list[str]:
        """Ids of the ads in review."""
        answer = self.sandbox.step("GET", "/reviews?status=IN_REVIEW")
        return [review["ad_id"] for review in answer["reviews"]]

    def approve(self, ad_id: str) -> dict[str, Any]:
        return self.sandbox.step("POST", f"/reviews/{ad_id}", {"decision": "approve"})

    def reject(self, ad_id: str, reason: str | None = None) -> dict[str, Any]:
        body = {"decision": "reject", **({"reason": reason} if reason else {})}
        return self.sandbox.step("POST", f"/reviews/{ad_id}", body)
