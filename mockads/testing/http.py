"""The helper over HTTP: a standard-library client and `connect(url)` to any running mockads."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from json import dumps as _dumps
from typing import Any
from urllib.parse import urlencode

from mockads.testing.helper import CONTROL, ControlError, Sandbox
from mockads.testing.state import StateSource, put_state

__all__ = ["HttpClient", "connect"]


class _Answer:
    """What `HttpClient` gives back: the status and the JSON body, as Flask's test client."""

    def __init__(self, status: int, raw: bytes) -> None:
        self.status_code = status
        self._raw = raw

    def get_json(self) -> Any:
        return json.loads(self._raw) if self._raw else None

    def get_data(self) -> bytes:
        return self._raw


class HttpClient:
    """The calls `Sandbox` makes, over HTTP to a running mockads (standard library only)."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def open(
        self,
        path: str,
        method: str = "GET",
        json: Any = None,
        query_string: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> _Answer:
        url = self.base_url + path + (f"?{urlencode(query_string)}" if query_string else "")
        data = None if json is None else _dumps(json).encode()
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _Answer(response.status, response.read())
        except urllib.error.HTTPError as error:
            with error:
                return _Answer(error.code, error.read())

    def get(self, path: str, **kwargs: Any) -> _Answer:
        return self.open(path, "GET", **kwargs)

    def post(self, path: str, **kwargs: Any) -> _Answer:
        return self.open(path, "POST", **kwargs)

    def delete(self, path: str, **kwargs: Any) -> _Answer:
        return self.open(path, "DELETE", **kwargs)


def connect(
    url: str, *, scenario: str = "default", seed: int = 1, state: StateSource | None = None
) -> Sandbox:
    """A new sandbox on the mockads at `url` (e.g. `http://127.0.0.1:8765`), with the helper:
    built from `scenario` and `seed`, or from `state` (a state document or file)."""
    client = HttpClient(url)
    if state is not None:
        return Sandbox(client, put_state(client, state))
    answer = client.post(f"{CONTROL}/sandboxes", json={"scenario": scenario, "seed": seed})
    if answer.status_code != 201:
        raise ControlError(answer.status_code, (answer.get_json() or {}).get("error", {}))
    return Sandbox(client, answer.get_json())
