"""Scenario templates: a world kept on disk serves a sandbox exactly as building it does."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockads.scenarios import builder, load_scenario, templates
from mockads.services import sandboxes
from mockads.store import create_store

NOW = 1_780_000_000.0
_TOKEN = "0123456789abcdef" * 2 + "01234567"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private, empty template folder; worlds kept in memory forgotten before and after."""
    monkeypatch.setenv("MOCKADS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(sandboxes, "real_time", lambda: NOW)
    builder._world.cache_clear()
    yield tmp_path / "cache"
    builder._world.cache_clear()


def _exported(scenario: str, seed: int) -> str:
    store = create_store("sqlite://")
    try:
        sandboxes.create_sandbox(
            store,
            scenario=scenario,
            seed=seed,
            sandbox_id="s",
            keep_template=True,
            access_token=_TOKEN,  # an app's secret derives from it
        )
        with store.unit_of_work(read_only=True) as uow:
            rows = uow.world("s").dump_rows()
        return json.dumps(rows, sort_keys=True, default=str)
    finally:
        store.dispose()


def _no_build(*_: object) -> None:
    raise AssertionError("built with Faker although a template was kept")


@pytest.mark.parametrize("scenario", ["default", "agency", "edge-cases"])
def test_a_sandbox_from_a_template_exports_the_state_of_one_built_fresh(
    cache: Path, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:
    fresh = _exported(scenario, 3)  # builds, and keeps the template
    assert [p.name for p in cache.iterdir()] == [
        templates.template_path(load_scenario(scenario), 3).name
    ]
    builder._world.cache_clear()
    monkeypatch.setattr(builder, "build_fresh", _no_build)
    assert _exported(scenario, 3) == fresh


def test_only_the_worlds_asked_to_be_kept_are_written(cache: Path) -> None:
    builder.build_world(load_scenario("default"), 8)
    assert not cache.exists()


def test_a_template_holds_the_world_a_fresh_build_makes(cache: Path) -> None:
    spec = load_scenario("default")
    built = builder.build_world(spec, 5, keep=True)
    assert templates.load_template(spec, 5) == built == builder.build_fresh(spec, 5)


def test_a_template_is_named_by_scenario_seed_and_code(cache: Path) -> None:
    spec = load_scenario("default")
    names = {templates.template_path(spec, seed).name for seed in (1, 2)}
    assert len(names) == 2
    assert all(name.startswith("default-") for name in names)
    other = templates.template_path(load_scenario("agency"), 1).name
    assert other not in names


def test_a_new_template_replaces_the_ones_older_code_kept(cache: Path) -> None:
    spec = load_scenario("default")
    cache.mkdir(parents=True)
    older = cache / "default-7-0123456789abcdef01234567.world"
    other_seed = cache / "default-70-0123456789abcdef01234567.world"
    older.write_bytes(b"older")
    other_seed.write_bytes(b"other")
    builder.build_world(spec, 7, keep=True)
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [templates.template_path(spec, 7).name, other_seed.name]
    )


def test_an_unreadable_template_is_built_again(cache: Path) -> None:
    spec = load_scenario("default")
    path = templates.template_path(spec, 4)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert templates.load_template(spec, 4) is None
    assert builder.build_world(spec, 4, keep=True) == builder.build_fresh(spec, 4)
    assert templates.load_template(spec, 4) == builder.build_fresh(spec, 4)


def test_a_folder_that_cannot_be_written_only_costs_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("MOCKADS_CACHE_DIR", str(blocker / "cache"))
    builder._world.cache_clear()
    spec = load_scenario("default")
    assert builder.build_world(spec, 6, keep=True) == builder.build_fresh(spec, 6)
    builder._world.cache_clear()


def test_warming_faker_up_makes_the_instance_every_later_build_uses() -> None:
    builder._faker.cache_clear()
    builder.warm_up_faker()
    warmed = builder._faker()
    builder.build_fresh(load_scenario("default"), 7)
    assert builder._faker() is warmed
    assert builder._faker.cache_info().misses == 1


def test_a_started_server_warms_faker_up_in_the_background(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mockads import cli, scenarios

    warmed = threading.Event()
    monkeypatch.setattr(scenarios, "warm_up_faker", warmed.set)
    cli._warm_up_in_background()
    assert warmed.wait(timeout=10)
