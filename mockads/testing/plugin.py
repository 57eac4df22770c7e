"""The pytest plugin, loaded through the `pytest11` entry point: fixtures and the marker."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from mockads.testing.helper import CONTROL, Sandbox
from mockads.testing.http import connect

if TYPE_CHECKING:
    from flask import Flask

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


@pytest.fixture(scope="session")
def mockads_server() -> Iterator[LiveServer]:
    """A real `mockads serve` on 127.0.0.1 and a free port, for the whole session."""
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mockads", "serve", "--port", "0"],
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
    live = options.pop("live", False) or "mockads_server" in request.fixturenames
    if live:
        server: LiveServer = request.getfixturevalue("mockads_server")
        sandbox = connect(server.url, scenario=options["scenario"], seed=options["seed"])
    else:
        client = request.getfixturevalue("mockads_app").test_client()
        response = client.post(f"{CONTROL}/sandboxes", json=options)
        assert response.status_code == 201, response.get_data(as_text=True)
        sandbox = Sandbox(client, response.get_json())
    if review is not None:
        sandbox.step("PUT", "/review-policy", {"mode": review})
    if frozen:
        sandbox.clock.freeze()
    yield sandbox
    sandbox.client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def pytest_configure(config: pytest.Config) -> None:
    """Register the `mockads` marker."""
    config.addinivalue_line(
        "markers", "mockads(scenario, seed, review, frozen, live): options of mockads_sandbox"
    )
