"""A minimal JSON-over-HTTP client on urllib that also times each request."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

TIMEOUT_S = 10.0


class UnexpectedResponse(RuntimeError):
    """A server answered with an unexpected status or body."""


@dataclass(frozen=True)
class Response:
    """Status, body and client-observed duration of one HTTP exchange."""

    method: str
    url: str
    status: int
    body: bytes
    elapsed_ms: float

    def json(self) -> Any:
        """Return the body decoded as JSON, or raise UnexpectedResponse."""
        try:
            return json.loads(self.body)
        except ValueError as error:
            raise UnexpectedResponse(f"{self.describe()} is not JSON: {error}") from error

    def describe(self) -> str:
        """Return a one-line summary with the start of the body, for error messages."""
        return f"{self.method} {self.url} -> {self.status} {self.body[:500]!r}"


def request(
    method: str, url: str, *, body: Any = None, headers: dict[str, str] | None = None
) -> Response:
    """Send one request (body encoded as JSON when given) and return the timed response."""
    data = None if body is None else json.dumps(body).encode()
    all_headers = dict(headers or {})
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, headers=all_headers, method=method)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    elapsed_ms = (time.perf_counter() - started) * 1000.0
    return Response(method, url, status, payload, elapsed_ms)


def expect_status(response: Response, *statuses: int) -> Response:
    """Return response if its status is one of statuses, else raise UnexpectedResponse."""
    if response.status not in statuses:
        expected = " or ".join(map(str, statuses))
        raise UnexpectedResponse(f"expected HTTP {expected}: {response.describe()}")
    return response
