"""`file/image/ad/upload|info|search/`: the creative library's images."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, json_body, load_params, load_query, ok, store
from mockads.api.media import media_links
from mockads.domain import errors
from mockads.domain.images import MAX_IMAGE_BYTES, LibraryImage
from mockads.domain.library import UploadType
from mockads.schemas.images import (
    ImageInfoRequest,
    ImageSearchRequest,
    ImageUploadRequest,
    image_data,
    image_search_data,
)
from mockads.services import images
from mockads.services.access import check_access_token
from mockads.settings import UPLOAD_OVERHEAD

_UPLOAD = ImageUploadRequest()
_INFO = ImageInfoRequest()
_SEARCH = ImageSearchRequest()


@mirror.post("/file/image/ad/upload/")
def file_image_ad_upload() -> Response:
    """Add an image to the library by file (multipart); answers the image."""
    if request.mimetype == "multipart/form-data":
        if (request.content_length or 0) > MAX_IMAGE_BYTES + UPLOAD_OVERHEAD:
            raise errors.ImageTooLarge(limit=MAX_IMAGE_BYTES)
        request.max_content_length = MAX_IMAGE_BYTES + UPLOAD_OVERHEAD
    params = load_params(_UPLOAD, _upload_params)
    try:
        image = _upload(params)
    except errors.InvalidParameter:
        check_access_token(store(), access_token())  # a bad token outranks a missing file
        raise
    return ok(image_data(image, media_links()))


def _upload_params() -> dict[str, Any]:
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return request.form.to_dict()
    return json_body()


def _upload(params: dict[str, Any]) -> LibraryImage:
    """The upload its `upload_type` asks for; only files are served."""
    if params["upload_type"] != UploadType.BY_FILE:
        images.refuse_image_upload(
            store(), access_token(), params["advertiser_id"], params["upload_type"]
        )
    signature = params["image_signature"]
    sent = request.files.get("image_file")
    for name, value in (("image_file", sent), ("image_signature", signature)):
        if value is None:
            raise errors.InvalidParameter(name, "required when upload_type is UPLOAD_BY_FILE.")
    return images.upload_image_by_file(
        store(),
        current_app.extensions["mockads"].media,
        access_token(),
        params["advertiser_id"],
        stream=sent.stream,
        sent_name=sent.filename,
        image_signature=signature,
        file_name=params["file_name"],
    )


@mirror.get("/file/image/ad/info/")
def file_image_ad_info() -> Response:
    """Images of the library by id (unknown ids are left out)."""
    params = load_query(_INFO)
    found = images.file_image_ad_info(store(), access_token(), **params)
    links = media_links()
    return ok({"list": [image_data(image, links) for image in found]})


@mirror.get("/file/image/ad/search/")
def file_image_ad_search() -> Response:
    """The library's images, filtered and paged."""
    params = load_query(_SEARCH)
    filtering = params.pop("filtering")
    page = images.file_image_ad_search(store(), access_token(), **params, **filtering)
    return ok(image_search_data(page, media_links()))
