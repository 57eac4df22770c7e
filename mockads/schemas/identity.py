"""`identity/get|create/` and `identity/video/get|info/`: requests and response data."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from mockads.domain.enums import AdAuthStatus, IdentityType
from mockads.domain.model import Identity
from mockads.schemas.common import Id, RequestSchema, page_info, paginated, time_text
from mockads.schemas.media import MediaLinks
from mockads.schemas.posts import carousel_info, item_status, post_statistics, video_info
from mockads.services.identities import IdentityPost
from mockads.services.paging import Page

__all__ = [
    "IdentityCreateRequest",
    "IdentityGetRequest",
    "IdentityVideoGetRequest",
    "IdentityVideoInfoRequest",
    "identity_create_data",
    "identity_get_data",
    "identity_video_get_data",
    "identity_video_info_data",
]


class IdentityGetRequest(paginated(default_size=20, max_size=50)):
    """Query of `identity/get/`."""

    advertiser_id = Id(required=True)
    identity_type = fields.Enum(IdentityType, load_default=None, allow_none=False)
    identity_authorized_bc_id = Id(load_default=None, allow_none=False)


class IdentityCreateRequest(RequestSchema):
    """Body of `identity/create/` (CUSTOMIZED_USER)."""

    advertiser_id = Id(required=True)
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    image_uri = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=512)
    )


class _IdentityPostRequest(RequestSchema):
    advertiser_id = Id(required=True)
    identity_type = fields.Enum(IdentityType, required=True)
    identity_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    identity_authorized_bc_id = Id(load_default=None, allow_none=False)


class IdentityVideoGetRequest(_IdentityPostRequest):
    """Query of `identity/video/get/`."""

    cursor = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))
    count = fields.Integer(load_default=20, validate=validate.Range(min=1, max=50))


class IdentityVideoInfoRequest(_IdentityPostRequest):
    """Query of `identity/video/info/`."""

    item_id = Id(required=True)


def identity_get_data(page: Page[Identity]) -> dict[str, Any]:
    """`data` of `identity/get/`."""
    return {"identity_list": [_identity(i) for i in page.items], "page_info": page_info(page)}


def identity_create_data(identity: Identity) -> dict[str, Any]:
    """`data` of `identity/create/`."""
    return {"identity_id": identity.identity_id}


def identity_video_get_data(
    posts: list[IdentityPost], cursor: int, has_more: bool, links: MediaLinks
) -> dict[str, Any]:
    """`data` of `identity/video/get/`."""
    return {
        "video_list": [_video(p, links) for p in posts],
        "cursor": cursor,
        "has_more": has_more,
    }


def identity_video_info_data(post: IdentityPost, links: MediaLinks) -> dict[str, Any]:
    """`data` of `identity/video/info/`: one object, with the post's counters (`statistics`)."""
    return {"video_detail": {**_video(post, links), "statistics": post_statistics(post.post)}}


def _identity(identity: Identity) -> dict[str, Any]:
    return {
        "identity_id": identity.identity_id,
        "identity_type": identity.identity_type.value,
        "display_name": identity.display_name,
        "profile_image": identity.profile_image,
        "can_push_video": identity.can_push_video,
        "can_pull_video": identity.can_pull_video,
        "can_use_live_ads": identity.can_use_live_ads,
        "identity_authorized_bc_id": identity.identity_authorized_bc_id,
    }


def _video(item: IdentityPost, links: MediaLinks) -> dict[str, Any]:
    post, code = item.post, item.code
    if code is None:  # the account's own post: always usable by its owner
        auth_info: dict[str, Any] = {
            "ad_auth_status": AdAuthStatus.AUTHORIZED.value,
            "auth_start_time": None,
            "auth_end_time": None,
        }
    else:
        auth_info = {
            "ad_auth_status": code.status_at(item.now).value,
            "auth_start_time": time_text(code.auth_start_time),
            "auth_end_time": time_text(code.auth_end_time),
        }
    return {
        "item_id": post.item_id,
        "item_type": post.item_type.value,
        "status": item_status(post),
        "text": post.caption,
        "privacy": post.privacy.value,
        "video_info": video_info(post, links),
        "auth_info": auth_info,
        "carousel_info": carousel_info(post),
        "anchor_list": [],
    }
