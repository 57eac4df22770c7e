"""Shapes of a post on the wire, shared by `tt_video/*` and `identity/video/*`."""

from __future__ import annotations

from typing import Any

from mockads.domain.enums import ItemType
from mockads.domain.model import Post

__all__ = ["MEDIA_URL", "carousel_info", "item_status", "video_info"]

MEDIA_URL = "https://mockads.invalid"


def item_status(post: Post) -> str:
    """`item_info.status`: PUBLISHED, or DELETED once the creator deleted it."""
    return "DELETED" if post.deleted else "PUBLISHED"


def video_info(post: Post) -> dict[str, Any]:
    """The post's media: size, duration, dimensions and where to fetch it."""
    return {
        "video_id": post.video_id,
        "file_name": post.file_name,
        "format": post.format,
        "duration": post.duration,
        "size": post.size,
        "width": post.width,
        "height": post.height,
        "bit_rate": post.bit_rate,
        "signature": post.signature,
        "poster_url": f"{MEDIA_URL}/poster/{post.video_id}.jpeg",
        "preview_url": f"{MEDIA_URL}/preview/{post.video_id}.mp4",
        "url": f"{MEDIA_URL}/video/{post.video_id}.mp4",
    }


def carousel_info(post: Post) -> dict[str, Any] | None:
    """Images and music of a carousel post; None for a video."""
    if post.item_type is not ItemType.CAROUSEL:
        return None
    return {
        "image_info": [
            {
                "image_url": f"{MEDIA_URL}/carousel/{post.item_id}/{index}.jpeg",
                "image_width": 1080,
                "image_height": 1440,
            }
            for index in range(post.image_count)
        ],
        "music_info": {
            "music_url": f"{MEDIA_URL}/music/{post.item_id}.mp3",
            "music_duration": post.duration,
        },
    }
