"""What ETL clients read at start and per stream (issue 15): `user/info/`, `file/music/get/`,
`creative/portfolio/list|create/`, `dmp/custom_audience/list/`."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from mockads.domain import assets as rules
from mockads.domain import errors, ids
from mockads.domain.assets import CreativePortfolio, CustomAudience, Music, User
from mockads.domain.model import World
from mockads.scenarios import build_world, load_scenario
from mockads.services.access import Caller, authenticate
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store

__all__ = [
    "complete_assets",
    "creative_portfolio_create",
    "creative_portfolio_get",
    "creative_portfolio_list",
    "dmp_custom_audience_list",
    "file_music_get",
    "user_info",
]

_RNG = random.SystemRandom()


def _newest_first(items: list[Any], key: str) -> list[Any]:
    return sorted(items, key=lambda item: (-item.create_time, getattr(item, key)))


def user_info(store: Store, access_token: str | None) -> User:
    """The user behind the token: the sandbox's stored user, or (a sandbox imported from a
    state file older than users) the one its scenario and seed build."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token)
        stored = caller.world.every(User)
    if stored:
        return stored[0]
    return _scenario_user(caller)


def _scenario_user(caller: Caller) -> User:
    sandbox = caller.sandbox
    try:
        built = build_world(load_scenario(sandbox.scenario), sandbox.seed).users
    except errors.NotFound:  # a scenario file since removed: a user named after the sandbox
        built = (
            User(ids.numeric_id_for(sandbox.sandbox_id), sandbox.name, "user@mockads.invalid", 0),
        )
    return built[0].shifted(int(sandbox.created_at))


def file_music_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    music_ids: Sequence[str] = (),
    material_ids: Sequence[str] = (),
    keyword: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[Music]:
    """The advertiser's music library, filtered, newest first."""
    with store.unit_of_work(read_only=True) as uow:
        musics = authenticate(uow, access_token, advertiser_id).world.owned(Music, advertiser_id)
    word = keyword.lower() if keyword else None
    matching = [
        music
        for music in musics
        if (not music_ids or music.music_id in music_ids)
        and (not material_ids or music.material_id in material_ids)
        and (word is None or word in music.name.lower() or word in music.author.lower())
    ]
    return paginate(_newest_first(matching, "music_id"), page, page_size)


def creative_portfolio_list(
    store: Store, access_token: str | None, advertiser_id: str, *, page: int, page_size: int
) -> Page[CreativePortfolio]:
    """The advertiser's creative portfolios, newest first."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = caller.world.owned(CreativePortfolio, advertiser_id)
    return paginate(_newest_first(found, "creative_portfolio_id"), page, page_size)


def creative_portfolio_create(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    creative_portfolio_type: str,
    portfolio_content: list[dict[str, Any]],
) -> CreativePortfolio:
    """A new creative portfolio of the advertiser."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        portfolio = rules.new_portfolio(
            _RNG, advertiser_id, creative_portfolio_type, portfolio_content, int(caller.now)
        )
        caller.world.add(portfolio)
        return portfolio


def creative_portfolio_get(
    store: Store, access_token: str | None, advertiser_id: str, *, creative_portfolio_id: str
) -> CreativePortfolio:
    """One creative portfolio of the advertiser; 40001 naming the id when it has no such one."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        portfolio = caller.world.get(CreativePortfolio, creative_portfolio_id)
    if portfolio is None or portfolio.advertiser_id != advertiser_id:
        raise errors.NoPermission("creative_portfolio_id", creative_portfolio_id)
    return portfolio


def dmp_custom_audience_list(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    custom_audience_ids: Sequence[str] = (),
    page: int = 1,
    page_size: int = 10,
) -> tuple[Page[CustomAudience], float]:
    """The advertiser's custom audiences (those named, when ids are given), newest first,
    and the sandbox time their validity is read at."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = caller.world.owned(CustomAudience, advertiser_id)
    wanted = set(custom_audience_ids)
    matching = [a for a in found if not wanted or a.audience_id in wanted]
    return paginate(_newest_first(matching, "audience_id"), page, page_size), caller.now


def complete_assets(store: Store) -> list[str]:
    """Give sandboxes kept by a mockads older than these calls (no user) the user, images,
    music, portfolios and audiences their scenario now builds, anchored at their creation;
    their ids. Nothing removes a user, so a sandbox without one can only come from before."""
    with store.unit_of_work(read_only=True) as uow:
        lacking = [s for s in uow.sandboxes.all() if not uow.world(s.sandbox_id).every(User)]
    completed = []
    for sandbox in lacking:
        try:
            built = build_world(load_scenario(sandbox.scenario), sandbox.seed)
        except errors.NotFound:  # a scenario file since removed: `user_info` names one anyway
            continue
        with store.unit_of_work() as uow:
            world = uow.world(sandbox.sandbox_id)
            if uow.sandboxes.get(sandbox.sandbox_id) and not world.every(User):
                world.load(_assets_of(built, world.has_advertiser).shifted(int(sandbox.created_at)))
                completed.append(sandbox.sandbox_id)
    return completed


def _assets_of(built: World, has_advertiser: Callable[[str], bool]) -> World:
    """The assets of a built world, only for advertisers the sandbox holds (a state import
    may have replaced its scenario's)."""

    def kept(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(item for item in items if has_advertiser(item.advertiser_id))

    return World(
        users=built.users,
        library_images=kept(built.library_images),
        musics=kept(built.musics),
        creative_portfolios=kept(built.creative_portfolios),
        custom_audiences=kept(built.custom_audiences),
    )
