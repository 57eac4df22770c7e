"""results.md's "Where the time goes": the profiles of `profiles.py` as tables, and for each
goal missed, what is left and what it would take, built from the figures of the run."""

from __future__ import annotations

from dataclasses import dataclass

import writes
from profiles import (
    PROFILED_CALLS,
    REPORT_PARTS,
    SANDBOX_CREATES,
    SURFACES_GROUP,
    ColdStartProfile,
    Fill,
    FirstPage,
    Profiles,
    Request,
    SandboxCreate,
)
from report import table
from sampling import CALLS, DATABASE_LAYER, Profile


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
    fill: writes.FillTiming
    fill_goal_s: float


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


def _levers(text: str, profile: Profile, **figures: object) -> str:
    """A request's levers, with the shares of its three big parts and the other `figures`."""

    def share(*layers: str) -> float:
        return profile.share(sum(profile.layers.get(layer, 0.0) for layer in layers))

    return text.format(
        flask=share("Flask and Werkzeug"),
        store=share("mockads store", DATABASE_LAYER),
        http=share(
            "mockads HTTP layer (routes, hooks, envelope)", "mockads schemas", "marshmallow"
        ),
        **figures,
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


FILL_LEVERS = """\
The store with SQLAlchemy and SQLite is {store:.0%} of the fill (one `executemany` per table
and call, the cap's one conditional UPDATE, each ad's status history, each call's journal
entry), mockads' HTTP layer, schemas and marshmallow {http:.0%} (the creatives read through
`schemas/light.py`), Flask and Werkzeug {flask:.0%}. In process the fill costs {ratio:.0%} of
the server's CPU for it: the rest is what serving adds (waitress, sockets), {per_call:.2f} ms
a call. What would take more off is fewer rows an ad (its status history, its journal entry),
which clients read, or fewer calls, which is the client's choice."""


def _fill_section(fill: Fill, served: Served) -> list[str]:
    timing = served.fill
    met = timing.seconds <= served.fill_goal_s
    return [
        f"### 10,000 Spark ads through the API ({_verdict(met)})",
        f"Served, {timing.ads:,} Spark ads took {timing.seconds:.2f} s in {timing.calls} calls "
        f"({timing.server_cpu_s:.2f} s of server CPU; goal ≤ {served.fill_goal_s:g} s). In "
        f"process the same fill ({fill.calls} calls) costs {fill.cpu_s:.2f} s of CPU.",
        layer_table(fill.profile, fill.cpu_s * 1e6 / fill.calls),
        *(
            []
            if met
            else [
                _levers(
                    FILL_LEVERS,
                    fill.profile,
                    ratio=fill.cpu_s / timing.server_cpu_s,
                    per_call=(timing.server_cpu_s - fill.cpu_s) * 1000 / timing.calls,
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
        *([] if read_met else [_levers(READ_LEVERS, profiles.read.profile, goal=served.read_goal)]),
        f"### Writes: `ad/create/` ({_verdict(write_met)})",
        f"Served, a write cost the server {write_cpu:.2f} ms of CPU against the bare insert's "
        f"{bare_write_cpu:.2f} ms; {served.write_goal} needs "
        f"{bare_write_cpu / served.write_goal:.2f} ms at most.",
        request_table(profiles.write, "mockads `ad/create/`, one Spark creative", "bare insert"),
        layer_table(profiles.write.profile, profiles.write.mockads_us),
        *([] if write_met else [_levers(WRITE_LEVERS, profiles.write.profile)]),
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
    parts += _fill_section(profiles.fill, served)
    parts += _report_section(profiles.report_first_page, served)
    return "\n\n".join(parts)
