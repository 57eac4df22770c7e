"""Running the wrk load generator and parsing its --latency report."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = re.compile(r"^([\d.]+)(us|ms|s|m|h)$")
_REQUESTS_PER_SEC = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_REQUESTS_TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)", re.MULTILINE)
_SOCKET_ERRORS = re.compile(
    r"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)


class WrkError(RuntimeError):
    """wrk failed to run or printed a report that could not be parsed."""


@dataclass(frozen=True)
class WrkResult:
    """The numbers taken from one wrk run."""

    requests_per_sec: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int


def threads_for(connections: int) -> int:
    """Return the wrk thread count used for a concurrency level (2 from 16 connections on)."""
    return 2 if connections >= 16 else 1


def duration_ms(text: str) -> float:
    """Convert a wrk duration such as '812.00us', '7.07ms' or '1.20s' to milliseconds."""
    match = _DURATION.match(text.strip())
    if match is None:
        raise WrkError(f"unrecognised wrk duration: {text!r}")
    return float(match.group(1)) * _UNIT_MS[match.group(2)]


def _percentile_ms(output: str, percent: int) -> float:
    """Return one percentile of wrk's 'Latency Distribution' block in milliseconds."""
    match = re.search(rf"^\s*{percent}(?:\.0+)?%\s+(\S+)\s*$", output, re.MULTILINE)
    if match is None:
        raise WrkError(f"no {percent}% latency line in wrk output:\n{output}")
    return duration_ms(match.group(1))


def _required(pattern: re.Pattern[str], output: str) -> re.Match[str]:
    """Return the match of pattern in output or raise WrkError."""
    match = pattern.search(output)
    if match is None:
        raise WrkError(f"no match for {pattern.pattern!r} in wrk output:\n{output}")
    return match


def parse_output(output: str) -> WrkResult:
    """Parse the report printed by 'wrk --latency'."""
    non_2xx = _NON_2XX.search(output)
    socket_errors = _SOCKET_ERRORS.search(output)
    return WrkResult(
        requests_per_sec=float(_required(_REQUESTS_PER_SEC, output).group(1)),
        p50_ms=_percentile_ms(output, 50),
        p99_ms=_percentile_ms(output, 99),
        requests=int(_required(_REQUESTS_TOTAL, output).group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(map(int, socket_errors.groups())) if socket_errors else 0,
    )


def run_wrk(
    url: str,
    connections: int,
    duration_s: float,
    headers: dict[str, str],
    body: object | None = None,
) -> WrkResult:
    """Load url with wrk at the given concurrency for duration_s seconds and parse the report;
    with `body`, each request POSTs it as JSON."""
    command = [
        "wrk",
        f"-t{threads_for(connections)}",
        f"-c{connections}",
        f"-d{duration_s:g}s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as directory:
        if body is not None:
            command += ["-H", "Content-Type: application/json", "-s", _post_script(directory, body)]
        command.append(url)
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=duration_s + 60, check=False
        )
    if completed.returncode != 0:
        raise WrkError(
            f"wrk exited with {completed.returncode}: {completed.stderr.strip()}"
            f"\n{completed.stdout}"
        )
    return parse_output(completed.stdout)


def _post_script(directory: str, body: object) -> str:
    """A wrk Lua script that POSTs `body` as JSON; its path."""
    path = Path(directory) / "post.lua"
    # A JSON string is a valid Lua string literal for the ASCII text json.dumps writes.
    path.write_text(f'wrk.method = "POST"\nwrk.body = {json.dumps(json.dumps(body))}\n')
    return str(path)


def wrk_version() -> str:
    """Return wrk's version line (wrk -v prints it before its usage text)."""
    completed = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    lines = (completed.stdout + completed.stderr).splitlines()
    return lines[0].split(" Copyright")[0].strip() if lines else "unknown"
