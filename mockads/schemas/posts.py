"""Shapes of a post on the wire, shared by `tt_video/*` and `identity/video/*`."""

from __future__ import annotations

from typing import Any

from mockads.domain.enums import ItemType
from mockads.domain.model import Post
from mockads.schemas.media import MediaLinks

__all__ = ["MEDIA_URL", "carousel_info", "item_status", "post_statistics", "video_info"]

#: Carousel images and music are not served: their links point at a name that never resolves.
MEDIA_URL = "https://mockads.invalid"


def item_status(post: Post) -> str:
    """`item_info.status`: PUBLISHED, or DELETED once the creator deleted it."""
    return "DELETED" if post.deleted else "PUBLISHED"


def video_info(post: Post, links: MediaLinks) -> dict[str, Any]:
    """The post's media: size, duration, dimensions and signed links to fetch it."""
    playable = links.video(post.signature, post.format)
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
        "poster_url": links.poster(post.signature),
        "preview_url": playable,
        "url": playable,
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


def post_statistics(post: Post) -> dict[str, int]:
    """A post's counters as `tt_video/info/` and `identity/video/info/` show them (`statistics`):
    organic, recorded through the control plane and delivered by Spark ads, as the creator app
    shows them (the caller adds what was delivered)."""
    return {
        "view_count": post.views,
        "like_count": post.likes,
        "comment_count": post.comments,
        "share_count": post.shares,
        "follow_count": post.follows,
    }
