"""The sandbox clock: running with an offset, or frozen; and the API's time format."""

from __future__ import annotations

import pytest

from mockads.domain.clock import Clock, format_time, parse_time

REAL_NOW = 1_800_000_000.0


def test_clock_now_is_real_time_for_a_new_clock():
    assert Clock().now(REAL_NOW) == REAL_NOW


def test_clock_now_adds_the_offset_to_real_time():
    assert Clock(offset=60.0).now(REAL_NOW) == REAL_NOW + 60


def test_clock_now_ignores_real_time_when_frozen():
    clock = Clock(frozen_at=1_000.0)
    assert clock.now(REAL_NOW) == clock.now(REAL_NOW + 3_600) == 1_000.0


def test_clock_advanced_moves_a_running_clock_forward():
    clock = Clock(offset=10.0).advanced(86_400)
    assert clock.now(REAL_NOW) == REAL_NOW + 10 + 86_400
    assert clock.frozen_at is None


def test_clock_advanced_keeps_a_frozen_clock_frozen():
    clock = Clock(frozen_at=1_000.0).advanced(500)
    assert clock.frozen_at == 1_500.0
    assert clock.now(REAL_NOW) == clock.now(REAL_NOW + 3_600) == 1_500.0


def test_clock_set_to_shows_the_time_asked_for_on_a_running_clock():
    clock = Clock(offset=123.0).set_to(2_000_000_000.0, REAL_NOW)
    assert clock.now(REAL_NOW) == 2_000_000_000.0
    assert clock.now(REAL_NOW + 5) == 2_000_000_005.0


def test_clock_set_to_keeps_a_frozen_clock_frozen():
    clock = Clock(frozen_at=1_000.0).set_to(5_000.0, REAL_NOW)
    assert clock.frozen_at == 5_000.0
    assert clock.now(REAL_NOW + 3_600) == 5_000.0


def test_clock_frozen_stops_at_the_current_time():
    clock = Clock(offset=30.0).frozen(REAL_NOW)
    assert clock.frozen_at == REAL_NOW + 30
    assert clock.now(REAL_NOW + 3_600) == REAL_NOW + 30


def test_clock_running_resumes_from_the_frozen_time():
    clock = Clock(frozen_at=1_000.0).running(REAL_NOW)
    assert clock.frozen_at is None
    assert clock.now(REAL_NOW) == 1_000.0
    assert clock.now(REAL_NOW + 60) == 1_060.0


def test_clock_running_leaves_a_running_clock_unchanged():
    assert Clock(offset=42.0).running(REAL_NOW).now(REAL_NOW) == REAL_NOW + 42


def test_format_time_writes_utc_in_the_api_format():
    assert format_time(0) == "1970-01-01 00:00:00"
    assert format_time(1_795_734_253.9) == "2026-11-26 23:04:13"


@pytest.mark.parametrize("seconds", [0, 86_399, 1_795_734_253, 4_102_444_800, -86_400])
def test_parse_time_reverses_format_time(seconds):
    assert parse_time(format_time(seconds)) == seconds


def test_parse_time_reads_utc_not_local_time():
    assert parse_time("1970-01-02 00:00:00") == 86_400


@pytest.mark.parametrize(
    "text", ["2026-11-26", "2026-11-26T23:04:13", "2026-13-01 00:00:00", "", "yesterday"]
)
def test_parse_time_refuses_other_formats(text):
    with pytest.raises(ValueError):
        parse_time(text)
