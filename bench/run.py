"""Benchmark driver behind `make bench`: mockads against a bare Flask + SQLite baseline.

Environment: BENCH_DURATION (seconds per wrk run, default 5), BENCH_THREADS (waitress
threads of both servers, default 4), BENCH_ROUNDS (interleaved load rounds, default 3).
Writes bench/results.md and prints the same report; exits non-zero if anything fails to run
or answers non-2xx under load, but not when a performance target is missed.
"""

from __future__ import annotations

import os
import signal
import statistics
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import mockads_api
import profile_report
import profiles
import report
import reports
import scaleout
import servers
import writes
from client import UnexpectedResponse
from wrk import WrkError, WrkResult, run_wrk

RESULTS_PATH = Path(__file__).resolve().parent / "results.md"
CONCURRENCIES = [1, 16]
SANDBOX_OPERATIONS = 20
WARMUP_S = 1.0
WARMUP_CONNECTIONS = 16
BARE_ITEM_PATH = "/item/500"


@dataclass(frozen=True)
class Settings:
    """Benchmark parameters read from the environment."""

    duration_s: float
    threads: int
    rounds: int


@dataclass(frozen=True)
class Results:
    """Everything measured in one benchmark run."""

    started_at: datetime
    cold_starts: scaleout.ColdStarts
    load: dict[tuple[str, int], list[WrkResult]]
    sandbox_ms: dict[str, list[float]]
    report: reports.ReportTimings
    worker_reads: scaleout.WorkerReads
    memory: scaleout.Memory
    write_results: writes.WriteResults
    profiles: profiles.Profiles


def log(message: str) -> None:
    """Print a progress message to stderr."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def read_settings() -> Settings:
    """Read BENCH_DURATION, BENCH_THREADS and BENCH_ROUNDS with their defaults."""
    return Settings(
        duration_s=float(os.environ.get("BENCH_DURATION", "5")),
        threads=int(os.environ.get("BENCH_THREADS", "4")),
        rounds=int(os.environ.get("BENCH_ROUNDS", "3")),
    )


def run_load(
    targets: dict[str, mockads_api.Target], settings: Settings
) -> dict[tuple[str, int], list[WrkResult]]:
    """Warm each server up, then run interleaved wrk rounds over concurrencies and servers."""
    for name, target in targets.items():
        log(f"warm-up {name}: {WARMUP_S:g} s at c={WARMUP_CONNECTIONS}")
        run_wrk(target.url, WARMUP_CONNECTIONS, WARMUP_S, target.headers)
    results: dict[tuple[str, int], list[WrkResult]] = {
        (name, c): [] for c in CONCURRENCIES for name in targets
    }
    for round_no in range(1, settings.rounds + 1):
        for connections in CONCURRENCIES:
            for name, target in targets.items():
                result = run_wrk(target.url, connections, settings.duration_s, target.headers)
                results[name, connections].append(result)
                log(
                    f"round {round_no}/{settings.rounds} {name} c={connections}: "
                    f"{result.requests_per_sec:.0f} req/s, p50 {result.p50_ms:.2f} ms, "
                    f"p99 {result.p99_ms:.2f} ms, non-2xx {result.non_2xx}"
                )
    return results


def run_benchmark(settings: Settings) -> Results:
    """Measure cold start, then load both servers and time sandbox operations on mockads."""
    started_at = datetime.now(UTC)
    cold_starts = scaleout.measure_cold_starts(settings.threads, log)
    mockads_port, bare_port = servers.free_port(), servers.free_port()
    with ExitStack() as stack:
        mockads = stack.enter_context(
            servers.running(
                "mockads",
                servers.mockads_command(mockads_port, settings.threads),
                mockads_port,
                servers.HEALTH_PATH,
            )
        )
        bare = stack.enter_context(
            servers.running(
                "bare",
                servers.bare_command(bare_port, settings.threads),
                bare_port,
                BARE_ITEM_PATH,
            )
        )
        target = mockads_api.video_info_target(mockads.base_url)
        mockads_api.verify_target(target)
        log(f"target verified: GET {target.url}")
        bare_target = mockads_api.Target(bare.base_url + BARE_ITEM_PATH, target.headers)
        load = run_load({"mockads": target, "bare": bare_target}, settings)
        mockads_api.verify_target(target)
        log(f"sandbox operations: {SANDBOX_OPERATIONS} each of create, reset, delete")
        timings = mockads_api.time_sandbox_operations(mockads.base_url, SANDBOX_OPERATIONS)
        log("report at the cap: the near-cap account's 30-day daily ad report, page by page")
        report_timings = reports.read_near_cap_report(mockads.base_url)
        log("writes: ad/create/ against the bare insert, then 10,000 Spark ads")
        write_results = writes.measure_writes(mockads, bare, settings.rounds, settings.duration_s)
    sandbox_ms = {
        "create": timings.create_ms,
        "reset": timings.reset_ms,
        "delete": timings.delete_ms,
    }
    log(f"reads at {scaleout.WORKER_COUNTS} workers, c={scaleout.READ_CONNECTIONS}")
    worker_reads = scaleout.measure_worker_reads(
        settings.threads, settings.duration_s, settings.rounds, log
    )
    log("memory with the near-cap sandbox")
    memory = scaleout.measure_memory(settings.threads)
    where_time_goes = profiles.measure(cold_starts.moto_s is not None, log)
    return Results(
        started_at,
        cold_starts,
        load,
        sandbox_ms,
        report_timings,
        worker_reads,
        memory,
        write_results,
        where_time_goes,
    )


def load_problems(load: dict[tuple[str, int], list[WrkResult]]) -> list[str]:
    """List the load runs that saw non-2xx responses or socket errors."""
    problems = []
    for (name, connections), runs in load.items():
        for round_no, run in enumerate(runs, start=1):
            if run.non_2xx or run.socket_errors:
                problems.append(
                    f"{name} c={connections} round {round_no}: {run.non_2xx} non-2xx responses, "
                    f"{run.socket_errors} socket errors out of {run.requests} requests"
                )
    return problems


def served_figures(results: Results) -> profile_report.Served:
    """The figures measured over HTTP that the profiles explain."""

    def rps(name: str, connections: int) -> float:
        return statistics.median(r.requests_per_sec for r in results.load[name, connections])

    mine, theirs = results.write_results.mockads, results.write_results.bare
    moto = results.cold_starts.moto_s
    return profile_report.Served(
        read_rps=(rps("mockads", 1), rps("bare", 1)),
        read_goal=report.RATIO_TARGET,
        write_rps=(
            statistics.median(r.wrk.requests_per_sec for r in mine),
            statistics.median(r.wrk.requests_per_sec for r in theirs),
        ),
        write_cpu_ms=(
            statistics.median(r.server_cpu_ms for r in mine),
            statistics.median(r.server_cpu_ms for r in theirs),
        ),
        write_goal=writes.RATIO_GOAL,
        cold_start_ms=(
            statistics.median(results.cold_starts.mockads_s) * 1000,
            statistics.median(moto) * 1000 if moto else None,
        ),
        create_p95_ms=report.p95(results.sandbox_ms["create"]),
        create_goal_ms=report.SANDBOX_GOALS_MS["create"],
        report_pages_ms=(results.report.page_ms[0], max(results.report.page_ms)),
        report_goal_ms=reports.PAGE_GOAL_MS,
        fill=results.write_results.fill,
        fill_goal_s=writes.FILL_GOAL_S,
    )


def render(settings: Settings, results: Results, problems: list[str]) -> str:
    """Render the full Markdown report."""
    parameters = [
        ("waitress threads (both servers)", str(settings.threads)),
        ("wrk duration per run", f"{settings.duration_s:g} s"),
        ("rounds (interleaved)", str(settings.rounds)),
        ("concurrencies", ", ".join(map(str, CONCURRENCIES))),
        ("mockads request", f"GET {mockads_api.VIDEO_INFO_PATH} (default sandbox, seed 1)"),
        ("bare request", f"GET {BARE_ITEM_PATH} (Flask + sqlite3, same waitress threads)"),
        ("mockads write", "POST /open_api/v1.3/ad/create/, one Spark creative, new sandbox a run"),
        ("bare write", f"POST {writes.BARE_INSERT_PATH} (a row from JSON; WAL, synchronous OFF)"),
    ]
    sections = [
        "# mockads benchmark",
        f"Run started at {results.started_at:%Y-%m-%d %H:%M:%S} UTC.",
        "## Machine\n\n" + report.key_value_list(report.machine_description()),
        "## Parameters\n\n" + report.key_value_list(parameters),
        "## Load (median over rounds)\n\n" + report.load_table(results.load),
        "## Throughput ratio mockads/bare\n\n" + report.ratio_table(results.load, CONCURRENCIES),
        "## Cold start (spawn to first answer), beside moto_server in the same run\n\n"
        + scaleout.cold_start_table(results.cold_starts),
        "## Sandbox operations (client-observed)\n\n" + report.sandbox_table(results.sandbox_ms),
        "## Report at the cap (client-observed)\n\n" + reports.report_table(results.report),
        f"## Reads by worker processes (`serve --workers N`, c={scaleout.READ_CONNECTIONS})\n\n"
        + scaleout.worker_reads_table(results.worker_reads),
        "## Memory at 10,000 ads\n\n" + scaleout.memory_table(results.memory),
        *writes.write_sections(results.write_results),
        profile_report.render(results.profiles, served_figures(results)),
    ]
    if problems:
        sections.append("## Problems\n\n" + "\n".join(f"- {p}" for p in problems))
    return "\n\n".join(sections) + "\n"


def raise_system_exit(signum: int, _frame: FrameType | None) -> None:
    """Turn SIGTERM into SystemExit so that child servers are stopped on the way out."""
    raise SystemExit(128 + signum)


def main() -> int:
    """Run the benchmark, write and print the report, and return the exit status."""
    signal.signal(signal.SIGTERM, raise_system_exit)
    settings = read_settings()
    try:
        results = run_benchmark(settings)
    except (servers.ServerError, UnexpectedResponse, WrkError, OSError) as error:
        log(f"FAILED: {error}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    problems = load_problems(results.load)
    text = render(settings, results, problems)
    RESULTS_PATH.write_text(text)
    print(text, end="")
    log(f"wrote {RESULTS_PATH}")
    return 1 if any(run.non_2xx for runs in results.load.values() for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
