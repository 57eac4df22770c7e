"""Two `mockads serve` processes sharing one database, and a sandbox seen through both.

The concurrency suites race clients against such a pair: racer `i` talks to process `i % 2`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mockads.domain.model import Advertiser
from mockads.store import create_store
from tests.e2e.conftest import ok
from tests.e2e.processes import ServeProcess, database_url, start_together

__all__ = [
    "CONTROL",
    "MIRROR",
    "Sandbox",
    "Shared",
    "add_advertisers",
    "authorize",
    "created",
    "linked_posts",
    "new_code",
    "new_sandbox",
    "ready_creator",
    "two_servers",
]

MIRROR = "/open_api/v1.3"
CONTROL = "/_mockads/v1"
_handles = itertools.count(1)


@dataclass
class Shared:
    """Two server processes on one database, and its URL."""

    url: str
    servers: tuple[ServeProcess, ServeProcess]

    def on(self, index: int) -> ServeProcess:
        """The process racer `index` talks to (they alternate)."""
        return self.servers[index % 2]


@contextmanager
def two_servers(backend: str, directory: Path) -> Iterator[Shared]:
    """Two processes serving one new database of that backend (skipped without PostgreSQL)."""
    url = database_url(backend, directory)
    first, second = start_together(url, 2)
    try:
        yield Shared(url, (first, second))
    finally:
        first.stop()
        second.stop()


@dataclass
class Sandbox:
    """A sandbox of this test: its summary, with calls through either process."""

    shared: Shared
    summary: dict[str, Any]

    @property
    def advertiser_id(self) -> str:
        return self.summary["advertiser_ids"][0]

    def mirror(self, path: str, body: dict[str, Any], via: int = 0) -> dict[str, Any]:
        """The whole envelope of a mirror POST."""
        token = self.summary["access_token"]
        status, answer = self.shared.on(via).call("POST", f"{MIRROR}/{path}", body, token=token)
        assert status == 200, answer
        return answer

    def read(self, path: str, via: int = 0, **query: Any) -> Any:
        """The data of a successful mirror GET."""
        token = self.summary["access_token"]
        return ok(self.shared.on(via).call("GET", f"{MIRROR}/{path}", token=token, **query))

    def read_envelope(self, path: str, via: int = 0, **query: Any) -> dict[str, Any]:
        """The whole envelope of a mirror GET (whatever its code)."""
        token = self.summary["access_token"]
        status, answer = self.shared.on(via).call("GET", f"{MIRROR}/{path}", token=token, **query)
        assert status == 200, answer
        return answer

    def control(self, method: str, path: str, body: Any = None, via: int = 0) -> tuple[int, Any]:
        """A call below `/sandboxes/{sid}`."""
        full = f"{CONTROL}/sandboxes/{self.summary['sandbox_id']}{path}"
        return self.shared.on(via).call(method, full, body)


@contextmanager
def new_sandbox(shared: Shared, **body: Any) -> Iterator[Sandbox]:
    """A sandbox made through the first process, deleted through the second afterwards."""
    made = ok(shared.on(0).call("POST", f"{CONTROL}/sandboxes", body), 201)
    try:
        yield Sandbox(shared, made)
    finally:
        shared.on(1).call("DELETE", f"{CONTROL}/sandboxes/{made['sandbox_id']}")


def spark_ad_body(sandbox: Sandbox) -> dict[str, Any]:
    """An `ad/create/` body of one Spark ad (`racer`) in the sandbox's only ad group, through its
    only AUTH_CODE identity and linked post: the near-cap scenario's shape, for cap races."""
    adv = sandbox.advertiser_id
    (adgroup,) = sandbox.read("adgroup/get/", advertiser_id=adv)["list"]
    identities = sandbox.read("identity/get/", advertiser_id=adv, identity_type="AUTH_CODE")
    (identity,) = identities["identity_list"]
    (post,) = sandbox.read("tt_video/list/", advertiser_id=adv)["list"]
    creative = {
        "ad_name": "racer",
        "identity_type": "AUTH_CODE",
        "identity_id": identity["identity_id"],
        "tiktok_item_id": post["item_info"]["item_id"],
    }
    return {"advertiser_id": adv, "adgroup_id": adgroup["adgroup_id"], "creatives": [creative]}


def created(answer: dict[str, Any]) -> dict[str, Any]:
    """The data of a mirror envelope that must say code 0."""
    assert answer["code"] == 0, answer
    return answer["data"]


# -- Spark posts ------------------------------------------------------------------------------


def add_advertisers(shared: Shared, sandbox: Sandbox, count: int) -> list[str]:
    """More ad accounts under the sandbox's token (no scenario holds several): copies of the
    first, written straight into the shared database."""
    store = create_store(shared.url)
    try:
        with store.unit_of_work() as uow:
            world = uow.world(sandbox.summary["sandbox_id"])
            (first,) = world.advertisers([sandbox.advertiser_id])
            added: list[Advertiser] = [
                replace(first, advertiser_id=str(int(first.advertiser_id) + n), name=f"copy {n}")
                for n in range(1, count + 1)
            ]
            for advertiser in added:
                world.add(advertiser)
    finally:
        store.dispose()
    return [a.advertiser_id for a in added]


def ready_creator(sandbox: Sandbox) -> str:
    """A new creator who allows authorized posts and agreed to the terms; its id."""
    status, creator = sandbox.control("POST", "/creators", {"handle": f"racer.{next(_handles)}"})
    assert status == 201, creator
    ready = {"allow_authorized_posts": True, "accepted_ad_terms": True}
    assert sandbox.control("PATCH", f"/creators/{creator['creator_id']}", ready)[0] == 200
    return creator["creator_id"]


def new_code(sandbox: Sandbox, creator_id: str) -> tuple[str, str]:
    """A new public post of the creator and its fresh 30-day code: (item_id, auth_code)."""
    status, post = sandbox.control("POST", f"/creators/{creator_id}/posts", {"caption": "race"})
    assert status == 201, post
    item_id = post["item_id"]
    assert sandbox.control("PATCH", f"/posts/{item_id}", {"ad_authorization": True})[0] == 200
    status, code = sandbox.control("POST", f"/posts/{item_id}/authorization", {"days": 30})
    assert status == 201, code
    return item_id, code["auth_code"]


def linked_posts(sandbox: Sandbox, advertiser_id: str) -> dict[str, dict[str, Any]]:
    """The advertiser's linked posts by item id."""
    listed = sandbox.read("tt_video/list/", advertiser_id=advertiser_id, page_size=50)["list"]
    return {p["item_info"]["item_id"]: p for p in listed}


def authorize(sandbox: Sandbox, advertiser_id: str, auth_code: str, via: int) -> dict[str, Any]:
    """`tt_video/authorize/` through process `via`: the whole envelope."""
    body = {"advertiser_id": advertiser_id, "auth_code": auth_code}
    return sandbox.mirror("tt_video/authorize/", body, via=via)
