"""`user/info/`, `file/music/get/`, `creative/portfolio/list|create/`,
`dmp/custom_audience/list/`: requests and response data."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from mockads.domain.assets import PORTFOLIO_TYPES, CreativePortfolio, CustomAudience, Music, User
from mockads.domain.clock import format_iso_time, format_time
from mockads.schemas.common import (
    Id,
    JsonNested,
    List,
    RequestSchema,
    id_list,
    page_info,
    paginated,
)
from mockads.schemas.media import MediaLinks
from mockads.schemas.posts import MEDIA_URL
from mockads.services.paging import Page

__all__ = [
    "CreativePortfolioCreateRequest",
    "CreativePortfolioGetRequest",
    "CreativePortfolioListRequest",
    "DmpCustomAudienceListRequest",
    "FileMusicGetRequest",
    "creative_portfolio_get_data",
    "creative_portfolio_list_data",
    "dmp_custom_audience_list_data",
    "file_music_get_data",
    "user_info_data",
]

#: `music_scene` values of `file/music/get/` (both list the same library in mockads).
MUSIC_SCENES = ("CREATIVE_ASSET", "CAROUSEL_ADS")


def user_info_data(user: User) -> dict[str, Any]:
    """`data` of `user/info/`; `create_time` in Unix seconds, like `advertiser/info/`'s."""
    return {
        "id": user.user_id,
        "display_name": user.display_name,
        "email": user.email,
        "create_time": user.create_time,
    }


class MusicFiltering(RequestSchema):
    """`filtering` of `file/music/get/`."""

    music_ids = List(Id(), load_default=list, validate=validate.Length(max=100))
    material_ids = List(Id(), load_default=list, validate=validate.Length(max=100))
    keyword = fields.String(load_default=None, validate=validate.Length(max=255))


class FileMusicGetRequest(paginated(default_size=20, max_size=100)):
    """Query of `file/music/get/`."""

    advertiser_id = Id(required=True)
    music_scene = fields.String(
        load_default="CREATIVE_ASSET", validate=validate.OneOf(MUSIC_SCENES)
    )
    filtering = JsonNested(MusicFiltering, load_default=dict)


def _music_data(music: Music, links: MediaLinks) -> dict[str, Any]:
    return {
        "music_id": music.music_id,
        "material_id": music.material_id,
        "sources": list(music.sources),
        "author": music.author,
        "liked": music.liked,
        "cover_url": links.poster(music.signature),
        "url": f"{MEDIA_URL}/music/{music.signature}.mp3",
        "duration": music.duration,
        "style": music.style,
        "signature": music.signature,
        "name": music.name,
        "file_name": music.file_name,
        "copyright": music.copyright,
        "create_time": format_iso_time(music.create_time),
        "modify_time": format_iso_time(music.modify_time),
    }


def file_music_get_data(page: Page[Music], links: MediaLinks) -> dict[str, Any]:
    """`data` of `file/music/get/`: `musics`, not `list`."""
    return {"musics": [_music_data(m, links) for m in page.items], "page_info": page_info(page)}


class CreativePortfolioListRequest(paginated(default_size=20, max_size=100)):
    """Query of `creative/portfolio/list/`."""

    advertiser_id = Id(required=True)


class CreativePortfolioCreateRequest(RequestSchema):
    """Body of `creative/portfolio/create/`."""

    advertiser_id = Id(required=True)
    creative_portfolio_type = fields.String(required=True, validate=validate.OneOf(PORTFOLIO_TYPES))
    portfolio_content = List(
        fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=64))),
        required=True,
        validate=validate.Length(min=1, max=20),
    )


class CreativePortfolioGetRequest(RequestSchema):
    """Query of `creative/portfolio/get/`."""

    advertiser_id = Id(required=True)
    creative_portfolio_id = Id(required=True)


def creative_portfolio_get_data(portfolio: CreativePortfolio) -> dict[str, Any]:
    """`data` of `creative/portfolio/get/`: the portfolio with its content as created."""
    return {
        "creative_portfolio_id": portfolio.creative_portfolio_id,
        "creative_portfolio_type": portfolio.creative_portfolio_type,
        "portfolio_content": list(portfolio.portfolio_content),
    }


def creative_portfolio_list_data(page: Page[CreativePortfolio]) -> dict[str, Any]:
    """`data` of `creative/portfolio/list/`: `creative_portfolios`, not `list`."""
    return {
        "creative_portfolios": [
            {
                "creative_portfolio_id": p.creative_portfolio_id,
                "creative_portfolio_type": p.creative_portfolio_type,
                "creative_portfolio_preview_url": (
                    f"{MEDIA_URL}/portfolio/{p.creative_portfolio_id}.jpeg"
                ),
            }
            for p in page.items
        ],
        "page_info": page_info(page),
    }


class DmpCustomAudienceListRequest(paginated(default_size=10, max_size=100)):
    """Query of `dmp/custom_audience/list/`."""

    advertiser_id = Id(required=True)
    custom_audience_ids = id_list(load_default=list)


def dmp_custom_audience_list_data(page: Page[CustomAudience], now: float) -> dict[str, Any]:
    """`data` of `dmp/custom_audience/list/`; validity read at sandbox time `now`."""
    return {
        "list": [
            {
                "audience_id": a.audience_id,
                "name": a.name,
                "audience_type": a.audience_type,
                "calculate_type": a.calculate_type,
                "cover_num": a.cover_num,
                "is_valid": a.is_valid_at(now),
                "is_expiring": a.is_expiring_at(now),
                "is_creator": a.is_creator,
                "shared": a.shared,
                "create_time": format_time(a.create_time),
                "expired_time": format_time(a.expired_time),
            }
            for a in page.items
        ],
        "page_info": page_info(page),
    }
