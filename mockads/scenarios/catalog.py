"""Scenario files: find them, read them, check them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from mockads.domain.errors import NotFound

__all__ = [
    "BusinessCenterSpec",
    "Market",
    "ScenarioSpec",
    "list_scenarios",
    "load_scenario",
    "scenarios_dir",
]

#: libyaml's safe loader where PyYAML was built with it (the same documents, parsed in C).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


@dataclass(frozen=True)
class CodeCounts:
    """How many Spark codes of each kind a scenario generates."""

    ready: int = 0
    linked: int = 0
    expired: int = 0
    revoked: int = 0


@dataclass(frozen=True)
class Market:
    """Where an ad account runs: its country, currency, time zone and its ad group's location."""

    country: str = "US"
    currency: str = "USD"
    timezone: str = "America/Los_Angeles"
    location_id: str = "6252001"  # a geoname id, as `location_ids` takes them


@dataclass(frozen=True)
class BusinessCenterSpec:
    """The Business Center that owns a scenario's ad accounts, and the token user's role in it."""

    type: str = "NORMAL"
    currency: str = "USD"
    timezone: str = "America/Los_Angeles"
    registered_area: str = "US"
    user_role: str = "ADMIN"
    finance_role: str | None = "MANAGER"


@dataclass(frozen=True)
class ScenarioSpec:
    """What a scenario file asks for."""

    name: str
    description: str = ""
    advertisers: int = 1
    #: Markets of the ad accounts, in turn (the first account takes the first).
    markets: tuple[Market, ...] = (Market(),)
    #: A Business Center owning every ad account; made whenever `bc_accounts` asks for one.
    business_center: BusinessCenterSpec | None = None
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
    # ETL assets per advertiser (issue 15): images, music, creative portfolios, audiences.
    library_images: int = 0
    musics: int = 0
    creative_portfolios: int = 0
    custom_audiences: int = 0

    @property
    def headline(self) -> str:
        """The description's first sentence, for one-line lists."""
        text = " ".join(self.description.split())
        end = text.find(". ")
        return text if end < 0 else text[: end + 1]


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
    stat = path.stat()
    return _parsed(name, path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _parsed(name: str, path: Path, _mtime_ns: int, _size: int) -> ScenarioSpec:
    """The scenario in a file, parsed once per version of the file (every sandbox create
    names one; a file edited in `MOCKADS_SCENARIOS_DIR` is read again)."""
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader) or {}
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
    if "markets" in values:
        values["markets"] = tuple(_part(name, Market, m) for m in values["markets"] or [{}])
    if values.get("business_center") is not None:
        values["business_center"] = _part(name, BusinessCenterSpec, values["business_center"])
    elif values.get("bc_accounts"):
        # Accounts authorized to a Business Center need one: the default Business Center.
        values["business_center"] = BusinessCenterSpec()
    return ScenarioSpec(name=name, **values)


def _part(name: str, cls: type[Any], raw: Any) -> Any:
    """A nested part of a scenario file (`True` or `{}` take every default)."""
    if raw is True:
        raw = {}
    if not isinstance(raw, dict):
        raise ValueError(f"scenario {name}: {cls.__name__} expects a mapping, got {raw!r}")
    unknown = set(raw) - {f.name for f in fields(cls)}
    if unknown:
        raise ValueError(f"scenario {name}: unknown keys {sorted(unknown)}")
    return cls(**{key: str(value) if value is not None else None for key, value in raw.items()})
