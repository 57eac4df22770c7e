"""Describing the machine and rendering the benchmark results as Markdown."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from pathlib import Path

from wrk import WrkResult, wrk_version

#: Issue 16's goals: reads at ≥ 0.7 of the bare app, sandbox create ≤ 20 ms and reset ≤ 50 ms.
RATIO_TARGET = 0.7
SANDBOX_GOALS_MS = {"create": 20.0, "reset": 50.0, "delete": 50.0}


def _cpuinfo_model() -> str:
    """Return the CPU model name from /proc/cpuinfo."""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _total_memory() -> str:
    """Return total memory from /proc/meminfo in GiB."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    return "unknown"


def machine_description() -> list[tuple[str, str]]:
    """Return (label, value) pairs describing this machine and the tools used."""
    uname = platform.uname()
    return [
        ("uname -srm", f"{uname.system} {uname.release} {uname.machine}"),
        ("CPU", _cpuinfo_model()),
        ("nproc", str(len(os.sched_getaffinity(0)))),
        ("memory", _total_memory()),
        ("Python", platform.python_version()),
        ("wrk", wrk_version()),
        ("mockads commit", _commit()),
        ("load average at the end (1, 5, 15 min)", ", ".join(f"{n:.2f}" for n in os.getloadavg())),
    ]


def _commit() -> str:
    """The checkout's commit, with `+` when it has uncommitted changes (or "unknown")."""

    def git(*args: str) -> str:
        root = str(Path(__file__).resolve().parents[1])
        command = ["git", "-C", root, *args]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def p95(values: Sequence[float]) -> float:
    """Return the 95th percentile of values (inclusive method)."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Render a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def key_value_list(pairs: Sequence[tuple[str, str]]) -> str:
    """Render (label, value) pairs as a Markdown bullet list."""
    return "\n".join(f"- **{label}**: {value}" for label, value in pairs)


def load_table(results: dict[tuple[str, int], list[WrkResult]]) -> str:
    """Render the per-server, per-concurrency medians over rounds."""
    rows = []
    for (server, connections), runs in results.items():
        rows.append(
            [
                server,
                str(connections),
                f"{statistics.median(r.requests_per_sec for r in runs):.0f}",
                f"{statistics.median(r.p50_ms for r in runs):.2f}",
                f"{statistics.median(r.p99_ms for r in runs):.2f}",
                " / ".join(f"{r.requests_per_sec:.0f}" for r in runs),
                str(sum(r.non_2xx for r in runs)),
                str(sum(r.socket_errors for r in runs)),
            ]
        )
    header = [
        "server",
        "concurrency",
        "req/s",
        "p50 (ms)",
        "p99 (ms)",
        "req/s per round",
        "non-2xx",
        "socket errors",
    ]
    return table(header, rows)


def ratio_table(results: dict[tuple[str, int], list[WrkResult]], concurrencies: list[int]) -> str:
    """Render the mockads/bare ratio of median req/s at each concurrency against the target."""
    rows = []
    for connections in concurrencies:
        mockads = statistics.median(r.requests_per_sec for r in results["mockads", connections])
        bare = statistics.median(r.requests_per_sec for r in results["bare", connections])
        ratio = mockads / bare
        verdict = "met" if ratio >= RATIO_TARGET else "**missed**"
        rows.append([str(connections), f"{mockads:.0f}", f"{bare:.0f}", f"{ratio:.2f}", verdict])
    header = ["concurrency", "mockads req/s", "bare req/s", "ratio", f"target ≥ {RATIO_TARGET}"]
    return table(header, rows)


def sandbox_table(timings: dict[str, list[float]]) -> str:
    """Render median, p95 and max per sandbox operation against its goal (held to the p95)."""
    rows = []
    for operation, values in timings.items():
        median, high = statistics.median(values), p95(values)
        goal = SANDBOX_GOALS_MS[operation]
        verdict = f"≤ {goal:g} ms: " + ("met" if high <= goal else "**missed**")
        row = [operation, str(len(values)), f"{median:.1f}", f"{high:.1f}", f"{max(values):.1f}"]
        rows.append([*row, verdict])
    header = ["operation", "n", "median (ms)", "p95 (ms)", "max (ms)", "goal (p95)"]
    return table(header, rows)
