"""`file/video/ad/upload|info|search/`: the creative library."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, json_body, load_params, load_query, ok, store
from mockads.api.media import media_links
from mockads.domain import errors
from mockads.domain.library import LibraryVideo, UploadType
from mockads.schemas.library import (
    VideoInfoRequest,
    VideoSearchRequest,
    VideoUploadRequest,
    video_data,
    video_search_data,
)
from mockads.services import library
from mockads.services.access import check_access_token
from mockads.settings import UPLOAD_OVERHEAD

_UPLOAD = VideoUploadRequest()
_INFO = VideoInfoRequest()
_SEARCH = VideoSearchRequest()


@mirror.post("/file/video/ad/upload/")
def file_video_ad_upload() -> Response:
    """Add a video to the library: by file (multipart), by URL, or by another library's id.

    A multipart body announced larger than the video limit is refused before any of it is read;
    other bodies (JSON, a form without a file) keep the limit of every other call.
    """
    limit = current_app.extensions["mockads"].settings.max_video_bytes
    if request.mimetype == "multipart/form-data":
        if (request.content_length or 0) > limit + UPLOAD_OVERHEAD:
            raise errors.VideoTooLarge(limit=limit)
        request.max_content_length = limit + UPLOAD_OVERHEAD
    params = load_params(_UPLOAD, _upload_params)
    try:
        video = _upload(params, limit)
    except errors.InvalidParameter:
        # A bad token outranks a missing file or URL too; checked on this path only, as in
        # `load_params`, so that a valid upload pays for no extra token look-up.
        check_access_token(store(), access_token())
        raise
    return ok([video_data(video, media_links())])


def _upload_params() -> dict[str, Any]:
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return request.form.to_dict()
    return json_body()


def _required(params: dict[str, Any], name: str) -> Any:
    if params[name] is None:
        raise errors.InvalidParameter(
            name, f"required when upload_type is {params['upload_type']}."
        )
    return params[name]


def _upload(params: dict[str, Any], limit: int) -> LibraryVideo:
    """The upload its `upload_type` asks for, with the parameters that type requires."""
    upload_type, advertiser_id = params["upload_type"], params["advertiser_id"]
    if upload_type == UploadType.BY_FILE:
        signature = _required(params, "video_signature")
        sent = request.files.get("video_file")
        if sent is None:
            raise errors.InvalidParameter(
                "video_file", "required when upload_type is UPLOAD_BY_FILE."
            )
        return library.upload_by_file(
            store(),
            current_app.extensions["mockads"].media,
            access_token(),
            advertiser_id,
            stream=sent.stream,
            sent_name=sent.filename,
            video_signature=signature,
            file_name=params["file_name"],
            limit=limit,
        )
    if upload_type == UploadType.BY_URL:
        video_url = _required(params, "video_url")
        return library.upload_by_url(
            store(),
            access_token(),
            advertiser_id,
            video_url=video_url,
            file_name=params["file_name"],
        )
    if upload_type == UploadType.BY_VIDEO_ID:
        video_id = _required(params, "video_id")
        return library.upload_by_video_id(store(), access_token(), advertiser_id, video_id=video_id)
    file_id = _required(params, "file_id")
    return library.upload_by_file_id(store(), access_token(), advertiser_id, file_id=file_id)


@mirror.get("/file/video/ad/info/")
def file_video_ad_info() -> Response:
    """Videos of the library by id, with a playable `url`."""
    params = load_query(_INFO)
    videos = library.video_info(store(), access_token(), **params)
    links = media_links()
    return ok({"list": [video_data(video, links, with_url=True) for video in videos]})


@mirror.get("/file/video/ad/search/")
def file_video_ad_search() -> Response:
    """The library, filtered and paged."""
    params = load_query(_SEARCH)
    filtering = params.pop("filtering")
    page = library.video_search(store(), access_token(), **params, **filtering)
    return ok(video_search_data(page, media_links()))
