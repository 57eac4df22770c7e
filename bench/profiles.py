"""Where the time goes: the profiles behind the goals `make bench` measures.

Everything here runs in the bench's own process, without sockets: each request is one call of
the WSGI app with a prepared environ, which is what waitress hands an app after parsing the
request. That gives the CPU a request costs inside the app, for mockads and for the bare app
alike, and a pyinstrument profile of it whose self time is summed by layer (the package each
sampled frame's file belongs to). Cold start is profiled by `python -X importtime` in a child
process, for mockads and for moto_server.
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bare_app
import mockads_api
import reports
import writes
from pyinstrument import Profiler
from pyinstrument.frame import Frame
from pyinstrument.session import Session
from report import table
from werkzeug.test import EnvironBuilder

from mockads.app import create_app
from mockads.scenarios import warm_up_faker
from mockads.settings import Settings

CALLS = 1_000
PROFILED_CALLS = 3_000
PROFILE_INTERVAL_S = 0.001
SANDBOX_CREATES = 20
IMPORT_RUNS = 5
REPORT_FIRST_PAGES = 2  # timed, then as many profiled: a near-cap sandbox each
#: The two parts of a report's first page: the query's row index, then the page's rows.
REPORT_PARTS = {"Report.__init__": "the query's row index", "Report._row": "the page's rows"}

#: Layers by the path of a frame's file, first match wins; frames of this file are the driver's.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Flask and Werkzeug", ("/flask/", "/werkzeug/")),
    ("SQLAlchemy and the database driver", ("/sqlalchemy/", "/sqlite3/", "/psycopg")),
    ("marshmallow", ("/marshmallow/",)),
    ("mockads schemas", ("/mockads/schemas/",)),
    ("mockads HTTP layer (routes, hooks, envelope)", ("/mockads/api/", "/mockads/control/")),
    ("mockads app", ("/mockads/app.py",)),
    ("mockads services", ("/mockads/services/",)),
    ("mockads domain", ("/mockads/domain/",)),
    ("mockads store", ("/mockads/store/",)),
    ("mockads scenarios", ("/mockads/scenarios/",)),
    ("Faker", ("/faker/",)),
    ("the bare app's handlers", ("/bench/bare_app.py",)),
)
OTHER_LAYER = "the standard library and the rest"
DRIVER = str(Path(__file__).resolve())

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
class WsgiCall:
    """One request to a WSGI app, ready to be made again and again."""

    app: Callable[..., Iterable[bytes]]
    environ: dict[str, Any]
    body: bytes

    @classmethod
    def build(
        cls,
        app: Callable[..., Iterable[bytes]],
        method: str,
        url: str,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
    ) -> WsgiCall:
        path, _, query = url.partition("?")
        body = b"" if json_body is None else json.dumps(json_body).encode()
        builder = EnvironBuilder(
            path=path,
            method=method,
            query_string=query,
            headers=headers,
            data=body,
            content_type="application/json" if body else None,
        )
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        return cls(app, environ, body)

    def __call__(self) -> bytes:
        """Make the request; the answer's body."""
        environ = dict(self.environ)
        environ["wsgi.input"] = io.BytesIO(self.body)
        statuses: list[str] = []

        def start_response(status: str, _headers: Any, _exc_info: Any = None) -> Any:
            statuses.append(status)
            return lambda _data: None

        answer = self.app(environ, start_response)
        try:
            body = b"".join(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        if not statuses or not statuses[0].startswith(("200", "201", "204")):
            raise RuntimeError(f"{environ['PATH_INFO']} answered {statuses}: {body[:300]!r}")
        return body


def checked(call: WsgiCall) -> WsgiCall:
    """The call, once made and found to answer mockads' `"code": 0` (the bare app: any 2xx)."""
    body = json.loads(call())
    if isinstance(body, dict) and body.get("code", 0) != 0:
        raise RuntimeError(f"{call.environ['PATH_INFO']} answered {body}")
    return call


def cpu_us_per_call(
    call: Callable[[], object], calls: int = CALLS, warm_up: int = CALLS // 4
) -> float:
    """CPU microseconds a call costs, on average over `calls` after `warm_up` calls."""
    for _ in range(warm_up):
        call()
    started = time.process_time()
    for _ in range(calls):
        call()
    return (time.process_time() - started) * 1e6 / calls


DATABASE_LAYER = LAYERS[1][0]
#: Frames without a file of their own: built-ins and generated code (dataclass `__init__`).
UNFILED = ("<built-in>", "<string>")


def _layer_of(frame: Frame, caller_layer: str) -> str | None:
    """The layer a frame's self time counts to: its file's, or, for a built-in or generated
    function, its caller's (sqlite3's cursor and connection methods: the database's)."""
    path = frame.file_path
    if path is None or path in UNFILED:
        if frame.function.startswith(("Cursor.", "Connection.")):
            return DATABASE_LAYER
        return caller_layer
    if path == DRIVER:
        return None
    for name, markers in LAYERS:
        if any(marker in path for marker in markers):
            return name
    return OTHER_LAYER


def _self_times(root: Frame) -> Iterator[tuple[Frame, str | None]]:
    """Every real frame under root with the layer its self time counts to."""
    stack: list[tuple[Frame, str]] = [(root, OTHER_LAYER)]
    while stack:
        frame, caller_layer = stack.pop()
        layer = _layer_of(frame, caller_layer)
        yield frame, layer
        inherited = OTHER_LAYER if layer is None else layer
        stack.extend((child, inherited) for child in frame.children if not child.is_synthetic)


@dataclass(frozen=True)
class Profile:
    """Sampled time (seconds): in all, the self time per layer, and the inclusive time of the
    functions asked for by name. Sampling slows call-heavy code more than the rest, so read
    it as shares of the CPU measured without the profiler."""

    total: float
    layers: dict[str, float]
    functions: dict[str, float]

    def share(self, seconds: float) -> float:
        return seconds / self.total if self.total else 0.0


def profile(action: Callable[[], object], calls: int, functions: Iterable[str] = ()) -> Profile:
    """Sample `calls` runs of `action` with pyinstrument."""
    profiler = Profiler(interval=PROFILE_INTERVAL_S)
    profiler.start()
    for _ in range(calls):
        action()
    return _profile_of(profiler.stop(), functions)


def _profile_of(session: Session, functions: Iterable[str]) -> Profile:
    wanted = set(functions)
    layers: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    root = session.root_frame()
    if root is not None:
        for frame, layer in _self_times(root):
            if layer is not None:
                layers[layer] += frame.total_self_time
            name = _qualified(frame)
            if name in wanted and not _inside(frame, name):
                inclusive[name] += frame.time
    total = root.time if root is not None else 0.0
    return Profile(total, dict(layers), dict(inclusive))


def _qualified(frame: Frame) -> str:
    """A frame's function as `Class.method`, or its bare name outside a class."""
    return f"{frame.class_name}.{frame.function}" if frame.class_name else frame.function


def _inside(frame: Frame, name: str) -> bool:
    """Whether a caller of the frame is already that function (recursion counted once)."""
    parent = frame.parent
    while parent is not None:
        if _qualified(parent) == name:
            return True
        parent = parent.parent
    return False


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


def measure_write() -> Request:
    """`ad/create/` with one Spark creative against the bare app's insert."""
    app = create_app(Settings())
    created = json.loads(
        WsgiCall.build(
            app, "POST", mockads_api.SANDBOXES_PATH, json_body={"scenario": "default", "seed": 1}
        )()
    )
    headers = {"Access-Token": created["access_token"]}
    advertiser_id = created["advertiser_ids"][0]

    def get(path: str) -> Any:
        url = f"{writes.MIRROR}/{path}?advertiser_id={advertiser_id}"
        return _client_get(app, url, headers)["data"]

    body = writes.ad_create_body(advertiser_id, get("adgroup/get/"), get("tt_video/list/"))
    create = checked(WsgiCall.build(app, "POST", f"{writes.MIRROR}/ad/create/", headers, body))
    with _bare_app() as bare:
        insert = checked(
            WsgiCall.build(bare, "POST", writes.BARE_INSERT_PATH, json_body=writes.BARE_INSERT_BODY)
        )
        bare_us = cpu_us_per_call(insert)
    # 4,250 ads in all (warm-up, measure, profile): under the cap with the default sandbox's.
    return Request(cpu_us_per_call(create), bare_us, profile(create, PROFILED_CALLS))


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
    return FirstPage(cpu_ms, _profile_of(profiler.last_session, REPORT_PARTS))


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
    log("profile: cold start imports, mockads and moto_server")
    cold_start = measure_cold_start(have_moto)
    log(f"profile: {SANDBOX_CREATES} sandbox creates in process")
    sandbox_create = measure_sandbox_create()
    log(f"profile: the near-cap report's first page, {2 * REPORT_FIRST_PAGES} new sandboxes")
    return Profiles(read, write, cold_start, sandbox_create, measure_report_first_page())


def layer_table(profile: Profile, cpu_us: float) -> str:
    """The CPU of a call split by the sampled shares of each layer's self time, largest first."""
    rows = [
        [layer, f"{profile.share(seconds) * cpu_us:.0f}", f"{profile.share(seconds):.0%}"]
        for layer, seconds in sorted(profile.layers.items(), key=lambda item: -item[1])
        if profile.share(seconds) >= 0.005
    ]
    return table(["layer (self time)", "CPU µs a call", "share"], rows)


def request_table(request: Request, label: str, bare_label: str) -> str:
    """CPU a call in process, mockads beside the bare app."""
    rows = [
        [label, f"{request.mockads_us:.0f}"],
        [bare_label, f"{request.bare_us:.0f}"],
        ["ratio (bare / mockads)", f"{request.bare_us / request.mockads_us:.2f}"],
    ]
    return table(["in process, no sockets", "CPU µs a call"], rows)


def imports_table(cold: ColdStartProfile) -> str:
    """Import groups of both servers, and mockads' app build."""
    servers = [("mockads", cold.mockads)] + ([("moto_server", cold.moto)] if cold.moto else [])
    groups = sorted({g for _, imports in servers for g in imports.groups})
    rows = [
        [group, *(f"{imports.groups.get(group, 0.0):.0f}" for _, imports in servers)]
        for group in groups
    ]
    rows.append(["**import, untraced (median ms)**", *(f"{i.import_ms:.0f}" for _, i in servers)])
    build = ["**build the app and the default sandbox (median ms)**", f"{cold.build_ms:.0f}"]
    rows.append(build + ["-"] * (len(servers) - 1))
    header = ["-X importtime self time (ms)", *(name for name, _ in servers)]
    return table(header, rows)


def create_parts_table(create: SandboxCreate) -> str:
    """The CPU of a create split by the sampled inclusive shares of its two big parts."""
    parts = {
        "build_world": "build the world from the scenario (Faker)",
        "warm_deliveries": "warm the report model (a report's first page stays fast)",
    }
    rows = [
        [label, f"{create.profile.share(create.profile.functions.get(name, 0.0)):.0%}"]
        for name, label in parts.items()
    ]
    return table(["part of a create (inclusive)", "share"], rows)


@dataclass(frozen=True)
class Served:
    """The figures the profiles explain, as measured over HTTP earlier in the run."""

    read_rps: tuple[float, float]  # at c=1: mockads, bare
    read_goal: float
    write_rps: tuple[float, float]  # at c=1: mockads, bare
    write_cpu_ms: tuple[float, float]  # server CPU a request: mockads, bare
    write_goal: float
    cold_start_ms: tuple[float, float | None]  # median: mockads, moto_server
    create_p95_ms: float
    create_goal_ms: float
    report_pages_ms: tuple[float, float]  # the near-cap report: first page, slowest page
    report_goal_ms: float


READ_LEVERS = """\
Flask and Werkzeug (routing, the request and response objects, the contexts) are {flask:.0%}
of a read, the store with SQLAlchemy and SQLite (two prepared SELECTs: the token's sandbox
and the code) {store:.0%}, mockads' HTTP layer, schemas and marshmallow (hooks, the query,
the envelope) {http:.0%}. Each already takes its fast path (prepared statements, cached
rules, orjson, field-by-field loading). What would reach {goal} is a read path beside
Flask's for mirror GETs, or answers cached by write generation; neither would still run the
routes and rules a client calls, so neither was done."""

WRITE_LEVERS = """\
Flask and Werkzeug are {flask:.0%} of a write; the store with SQLAlchemy and SQLite
{store:.0%} (the write's reads, the cap's one conditional UPDATE, the inserts, and the journal
entry every write records for `/_mockads/v1/journal`), every statement prepared and the
creatives inserted by one `executemany`; mockads' HTTP layer, schemas and marshmallow
(loading the body) {http:.0%}. A write cannot skip its statements, the journal or the
checks, so what is left is the per-request machinery reads pay too."""

COLD_START_LEVERS = """\
SQLAlchemy's import alone is {sqlalchemy:.0f} ms of mockads' traced imports, more than moto's
own modules with boto3 and botocore ({moto:.0f} ms), and the store needs it before the first
answer (SQLAlchemy is the storage layer the design names). The lever left inside those
choices is importing the HTTP surfaces and schemas ({surfaces:.0f} ms) and marshmallow
({marshmallow:.0f} ms) on their first request, with the routes registered from a manifest a
test keeps equal to the modules. Traced times run high, so that is well short of the
{gap:.0f} ms between the two servers' untraced imports: it would not meet the goal alone, and
meeting it would take a store without SQLAlchemy."""

CREATE_LEVERS = """\
Building the scenario's world is {build:.0%} of a create (Faker's names, captions and
addresses, and the standard library's `random` for every id), warming the report model
{warm:.0%} (it keeps a report's first page fast at 10,000 ads), and writing the world most
of the rest. The bench creates new seeds; a seed made before comes from memory (the last 64
worlds) or from its template on disk. The default world grew after the goal was set (ETL
assets, status history). What would meet it is drawing a world with fewer random calls, which
changes the world of every seed that users and tests have recorded, so it was not done."""


def _levers(text: str, profile: Profile, goal: float) -> str:
    """A request's levers, with the shares of its three big parts."""

    def share(*layers: str) -> float:
        return profile.share(sum(profile.layers.get(layer, 0.0) for layer in layers))

    return text.format(
        goal=goal,
        flask=share("Flask and Werkzeug"),
        store=share("mockads store", DATABASE_LAYER),
        http=share(
            "mockads HTTP layer (routes, hooks, envelope)", "mockads schemas", "marshmallow"
        ),
    )


def _cold_start_levers(cold: ColdStartProfile) -> str:
    mine = cold.mockads.groups
    theirs = cold.moto.groups if cold.moto else {}
    return COLD_START_LEVERS.format(
        sqlalchemy=mine.get("SQLAlchemy", 0.0),
        moto=theirs.get("moto's own modules", 0.0) + theirs.get("boto3 and botocore", 0.0),
        surfaces=mine.get(SURFACES_GROUP, 0.0),
        marshmallow=mine.get("marshmallow", 0.0),
        gap=cold.mockads.import_ms - (cold.moto.import_ms if cold.moto else 0.0),
    )


def _create_levers(create: SandboxCreate) -> str:
    functions = create.profile.functions
    return CREATE_LEVERS.format(
        build=create.profile.share(functions.get("build_world", 0.0)),
        warm=create.profile.share(functions.get("warm_deliveries", 0.0)),
    )


REPORT_LEVERS = """\
The first page builds the query's row index ({index:.0%} of it: each ad's eligible hours
clipped to the dates) and computes its 1,000 rows ({rows:.0%}: one keyed hash per ad and day,
the 80 metrics compiled into one function, written straight to JSON text); later pages reuse
the index. In process it costs {cpu:.0f} ms of CPU; served, the rest is writing and reading
its JSON and what else the machine runs. What would take more off is building the index when
the sandbox is made, for a query no client has asked yet: a guess, so it was not done."""


def _report_section(first_page: FirstPage, served: Served) -> list[str]:
    first_ms, slowest_ms = served.report_pages_ms
    met = slowest_ms <= served.report_goal_ms
    profile = first_page.profile
    share = {name: profile.share(profile.functions.get(name, 0.0)) for name in REPORT_PARTS}
    parts_rows = [[label, f"{share[name]:.0%}"] for name, label in REPORT_PARTS.items()]
    return [
        f"### The report at the cap: its slowest page ({_verdict(met)})",
        f"Client-observed, the first page took {first_ms:.0f} ms and the slowest "
        f"{slowest_ms:.0f} ms (goal ≤ {served.report_goal_ms:g}); in process the first page of "
        f"a new near-cap sandbox costs {first_page.cpu_ms:.0f} ms of CPU.",
        layer_table(first_page.profile, first_page.cpu_ms * 1000),
        table(["part of the first page (inclusive)", "share"], parts_rows),
        *(
            []
            if met
            else [
                REPORT_LEVERS.format(
                    cpu=first_page.cpu_ms,
                    index=share["Report.__init__"],
                    rows=share["Report._row"],
                )
            ]
        ),
    ]


def _verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def render(profiles: Profiles, served: Served) -> str:
    """The "Where the time goes" section of results.md."""
    read_us = [1e6 / rps for rps in served.read_rps]
    read_needed = read_us[1] / served.read_goal
    read_met = served.read_rps[0] / served.read_rps[1] >= served.read_goal
    write_cpu, bare_write_cpu = served.write_cpu_ms
    write_met = served.write_rps[0] / served.write_rps[1] >= served.write_goal
    mockads_start, moto_start = served.cold_start_ms
    cold = profiles.cold_start
    create = profiles.sandbox_create
    parts = [
        "## Where the time goes (profiles, in process)",
        "Each request below is one call of the WSGI app with a prepared environ (no sockets): "
        f"its CPU is measured over {CALLS:,} calls (a sandbox create: {SANDBOX_CREATES}), then "
        f"sampled by pyinstrument over {PROFILED_CALLS:,} (creates: {SANDBOX_CREATES}). A "
        "layer's time is the self time of the frames in its package (a built-in counts to its "
        "caller), shown as its share of the CPU measured without the profiler.",
        f"### Reads: `tt_video/info/` ({_verdict(read_met)})",
        f"Served at c=1, a read took {read_us[0]:.0f} µs against the bare app's "
        f"{read_us[1]:.0f} µs; {served.read_goal} needs {read_needed:.0f} µs at most, "
        f"{max(0.0, read_us[0] - read_needed):.0f} µs less a read.",
        request_table(profiles.read, "mockads `tt_video/info/`", "bare row by key"),
        layer_table(profiles.read.profile, profiles.read.mockads_us),
        *([] if read_met else [_levers(READ_LEVERS, profiles.read.profile, served.read_goal)]),
        f"### Writes: `ad/create/` ({_verdict(write_met)})",
        f"Served, a write cost the server {write_cpu:.2f} ms of CPU against the bare insert's "
        f"{bare_write_cpu:.2f} ms; {served.write_goal} needs "
        f"{bare_write_cpu / served.write_goal:.2f} ms at most.",
        request_table(profiles.write, "mockads `ad/create/`, one Spark creative", "bare insert"),
        layer_table(profiles.write.profile, profiles.write.mockads_us),
        *([] if write_met else [_levers(WRITE_LEVERS, profiles.write.profile, served.write_goal)]),
    ]
    if moto_start is None:
        parts += ["### Cold start", "moto_server is not installed: nothing to compare."]
    else:
        cold_met = mockads_start <= moto_start
        parts += [
            f"### Cold start ({_verdict(cold_met)})",
            f"mockads started in {mockads_start:.0f} ms, moto_server in {moto_start:.0f} ms. "
            "Imports in a new interpreter, by package (`-X importtime`, which inflates "
            "them), and the untraced times:",
            imports_table(cold),
            *([] if cold_met else [_cold_start_levers(cold)]),
        ]
    create_met = served.create_p95_ms <= served.create_goal_ms
    parts += [
        f"### Sandbox create ({_verdict(create_met)})",
        f"Client-observed p95 {served.create_p95_ms:.1f} ms (goal ≤ {served.create_goal_ms:g}); "
        f"in process a create costs {create.cpu_ms:.1f} ms of CPU.",
        layer_table(create.profile, create.cpu_ms * 1000),
        create_parts_table(create),
        *([] if create_met else [_create_levers(create)]),
    ]
    parts += _report_section(profiles.report_first_page, served)
    return "\n\n".join(parts)
