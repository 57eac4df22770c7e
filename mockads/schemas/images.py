"""`file/image/ad/*`: requests and the library's image object."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from mockads.domain.clock import format_iso_time
from mockads.domain.images import MAX_IMAGE_NAME, LibraryImage
from mockads.domain.library import UploadType
from mockads.schemas.common import (
    Id,
    JsonList,
    JsonNested,
    List,
    RequestSchema,
    page_info,
    paginated,
)
from mockads.schemas.media import MediaLinks
from mockads.services.paging import Page

__all__ = [
    "IMAGE_UPLOAD_TYPES",
    "ImageInfoRequest",
    "ImageSearchRequest",
    "ImageUploadRequest",
    "image_data",
    "image_search_data",
]

#: `upload_type` values of `file/image/ad/upload/`.
IMAGE_UPLOAD_TYPES = (UploadType.BY_FILE, UploadType.BY_URL, UploadType.BY_FILE_ID)
_IMAGE_ID = fields.String(validate=validate.Length(min=1, max=64))


class ImageUploadRequest(RequestSchema):
    """Parameters of `file/image/ad/upload/` (form fields or a JSON body); the file is apart."""

    advertiser_id = Id(required=True)
    upload_type = fields.String(
        load_default=UploadType.BY_FILE, validate=validate.OneOf(IMAGE_UPLOAD_TYPES)
    )
    image_signature = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    image_url = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=2048)
    )
    file_id = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    file_name = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=MAX_IMAGE_NAME)
    )


class ImageInfoRequest(RequestSchema):
    """Query of `file/image/ad/info/`."""

    advertiser_id = Id(required=True)
    image_ids = JsonList(_IMAGE_ID, required=True, validate=validate.Length(min=1, max=100))


class ImageFiltering(RequestSchema):
    """`filtering` of `file/image/ad/search/`."""

    image_ids = List(_IMAGE_ID, load_default=list, validate=validate.Length(max=100))
    material_ids = List(Id(), load_default=list, validate=validate.Length(max=100))
    image_name = fields.String(load_default=None, validate=validate.Length(max=MAX_IMAGE_NAME))


class ImageSearchRequest(paginated(default_size=20, max_size=100)):
    """Query of `file/image/ad/search/`."""

    advertiser_id = Id(required=True)
    filtering = JsonNested(ImageFiltering, load_default=dict)


def image_data(image: LibraryImage, links: MediaLinks) -> dict[str, Any]:
    """A library image on the wire."""
    return {
        "image_id": image.image_id,
        "material_id": image.material_id,
        "width": image.width,
        "height": image.height,
        "format": image.format,
        "size": image.size,
        "signature": image.signature,
        "image_url": links.image(image.signature, image.format),
        "file_name": image.file_name,
        "displayable": True,
        "is_carousel_usable": image.is_carousel_usable,
        "create_time": format_iso_time(image.create_time),
        "modify_time": format_iso_time(image.modify_time),
    }


def image_search_data(page: Page[LibraryImage], links: MediaLinks) -> dict[str, Any]:
    """`data` of `file/image/ad/search/`."""
    return {"list": [image_data(i, links) for i in page.items], "page_info": page_info(page)}
