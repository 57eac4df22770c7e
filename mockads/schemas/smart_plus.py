"""`smart_plus/*`: requests and response data (ad groups and campaign reads reuse campaigns.py)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from mockads.domain.campaigns import PRIMARY_STATUSES
from mockads.domain.enums import AdFormat, IdentityType, OperationStatus
from mockads.schemas.campaigns import (
    AdgroupCreateBase,
    AdgroupUpdateBase,
    CampaignCreateBase,
    CampaignUpdateBase,
)
from mockads.schemas.common import (
    Id,
    JsonList,
    JsonNested,
    List,
    RequestSchema,
    paginated,
    time_text,
)
from mockads.services.ads import Creative
from mockads.services.smart_plus import SmartPlusAd

__all__ = [
    "SmartPlusAdCreateRequest",
    "SmartPlusAdGetRequest",
    "SmartPlusAdReviewInfoRequest",
    "SmartPlusAdStatusUpdateRequest",
    "SmartPlusAdUpdateRequest",
    "SmartPlusAdgroupCreateRequest",
    "SmartPlusAdgroupUpdateRequest",
    "SmartPlusCampaignCreateRequest",
    "SmartPlusCampaignUpdateRequest",
    "smart_plus_ad_data",
    "smart_plus_review_data",
]


class SmartPlusCampaignCreateRequest(CampaignCreateBase):
    """Body of `smart_plus/campaign/create/` (its fields are not in the catalogue yet)."""


class SmartPlusCampaignUpdateRequest(CampaignUpdateBase):
    """Body of `smart_plus/campaign/update/` (its fields are not in the catalogue yet)."""


class SmartPlusAdgroupCreateRequest(AdgroupCreateBase):
    """Body of `smart_plus/adgroup/create/` (its fields are not in the catalogue yet)."""


class SmartPlusAdgroupUpdateRequest(AdgroupUpdateBase):
    """Body of `smart_plus/adgroup/update/` (its fields are not in the catalogue yet)."""


def _ids(**kwargs: Any) -> JsonList:
    return JsonList(Id(), validate=validate.Length(min=1, max=100), **kwargs)


class _VideoInfo(RequestSchema):
    video_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class _CreativeInfo(RequestSchema):
    identity_type = fields.Enum(IdentityType, required=True)
    identity_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    identity_authorized_bc_id = Id(load_default=None, allow_none=False)
    ad_format = fields.Enum(AdFormat, load_default=AdFormat.SINGLE_VIDEO)
    tiktok_item_id = Id(load_default=None, allow_none=False)
    video_info = fields.Nested(_VideoInfo, load_default=None, allow_none=False)


class _CreativeItem(RequestSchema):
    creative_info = fields.Nested(_CreativeInfo, required=True)

    @post_load
    def _creative(self, data: dict[str, Any], **_: Any) -> Creative:
        info = data["creative_info"]
        video = info.pop("video_info")
        return Creative(ad_name="", video_id=video["video_id"] if video else None, **info)


def _text(max_length: int, **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=max_length), **kwargs)


class _AdText(RequestSchema):
    ad_text = _text(1000, required=True)


class _LandingPage(RequestSchema):
    landing_page_url = _text(4096, required=True)


class _CallToAction(RequestSchema):
    call_to_action = _text(64, required=True)


def _listed(schema: type[RequestSchema], max_items: int) -> fields.List:
    """A list of one-key objects (`[{"ad_text": "..."}]`); read as plain values on load."""
    return List(fields.Nested(schema), load_default=list, validate=validate.Length(max=max_items))


class SmartPlusAdCreateRequest(RequestSchema):
    """Body of `smart_plus/ad/create/`."""

    advertiser_id = Id(required=True)
    adgroup_id = Id(required=True)
    ad_name = fields.String(required=True, validate=validate.Length(min=1, max=512))
    creative_list = List(
        fields.Nested(_CreativeItem), required=True, validate=validate.Length(min=1, max=30)
    )
    ad_text_list = _listed(_AdText, 5)
    landing_page_url_list = _listed(_LandingPage, 1)
    call_to_action_list = _listed(_CallToAction, 5)

    @post_load
    def _values(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for key in ("ad_text_list", "landing_page_url_list", "call_to_action_list"):
            data[key] = [next(iter(item.values())) for item in data[key]]
        return data


class SmartPlusAdFiltering(RequestSchema):
    """`filtering` of `smart_plus/ad/get/`."""

    smart_plus_ad_ids = _ids(load_default=list)
    adgroup_ids = _ids(load_default=list)
    campaign_ids = _ids(load_default=list)
    primary_status = fields.String(
        load_default="STATUS_NOT_DELETE", validate=validate.OneOf(PRIMARY_STATUSES)
    )


class SmartPlusAdGetRequest(paginated(default_size=10, max_size=1000)):
    """Query of `smart_plus/ad/get/`."""

    advertiser_id = Id(required=True)
    filtering = JsonNested(SmartPlusAdFiltering, load_default=dict)


class SmartPlusAdUpdateRequest(RequestSchema):
    """Body of `smart_plus/ad/update/`."""

    advertiser_id = Id(required=True)
    smart_plus_ad_id = Id(required=True)
    ad_name = _text(512, load_default=None, allow_none=False)
    landing_page_url = _text(4096, load_default=None, allow_none=False)


class SmartPlusAdStatusUpdateRequest(RequestSchema):
    """Body of `smart_plus/ad/status/update/`."""

    advertiser_id = Id(required=True)
    smart_plus_ad_ids = _ids(required=True)
    operation_status = fields.Enum(OperationStatus, required=True)


class SmartPlusAdReviewInfoRequest(RequestSchema):
    """Query of `smart_plus/ad/review_info/`."""

    advertiser_id = Id(required=True)
    smart_plus_ad_ids = _ids(required=True)


def smart_plus_ad_data(smart: SmartPlusAd) -> dict[str, Any]:
    """A Smart+ ad with its creatives."""
    first = smart.first
    return {
        "advertiser_id": first.advertiser_id,
        "campaign_id": first.campaign_id,
        "adgroup_id": first.adgroup_id,
        "smart_plus_ad_id": smart.smart_plus_ad_id,
        "ad_name": first.ad_name,
        "operation_status": first.operation_status.value,
        "secondary_status": smart.secondary_status,
        "review_status": smart.review_status.value,
        "creative_list": [
            {
                "ad_id": view.ad.ad_id,
                "creative_info": {
                    "identity_type": view.ad.identity_type.value,
                    "identity_id": view.ad.identity_id,
                    "identity_authorized_bc_id": view.ad.identity_authorized_bc_id,
                    "ad_format": view.ad.ad_format.value,
                    "tiktok_item_id": view.tiktok_item_id,
                    "video_info": {"video_id": view.ad.video_id} if view.ad.video_id else None,
                    "ad_text": view.ad.ad_text,
                },
                "secondary_status": view.secondary_status,
                "review_status": view.ad.review_at(view.now).value,
            }
            for view in smart.creatives
        ],
        "ad_text_list": [{"ad_text": text} for text in first.text_options],
        "landing_page_url_list": (
            [{"landing_page_url": first.landing_page_url}] if first.landing_page_url else []
        ),
        "call_to_action_list": [{"call_to_action": c} for c in first.call_to_action_options],
        "create_time": time_text(first.create_time),
        "modify_time": time_text(max(v.ad.modify_time for v in smart.creatives)),
    }


def smart_plus_review_data(found: list[SmartPlusAd]) -> dict[str, Any]:
    """`data` of `smart_plus/ad/review_info/`: the review of each ad, creative by creative."""
    return {
        "list": [
            {
                "smart_plus_ad_id": smart.smart_plus_ad_id,
                "review_status": smart.review_status.value,
                "creative_list": [
                    {
                        "ad_id": view.ad.ad_id,
                        "review_status": (status := view.ad.review_at(view.now)).value,
                        "reject_reasons": (
                            [view.ad.review_reason]
                            if status.value == "REJECTED" and view.ad.review_reason
                            else []
                        ),
                    }
                    for view in smart.creatives
                ],
            }
            for smart in found
        ]
    }
