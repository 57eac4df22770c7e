"""A real `mockads serve` process per test module, and a small JSON-over-HTTP client for it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

STARTUP_TIMEOUT = 20.0


class Server:
    """A running `mockads serve`: its banner, its URL, and calls to it."""

    timeout = 10.0  # seconds a call may wait for its answer

    def __init__(self, process: subprocess.Popen[Any], banner: str) -> None:
        self.process = process
        self.banner = banner
        self.base_url = re.search(r"serving on (http://\S+)", banner).group(1)  # type: ignore[union-attr]
        self.token: str | None = None  # sent as Access-Token unless a call gives its own

    def call(
        self, method: str, path: str, body: Any = None, *, token: str | None = None, **query: Any
    ) -> tuple[int, Any]:
        """One request; arrays and objects in the query JSON-encoded, as real clients do."""
        url = f"{self.base_url}{path}"
        if query:
            encoded = {
                k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in query.items()
            }
            url += "?" + urlencode(encoded, quote_via=quote)
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token or self.token:
            request.add_header("Access-Token", token or self.token or "")
        return self._send(request)

    def _send(self, request: urllib.request.Request) -> tuple[int, Any]:
        """(status, JSON body) of one request."""
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read() or b"null")


def ok(answer: tuple[int, Any], status: int = 200) -> Any:
    """The data of a successful answer (mirror envelopes must say code 0, "OK")."""
    code, body = answer
    assert code == status, body
    if isinstance(body, dict) and "request_id" in body:
        assert (body["code"], body["message"]) == (0, "OK"), body
        return body["data"]
    return body


def readme_block(heading: str) -> str:
    """The first shell block after a README heading."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split(heading, 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


def run_readme_script(heading: str, base_url: str, cwd: Path | None = None) -> list[Any]:
    """Run the README's shell block under `heading` against `base_url`; its JSON answers."""
    script = readme_block(heading).replace("http://127.0.0.1:8765", base_url)
    output = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=cwd,
    )
    return [json.loads(line) for line in output.stdout.replace("}{", "}\n{").splitlines()]


@contextmanager
def serving(command: Sequence[str], cwd: Path | None = None) -> Iterator[Server]:
    """`command` (a `mockads serve --port 0 ...`) running until the block ends."""
    process = subprocess.Popen(
        list(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd
    )
    try:
        yield Server(process, _read_banner(process))
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """`mockads serve` on a free port for the module's tests, stopped afterwards."""
    with serving([sys.executable, "-m", "mockads", "serve", "--port", "0", "--threads", "4"]) as s:
        yield s


def _read_banner(process: subprocess.Popen[str]) -> str:
    """Everything the server prints up to and including its curl example."""
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("mockads serve exited:\n" + "".join(lines))
        lines.append(line)
        if line.strip().startswith("curl "):
            return "".join(lines)
    raise AssertionError("no banner in time:\n" + "".join(lines))
