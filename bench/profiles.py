"""Where the time goes: the profiles behind the goals `make bench` measures.

Everything but the cold start runs in the bench's own process, without sockets (see
`sampling.py`): the CPU a read and a write cost in mockads and in the bare app, and profiles of
those, of a sandbox create and of the near-cap report's first page. Cold start is profiled by
`python -X importtime` in a child process, for mockads and for moto_server. `profile_report.py`
turns the figures into results.md's last section.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import bare_app
import mockads_api
import reports
import writes
from pyinstrument import Profiler
from sampling import (
    CALLS,
    PROFILE_INTERVAL_S,
    Profile,
    WsgiCall,
    checked,
    cpu_us_per_call,
    profile,
    profile_of,
)

from mockads.app import create_app
from mockads.scenarios import warm_up_faker
from mockads.settings import Settings

PROFILED_CALLS = 3_000
SANDBOX_CREATES = 20
IMPORT_RUNS = 5
REPORT_FIRST_PAGES = 2  # timed, then as many profiled: a near-cap sandbox each
#: The two parts of a report's first page: the query's row index, then the page's rows.
REPORT_PARTS = {"Report.__init__": "the query's row index", "Report._row": "the page's rows"}

#: mockads' modules that only answer HTTP: the group a lazy start would defer.
SURFACES_GROUP = "mockads' HTTP surfaces and schemas"
SURFACES = ("mockads.api", "mockads.control", "mockads.console", "mockads.schemas")
#: Import groups for `-X importtime`, by a module's top-level package (after SURFACES).
IMPORT_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "Flask and its dependencies",
        frozenset(
            {"flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker"}
        ),
    ),
    ("SQLAlchemy", frozenset({"sqlalchemy", "greenlet", "typing_extensions"})),
    ("marshmallow", frozenset({"marshmallow"})),
    ("mockads' core (domain, services, store, scenarios, app)", frozenset({"mockads"})),
    ("moto's own modules", frozenset({"moto"})),
    ("boto3 and botocore", frozenset({"boto3", "botocore", "s3transfer", "jmespath", "dateutil"})),
)


@dataclass(frozen=True)
class Request:
    """A request measured in process for both apps: CPU per call and mockads' profile."""

    mockads_us: float
    bare_us: float
    profile: Profile


@dataclass(frozen=True)
class Imports:
    """What a server's imports cost: the plain import in ms (median of IMPORT_RUNS), and
    `-X importtime`'s self time per group (ms, inflated by the tracing, so read as shares)."""

    import_ms: float
    groups: dict[str, float]


@dataclass(frozen=True)
class ColdStartProfile:
    """mockads' and moto_server's imports, and mockads' app build with its default sandbox."""

    mockads: Imports
    moto: Imports | None
    build_ms: float


@dataclass(frozen=True)
class Profiles:
    """Every profile of the run."""

    read: Request
    write: Request
    fill: Fill
    cold_start: ColdStartProfile
    sandbox_create: SandboxCreate
    report_first_page: FirstPage


@contextmanager
def _bare_app() -> Iterator[Any]:
    with tempfile.TemporaryDirectory(prefix="mockads-bench-") as directory:
        path = f"{directory}/bare.db"
        bare_app.create_database(path)
        yield bare_app.create_app(path)


def _client_get(app: Any, url: str, headers: dict[str, str] | None = None) -> Any:
    return json.loads(WsgiCall.build(app, "GET", url, headers)())


def measure_read() -> Request:
    """`tt_video/info/` of the default sandbox against the bare app's row by key."""
    app = create_app(Settings())
    default = _client_get(app, mockads_api.SANDBOXES_PATH + "/default")
    target = mockads_api.video_info_target_from(default, "")
    read = checked(WsgiCall.build(app, "GET", target.url, target.headers))
    with _bare_app() as bare:
        bare_read = checked(WsgiCall.build(bare, "GET", "/item/500"))
        bare_us = cpu_us_per_call(bare_read)
    return Request(cpu_us_per_call(read), bare_us, profile(read, PROFILED_CALLS))


@dataclass(frozen=True)
class AdCreates:
    """A new default sandbox of an app, and `ad/create/` of its linked post as a Spark ad."""

    app: Any
    headers: dict[str, str]
    body: dict[str, Any]

    @classmethod
    def new(cls, app: Any) -> AdCreates:
        scenario = {"scenario": "default", "seed": 1}
        new = WsgiCall.build(app, "POST", mockads_api.SANDBOXES_PATH, json_body=scenario)
        created = json.loads(new())
        headers = {"Access-Token": created["access_token"]}
        advertiser_id = created["advertiser_ids"][0]

        def get(path: str) -> Any:
            url = f"{writes.MIRROR}/{path}?advertiser_id={advertiser_id}"
            return _client_get(app, url, headers)["data"]

        body = writes.ad_create_body(advertiser_id, get("adgroup/get/"), get("tt_video/list/"))
        return cls(app, headers, body)

    def call(self, creatives: int) -> WsgiCall:
        """The request with that many copies of the creative."""
        body = {**self.body, "creatives": self.body["creatives"] * creatives}
        return WsgiCall.build(self.app, "POST", f"{writes.MIRROR}/ad/create/", self.headers, body)

    def spark_ads(self) -> int:
        query = urllib.parse.urlencode(
            {
                "advertiser_id": self.body["advertiser_id"],
                "filtering": json.dumps({"primary_status": "STATUS_NOT_DELETE"}),
                "page_size": 1,
            }
        )
        answer = _client_get(self.app, f"{writes.MIRROR}/ad/get/?{query}", self.headers)
        return int(answer["data"]["page_info"]["total_number"])


def measure_write() -> Request:
    """`ad/create/` with one Spark creative against the bare app's insert."""
    # 4,251 ads in all (checked, warm-up, measure, profile): under the cap with the scenario's.
    create = checked(AdCreates.new(create_app(Settings())).call(1))
    with _bare_app() as bare:
        insert = checked(
            WsgiCall.build(bare, "POST", writes.BARE_INSERT_PATH, json_body=writes.BARE_INSERT_BODY)
        )
        bare_us = cpu_us_per_call(insert)
    return Request(cpu_us_per_call(create), bare_us, profile(create, PROFILED_CALLS))


@dataclass(frozen=True)
class Fill:
    """The fill to 10,000 Spark ads in process, as the bench makes it served (one creative a
    call for its first calls, then BATCH): its CPU seconds and calls, and the profile of a
    second fill."""

    cpu_s: float
    calls: int
    profile: Profile


@dataclass(frozen=True)
class FillRun:
    """One fill to the cap: wall-clock and CPU seconds, calls and ads made."""

    seconds: float
    cpu_s: float
    calls: int
    ads: int


def fill_to_cap(app: Any, profiler: Profiler | None = None) -> FillRun:
    """Fill a new default sandbox's advertiser to the cap as the bench does served: one
    creative a call for its first calls, then BATCH a call (sampled by `profiler`, if any)."""
    creates = AdCreates.new(app)
    missing = writes.CAP - creates.spark_ads()
    calls: dict[int, WsgiCall] = {}
    made = count = 0
    if profiler is not None:
        profiler.start()
    started, started_cpu = time.perf_counter(), time.process_time()
    while made < missing:
        size = 1 if count < writes.SINGLE_CALLS else min(writes.BATCH, missing - made)
        call = calls.get(size) or calls.setdefault(size, creates.call(size))
        made += len(json.loads(call())["data"]["ad_ids"])
        count += 1
    seconds, cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
    if profiler is not None:
        profiler.stop()
    return FillRun(seconds, cpu_s, count, made)


def measure_fill() -> Fill:
    """One fill timed, a second profiled, each in a new sandbox of one app."""
    app = create_app(Settings())
    timed = fill_to_cap(app)
    profiler = Profiler(interval=PROFILE_INTERVAL_S)
    fill_to_cap(app, profiler)
    assert profiler.last_session is not None
    return Fill(timed.cpu_s, timed.calls, profile_of(profiler.last_session))


@dataclass(frozen=True)
class SandboxCreate:
    """CPU milliseconds a sandbox create costs in process, and its profile."""

    cpu_ms: float
    profile: Profile


def measure_sandbox_create() -> SandboxCreate:
    """Creates of the default scenario: SANDBOX_CREATES timed (seeds 1, 2, …, as the bench's
    client times them), then as many profiled (the next seeds)."""
    app = create_app(Settings())
    warm_up_faker()  # as a started server does in the background
    seeds = iter(range(1, 2 * SANDBOX_CREATES + 1))

    def create() -> None:
        body = {"scenario": "default", "seed": next(seeds)}
        WsgiCall.build(app, "POST", mockads_api.SANDBOXES_PATH, json_body=body)()

    cpu_ms = cpu_us_per_call(create, SANDBOX_CREATES, warm_up=0) / 1000
    functions = ("build_world", "warm_deliveries")
    return SandboxCreate(cpu_ms, profile(create, SANDBOX_CREATES, functions))


#: {pause} is "gc.disable()" for mockads, whose `serve` pauses the collector while it starts.
@dataclass(frozen=True)
class FirstPage:
    """CPU milliseconds of the near-cap report's first page (median), and its profile."""

    cpu_ms: float
    profile: Profile


def measure_report_first_page() -> FirstPage:
    """The first page of the ETL client's report of a new near-cap sandbox (10,000 ads): the
    page that builds the query's row index. REPORT_FIRST_PAGES timed, as many profiled."""
    app = create_app(Settings())
    profiler = Profiler(interval=PROFILE_INTERVAL_S)

    def first_page(profiled: bool) -> float:
        created = WsgiCall.build(
            app, "POST", mockads_api.SANDBOXES_PATH, json_body=reports.NEAR_CAP
        )
        sandbox = json.loads(created())
        query = urllib.parse.urlencode({**reports.report_query(sandbox), "page": 1})
        headers = {"Access-Token": sandbox["access_token"]}
        page = WsgiCall.build(app, "GET", f"{reports.REPORT_PATH}?{query}", headers)
        if profiled:
            profiler.start()
        started = time.process_time()
        answer = json.loads(page())
        spent = time.process_time() - started
        if profiled:
            profiler.stop()
        if answer["code"] != 0 or len(answer["data"]["list"]) != 1000:
            raise RuntimeError(f"the near-cap report's first page: {str(answer)[:300]}")
        WsgiCall.build(app, "DELETE", f"{mockads_api.SANDBOXES_PATH}/{sandbox['sandbox_id']}")()
        return spent

    cpu_ms = statistics.median(first_page(False) for _ in range(REPORT_FIRST_PAGES)) * 1000
    for _ in range(REPORT_FIRST_PAGES):
        first_page(True)
    assert profiler.last_session is not None
    return FirstPage(cpu_ms, profile_of(profiler.last_session, REPORT_PARTS))


_IMPORT_SCRIPT = """
import gc, time
{pause}
started = time.perf_counter()
import {module}
print((time.perf_counter() - started) * 1000)
"""

_BUILD_SCRIPT = """
import gc, time
gc.disable()
from mockads.app import create_app
from mockads.settings import Settings
started = time.perf_counter()
create_app(Settings())
print((time.perf_counter() - started) * 1000)
"""


def _run_python(script: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *options, "-c", script],
        capture_output=True,
        text=True,
        check=True,
    )


def _import_groups(importtime: str) -> dict[str, float]:
    groups: dict[str, float] = defaultdict(float)
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line.split(":", 1)[1].split("|")
        module = name.strip()
        top = module.split(".")[0]
        group = next((g for g, tops in IMPORT_GROUPS if top in tops), None)
        if module.split(".")[:2] in [surface.split(".") for surface in SURFACES]:
            group = SURFACES_GROUP
        if group is None:
            is_stdlib = top in sys.stdlib_module_names or top.startswith("_")
            group = "the standard library" if is_stdlib else "other packages"
        groups[group] += int(self_us) / 1000
    return dict(groups)


def measure_imports(module: str, *, paused_gc: bool = False) -> Imports:
    """The median plain import of `module` in a new interpreter (`paused_gc`: with the
    garbage collector paused), and its importtime groups."""
    script = _IMPORT_SCRIPT.format(module=module, pause="gc.disable()" if paused_gc else "")
    runs = [float(_run_python(script).stdout) for _ in range(IMPORT_RUNS)]
    traced = _run_python(script, "-X", "importtime")
    return Imports(statistics.median(runs), _import_groups(traced.stderr))


def measure_cold_start(have_moto: bool) -> ColdStartProfile:
    """Imports of mockads' server and of moto_server's, and mockads' app build."""
    builds = [float(_run_python(_BUILD_SCRIPT).stdout) for _ in range(IMPORT_RUNS)]
    return ColdStartProfile(
        measure_imports("mockads.cli, mockads.app, mockads.server", paused_gc=True),
        measure_imports("moto.server") if have_moto else None,
        statistics.median(builds),
    )


def measure(have_moto: bool, log: Callable[[str], None]) -> Profiles:
    """Every profile, in process (the servers under load are stopped by now)."""
    log(f"profile: tt_video/info/ in process, {CALLS} calls")
    read = measure_read()
    log(f"profile: ad/create/ in process, {CALLS} calls")
    write = measure_write()
    log(f"profile: {writes.CAP:,} Spark ads in process, twice")
    fill = measure_fill()
    log("profile: cold start imports, mockads and moto_server")
    cold_start = measure_cold_start(have_moto)
    log(f"profile: {SANDBOX_CREATES} sandbox creates in process")
    sandbox_create = measure_sandbox_create()
    log(f"profile: the near-cap report's first page, {2 * REPORT_FIRST_PAGES} new sandboxes")
    report_first_page = measure_report_first_page()
    return Profiles(read, write, fill, cold_start, sandbox_create, report_first_page)
