"""Profile the write path: `ad/create/` through the Flask test client, in process.

Prints the time per call of `ad/create/` with one Spark creative (the linked post of the
default scenario, by AUTH_CODE), the time to fill the advertiser to 10,000 Spark ads (one
creative a call, then 20 a call) and the top of a pyinstrument profile of the single calls.

    python bench/profile_writes.py [--calls 300] [--no-profile] [--no-fill]

Needs pyinstrument (the dev extra) for the profile. Not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from writes import ad_create_body

from mockads.app import create_app
from mockads.settings import Settings

MIRROR = "/open_api/v1.3"
SANDBOXES = "/_mockads/v1/sandboxes"
CAP = 10_000
SINGLE_CALLS = 200  # the fill's first calls, one creative each; then 20 a call
BATCH = 20


class Writer:
    """A default sandbox and the Spark creative its ads repeat."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        summary = client.post(SANDBOXES, json={"scenario": "default", "seed": 1}).get_json()
        self.headers = {"Access-Token": summary["access_token"]}
        self.advertiser_id = summary["advertiser_ids"][0]
        body = ad_create_body(
            self.advertiser_id, self.get("adgroup/get/"), self.get("tt_video/list/")
        )
        self.adgroup_id = body["adgroup_id"]
        (self.creative,) = body["creatives"]

    def get(self, path: str, **params: Any) -> Any:
        query = {"advertiser_id": self.advertiser_id, **params}
        body = self.client.get(f"{MIRROR}/{path}", query_string=query, headers=self.headers)
        return body.get_json()["data"]

    def create(self, creatives: int = 1) -> list[str]:
        """`ad/create/` with that many copies of the creative; the new ids."""
        body = {
            "advertiser_id": self.advertiser_id,
            "adgroup_id": self.adgroup_id,
            "creatives": [self.creative] * creatives,
        }
        answer = self.client.post(f"{MIRROR}/ad/create/", json=body, headers=self.headers)
        envelope = answer.get_json()
        if envelope["code"] != 0:
            raise RuntimeError(json.dumps(envelope))
        return list(envelope["data"]["ad_ids"])

    def spark_ads(self) -> int:
        filtering = json.dumps({"primary_status": "STATUS_NOT_DELETE"})
        data = self.get("ad/get/", filtering=filtering, page_size=1)
        return int(data["page_info"]["total_number"])


def timed(action: Callable[[], Any], calls: int) -> list[float]:
    """Milliseconds of each of `calls` runs of `action` (wall clock)."""
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def cpu_ms(action: Callable[[], Any], calls: int) -> float:
    """CPU milliseconds a run of `action` takes, on average (steady on a busy machine)."""
    started = time.process_time()
    for _ in range(calls):
        action()
    return (time.process_time() - started) * 1000 / calls


def fill_to_cap(writer: Writer) -> tuple[float, float, int]:
    """Seconds (wall clock, CPU) to create Spark ads up to the cap (one a call first, then 20 a
    call), and how many were created."""
    missing = CAP - writer.spark_ads()
    started, started_cpu = time.perf_counter(), time.process_time()
    made = 0
    while made < missing:
        size = 1 if made < SINGLE_CALLS else min(BATCH, missing - made)
        made += len(writer.create(size))
    return time.perf_counter() - started, time.process_time() - started_cpu, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-fill", action="store_true")
    args = parser.parse_args()
    app = create_app(Settings(db="sqlite://"))
    client = app.test_client()
    writer = Writer(client)
    timed(writer.create, 50)  # warm-up: caches, compiled statements
    times = timed(writer.create, args.calls)
    p95 = sorted(times)[int(len(times) * 0.95)]
    print(
        f"ad/create/, one creative, {args.calls} calls: mean {statistics.mean(times):.3f} ms, "
        f"median {statistics.median(times):.3f} ms, p95 {p95:.3f} ms; "
        f"CPU {cpu_ms(writer.create, args.calls):.3f} ms a call"
    )
    if not args.no_profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0002)
        profiler.start()
        timed(writer.create, args.calls)
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False))
    if not args.no_fill:
        fresh = Writer(client)
        seconds, cpu_seconds, made = fill_to_cap(fresh)
        print(f"fill to {CAP} Spark ads: {made} ads in {seconds:.2f} s ({cpu_seconds:.2f} s CPU)")


if __name__ == "__main__":
    main()
