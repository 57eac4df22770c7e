"""Fault rules for the API mirror: which calls fail, how, and how often.

A rule matches calls by path (exact, a trailing `*` prefix, or `*` for every path) and method,
and has effects that combine: a delay (`latency_ms`), an answer it gives instead of the
handler's (an API `code` and message, an HTTP status), or a dropped connection. It applies to
every matching call, to the next `times` of them, or to each one with a `probability` drawn
from a seeded source, so the same rules and the same calls fail the same way every run.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from mockads.domain import errors
from mockads.domain.ids import numeric_id_for

__all__ = [
    "FAULT_MESSAGES",
    "MAX_LATENCY_MS",
    "MIRROR_PATH_PREFIX",
    "ArmedFault",
    "FaultRule",
    "PathPattern",
    "build_rule",
    "mirror_path",
    "rate_limit_message",
]

#: Where the mirror's paths start; patterns and journal paths are written without it.
MIRROR_PATH_PREFIX = "/open_api/v1.3/"
MAX_LATENCY_MS = 60_000

#: Messages the real API gives with these codes (api-reference.md §2). 40100 is built by
#: `rate_limit_message`, since TikTok names the calling app in it.
FAULT_MESSAGES: dict[int, str] = {
    40001: "No permission to operate this resource with this access token.",
    40002: "Invalid parameters: please check the request.",
    40101: "The app id or secret is invalid.",
    40102: "The access token has expired.",
    40104: errors.AccessTokenMissing().message,
    40105: errors.AccessTokenInvalid().message,
    40110: "The authorization code is invalid or has expired.",
    40700: "The object does not exist or has been deleted.",
    50000: "Internal system error, please try again later.",
    50002: "Service temporarily unavailable, please try again later.",
}
RATE_LIMIT_CODE = 40100

#: A pattern: path segments of lower-case letters, digits and `_`, optionally ending in `*`.
_PATTERN = re.compile(r"(?:[a-z0-9_]+/)*(?:[a-z0-9_]+/?|[a-z0-9_]*\*)\Z")


def rate_limit_message(sandbox_seed: int) -> str:
    """TikTok's message for 40100, naming an app of the sandbox (TikTok names the caller's)."""
    app_id = numeric_id_for(f"mockads-app:{sandbox_seed}")
    return f"App {app_id} reaches the QPS limit 10, current QPS is 11."


def mirror_path(request_path: str) -> str:
    """A mirror request's path as rules and the journal name it: `tt_video/authorize/`."""
    path = request_path.removeprefix(MIRROR_PATH_PREFIX).lstrip("/")
    return path if path.endswith("/") else path + "/"


@dataclass(frozen=True, slots=True)
class PathPattern:
    """A normalised path (`tt_video/authorize/`), a prefix (`ad/*`), or `*` for every path."""

    text: str

    @classmethod
    def parse(cls, text: str, field: str = "path") -> PathPattern:
        """A pattern from what a user wrote: with or without `/open_api/v1.3/` and the final
        slash (InvalidParameter when it is not a mirror path or a trailing-`*` prefix)."""
        path = text.strip().lstrip("/").removeprefix(MIRROR_PATH_PREFIX.lstrip("/"))
        if not _PATTERN.match(path):
            raise errors.InvalidParameter(
                field,
                "a mirror path like tt_video/authorize/ (lower-case segments), a prefix ending "
                "in * like ad/*, or * for every path.",
            )
        if not path.endswith(("/", "*")):
            path += "/"
        return cls(path)

    @property
    def prefix(self) -> str | None:
        """What a wildcard pattern's paths start with (None for an exact path)."""
        return self.text[:-1] if self.text.endswith("*") else None

    def matches(self, path: str) -> bool:
        """Whether a normalised mirror path (`mirror_path`) is one this pattern names."""
        prefix = self.prefix
        return path == self.text if prefix is None else path.startswith(prefix)

    def names_any(self, paths: frozenset[str]) -> bool:
        """Whether the pattern names at least one of `paths`."""
        prefix = self.prefix
        if prefix is None:
            return self.text in paths
        return any(p.startswith(prefix) for p in paths)


@dataclass(frozen=True, slots=True)
class FaultRule:
    """One rule: what it matches, what it does, when it applies; `code`, `message` and
    `http_status` are what it answers (all None when it only delays or drops)."""

    fault_id: str
    path: PathPattern
    method: str | None
    latency_ms: int
    drop_connection: bool
    code: int | None
    message: str | None
    http_status: int | None
    times: int | None
    probability: float | None
    seed: int

    @property
    def answers(self) -> bool:
        """Whether the rule answers in the handler's place (the handler never runs)."""
        return self.code is not None or self.drop_connection

    def matches(self, method: str, path: str) -> bool:
        """Whether a call is one this rule is about."""
        return (self.method is None or self.method == method) and self.path.matches(path)

    def fires(self, call_index: int) -> bool:
        """The seeded decision for the rule's `call_index`-th matching call (from 0): the same
        seed, rule id and index decide the same way on every run."""
        if self.probability is None:
            return True
        draw = random.Random(f"{self.seed}:{self.fault_id}:{call_index}").random()
        return draw < self.probability


@dataclass(slots=True)
class ArmedFault:
    """A rule with its counters: calls it `matched` and calls it `applied` to."""

    rule: FaultRule
    matched: int = 0
    applied: int = 0

    @property
    def remaining(self) -> int | None:
        """How many more calls it applies to (None: no limit)."""
        return None if self.rule.times is None else self.rule.times - self.applied

    def consider(self, method: str, path: str) -> bool:
        """Count a call; whether the rule applies to it. A spent rule matches nothing."""
        if self.remaining == 0 or not self.rule.matches(method, path):
            return False
        index = self.matched
        self.matched += 1
        if not self.rule.fires(index):
            return False
        self.applied += 1
        return True


def build_rule(
    fault_id: str,
    *,
    path: PathPattern,
    sandbox_seed: int,
    method: str | None = None,
    code: int | None = None,
    message: str | None = None,
    http_status: int | None = None,
    latency_ms: int | None = None,
    drop_connection: bool = False,
    times: int | None = None,
    probability: float | None = None,
    seed: int | None = None,
) -> FaultRule:
    """A rule from what a user asked for, with the code and message it answers filled in.

    Refused (InvalidParameter) when it would do nothing, when a dropped connection is given
    an answer too, when a code needs a message mockads does not know, or when `seed` is given
    without `probability`.
    """
    if drop_connection and (code is not None or http_status is not None or message is not None):
        raise errors.InvalidParameter(
            "drop_connection",
            "a dropped connection answers nothing: leave out code, http_status and message.",
        )
    if http_status == 200 and code is None:
        raise errors.InvalidParameter("http_status", "200 needs an error code to answer with.")
    if code is None and http_status is not None:
        code = _code_for_status(http_status)
    if message is not None and code is None:
        raise errors.InvalidParameter("message", "needs a code or an http_status to answer.")
    if code is not None and message is None:
        message = _message_for(code, sandbox_seed)
    if code is None and not drop_connection and not latency_ms:
        raise errors.InvalidParameter(
            "_schema",
            "the rule does nothing: give latency_ms, code, http_status or drop_connection.",
        )
    if seed is not None and probability is None:
        raise errors.InvalidParameter("seed", "only used with probability.")
    return FaultRule(
        fault_id=fault_id,
        path=path,
        method=method,
        latency_ms=latency_ms or 0,
        drop_connection=drop_connection,
        code=code,
        message=message,
        http_status=(http_status or 200) if code is not None else None,
        times=times,
        probability=probability,
        seed=sandbox_seed if seed is None else seed,
    )


def _code_for_status(status: int) -> int:
    """The API code that fits a transport status: rate limit, token, permission, server."""
    if status == 429:
        return RATE_LIMIT_CODE
    if status == 503:
        return 50002
    if status >= 500:
        return 50000
    return {401: 40105, 403: 40001}.get(status, 40002)


def _message_for(code: int, sandbox_seed: int) -> str:
    if code == RATE_LIMIT_CODE:
        return rate_limit_message(sandbox_seed)
    try:
        return FAULT_MESSAGES[code]
    except KeyError:
        known = ", ".join(str(c) for c in sorted([*FAULT_MESSAGES, RATE_LIMIT_CODE]))
        raise errors.InvalidParameter(
            "message", f"required for code {code} (mockads knows the messages of {known})."
        ) from None
