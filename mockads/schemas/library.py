"""`file/video/ad/*`: requests and the library's video object."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from mockads.domain.clock import format_iso_time, format_time
from mockads.domain.library import MAX_FILE_NAME, LibraryVideo, UploadType
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
from mockads.services.library import MATERIAL_SOURCE
from mockads.services.paging import Page

__all__ = [
    "VideoInfoRequest",
    "VideoSearchRequest",
    "VideoUploadRequest",
    "video_data",
    "video_search_data",
]

#: Placements a library video may run in (the deprecated TopBuzz and Helo are left out).
ALLOWED_PLACEMENTS = ["PLACEMENT_TIKTOK", "PLACEMENT_PANGLE", "PLACEMENT_GLOBAL_APP_BUNDLE"]
_MATERIAL_SOURCES = [
    MATERIAL_SOURCE,
    "UPLOADED_TO_CATALOG",
    "CREATIVE_TOOL_SMART_VIDEO",
    "CREATIVE_TOOL_QUICK_OPTIMIZATION",
    "CREATIVE_TOOL_VIDEO_TEMPLATE",
    "CREATIVE_TOOL_SMART_VIDEO_SOUNDTRACK",
    "CREATIVE_TOOL_TIKTOK_VIDEO_EDITOR",
    "TIKTOK_CREATIVE_EXCHANGE",
    "CATALOG_VIDEO_TEMPLATE",
    "DYNAMIC_VIDEO_EDITOR",
    "CREATIVE_CHALLENGE",
    "AUTOMATED_CREATIVE_OPTIMIZATION",
    "OTHER",
    "QUICK_GENERATION",
    "CREATIVE_CENTER_VIDEO_UPLOAD",
    "CREATIVE_CENTER_TIKTOK_VIDEO_EDITOR",
    "CREATIVE_CENTER_VIDEO_TEMPLATE",
    "DYNAMIC_SCENE",
    "SMART_OPTIMIZATION_TOOL",
]


def _flag() -> fields.Boolean:
    # Multipart forms send "true"/"false"; JSON bodies send booleans. Both are accepted.
    return fields.Boolean(load_default=False)


class VideoUploadRequest(RequestSchema):
    """Parameters of `file/video/ad/upload/` (form fields or a JSON body); the file is apart."""

    advertiser_id = Id(required=True)
    upload_type = fields.String(
        load_default=UploadType.BY_FILE, validate=validate.OneOf(UploadType.ALL)
    )
    video_signature = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    video_url = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=2048)
    )
    file_id = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    video_id = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    file_name = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=MAX_FILE_NAME)
    )
    is_third_party = _flag()
    flaw_detect = _flag()
    auto_fix_enabled = _flag()
    auto_bind_enabled = _flag()


class VideoInfoRequest(RequestSchema):
    """Query of `file/video/ad/info/`."""

    advertiser_id = Id(required=True)
    video_ids = JsonList(
        fields.String(validate=validate.Length(min=1, max=64)),
        required=True,
        validate=validate.Length(min=1, max=60),
    )


class VideoFiltering(RequestSchema):
    """`filtering` of `file/video/ad/search/`."""

    video_ids = List(
        fields.String(validate=validate.Length(min=1, max=64)),
        load_default=list,
        validate=validate.Length(max=100),
    )
    material_ids = List(Id(), load_default=list, validate=validate.Length(max=20))
    video_name = fields.String(load_default=None, validate=validate.Length(max=MAX_FILE_NAME))
    video_material_sources = List(
        fields.String(validate=validate.OneOf(_MATERIAL_SOURCES)),
        load_default=list,
        validate=validate.Length(max=len(_MATERIAL_SOURCES)),
    )


class VideoSearchRequest(paginated(default_size=20, max_size=100)):
    """Query of `file/video/ad/search/`."""

    advertiser_id = Id(required=True)
    filtering = JsonNested(VideoFiltering, load_default=dict)


def video_data(video: LibraryVideo, links: MediaLinks, *, with_url: bool = False) -> dict[str, Any]:
    """A library video on the wire; `info` adds `url`, a playable link."""
    cover = links.poster(video.signature)
    preview = links.video(video.signature, video.format)
    data: dict[str, Any] = {
        "video_id": video.video_id,
        "video_cover_url": cover,
        "poster_url": cover,
        "preview_url": preview,
        "preview_url_expire_time": format_time(links.expires),
        "format": video.format,
        "duration": video.duration,
        "width": video.width,
        "height": video.height,
        "bit_rate": video.bit_rate,
        "size": video.size,
        "signature": video.signature,
        "file_name": video.file_name,
        "material_id": video.material_id,
        "displayable": True,
        "allowed_placements": ALLOWED_PLACEMENTS,
        "allow_download": True,
        "create_time": format_iso_time(video.create_time),
        "modify_time": format_iso_time(video.modify_time),
    }
    if with_url:
        data["url"] = preview
    return data


def video_search_data(page: Page[LibraryVideo], links: MediaLinks) -> dict[str, Any]:
    """`data` of `file/video/ad/search/`."""
    return {"list": [video_data(v, links) for v in page.items], "page_info": page_info(page)}
