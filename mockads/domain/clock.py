"""A sandbox's clock: real time shifted by an offset, or frozen at one instant."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from mockads.domain import errors

__all__ = [
    "EARLIEST",
    "LATEST",
    "Clock",
    "check_sandbox_time",
    "format_iso_time",
    "format_local_time",
    "format_time",
    "parse_local_time",
    "parse_time",
]

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
#: The times a sandbox clock may show: from the Unix epoch to the year 9000, which leaves
#: room for every time derived from "now" (codes run a year) below datetime's year 9999.
EARLIEST = 0
LATEST = 221_845_392_000  # 9000-01-01 00:00:00


@dataclass(frozen=True, slots=True)
class Clock:
    """Sandbox time as a function of real time (both in Unix seconds)."""

    offset: float = 0.0
    frozen_at: float | None = None

    def now(self, real_now: float) -> float:
        """The sandbox's time when the real time is `real_now`."""
        return self.frozen_at if self.frozen_at is not None else real_now + self.offset

    def advanced(self, seconds: float) -> Clock:
        """This clock moved forward by `seconds` (frozen clocks stay frozen)."""
        if self.frozen_at is not None:
            return replace(self, frozen_at=self.frozen_at + seconds)
        return replace(self, offset=self.offset + seconds)

    def set_to(self, when: float, real_now: float) -> Clock:
        """This clock showing `when` now, running or frozen as before."""
        if self.frozen_at is not None:
            return replace(self, frozen_at=when)
        return replace(self, offset=when - real_now)

    def frozen(self, real_now: float) -> Clock:
        """This clock stopped at its current time."""
        return Clock(offset=0.0, frozen_at=self.now(real_now))

    def running(self, real_now: float) -> Clock:
        """This clock running again from its current time."""
        return Clock(offset=self.now(real_now) - real_now, frozen_at=None)


def check_sandbox_time(seconds: float, field: str) -> None:
    """Refuse a clock reading outside EARLIEST..LATEST (ClockOutOfRange, naming `field`)."""
    if not EARLIEST <= seconds < LATEST:
        raise errors.ClockOutOfRange(field, format_time(EARLIEST), format_time(LATEST))


def format_time(seconds: float) -> str:
    """Unix seconds as the API's `YYYY-MM-DD HH:MM:SS` (UTC)."""
    return _format_whole_seconds(int(seconds))


@lru_cache(maxsize=8192)
def _format_whole_seconds(seconds: int) -> str:
    # A response writes the same few times over and over (a code's start and end, an object's
    # create and modify times); strftime costs more than the rest of a small response's fields.
    return datetime.fromtimestamp(seconds, UTC).strftime(TIME_FORMAT)


def format_iso_time(seconds: float) -> str:
    """Unix seconds as ISO 8601 UTC (`2020-06-10T07:39:14Z`), as the library's fields use."""
    return datetime.fromtimestamp(int(seconds), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> float:
    """The API's `YYYY-MM-DD HH:MM:SS` (UTC) as Unix seconds; ValueError when malformed."""
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC).timestamp()


def parse_local_time(text: str, timezone: str) -> int:
    """`YYYY-MM-DD HH:MM:SS` in a time zone (an ad group's schedule) as Unix seconds.

    ValueError when malformed, or when the zone skips that time (the spring-forward gap).
    """
    local = datetime.strptime(text, TIME_FORMAT).replace(tzinfo=ZoneInfo(timezone))
    seconds = int(local.timestamp())
    if format_local_time(seconds, timezone) != text:
        raise ValueError(f"{text} does not exist in {timezone}")
    return seconds


def format_local_time(seconds: float, timezone: str) -> str:
    """Unix seconds as `YYYY-MM-DD HH:MM:SS` in a time zone."""
    return datetime.fromtimestamp(int(seconds), ZoneInfo(timezone)).strftime(TIME_FORMAT)
