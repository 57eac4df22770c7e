"""`ad/*` and the review control plane: requests and response data."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from mockads.domain.ads import ENGAGEMENT_COUNTERS, Ad, utm_params
from mockads.domain.campaigns import PRIMARY_STATUSES
from mockads.domain.enums import AdAuthStatus, AdFormat, IdentityType, OperationStatus, ReviewMode
from mockads.domain.model import Post
from mockads.domain.review import ReviewPolicy
from mockads.schemas.common import (
    Id,
    JsonList,
    JsonNested,
    List,
    RequestSchema,
    StrictInteger,
    paginated,
    time_text,
)
from mockads.services.ads import AdView, Creative

__all__ = [
    "AD_FIELDS",
    "AdCreateRequest",
    "AdGetRequest",
    "AdStatusUpdateRequest",
    "AdUpdateRequest",
    "EngagementRequest",
    "ReviewDecisionRequest",
    "ReviewPolicyRequest",
    "ad_data",
    "engagement_data",
    "review_data",
    "review_policy_data",
]

AD_FIELDS = (
    "advertiser_id",
    "campaign_id",
    "campaign_name",
    "adgroup_id",
    "adgroup_name",
    "ad_id",
    "ad_name",
    "ad_format",
    "ad_text",
    "call_to_action",
    "landing_page_url",
    "display_name",
    "profile_image_url",
    "video_id",
    "image_ids",
    "tiktok_item_id",
    "creative_authorized",
    "identity_type",
    "identity_id",
    "identity_authorized_bc_id",
    "item_duet_status",
    "item_stitch_status",
    "promotional_music_disabled",
    "dark_post_status",
    "utm_params",
    "operation_status",
    "secondary_status",
    "review_status",
    "review_reason",
    "create_time",
    "modify_time",
)
_NAME = validate.Length(min=1, max=512)
_TEXT = validate.Length(min=1, max=1000)


def _optional(max_length: int) -> fields.String:
    return fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=max_length)
    )


def _ids(**kwargs: Any) -> JsonList:
    return JsonList(Id(), validate=validate.Length(min=1, max=100), **kwargs)


class CreativeSchema(RequestSchema):
    """One element of `creatives` in `ad/create/`."""

    ad_name = fields.String(required=True, validate=_NAME)
    identity_type = fields.Enum(IdentityType, required=True)
    identity_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    identity_authorized_bc_id = Id(load_default=None, allow_none=False)
    ad_format = fields.Enum(AdFormat, load_default=AdFormat.SINGLE_VIDEO)
    tiktok_item_id = Id(load_default=None, allow_none=False)
    video_id = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    ad_text = fields.String(load_default=None, allow_none=False, validate=_TEXT)
    call_to_action = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    landing_page_url = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=4096)
    )
    display_name = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=100)
    )
    dark_post_status = fields.String(load_default="OFF", validate=validate.OneOf(["ON", "OFF"]))

    @post_load
    def _creative(self, data: dict[str, Any], **_: Any) -> Creative:
        return Creative(**data)


class AdCreateRequest(RequestSchema):
    """Body of `ad/create/`."""

    advertiser_id = Id(required=True)
    adgroup_id = Id(required=True)
    creatives = List(
        fields.Nested(CreativeSchema), required=True, validate=validate.Length(min=1, max=20)
    )


class AdFiltering(RequestSchema):
    """`filtering` of `ad/get/`."""

    campaign_ids = _ids(load_default=list)
    adgroup_ids = _ids(load_default=list)
    ad_ids = _ids(load_default=list)
    primary_status = fields.String(
        load_default="STATUS_NOT_DELETE", validate=validate.OneOf(PRIMARY_STATUSES)
    )


class AdGetRequest(paginated(default_size=10, max_size=1000)):
    """Query of `ad/get/`."""

    advertiser_id = Id(required=True)
    fields = JsonList(
        fields.String(validate=validate.OneOf(AD_FIELDS)),
        load_default=None,
        validate=validate.Length(max=len(AD_FIELDS)),
    )
    filtering = JsonNested(AdFiltering, load_default=dict)


class AdUpdateRequest(RequestSchema):
    """Body of `ad/update/` (one ad per call)."""

    advertiser_id = Id(required=True)
    ad_id = Id(required=True)
    ad_name = fields.String(load_default=None, allow_none=False, validate=_NAME)
    ad_text = fields.String(load_default=None, allow_none=False, validate=_TEXT)
    call_to_action = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=64)
    )
    landing_page_url = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=4096)
    )


class AdStatusUpdateRequest(RequestSchema):
    """Body of `ad/status/update/`."""

    advertiser_id = Id(required=True)
    ad_ids = _ids(required=True)
    operation_status = fields.Enum(OperationStatus, required=True)


class ReviewPolicyRequest(RequestSchema):
    """Body of `PUT /sandboxes/{sid}/review-policy`."""

    mode = fields.Enum(ReviewMode, by_value=True, required=True)
    delay_seconds = StrictInteger(
        load_default=None, allow_none=False, validate=validate.Range(min=0, max=30 * 86_400)
    )
    reject_terms = List(
        fields.String(validate=validate.Length(min=1, max=100)),
        load_default=None,
        allow_none=False,
        validate=validate.Length(max=100),
    )


def _count() -> StrictInteger:
    return StrictInteger(load_default=0, validate=validate.Range(min=0, max=1_000_000_000))


class EngagementRequest(RequestSchema):
    """Body of `POST /sandboxes/{sid}/ads/{ad_id}/engagement`: what the ad earned."""

    views = _count()
    likes = _count()
    comments = _count()
    shares = _count()
    follows = _count()


def engagement_data(ad_id: str, post: Post) -> dict[str, Any]:
    """The post an ad promotes, with its engagement totals."""
    return {
        "ad_id": ad_id,
        "item_id": post.item_id,
        "engagement": {name: getattr(post, name) for name in ENGAGEMENT_COUNTERS},
    }


class ReviewDecisionRequest(RequestSchema):
    """Body of `POST /sandboxes/{sid}/reviews/{ad_id}`."""

    decision = fields.String(required=True, validate=validate.OneOf(["approve", "reject"]))
    reason = fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=500)
    )


def ad_data(view: AdView) -> dict[str, Any]:
    """An ad with every field `ad/get/` can return."""
    ad = view.ad
    authorized = ad.is_spark and view.authorization in (None, AdAuthStatus.AUTHORIZED)
    return {
        "advertiser_id": ad.advertiser_id,
        "campaign_id": ad.campaign_id,
        "campaign_name": view.campaign.campaign_name,
        "adgroup_id": ad.adgroup_id,
        "adgroup_name": view.adgroup.adgroup_name,
        "ad_id": ad.ad_id,
        "ad_name": ad.ad_name,
        "ad_format": ad.ad_format.value,
        "ad_text": ad.ad_text,
        "call_to_action": ad.call_to_action,
        "landing_page_url": ad.landing_page_url,
        "display_name": ad.display_name,
        "profile_image_url": None,
        "video_id": ad.video_id,
        "image_ids": [],
        "tiktok_item_id": view.tiktok_item_id,
        "creative_authorized": authorized,
        "identity_type": ad.identity_type.value,
        "identity_id": ad.identity_id,
        "identity_authorized_bc_id": ad.identity_authorized_bc_id,
        "item_duet_status": "ENABLE",
        "item_stitch_status": "ENABLE",
        "promotional_music_disabled": False,
        "dark_post_status": ad.dark_post_status,
        "utm_params": [{"key": k, "value": v} for k, v in utm_params(ad.landing_page_url)],
        "operation_status": ad.operation_status.value,
        "secondary_status": view.secondary_status,
        "review_status": ad.review_at(view.now).value,
        "review_reason": ad.review_reason if ad.review_at(view.now).value == "REJECTED" else None,
        "create_time": time_text(ad.create_time),
        "modify_time": time_text(ad.modify_time),
    }


def review_data(ad: Ad, now: float) -> dict[str, Any]:
    """An ad's review as the control plane shows it."""
    status = ad.review_at(now)
    return {
        "ad_id": ad.ad_id,
        "advertiser_id": ad.advertiser_id,
        "ad_name": ad.ad_name,
        "review_status": status.value,
        "reason": ad.review_reason if status.value == "REJECTED" else None,
        "decided_at": time_text(ad.review_due_at) if status.value != "IN_REVIEW" else None,
    }


def review_policy_data(policy: ReviewPolicy) -> dict[str, Any]:
    """A review policy."""
    return {
        "mode": policy.mode.value,
        "delay_seconds": policy.delay_seconds,
        "reject_terms": list(policy.reject_terms),
    }
