"""waitress as mockads serves with it: two changes to how it answers.

waitress answers some requests itself, before the app sees them (plain text, not the envelope).
All are 4xx but one: a `Transfer-Encoding` other than `chunked` gets 501, and a mockads server
never answers 5xx to what a client sent. Such a request is a client error here: 400.

A `drop_connection` fault raises an OSError from the app before anything is written. waitress
(`Task.service`) closes the connection on an OSError, but with `log_socket_errors` on (its
default) it re-raises it, and the channel then logs a traceback and answers 500. mockads turns
`log_socket_errors` off, so the socket closes silently, as a real dropped connection does
(the only other socket errors are clients that went away, which a test server need not log).

`serve --workers N` (N > 1) runs the same app in N processes under gunicorn instead
(`serve_workers`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import waitress
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser, ParsingError, TransferEncodingNotImplemented
from waitress.server import BaseWSGIServer

__all__ = ["create_server", "serve_workers"]


class _RequestParser(HTTPRequestParser):
    def parse_header(self, header_plus: bytes) -> None:
        try:
            super().parse_header(header_plus)
        except TransferEncodingNotImplemented as refusal:
            raise ParsingError(refusal.args[0]) from None


class _Channel(HTTPChannel):
    parser_class = _RequestParser


def create_server(app: Any, **options: Any) -> Any:
    """`waitress.create_server`, whose listeners answer an unknown transfer coding with 400
    and close a connection a fault drops without a word."""
    server = waitress.create_server(app, **{"log_socket_errors": False, **options})
    # One listener, or (several addresses) a MultiSocketServer holding one per address in `map`.
    for listener in [server, *getattr(server, "map", {}).values()]:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = _Channel  # type: ignore[misc]
    return server


def serve_workers(
    app: Any,
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    ready: Callable[[str], None],
    forked: Callable[[], None],
) -> None:
    """Serve `app` from `workers` processes of `threads` threads each (gunicorn's gthread
    workers) until SIGTERM or Ctrl-C.

    The app is made once, in this process, before the workers are forked: they share its
    secrets (admin token, media link key, console cookie key) and what it built. `ready(base
    URL)` runs once the socket is bound, before the first fork; `forked()` in each new worker
    (where it must drop the database connections the fork copied).
    """
    from gunicorn.app.base import BaseApplication

    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    def when_ready(arbiter: Any) -> None:
        bound_host, bound_port = arbiter.LISTENERS[0].sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        ready(f"http://{shown}:{bound_port}")

    options = {
        "bind": [address],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "preload_app": True,
        # A report over a whole capped account takes seconds of CPU; a worker is only
        # restarted when it stops answering for this long.
        "timeout": 300,
        "graceful_timeout": 5,
        # Query strings and headers as long as waitress takes (report filters, big id lists).
        "limit_request_line": 0,
        "limit_request_field_size": 0,
        "loglevel": "warning",
        "accesslog": None,
        "proc_name": "mockads",
        "when_ready": when_ready,
        "post_fork": lambda _arbiter, _worker: forked(),
    }

    class _Gunicorn(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    _Gunicorn().run()
