"""Ad groups: `adgroup/create|get|update|status/update/`."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from mockads.domain import campaigns as rules
from mockads.domain import errors, ids
from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.clock import parse_local_time
from mockads.domain.enums import BudgetMode, OperationStatus
from mockads.services.access import Caller, authenticate
from mockads.services.campaigns import find_campaign
from mockads.services.lifecycle import set_operation_status
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store

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


def _view(caller: Caller, advertiser_id: str, adgroup: AdGroup) -> AdGroupView:
    campaign = find_campaign(caller, advertiser_id, adgroup.campaign_id)
    return adgroup, campaign, _timezone(caller, advertiser_id), caller.now


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
    smart_plus: bool = False,
) -> AdGroupView:
    """A new ad group in a campaign that is not deleted."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        campaign = find_campaign(caller, advertiser_id, campaign_id, smart_plus)
        rules.check_changeable("campaign", campaign_id, campaign.operation_status)
        taken = [
            a.adgroup_name
            for a in caller.world.owned(AdGroup, advertiser_id)
            if a.campaign_id == campaign_id and a.operation_status is not OperationStatus.DELETE
        ]
        rules.check_name_free(adgroup_name, taken, "adgroup_name")
        timezone = _timezone(caller, advertiser_id)
        start = _local(schedule_start_time, timezone, "schedule_start_time")
        end = (
            _local(schedule_end_time, timezone, "schedule_end_time") if schedule_end_time else None
        )
        rules.check_schedule(schedule_type, start, end)
        now = int(caller.now)
        adgroup = AdGroup(
            adgroup_id=ids.new_numeric_id(_RNG),
            advertiser_id=advertiser_id,
            campaign_id=campaign_id,
            adgroup_name=adgroup_name,
            placement_type=placement_type,
            placements=rules.check_placements(placement_type, placements),
            location_ids=tuple(location_ids),
            budget_mode=budget_mode,
            budget=rules.check_budget(budget_mode, budget),
            schedule_type=schedule_type,
            schedule_start_time=start,
            schedule_end_time=end if schedule_type == "SCHEDULE_START_END" else None,
            optimization_goal=optimization_goal,
            billing_event=billing_event,
            bid_type=bid_type,
            bid_price=rules.check_bidding(bid_type, bid_price),
            promotion_type=promotion_type,
            operation_status=operation_status,
            create_time=now,
            modify_time=now,
        )
        caller.world.add(adgroup)
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
    schedule_end_time: str | None = None,
    bid_price: float | None = None,
    location_ids: Sequence[str] | None = None,
    smart_plus: bool = False,
) -> AdGroupView:
    """Change an ad group's name, budget, end of schedule, bid or locations."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        adgroup = find_adgroup(caller, advertiser_id, adgroup_id, smart_plus)
        rules.check_changeable("adgroup", adgroup_id, adgroup.operation_status)
        if adgroup_name is not None:
            taken = [
                a.adgroup_name
                for a in caller.world.owned(AdGroup, advertiser_id)
                if a.campaign_id == adgroup.campaign_id
                and a.adgroup_id != adgroup_id
                and a.operation_status is not OperationStatus.DELETE
            ]
            rules.check_name_free(adgroup_name, taken, "adgroup_name")
            adgroup = replace(adgroup, adgroup_name=adgroup_name)
        if budget is not None:
            checked = rules.check_budget(adgroup.budget_mode, budget, changing=True)
            adgroup = replace(adgroup, budget=checked)
        if schedule_end_time is not None:
            end = _local(schedule_end_time, _timezone(caller, advertiser_id), "schedule_end_time")
            rules.check_schedule("SCHEDULE_START_END", adgroup.schedule_start_time, end)
            adgroup = replace(adgroup, schedule_type="SCHEDULE_START_END", schedule_end_time=end)
        if bid_price is not None:
            checked = rules.check_bidding(adgroup.bid_type, bid_price, changing=True)
            adgroup = replace(adgroup, bid_price=checked)
        if location_ids is not None:
            adgroup = replace(adgroup, location_ids=tuple(location_ids))
        adgroup = replace(adgroup, modify_time=int(caller.now))
        caller.world.replace(adgroup)
        return _view(caller, advertiser_id, adgroup)


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
