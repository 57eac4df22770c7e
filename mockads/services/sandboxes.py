"""Sandboxes and their clocks: create, list, get, delete, reset; read, set, advance time."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field, replace

from mockads import __version__
from mockads.domain import errors
from mockads.domain.clock import Clock, check_sandbox_time, parse_time
from mockads.domain.enums import AdAuthStatus
from mockads.domain.ids import new_access_token, new_auth_code, new_numeric_id
from mockads.domain.model import (
    Advertiser,
    BusinessCenter,
    Creator,
    Identity,
    Post,
    Sandbox,
    World,
)
from mockads.domain.oauth import OAuthApp, keyed_to_token
from mockads.domain.spark import SparkPost, describe
from mockads.scenarios import build_world, load_scenario
from mockads.services.access import real_time
from mockads.services.ports import Instruments, Store, UnitOfWork, WorldReader
from mockads.services.reports import warm_deliveries
from mockads.services.snapshot import WorldSnapshot

__all__ = [
    "DEFAULT_SANDBOX_ID",
    "SampleCode",
    "SandboxSummary",
    "ScenarioPreview",
    "complete_business_centers",
    "create_sandbox",
    "default_access_token",
    "delete_sandbox",
    "find_sandbox",
    "get_clock",
    "get_sandbox",
    "health",
    "list_sandboxes",
    "preview_scenario",
    "require_sandbox",
    "reset_sandbox",
    "set_clock",
    "summarize",
]

DEFAULT_SANDBOX_ID = "default"
MAX_SEED = 2**63 - 1


@dataclass(frozen=True, slots=True)
class SampleCode:
    """A Spark code worth showing a user, with what it does today."""

    auth_code: str
    item_id: str
    creator_handle: str
    ad_auth_status: AdAuthStatus
    linked: bool
    auth_end_time: int
    case: str
    original_item_id: str | None
    #: The ad account that linked the code; `case` is seen from it, else from the first one.
    linked_advertiser_id: str | None = None


@dataclass(frozen=True, slots=True)
class SandboxSummary:
    """What a user needs to start working with a sandbox."""

    sandbox: Sandbox
    now: float
    advertisers: list[Advertiser]
    identities: list[Identity]
    creators: list[Creator]
    sample_codes: list[SampleCode]
    failing_examples: dict[str, str]
    business_centers: list[BusinessCenter]
    #: The apps registered in the sandbox (every scenario ships one).
    apps: list[OAuthApp] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ScenarioPreview:
    """A scenario's world as a sandbox started now would hold it, and its summary."""

    summary: SandboxSummary
    world: World


def default_access_token(seed: int) -> str:
    """The default sandbox's token: fixed per seed, so printed examples keep working."""
    return new_access_token(random.Random(f"mockads-default-token:{seed}"))


def health(store: Store) -> dict[str, object]:
    """Liveness and a count of sandboxes."""
    with store.unit_of_work(read_only=True) as uow:
        return {"status": "ok", "version": __version__, "sandboxes": uow.sandboxes.count()}


def create_sandbox(
    store: Store,
    *,
    scenario: str = "default",
    seed: int = 1,
    name: str | None = None,
    sandbox_id: str | None = None,
    access_token: str | None = None,
    keep_template: bool = False,
) -> SandboxSummary:
    """A new sandbox holding the world of `scenario` built from `seed`, its clock at real time
    (`keep_template`: keep the built world on disk for the next start; see
    `scenarios/templates.py`)."""
    spec = load_scenario(scenario)
    if not 0 <= seed <= MAX_SEED:
        raise errors.InvalidParameter("seed", f"must be between 0 and {MAX_SEED}.")
    now = real_time()
    sandbox_id = sandbox_id or "sbx_" + secrets.token_hex(6)
    sandbox = Sandbox(
        sandbox_id=sandbox_id,
        name=name or sandbox_id,
        scenario=spec.name,
        seed=seed,
        access_token=access_token or new_access_token(random.Random(secrets.randbits(64))),
        created_at=now,
    )
    world = _keyed(
        build_world(spec, seed, keep=keep_template).shifted(int(now)), sandbox.access_token
    )
    with store.unit_of_work() as uow:
        if uow.sandboxes.get(sandbox_id) is not None:
            raise errors.Conflict(f"sandbox_id: {sandbox_id!r} already exists.")
        if uow.sandboxes.by_token(sandbox.access_token) is not None:
            raise errors.Conflict("access_token: already used by another sandbox.")
        uow.sandboxes.add(sandbox)
        uow.world(sandbox_id).load(world)
    warm_deliveries(store, sandbox_id, seed, now)
    # From the world as built, which the store now holds as it is: no reading it back.
    return _summarize(WorldSnapshot(world), sandbox)


def _keyed(world: World, access_token: str) -> World:
    """The world with its apps' secrets derived from the sandbox's token."""
    return replace(world, oauth_apps=keyed_to_token(world.oauth_apps, access_token))


def preview_scenario(scenario: str, seed: int = 1) -> ScenarioPreview:
    """The default sandbox `mockads serve --scenario S --seed N` would start now, built in
    memory: no store, no server (NotFound for an unknown scenario)."""
    spec = load_scenario(scenario)
    if not 0 <= seed <= MAX_SEED:
        raise errors.InvalidParameter("seed", f"must be between 0 and {MAX_SEED}.")
    now = real_time()
    sandbox = Sandbox(
        sandbox_id=DEFAULT_SANDBOX_ID,
        name=DEFAULT_SANDBOX_ID,
        scenario=spec.name,
        seed=seed,
        access_token=default_access_token(seed),
        created_at=now,
    )
    world = _keyed(build_world(spec, seed).shifted(int(now)), sandbox.access_token)
    return ScenarioPreview(_summarize(WorldSnapshot(world), sandbox), world)


def list_sandboxes(store: Store) -> list[SandboxSummary]:
    """Every sandbox, oldest first."""
    with store.unit_of_work(read_only=True) as uow:
        return [summarize(uow, sandbox) for sandbox in uow.sandboxes.all()]


def get_sandbox(store: Store, sandbox_id: str) -> SandboxSummary:
    """One sandbox's summary."""
    with store.unit_of_work(read_only=True) as uow:
        return summarize(uow, require_sandbox(uow, sandbox_id))


def find_sandbox(store: Store, sandbox_id: str) -> Sandbox:
    """A sandbox's record (NotFound when there is none)."""
    with store.unit_of_work(read_only=True) as uow:
        return require_sandbox(uow, sandbox_id)


def delete_sandbox(store: Store, sandbox_id: str, instruments: Instruments | None = None) -> None:
    """Delete a sandbox, its world and its token (and its faults and journal)."""
    with store.unit_of_work() as uow:
        require_sandbox(uow, sandbox_id)
        uow.sandboxes.remove(sandbox_id)
    if instruments is not None:
        instruments.forget(sandbox_id)


def reset_sandbox(
    store: Store, sandbox_id: str, instruments: Instruments | None = None
) -> SandboxSummary:
    """Put a sandbox back to its scenario and seed, its clock to real time, without faults or
    journal; the token stays."""
    with store.unit_of_work() as uow:
        sandbox = require_sandbox(uow, sandbox_id)
        world = build_world(load_scenario(sandbox.scenario), sandbox.seed).shifted(int(real_time()))
        world = _keyed(world, sandbox.access_token)
        repository = uow.world(sandbox_id)
        repository.clear()
        repository.load(world)
        uow.sandboxes.set_clock(sandbox_id, Clock())
        summary = summarize(uow, replace(sandbox, clock=Clock()))
    warm_deliveries(store, sandbox_id, sandbox.seed, real_time())
    if instruments is not None:
        instruments.clear(sandbox_id)
    return summary


def complete_business_centers(store: Store) -> list[str]:
    """Give sandboxes kept by a mockads older than Business Centers the ones their scenario
    now builds (a database file keeps its sandboxes across upgrades); their ids.

    A sandbox whose scenario has a Business Center but which holds none can only come from
    before: nothing removes a Business Center. Business Centers hold no times, so they are
    exactly what the sandbox would have been built with.
    """
    with store.unit_of_work(read_only=True) as uow:
        lacking = [
            sandbox
            for sandbox in uow.sandboxes.all()
            if not uow.world(sandbox.sandbox_id).business_centers()
        ]
    completed = []
    for sandbox in lacking:
        try:
            built = build_world(load_scenario(sandbox.scenario), sandbox.seed).business_centers
        except errors.NotFound:  # a scenario file since removed: nothing to complete it from
            continue
        if not built:
            continue
        with store.unit_of_work() as uow:
            world = uow.world(sandbox.sandbox_id)
            if uow.sandboxes.get(sandbox.sandbox_id) and not world.business_centers():
                world.load(World(business_centers=built))
                completed.append(sandbox.sandbox_id)
    return completed


def get_clock(store: Store, sandbox_id: str) -> tuple[float, Clock]:
    """The sandbox's time now, and its clock."""
    with store.unit_of_work(read_only=True) as uow:
        clock = require_sandbox(uow, sandbox_id).clock
    return clock.now(real_time()), clock


def set_clock(
    store: Store,
    sandbox_id: str,
    *,
    advance_seconds: float | None = None,
    set_to: str | None = None,
    frozen: bool | None = None,
) -> tuple[float, Clock]:
    """Move (`advance_seconds` ≥ 0), set (`set_to`, API time format) and/or freeze the clock.

    The clock stays within the years every time field can show (ClockOutOfRange otherwise).
    """
    if advance_seconds is not None and advance_seconds < 0:
        raise errors.InvalidParameter("advance_seconds", "time only moves forward.")
    when = _parse_set_to(set_to)
    if when is not None:
        check_sandbox_time(when, "set")
    with store.unit_of_work() as uow:
        clock = require_sandbox(uow, sandbox_id).clock
        real_now = real_time()
        if frozen is True:
            clock = clock.frozen(real_now)
        elif frozen is False:
            clock = clock.running(real_now)
        if when is not None:
            clock = clock.set_to(when, real_now)
        if advance_seconds:
            clock = clock.advanced(advance_seconds)
            check_sandbox_time(clock.now(real_now), "advance_seconds")
        uow.sandboxes.set_clock(sandbox_id, clock)
    return clock.now(real_now), clock


def _parse_set_to(set_to: str | None) -> float | None:
    if set_to is None:
        return None
    try:
        return parse_time(set_to)
    except ValueError:
        raise errors.InvalidParameter("set", "expected YYYY-MM-DD HH:MM:SS (UTC).") from None


def require_sandbox(uow: UnitOfWork, sandbox_id: str) -> Sandbox:
    """The sandbox, or NotFound."""
    sandbox = uow.sandboxes.get(sandbox_id)
    if sandbox is None:
        raise errors.NotFound("sandbox", sandbox_id)
    return sandbox


def summarize(uow: UnitOfWork, sandbox: Sandbox) -> SandboxSummary:
    """The sandbox's summary, read in this unit of work."""
    return _summarize(uow.world(sandbox.sandbox_id), sandbox)


def _summarize(world: WorldReader, sandbox: Sandbox) -> SandboxSummary:
    """What a user needs from a sandbox's world, stored or built in memory alike."""
    now = sandbox.clock.now(real_time())
    advertisers = world.advertisers()
    first_advertiser = advertisers[0].advertiser_id if advertisers else None
    linked_by = {link.auth_code: link.advertiser_id for link in world.linked_posts()}
    sample_codes = []
    for code in world.spark_codes():
        viewer = linked_by.get(code.auth_code, first_advertiser)
        found = world.spark_post(code.auth_code, viewer)
        assert found is not None
        _, post, creator, linked, other_advertiser_id = found
        original = world.get(Post, post.original_item_id) if post.original_item_id else None
        spark_post = SparkPost(post, creator, code, now, linked, original, other_advertiser_id)
        sample_codes.append(
            SampleCode(
                auth_code=code.auth_code,
                item_id=post.item_id,
                creator_handle=creator.handle,
                ad_auth_status=code.status_at(now),
                linked=linked is not None,
                auth_end_time=code.auth_end_time,
                case=describe(spark_post),
                original_item_id=post.original_item_id,
                linked_advertiser_id=linked_by.get(code.auth_code),
            )
        )
    return SandboxSummary(
        sandbox=sandbox,
        now=now,
        advertisers=advertisers,
        identities=[i for a in advertisers for i in world.identities(a.advertiser_id)],
        creators=world.creators(),
        sample_codes=sample_codes,
        failing_examples=_failing_examples(sandbox.seed, sample_codes),
        business_centers=world.business_centers(),
        apps=world.oauth_apps(),
    )


def _failing_examples(seed: int, codes: list[SampleCode]) -> dict[str, str]:
    """Inputs that fail before any look-up succeeds: a code and an advertiser nobody has."""
    rng = random.Random(f"mockads-failing-examples:{seed}")
    examples = {
        "unknown_code": new_auth_code(rng),
        "foreign_advertiser_id": new_numeric_id(rng),
    }
    with_plus = next((c.auth_code for c in codes if "+" in c.auth_code), None)
    if with_plus is not None:  # what a client that forgets to URL-encode '+' sends
        examples["malformed_code"] = with_plus.replace("+", " ")
    return examples
