"""waitress as mockads serves with it: two changes to how it answers.

waitress answers some requests itself, before the app sees them (plain text, not the envelope).
All are 4xx but one: a `Transfer-Encoding` other than `chunked` gets 501, and a mockads server
never answers 5xx to what a client sent. Such a request is a client error here: 400.

A `drop_connection` fault raises an OSError from the app before anything is written. waitress
(`Task.service`) closes the connection on an OSError, but with `log_socket_errors` on (its
default) it re-raises it, and the channel then logs a traceback and answers 500. mockads turns
`log_socket_errors` off, so the socket closes silently, as a real dropped connection does
(the only other socket errors are clients that went away, which a test server need not log).
"""

from __future__ import annotations

from typing import Any

import waitress
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser, ParsingError, TransferEncodingNotImplemented
from waitress.server import BaseWSGIServer

__all__ = ["create_server"]


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
