"""Every write a client was told succeeded survives SIGKILL of the server; none is half made.

Eight clients write over HTTP at once, each on its own objects: a library upload, then round
after round a campaign (created, then renamed), an ad group in it, a creator post, its code,
the link (`tt_video/authorize/`) and an `ad/create/` of two ads (a Spark ad through the link
and a library ad); a ninth client creates whole sandboxes. Once ACKS_BEFORE_KILL writes were
acknowledged the server gets SIGKILL while the clients keep sending, and is restarted on the
same database and media directory. Then:

- every acknowledged write reads back through the API as it was acknowledged (a campaign whose
  rename got no answer may show either name);
- a write that got no answer is there whole or not at all: both ads of an `ad/create/` or
  neither, a sandbox with its whole world or not at all;
- the database is sound: SQLite's `PRAGMA integrity_check` is "ok"; on both backends every row
  of every table reads back and no row lacks its parent (no ad without its ad group...).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mockads.media.files import SAMPLE_VIDEO
from tests.e2e.conftest import ok
from tests.e2e.processes import BACKENDS, NoAnswer, ServeProcess, database_url, orphans, start

pytestmark = pytest.mark.e2e

MIRROR = "/open_api/v1.3"
CONTROL = "/_mockads/v1"
CLIENTS = 8
ACKS_BEFORE_KILL = 150
SANDBOX_SEED = 4


@dataclass
class Ledger:
    """Writes the server acknowledged, as (kind, key, value) facts, in the order answered."""

    acks: list[tuple[str, str, Any]] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)  # the request each client lost to the kill
    failures: list[BaseException] = field(default_factory=list)
    enough: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def ack(self, kind: str, key: str, value: Any = None) -> None:
        with self._lock:
            self.acks.append((kind, key, value))
            if len(self.acks) >= ACKS_BEFORE_KILL:
                self.enough.set()

    def of(self, kind: str) -> list[tuple[str, Any]]:
        return [(key, value) for k, key, value in self.acks if k == kind]


@dataclass
class World:
    """What the clients share: the sandbox, its advertiser and custom identity."""

    sandbox_id: str
    advertiser_id: str
    custom_identity_id: str


class Writer:
    """One client: its own creator and objects, writing until the server stops answering."""

    def __init__(self, server: ServeProcess, world: World, index: int, ledger: Ledger) -> None:
        self.server, self.world, self.index, self.ledger = server, world, index, ledger
        sandbox = f"{CONTROL}/sandboxes/{world.sandbox_id}"
        handle = {"handle": f"durable.{index}"}
        creator = ok(server.call("POST", f"{sandbox}/creators", handle), 201)
        ready = {"allow_authorized_posts": True, "accepted_ad_terms": True}
        ok(server.call("PATCH", f"{sandbox}/creators/{creator['creator_id']}", ready))
        self.creator = creator
        self.sandbox = sandbox
        self.request = ""

    def run(self) -> None:
        try:
            video_id = self._upload()
            for n in range(10_000):
                self._round(n, video_id)
        except NoAnswer:
            self.ledger.cut.append(self.request)
        except BaseException as error:  # reported by the test's thread
            self.ledger.failures.append(error)

    def _mirror(self, path: str, body: dict[str, Any]) -> Any:
        self.request = path
        return ok(self.server.call("POST", f"{MIRROR}/{path}", body))

    def _control(self, method: str, path: str, body: Any, status: int = 200) -> Any:
        self.request = path
        return ok(self.server.call(method, f"{self.sandbox}{path}", body), status)

    def _upload(self) -> str:
        self.request = "file/video/ad/upload/"
        name = f"durable-{self.index}.mp4"
        (video,) = ok(self.server.upload(self.world.advertiser_id, SAMPLE_VIDEO, name))
        self.ledger.ack("video", video["video_id"])
        return video["video_id"]

    def _round(self, n: int, video_id: str) -> None:
        adv, tag = self.world.advertiser_id, f"{self.index}.{n}"
        campaign_id = self._mirror(
            "campaign/create/",
            {"advertiser_id": adv, "campaign_name": f"c{tag}", "objective_type": "TRAFFIC"},
        )["campaign_id"]
        self.ledger.ack("campaign", campaign_id, f"c{tag}")
        rename = {"advertiser_id": adv, "campaign_id": campaign_id, "campaign_name": f"c{tag} r"}
        self._mirror("campaign/update/", rename)
        self.ledger.ack("campaign", campaign_id, f"c{tag} r")
        adgroup_id = self._mirror("adgroup/create/", _adgroup(adv, campaign_id, f"g{tag}"))[
            "adgroup_id"
        ]
        self.ledger.ack("adgroup", adgroup_id, campaign_id)
        creator_id = self.creator["creator_id"]
        post = self._control("POST", f"/creators/{creator_id}/posts", {"caption": f"p{tag}"}, 201)
        item_id = post["item_id"]
        self.ledger.ack("post", item_id)
        self._control("PATCH", f"/posts/{item_id}", {"ad_authorization": True})
        code = self._control("POST", f"/posts/{item_id}/authorization", {"days": 30}, 201)
        self.ledger.ack("code", item_id, code["auth_code"])
        self._mirror("tt_video/authorize/", {"advertiser_id": adv, "auth_code": code["auth_code"]})
        self.ledger.ack("link", item_id, code["auth_code"])
        creatives = [
            {
                "ad_name": f"durable {tag}.spark",
                "identity_type": "AUTH_CODE",
                "identity_id": self.creator["identity_id"],
                "tiktok_item_id": item_id,
            },
            {
                "ad_name": f"durable {tag}.library",
                "identity_type": "CUSTOMIZED_USER",
                "identity_id": self.world.custom_identity_id,
                "video_id": video_id,
                "ad_text": f"library {tag}",
            },
        ]
        made = self._mirror(
            "ad/create/", {"advertiser_id": adv, "adgroup_id": adgroup_id, "creatives": creatives}
        )
        for ad_id in made["ad_ids"]:
            self.ledger.ack("ad", ad_id, adgroup_id)


def _adgroup(advertiser_id: str, campaign_id: str, name: str) -> dict[str, Any]:
    return {
        "advertiser_id": advertiser_id,
        "campaign_id": campaign_id,
        "adgroup_name": name,
        "location_ids": ["6252001"],
        "schedule_start_time": "2026-01-01 00:00:00",
        "optimization_goal": "CLICK",
        "billing_event": "CPC",
    }


def _sandbox_maker(server: ServeProcess, ledger: Ledger) -> None:
    """The ninth client: whole sandboxes, one after another."""
    try:
        while True:
            made = ok(server.call("POST", f"{CONTROL}/sandboxes", {"seed": SANDBOX_SEED}), 201)
            ledger.ack("sandbox", made["sandbox_id"])
    except NoAnswer:
        ledger.cut.append("sandboxes")
    except BaseException as error:
        ledger.failures.append(error)


def _load_then_kill(server: ServeProcess, world: World) -> Ledger:
    ledger = Ledger()
    writers = [Writer(server, world, i, ledger) for i in range(CLIENTS)]
    threads = [threading.Thread(target=w.run, daemon=True) for w in writers]
    threads.append(threading.Thread(target=_sandbox_maker, args=(server, ledger), daemon=True))
    for thread in threads:
        thread.start()
    reached = ledger.enough.wait(timeout=60)
    server.kill()  # while every client is still writing
    for thread in threads:
        thread.join(timeout=30)
    assert not ledger.failures, ledger.failures
    assert reached, f"only {len(ledger.acks)} writes acknowledged in 60 s"
    assert not any(t.is_alive() for t in threads)
    assert len(ledger.cut) == CLIENTS + 1  # every client lost a request to the kill
    return ledger


# -- reading back -----------------------------------------------------------------------------


def _all(server: ServeProcess, path: str, **params: Any) -> list[Any]:
    """Every page of a mirror list."""
    found: list[Any] = []
    page = 1
    while True:
        data = ok(server.call("GET", f"{MIRROR}/{path}", page=page, **params))
        found += data["list"]
        if page >= data["page_info"]["total_page"]:
            return found
        page += 1


def _check_acknowledged(server: ServeProcess, world: World, ledger: Ledger) -> None:
    adv = world.advertiser_id
    everything = {"primary_status": "STATUS_ALL"}
    campaigns = {
        c["campaign_id"]: c["campaign_name"]
        for c in _all(server, "campaign/get/", advertiser_id=adv, page_size=1000)
    }
    names: dict[str, list[str]] = defaultdict(list)
    for campaign_id, name in ledger.of("campaign"):
        names[campaign_id].append(name)
    for campaign_id, acked in names.items():
        # A rename that got no answer may or may not have happened.
        possible = {acked[-1], f"{acked[-1]} r"} if len(acked) == 1 else {acked[-1]}
        assert campaigns.get(campaign_id) in possible, (campaign_id, acked)

    adgroups = {
        g["adgroup_id"]: g["campaign_id"]
        for g in _all(server, "adgroup/get/", advertiser_id=adv, page_size=1000)
    }
    for adgroup_id, campaign_id in ledger.of("adgroup"):
        assert adgroups.get(adgroup_id) == campaign_id

    ads = _all(server, "ad/get/", advertiser_id=adv, page_size=1000, filtering=everything)
    by_id = {a["ad_id"]: a for a in ads}
    for ad_id, adgroup_id in ledger.of("ad"):
        assert by_id[ad_id]["adgroup_id"] == adgroup_id
    # Acknowledged or cut, an ad/create made both of its ads or neither.
    per_call = Counter(
        a["ad_name"].rsplit(".", 1)[0] for a in ads if a["ad_name"].startswith("durable ")
    )
    assert set(per_call.values()) <= {2}, per_call

    linked = {
        p["item_info"]["item_id"]: p["item_info"]["auth_code"]
        for p in _all(server, "tt_video/list/", advertiser_id=adv, page_size=50)
    }
    for item_id, auth_code in ledger.of("link"):
        assert linked.get(item_id) == auth_code
    for item_id, _ in ledger.of("post"):
        ok(server.call("GET", f"{CONTROL}/sandboxes/{world.sandbox_id}/posts/{item_id}"))
    for item_id, auth_code in ledger.of("code"):
        post = ok(server.call("GET", f"{CONTROL}/sandboxes/{world.sandbox_id}/posts/{item_id}"))
        assert post["auth_code"] == auth_code

    video_ids = [video_id for video_id, _ in ledger.of("video")]
    if video_ids:
        path = f"{MIRROR}/file/video/ad/info/"
        info = ok(server.call("GET", path, advertiser_id=adv, video_ids=video_ids))
        assert {v["video_id"] for v in info["list"]} == set(video_ids)
        for video in info["list"]:  # the media directory kept the file
            assert server.fetch(video["preview_url"]) == 200


def _check_sandboxes(server: ServeProcess, ledger: Ledger) -> None:
    """Every acknowledged sandbox is there; every sandbox made by the ninth client is whole."""
    listed = ok(server.call("GET", f"{CONTROL}/sandboxes"))["sandboxes"]
    ids = {s["sandbox_id"] for s in listed}
    assert {sid for sid, _ in ledger.of("sandbox")} <= ids

    def shape(summary: dict[str, Any]) -> tuple[int, ...]:
        keys = ("advertiser_ids", "identities", "creators", "sample_codes")
        return tuple(len(summary[k]) for k in keys)

    seeded = [s for s in listed if s["seed"] == SANDBOX_SEED]
    assert len({shape(s) for s in seeded}) <= 1, [shape(s) for s in seeded]


def _check_database(url: str) -> None:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert set(orphans(url).values()) == {0}, orphans(url)


@pytest.mark.parametrize("backend", BACKENDS)
def test_acknowledged_writes_survive_sigkill_and_cut_writes_are_whole_or_absent(
    backend: str, tmp_path: Path
) -> None:
    url = database_url(backend, tmp_path)
    media = tmp_path / "media"
    server = start(url, media_dir=media, threads=CLIENTS + 2)
    try:
        made = ok(server.call("POST", f"{CONTROL}/sandboxes", {"seed": 3}), 201)
        custom = next(i for i in made["identities"] if i["identity_type"] == "CUSTOMIZED_USER")
        world = World(made["sandbox_id"], made["advertiser_ids"][0], custom["identity_id"])
        server.token = made["access_token"]
        ledger = _load_then_kill(server, world)
    finally:
        server.kill()

    _check_database(url)
    again = start(url, media_dir=media)
    try:
        again.token = made["access_token"]
        _check_acknowledged(again, world, ledger)
        _check_sandboxes(again, ledger)
    finally:
        again.stop()
    _check_database(url)
