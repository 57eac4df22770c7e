"""`sandbox.faults`: fault rules for the sandbox's mirror calls, from a test."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from mockads.testing.helper import Sandbox

__all__ = ["Faults"]

#: Rules as the control plane lists them.
Rules = list[dict[str, Any]]


class Faults:
    """The sandbox's fault rules: `add`, `list`, `remove`, `clear`.

    `sandbox.faults.add("tt_video/authorize/", code=40100, times=2)` makes the next two calls
    answer TikTok's rate limit. A dropped connection (`drop_connection=True`) raises a
    `ConnectionError` into the caller: `ConnectionDropped` in-process, the HTTP client's own
    (`http.client.RemoteDisconnected`, `ConnectionResetError`) over the live server.
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def add(self, path: str, **rule: Any) -> str:
        """A new rule for `path` (`ad/*`, `*`) with `method`, `code`, `message`, `http_status`,
        `latency_ms`, `drop_connection`, `times`, `probability`, `seed`; its id."""
        return self.sandbox.step("POST", "/faults", {"path": path, **rule})["fault_id"]

    def list(self) -> Rules:
        """The rules in the order they apply, with `matched`, `applied` and `remaining`."""
        return self.sandbox.step("GET", "/faults")["faults"]

    def remove(self, fault_id: str) -> None:
        """Remove one rule."""
        self.sandbox.step("DELETE", f"/faults/{quote(fault_id, safe='')}")

    def clear(self) -> None:
        """Remove every rule."""
        self.sandbox.step("DELETE", "/faults")
