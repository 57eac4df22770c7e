"""Campaigns: `campaign/create|get|update|status/update/`."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockads.domain import campaigns as rules
from mockads.domain import errors, ids
from mockads.domain.ads import Ad
from mockads.domain.campaign_fields import check_campaign_fields, check_field_changes
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.catalogue import FieldValues
from mockads.domain.enums import BudgetMode, ObjectiveType, OperationStatus
from mockads.services.access import Caller, authenticate
from mockads.services.lifecycle import set_operation_status
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store

__all__ = [
    "campaign_create",
    "campaign_get",
    "campaign_status_update",
    "campaign_update",
    "find_campaign",
]

_RNG = random.SystemRandom()


def find_campaign(
    caller: Caller, advertiser_id: str, campaign_id: str, smart_plus: bool | None = None
) -> Campaign:
    """One of the advertiser's campaigns (40700 when unknown, another advertiser's, or of the
    other flavour: manual calls see manual campaigns, `smart_plus/` calls Smart+ ones)."""
    campaign = caller.world.get(Campaign, campaign_id)
    if (
        campaign is None
        or campaign.advertiser_id != advertiser_id
        or (smart_plus is not None and campaign.is_smart_plus != smart_plus)
    ):
        raise errors.NotFound("campaign", campaign_id)
    return campaign


def _live_names(caller: Caller, advertiser_id: str, but: str | None = None) -> list[str]:
    return [
        c.campaign_name
        for c in caller.world.owned(Campaign, advertiser_id)
        if c.operation_status is not OperationStatus.DELETE and c.campaign_id != but
    ]


def campaign_create(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    campaign_name: str,
    objective_type: ObjectiveType,
    budget_mode: BudgetMode = BudgetMode.BUDGET_MODE_INFINITE,
    budget: float | None = None,
    operation_status: OperationStatus = OperationStatus.ENABLE,
    settings: Mapping[str, Any] | None = None,
    smart_plus: bool = False,
) -> Campaign:
    """A new campaign; names are unique among the advertiser's campaigns not deleted.

    `settings` holds the other catalogue fields that were sent, checked for shape.
    """
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        rules.check_name_free(campaign_name, _live_names(caller, advertiser_id), "campaign_name")
        now = int(caller.now)
        campaign = Campaign(
            campaign_id=ids.new_numeric_id(_RNG),
            advertiser_id=advertiser_id,
            campaign_name=campaign_name,
            objective_type=objective_type,
            budget_mode=budget_mode,
            budget=rules.check_budget(budget_mode, budget),
            operation_status=operation_status,
            is_smart_plus=smart_plus,
            create_time=now,
            modify_time=now,
            settings=FieldValues.of(settings or {}),
        )
        check_campaign_fields(campaign)
        caller.world.add(campaign)
        return campaign


def campaign_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    campaign_ids: Sequence[str] = (),
    campaign_name: str | None = None,
    objective_type: ObjectiveType | None = None,
    primary_status: str = "STATUS_NOT_DELETE",
    page: int = 1,
    page_size: int = 10,
    smart_plus: bool = False,
) -> Page[Campaign]:
    """The advertiser's campaigns, filtered (deleted ones only when asked for), oldest first."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = caller.world.owned(Campaign, advertiser_id)
    wanted = set(campaign_ids)
    found = [
        c
        for c in found
        if c.is_smart_plus == smart_plus
        and (not wanted or c.campaign_id in wanted)
        and (campaign_name is None or campaign_name.lower() in c.campaign_name.lower())
        and (objective_type is None or c.objective_type is objective_type)
        and rules.matches_primary_status(c.operation_status, primary_status)
    ]
    return paginate(found, page, page_size)


def campaign_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    campaign_id: str,
    *,
    campaign_name: str | None = None,
    budget_mode: BudgetMode | None = None,
    budget: float | None = None,
    settings: Mapping[str, Any] | None = None,
    smart_plus: bool = False,
) -> Campaign:
    """Rename a campaign, change its budget or the catalogue fields update may change."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        campaign = find_campaign(caller, advertiser_id, campaign_id, smart_plus)
        rules.check_changeable("campaign", campaign_id, campaign.operation_status)
        if campaign_name is not None:
            taken = _live_names(caller, advertiser_id, but=campaign_id)
            rules.check_name_free(campaign_name, taken, "campaign_name")
            campaign = replace(campaign, campaign_name=campaign_name)
        if budget_mode is not None or budget is not None:
            mode = budget_mode or campaign.budget_mode
            amount = budget if budget is not None else campaign.budget
            checked = rules.check_budget(mode, amount, changing=budget is not None)
            campaign = replace(campaign, budget_mode=mode, budget=checked)
        if settings:
            check_field_changes(settings)
            campaign = replace(campaign, settings=campaign.settings.updated(settings))
        check_campaign_fields(campaign)
        campaign = replace(campaign, modify_time=int(caller.now))
        caller.world.replace(campaign)
        return campaign


def campaign_status_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    campaign_ids: Sequence[str],
    operation_status: OperationStatus,
    smart_plus: bool = False,
) -> list[str]:
    """Enable, disable or delete campaigns (deleting deletes their ad groups and ads too).

    All the ids or none.
    """
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = [
            find_campaign(caller, advertiser_id, i, smart_plus) for i in dict.fromkeys(campaign_ids)
        ]
        now = int(caller.now)
        for campaign in found:
            rules.check_changeable("campaign", campaign.campaign_id, campaign.operation_status)
        world = caller.world
        set_operation_status(world, found, operation_status, now)
        if operation_status is OperationStatus.DELETE:
            deleted = {c.campaign_id for c in found}
            children: list[AdGroup | Ad] = [
                *world.owned(AdGroup, advertiser_id),
                *world.owned(Ad, advertiser_id),
            ]
            kept = [child for child in children if child.campaign_id in deleted]
            set_operation_status(world, kept, OperationStatus.DELETE, now)
        return [c.campaign_id for c in found]
