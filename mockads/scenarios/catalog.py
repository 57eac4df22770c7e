"""Scenario files: find them, read them, check them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from mockads.domain.errors import NotFound

__all__ = ["ScenarioSpec", "list_scenarios", "load_scenario", "scenarios_dir"]

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


@dataclass(frozen=True)
class CodeCounts:
    """How many Spark codes of each kind a scenario generates."""

    ready: int = 0
    linked: int = 0
    expired: int = 0
    revoked: int = 0


@dataclass(frozen=True)
class ScenarioSpec:
    """What a scenario file asks for."""

    name: str
    description: str = ""
    advertisers: int = 1
    brand_posts: int = 0
    custom_identities: int = 0
    bc_accounts: int = 0
    creators: int = 0
    posts_per_creator: tuple[int, int] = (1, 1)
    private_posts: int = 0
    codes: CodeCounts = field(default_factory=CodeCounts)
    duets: int = 0
    edge_cases: bool = False
    campaigns: int = 0
    library_videos: int = 0
    spark_ads: int = 1


def scenarios_dir() -> Path:
    """Where scenario files live: `MOCKADS_SCENARIOS_DIR`, or the ones shipped in the package."""
    configured = os.environ.get("MOCKADS_SCENARIOS_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


def list_scenarios() -> list[ScenarioSpec]:
    """Every scenario, by name."""
    return [load_scenario(path.stem) for path in sorted(scenarios_dir().glob("*.yaml"))]


def load_scenario(name: str) -> ScenarioSpec:
    """The scenario called `name`; NotFound when no such file exists."""
    path = scenarios_dir() / f"{name}.yaml"
    # Names are file stems: anything else (a path, a dot) names no scenario.
    if not _NAME.fullmatch(name) or not path.is_file():
        raise NotFound("scenario", name)
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return _spec(name, raw)


def _spec(name: str, raw: dict[str, Any]) -> ScenarioSpec:
    known = {f.name for f in fields(ScenarioSpec)} - {"name"}
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"scenario {name}: unknown keys {sorted(unknown)}")
    values = dict(raw)
    if "codes" in values:
        values["codes"] = CodeCounts(**values["codes"])
    if "posts_per_creator" in values:
        low, high = values["posts_per_creator"]
        values["posts_per_creator"] = (int(low), int(high))
    return ScenarioSpec(name=name, **values)
