"""`mockads scenario show`: the ETL assets of a scenario's world (issue 15) — the token's
user, and each ad account's images, music, creative portfolios and custom audiences."""

from __future__ import annotations

from typing import Any

from mockads.domain.clock import format_time
from mockads.domain.model import World

__all__ = ["assets_json", "assets_lines"]


def _of(items: tuple[Any, ...], advertiser_id: str) -> list[Any]:
    return [item for item in items if item.advertiser_id == advertiser_id]


def assets_json(world: World, now: float) -> dict[str, Any]:
    """`user` and `assets` (per ad account) of the `--json` view."""
    user = world.users[0] if world.users else None
    return {
        "user": None
        if user is None
        else {"id": user.user_id, "display_name": user.display_name, "email": user.email},
        "assets": [
            {
                "advertiser_id": a.advertiser_id,
                "image_ids": [i.image_id for i in _of(world.library_images, a.advertiser_id)],
                "music_ids": [m.music_id for m in _of(world.musics, a.advertiser_id)],
                "creative_portfolio_ids": [
                    p.creative_portfolio_id for p in _of(world.creative_portfolios, a.advertiser_id)
                ],
                "custom_audiences": [
                    {
                        "audience_id": c.audience_id,
                        "name": c.name,
                        "is_valid": c.is_valid_at(now),
                        "expired_time": format_time(c.expired_time),
                    }
                    for c in _of(world.custom_audiences, a.advertiser_id)
                ],
            }
            for a in world.advertisers
        ],
    }


def assets_lines(world: World, now: float) -> list[str]:
    """The assets, for people."""
    lines = []
    if world.users:
        user = world.users[0]
        lines.append(f"  The token's user (user/info/): {user.user_id}  {user.display_name}")
    for advertiser in world.advertisers:
        advertiser_id = advertiser.advertiser_id
        images = _of(world.library_images, advertiser_id)
        musics = _of(world.musics, advertiser_id)
        portfolios = _of(world.creative_portfolios, advertiser_id)
        audiences = _of(world.custom_audiences, advertiser_id)
        if not (images or musics or portfolios or audiences):
            continue
        lines.append(f"  Creative assets of {advertiser_id}:")
        lines += [f"    image {i.image_id}  {i.file_name}" for i in images]
        lines += [f"    music {m.music_id}  {m.name} by {m.author}" for m in musics]
        lines += [
            f"    portfolio {p.creative_portfolio_id}  {p.creative_portfolio_type}"
            for p in portfolios
        ]
        lines += [
            f"    audience {c.audience_id}  {c.name}"
            f" ({'valid' if c.is_valid_at(now) else 'expired'})"
            for c in audiences
        ]
    return lines
