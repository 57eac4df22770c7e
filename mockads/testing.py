"""A pytest plugin (auto-loaded through the `pytest11` entry point) and a helper for tests.

Fixtures:
    mockads_app      one in-process mockads app per test session (in-memory SQLite)
    mockads_server   one real `mockads serve` per test session on a free port (`.url`)
    mockads_sandbox  a fresh sandbox per test, deleted afterwards: a `Sandbox` helper; in-process,
                     or on `mockads_server` when the test asks for it too (or `live=True`)

`@pytest.mark.mockads(scenario=, seed=, review=, frozen=, live=)` sets the sandbox's scenario and
seed, its review policy (`instant`, `delayed`, `manual`), stops its clock, or puts it on the live
server.

The helper reads like the Spark flows: `creator = sandbox.creator()`,
`creator.allow_authorized_posts().accept_ad_terms()`, `post = creator.post(caption=...)`,
`post.switch_ad_authorization(on=True)`, `code = post.generate_code(days=30)`,
`sandbox.clock.advance(days=31)`, `sandbox.reviews.approve(ad_id)`. `connect(url)` gives the same
helper over HTTP against any running mockads, from a plain script as well as from pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from json import dumps as _dumps
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pytest

if TYPE_CHECKING:
    from flask import Flask
    from flask.testing import FlaskClient

__all__ = [
    "Clock",
    "ControlError",
    "Creator",
    "HttpClient",
    "LiveServer",
    "Post",
    "Reviews",
    "Sandbox",
    "connect",
    "mockads_app",
    "mockads_sandbox",
    "mockads_server",
]

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
    creator app, clock and reviews of its control plane."""

    client: FlaskClient | HttpClient
    summary: dict[str, Any]
    clock: Clock = field(init=False)
    reviews: Reviews = field(init=False)

    def __post_init__(self) -> None:
        self.clock = Clock(self)
        self.reviews = Reviews(self)

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


class _Answer:
    """What `HttpClient` gives back: the status and the JSON body, as Flask's test client."""

    def __init__(self, status: int, raw: bytes) -> None:
        self.status_code = status
        self._raw = raw

    def get_json(self) -> Any:
        return json.loads(self._raw) if self._raw else None


class HttpClient:
    """The calls `Sandbox` makes, over HTTP to a running mockads (standard library only)."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def open(
        self,
        path: str,
        method: str = "GET",
        json: Any = None,
        query_string: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> _Answer:
        url = self.base_url + path + (f"?{urlencode(query_string)}" if query_string else "")
        data = None if json is None else _dumps(json).encode()
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _Answer(response.status, response.read())
        except urllib.error.HTTPError as error:
            with error:
                return _Answer(error.code, error.read())

    def get(self, path: str, **kwargs: Any) -> _Answer:
        return self.open(path, "GET", **kwargs)

    def post(self, path: str, **kwargs: Any) -> _Answer:
        return self.open(path, "POST", **kwargs)

    def delete(self, path: str, **kwargs: Any) -> _Answer:
        return self.open(path, "DELETE", **kwargs)


def connect(url: str, *, scenario: str = "default", seed: int = 1) -> Sandbox:
    """A new sandbox on the mockads at `url` (e.g. `http://127.0.0.1:8765`), with the helper."""
    client = HttpClient(url)
    answer = client.post(f"{CONTROL}/sandboxes", json={"scenario": scenario, "seed": seed})
    if answer.status_code != 201:
        raise ControlError(answer.status_code, (answer.get_json() or {}).get("error", {}))
    return Sandbox(client, answer.get_json())


@pytest.fixture(scope="session")
def mockads_app() -> Flask:
    """An in-process mockads app with an in-memory store."""
    from mockads.app import create_app
    from mockads.settings import Settings

    return create_app(Settings(db="sqlite://"))


@dataclass
class LiveServer:
    """A `mockads serve` process: its URL and what it printed at start."""

    url: str
    banner: str
    process: subprocess.Popen[bytes]


#: How long `mockads serve` may take to print its banner.
STARTUP_SECONDS = 30.0


@pytest.fixture(scope="session")
def mockads_server() -> Iterator[LiveServer]:
    """A real `mockads serve` on 127.0.0.1 and a free port, for the whole session."""
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mockads", "serve", "--port", "0"],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield _started(process, output)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _started(process: subprocess.Popen[bytes], output: Any) -> LiveServer:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        output.seek(0)
        text = output.read().decode(errors="replace")
        for line in text.splitlines():
            if line.startswith("mockads serving on "):
                return LiveServer(line.removeprefix("mockads serving on ").strip(), text, process)
        if process.poll() is not None:
            raise RuntimeError(f"mockads serve exited:\n{text}")
        time.sleep(0.05)
    raise RuntimeError("mockads serve printed no banner in time")


@pytest.fixture
def mockads_sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """A new sandbox: scenario `default`, seed 1, or `@pytest.mark.mockads(...)`; on the live
    server when the test also uses `mockads_server` (or `live=True`), else in-process."""
    marker = request.node.get_closest_marker("mockads")
    options = {"scenario": "default", "seed": 1, **(marker.kwargs if marker else {})}
    review, frozen = options.pop("review", None), options.pop("frozen", False)
    live = options.pop("live", False) or "mockads_server" in request.fixturenames
    if live:
        server: LiveServer = request.getfixturevalue("mockads_server")
        sandbox = connect(server.url, scenario=options["scenario"], seed=options["seed"])
    else:
        client = request.getfixturevalue("mockads_app").test_client()
        response = client.post(f"{CONTROL}/sandboxes", json=options)
        assert response.status_code == 201, response.get_data(as_text=True)
        sandbox = Sandbox(client, response.get_json())
    if review is not None:
        sandbox.step("PUT", "/review-policy", {"mode": review})
    if frozen:
        sandbox.clock.freeze()
    yield sandbox
    sandbox.client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def pytest_configure(config: pytest.Config) -> None:
    """Register the `mockads` marker."""
    config.addinivalue_line(
        "markers", "mockads(scenario, seed, review, frozen, live): options of mockads_sandbox"
    )
