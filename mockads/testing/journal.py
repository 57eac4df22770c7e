"""`sandbox.journal`: the sandbox's recorded mirror calls, and verify, from a test."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    from mockads.testing.helper import Sandbox

__all__ = ["Journal"]

#: Entries as the control plane shows them.
Entries = list[dict[str, Any]]


class Journal:
    """The sandbox's journal: call it for entries, `verify` calls were made, `clear` it.

    `sandbox.journal(path="tt_video/authorize/", code=0)` lists matching calls, oldest first;
    `sandbox.journal.verify("tt_video/authorize/", params={"auth_code": code}, times=1)`
    returns the count, or raises AssertionError listing the calls to that path.
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def __call__(
        self,
        path: str | None = None,
        *,
        method: str | None = None,
        code: int | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> Entries:
        """Recorded calls that match (a path or `ad/*`; sandbox times), oldest first."""
        filters = {"path": path, "method": method, "code": code, "since": since, "until": until}
        query = {k: v for k, v in {**filters, "limit": limit}.items() if v is not None}
        suffix = f"?{urlencode(query)}" if query else ""
        return self.sandbox.step("GET", f"/journal{suffix}")["entries"]

    def verify(
        self,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        method: str | None = None,
        code: int | None = None,
        times: int | None = None,
    ) -> int:
        """How many calls to `path` match; AssertionError unless exactly `times` (at least
        one without `times`), listing every call to that path."""
        body = {"path": path, "params": params, "method": method, "code": code, "times": times}
        answer = self.sandbox.step(
            "POST", "/journal/verify", {k: v for k, v in body.items() if v is not None}
        )
        if not answer["ok"]:
            raise AssertionError(self._report(path, body, answer["count"]))
        return answer["count"]

    def clear(self) -> None:
        """Forget every recorded call."""
        self.sandbox.step("DELETE", "/journal")

    def _report(self, path: str, asked: dict[str, Any], count: int) -> str:
        wanted = "at least 1" if asked["times"] is None else str(asked["times"])
        criteria = ", ".join(
            f"{k}={json.dumps(v)}" for k, v in asked.items() if v is not None and k != "times"
        )
        calls = self(path)
        lines = [f"expected {wanted} call(s) with {criteria}; found {count}."]
        lines.append(f"Calls to {path} ({len(calls)}):" if calls else f"No call to {path}.")
        lines += [
            f"  #{c['seq']} {c['time']} {c['method']} {c['path']} params={json.dumps(c['params'])}"
            f" -> code {c['code']}: {c['message']}"
            + (f" (fault {c['fault_id']})" if c["fault_id"] else "")
            for c in calls
        ]
        return "\n".join(lines)
