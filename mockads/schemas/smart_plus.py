"""`smart_plus/*`: requests and response data (ad groups and campaign reads reuse campaigns.py)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, validate

from mockads.domain.campaigns import PRIMARY_STATUSES
from mockads.domain.catalogue import (
    SMART_PLUS_AD_CREATE,
    SMART_PLUS_AD_GET,
    SMART_PLUS_AD_UPDATE,
    SMART_PLUS_ADGROUP_CREATE,
    SMART_PLUS_ADGROUP_GET,
    SMART_PLUS_ADGROUP_UPDATE,
    SMART_PLUS_CAMPAIGN_CREATE,
    SMART_PLUS_CAMPAIGN_GET,
    SMART_PLUS_CAMPAIGN_UPDATE,
    FieldSpec,
)
from mockads.domain.catalogue.fields import by_name, thaw
from mockads.domain.catalogue.smart_plus import (
    SMART_PLUS_CREATIVE_INFO,
    SMART_PLUS_CREATIVE_SETTINGS,
)
from mockads.domain.enums import AdFormat, IdentityType, OperationStatus
from mockads.schemas.campaigns import (
    AdgroupCreateBase,
    AdgroupGetRequest,
    CampaignCreateBase,
    CampaignGetRequest,
)
from mockads.schemas.catalogue import (
    TIME_PATTERN,
    Unchangeable,
    catalogue_field,
    update_schema,
    with_catalogue,
)
from mockads.schemas.common import (
    Id,
    JsonNested,
    List,
    RequestSchema,
    StrictNumber,
    field_names,
    id_list,
    paginated,
    time_text,
)
from mockads.services.ads import AdView, Creative
from mockads.services.smart_plus import SmartPlusAd

__all__ = [
    "SMART_PLUS_ADGROUP_FIELDS",
    "SMART_PLUS_CAMPAIGN_FIELDS",
    "SmartPlusAdCreateRequest",
    "SmartPlusAdGetRequest",
    "SmartPlusAdReviewInfoRequest",
    "SmartPlusAdStatusUpdateRequest",
    "SmartPlusAdUpdateRequest",
    "SmartPlusAdgroupCreateRequest",
    "SmartPlusAdgroupGetRequest",
    "SmartPlusAdgroupUpdateRequest",
    "SmartPlusCampaignCreateRequest",
    "SmartPlusCampaignGetRequest",
    "SmartPlusCampaignUpdateRequest",
    "smart_plus_ad_data",
    "smart_plus_review_data",
]

#: What `fields=` of `smart_plus/campaign/get/` may ask for: every field its read returns.
SMART_PLUS_CAMPAIGN_FIELDS = [spec.name for spec in SMART_PLUS_CAMPAIGN_GET]
#: What `fields=` of `smart_plus/adgroup/get/` may ask for: every field its read returns.
SMART_PLUS_ADGROUP_FIELDS = [spec.name for spec in SMART_PLUS_ADGROUP_GET]

_NAME = validate.Length(min=1, max=512)
_TIME = validate.Regexp(TIME_PATTERN)
_BUDGET = StrictNumber(load_default=None, allow_none=False, validate=validate.Range(min=0, max=1e9))


class SmartPlusCampaignUpdateBase(RequestSchema):
    """The fields of `smart_plus/campaign/update/` with rules of their own."""

    advertiser_id = Id(required=True)
    campaign_id = Id(required=True)
    campaign_name = fields.String(load_default=None, allow_none=False, validate=_NAME)
    budget = _BUDGET


SmartPlusCampaignCreateRequest = with_catalogue(
    CampaignCreateBase,
    SMART_PLUS_CAMPAIGN_CREATE,
    name="SmartPlusCampaignCreateRequest",
    doc="Body of `smart_plus/campaign/create/`.",
)
SmartPlusCampaignUpdateRequest = update_schema(
    SmartPlusCampaignUpdateBase,
    SMART_PLUS_CAMPAIGN_CREATE,
    SMART_PLUS_CAMPAIGN_UPDATE,
    name="SmartPlusCampaignUpdateRequest",
    doc="Body of `smart_plus/campaign/update/`: create-only fields are refused.",
)


class SmartPlusCampaignGetRequest(CampaignGetRequest):
    """Query of `smart_plus/campaign/get/`."""

    fields = field_names(SMART_PLUS_CAMPAIGN_FIELDS)


class SmartPlusAdgroupCreateBase(AdgroupCreateBase):
    """The fields of `smart_plus/adgroup/create/` with rules (and columns) of their own: the
    locations come from `targeting_spec.location_ids` or (a mockads extension) `location_ids`."""

    location_ids = List(
        Id(), load_default=None, allow_none=False, validate=validate.Length(min=1, max=3000)
    )


class SmartPlusAdgroupUpdateBase(RequestSchema):
    """The fields of `smart_plus/adgroup/update/` with rules (and columns) of their own."""

    advertiser_id = Id(required=True)
    adgroup_id = Id(required=True)
    adgroup_name = fields.String(load_default=None, allow_none=False, validate=_NAME)
    budget = _BUDGET
    schedule_type = fields.String(
        load_default=None,
        allow_none=False,
        validate=validate.OneOf(["SCHEDULE_START_END", "SCHEDULE_FROM_NOW"]),
    )
    schedule_start_time = fields.String(load_default=None, allow_none=False, validate=_TIME)
    schedule_end_time = fields.String(load_default=None, allow_none=False, validate=_TIME)
    bid_price = _BUDGET
    location_ids = List(
        Id(), load_default=None, allow_none=False, validate=validate.Length(min=1, max=3000)
    )


SmartPlusAdgroupCreateRequest = with_catalogue(
    SmartPlusAdgroupCreateBase,
    SMART_PLUS_ADGROUP_CREATE,
    name="SmartPlusAdgroupCreateRequest",
    doc="Body of `smart_plus/adgroup/create/`.",
)
SmartPlusAdgroupUpdateRequest = update_schema(
    SmartPlusAdgroupUpdateBase,
    SMART_PLUS_ADGROUP_CREATE,
    SMART_PLUS_ADGROUP_UPDATE,
    name="SmartPlusAdgroupUpdateRequest",
    doc="Body of `smart_plus/adgroup/update/`: create-only fields are refused.",
)


class SmartPlusAdgroupGetRequest(AdgroupGetRequest):
    """Query of `smart_plus/adgroup/get/`."""

    fields = field_names(SMART_PLUS_ADGROUP_FIELDS)


_INFO = by_name(SMART_PLUS_CREATIVE_INFO)
_AD = by_name(SMART_PLUS_AD_CREATE)
_AD_UPDATE = by_name(SMART_PLUS_AD_UPDATE)


class _CreativeInfoBase(RequestSchema):
    identity_type = fields.Enum(IdentityType, load_default=None, allow_none=False)
    identity_id = catalogue_field(_INFO["identity_id"], load_default=None)
    identity_authorized_bc_id = Id(load_default=None, allow_none=False)
    ad_format = fields.Enum(AdFormat, load_default=AdFormat.SINGLE_VIDEO)
    tiktok_item_id = Id(load_default=None, allow_none=False)
    video_info = catalogue_field(_INFO["video_info"], load_default=None)


_CreativeInfo = with_catalogue(
    _CreativeInfoBase, SMART_PLUS_CREATIVE_INFO, name="SmartPlusCreativeInfo"
)


class _CreativeItem(RequestSchema):
    creative_info = fields.Nested(_CreativeInfo, required=True)


def _listed(spec: FieldSpec, **kwargs: Any) -> fields.Field:
    """A list of one-key objects (`[{"ad_text": "..."}]`), read as plain values on load."""
    return catalogue_field(spec, **kwargs)


def _plain(items: list[dict[str, Any]] | None) -> list[Any] | None:
    return None if items is None else [next(iter(item.values())) for item in items]


def _creatives(items: list[dict[str, Any]], configuration: dict[str, Any]) -> list[Creative]:
    """Each creative with its identity: its own, else the ad's (`ad_configuration`)."""
    shaped = []
    for number, item in enumerate(items):
        info = dict(item["creative_info"])
        for name in ("identity_id", "identity_type"):
            if info[name] is None:
                value = configuration.get(name)
                if value is None:
                    where = {"creative_info": {name: ["required here or in ad_configuration."]}}
                    raise ValidationError({"creative_list": {number: where}})
                info[name] = IdentityType(value) if name == "identity_type" else value
        video = info.pop("video_info")
        settings = info.pop("settings")
        if video is not None and set(video) - {"video_id"}:
            settings["video_info"] = video
        shaped.append(
            Creative(
                ad_name="",
                video_id=video["video_id"] if video else None,
                settings=settings,
                **info,
            )
        )
    return shaped


class SmartPlusAdCreateBase(RequestSchema):
    """The fields of `smart_plus/ad/create/` with rules of their own."""

    advertiser_id = Id(required=True)
    adgroup_id = Id(required=True)
    ad_name = catalogue_field(_AD["ad_name"], required=True)
    creative_list = List(
        fields.Nested(_CreativeItem), required=True, validate=validate.Length(min=1, max=30)
    )
    ad_text_list = _listed(_AD["ad_text_list"], load_default=list)
    landing_page_url_list = _listed(_AD["landing_page_url_list"], load_default=list)
    call_to_action_list = _listed(_AD["call_to_action_list"], load_default=list)
    ad_configuration = catalogue_field(_AD["ad_configuration"], load_default=None)
    operation_status = fields.Enum(
        OperationStatus,
        load_default=OperationStatus.ENABLE,
        validate=validate.OneOf([OperationStatus.ENABLE, OperationStatus.DISABLE]),
    )

    @post_load
    def _values(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """The lists as plain values, under the names `smart_plus_ad_create` takes."""
        for key, name in _SERVICE_NAMES.items():
            data[name] = _plain(data.pop(key))
        data["creatives"] = _creatives(data.pop("creative_list"), data["ad_configuration"] or {})
        return data


#: The one-key object lists of `smart_plus/ad/create/`, and what the service calls their values.
_SERVICE_NAMES = {
    "ad_text_list": "ad_texts",
    "landing_page_url_list": "landing_page_urls",
    "call_to_action_list": "call_to_actions",
}
SmartPlusAdCreateRequest = with_catalogue(
    SmartPlusAdCreateBase,
    SMART_PLUS_AD_CREATE,
    name="SmartPlusAdCreateRequest",
    doc="Body of `smart_plus/ad/create/`.",
)


class SmartPlusAdFiltering(RequestSchema):
    """`filtering` of `smart_plus/ad/get/`."""

    smart_plus_ad_ids = id_list(load_default=list)
    adgroup_ids = id_list(load_default=list)
    campaign_ids = id_list(load_default=list)
    primary_status = fields.String(
        load_default="STATUS_NOT_DELETE", validate=validate.OneOf(PRIMARY_STATUSES)
    )


class SmartPlusAdGetRequest(paginated(default_size=10, max_size=1000)):
    """Query of `smart_plus/ad/get/`."""

    advertiser_id = Id(required=True)
    filtering = JsonNested(SmartPlusAdFiltering, load_default=dict)


class SmartPlusAdUpdateBase(RequestSchema):
    """The fields of `smart_plus/ad/update/` with rules of their own."""

    advertiser_id = Id(required=True)
    smart_plus_ad_id = Id(required=True)
    ad_name = catalogue_field(_AD_UPDATE["ad_name"], load_default=None)
    landing_page_url = catalogue_field(_AD_UPDATE["landing_page_url"], load_default=None)
    ad_text_list = _listed(_AD_UPDATE["ad_text_list"], load_default=None)
    landing_page_url_list = _listed(_AD_UPDATE["landing_page_url_list"], load_default=None)
    call_to_action_list = _listed(_AD_UPDATE["call_to_action_list"], load_default=None)
    ad_configuration = catalogue_field(_AD_UPDATE["ad_configuration"], load_default=None)
    creative_list = Unchangeable(
        message="mockads keeps a Smart+ ad's creatives: create a new Smart+ ad "
        "(smart_plus/ad/create/) to change them."
    )

    @post_load
    def _values(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for key in ("ad_text_list", "landing_page_url_list", "call_to_action_list"):
            data[key] = _plain(data[key])
        return data


SmartPlusAdUpdateRequest = update_schema(
    SmartPlusAdUpdateBase,
    SMART_PLUS_AD_CREATE,
    SMART_PLUS_AD_UPDATE,
    name="SmartPlusAdUpdateRequest",
    doc="Body of `smart_plus/ad/update/`: create-only fields are refused.",
)


class SmartPlusAdStatusUpdateRequest(RequestSchema):
    """Body of `smart_plus/ad/status/update/`."""

    advertiser_id = Id(required=True)
    smart_plus_ad_ids = id_list(required=True)
    operation_status = fields.Enum(OperationStatus, required=True)


class SmartPlusAdReviewInfoRequest(RequestSchema):
    """Query of `smart_plus/ad/review_info/`."""

    advertiser_id = Id(required=True)
    smart_plus_ad_ids = id_list(required=True)


def _creative_data(view: AdView) -> dict[str, Any]:
    """One creative of a Smart+ ad as a read shows it."""
    ad, settings = view.ad, view.ad.settings
    video = thaw(settings.get("video_info")) or {}
    info: dict[str, Any] = {
        "identity_type": ad.identity_type.value,
        "identity_id": ad.identity_id,
        "identity_authorized_bc_id": ad.identity_authorized_bc_id,
        "ad_format": ad.ad_format.value,
        "tiktok_item_id": view.tiktok_item_id,
        "video_info": {**video, "video_id": ad.video_id} if ad.video_id else None,
        "ad_text": ad.ad_text,
    }
    for name in SMART_PLUS_CREATIVE_SETTINGS:
        info[name] = thaw(settings.get(name))
    return {
        "ad_id": ad.ad_id,
        "creative_info": info,
        "secondary_status": view.secondary_status,
        "review_status": ad.review_at(view.now).value,
    }


def smart_plus_ad_data(smart: SmartPlusAd) -> dict[str, Any]:
    """A Smart+ ad with its creatives: every field of `SMART_PLUS_AD_GET`, in its order."""
    first = smart.first
    own: dict[str, Any] = {
        "advertiser_id": first.advertiser_id,
        "campaign_id": first.campaign_id,
        "adgroup_id": first.adgroup_id,
        "smart_plus_ad_id": smart.smart_plus_ad_id,
        "ad_name": first.ad_name,
        "operation_status": first.operation_status.value,
        "secondary_status": smart.secondary_status,
        "review_status": smart.review_status.value,
        "creative_list": [_creative_data(view) for view in smart.creatives],
        "ad_text_list": [{"ad_text": text} for text in first.text_options],
        "landing_page_url_list": (
            [{"landing_page_url": first.landing_page_url}] if first.landing_page_url else []
        ),
        "call_to_action_list": [{"call_to_action": c} for c in first.call_to_action_options],
        "create_time": time_text(first.create_time),
        "modify_time": time_text(max(v.ad.modify_time for v in smart.creatives)),
    }
    settings = first.settings
    return {
        spec.name: own[spec.name]
        if spec.name in own
        else thaw(settings.get(spec.name, spec.default))
        for spec in SMART_PLUS_AD_GET
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
