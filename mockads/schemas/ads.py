"""`ad/*` and the review control plane: requests and response data."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from mockads.domain.ad_fields import read_utm_params
from mockads.domain.ads import ENGAGEMENT_COUNTERS, Ad
from mockads.domain.campaigns import PRIMARY_STATUSES
from mockads.domain.catalogue import AD_CREATIVE_CREATE, AD_CREATIVE_UPDATE, AD_GET
from mockads.domain.catalogue.ad import MAX_CREATIVES
from mockads.domain.catalogue.fields import thaw
from mockads.domain.enums import AdAuthStatus, AdFormat, IdentityType, OperationStatus, ReviewMode
from mockads.domain.model import Post
from mockads.domain.review import ReviewPolicy
from mockads.schemas.catalogue import update_schema, with_catalogue
from mockads.schemas.common import (
    Id,
    JsonNested,
    List,
    RequestSchema,
    StrictBoolean,
    StrictInteger,
    field_names,
    id_list,
    paginated,
    time_text,
)
from mockads.schemas.light import LightNested
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

#: What `fields=` of `ad/get/` may ask for: every field the catalogue says get returns.
AD_FIELDS = tuple(spec.name for spec in AD_GET)
_NAME = validate.Length(min=1, max=512)
_TEXT = validate.Length(min=1, max=1000)


def _optional(max_length: int) -> fields.String:
    return fields.String(
        load_default=None, allow_none=False, validate=validate.Length(min=1, max=max_length)
    )


class CreativeBase(RequestSchema):
    """The fields of a creative of `ad/create/` with rules of their own (Smart+ shares some)."""

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
    operation_status = fields.Enum(
        OperationStatus,
        load_default=OperationStatus.ENABLE,
        validate=validate.OneOf([OperationStatus.ENABLE, OperationStatus.DISABLE]),
    )


CreativeSchema = with_catalogue(
    CreativeBase,
    AD_CREATIVE_CREATE,
    name="CreativeSchema",
    doc="One element of `creatives` in `ad/create/`: every catalogue field.",
)


class CreativeUpdateBase(RequestSchema):
    """A creative of `ad/update/` names its ad; every other field is the catalogue's, gathered
    under `settings` as sent (columns included: the service tells them apart)."""

    ad_id = Id(required=True)


CreativeUpdateSchema = update_schema(
    CreativeUpdateBase,
    AD_CREATIVE_CREATE,
    AD_CREATIVE_UPDATE,
    name="CreativeUpdateSchema",
    doc="One element of `creatives` in `ad/update/`: create-only fields are refused.",
)


def _creatives(schema: type[RequestSchema], **kwargs: Any) -> List:
    length = validate.Length(min=1, max=MAX_CREATIVES)
    return List(fields.Nested(schema), validate=length, **kwargs)


def _light_creatives(schema: type[RequestSchema], **kwargs: Any) -> List:
    """`_creatives` whose valid creatives skip the schema's machinery (`schemas/light.py`)."""
    length = validate.Length(min=1, max=MAX_CREATIVES)
    return List(LightNested(schema), validate=length, **kwargs)


class AdCreateRequest(RequestSchema):
    """Body of `ad/create/`."""

    advertiser_id = Id(required=True)
    adgroup_id = Id(required=True)
    creatives = _light_creatives(CreativeSchema, required=True)

    @post_load
    def _as_creatives(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["creatives"] = [Creative(**creative) for creative in data["creatives"]]
        return data


class AdFiltering(RequestSchema):
    """`filtering` of `ad/get/`."""

    campaign_ids = id_list(load_default=list)
    adgroup_ids = id_list(load_default=list)
    ad_ids = id_list(load_default=list)
    primary_status = fields.String(
        load_default="STATUS_NOT_DELETE", validate=validate.OneOf(PRIMARY_STATUSES)
    )


class AdGetRequest(paginated(default_size=10, max_size=1000)):
    """Query of `ad/get/`."""

    advertiser_id = Id(required=True)
    fields = field_names(AD_FIELDS)
    filtering = JsonNested(AdFiltering, load_default=dict)


class AdUpdateRequest(RequestSchema):
    """Body of `ad/update/`: `{advertiser_id, adgroup_id, creatives: [{ad_id, ...}],
    patch_update}` as the SDK sends it.

    mockads also takes its older flat shape, one ad per call (`ad_id` with `ad_name`, `ad_text`,
    `call_to_action`, `landing_page_url`), as an extension: it edits only the fields sent and
    answers the ad itself.
    """

    advertiser_id = Id(required=True)
    adgroup_id = Id(load_default=None, allow_none=False)
    creatives = _creatives(CreativeUpdateSchema, load_default=None, allow_none=False)
    patch_update = StrictBoolean(load_default=False)
    ad_id = Id(load_default=None, allow_none=False)
    ad_name = fields.String(allow_none=False, validate=_NAME)
    ad_text = fields.String(allow_none=False, validate=_TEXT)
    call_to_action = fields.String(allow_none=False, validate=validate.Length(min=1, max=64))
    landing_page_url = fields.String(allow_none=False, validate=validate.Length(min=1, max=4096))

    @validates_schema
    def _one_shape(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("creatives") is None and data.get("ad_id") is None:
            raise ValidationError("Missing data for required field.", "creatives")
        if data.get("creatives") is not None and data.get("adgroup_id") is None:
            raise ValidationError("Missing data for required field.", "adgroup_id")

    @post_load
    def _shape(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """The flat shape as one patch of one creative (`flat` says which shape came)."""
        flat = data.get("creatives") is None
        if flat:
            edits = {k: data.pop(k) for k in _FLAT_EDITS if k in data}
            data["creatives"] = [{"ad_id": data["ad_id"], "settings": edits}]
            data["patch_update"] = True
        else:
            for k in _FLAT_EDITS:
                data.pop(k, None)
        data.pop("ad_id", None)
        data["flat"] = flat
        return data


_FLAT_EDITS = ("ad_name", "ad_text", "call_to_action", "landing_page_url")


class AdStatusUpdateRequest(RequestSchema):
    """Body of `ad/status/update/`."""

    advertiser_id = Id(required=True)
    ad_ids = id_list(required=True)
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
    """An ad with every field `ad/get/` can return, in the catalogue's order: its own columns
    and what mockads derives, else the value sent, else the field's default."""
    ad, settings = view.ad, view.ad.settings
    authorized = ad.is_spark and view.authorization in (None, AdAuthStatus.AUTHORIZED)
    sent_authorized = settings.get("creative_authorized")
    review = ad.review_at(view.now).value
    own: dict[str, Any] = {
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
        "landing_page_urls": [ad.landing_page_url] if ad.landing_page_url else [],
        "display_name": ad.display_name,
        "video_id": ad.video_id,
        "tiktok_item_id": view.tiktok_item_id,
        "creative_authorized": authorized if sent_authorized is None else sent_authorized,
        "identity_type": ad.identity_type.value,
        "identity_id": ad.identity_id,
        "identity_authorized_bc_id": ad.identity_authorized_bc_id,
        "dark_post_status": ad.dark_post_status,
        "utm_params": read_utm_params(thaw(settings.get("utm_params")), ad.landing_page_url),
        "operation_status": ad.operation_status.value,
        "is_aco": False,
        "is_new_structure": True,
        "secondary_status": view.secondary_status,
        "review_status": review,
        "review_reason": ad.review_reason if review == "REJECTED" else None,
        "create_time": time_text(ad.create_time),
        "modify_time": time_text(ad.modify_time),
    }
    return {
        spec.name: own[spec.name]
        if spec.name in own
        else thaw(settings.get(spec.name, spec.default))
        for spec in AD_GET
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
