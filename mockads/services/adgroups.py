"""Ad groups: `adgroup/create|get|update|status/update/`."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockads.domain import campaigns as rules
from mockads.domain import errors, ids
from mockads.domain.adgroup_fields import check_adgroup_changes, check_adgroup_fields
from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.catalogue import FieldValues
from mockads.domain.clock import parse_local_time
from mockads.domain.enums import BudgetMode, IdentityType, OperationStatus
from mockads.domain.model import Identity, account_identity
from mockads.services.access import Caller, authenticate
from mockads.services.business_centers import named_business_center
from mockads.services.campaigns import find_campaign
from mockads.services.lifecycle import set_operation_status
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store
from mockads.services.references import check_asset_references

__all__ = [
    "AdGroupView",
    "adgroup_create",
    "adgroup_get",
    "adgroup_status_update",
    "adgroup_update",
    "find_adgroup",
]

_RNG = random.SystemRandom()

#: An ad group with its campaign, the advertiser's time zone and the sandbox time it was read at.
AdGroupView = tuple[AdGroup, Campaign, str, float]


def find_adgroup(
    caller: Caller, advertiser_id: str, adgroup_id: str, smart_plus: bool | None = None
) -> AdGroup:
    """One of the advertiser's ad groups (40700 when unknown, another advertiser's, or in a
    campaign of the other flavour)."""
    adgroup = caller.world.get(AdGroup, adgroup_id)
    if adgroup is None or adgroup.advertiser_id != advertiser_id:
        raise errors.NotFound("adgroup", adgroup_id)
    if smart_plus is not None:
        campaign = caller.world.get(Campaign, adgroup.campaign_id)
        if campaign is None or campaign.is_smart_plus != smart_plus:
            raise errors.NotFound("adgroup", adgroup_id)
    return adgroup


def _timezone(caller: Caller, advertiser_id: str) -> str:
    return caller.world.advertisers([advertiser_id])[0].timezone


def _local(text: str, timezone: str, field: str) -> int:
    try:
        return parse_local_time(text, timezone)
    except ValueError:
        raise errors.InvalidParameter(field, "expected YYYY-MM-DD HH:MM:SS.") from None


def _live_names(
    caller: Caller, advertiser_id: str, campaign_id: str, but: str | None = None
) -> list[str]:
    """Names of the campaign's ad groups not deleted (but one)."""
    return [
        a.adgroup_name
        for a in caller.world.owned(AdGroup, advertiser_id)
        if a.campaign_id == campaign_id
        and a.adgroup_id != but
        and a.operation_status is not OperationStatus.DELETE
    ]


def _check_identity(caller: Caller, advertiser_id: str, settings: FieldValues) -> None:
    """An ad group's identity, when it names one, is one of the advertiser's, of that type (and
    for BC_AUTH_TT, authorized to the Business Center named, which owns the advertiser)."""
    identity_id = settings.get("identity_id")
    if identity_id is None:
        return
    bc_id = settings.get("identity_authorized_bc_id")
    account_identity(
        caller.world.get(Identity, identity_id, advertiser_id),
        IdentityType(settings.get("identity_type")),
        identity_id,
        bc_id,
        named_business_center(caller.world, bc_id),
    )


def _checked(caller: Caller, adgroup: AdGroup, campaign: Campaign) -> AdGroup:
    check_adgroup_fields(adgroup, campaign)
    _check_identity(caller, adgroup.advertiser_id, adgroup.settings)
    check_asset_references(caller.world, adgroup.advertiser_id, adgroup.settings.as_dict())
    return adgroup


def adgroup_create(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    campaign_id: str,
    adgroup_name: str,
    location_ids: Sequence[str],
    schedule_start_time: str,
    optimization_goal: str,
    billing_event: str,
    placement_type: str = "PLACEMENT_TYPE_AUTOMATIC",
    placements: Sequence[str] = (),
    budget_mode: BudgetMode = BudgetMode.BUDGET_MODE_INFINITE,
    budget: float | None = None,
    schedule_type: str = "SCHEDULE_FROM_NOW",
    schedule_end_time: str | None = None,
    bid_type: str = "BID_TYPE_NO_BID",
    bid_price: float | None = None,
    promotion_type: str = "WEBSITE",
    operation_status: OperationStatus = OperationStatus.ENABLE,
    settings: Mapping[str, Any] | None = None,
    smart_plus: bool = False,
) -> AdGroupView:
    """A new ad group in a campaign that is not deleted.

    `settings` holds the other catalogue fields that were sent, checked for shape; the
    documented rules between fields (`domain/adgroup_fields.py`) hold for the whole ad group.
    """
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        campaign = find_campaign(caller, advertiser_id, campaign_id, smart_plus)
        rules.check_changeable("campaign", campaign_id, campaign.operation_status)
        taken = _live_names(caller, advertiser_id, campaign_id)
        rules.check_name_free(adgroup_name, taken, "adgroup_name")
        timezone = _timezone(caller, advertiser_id)
        now = int(caller.now)
        adgroup = AdGroup(
            adgroup_id=ids.new_numeric_id(_RNG),
            advertiser_id=advertiser_id,
            campaign_id=campaign_id,
            adgroup_name=adgroup_name,
            placement_type=placement_type,
            placements=tuple(placements),
            location_ids=tuple(location_ids),
            budget_mode=budget_mode,
            budget=rules.check_budget(budget_mode, budget),
            schedule_type=schedule_type,
            schedule_start_time=_local(schedule_start_time, timezone, "schedule_start_time"),
            schedule_end_time=(
                _local(schedule_end_time, timezone, "schedule_end_time")
                if schedule_end_time is not None
                else None
            ),
            optimization_goal=optimization_goal,
            billing_event=billing_event,
            bid_type=bid_type,
            bid_price=float(bid_price or 0),
            promotion_type=promotion_type,
            operation_status=operation_status,
            create_time=now,
            modify_time=now,
            settings=FieldValues.of(settings or {}),
        )
        caller.world.add(_checked(caller, adgroup, campaign))
        return adgroup, campaign, timezone, caller.now


def adgroup_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    campaign_ids: Sequence[str] = (),
    adgroup_ids: Sequence[str] = (),
    adgroup_name: str | None = None,
    primary_status: str = "STATUS_NOT_DELETE",
    page: int = 1,
    page_size: int = 10,
    smart_plus: bool = False,
) -> Page[AdGroupView]:
    """The advertiser's ad groups, filtered (deleted ones only when asked for), oldest first."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        groups = caller.world.owned(AdGroup, advertiser_id)
        by_id = {c.campaign_id: c for c in caller.world.owned(Campaign, advertiser_id)}
        timezone = _timezone(caller, advertiser_id)
    campaign_set, adgroup_set = set(campaign_ids), set(adgroup_ids)
    found = [
        (g, by_id[g.campaign_id], timezone, caller.now)
        for g in groups
        if by_id[g.campaign_id].is_smart_plus == smart_plus
        and (not campaign_set or g.campaign_id in campaign_set)
        and (not adgroup_set or g.adgroup_id in adgroup_set)
        and (adgroup_name is None or adgroup_name.lower() in g.adgroup_name.lower())
        and rules.matches_primary_status(g.operation_status, primary_status)
    ]
    return paginate(found, page, page_size)


def adgroup_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    adgroup_id: str,
    *,
    adgroup_name: str | None = None,
    budget: float | None = None,
    schedule_type: str | None = None,
    schedule_start_time: str | None = None,
    schedule_end_time: str | None = None,
    bid_type: str | None = None,
    bid_price: float | None = None,
    location_ids: Sequence[str] | None = None,
    settings: Mapping[str, Any] | None = None,
    smart_plus: bool = False,
) -> AdGroupView:
    """Change what update may change; the whole ad group is held to the rules again.

    An end time sent alone moves a SCHEDULE_FROM_NOW ad group to SCHEDULE_START_END.
    """
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        adgroup = find_adgroup(caller, advertiser_id, adgroup_id, smart_plus)
        rules.check_changeable("adgroup", adgroup_id, adgroup.operation_status)
        campaign = find_campaign(caller, advertiser_id, adgroup.campaign_id)
        timezone = _timezone(caller, advertiser_id)
        changes: dict[str, Any] = {}
        if adgroup_name is not None:
            taken = _live_names(caller, advertiser_id, adgroup.campaign_id, adgroup_id)
            rules.check_name_free(adgroup_name, taken, "adgroup_name")
            changes["adgroup_name"] = adgroup_name
        if budget is not None:
            changes["budget"] = rules.check_budget(adgroup.budget_mode, budget, changing=True)
        if schedule_start_time is not None:
            start = _local(schedule_start_time, timezone, "schedule_start_time")
            changes["schedule_start_time"] = start
        if schedule_end_time is not None:
            changes["schedule_end_time"] = _local(schedule_end_time, timezone, "schedule_end_time")
            changes["schedule_type"] = "SCHEDULE_START_END"
        if schedule_type is not None:
            changes["schedule_type"] = schedule_type
            if schedule_type == "SCHEDULE_FROM_NOW":
                changes["schedule_end_time"] = None
        kept = adgroup.settings
        if bid_type is not None:
            changes["bid_type"] = bid_type
            if bid_type != "BID_TYPE_CUSTOM":  # a bid goes with the custom bid it belonged to
                changes["bid_price"] = 0.0
                kept = kept.without("conversion_bid_price")
        if bid_price is not None:
            changes["bid_price"] = float(bid_price)
        if location_ids is not None:
            changes["location_ids"] = tuple(location_ids)
        if settings:
            check_adgroup_changes(adgroup, settings)
        changes["settings"] = kept.updated(settings or {})
        adgroup = replace(adgroup, **changes, modify_time=int(caller.now))
        caller.world.replace(_checked(caller, adgroup, campaign))
        return adgroup, campaign, timezone, caller.now


def adgroup_status_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    adgroup_ids: Sequence[str],
    operation_status: OperationStatus,
    smart_plus: bool = False,
) -> list[str]:
    """Enable, disable or delete ad groups (deleting deletes their ads); all or none."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = [
            find_adgroup(caller, advertiser_id, i, smart_plus) for i in dict.fromkeys(adgroup_ids)
        ]
        for adgroup in found:
            rules.check_changeable("adgroup", adgroup.adgroup_id, adgroup.operation_status)
        now = int(caller.now)
        set_operation_status(caller.world, found, operation_status, now)
        if operation_status is OperationStatus.DELETE:
            deleted = {a.adgroup_id for a in found}
            ads = [ad for ad in caller.world.owned(Ad, advertiser_id) if ad.adgroup_id in deleted]
            set_operation_status(caller.world, ads, OperationStatus.DELETE, now)
        return [a.adgroup_id for a in found]
