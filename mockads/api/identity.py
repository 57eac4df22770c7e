"""`identity/get|create/`, `identity/video/get|info/`."""

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_body, load_query, ok, store
from mockads.api.media import media_links
from mockads.schemas.identity import (
    IdentityCreateRequest,
    IdentityGetRequest,
    IdentityVideoGetRequest,
    IdentityVideoInfoRequest,
    identity_create_data,
    identity_get_data,
    identity_video_get_data,
    identity_video_info_data,
)
from mockads.services import identities

_IDENTITY_GET = IdentityGetRequest()
_IDENTITY_CREATE = IdentityCreateRequest()
_IDENTITY_VIDEO_GET = IdentityVideoGetRequest()
_IDENTITY_VIDEO_INFO = IdentityVideoInfoRequest()


@mirror.get("/identity/get/")
def identity_get() -> Response:
    """Identities the advertiser can run ads as."""
    params = load_query(_IDENTITY_GET)
    return ok(identity_get_data(identities.identity_get(store(), access_token(), **params)))


@mirror.post("/identity/create/")
def identity_create() -> Response:
    """A new CUSTOMIZED_USER identity."""
    params = load_body(_IDENTITY_CREATE)
    return ok(identity_create_data(identities.identity_create(store(), access_token(), **params)))


@mirror.get("/identity/video/get/")
def identity_video_get() -> Response:
    """Posts of a TikTok identity, by cursor."""
    params = load_query(_IDENTITY_VIDEO_GET)
    posts, cursor, has_more = identities.identity_video_get(store(), access_token(), **params)
    return ok(identity_video_get_data(posts, cursor, has_more, media_links()))


@mirror.get("/identity/video/info/")
def identity_video_info() -> Response:
    """One post of a TikTok identity."""
    params = load_query(_IDENTITY_VIDEO_INFO)
    return ok(
        identity_video_info_data(
            identities.identity_video_info(store(), access_token(), **params), media_links()
        )
    )
