"""`user/info/`, `file/music/get/`, `creative/portfolio/list|create|get/`,
`dmp/custom_audience/list/`: what ETL clients read at start and per stream."""

from __future__ import annotations

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_body, load_query, ok, store
from mockads.api.media import media_links
from mockads.schemas.assets import (
    CreativePortfolioCreateRequest,
    CreativePortfolioGetRequest,
    CreativePortfolioListRequest,
    DmpCustomAudienceListRequest,
    FileMusicGetRequest,
    creative_portfolio_get_data,
    creative_portfolio_list_data,
    dmp_custom_audience_list_data,
    file_music_get_data,
    user_info_data,
)
from mockads.services import assets

_MUSIC_GET = FileMusicGetRequest()
_PORTFOLIO_LIST = CreativePortfolioListRequest()
_PORTFOLIO_CREATE = CreativePortfolioCreateRequest()
_PORTFOLIO_GET = CreativePortfolioGetRequest()
_AUDIENCE_LIST = DmpCustomAudienceListRequest()


@mirror.get("/user/info/")
def user_info() -> Response:
    """The user behind the access token (ETL clients check the token with it)."""
    return ok(user_info_data(assets.user_info(store(), access_token())))


@mirror.get("/file/music/get/")
def file_music_get() -> Response:
    """The advertiser's music library, filtered and paged."""
    params = load_query(_MUSIC_GET)
    params.pop("music_scene")
    filtering = params.pop("filtering")
    page = assets.file_music_get(store(), access_token(), **params, **filtering)
    return ok(file_music_get_data(page, media_links()))


@mirror.get("/creative/portfolio/list/")
def creative_portfolio_list() -> Response:
    """The advertiser's creative portfolios, paged."""
    params = load_query(_PORTFOLIO_LIST)
    page = assets.creative_portfolio_list(store(), access_token(), **params)
    return ok(creative_portfolio_list_data(page))


@mirror.post("/creative/portfolio/create/")
def creative_portfolio_create() -> Response:
    """A new creative portfolio; answers its id."""
    params = load_body(_PORTFOLIO_CREATE)
    portfolio = assets.creative_portfolio_create(store(), access_token(), **params)
    return ok({"creative_portfolio_id": portfolio.creative_portfolio_id})


@mirror.get("/creative/portfolio/get/")
def creative_portfolio_get() -> Response:
    """One creative portfolio, with its content."""
    params = load_query(_PORTFOLIO_GET)
    return ok(
        creative_portfolio_get_data(
            assets.creative_portfolio_get(store(), access_token(), **params)
        )
    )


@mirror.get("/dmp/custom_audience/list/")
def dmp_custom_audience_list() -> Response:
    """The advertiser's custom audiences, paged."""
    params = load_query(_AUDIENCE_LIST)
    page, now = assets.dmp_custom_audience_list(store(), access_token(), **params)
    return ok(dmp_custom_audience_list_data(page, now))
