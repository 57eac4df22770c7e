"""Scenarios: seeded worlds described by `mockads/fixtures/scenarios/*.yaml`."""

from mockads.scenarios.builder import build_world, warm_up_faker
from mockads.scenarios.catalog import ScenarioSpec, list_scenarios, load_scenario

__all__ = ["ScenarioSpec", "build_world", "list_scenarios", "load_scenario", "warm_up_faker"]
