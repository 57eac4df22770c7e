"""Entities: a code's status over time, and shifting a world in time."""

from __future__ import annotations

import random
from dataclasses import fields, replace

import pytest

from mockads.domain.enums import AdAuthStatus
from mockads.domain.model import (
    Advertiser,
    Creator,
    Identity,
    LinkedPost,
    Post,
    SparkCode,
    World,
)
from mockads.domain.oauth import AccessGrant, AuthCode, OAuthApp, new_oauth_code
from mockads.scenarios import build_world, load_scenario

START, END = 1_000, 2_000


def _code(**times: int | None) -> SparkCode:
    return SparkCode(
        auth_code="#" + "A" * 64,
        item_id="7000000000000000001",
        days=30,
        auth_start_time=START,
        auth_end_time=END,
        **times,
    )


def test_spark_code_status_at_is_authorized_during_the_period():
    assert _code().status_at(START) is AdAuthStatus.AUTHORIZED
    assert _code().status_at(END - 1) is AdAuthStatus.AUTHORIZED


def test_spark_code_status_at_is_expired_at_exactly_auth_end_time():
    assert _code().status_at(END) is AdAuthStatus.EXPIRED


def test_spark_code_status_at_is_expired_after_auth_end_time():
    assert _code().status_at(END + 86_400) is AdAuthStatus.EXPIRED


def test_spark_code_status_at_is_cancelled_from_revoked_at():
    code = _code(revoked_at=1_500)
    assert code.status_at(1_499) is AdAuthStatus.AUTHORIZED
    assert code.status_at(1_500) is AdAuthStatus.CANCELLED


def test_spark_code_status_at_is_invalid_from_invalidated_at():
    code = _code(invalidated_at=1_500)
    assert code.status_at(1_499) is AdAuthStatus.AUTHORIZED
    assert code.status_at(1_500) is AdAuthStatus.INVALID


def test_spark_code_status_at_prefers_cancelled_to_expired():
    assert _code(revoked_at=1_500).status_at(END + 1) is AdAuthStatus.CANCELLED


def test_spark_code_status_at_prefers_invalid_to_cancelled_and_expired():
    code = _code(revoked_at=1_200, invalidated_at=1_500)
    assert code.status_at(END + 1) is AdAuthStatus.INVALID


ENTITIES = [
    Advertiser,
    Creator,
    Post,
    SparkCode,
    Identity,
    LinkedPost,
    OAuthApp,
    AuthCode,
    AccessGrant,
]


@pytest.mark.parametrize("cls", ENTITIES, ids=lambda cls: cls.__name__)
def test_time_fields_name_every_time_field_of_an_entity(cls):
    looks_like_time = {f.name for f in fields(cls) if f.name.endswith(("_time", "_at"))}
    assert set(cls.time_fields) == looks_like_time


@pytest.fixture(scope="module")
def world() -> World:
    """The default scenario, with an app's consent code and a token it bought (scenarios make
    neither)."""
    built = build_world(load_scenario("default"), 1)
    (app,) = built.oauth_apps
    code = new_oauth_code(random.Random(1), app, app.redirect_uris[0], ["7"], [1], 100)
    _, grant = code.exchanged(random.Random(2), 200)
    return replace(built, oauth_auth_codes=(code,), oauth_grants=(grant,))


def test_world_shifted_moves_every_time_field_and_nothing_else(world):
    shift = 1_795_734_253
    shifted = world.shifted(shift)
    for table in fields(World):
        before, after = getattr(world, table.name), getattr(shifted, table.name)
        assert len(after) == len(before) > 0, table.name
        for old, new in zip(before, after, strict=True):
            for f in fields(old):
                old_value, new_value = getattr(old, f.name), getattr(new, f.name)
                if f.name in type(old).time_fields and old_value is not None:
                    assert new_value == old_value + shift, (table.name, f.name)
                else:
                    assert new_value == old_value, (table.name, f.name)


def test_world_shifted_keeps_unset_times_unset(world):
    unset = [c for c in world.spark_codes if c.invalidated_at is None]
    assert unset
    shifted = {c.auth_code: c for c in world.shifted(500).spark_codes}
    assert all(shifted[c.auth_code].invalidated_at is None for c in unset)
