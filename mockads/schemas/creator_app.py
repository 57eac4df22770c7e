"""Creator-app simulator and batch authorization: request schemas and response data."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

from mockads.domain.creator_app import CODE_DAYS
from mockads.domain.enums import ItemType, Privacy
from mockads.domain.model import Creator, SparkCode
from mockads.schemas.common import Id, List, RequestSchema, StrictBoolean, StrictInteger, time_text
from mockads.services.creator_app import PostView
from mockads.services.spark import BatchResult

__all__ = [
    "AuthorizationCreateRequest",
    "CreatorCreateRequest",
    "CreatorUpdateRequest",
    "PostCreateRequest",
    "PostUpdateRequest",
    "SparkPostsBatchRequest",
    "batch_data",
    "code_data",
    "creator_data",
    "post_data",
]

_CAPTION = validate.Length(max=2200)


class CreatorCreateRequest(RequestSchema):
    """Body of `POST /sandboxes/{sid}/creators`."""

    handle = fields.String(
        load_default=None,
        allow_none=False,
        validate=validate.Regexp(r"^[a-z0-9._]{2,24}\Z", error="2-24 of a-z, 0-9, '.', '_'."),
    )
    display_name = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    follower_count = StrictInteger(
        load_default=None, allow_none=False, validate=validate.Range(min=0, max=10**10)
    )


class CreatorUpdateRequest(RequestSchema):
    """Body of `PATCH /sandboxes/{sid}/creators/{creator_id}`."""

    allow_authorized_posts = StrictBoolean(load_default=None, allow_none=False)
    accepted_ad_terms = StrictBoolean(load_default=None, allow_none=False)


class PostCreateRequest(RequestSchema):
    """Body of `POST /sandboxes/{sid}/creators/{creator_id}/posts`."""

    caption = fields.String(load_default=None, allow_none=False, validate=_CAPTION)
    privacy = fields.Enum(Privacy, load_default=Privacy.PUBLIC)
    item_type = fields.Enum(ItemType, load_default=ItemType.VIDEO)
    duet_of = Id(load_default=None, allow_none=False)
    stitch_of = Id(load_default=None, allow_none=False)


class PostUpdateRequest(RequestSchema):
    """Body of `PATCH /sandboxes/{sid}/posts/{item_id}`."""

    caption = fields.String(load_default=None, allow_none=False, validate=_CAPTION)
    privacy = fields.Enum(Privacy, load_default=None, allow_none=False)
    ads_only_mode = StrictBoolean(load_default=None, allow_none=False)
    ad_authorization = StrictBoolean(load_default=None, allow_none=False)


class AuthorizationCreateRequest(RequestSchema):
    """Body of `POST /sandboxes/{sid}/posts/{item_id}/authorization`."""

    days = StrictInteger(required=True, validate=validate.OneOf(CODE_DAYS))


class _BatchEntry(fields.Field):
    """A code, or `{"auth_code", "original_post_auth_code"}` for a Duet/Stitch."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if _is_code_text(value):
            return (value, None)
        if isinstance(value, dict) and _is_code_text(value.get("auth_code")):
            original = value.get("original_post_auth_code")
            if original is None or _is_code_text(original):
                return (value["auth_code"], original)
        raise ValidationError("expected a code, or {auth_code, original_post_auth_code}.")


def _is_code_text(value: Any) -> bool:
    return isinstance(value, str) and 1 <= len(value) <= 512


class SparkPostsBatchRequest(RequestSchema):
    """Body of `POST /sandboxes/{sid}/advertisers/{aid}/spark-posts/batch`."""

    auth_codes = List(_BatchEntry(), required=True, validate=validate.Length(min=1, max=500))


def creator_data(sandbox_id: str, creator: Creator) -> dict[str, Any]:
    """A creator as the control plane shows it."""
    return {
        "sandbox_id": sandbox_id,
        "creator_id": creator.creator_id,
        "identity_id": creator.identity_id,
        "handle": creator.handle,
        "display_name": creator.display_name,
        "profile_image": creator.profile_image,
        "follower_count": creator.follower_count,
        "allow_authorized_posts": creator.allow_authorized_posts,
        "accepted_ad_terms": creator.accepted_ad_terms,
        "create_time": time_text(creator.create_time),
    }


def code_data(code: SparkCode, now: float) -> dict[str, Any]:
    """A code as the app's Ad settings show it."""
    return {
        "auth_code": code.auth_code,
        "item_id": code.item_id,
        "days": code.days,
        "auth_start_time": time_text(code.auth_start_time),
        "auth_end_time": time_text(code.auth_end_time),
        "ad_auth_status": code.status_at(now).value,
    }


def post_data(sandbox_id: str, view: PostView) -> dict[str, Any]:
    """A post with its Ad settings."""
    post = view.post
    active = view.active_code
    return {
        "sandbox_id": sandbox_id,
        "item_id": post.item_id,
        "creator_id": post.creator_id,
        "item_type": post.item_type.value,
        "caption": post.caption,
        "privacy": post.privacy.value,
        "ads_only_mode": post.ads_only_mode,
        "ad_authorization": post.ad_authorization,
        "deleted": post.deleted,
        "duet_of": post.duet_original_item_id,
        "stitch_of": post.stitch_original_item_id,
        "engagement": {
            "views": post.views,
            "likes": post.likes,
            "comments": post.comments,
            "shares": post.shares,
            "follows": post.follows,
        },
        "create_time": time_text(post.create_time),
        "modify_time": time_text(post.modify_time),
        "auth_code": active.auth_code if active else None,
        "codes": [code_data(code, view.now) for code in view.codes],
    }


def batch_data(results: list[BatchResult]) -> dict[str, Any]:
    """One result per distinct code, in the order sent."""
    rows = []
    for result in results:
        if result.linked is not None:
            rows.append(
                {
                    "auth_code": result.auth_code,
                    "status": "LINKED",
                    "item_id": result.linked.item_id,
                    "reason": None,
                    "message": None,
                }
            )
        else:
            assert result.error is not None
            rows.append(
                {
                    "auth_code": result.auth_code,
                    "status": "FAILED",
                    "item_id": None,
                    "reason": result.error.reason,
                    "message": result.error.message,
                }
            )
    linked = sum(1 for r in rows if r["status"] == "LINKED")
    return {"results": rows, "linked": linked, "failed": len(rows) - linked}
