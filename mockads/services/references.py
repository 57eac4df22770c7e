"""Ids in ad groups and ads that name an asset mockads holds (issue 15): they must exist.

`image_ids` name library images, `music_id` a track of the music library (a Smart+ creative's
`creative_info.music_info.music_id` too), `call_to_action_id` a CTA creative portfolio (a Smart+
ad's `ad_configuration.call_to_action_id` too), `audience_ids` and `excluded_audience_ids` (also
inside a Smart+ `targeting_spec`) custom audiences, all of the advertiser. An id that names none
is out of reach (40001, naming the field by its path), as an unknown video or identity is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mockads.domain import errors
from mockads.domain.assets import CreativePortfolio, CustomAudience, Music
from mockads.domain.images import LibraryImage
from mockads.services.ports import WorldRepository

__all__ = ["check_asset_references", "check_smart_plus_references"]

_AUDIENCE_LISTS = ("audience_ids", "excluded_audience_ids")


def check_asset_references(
    world: WorldRepository, advertiser_id: str, values: Mapping[str, Any], prefix: str = ""
) -> None:
    """Refuse the first id among `values` that names no asset of the advertiser."""
    for index, image_id in enumerate(values.get("image_ids") or ()):
        if world.get(LibraryImage, image_id, advertiser_id) is None:
            raise errors.NoPermission(f"{prefix}image_ids.{index}", image_id)
    music_id = values.get("music_id")
    if music_id is not None and world.get(Music, music_id, advertiser_id) is None:
        raise errors.NoPermission(f"{prefix}music_id", music_id)
    portfolio_id = values.get("call_to_action_id")
    if portfolio_id is not None:
        portfolio = world.get(CreativePortfolio, portfolio_id)
        if (
            portfolio is None
            or portfolio.advertiser_id != advertiser_id
            or portfolio.creative_portfolio_type != "CTA"
        ):
            raise errors.NoPermission(f"{prefix}call_to_action_id", portfolio_id)
    for name in _AUDIENCE_LISTS:
        for index, audience_id in enumerate(values.get(name) or ()):
            audience = world.get(CustomAudience, audience_id)
            if audience is None or audience.advertiser_id != advertiser_id:
                raise errors.NoPermission(f"{prefix}{name}.{index}", audience_id)
    targeting = values.get("targeting_spec")
    if isinstance(targeting, Mapping):
        check_asset_references(world, advertiser_id, targeting, f"{prefix}targeting_spec.")


def check_smart_plus_references(
    world: WorldRepository,
    advertiser_id: str,
    creative_settings: Sequence[Mapping[str, Any]],
    ad_configuration: Mapping[str, Any] | None,
) -> None:
    """Refuse a Smart+ ad's `ad_configuration.call_to_action_id` or a creative's
    `creative_info.music_info.music_id` that names no asset of the advertiser."""
    if ad_configuration is not None:
        action = {"call_to_action_id": ad_configuration.get("call_to_action_id")}
        check_asset_references(world, advertiser_id, action, "ad_configuration.")
    for number, settings in enumerate(creative_settings):
        music = settings.get("music_info")
        if isinstance(music, Mapping):
            at = f"creative_list.{number}.creative_info.music_info."
            check_asset_references(world, advertiser_id, {"music_id": music.get("music_id")}, at)
