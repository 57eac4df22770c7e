"""`mockads serve` processes a test starts, kills and restarts itself, and the databases they use.

`conftest.serving()` is for a server that lives as long as a module; the durability and
concurrency tests need their own: a chosen `--db`, SIGKILL in the middle of the load, a restart
on the same database, two processes sharing one. Output goes to a file, never to a pipe nobody
reads, so a chatty server can never block on a full pipe.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress
from http.client import HTTPException
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from mockads.store.tables import metadata
from tests.e2e.conftest import Server

__all__ = [
    "BACKENDS",
    "POSTGRES_URL",
    "NoAnswer",
    "ServeProcess",
    "database_url",
    "orphans",
    "pretty",
    "race",
    "start",
    "start_together",
]

POSTGRES_URL = os.environ.get("MOCKADS_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"]
STARTUP_TIMEOUT = 30.0
REQUEST_TIMEOUT = 30.0


class NoAnswer(Exception):
    """The server never answered: the connection failed or was cut (e.g. by SIGKILL)."""


class ServeProcess(Server):
    """A `mockads serve` this test owns: calls to it, its output, SIGTERM and SIGKILL."""

    timeout = REQUEST_TIMEOUT

    def __init__(self, process: subprocess.Popen[bytes], log: Path, banner: str) -> None:
        super().__init__(process, banner)
        self.log = log

    def _send(self, request: urllib.request.Request) -> tuple[int, Any]:
        """(status, JSON body); NoAnswer when the connection fails or is cut before the answer."""
        try:
            return super()._send(request)
        except (urllib.error.URLError, HTTPException, OSError, ValueError) as error:
            raise NoAnswer(f"{request.get_method()} {request.selector}: {error!r}") from error

    def upload(self, advertiser_id: str, video: Path, file_name: str) -> tuple[int, Any]:
        """`file/video/ad/upload/` of a file, as multipart with its MD5 (NoAnswer if cut)."""
        content = video.read_bytes()
        fields = {
            "advertiser_id": advertiser_id,
            "video_signature": hashlib.md5(content).hexdigest(),
            "file_name": file_name,
        }
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="video_file"; '
            f'filename="{file_name}"\r\nContent-Type: video/mp4\r\n\r\n'.encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            f"{self.base_url}/open_api/v1.3/file/video/ad/upload/", data=b"".join(parts)
        )
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        request.add_header("Access-Token", self.token or "")
        return self._send(request)

    def fetch(self, url: str) -> int:
        """The HTTP status of a GET of an absolute URL (a signed media link)."""
        try:
            with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            with error:
                return error.code

    def output(self) -> str:
        """What the server printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL: no clean-up, no last commit; whatever was in flight is cut."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.unlink(missing_ok=True)

    def stop(self) -> None:
        """SIGTERM, as an operator stops it; SIGKILL if it does not end in time."""
        if self.process.poll() is None:
            self.process.terminate()
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        self.kill()


def start(
    db: str, *, media_dir: Path | None = None, threads: int = 8, args: Sequence[str] = ()
) -> ServeProcess:
    """Start a server (`args`: more options of `mockads serve`) and wait until it answers
    /health."""
    command = [sys.executable, "-m", "mockads", "serve", "--port", "0", "--db", db]
    command += ["--threads", str(threads), *args]
    if media_dir is not None:
        command += ["--media-dir", str(media_dir)]
    descriptor, name = tempfile.mkstemp(prefix="mockads-serve-", suffix=".log")
    log = Path(name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKADS_")}
    with os.fdopen(descriptor, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        server = ServeProcess(process, log, _banner(process, log))
        _wait_healthy(server)
    except BaseException:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        log.unlink(missing_ok=True)
        raise
    return server


def start_together(db: str, count: int) -> list[ServeProcess]:
    """`count` servers started at the same moment on one database; all or none (the ones that
    came up are stopped if another failed)."""

    def attempt() -> ServeProcess | BaseException:
        try:
            return start(db)
        except BaseException as error:  # judged once every start ended
            return error

    started = race(*([attempt] * count))
    servers = [s for s in started if isinstance(s, ServeProcess)]
    if len(servers) < count:
        for server in servers:
            server.stop()
        raise AssertionError([str(s) for s in started if not isinstance(s, ServeProcess)])
    return servers


def _banner(process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        output = log.read_text(encoding="utf-8", errors="replace")
        if re.search(r"serving on http://\S+\n", output):
            return output
        if process.poll() is not None:
            raise AssertionError(f"mockads serve exited ({process.returncode}):\n{output}")
        time.sleep(0.05)
    raise AssertionError("no banner in time:\n" + log.read_text(errors="replace"))


def _wait_healthy(server: ServeProcess) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            status, _ = server.call("GET", "/_mockads/v1/health")
            if status == 200:
                return
        except NoAnswer:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.05)


# -- databases --------------------------------------------------------------------------------


def database_url(backend: str, directory: Path) -> str:
    """A database no server uses yet: a SQLite file in `directory`, or the test PostgreSQL
    database emptied (skipped when `MOCKADS_TEST_POSTGRES_URL` is unset)."""
    if backend == "sqlite":
        return f"sqlite:///{directory / 'mockads.db'}"
    if not POSTGRES_URL:
        pytest.skip("set MOCKADS_TEST_POSTGRES_URL to run against PostgreSQL")
    engine = create_engine(POSTGRES_URL)
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()
    return POSTGRES_URL


#: (child table, parent table, columns naming the parent): every relation a write makes
#: between rows, always within one sandbox. A row whose parent is missing is half of something.
_RELATIONS = [
    ("advertisers", "sandboxes", ()),
    ("creators", "sandboxes", ()),
    ("posts", "creators", ("creator_id",)),
    ("spark_codes", "posts", ("item_id",)),
    ("linked_posts", "posts", ("item_id",)),
    ("linked_posts", "spark_codes", ("auth_code",)),
    ("linked_posts", "advertisers", ("advertiser_id",)),
    ("identities", "advertisers", ("advertiser_id",)),
    ("library_videos", "advertisers", ("advertiser_id",)),
    ("campaigns", "advertisers", ("advertiser_id",)),
    ("adgroups", "campaigns", ("campaign_id",)),
    ("ads", "adgroups", ("adgroup_id",)),
    ("ads", "campaigns", ("campaign_id",)),
    ("ads", "spark_codes", ("auth_code",)),  # Spark ads by code (others have no code)
]


def orphans(url: str) -> dict[str, int]:
    """Rows whose parent row is missing, per `child -> parent` relation (all should be 0).

    Reads every column of every row first, so a row the database cannot return fails here.
    """
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            for table in metadata.sorted_tables:
                connection.execute(table.select()).all()
            found = {}
            for child, parent, keys in _RELATIONS:
                same = " AND ".join(f"p.{k} = c.{k}" for k in ("sandbox_id", *keys))
                given = "".join(f" AND c.{k} IS NOT NULL" for k in keys)
                query = (
                    f"SELECT count(*) FROM {child} c WHERE NOT EXISTS "
                    f"(SELECT 1 FROM {parent} p WHERE {same}){given}"
                )
                found[f"{child} -> {parent}"] = connection.execute(text(query)).scalar_one()
            return found
    finally:
        engine.dispose()


# -- races ------------------------------------------------------------------------------------


def race(*actions: Callable[[], Any], timeout: float = 60.0) -> list[Any]:
    """Run the actions in threads released together by a barrier; their results, in order.

    An action that raises makes `race` raise it (after every thread ended).
    """
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)
    failures: list[BaseException] = []

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=timeout)
            results[index] = action()
        except BaseException as error:  # re-raised by the caller's thread
            failures.append(error)

    threads = [
        threading.Thread(target=run, args=(i, a), daemon=True) for i, a in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a racer never finished"
    if failures:
        raise failures[0]
    return results


def pretty(value: Any) -> str:
    """JSON for assertion messages."""
    return json.dumps(value, indent=1, sort_keys=True, default=str)
