"""`mockads serve --proxy-port` as a test starts it: `proxied_server()` and what it yields.

A later test (the ETL tap's) points an unchanged client at TikTok's real host names through
it: `HTTPS_PROXY=proxy_url` and the CA at `ca_path` trusted (`client_env()` has both).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ProxiedServer", "proxied_server"]

STARTUP_TIMEOUT = 30.0
PROXY_LINE = re.compile(r"proxy +(http://127\.0\.0\.1:\d+) .*\n.*REQUESTS_CA_BUNDLE=(\S+)")


@dataclass(frozen=True)
class ProxiedServer:
    """A running `mockads serve` with its proxy: where to call it and what to trust."""

    process: subprocess.Popen[bytes]
    banner: str
    base_url: str  # the server itself, e.g. for the control plane
    proxy_url: str  # HTTPS_PROXY
    ca_path: Path  # the CA certificate clients trust
    token: str  # the default sandbox's Access-Token
    advertiser_ids: list[str]

    def client_env(self, environ: Mapping[str, str] | None = None) -> dict[str, str]:
        """`environ` (default: this process's) with the proxy and the CA set for Python and
        Node clients, and no proxy exceptions that could send a call past the proxy."""
        env = {
            k: v
            for k, v in (os.environ if environ is None else environ).items()
            if k.lower() not in {"no_proxy", "all_proxy", "http_proxy", "https_proxy"}
        }
        ca = str(self.ca_path)
        return {
            **env,
            "HTTPS_PROXY": self.proxy_url,
            "https_proxy": self.proxy_url,
            "REQUESTS_CA_BUNDLE": ca,
            "NODE_EXTRA_CA_CERTS": ca,
        }


@contextmanager
def proxied_server(
    ca_dir: Path | None = None, args: tuple[str, ...] = (), env: Mapping[str, str] | None = None
) -> Iterator[ProxiedServer]:
    """`mockads serve --port 0 --proxy-port 0` (plus `args`) with its CA in `ca_dir` (a new
    temporary folder when None), stopped when the block ends. `env` adds variables."""
    with tempfile.TemporaryDirectory(prefix="mockads-proxy-") as scratch:
        ca_folder = ca_dir if ca_dir is not None else Path(scratch) / "ca"
        log = Path(scratch) / "serve.log"
        command = [sys.executable, "-m", "mockads", "serve", "--port", "0", "--proxy-port", "0"]
        environ = {k: v for k, v in os.environ.items() if not k.startswith("MOCKADS_")}
        environ.update({"MOCKADS_CA_DIR": str(ca_folder), **(env or {})})
        with log.open("wb") as output:
            process = subprocess.Popen(
                [*command, *args], stdout=output, stderr=subprocess.STDOUT, env=environ
            )
        try:
            yield _started(process, log)
        finally:
            if process.poll() is None:
                process.terminate()
                with suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=10)
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def _started(process: subprocess.Popen[bytes], log: Path) -> ProxiedServer:
    """The server once its banner is printed whole (its last line is the curl example)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        banner = log.read_text(encoding="utf-8", errors="replace")
        if "\n    curl " in banner and banner.endswith("\n"):
            proxy = PROXY_LINE.search(banner)
            assert proxy is not None, banner
            return ProxiedServer(
                process=process,
                banner=banner,
                base_url=_found(r"serving on (http://\S+)", banner),
                proxy_url=proxy.group(1),
                ca_path=Path(proxy.group(2)),
                token=_found(r"^  Access-Token +(\w+)$", banner),
                advertiser_ids=_found(r"^  advertiser_id +([\d, ]+)$", banner).split(", "),
            )
        if process.poll() is not None:
            raise AssertionError(f"mockads serve exited ({process.returncode}):\n{banner}")
        time.sleep(0.05)
    raise AssertionError("no banner in time:\n" + log.read_text(errors="replace"))


def _found(pattern: str, text: str) -> str:
    match = re.search(pattern, text, re.MULTILINE)
    assert match is not None, f"{pattern} not in:\n{text}"
    return match.group(1).strip()
