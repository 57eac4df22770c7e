"""The write path under load (issue 16): `ad/create/` against a bare insert, and 10,000 ads.

The write ratio: `ad/create/` with one Spark creative (the default scenario's linked post, by
AUTH_CODE) at concurrency 1, against the bare app inserting one row from a JSON body, on the
same waitress threads; goal at least 0.5. Each mockads run writes into a new default sandbox,
so no run meets the 10,000 Spark ad cap, and is checked afterwards: the sandbox holds an ad for
every request wrk counted (an answer with a nonzero `code` would be a refusal, not a write).

10,000 Spark ads through the API: a new default sandbox's advertiser filled to the cap, one
creative a call for the first 200 calls and 20 a call after, as clients do (then one more must
be refused); goal at most 3 s.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import servers
from client import UnexpectedResponse, expect_status, request
from report import table
from wrk import WrkResult, run_wrk

MIRROR = "/open_api/v1.3"
SANDBOXES_PATH = "/_mockads/v1/sandboxes"
BARE_INSERT_PATH = "/item"
BARE_INSERT_BODY = {"name": "written", "status": "ACTIVE", "size": 37}
RATIO_GOAL = 0.5
CAP = 10_000
SINGLE_CALLS = 200
BATCH = 20
FILL_GOAL_S = 3.0


@dataclass(frozen=True)
class AdCreateTarget:
    """A new sandbox's `ad/create/` request with one Spark creative."""

    url: str
    headers: dict[str, str]
    body: dict[str, Any]
    base_url: str

    def create(self, creatives: int = 1) -> dict[str, Any]:
        """Send the request with `creatives` copies of the creative; the envelope."""
        body = {**self.body, "creatives": self.body["creatives"] * creatives}
        response = expect_status(request("POST", self.url, body=body, headers=self.headers), 200)
        return dict(response.json())

    def created(self, creatives: int = 1) -> int:
        """`create`, which must succeed; the ads made."""
        envelope = self.create(creatives)
        if envelope.get("code") != 0:
            raise UnexpectedResponse(f"ad/create/ refused: {json.dumps(envelope)[:500]}")
        return len(envelope["data"]["ad_ids"])

    def ads(self) -> int:
        """Ads of the advertiser that are not deleted (`page_info.total_number`)."""
        query = {"advertiser_id": self.body["advertiser_id"], "page_size": 1}
        return int(self._get("ad/get/", query)["page_info"]["total_number"])

    def spark_ads(self) -> int:
        """Spark ads of the advertiser that are not deleted (of its first 1,000 ads)."""
        query = {"advertiser_id": self.body["advertiser_id"], "page_size": 1000}
        listed = self._get("ad/get/", query)["list"]
        return sum(1 for ad in listed if ad["identity_type"] != "CUSTOMIZED_USER")

    def _get(self, path: str, query: dict[str, Any]) -> Any:
        url = f"{self.base_url}{MIRROR}/{path}?" + "&".join(f"{k}={v}" for k, v in query.items())
        envelope = expect_status(request("GET", url, headers=self.headers), 200).json()
        if envelope.get("code") != 0:
            raise UnexpectedResponse(f"{path} refused: {json.dumps(envelope)[:500]}")
        return envelope["data"]


def ad_create_target(base_url: str) -> AdCreateTarget:
    """A new default sandbox and the `ad/create/` of a Spark ad promoting its linked post."""
    created = expect_status(
        request("POST", base_url + SANDBOXES_PATH, body={"scenario": "default", "seed": 1}), 201
    ).json()
    headers = {"Access-Token": created["access_token"]}
    advertiser_id = created["advertiser_ids"][0]
    probe = AdCreateTarget("", headers, {"advertiser_id": advertiser_id}, base_url)
    query = {"advertiser_id": advertiser_id}
    body = ad_create_body(
        advertiser_id, probe._get("adgroup/get/", query), probe._get("tt_video/list/", query)
    )
    return AdCreateTarget(f"{base_url}{MIRROR}/ad/create/", headers, body, base_url)


def ad_create_body(
    advertiser_id: str, adgroups: dict[str, Any], videos: dict[str, Any]
) -> dict[str, Any]:
    """The `ad/create/` body of one Spark ad: the first ad group (`adgroup/get/`'s data)
    promoting the first linked post (`tt_video/list/`'s data)."""
    linked = videos["list"][0]
    creative = {
        "ad_name": "bench",
        "identity_type": "AUTH_CODE",
        "identity_id": linked["user_info"]["identity_id"],
        "tiktok_item_id": linked["item_info"]["item_id"],
    }
    return {
        "advertiser_id": advertiser_id,
        "adgroup_id": adgroups["list"][0]["adgroup_id"],
        "creatives": [creative],
    }


@dataclass(frozen=True)
class WriteRun:
    """One wrk run, and the CPU the server process spent on it per request."""

    wrk: WrkResult
    server_cpu_ms: float


def server_cpu_s(pid: int) -> float:
    """CPU seconds (user and system) a process has used so far (Linux /proc)."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def _run(
    server: servers.Server, url: str, headers: dict[str, str], body: Any, s: float
) -> WriteRun:
    before = server_cpu_s(server.process.pid)
    result = run_wrk(url, 1, s, headers, body)
    spent = server_cpu_s(server.process.pid) - before
    return WriteRun(result, spent * 1000 / max(result.requests, 1))


def load_ad_create(server: servers.Server, duration_s: float) -> WriteRun:
    """One wrk run of `ad/create/` at concurrency 1 into a new sandbox, checked afterwards."""
    target = ad_create_target(server.base_url)
    before = target.ads()
    run = _run(server, target.url, target.headers, target.body, duration_s)
    made = target.ads() - before
    if made < run.wrk.requests:
        raise UnexpectedResponse(
            f"ad/create/ under load made {made} ads for {run.wrk.requests} requests"
        )
    return run


def load_bare_insert(server: servers.Server, duration_s: float) -> WriteRun:
    """One wrk run of the bare app's insert at concurrency 1."""
    return _run(server, server.base_url + BARE_INSERT_PATH, {}, BARE_INSERT_BODY, duration_s)


@dataclass(frozen=True)
class WriteResults:
    """Interleaved write rounds of both servers, and the fill to the cap."""

    mockads: list[WriteRun]
    bare: list[WriteRun]
    fill: FillTiming


def measure_writes(
    mockads: servers.Server, bare: servers.Server, rounds: int, duration_s: float
) -> WriteResults:
    """`rounds` interleaved wrk runs of `ad/create/` and of the bare insert, then the fill."""
    mine: list[WriteRun] = []
    theirs: list[WriteRun] = []
    load_ad_create(mockads, 1.0)  # warm-up: compiled statements, first-use paths
    load_bare_insert(bare, 1.0)
    for round_no in range(1, rounds + 1):
        mine.append(load_ad_create(mockads, duration_s))
        theirs.append(load_bare_insert(bare, duration_s))
        _log(
            f"write round {round_no}/{rounds}: ad/create/ {mine[-1].wrk.requests_per_sec:.0f} "
            f"req/s ({mine[-1].server_cpu_ms:.2f} ms CPU), bare insert "
            f"{theirs[-1].wrk.requests_per_sec:.0f} req/s ({theirs[-1].server_cpu_ms:.2f} ms CPU)"
        )
    fill = fill_to_cap(mockads)
    _log(f"{fill.ads} Spark ads in {fill.calls} calls: {fill.seconds:.2f} s")
    return WriteResults(mine, theirs, fill)


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class FillTiming:
    """Filling an advertiser to the Spark ad cap through the API."""

    ads: int
    calls: int
    seconds: float
    server_cpu_s: float


def fill_to_cap(server: servers.Server) -> FillTiming:
    """A new default sandbox's advertiser filled to 10,000 Spark ads: one creative a call for
    the first SINGLE_CALLS calls, then BATCH a call."""
    target = ad_create_target(server.base_url)
    missing = CAP - target.spark_ads()
    made = calls = 0
    cpu_before = server_cpu_s(server.process.pid)
    started = time.perf_counter()
    while made < missing:
        made += target.created(1 if calls < SINGLE_CALLS else min(BATCH, missing - made))
        calls += 1
    seconds = time.perf_counter() - started
    cpu = server_cpu_s(server.process.pid) - cpu_before
    refused = target.create(1)
    if "SPARK_AD_LIMIT_REACHED" not in str(refused.get("message")):
        raise UnexpectedResponse(f"the filled account took one more Spark ad: {refused}")
    return FillTiming(made, calls, seconds, cpu)


def write_sections(results: WriteResults) -> list[str]:
    """The write sections of results.md."""
    return [
        "## Write ratio: ad/create/ (one Spark creative) vs a bare insert\n\n"
        + write_ratio_table(results.mockads, results.bare),
        "## 10,000 Spark ads through the API (1 a call for 200 calls, then 20 a call)\n\n"
        + fill_table(results.fill),
    ]


def write_ratio_table(mockads: list[WriteRun], bare: list[WriteRun]) -> str:
    """The median req/s of `ad/create/` and of the bare insert, and their ratio; and the
    servers' CPU per request, whose ratio does not depend on what else the machine runs."""
    mine = statistics.median(r.wrk.requests_per_sec for r in mockads)
    theirs = statistics.median(r.wrk.requests_per_sec for r in bare)
    mine_cpu = statistics.median(r.server_cpu_ms for r in mockads)
    theirs_cpu = statistics.median(r.server_cpu_ms for r in bare)
    ratio = mine / theirs
    rows = [
        [
            f"{mine:.0f} ({statistics.median(r.wrk.p50_ms for r in mockads):.2f} ms p50)",
            f"{theirs:.0f} ({statistics.median(r.wrk.p50_ms for r in bare):.2f} ms p50)",
            " / ".join(f"{r.wrk.requests_per_sec:.0f}" for r in mockads),
            " / ".join(f"{r.wrk.requests_per_sec:.0f}" for r in bare),
            f"{ratio:.2f}",
            "met" if ratio >= RATIO_GOAL else "**missed**",
            f"{mine_cpu:.2f} / {theirs_cpu:.2f}",
            f"{theirs_cpu / mine_cpu:.2f}",
        ]
    ]
    header = [
        "ad/create/ req/s (c=1)",
        "bare insert req/s (c=1)",
        "mockads per round",
        "bare per round",
        "ratio",
        f"goal ≥ {RATIO_GOAL}",
        "server CPU ms a request (mockads / bare)",
        "CPU ratio",
    ]
    return table(header, rows)


def fill_table(fill: FillTiming) -> str:
    """The time to fill an advertiser to the cap against the goal."""
    verdict = "met" if fill.seconds <= FILL_GOAL_S else "**missed**"
    rows = [
        [
            str(fill.ads),
            str(fill.calls),
            f"{fill.seconds:.2f} s",
            verdict,
            f"{fill.server_cpu_s:.2f} s",
        ]
    ]
    header = ["Spark ads created", "calls", "time", f"goal ≤ {FILL_GOAL_S:g} s", "server CPU"]
    return table(header, rows)


def main() -> int:
    """Serve mockads and the bare app and measure the writes alone (`python bench/writes.py`).

    BENCH_DURATION, BENCH_THREADS and BENCH_ROUNDS as for `make bench`."""
    threads = int(os.environ.get("BENCH_THREADS", "4"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    duration_s = float(os.environ.get("BENCH_DURATION", "5"))
    mockads_port, bare_port = servers.free_port(), servers.free_port()
    with ExitStack() as stack:
        mockads = stack.enter_context(
            servers.running(
                "mockads",
                servers.mockads_command(mockads_port, threads),
                mockads_port,
                servers.HEALTH_PATH,
            )
        )
        bare = stack.enter_context(
            servers.running(
                "bare", servers.bare_command(bare_port, threads), bare_port, "/item/500"
            )
        )
        results = measure_writes(mockads, bare, rounds, duration_s)
    print("\n\n".join(write_sections(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
