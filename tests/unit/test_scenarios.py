"""Scenarios: files load by name, and a seed builds the same world every time."""

from __future__ import annotations

import pytest

from mockads.domain import errors
from mockads.domain.enums import AdAuthStatus, IdentityType, Privacy
from mockads.domain.model import World
from mockads.scenarios import build_world, builder, list_scenarios, load_scenario


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(load_scenario("default"), 1)


def test_build_world_gives_an_equal_world_for_the_same_seed():
    spec = load_scenario("default")
    first = builder.build_fresh(spec, 1)
    builder.build_fresh(spec, 2)
    second = builder.build_fresh(spec, 1)
    assert second is not first
    assert second == first
    assert repr(second) == repr(first)


def test_build_world_gives_a_different_world_for_another_seed():
    spec = load_scenario("default")
    one, two = build_world(spec, 1), build_world(spec, 2)
    assert one != two
    assert {a.advertiser_id for a in one.advertisers}.isdisjoint(
        a.advertiser_id for a in two.advertisers
    )
    assert {c.auth_code for c in one.spark_codes}.isdisjoint(c.auth_code for c in two.spark_codes)


def test_default_scenario_holds_at_least_five_creators_besides_the_brand(world):
    brands = {i.creator_id for i in world.identities if i.identity_type is IdentityType.TT_USER}
    assert len([c for c in world.creators if c.creator_id not in brands]) >= 5


def test_default_scenario_creators_allow_authorized_posts_and_the_brand_does_not(world):
    brands = {i.creator_id for i in world.identities if i.identity_type is IdentityType.TT_USER}
    for creator in world.creators:
        expected = creator.creator_id not in brands
        assert creator.allow_authorized_posts is expected
        assert creator.accepted_ad_terms is expected


def test_default_scenario_holds_public_and_not_public_posts(world):
    privacies = {p.privacy for p in world.posts}
    assert Privacy.PUBLIC in privacies
    assert privacies & {Privacy.PRIVATE, Privacy.FRIENDS}


def test_default_scenario_holds_authorized_expired_and_cancelled_codes_at_time_zero(world):
    statuses = [c.status_at(0) for c in world.spark_codes]
    assert statuses.count(AdAuthStatus.AUTHORIZED) >= 2
    assert AdAuthStatus.EXPIRED in statuses
    assert AdAuthStatus.CANCELLED in statuses


def test_default_scenario_codes_are_for_public_posts(world):
    posts = {p.item_id: p for p in world.posts}
    assert all(posts[c.item_id].privacy is Privacy.PUBLIC for c in world.spark_codes)


def test_default_scenario_links_posts_through_authorized_codes(world):
    codes = {c.auth_code: c for c in world.spark_codes}
    assert world.linked_posts
    for link in world.linked_posts:
        code = codes[link.auth_code]
        assert code.item_id == link.item_id
        assert code.status_at(0) is AdAuthStatus.AUTHORIZED
        assert link.advertiser_id == world.advertisers[0].advertiser_id


def test_default_scenario_holds_a_duet_whose_original_also_has_a_code(world):
    posts = {p.item_id: p for p in world.posts}
    coded = {c.item_id for c in world.spark_codes}
    duets = [p for p in world.posts if p.duet_original_item_id is not None]
    assert len(duets) == 1
    duet = duets[0]
    original = posts[duet.duet_original_item_id]
    assert duet.item_id in coded
    assert original.item_id in coded
    assert original.creator_id != duet.creator_id


def test_default_scenario_holds_one_tt_user_and_one_customized_user_identity(world):
    types = [i.identity_type for i in world.identities]
    assert types.count(IdentityType.TT_USER) == 1
    assert types.count(IdentityType.CUSTOMIZED_USER) == 1


def test_default_scenario_ids_are_unique(world):
    for name, key in [
        ("advertisers", "advertiser_id"),
        ("creators", "creator_id"),
        ("posts", "item_id"),
        ("spark_codes", "auth_code"),
    ]:
        values = [getattr(entity, key) for entity in getattr(world, name)]
        assert len(values) == len(set(values)), name


def test_load_scenario_reads_the_default_file():
    spec = load_scenario("default")
    assert spec.name == "default"
    assert spec.creators >= 5
    assert spec.duets == 1


def test_list_scenarios_includes_default():
    assert "default" in [spec.name for spec in list_scenarios()]


def test_load_scenario_refuses_an_unknown_name():
    with pytest.raises(errors.NotFound) as caught:
        load_scenario("no-such-scenario")
    assert caught.value.message == "scenario 'no-such-scenario' does not exist."


@pytest.mark.parametrize("name", ["../default", "default.yaml", "a b", "", "x/y", "Default"])
def test_load_scenario_refuses_a_name_that_is_not_a_file_stem(name):
    with pytest.raises(errors.NotFound) as caught:
        load_scenario(name)
    assert caught.value.message == f"scenario {name!r} does not exist."
