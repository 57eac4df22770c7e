"""The pytest plugin, loaded through the `pytest11` entry point: fixtures, the marker, options.

`@pytest.mark.mockads(...)` options of `mockads_sandbox`: `scenario=`, `seed=`; `state=` (a state
file, relative to the test's file, or a state document: the sandbox starts from it instead);
`review=` (`instant`, `delayed`, `manual`); `now="YYYY-MM-DD HH:MM:SS"` (the sandbox clock set
to that UTC time) and `frozen=True` (the clock stopped, at `now` when given); `live=True` (on
`mockads_server`).

`--mockads-db URL` (or the ini option `mockads_db`) gives the session's live server a database
(`mockads serve --db URL`); without it, the server keeps its data in memory.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from mockads.testing.helper import CONTROL, ControlError, Sandbox
from mockads.testing.http import HttpClient
from mockads.testing.state import StateSource, put_state

if TYPE_CHECKING:
    from flask import Flask
    from flask.testing import FlaskClient

__all__ = ["LiveServer", "mockads_app", "mockads_sandbox", "mockads_server"]


@pytest.fixture(scope="session")
def mockads_app() -> Flask:
    """An in-process mockads app with an in-memory store."""
    from mockads.app import create_app
    from mockads.settings import Settings

    return create_app(Settings(db="sqlite://"))


@dataclass
class LiveServer:
    """A `mockads serve` process: its URL and what it printed at start."""

    url: str
    banner: str
    process: subprocess.Popen[bytes]


#: How long `mockads serve` may take to print its banner.
STARTUP_SECONDS = 30.0


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--mockads-db URL` and the ini option `mockads_db`."""
    help_text = "database of the session's live mockads server (mockads serve --db URL)"
    parser.getgroup("mockads").addoption(
        "--mockads-db", dest="mockads_db", default=None, metavar="URL", help=help_text
    )
    parser.addini("mockads_db", help_text, default="")


@pytest.fixture(scope="session")
def mockads_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """A real `mockads serve` on 127.0.0.1 and a free port, for the whole session (on the
    database `--mockads-db` or the ini option `mockads_db` names, if any)."""
    config = request.config
    db = config.getoption("mockads_db") or config.getini("mockads_db")
    command = [sys.executable, "-m", "mockads", "serve", "--port", "0"]
    if db:
        command += ["--db", str(db)]
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield _started(process, output)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _started(process: subprocess.Popen[bytes], output: Any) -> LiveServer:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        output.seek(0)
        text = output.read().decode(errors="replace")
        for line in text.splitlines():
            if line.startswith("mockads serving on "):
                return LiveServer(line.removeprefix("mockads serving on ").strip(), text, process)
        if process.poll() is not None:
            raise RuntimeError(f"mockads serve exited:\n{text}")
        time.sleep(0.05)
    raise RuntimeError("mockads serve printed no banner in time")


@pytest.fixture
def mockads_sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """A new sandbox: scenario `default`, seed 1, or `@pytest.mark.mockads(...)`; on the live
    server when the test also uses `mockads_server` (or `live=True`), else in-process."""
    marker = request.node.get_closest_marker("mockads")
    options = {"scenario": "default", "seed": 1, **(marker.kwargs if marker else {})}
    review, frozen = options.pop("review", None), options.pop("frozen", False)
    now, state = options.pop("now", None), options.pop("state", None)
    live = options.pop("live", False) or "mockads_server" in request.fixturenames
    client: FlaskClient | HttpClient
    if live:
        client = HttpClient(request.getfixturevalue("mockads_server").url)
    else:
        client = request.getfixturevalue("mockads_app").test_client()
    if state is not None:
        summary = put_state(client, _state_source(request, state))
    else:
        summary = _created(client, options)
    sandbox = Sandbox(client, summary)
    if review is not None:
        sandbox.step("PUT", "/review-policy", {"mode": review})
    clock = {**({"frozen": True} if frozen else {}), **({"set": now} if now else {})}
    if clock:
        sandbox.step("POST", "/clock", clock)
    yield sandbox
    sandbox.client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def _created(client: FlaskClient | HttpClient, options: dict[str, Any]) -> dict[str, Any]:
    """`POST /sandboxes` with the marker's other options; the summary, or ControlError."""
    response = client.open(f"{CONTROL}/sandboxes", method="POST", json=options)
    if response.status_code != 201:
        raise ControlError(response.status_code, (response.get_json() or {}).get("error", {}))
    return response.get_json()


def _state_source(request: pytest.FixtureRequest, state: Any) -> StateSource:
    """A state document as given; a path relative to the test's file."""
    if isinstance(state, Mapping):
        return state
    return request.path.parent / Path(state)


def pytest_configure(config: pytest.Config) -> None:
    """Register the `mockads` marker."""
    config.addinivalue_line(
        "markers",
        "mockads(scenario, seed, state, review, now, frozen, live): options of mockads_sandbox",
    )
