"""Business Centers without HTTP: the scenario builder makes them, BC_AUTH_TT identities are
checked against them, and sandboxes kept from before them get theirs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from mockads.domain import errors
from mockads.domain.enums import IdentityType
from mockads.domain.model import BusinessCenter, Identity, Sandbox, World, account_identity
from mockads.scenarios import build_world, load_scenario
from mockads.scenarios.builder import build_fresh
from mockads.scenarios.catalog import BusinessCenterSpec, Market
from mockads.services import sandboxes
from mockads.store import SqlStore, create_store
from tests.unit.business_centers import business_center

BC_AUTH_TT, TT_USER = IdentityType.BC_AUTH_TT, IdentityType.TT_USER
ADVERTISER = "7100000000000000000"
BC_ID = "7200000000000000000"


@pytest.fixture(scope="module")
def agency() -> World:
    return build_world(load_scenario("agency"), 1)


def _identity(identity_type=BC_AUTH_TT, bc_id=BC_ID) -> Identity:
    return Identity(
        identity_id="creator-identity",
        advertiser_id=ADVERTISER,
        identity_type=identity_type,
        display_name="A creator",
        profile_image="https://mockads.invalid/avatar/1.jpeg",
        creator_id="7400000000000000001",
        identity_authorized_bc_id=bc_id if identity_type is BC_AUTH_TT else None,
        can_push_video=True,
        can_pull_video=True,
        can_use_live_ads=False,
        create_time=0,
    )


_bc = business_center


# -- the agency scenario ----------------------------------------------------------------------


def test_the_agency_business_center_owns_every_ad_account(agency):
    (bc,) = agency.business_centers
    assert sorted(bc.advertiser_ids) == sorted(a.advertiser_id for a in agency.advertisers)
    assert len(bc.advertiser_ids) == 3
    assert (bc.type, bc.user_role, bc.finance_role) == ("AGENCY", "ADMIN", "MANAGER")


def test_agency_accounts_run_in_their_own_currency_and_time_zone(agency):
    markets = [(a.country, a.currency, a.timezone) for a in agency.advertisers]
    assert markets == [
        ("US", "USD", "America/New_York"),
        ("GB", "GBP", "Europe/London"),
        ("DE", "EUR", "Europe/Berlin"),
    ]


def test_the_same_seed_builds_the_same_business_center_and_accounts():
    spec = load_scenario("agency")
    first, again = build_fresh(spec, 1), build_fresh(spec, 1)
    assert first == again
    other = build_fresh(spec, 2)
    assert other.business_centers[0].bc_id != first.business_centers[0].bc_id
    assert set(other.business_centers[0].advertiser_ids).isdisjoint(
        first.business_centers[0].advertiser_ids
    )


def test_every_agency_account_holds_the_creators_authorized_to_the_business_center(agency):
    (bc,) = agency.business_centers
    by_account = {
        a.advertiser_id: {
            i.identity_id
            for i in agency.identities
            if i.advertiser_id == a.advertiser_id and i.identity_type is BC_AUTH_TT
        }
        for a in agency.advertisers
    }
    shared = next(iter(by_account.values()))
    assert len(shared) == 2
    assert all(found == shared for found in by_account.values())
    bc_ids = {
        i.identity_authorized_bc_id for i in agency.identities if i.identity_type is BC_AUTH_TT
    }
    assert bc_ids == {bc.bc_id}


def test_agency_linked_codes_and_campaigns_go_to_each_account_in_turn(agency):
    accounts = {a.advertiser_id for a in agency.advertisers}
    assert {link.advertiser_id for link in agency.linked_posts} == accounts
    assert {c.advertiser_id for c in agency.campaigns} == accounts
    for advertiser in agency.advertisers:
        spark = [
            ad for ad in agency.ads if ad.advertiser_id == advertiser.advertiser_id and ad.is_spark
        ]
        assert len(spark) == 1


def test_each_agency_ad_group_targets_its_accounts_market(agency):
    market_of = {
        a.advertiser_id: m
        for a, m in zip(agency.advertisers, load_scenario("agency").markets, strict=True)
    }
    for adgroup in agency.adgroups:
        market = market_of[adgroup.advertiser_id]
        assert adgroup.location_ids == (market.location_id,)
        assert adgroup.adgroup_name.startswith(f"{market.country} - ")


def test_the_default_scenario_makes_a_business_center_for_its_bc_authorized_account():
    world = build_world(load_scenario("default"), 1)
    (bc,) = world.business_centers
    assert bc.advertiser_ids == (world.advertisers[0].advertiser_id,)
    assert load_scenario("default").business_center == BusinessCenterSpec()
    bc_ids = {
        i.identity_authorized_bc_id for i in world.identities if i.identity_type is BC_AUTH_TT
    }
    assert bc_ids == {bc.bc_id}


@pytest.mark.parametrize("name", ["edge-cases", "near-cap", "training"])
def test_scenarios_without_bc_authorized_accounts_have_no_business_center(name):
    assert build_world(load_scenario(name), 1).business_centers == ()


# -- scenario files ---------------------------------------------------------------------------


def test_a_scenario_file_gives_markets_to_its_accounts_in_turn(tmp_path, monkeypatch):
    (tmp_path / "two.yaml").write_text(
        "advertisers: 3\nmarkets:\n  - {country: FR, currency: EUR, timezone: Europe/Paris}\n"
        "  - {country: JP, currency: JPY, timezone: Asia/Tokyo, location_id: '1861060'}\n"
    )
    monkeypatch.setenv("MOCKADS_SCENARIOS_DIR", str(tmp_path))
    spec = load_scenario("two")
    assert spec.markets[1] == Market("JP", "JPY", "Asia/Tokyo", "1861060")
    world = build_fresh(spec, 1)
    assert [a.country for a in world.advertisers] == ["FR", "JP", "FR"]


@pytest.mark.parametrize(
    "text",
    [
        "business_center: {owner: me}\n",
        "markets:\n  - {country: FR, language: fr}\n",
        "business_center: AGENCY\n",
    ],
    ids=["unknown business_center key", "unknown market key", "not a mapping"],
)
def test_a_scenario_file_with_a_bad_business_center_or_market_is_refused(
    tmp_path, monkeypatch, text
):
    (tmp_path / "bad.yaml").write_text(text)
    monkeypatch.setenv("MOCKADS_SCENARIOS_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="scenario bad: "):
        load_scenario("bad")


def test_a_scenario_headline_is_the_first_sentence_of_its_description():
    spec = replace(load_scenario("agency"), description="One thing.  Then\n more. And more.")
    assert spec.headline == "One thing."
    assert replace(spec, description="No full stop").headline == "No full stop"


# -- account_identity against the Business Center ---------------------------------------------


def test_a_bc_auth_tt_account_of_a_business_center_owning_the_account_is_returned():
    identity = _identity()
    assert account_identity(identity, BC_AUTH_TT, "x", BC_ID, _bc(ADVERTISER)) is identity


@pytest.mark.parametrize("bc_id", [None, "7200000000000000099"], ids=["missing", "another"])
def test_a_bc_auth_tt_account_needs_the_business_center_it_is_authorized_to(bc_id):
    with pytest.raises(errors.InvalidParameter) as raised:
        account_identity(_identity(), BC_AUTH_TT, "x", bc_id, _bc(ADVERTISER, bc_id=bc_id or BC_ID))
    assert raised.value.api_code == 40002
    assert raised.value.message.startswith("identity_authorized_bc_id: ")


@pytest.mark.parametrize(
    "business_center",
    [None, _bc("7100000000000000999"), _bc(ADVERTISER, bc_id="7200000000000000099")],
    ids=["no such business center", "owns another account", "another business center"],
)
def test_a_bc_auth_tt_account_through_a_business_center_out_of_reach_is_no_permission(
    business_center,
):
    with pytest.raises(errors.NoPermission) as raised:
        account_identity(_identity(), BC_AUTH_TT, "x", BC_ID, business_center)
    assert (raised.value.field, raised.value.value) == ("identity_authorized_bc_id", BC_ID)


def test_a_tt_user_account_needs_no_business_center():
    identity = _identity(TT_USER)
    assert account_identity(identity, TT_USER, "x", None, None) is identity


# -- sandboxes kept from before Business Centers ----------------------------------------------


@pytest.fixture
def store() -> Iterator[SqlStore]:
    store = create_store("sqlite://")
    yield store
    store.dispose()


def _keep_without_business_centers(store: SqlStore, sandbox_id: str, scenario: str) -> None:
    """A sandbox as a mockads older than Business Centers stored it."""
    world = replace(build_world(load_scenario(scenario), 1), business_centers=())
    with store.unit_of_work() as uow:
        uow.sandboxes.add(Sandbox(sandbox_id, sandbox_id, scenario, 1, f"token-{sandbox_id}", 0.0))
        uow.world(sandbox_id).load(world)


def _business_centers(store: SqlStore, sandbox_id: str) -> list[BusinessCenter]:
    with store.unit_of_work(read_only=True) as uow:
        return uow.world(sandbox_id).business_centers()


def test_a_kept_sandbox_gets_the_business_center_its_scenario_builds(store):
    _keep_without_business_centers(store, "old", "agency")
    assert sandboxes.complete_business_centers(store) == ["old"]
    expected = list(build_world(load_scenario("agency"), 1).business_centers)
    assert _business_centers(store, "old") == expected
    assert sandboxes.complete_business_centers(store) == []  # once only


def test_a_kept_sandbox_whose_scenario_has_no_business_center_is_left_alone(store):
    _keep_without_business_centers(store, "plain", "edge-cases")
    assert sandboxes.complete_business_centers(store) == []
    assert _business_centers(store, "plain") == []
