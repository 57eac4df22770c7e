"""Campaigns and ad groups (manual/search and Smart+)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

from mockads.domain import errors
from mockads.domain.catalogue.fields import FieldValues
from mockads.domain.enums import (
    BudgetMode,
    ObjectiveType,
    OperationStatus,
)
from mockads.domain.model import Timed

__all__ = [
    "FROM_NOW_YEARS",
    "MIN_BUDGET",
    "PRIMARY_STATUSES",
    "AdGroup",
    "Campaign",
    "adgroup_secondary_status",
    "campaign_secondary_status",
    "check_budget",
    "check_changeable",
    "check_name_free",
    "matches_primary_status",
    "shown_end_time",
    "statuses_for",
]

#: Values of `filtering.primary_status`; by default, everything but deleted objects.
PRIMARY_STATUSES = (
    "STATUS_NOT_DELETE",
    "STATUS_ALL",
    "STATUS_DELETE",
    "STATUS_ENABLE",
    "STATUS_DISABLE",
)


@dataclass(frozen=True, slots=True)
class Campaign(Timed):
    """A campaign (manual/search, or Smart+)."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time", "modify_time")

    campaign_id: str
    advertiser_id: str
    campaign_name: str
    objective_type: ObjectiveType
    budget_mode: BudgetMode
    budget: float
    operation_status: OperationStatus
    is_smart_plus: bool
    create_time: int
    modify_time: int
    #: Every other field of the catalogue (`domain.catalogue.campaign`) that was sent.
    settings: FieldValues = field(default_factory=FieldValues)


@dataclass(frozen=True, slots=True)
class AdGroup(Timed):
    """An ad group: placements, targeting, budget and schedule."""

    time_fields: ClassVar[tuple[str, ...]] = (
        "schedule_start_time",
        "schedule_end_time",
        "create_time",
        "modify_time",
    )

    adgroup_id: str
    advertiser_id: str
    campaign_id: str
    adgroup_name: str
    placement_type: str
    placements: tuple[str, ...]
    location_ids: tuple[str, ...]
    budget_mode: BudgetMode
    budget: float
    schedule_type: str
    schedule_start_time: int
    schedule_end_time: int | None
    optimization_goal: str
    billing_event: str
    bid_type: str
    bid_price: float
    promotion_type: str
    operation_status: OperationStatus
    create_time: int
    modify_time: int
    #: Every other field of the catalogue (`domain.catalogue.adgroup`) that was sent.
    settings: FieldValues = field(default_factory=FieldValues)


#: How long a SCHEDULE_FROM_NOW ad group runs, as reads show it.
FROM_NOW_YEARS = 10
#: The smallest daily or lifetime budget the mirror accepts, in the account's currency.
MIN_BUDGET = 50.0


def check_budget(
    budget_mode: BudgetMode, budget: float | None, field: str = "budget", *, changing: bool = False
) -> float:
    """The budget to store: 0 for an unlimited budget, at least MIN_BUDGET otherwise.

    A budget sent to change an unlimited one is refused rather than silently dropped.
    """
    if budget_mode is BudgetMode.BUDGET_MODE_INFINITE:
        if changing and budget is not None:
            raise errors.InvalidParameter(
                field, "the budget_mode is BUDGET_MODE_INFINITE; change budget_mode with it."
            )
        return 0.0
    if budget is None:
        raise errors.InvalidParameter(field, f"required when budget_mode is {budget_mode.value}.")
    if budget < MIN_BUDGET:
        raise errors.InvalidParameter(field, f"must be at least {MIN_BUDGET:g}.")
    return float(budget)


def check_name_free(name: str, taken: Iterable[str], field: str) -> None:
    """Names are unique among an advertiser's objects that are not deleted."""
    if name in set(taken):
        raise errors.InvalidParameter(field, f"{name!r} is already used by another one.")


def check_changeable(kind: str, key: str, status: OperationStatus) -> None:
    """Deleting is permanent: a deleted object cannot be changed or re-enabled (40700)."""
    if status is OperationStatus.DELETE:
        raise errors.NotFound(kind, key)


def shown_end_time(adgroup: AdGroup) -> int:
    """The end a read shows: the one set, or 10 years after the start (SCHEDULE_FROM_NOW)."""
    if adgroup.schedule_end_time is not None:
        return adgroup.schedule_end_time
    start = datetime.fromtimestamp(adgroup.schedule_start_time, UTC)
    try:
        end = start.replace(year=start.year + FROM_NOW_YEARS)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + FROM_NOW_YEARS, day=28)
    return int(end.timestamp())


def campaign_secondary_status(campaign: Campaign) -> str:
    """`secondary_status` of a campaign."""
    return f"CAMPAIGN_STATUS_{campaign.operation_status.value}"


def adgroup_secondary_status(adgroup: AdGroup, campaign: Campaign, now: float) -> str:
    """`secondary_status` of an ad group: its own state, its campaign's, then its schedule."""
    if adgroup.operation_status is OperationStatus.DELETE:
        return "ADGROUP_STATUS_DELETE"
    if campaign.operation_status is not OperationStatus.ENABLE:
        return "ADGROUP_STATUS_CAMPAIGN_DISABLE"
    if adgroup.operation_status is OperationStatus.DISABLE:
        return "ADGROUP_STATUS_DISABLE"
    if now < adgroup.schedule_start_time:
        return "ADGROUP_STATUS_NOT_START"
    if adgroup.schedule_end_time is not None and now >= adgroup.schedule_end_time:
        return "ADGROUP_STATUS_TIME_DONE"
    return "ADGROUP_STATUS_DELIVERY_OK"


def statuses_for(primary_status: str) -> frozenset[OperationStatus]:
    """The operation statuses a `filtering.primary_status` lets through."""
    if primary_status == "STATUS_ALL":
        return frozenset(OperationStatus)
    if primary_status == "STATUS_NOT_DELETE":
        return frozenset(OperationStatus) - {OperationStatus.DELETE}
    return frozenset({OperationStatus(primary_status.removeprefix("STATUS_"))})


def matches_primary_status(status: OperationStatus, primary_status: str) -> bool:
    """Whether an object's operation status passes a `filtering.primary_status`."""
    return status in statuses_for(primary_status)
