"""`tt_video/info|authorize|list|unbind/`: Spark posts linked by code."""

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_body, load_query, ok, store
from mockads.api.media import media_links
from mockads.schemas.tt_video import (
    TtVideoAuthorizeRequest,
    TtVideoInfoRequest,
    TtVideoListRequest,
    TtVideoUnbindRequest,
    tt_video_info_data,
    tt_video_list_data,
)
from mockads.services import spark

_TT_VIDEO_INFO = TtVideoInfoRequest()
_TT_VIDEO_AUTHORIZE = TtVideoAuthorizeRequest()
_TT_VIDEO_LIST = TtVideoListRequest()
_TT_VIDEO_UNBIND = TtVideoUnbindRequest()


@mirror.get("/tt_video/info/")
def tt_video_info() -> Response:
    """The post behind a code, before linking."""
    params = load_query(_TT_VIDEO_INFO)
    return ok(
        tt_video_info_data(spark.tt_video_info(store(), access_token(), **params), media_links())
    )


@mirror.post("/tt_video/authorize/")
def tt_video_authorize() -> Response:
    """Link the post behind a code (and, for a Duet/Stitch, the original's code)."""
    spark.tt_video_authorize(store(), access_token(), **load_body(_TT_VIDEO_AUTHORIZE))
    return ok({})


@mirror.get("/tt_video/list/")
def tt_video_list() -> Response:
    """Posts linked to the advertiser, with their authorization periods."""
    params = load_query(_TT_VIDEO_LIST)
    return ok(
        tt_video_list_data(spark.tt_video_list(store(), access_token(), **params), media_links())
    )


@mirror.post("/tt_video/unbind/")
def tt_video_unbind() -> Response:
    """Unlink a post that no ad uses."""
    spark.tt_video_unbind(store(), access_token(), **load_body(_TT_VIDEO_UNBIND))
    return ok({})
