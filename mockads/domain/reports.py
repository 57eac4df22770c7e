"""Integrated reports: the row set of a query and each row's numbers, from the delivery model.

A report is built in two steps. The **row set** (which keys exist, in order) comes from the
ads' delivery spans alone (a day is a row when any span covers an hour of it), without drawing
a number: for a report split by object then time it is an index (each object's days or hours,
with running counts), so page k is found by bisection and only its rows are computed. Other
orders materialise the keys once.

Each **row** sums, over its ads and hours, the delivery model's integer counts: whole days as
drawn, runs of hours by the fixed hour shares, audience buckets by nested cumulative shares of
each hour. Everything adds exactly, so a campaign's row is the sum of its ads', audience rows
sum to the basic row, hours to their day and days to the lifetime.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import product
from operator import attrgetter
from typing import Any

from mockads.domain.delivery import (
    COUNTS,
    DAY_HOURS,
    HOUR,
    SPEND,
    BudgetShares,
    DeliveryFacts,
    Spans,
    day_totals,
    hours_value,
    spans_of,
)
from mockads.domain.report_metrics import (
    SUM_FIELDS,
    Labels,
    compile_metrics,
    compile_metrics_json,
    fields_read,
    json_text,
)
from mockads.domain.report_query import AUDIENCE_DIMENSIONS, ReportQuery

__all__ = ["AUDIENCE_BUCKETS", "AccountDelivery", "AdLabels", "Report"]

Key = tuple[str, int | None, tuple[int, ...]]
_json = json_text
_N = len(SUM_FIELDS)
_RESULT_OF = {
    "TRAFFIC": COUNTS.index("clicks"),
    "VIDEO_VIEWS": COUNTS.index("video_watched_6s"),
    "REACH": COUNTS.index("reach"),
    "ENGAGEMENT": COUNTS.index("follows"),
}
_CONVERSION = COUNTS.index("conversion")
#: Audience buckets and their shares (country_code is the advertiser's market).
AUDIENCE_BUCKETS: dict[str, tuple[tuple[str, int], ...]] = {
    "age": (
        ("AGE_18_24", 31),
        ("AGE_25_34", 33),
        ("AGE_35_44", 18),
        ("AGE_45_54", 11),
        ("AGE_55_100", 7),
    ),
    "gender": (("FEMALE", 52), ("MALE", 45), ("NONE", 3)),
    "platform": (("ANDROID", 48), ("IPHONE", 46), ("IPAD", 6)),
    "province_id": (("0", 40), ("1", 25), ("2", 20), ("3", 15)),
}


@dataclass(frozen=True, slots=True)
class AdLabels:
    """Names an ad's rows carry as attribute-like metrics."""

    ad_name: str
    ad_text: str
    adgroup_name: str
    placement_type: str
    promotion_type: str
    campaign_name: str
    objective_type: str
    campaign_budget: float
    adgroup_budget: float
    bid_type: str
    bid_price: float
    billing_event: str
    optimization_goal: str
    adgroup_status: str
    call_to_action: str | None
    ad_format: str


def _amount(value: float) -> str:
    """A budget or bid as attribute metrics show it: two decimals."""
    return f"{value:.2f}"


def _cumulative(weights: Sequence[int]) -> tuple[int, ...]:
    return tuple(sum(weights[:i]) for i in range(len(weights) + 1))


def _split(value: int, cumulative: tuple[int, ...], index: int) -> int:
    whole = cumulative[-1]
    return value * cumulative[index + 1] // whole - value * cumulative[index] // whole


class AccountDelivery:
    """An advertiser's ads at one clock reading: facts by ad id, names, spans and budget shares.

    Built once per store generation and clock hour; every report of the account reads it.
    """

    def __init__(
        self,
        facts: Sequence[DeliveryFacts],
        labels: Mapping[str, AdLabels],
        *,
        key: bytes,
        country: str,
        now: float,
    ) -> None:
        self.facts = sorted(facts, key=lambda f: (len(f.ad_id), f.ad_id))
        self.labels = labels
        self.key = key
        self.country = country
        self.now = now
        self.spans = spans_of(self.facts, now)
        self.budget = BudgetShares(self.facts, self.spans)


def _selected(fact: DeliveryFacts, filters: Sequence[tuple[Callable[[Any], Any], Any]]) -> bool:
    """Whether a fact passes every (read, allowed values) filter."""
    for read, allowed in filters:  # noqa: SIM110 (a loop: no generator per fact, on a hot path)
        if read(fact) not in allowed:
            return False
    return True


class Report:
    """One query's rows over one advertiser's ads at one clock reading."""

    def __init__(self, query: ReportQuery, delivery: AccountDelivery) -> None:
        self.query = query
        self._key = delivery.key
        self._labels = delivery.labels
        self._budget = delivery.budget
        self._write_metrics = compile_metrics(query.metrics)
        self._write_json = compile_metrics_json(query.metrics)
        #: Audience rows split only the sums their metrics read (the rest stay 0).
        self._fields_read = fields_read(query.metrics)
        self._buckets = {**AUDIENCE_BUCKETS, "country_code": ((delivery.country, 1),)}
        self._cumulative = {d: _cumulative([w for _, w in b]) for d, b in self._buckets.items()}
        #: How an hour's value is split into a bucket: dimension by dimension in a fixed order
        #: (nested shares), whatever order the query names them in.
        self._split_plan = [
            (self._cumulative[d], query.audience.index(d))
            for d in AUDIENCE_DIMENSIONS
            if d in query.audience
        ]
        now_hour = int(delivery.now // HOUR)
        if query.lifetime or query.first_day is None or query.last_day is None:
            low, high = None, now_hour
        else:
            low = query.first_day * DAY_HOURS
            high = min((query.last_day + 1) * DAY_HOURS, now_hour)
        self._time_dimension = query.time_dimension
        self._filters = [(attrgetter(dimension), ids) for dimension, ids in query.id_filters] + [
            (attrgetter(f"{owner}_status"), allowed) for owner, allowed in query.status_filters
        ]
        self._groups = self._group(delivery.facts, delivery.spans, low, high)
        if query.id_dimension == "ad_id":  # facts come in ad id order (AccountDelivery)
            self._entities = list(self._groups)
        else:
            self._entities = sorted(self._groups, key=lambda e: (len(e), e))
        self._units = [self._units_of(self._groups[e]) for e in self._entities]
        self._combos = list(product(*(range(len(self._buckets[d])) for d in query.audience))) or [
            ()
        ]
        self._keys: list[Key] | None = None
        self._prefix: list[int] = []
        if self._indexed():
            running = 0
            for units in self._units:
                self._prefix.append(running)
                running += len(units)
            self.total = running
        else:
            self._keys = self._sorted_keys()
            self.total = len(self._keys)
        self._all_rows: list[tuple[Key, str, list[int]]] | None = None
        self._ordered: list[tuple[Key, str, list[int]]] | None = None

    # -- the row set ------------------------------------------------------------------------

    def _group(
        self,
        facts: Sequence[DeliveryFacts],
        spans: Sequence[Spans],
        low: int | None,
        high: int,
    ) -> dict[str, list[tuple[DeliveryFacts, int, int]]]:
        """Each entity's pieces: an ad and a run of hours it delivered, inside the dates."""
        entity_of = attrgetter(self.query.id_dimension) if self.query.id_dimension else None
        filters = self._filters
        groups: dict[str, list[tuple[DeliveryFacts, int, int]]] = {}
        for fact, ad_spans in zip(facts, spans, strict=True):
            if not ad_spans or (filters and not _selected(fact, filters)):
                continue
            entity = "" if entity_of is None else entity_of(fact)
            for first, end in ad_spans:
                if low is not None and first < low:
                    first = low
                if end > high:
                    end = high
                if first < end:
                    pieces = groups.get(entity)
                    if pieces is None:
                        groups[entity] = [(fact, first, end)]
                    else:
                        pieces.append((fact, first, end))
        return groups

    def _units_of(self, pieces: list[tuple[DeliveryFacts, int, int]]) -> Sequence[int | None]:
        """The time units (day or hour numbers) where a group delivered, in order."""
        time_dimension = self._time_dimension
        if time_dimension is None:
            return [None]
        size = DAY_HOURS if time_dimension == "stat_time_day" else 1
        if len(pieces) == 1:
            _, first, end = pieces[0]
            return range(first // size, (end - 1) // size + 1)
        covered: set[int] = set()
        for _, first, end in pieces:
            covered.update(range(first // size, (end - 1) // size + 1))
        return sorted(covered)

    def _indexed(self) -> bool:
        """Whether rows go object by object, then by time: an index, not a key list."""
        query = self.query
        if query.audience or query.order_field is not None:
            return False
        dims = query.dimensions
        if query.id_dimension is None or query.time_dimension is None:
            return True
        return dims.index(query.id_dimension) < dims.index(query.time_dimension)

    def _sorted_keys(self) -> list[Key]:
        keys = [
            (entity, unit, combo)
            for entity, units in zip(self._entities, self._units, strict=True)
            for unit in units
            for combo in self._combos
        ]
        audience = self.query.audience

        def order(key: Key) -> tuple[object, ...]:
            entity, unit, combo = key
            values: list[object] = []
            for dimension in self.query.dimensions:
                if dimension in AUDIENCE_DIMENSIONS:
                    values.append(combo[audience.index(dimension)])
                elif dimension.startswith("stat_time"):
                    values.append(unit)
                else:
                    values.append((len(entity), entity))
            return tuple(values)

        keys.sort(key=order)
        return keys

    def _key_at(self, position: int) -> Key:
        if self._keys is not None:
            return self._keys[position]
        index = bisect_right(self._prefix, position) - 1
        return self._entities[index], self._units[index][position - self._prefix[index]], ()

    # -- rows -------------------------------------------------------------------------------

    def page(self, page: int, page_size: int) -> list[str]:
        """The rows of one page (1-based), as JSON texts: only those rows are computed."""
        start = (page - 1) * page_size
        stop = min(start + page_size, self.total)
        if self.query.order_field is not None:
            return [text for _, text, _ in self._rows_ordered()[start:stop]]
        return [self._row(self._key_at(i))[0] for i in range(start, stop)]

    def total_metrics(self) -> dict[str, str]:
        """The metrics of every row together (labels do not apply: `-`)."""
        sums = [0] * _N
        for _, _, row_sums in self._every_row():
            for i in range(_N):
                sums[i] += row_sums[i]
        return self._write_metrics(sums, Labels())

    def _every_row(self) -> list[tuple[Key, str, list[int]]]:
        if self._all_rows is None:
            keys = [self._key_at(i) for i in range(self.total)]
            self._all_rows = [(key, *self._row(key)) for key in keys]
        return self._all_rows

    def _rows_ordered(self) -> list[tuple[Key, str, list[int]]]:
        """Every row, ordered by `order_field` (stable: ties keep the dimensions' order)."""
        if self._ordered is not None:
            return self._ordered
        rows = list(self._every_row())
        field = self.query.order_field
        assert field is not None
        if field in self.query.dimensions:
            rows.sort(key=lambda r: self._dimensions(*r[0])[field], reverse=self.query.descending)
        else:
            metric = compile_metrics([field])

            def value(row: tuple[Key, str, list[int]]) -> tuple[int, float]:
                text = metric(row[2], self._labels_of(row[0][0]))[field]
                try:
                    return (1, float(text))
                except ValueError:  # "-" and names: after every number
                    return (0, 0.0)

            rows.sort(key=value, reverse=self.query.descending)
        self._ordered = rows
        return rows

    def _row(self, key: Key) -> tuple[str, list[int]]:
        """A row as JSON text, and its sums."""
        entity, unit, combo = key
        sums = self._sums(self._groups[entity], unit, combo)
        dimensions = ",".join(
            f"{_json(name)}:{_json(value)}"
            for name, value in self._dimensions(entity, unit, combo).items()
        )
        metrics = self._write_json(sums, self._labels_of(entity))
        return f'{{"dimensions":{{{dimensions}}},"metrics":{{{metrics}}}}}', sums

    def _dimensions(self, entity: str, unit: int | None, combo: tuple[int, ...]) -> dict[str, str]:
        query = self.query
        values: dict[str, str] = {}
        for dimension in query.dimensions:
            if dimension == "stat_time_day":
                values[dimension] = _day_text(unit or 0)
            elif dimension == "stat_time_hour":
                values[dimension] = _hour_text(unit or 0)
            elif dimension in AUDIENCE_DIMENSIONS:
                bucket = combo[query.audience.index(dimension)]
                values[dimension] = self._buckets[dimension][bucket][0]
            else:
                values[dimension] = entity
        return values

    def _labels_of(self, entity: str) -> Labels:
        level = self.query.data_level
        if self.query.id_dimension is None or level == "AUCTION_ADVERTISER":
            return Labels()
        fact = self._groups[entity][0][0]
        names = self._labels[fact.ad_id]
        campaign = {
            "campaign_id": fact.campaign_id,
            "campaign_name": names.campaign_name,
            "objective_type": names.objective_type,
            "campaign_budget": _amount(names.campaign_budget),
        }
        if level == "AUCTION_CAMPAIGN":
            return Labels(**campaign)
        adgroup = {
            "adgroup_id": fact.adgroup_id,
            "adgroup_name": names.adgroup_name,
            "placement_type": names.placement_type,
            "promotion_type": names.promotion_type,
            "budget": _amount(names.adgroup_budget),
            "bid_strategy": names.bid_type,
            "bid": _amount(names.bid_price),
            "billing_event": names.billing_event,
            "smart_target": names.optimization_goal,
            "opt_status": names.adgroup_status,
        }
        if level == "AUCTION_ADGROUP":
            return Labels(**campaign, **adgroup)
        return Labels(
            **campaign,
            **adgroup,
            ad_name=names.ad_name,
            ad_text=names.ad_text,
            call_to_action=names.call_to_action or "-",
            image_mode=names.ad_format,
        )

    def _sums(
        self, pieces: list[tuple[DeliveryFacts, int, int]], unit: int | None, combo: tuple[int, ...]
    ) -> list[int]:
        time_dimension = self._time_dimension
        if time_dimension == "stat_time_day":
            assert unit is not None
            low, high = unit * DAY_HOURS, (unit + 1) * DAY_HOURS
        elif time_dimension == "stat_time_hour":
            assert unit is not None
            low, high = unit, unit + 1
        else:
            low, high = -(2**62), 2**62
        if len(pieces) == 1 and not combo:  # one ad: a whole day is the day's draw
            fact, first, end = pieces[0]
            start, stop = max(first, low), min(end, high)
            if stop - start == DAY_HOURS and start % DAY_HOURS == 0:
                return self._day(fact, start // DAY_HOURS)
        sums = [0] * _N
        for fact, first, end in pieces:
            start, stop = max(first, low), min(end, high)
            if start < stop:
                self._add(sums, fact, start, stop, combo)
        return sums

    def _add(
        self, sums: list[int], fact: DeliveryFacts, start: int, stop: int, combo: tuple[int, ...]
    ) -> None:
        """Add what an ad delivered in hours `[start, stop)` (one audience bucket, if any)."""
        day = start // DAY_HOURS
        while day * DAY_HOURS < stop:
            base = day * DAY_HOURS
            first, end = max(start, base) - base, min(stop, base + DAY_HOURS) - base
            totals = self._day(fact, day)
            if combo:
                plan = [(cumulative, combo[at]) for cumulative, at in self._split_plan]
                for hour in range(first, end):
                    for i in self._fields_read:
                        value = hours_value(totals[i], hour, hour + 1)
                        for cumulative, bucket in plan:
                            value = _split(value, cumulative, bucket)
                        sums[i] += value
            elif first == 0 and end == DAY_HOURS:
                for i in range(_N):
                    sums[i] += totals[i]
            else:
                for i in range(_N):
                    sums[i] += hours_value(totals[i], first, end)
            day += 1

    def _day(self, fact: DeliveryFacts, day: int) -> list[int]:
        """An ad's totals for a whole day: spend capped by its budget share, and its result."""
        totals = list(day_totals(self._key, fact.ad_id, day))
        cap = self._budget.cap(fact, day)
        if cap is not None and totals[SPEND] > cap:
            totals[SPEND] = cap
        objective = self._labels[fact.ad_id].objective_type
        totals.append(totals[_RESULT_OF.get(objective, _CONVERSION)])
        return totals


@lru_cache(maxsize=4096)
def _day_text(day: int) -> str:
    return datetime.fromtimestamp(day * DAY_HOURS * HOUR, UTC).strftime("%Y-%m-%d 00:00:00")


@lru_cache(maxsize=4096)
def _hour_text(hour: int) -> str:
    return datetime.fromtimestamp(hour * HOUR, UTC).strftime("%Y-%m-%d %H:00:00")
