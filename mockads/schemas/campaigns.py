"""`campaign/*` and `adgroup/*`: requests and response data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marshmallow import fields, validate

from mockads.domain.campaigns import (
    PRIMARY_STATUSES,
    Campaign,
    adgroup_secondary_status,
    campaign_secondary_status,
    shown_end_time,
)
from mockads.domain.catalogue import (
    ADGROUP_CREATE,
    ADGROUP_GET,
    ADGROUP_UPDATE,
    CAMPAIGN_CREATE,
    CAMPAIGN_GET,
    CAMPAIGN_UPDATE,
    FieldSpec,
)
from mockads.domain.catalogue.adgroup import (
    BID_TYPES,
    BILLING_EVENTS,
    OPTIMIZATION_GOALS,
    PLACEMENTS,
    PROMOTION_TYPES,
)
from mockads.domain.catalogue.fields import thaw
from mockads.domain.clock import format_local_time
from mockads.domain.enums import BudgetMode, ObjectiveType, OperationStatus
from mockads.schemas.catalogue import TIME_PATTERN, update_schema, with_catalogue
from mockads.schemas.common import (
    Id,
    JsonNested,
    List,
    RequestSchema,
    StrictNumber,
    field_names,
    id_list,
    page_info,
    paginated,
    time_text,
)
from mockads.services.adgroups import AdGroupView
from mockads.services.paging import Page

__all__ = [
    "ADGROUP_FIELDS",
    "CAMPAIGN_FIELDS",
    "AdgroupCreateBase",
    "AdgroupCreateRequest",
    "AdgroupGetRequest",
    "AdgroupStatusUpdateRequest",
    "AdgroupUpdateBase",
    "AdgroupUpdateRequest",
    "CampaignCreateBase",
    "CampaignCreateRequest",
    "CampaignGetRequest",
    "CampaignStatusUpdateRequest",
    "CampaignUpdateBase",
    "CampaignUpdateRequest",
    "adgroup_data",
    "campaign_data",
    "page_data",
]

#: What `fields=` of `campaign/get/` may ask for: every field the catalogue says get returns.
CAMPAIGN_FIELDS = [spec.name for spec in CAMPAIGN_GET]
#: What `fields=` of `adgroup/get/` may ask for: every field the catalogue says get returns.
ADGROUP_FIELDS = [spec.name for spec in ADGROUP_GET]

_NAME = validate.Length(min=1, max=512)
_STATUS = fields.Enum(OperationStatus, required=True)
_ENABLED = fields.Enum(
    OperationStatus,
    load_default=OperationStatus.ENABLE,
    validate=validate.OneOf([OperationStatus.ENABLE, OperationStatus.DISABLE]),
)
_PRIMARY_STATUS = fields.String(
    load_default="STATUS_NOT_DELETE", validate=validate.OneOf(PRIMARY_STATUSES)
)
_BUDGET = StrictNumber(load_default=None, allow_none=False, validate=validate.Range(min=0, max=1e9))


class CampaignFiltering(RequestSchema):
    """`filtering` of `campaign/get/`."""

    campaign_ids = id_list(load_default=list)
    campaign_name = fields.String(load_default=None, allow_none=False)
    objective_type = fields.Enum(ObjectiveType, load_default=None, allow_none=False)
    primary_status = _PRIMARY_STATUS


class CampaignCreateBase(RequestSchema):
    """The fields of `campaign/create/` with rules of their own (Smart+ shares them)."""

    advertiser_id = Id(required=True)
    campaign_name = fields.String(required=True, validate=_NAME)
    objective_type = fields.Enum(ObjectiveType, required=True)
    budget_mode = fields.Enum(BudgetMode, load_default=BudgetMode.BUDGET_MODE_INFINITE)
    budget = _BUDGET
    operation_status = _ENABLED


CampaignCreateRequest = with_catalogue(
    CampaignCreateBase,
    CAMPAIGN_CREATE,
    name="CampaignCreateRequest",
    doc="Body of `campaign/create/`.",
)


class CampaignGetRequest(paginated(default_size=10, max_size=1000)):
    """Query of `campaign/get/`."""

    advertiser_id = Id(required=True)
    fields = field_names(CAMPAIGN_FIELDS)
    filtering = JsonNested(CampaignFiltering, load_default=dict)


class CampaignUpdateBase(RequestSchema):
    """The fields of `campaign/update/` with rules of their own (Smart+ shares them)."""

    advertiser_id = Id(required=True)
    campaign_id = Id(required=True)
    campaign_name = fields.String(load_default=None, allow_none=False, validate=_NAME)
    budget_mode = fields.Enum(BudgetMode, load_default=None, allow_none=False)
    budget = _BUDGET


CampaignUpdateRequest = update_schema(
    CampaignUpdateBase,
    CAMPAIGN_CREATE,
    CAMPAIGN_UPDATE,
    name="CampaignUpdateRequest",
    doc="Body of `campaign/update/`: create-only fields are refused, unknown ones ignored.",
)


class CampaignStatusUpdateRequest(RequestSchema):
    """Body of `campaign/status/update/`."""

    advertiser_id = Id(required=True)
    campaign_ids = id_list(required=True)
    operation_status = _STATUS


class AdgroupFiltering(RequestSchema):
    """`filtering` of `adgroup/get/`."""

    campaign_ids = id_list(load_default=list)
    adgroup_ids = id_list(load_default=list)
    adgroup_name = fields.String(load_default=None, allow_none=False)
    primary_status = _PRIMARY_STATUS


_TIME = validate.Regexp(TIME_PATTERN)


def _one_of(values: tuple[str, ...], default: str) -> fields.String:
    return fields.String(load_default=default, validate=validate.OneOf(values))


class AdgroupCreateBase(RequestSchema):
    """The fields of `adgroup/create/` with rules (and columns) of their own (Smart+ shares
    them)."""

    advertiser_id = Id(required=True)
    campaign_id = Id(required=True)
    adgroup_name = fields.String(required=True, validate=_NAME)
    placement_type = _one_of(
        ("PLACEMENT_TYPE_AUTOMATIC", "PLACEMENT_TYPE_NORMAL"), "PLACEMENT_TYPE_AUTOMATIC"
    )
    placements = List(
        fields.String(validate=validate.OneOf(PLACEMENTS)),
        load_default=list,
        validate=validate.Length(max=len(PLACEMENTS)),
    )
    location_ids = List(Id(), required=True, validate=validate.Length(min=1, max=3000))
    budget_mode = fields.Enum(BudgetMode, load_default=BudgetMode.BUDGET_MODE_INFINITE)
    budget = _BUDGET
    schedule_type = _one_of(("SCHEDULE_START_END", "SCHEDULE_FROM_NOW"), "SCHEDULE_FROM_NOW")
    schedule_start_time = fields.String(required=True, validate=_TIME)
    schedule_end_time = fields.String(load_default=None, allow_none=False, validate=_TIME)
    optimization_goal = fields.String(required=True, validate=validate.OneOf(OPTIMIZATION_GOALS))
    billing_event = fields.String(required=True, validate=validate.OneOf(BILLING_EVENTS))
    bid_type = _one_of(BID_TYPES, "BID_TYPE_NO_BID")
    bid_price = _BUDGET
    promotion_type = _one_of(PROMOTION_TYPES, "WEBSITE")
    operation_status = _ENABLED


AdgroupCreateRequest = with_catalogue(
    AdgroupCreateBase,
    ADGROUP_CREATE,
    name="AdgroupCreateRequest",
    doc="Body of `adgroup/create/`.",
)


class AdgroupGetRequest(paginated(default_size=10, max_size=1000)):
    """Query of `adgroup/get/`."""

    advertiser_id = Id(required=True)
    fields = field_names(ADGROUP_FIELDS)
    filtering = JsonNested(AdgroupFiltering, load_default=dict)


class AdgroupUpdateBase(RequestSchema):
    """The fields of `adgroup/update/` with rules (and columns) of their own (Smart+ shares
    them)."""

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
    bid_type = fields.String(
        load_default=None, allow_none=False, validate=validate.OneOf(BID_TYPES)
    )
    bid_price = _BUDGET
    location_ids = List(
        Id(), load_default=None, allow_none=False, validate=validate.Length(min=1, max=3000)
    )


AdgroupUpdateRequest = update_schema(
    AdgroupUpdateBase,
    ADGROUP_CREATE,
    ADGROUP_UPDATE,
    name="AdgroupUpdateRequest",
    doc="Body of `adgroup/update/`: create-only fields are refused, unknown ones ignored.",
)


class AdgroupStatusUpdateRequest(RequestSchema):
    """Body of `adgroup/status/update/`."""

    advertiser_id = Id(required=True)
    adgroup_ids = id_list(required=True)
    operation_status = _STATUS


def campaign_data(campaign: Campaign, specs: Sequence[FieldSpec] = CAMPAIGN_GET) -> dict[str, Any]:
    """A campaign with every field its read (`specs`: `campaign/get/`'s, or Smart+'s) can
    return, in the catalogue's order."""
    status = campaign_secondary_status(campaign)
    own: dict[str, Any] = {
        "advertiser_id": campaign.advertiser_id,
        "campaign_id": campaign.campaign_id,
        "campaign_name": campaign.campaign_name,
        "objective_type": campaign.objective_type.value,
        "budget": campaign.budget,
        "budget_mode": campaign.budget_mode.value,
        "operation_status": campaign.operation_status.value,
        "secondary_status": status,
        "status": status,
        "objective": "LANDING_PAGE",
        "is_new_structure": True,
        "is_smart_performance_campaign": campaign.is_smart_plus,
        "split_test_variable": None,
        "create_time": time_text(campaign.create_time),
        "modify_time": time_text(campaign.modify_time),
    }
    settings = campaign.settings
    return {
        spec.name: own[spec.name]
        if spec.name in own
        else thaw(settings.get(spec.name, spec.default))
        for spec in specs
    }


def adgroup_data(view: AdGroupView, specs: Sequence[FieldSpec] = ADGROUP_GET) -> dict[str, Any]:
    """An ad group with every field its read (`specs`: `adgroup/get/`'s, or Smart+'s) can
    return, in the catalogue's order (schedule in the account's time zone).

    A Smart+ ad group's `targeting_spec` shows its locations, and the manual read's targeting
    fields show `targeting_spec`'s members of the same name."""
    adgroup, campaign, timezone, now = view
    settings = adgroup.settings
    if any(spec.name == "targeting_spec" for spec in specs):
        targeting = thaw(settings.get("targeting_spec")) or {}
        targeting["location_ids"] = list(adgroup.location_ids)
        settings = settings.updated({**targeting, "targeting_spec": targeting})
    own: dict[str, Any] = {
        "advertiser_id": adgroup.advertiser_id,
        "campaign_id": adgroup.campaign_id,
        "campaign_name": campaign.campaign_name,
        "adgroup_id": adgroup.adgroup_id,
        "adgroup_name": adgroup.adgroup_name,
        "placement_type": adgroup.placement_type,
        "placements": list(adgroup.placements),
        "location_ids": list(adgroup.location_ids),
        "location": list(adgroup.location_ids),
        "budget_mode": adgroup.budget_mode.value,
        "budget": adgroup.budget,
        "schedule_type": adgroup.schedule_type,
        "schedule_start_time": format_local_time(adgroup.schedule_start_time, timezone),
        "schedule_end_time": format_local_time(shown_end_time(adgroup), timezone),
        "optimization_goal": adgroup.optimization_goal,
        "billing_event": adgroup.billing_event,
        "bid_type": adgroup.bid_type,
        "bid_price": adgroup.bid_price,
        "promotion_type": adgroup.promotion_type,
        "operation_status": adgroup.operation_status.value,
        "is_comment_disable": int(settings.get("comment_disabled", False)),
        "is_new_structure": True,
        "secondary_status": adgroup_secondary_status(adgroup, campaign, now),
        "create_time": time_text(adgroup.create_time),
        "modify_time": time_text(adgroup.modify_time),
    }
    return {
        spec.name: own[spec.name]
        if spec.name in own
        else thaw(settings.get(spec.name, spec.default))
        for spec in specs
    }


def page_data(rows: Page[Any], shape: Any, selected: list[str] | None) -> dict[str, Any]:
    """`{list, page_info}` of a `*/get/` call, each row cut to the `fields` asked for."""
    shaped = [shape(row) for row in rows.items]
    if selected:
        shaped = [{name: row[name] for name in selected} for row in shaped]
    return {"list": shaped, "page_info": page_info(rows)}
