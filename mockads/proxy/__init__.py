"""Proxy mode: an HTTPS forward proxy that answers for TikTok's API hosts from the same app.

`mockads serve --proxy-port PORT` starts an `HttpsProxy` beside the main server: clients keep
`https://business-api.tiktok.com` (or `sandbox-ads.tiktok.com`, `ads.tiktok.com`) and only set
`HTTPS_PROXY` and trust the local CA (`authority`). `tunnel` has the front end.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from mockads.proxy.authority import CA_CERT_FILE, CertificateAuthority, default_ca_dir
from mockads.proxy.tunnel import PROXIED_HOSTS, TunnelFrontEnd
from mockads.server import create_server

__all__ = [
    "CA_CERT_FILE",
    "PROXIED_HOSTS",
    "CertificateAuthority",
    "HttpsProxy",
    "ca_directory",
    "default_ca_dir",
]


def ca_directory(configured: str | None) -> Path:
    """Where the CA lives: `MOCKADS_CA_DIR` (the `ca_dir` setting) or the XDG data folder."""
    return Path(configured).expanduser() if configured else default_ca_dir()


class HttpsProxy:
    """The front end on 127.0.0.1:`port` and, behind it, a waitress server of `app` on a
    private loopback port that knows its requests came over HTTPS (links it builds say
    `https://` and the TikTok host asked for)."""

    def __init__(
        self, app: Any, authority: CertificateAuthority, *, port: int, **server_options: Any
    ) -> None:
        self.authority = authority
        self._app_server = create_server(
            app, host="127.0.0.1", port=0, url_scheme="https", **server_options
        )
        self._loop = asyncio.new_event_loop()
        front_end = TunnelFrontEnd(authority.server_context, self._app_server.effective_port)
        try:
            self._listener = self._loop.run_until_complete(front_end.start(port))
        except BaseException:
            # Closed here, not left to the garbage collector at exit (which reports a closed fd).
            self._loop.close()
            self._app_server.close()
            raise
        self.port: int = self._listener.sockets[0].getsockname()[1]
        self._threads = [
            threading.Thread(target=self._app_server.run, name="mockads-proxy-app", daemon=True),
            threading.Thread(target=self._loop.run_forever, name="mockads-proxy", daemon=True),
        ]

    @property
    def url(self) -> str:
        """What `HTTPS_PROXY` is set to."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Serve in background threads (they end with the process)."""
        for thread in self._threads:
            thread.start()

    def close(self) -> None:
        """Stop listening and close the private server."""
        self._loop.call_soon_threadsafe(self._listener.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._app_server.close()
