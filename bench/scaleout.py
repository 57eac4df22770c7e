"""Issue 16's start-up and scale-out figures: cold start beside moto_server, reads at 1, 2 and 4
workers beside the bare app at the same worker count, and memory at 10,000 ads.

moto_server (the `bench` extra, `pip install -e '.[bench]'`) starts in the same run, turn about
with mockads, so both meet the same machine load. Reads run `tt_video/info/` against `mockads
serve --workers N --db ...` and `GET /item/<id>` against `bare_app.py --workers N` (one process:
waitress for both; more: gunicorn gthread for both), on a SQLite file and, when
`MOCKADS_BENCH_POSTGRES_URL` (or `MOCKADS_TEST_POSTGRES_URL`) names a database, on PostgreSQL.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import mockads_api
import servers
from client import expect_status, request
from report import table
from wrk import WrkResult, run_wrk

import mockads
from mockads.testing.reports import ETL_REPORT_METRICS

WORKER_COUNTS = (1, 2, 4)
READ_CONNECTIONS = 16
COLD_START_PAIRS = 7
MOTO_READY_PATH = "/moto-api/"
BARE_ITEM_PATH = "/item/500"


@dataclass(frozen=True)
class ColdStarts:
    """Seconds from spawn to first answer, in pairs run turn about; moto None when absent."""

    mockads_s: list[float]
    moto_s: list[float] | None


@dataclass(frozen=True)
class WorkerReads:
    """Median req/s of mockads and the bare app per (backend, workers); over mockads' rounds,
    the CPU its processes spent per request (microseconds) and how busy the whole machine
    was (0 to 1: mockads, its database server and wrk share it); NaN without /proc."""

    mockads: dict[tuple[str, int], WrkResult]
    bare: dict[tuple[str, int], WrkResult]
    mockads_cpu_us: dict[tuple[str, int], float]
    machine_busy: dict[tuple[str, int], float]
    skipped: list[str]


@dataclass(frozen=True)
class Memory:
    """Resident memory of a server holding the near-cap sandbox (10,000 ads), in MiB."""

    ads: int
    started_mib: float
    after_report_mib: float


def _moto_command(port: int) -> list[str] | None:
    found = shutil.which("moto_server") or Path(sys.executable).with_name("moto_server")
    return [str(found), "-p", str(port)] if Path(found).exists() else None


def _time_to_answer(name: str, command: list[str], port: int, path: str) -> float:
    started = time.perf_counter()
    server = servers.spawn(name, command, port)
    try:
        servers.wait_until_answers(server, path)
        return time.perf_counter() - started
    finally:
        servers.stop(server)


def _as_installed() -> None:
    """Compile mockads' modules as pip compiles an installed package's (moto_server's were, at
    its install): an editable checkout has no bytecode until it runs, and none at all where
    PYTHONDONTWRITEBYTECODE is set, which would time Python's compiler, not a start."""
    compileall.compile_dir(Path(mockads.__file__).parent, quiet=1)


def measure_cold_starts(threads: int, log: Callable[[str], None]) -> ColdStarts:
    """mockads and moto_server spawned turn about, COLD_START_PAIRS times each, after one
    start of each that is not counted (it fills the OS's file cache and mockads' template)."""
    mockads_s: list[float] = []
    moto_s: list[float] = []
    have_moto = _moto_command(0) is not None
    _as_installed()
    port = servers.free_port()
    _time_to_answer("mockads", servers.mockads_command(port, threads), port, servers.HEALTH_PATH)
    if have_moto:
        port = servers.free_port()
        command = _moto_command(port)
        assert command is not None
        _time_to_answer("moto", command, port, MOTO_READY_PATH)
    for run in range(1, COLD_START_PAIRS + 1):
        port = servers.free_port()
        mockads_s.append(
            _time_to_answer(
                "mockads", servers.mockads_command(port, threads), port, servers.HEALTH_PATH
            )
        )
        line = f"cold start {run}/{COLD_START_PAIRS}: mockads {mockads_s[-1] * 1000:.0f} ms"
        if have_moto:
            port = servers.free_port()
            command = _moto_command(port)
            assert command is not None
            moto_s.append(_time_to_answer("moto", command, port, MOTO_READY_PATH))
            line += f", moto_server {moto_s[-1] * 1000:.0f} ms"
        log(line)
    return ColdStarts(mockads_s, moto_s if have_moto else None)


def cold_start_table(starts: ColdStarts) -> str:
    """mockads beside moto_server: medians, ratio and each run."""
    mockads_ms = statistics.median(starts.mockads_s) * 1000
    rows = [["mockads serve", f"{mockads_ms:.0f}", _runs(starts.mockads_s), ""]]
    if starts.moto_s is None:
        rows.append(["moto_server", "-", "not installed (pip install -e '.[bench]')", ""])
    else:
        moto_ms = statistics.median(starts.moto_s) * 1000
        verdict = "met" if mockads_ms <= moto_ms else "missed"
        rows.append(["moto_server", f"{moto_ms:.0f}", _runs(starts.moto_s), ""])
        rows.append(["mockads / moto_server", f"{mockads_ms / moto_ms:.2f}", "", verdict])
    return table(["server", "median (ms)", "each run (ms)", "goal ≤ moto_server"], rows)


def _runs(seconds: list[float]) -> str:
    return ", ".join(f"{s * 1000:.0f}" for s in seconds)


def _postgres_url() -> str | None:
    return os.environ.get("MOCKADS_BENCH_POSTGRES_URL") or os.environ.get(
        "MOCKADS_TEST_POSTGRES_URL"
    )


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine

    from mockads.store.tables import metadata

    engine = create_engine(url)
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()


def _runs_of(url: str, headers: dict[str, str], duration_s: float, rounds: int) -> list[WrkResult]:
    return [run_wrk(url, READ_CONNECTIONS, duration_s, headers) for _ in range(rounds)]


def _median(results: list[WrkResult]) -> WrkResult:
    return sorted(results, key=lambda r: r.requests_per_sec)[len(results) // 2]


def _cpu_seconds(pid: int) -> float:
    """User and system CPU of a process and its children (gunicorn's workers) so far; NaN
    where there is no /proc."""
    main = Path(f"/proc/{pid}")
    if not main.exists():
        return float("nan")
    children = main / "task" / str(pid) / "children"
    pids = [pid, *(int(child) for child in children.read_text().split())]
    ticks = 0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a worker gone meanwhile
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _machine_ticks() -> tuple[int, int]:
    """(busy, all) CPU ticks of the whole machine so far, from /proc/stat; (0, 0) without."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return 0, 0
    ticks = [int(field) for field in first[1:9]]  # user … steal; guest time is inside user
    idle = ticks[3] + ticks[4]  # idle, iowait
    return sum(ticks) - idle, sum(ticks)


def _busy_since(before: tuple[int, int]) -> float:
    busy, total = (now - then for now, then in zip(_machine_ticks(), before, strict=True))
    return busy / total if total else float("nan")


def measure_worker_reads(
    threads: int,
    duration_s: float,
    rounds: int,
    log: Callable[[str], None],
) -> WorkerReads:
    """`tt_video/info/` and the bare row at c=16, per backend and worker count."""
    backends: list[tuple[str, str | None]] = [("sqlite", None)]
    skipped = []
    postgres = _postgres_url()
    if postgres:
        backends.append(("postgresql", postgres))
    else:
        skipped.append("PostgreSQL: set MOCKADS_BENCH_POSTGRES_URL to a database to measure it")
    mockads_results: dict[tuple[str, int], WrkResult] = {}
    bare_results: dict[tuple[str, int], WrkResult] = {}
    cpu_us: dict[tuple[str, int], float] = {}
    busy: dict[tuple[str, int], float] = {}
    for backend, url in backends:
        for workers in WORKER_COUNTS:
            with tempfile.TemporaryDirectory(prefix="mockads-bench-") as directory:
                if url is None:
                    db = f"sqlite:///{directory}/mockads.db"
                else:
                    _empty_postgres(url)
                    db = url
                port, bare_port = servers.free_port(), servers.free_port()
                command = servers.mockads_command(port, threads)
                command += ["--workers", str(workers), "--db", db]
                bare_command = servers.bare_command(bare_port, threads)
                bare_command += ["--workers", str(workers)]
                if url is not None:
                    bare_command += ["--db", url]
                with (
                    servers.running("mockads", command, port, servers.HEALTH_PATH) as mockads,
                    servers.running("bare", bare_command, bare_port, BARE_ITEM_PATH) as bare,
                ):
                    target = mockads_api.video_info_target(mockads.base_url)
                    mockads_api.verify_target(target)
                    bare_url = bare.base_url + BARE_ITEM_PATH
                    run_wrk(target.url, READ_CONNECTIONS, 1.0, target.headers)
                    run_wrk(bare_url, READ_CONNECTIONS, 1.0, target.headers)
                    key = (backend, workers)
                    cpu_s, machine = _cpu_seconds(mockads.process.pid), _machine_ticks()
                    runs = _runs_of(target.url, target.headers, duration_s, rounds)
                    cpu_s = _cpu_seconds(mockads.process.pid) - cpu_s
                    busy[key] = _busy_since(machine)
                    cpu_us[key] = cpu_s / max(1, sum(r.requests for r in runs)) * 1e6
                    mockads_results[key] = _median(runs)
                    bare_results[key] = _median(
                        _runs_of(bare_url, target.headers, duration_s, rounds)
                    )
                log(
                    f"reads {backend} workers={workers}: mockads "
                    f"{mockads_results[key].requests_per_sec:.0f} req/s "
                    f"({cpu_us[key]:.0f} µs CPU a request, machine {busy[key]:.0%} busy), bare "
                    f"{bare_results[key].requests_per_sec:.0f} req/s"
                )
    return WorkerReads(mockads_results, bare_results, cpu_us, busy, skipped)


def worker_reads_table(reads: WorkerReads) -> str:
    """Req/s and ratio per backend and worker count, and how each scales from one worker."""
    rows = []
    for (backend, workers), result in reads.mockads.items():
        bare = reads.bare[backend, workers]
        one = reads.mockads[backend, 1].requests_per_sec
        rows.append(
            [
                backend,
                str(workers),
                f"{result.requests_per_sec:.0f}",
                f"{bare.requests_per_sec:.0f}",
                f"{result.requests_per_sec / bare.requests_per_sec:.2f}",
                f"{result.requests_per_sec / one:.2f}",
                f"{reads.mockads_cpu_us[backend, workers]:.0f}",
                f"{reads.machine_busy[backend, workers]:.0%}",
                f"{result.p99_ms:.1f}",
                str(result.non_2xx),
            ]
        )
    header = [
        "backend",
        "workers",
        "mockads req/s",
        "bare req/s",
        "ratio",
        "vs one worker",
        "mockads CPU/request (µs)",
        "machine CPU busy",
        "mockads p99 (ms)",
        "non-2xx",
    ]
    notes = "".join(f"\n\n{line}" for line in [*_unscaled(reads), *reads.skipped])
    return table(header, rows) + notes


def _unscaled(reads: WorkerReads) -> list[str]:
    """For a backend whose reads did not scale, how busy the machine was and what a request
    cost at each worker count: the measured reason, where the cores were already full."""
    notes = []
    for backend in dict.fromkeys(backend for backend, _ in reads.mockads):
        one = reads.mockads[backend, 1].requests_per_sec
        best = max(reads.mockads[backend, w].requests_per_sec for w in WORKER_COUNTS)
        if best >= 1.2 * one:
            continue
        busy = " / ".join(f"{reads.machine_busy[backend, w]:.0%}" for w in WORKER_COUNTS)
        cpu = " / ".join(f"{reads.mockads_cpu_us[backend, w]:,.0f}" for w in WORKER_COUNTS)
        counts = " / ".join(map(str, WORKER_COUNTS))
        notes.append(
            f"{backend} did not scale. At {counts} workers the machine's {os.cpu_count()} cores "
            f"were {busy} busy, and mockads spent {cpu} µs of CPU a request: its workers, the "
            "database server and wrk share the cores, so more workers add contention, not CPU."
        )
    return notes


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_memory(threads: int) -> Memory:
    """RSS of `mockads serve --scenario near-cap` once started, and after the first page of
    its 30-day daily ad report (the delivery of 10,000 ads computed and cached)."""
    port = servers.free_port()
    command = servers.mockads_command(port, threads)
    command[command.index("default")] = "near-cap"
    with servers.running("mockads", command, port, servers.HEALTH_PATH) as server:
        sandbox = expect_status(
            request("GET", f"{server.base_url}/_mockads/v1/sandboxes/default"), 200
        ).json()
        advertiser_id = sandbox["advertiser_ids"][0]
        headers = {"Access-Token": sandbox["access_token"]}
        ads_url = f"{server.base_url}/open_api/v1.3/ad/get/?advertiser_id={advertiser_id}"
        ads = expect_status(request("GET", ads_url, headers=headers), 200).json()
        count = ads["data"]["page_info"]["total_number"]
        started = _rss_mib(server.process.pid)
        today = date.fromisoformat(sandbox["clock"]["now"][:10])
        query = {
            "advertiser_id": advertiser_id,
            "report_type": "BASIC",
            "data_level": "AUCTION_AD",
            "dimensions": json.dumps(["ad_id", "stat_time_day"]),
            "metrics": json.dumps(ETL_REPORT_METRICS),
            "start_date": str(today - timedelta(days=29)),
            "end_date": str(today),
            "page_size": "1000",
        }
        report_url = (
            f"{server.base_url}/open_api/v1.3/report/integrated/get/?"
            + urllib.parse.urlencode(query)
        )
        expect_status(request("GET", report_url, headers=headers), 200)
        return Memory(int(count), started, _rss_mib(server.process.pid))


def memory_table(memory: Memory) -> str:
    """RSS with the near-cap sandbox."""
    ads = str(memory.ads)
    return table(
        ["server (one process)", "ads", "RSS (MiB)"],
        [
            ["started, near-cap default sandbox", ads, f"{memory.started_mib:.0f}"],
            ["after its 30-day ad report's first page", ads, f"{memory.after_report_mib:.0f}"],
        ],
    )
