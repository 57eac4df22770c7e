"""Starting, probing and stopping the server processes under benchmark."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BARE_APP = Path(__file__).resolve().parent / "bare_app.py"
HEALTH_PATH = "/_mockads/v1/health"
POLL_INTERVAL_S = 0.005
READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 5.0


class ServerError(RuntimeError):
    """A server process failed to start or to answer."""


@dataclass
class Server:
    """A running server process, its base URL and the file collecting its output."""

    name: str
    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def log_tail(self, lines: int = 30) -> str:
        """Return the last lines the server wrote to stdout/stderr."""
        text = self.log_path.read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def mockads_command(port: int, threads: int) -> list[str]:
    """Return the command line that serves mockads on port with the default scenario."""
    args = f"--host 127.0.0.1 --port {port} --threads {threads} --scenario default --seed 1"
    return [sys.executable, "-m", "mockads", "serve", *args.split()]


def bare_command(port: int, threads: int) -> list[str]:
    """Return the command line that serves the bare Flask baseline on port."""
    args = f"--host 127.0.0.1 --port {port} --threads {threads}"
    return [sys.executable, str(BARE_APP), *args.split()]


def spawn(name: str, command: list[str], port: int) -> Server:
    """Start command in the repository root with its output sent to a temporary log file."""
    log_fd, log_path = tempfile.mkstemp(prefix=f"bench-{name}-", suffix=".log")
    try:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log_fd,
            stderr=subprocess.STDOUT,
        )
    finally:
        os.close(log_fd)
    return Server(name, process, f"http://127.0.0.1:{port}", Path(log_path))


def answers(url: str) -> bool:
    """Return whether a GET of url succeeds with a 2xx status."""
    try:
        with urllib.request.urlopen(url, timeout=1.0) as response:
            response.read()
            status: int = response.status
    except (OSError, http.client.HTTPException):
        return False
    return 200 <= status < 300


def wait_until_answers(server: Server, path: str, timeout_s: float = READY_TIMEOUT_S) -> None:
    """Poll server at path every few milliseconds until it answers 2xx, or raise ServerError."""
    deadline = time.monotonic() + timeout_s
    while not answers(server.base_url + path):
        if server.process.poll() is not None:
            raise ServerError(
                f"{server.name} exited with {server.process.returncode} before answering "
                f"{path}; its output:\n{server.log_tail()}"
            )
        if time.monotonic() > deadline:
            raise ServerError(
                f"{server.name} did not answer {path} within {timeout_s:g} s; its output:\n"
                f"{server.log_tail()}"
            )
        time.sleep(POLL_INTERVAL_S)


def stop(server: Server) -> None:
    """Terminate the server process (killing it if it lingers) and delete its log."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    server.log_path.unlink(missing_ok=True)


@contextmanager
def running(name: str, command: list[str], port: int, ready_path: str) -> Iterator[Server]:
    """Run a server for the duration of the block, once it answers ready_path."""
    server = spawn(name, command, port)
    try:
        wait_until_answers(server, ready_path)
        yield server
    finally:
        stop(server)
