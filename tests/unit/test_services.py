"""Sandbox services on a real in-memory store: create, reset, delete, clocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mockads import __version__
from mockads.domain import errors
from mockads.domain.clock import Clock, parse_time
from mockads.domain.enums import AdAuthStatus
from mockads.services import sandboxes, spark
from mockads.services.access import authenticate
from mockads.store import SqlStore, create_store

DAY = 86_400


@pytest.fixture
def store() -> Iterator[SqlStore]:
    store = create_store("sqlite://")
    yield store
    store.dispose()


@pytest.fixture
def summary(store: SqlStore) -> sandboxes.SandboxSummary:
    return sandboxes.create_sandbox(store, seed=1)


def _links(store: SqlStore, sandbox_id: str) -> set[tuple[str, str]]:
    with store.unit_of_work() as uow:
        return {(link.item_id, link.auth_code) for link in uow.world(sandbox_id).linked_posts()}


def _ready_code(summary: sandboxes.SandboxSummary) -> str:
    return next(
        c.auth_code
        for c in summary.sample_codes
        if c.ad_auth_status is AdAuthStatus.AUTHORIZED and not c.linked
    )


def test_create_sandbox_holds_the_scenario_world(summary):
    assert summary.sandbox.scenario == "default"
    assert summary.sandbox.seed == 1
    assert len(summary.advertisers) == 1
    assert len(summary.creators) >= 6
    assert {c.ad_auth_status for c in summary.sample_codes} >= {
        AdAuthStatus.AUTHORIZED,
        AdAuthStatus.EXPIRED,
        AdAuthStatus.CANCELLED,
    }


def test_create_sandbox_starts_its_world_at_real_time(summary):
    assert summary.now == pytest.approx(summary.sandbox.created_at, abs=1)
    ready = [c for c in summary.sample_codes if c.ad_auth_status is AdAuthStatus.AUTHORIZED]
    assert all(c.auth_end_time > summary.now for c in ready)


def test_create_sandbox_uses_the_given_id_name_and_token(store):
    created = sandboxes.create_sandbox(
        store, sandbox_id="mine", name="My sandbox", access_token="a" * 40
    )
    assert (created.sandbox.sandbox_id, created.sandbox.name) == ("mine", "My sandbox")
    with store.unit_of_work() as uow:
        assert authenticate(uow, "a" * 40).sandbox.sandbox_id == "mine"


def test_create_sandbox_refuses_an_id_already_taken(store):
    sandboxes.create_sandbox(store, sandbox_id="twice")
    with pytest.raises(errors.Conflict) as caught:
        sandboxes.create_sandbox(store, sandbox_id="twice", seed=2)
    assert caught.value.message == "sandbox_id: 'twice' already exists."
    assert sandboxes.get_sandbox(store, "twice").sandbox.seed == 1


def test_create_sandbox_refuses_a_token_already_taken(store):
    sandboxes.create_sandbox(store, access_token="b" * 40)
    with pytest.raises(errors.Conflict):
        sandboxes.create_sandbox(store, access_token="b" * 40)
    assert len(sandboxes.list_sandboxes(store)) == 1


def test_create_sandbox_refuses_an_unknown_scenario(store):
    with pytest.raises(errors.NotFound):
        sandboxes.create_sandbox(store, scenario="nope")
    assert sandboxes.list_sandboxes(store) == []


def test_create_sandbox_refuses_a_negative_seed(store):
    with pytest.raises(errors.InvalidParameter) as caught:
        sandboxes.create_sandbox(store, seed=-1)
    assert caught.value.field == "seed"


def test_list_sandboxes_returns_them_oldest_first(store):
    ids = [sandboxes.create_sandbox(store, seed=seed).sandbox.sandbox_id for seed in (1, 2, 3)]
    assert [s.sandbox.sandbox_id for s in sandboxes.list_sandboxes(store)] == ids


def test_delete_sandbox_removes_it_and_its_token(store, summary):
    sandbox = summary.sandbox
    sandboxes.delete_sandbox(store, sandbox.sandbox_id)
    with pytest.raises(errors.NotFound):
        sandboxes.get_sandbox(store, sandbox.sandbox_id)
    with pytest.raises(errors.AccessTokenInvalid), store.unit_of_work() as uow:
        authenticate(uow, sandbox.access_token)


def test_delete_sandbox_refuses_an_unknown_sandbox(store):
    with pytest.raises(errors.NotFound):
        sandboxes.delete_sandbox(store, "nope")


def test_reset_sandbox_restores_the_links_of_the_scenario(store, summary):
    sandbox_id = summary.sandbox.sandbox_id
    before = _links(store, sandbox_id)
    spark.tt_video_authorize(
        store,
        summary.sandbox.access_token,
        summary.advertisers[0].advertiser_id,
        _ready_code(summary),
    )
    assert len(_links(store, sandbox_id)) == len(before) + 1
    sandboxes.reset_sandbox(store, sandbox_id)
    assert _links(store, sandbox_id) == before


def test_reset_sandbox_restores_the_clock(store, summary):
    sandbox_id = summary.sandbox.sandbox_id
    sandboxes.set_clock(store, sandbox_id, frozen=True, advance_seconds=400 * DAY)
    reset = sandboxes.reset_sandbox(store, sandbox_id)
    now, clock = sandboxes.get_clock(store, sandbox_id)
    assert clock == reset.sandbox.clock == Clock()
    assert now == pytest.approx(reset.now, abs=1)
    assert {c.ad_auth_status for c in reset.sample_codes} >= {AdAuthStatus.AUTHORIZED}


def test_reset_sandbox_keeps_the_access_token(store, summary):
    reset = sandboxes.reset_sandbox(store, summary.sandbox.sandbox_id)
    assert reset.sandbox.access_token == summary.sandbox.access_token


def test_set_clock_advances_a_running_clock(store, summary):
    now, clock = sandboxes.set_clock(store, summary.sandbox.sandbox_id, advance_seconds=3 * DAY)
    assert clock == Clock(offset=3 * DAY)
    assert now == pytest.approx(summary.now + 3 * DAY, abs=5)


def test_set_clock_freezes_the_clock(store, summary):
    sandbox_id = summary.sandbox.sandbox_id
    now, clock = sandboxes.set_clock(store, sandbox_id, frozen=True)
    assert clock.frozen_at == now
    assert sandboxes.get_clock(store, sandbox_id) == (now, clock)


def test_set_clock_advances_a_frozen_clock_exactly(store, summary):
    sandbox_id = summary.sandbox.sandbox_id
    frozen_at, _ = sandboxes.set_clock(store, sandbox_id, frozen=True)
    now, clock = sandboxes.set_clock(store, sandbox_id, advance_seconds=60)
    assert now == frozen_at + 60
    assert clock.frozen_at == frozen_at + 60


def test_set_clock_sets_the_time(store, summary):
    now, clock = sandboxes.set_clock(
        store, summary.sandbox.sandbox_id, set_to="2030-01-01 00:00:00", frozen=True
    )
    assert now == parse_time("2030-01-01 00:00:00")
    assert clock.frozen_at == now


def test_set_clock_unfreezes_from_the_frozen_time(store, summary):
    sandbox_id = summary.sandbox.sandbox_id
    sandboxes.set_clock(store, sandbox_id, set_to="2030-01-01 00:00:00", frozen=True)
    now, clock = sandboxes.set_clock(store, sandbox_id, frozen=False)
    assert clock.frozen_at is None
    assert now == pytest.approx(parse_time("2030-01-01 00:00:00"), abs=5)


def test_set_clock_refuses_to_go_back(store, summary):
    with pytest.raises(errors.InvalidParameter) as caught:
        sandboxes.set_clock(store, summary.sandbox.sandbox_id, advance_seconds=-1)
    assert caught.value.field == "advance_seconds"
    assert sandboxes.get_clock(store, summary.sandbox.sandbox_id)[1] == Clock()


def test_set_clock_refuses_a_malformed_time(store, summary):
    with pytest.raises(errors.InvalidParameter) as caught:
        sandboxes.set_clock(store, summary.sandbox.sandbox_id, set_to="2030-01-01")
    assert caught.value.message == "set: expected YYYY-MM-DD HH:MM:SS (UTC)."


def test_set_clock_refuses_an_unknown_sandbox(store):
    with pytest.raises(errors.NotFound):
        sandboxes.set_clock(store, "nope", advance_seconds=1)


def test_advancing_the_clock_expires_authorized_codes(store, summary):
    sandbox_id = summary.sandbox.sandbox_id
    sandboxes.set_clock(store, sandbox_id, advance_seconds=400 * DAY)
    statuses = {c.ad_auth_status for c in sandboxes.get_sandbox(store, sandbox_id).sample_codes}
    assert AdAuthStatus.AUTHORIZED not in statuses


def test_health_counts_the_sandboxes(store):
    assert sandboxes.health(store)["sandboxes"] == 0
    sandboxes.create_sandbox(store)
    assert sandboxes.health(store) == {"status": "ok", "version": __version__, "sandboxes": 1}


def test_default_access_token_is_fixed_per_seed():
    assert sandboxes.default_access_token(1) == sandboxes.default_access_token(1)
    assert sandboxes.default_access_token(1) != sandboxes.default_access_token(2)
