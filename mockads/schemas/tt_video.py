"""`tt_video/info|authorize|list|unbind/`: requests and response data."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from mockads.domain.enums import IdentityType, ItemType
from mockads.domain.spark import SparkPost
from mockads.schemas.common import Id, JsonList, RequestSchema, page_info, paginated, time_text
from mockads.schemas.media import MediaLinks
from mockads.schemas.posts import carousel_info, item_status, post_statistics, video_info
from mockads.services.paging import Page

__all__ = [
    "TtVideoAuthorizeRequest",
    "TtVideoInfoRequest",
    "TtVideoListRequest",
    "TtVideoUnbindRequest",
    "spark_post_data",
    "tt_video_info_data",
    "tt_video_list_data",
]


def _auth_code(**kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=512), **kwargs)


class TtVideoInfoRequest(RequestSchema):
    """Query of `tt_video/info/`."""

    advertiser_id = Id(required=True)
    auth_code = _auth_code(required=True)


class TtVideoAuthorizeRequest(RequestSchema):
    """Body of `tt_video/authorize/`."""

    advertiser_id = Id(required=True)
    auth_code = _auth_code(required=True)
    original_post_auth_code = _auth_code(load_default=None, allow_none=False)


class TtVideoListRequest(paginated(default_size=20, max_size=50)):
    """Query of `tt_video/list/`."""

    advertiser_id = Id(required=True)
    item_types = JsonList(
        fields.Enum(ItemType), load_default=list, validate=validate.Length(max=len(ItemType))
    )
    keyword = fields.String(load_default=None, allow_none=False, validate=validate.Length(max=255))


class TtVideoUnbindRequest(RequestSchema):
    """Body of `tt_video/unbind/`."""

    advertiser_id = Id(required=True)
    item_id = Id(required=True)


def spark_post_data(spark_post: SparkPost, links: MediaLinks) -> dict[str, Any]:
    """A post object: `data` of `tt_video/info/`, an element of `tt_video/list/`."""
    post, creator, code = spark_post.post, spark_post.creator, spark_post.code
    linked = spark_post.linked
    item_info: dict[str, Any] = {
        "auth_code": code.auth_code,
        "item_id": post.item_id,
        "text": post.caption,
        "status": item_status(post),
        "item_type": post.item_type.value,
        "anchor_list": [],
        "mentioned_item_ids": [],
        "is_multi_duet_stitch": False,
        "duet_original_item_id": post.duet_original_item_id,
        "stitch_original_item_id": post.stitch_original_item_id,
    }
    carousel = carousel_info(post)
    if carousel is not None:
        item_info["carousel_info"] = carousel
    return {
        "item_info": item_info,
        "user_info": {
            "identity_id": creator.identity_id,
            "identity_type": IdentityType.AUTH_CODE.value,
            "tiktok_name": creator.handle,
            "profile_image": creator.profile_image,
        },
        "video_info": video_info(post, links),
        "auth_info": {
            "ad_auth_status": spark_post.ad_auth_status.value,
            "auth_start_time": time_text(code.auth_start_time),
            "auth_end_time": time_text(code.auth_end_time),
            "invite_start_time": time_text(linked.linked_at if linked else None),
        },
    }


def tt_video_info_data(spark_post: SparkPost, links: MediaLinks) -> dict[str, Any]:
    """`data` of `tt_video/info/`: the post object, its counters in `item_info.statistics`."""
    data = spark_post_data(spark_post, links)
    data["item_info"]["statistics"] = post_statistics(spark_post.post)
    return data


def tt_video_list_data(page: Page[SparkPost], links: MediaLinks) -> dict[str, Any]:
    """`data` of `tt_video/list/`."""
    return {
        "list": [spark_post_data(p, links) for p in page.items],
        "page_info": page_info(page),
    }
