"""What `report/integrated/get/` may be asked: the rules of its parameters (40002 otherwise)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mockads.domain import errors
from mockads.domain.enums import OperationStatus
from mockads.domain.report_metrics import METRICS

__all__ = [
    "AUDIENCE_DIMENSIONS",
    "DATA_LEVELS",
    "MAX_DAILY_DAYS",
    "REPORT_TYPES",
    "TIME_DIMENSIONS",
    "ReportQuery",
    "check_report_query",
]

#: Each data level's id dimension.
DATA_LEVELS = {
    "AUCTION_ADVERTISER": "advertiser_id",
    "AUCTION_CAMPAIGN": "campaign_id",
    "AUCTION_ADGROUP": "adgroup_id",
    "AUCTION_AD": "ad_id",
}
TIME_DIMENSIONS = ("stat_time_day", "stat_time_hour")
AUDIENCE_DIMENSIONS = ("age", "gender", "country_code", "platform", "province_id")
REPORT_TYPES = ("BASIC", "AUDIENCE")
MAX_DAILY_DAYS = 30
_ID_FILTERS = {"campaign_ids": "campaign_id", "adgroup_ids": "adgroup_id", "ad_ids": "ad_id"}
_STATUS_FILTERS = {
    "campaign_status": "campaign",
    "adgroup_status": "adgroup",
    "ad_status": "ad",
    "primary_status": None,
}
_STATUSES = {
    "STATUS_ALL": frozenset(OperationStatus),
    "STATUS_NOT_DELETE": frozenset({OperationStatus.ENABLE, OperationStatus.DISABLE}),
    "STATUS_DELETE": frozenset({OperationStatus.DELETE}),
    "STATUS_ENABLE": frozenset({OperationStatus.ENABLE}),
    "STATUS_DISABLE": frozenset({OperationStatus.DISABLE}),
}
_LEVEL_OBJECT = {
    "AUCTION_ADVERTISER": None,
    "AUCTION_CAMPAIGN": "campaign",
    "AUCTION_ADGROUP": "adgroup",
    "AUCTION_AD": "ad",
}


@dataclass(frozen=True, slots=True)
class ReportQuery:
    """A checked report request (paging aside): what rows, which columns, in what order."""

    data_level: str
    report_type: str
    dimensions: tuple[str, ...]
    metrics: tuple[str, ...]
    lifetime: bool
    first_day: int | None
    last_day: int | None
    #: Ids the rows' objects must have, per id dimension (`campaign_id`...).
    id_filters: tuple[tuple[str, frozenset[str]], ...]
    #: Operation statuses allowed, per object (`campaign`, `adgroup`, `ad`).
    status_filters: tuple[tuple[str, frozenset[OperationStatus]], ...]
    order_field: str | None
    descending: bool

    @property
    def id_dimension(self) -> str | None:
        """The level's id dimension, when the rows are split by object."""
        wanted = DATA_LEVELS[self.data_level]
        return wanted if wanted in self.dimensions else None

    @property
    def time_dimension(self) -> str | None:
        """`stat_time_day`, `stat_time_hour` or None."""
        return next((d for d in self.dimensions if d in TIME_DIMENSIONS), None)

    @property
    def audience(self) -> tuple[str, ...]:
        """The audience dimensions, in the order asked."""
        return tuple(d for d in self.dimensions if d in AUDIENCE_DIMENSIONS)


def _day_number(day: date) -> int:
    return day.toordinal() - date(1970, 1, 1).toordinal()


def check_report_query(
    *,
    data_level: str,
    report_type: str,
    dimensions: Sequence[str],
    metrics: Sequence[str] | None,
    query_lifetime: bool,
    start_date: date | None,
    end_date: date | None,
    filtering: Any,
    order_field: str | None,
    order_type: str,
) -> ReportQuery:
    """The request as a ReportQuery, or InvalidParameter naming what is wrong."""
    _check_dimensions(data_level, report_type, dimensions)
    names = ("spend", "impressions", "clicks") if metrics is None else tuple(dict.fromkeys(metrics))
    unknown = [name for name in names if name not in METRICS]
    if unknown:
        raise errors.InvalidParameter("metrics", f"unknown metric {unknown[0]!r}.")
    time_dimension = next((d for d in dimensions if d in TIME_DIMENSIONS), None)
    first_day, last_day = _check_dates(query_lifetime, time_dimension, start_date, end_date)
    id_filters, status_filters = _check_filtering(data_level, filtering)
    if order_field is not None and order_field not in names and order_field not in dimensions:
        raise errors.InvalidParameter(
            "order_field", f"{order_field!r} is neither a requested metric nor a dimension."
        )
    return ReportQuery(
        data_level=data_level,
        report_type=report_type,
        dimensions=tuple(dimensions),
        metrics=names,
        lifetime=query_lifetime,
        first_day=first_day,
        last_day=last_day,
        id_filters=id_filters,
        status_filters=status_filters,
        order_field=order_field,
        descending=order_type == "DESC",
    )


def _check_dimensions(data_level: str, report_type: str, dimensions: Sequence[str]) -> None:
    if not dimensions:
        raise errors.InvalidParameter("dimensions", "give at least one dimension.")
    if len(set(dimensions)) != len(dimensions):
        raise errors.InvalidParameter("dimensions", "a dimension is given twice.")
    allowed = {DATA_LEVELS[data_level], *TIME_DIMENSIONS}
    if report_type == "AUDIENCE":
        allowed |= set(AUDIENCE_DIMENSIONS)
    for name in dimensions:
        if name not in allowed:
            raise errors.InvalidParameter(
                "dimensions",
                f"{name!r} is not a dimension of a {report_type} report at {data_level}.",
            )
    if sum(d in TIME_DIMENSIONS for d in dimensions) > 1:
        raise errors.InvalidParameter("dimensions", "give at most one time dimension.")
    if report_type == "AUDIENCE" and not any(d in AUDIENCE_DIMENSIONS for d in dimensions):
        raise errors.InvalidParameter(
            "dimensions", f"an AUDIENCE report needs one of {', '.join(AUDIENCE_DIMENSIONS)}."
        )


def _check_dates(
    lifetime: bool, time_dimension: str | None, start: date | None, end: date | None
) -> tuple[int | None, int | None]:
    if lifetime:
        if time_dimension is not None:
            raise errors.InvalidParameter(
                "dimensions", f"{time_dimension} cannot be used with query_lifetime."
            )
        return None, None
    if start is None:
        raise errors.InvalidParameter("start_date", "required unless query_lifetime is true.")
    if end is None:
        raise errors.InvalidParameter("end_date", "required unless query_lifetime is true.")
    if end < start:
        raise errors.InvalidParameter("end_date", "must not be before start_date.")
    days = (end - start).days + 1
    if time_dimension == "stat_time_hour" and days > 1:
        raise errors.InvalidParameter(
            "end_date", "an hourly report (stat_time_hour) covers one day: end_date = start_date."
        )
    if days > MAX_DAILY_DAYS and time_dimension == "stat_time_day":
        raise errors.InvalidParameter(
            "end_date",
            f"a daily report covers at most {MAX_DAILY_DAYS} days; {start} to {end} is {days}.",
        )
    return _day_number(start), _day_number(end)


def _check_filtering(
    data_level: str, filtering: Any
) -> tuple[
    tuple[tuple[str, frozenset[str]], ...], tuple[tuple[str, frozenset[OperationStatus]], ...]
]:
    """Filters as `[{field_name, filter_type, filter_value}]` or `{campaign_ids: [...], ...}`."""
    pairs = _filter_pairs(filtering)
    ids: dict[str, frozenset[str]] = {}
    statuses: dict[str, frozenset[OperationStatus]] = {}
    level_object = _LEVEL_OBJECT[data_level]
    for name, value in pairs:
        where = f"filtering.{name}"
        if name in _ID_FILTERS:
            values = _string_list(where, value)
            if not all(v.isascii() and v.isdigit() for v in values):
                raise errors.InvalidParameter(where, "ids are strings of digits.")
            ids[_ID_FILTERS[name]] = frozenset(values)
        elif name in _STATUS_FILTERS:
            values = _string_list(where, value) if not isinstance(value, str) else [value]
            unknown = [v for v in values if v not in _STATUSES]
            if unknown or not values:
                raise errors.InvalidParameter(
                    where, f"must be one of {', '.join(_STATUSES)}; got {unknown[:1] or values}."
                )
            owner = _STATUS_FILTERS[name] or level_object
            if owner is not None:
                allowed = frozenset().union(*(_STATUSES[v] for v in values))
                statuses[owner] = allowed
        else:
            raise errors.InvalidParameter("filtering", f"unknown filter field {name!r}.")
    if level_object is not None:
        statuses.setdefault(level_object, _STATUSES["STATUS_NOT_DELETE"])
    return tuple(sorted(ids.items())), tuple(sorted(statuses.items()))


def _filter_pairs(filtering: Any) -> list[tuple[str, Any]]:
    if filtering is None:
        return []
    if isinstance(filtering, Mapping):
        return list(filtering.items())
    if not isinstance(filtering, list):
        raise errors.InvalidParameter("filtering", "must be a list of filters or an object.")
    pairs = []
    for item in filtering:
        if not isinstance(item, Mapping) or not isinstance(item.get("field_name"), str):
            raise errors.InvalidParameter(
                "filtering", "each filter is {field_name, filter_type, filter_value}."
            )
        kind = item.get("filter_type", "IN")
        if kind not in ("IN", "EQUALS"):
            raise errors.InvalidParameter("filtering.filter_type", f"{kind!r} is not IN or EQUALS.")
        value = item.get("filter_value")
        if isinstance(value, str) and value.startswith("["):
            try:
                value = json.loads(value)
            except ValueError:
                raise errors.InvalidParameter(
                    "filtering.filter_value", "not a valid JSON list."
                ) from None
        pairs.append((item["field_name"], value))
    return pairs


def _string_list(where: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise errors.InvalidParameter(where, "must be a list of strings.")
    if len(value) > 1_000:
        raise errors.InvalidParameter(where, "at most 1000 values.")
    return [str(v) for v in value]
