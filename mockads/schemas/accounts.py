"""`oauth2/advertiser/get/` and `advertiser/info/`: requests and response data."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

from marshmallow import fields, validate

from mockads.domain.model import Advertiser
from mockads.schemas.common import Id, JsonList, RequestSchema, field_names

__all__ = [
    "ADVERTISER_FIELDS",
    "AdvertiserInfoRequest",
    "Oauth2AdvertiserGetRequest",
    "advertiser_info_data",
    "oauth2_advertiser_get_data",
]

#: Every field `advertiser/info/` can return (and so may be named in `fields`).
ADVERTISER_FIELDS = tuple(f.name for f in dataclass_fields(Advertiser))


class Oauth2AdvertiserGetRequest(RequestSchema):
    """Query of `oauth2/advertiser/get/`."""

    app_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    secret = fields.String(required=True, validate=validate.Length(min=1, max=128))


class AdvertiserInfoRequest(RequestSchema):
    """Query of `advertiser/info/`."""

    advertiser_ids = JsonList(Id(), required=True, validate=validate.Length(min=1, max=100))
    fields = field_names(ADVERTISER_FIELDS, allow_none=False)


def oauth2_advertiser_get_data(advertisers: list[Advertiser]) -> dict[str, Any]:
    """`data` of `oauth2/advertiser/get/`."""
    return {
        "list": [{"advertiser_id": a.advertiser_id, "advertiser_name": a.name} for a in advertisers]
    }


def advertiser_info_data(
    advertisers: list[Advertiser], selected: list[str] | None
) -> dict[str, Any]:
    """`data` of `advertiser/info/`; `create_time` is Unix seconds here, unlike elsewhere."""
    names = selected or ADVERTISER_FIELDS
    return {"list": [{name: getattr(a, name) for name in names} for a in advertisers]}
