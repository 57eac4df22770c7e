"""The delivery model: what each ad delivers, hour by hour, as a function of (seed, ad, hour).

An ad delivers in the hours where it, its ad group and its campaign are on, its review passed,
its ad group's schedule runs and (for a Spark ad by code) its authorization holds: spans of
whole hours, `[first_hour, end_hour)`, read from the objects' own times and from their status
histories (when each was switched on and off). Only hours that ended by the sandbox clock count,
so moving the clock adds exactly the hours passed, and an hour counts only if the ad was on for
all of it.

One keyed hash per (seed, ad, day) draws the day's totals; fixed shares spread them over the
24 hours with cumulative floors, so any run of hours sums exactly to what the day gives it.
Spend is capped by the ad's share of its ad group's and campaign's daily budgets among the ads
delivering that day, so rows stay independent and no budget is ever exceeded.
"""

from __future__ import annotations

import hashlib
import struct
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.enums import BudgetMode, OperationStatus, ReviewOutcome
from mockads.domain.model import SparkCode

__all__ = [
    "COUNTS",
    "DAY_HOURS",
    "ENGAGEMENT",
    "HOUR",
    "HOUR_CUMULATIVE",
    "SPEND",
    "TOTAL_BUDGET_DAYS",
    "BudgetShares",
    "Changes",
    "DeliveryFacts",
    "Spans",
    "day_totals",
    "delivered_spans",
    "engagement_earned",
    "facts_of",
    "hours_value",
    "on_intervals",
    "spans_of",
]

HOUR = 3_600
DAY_HOURS = 24
#: A lifetime budget (BUDGET_MODE_TOTAL) is spread over this many days from the object's creation.
TOTAL_BUDGET_DAYS = 30
#: The additive counts one ad delivers, in the order `day_totals` returns them. Spend is in the
#: currency's minor unit (cents); `play_time_ms` is the time the video played, summed.
COUNTS = (
    "impressions",
    "reach",
    "clicks",
    "spend",
    "video_play_actions",
    "video_watched_2s",
    "video_watched_6s",
    "video_views_p25",
    "video_views_p50",
    "video_views_p75",
    "video_views_p100",
    "play_time_ms",
    "likes",
    "comments",
    "shares",
    "follows",
    "profile_visits",
    "conversion",
    "clicks_on_music_disc",
)
SPEND = COUNTS.index("spend")
#: How a day's delivery spreads over its hours (UTC): quiet nights, busy evenings.
_HOUR_WEIGHTS = (
    14,
    9,
    6,
    4,
    3,
    4,
    8,
    15,
    24,
    30,
    34,
    37,
    40,
    41,
    41,
    42,
    44,
    48,
    55,
    62,
    66,
    60,
    45,
    28,
)
#: Cumulative weights: hour h of a day gets floor(T*C[h+1]/W) - floor(T*C[h]/W) of a total T.
HOUR_CUMULATIVE = tuple(sum(_HOUR_WEIGHTS[:h]) for h in range(DAY_HOURS + 1))
_WEIGHT = HOUR_CUMULATIVE[-1]
_SIXTEEN_DRAWS = struct.Struct(">16H")
_ON = OperationStatus.ENABLE
_INFINITY = float("inf")

#: An object's status changes in order, as (time in Unix seconds, switched on).
Changes = tuple[tuple[int, bool], ...]
#: Spans of whole hours `[first, end)`, sorted and disjoint.
Spans = list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class DeliveryFacts:
    """What delivery reads of an ad and its parents, as plain values (times in Unix seconds)."""

    ad_id: str
    adgroup_id: str
    campaign_id: str
    advertiser_id: str
    is_spark: bool
    item_id: str | None
    ad_status: OperationStatus
    ad_create_time: int
    ad_modify_time: int
    review_outcome: ReviewOutcome | None
    review_due_at: int | None
    pushed_at: int | None
    adgroup_status: OperationStatus
    adgroup_modify_time: int
    schedule_start_time: int
    schedule_end_time: int | None
    adgroup_budget_mode: BudgetMode
    adgroup_budget: float
    adgroup_create_time: int
    campaign_status: OperationStatus
    campaign_modify_time: int
    campaign_budget_mode: BudgetMode
    campaign_budget: float
    campaign_create_time: int
    code_start: int | None = None
    code_end: int | None = None
    code_revoked_at: int | None = None
    code_invalidated_at: int | None = None
    is_push: bool = False
    #: Status histories; empty when none is known (the status at `*_modify_time` then stands
    #: as the only change).
    ad_history: Changes = ()
    adgroup_history: Changes = ()
    campaign_history: Changes = ()


def facts_of(ad: Ad, adgroup: AdGroup, campaign: Campaign, code: SparkCode | None) -> DeliveryFacts:
    """DeliveryFacts of an ad, its ad group and campaign and (a Spark ad by code) its code."""
    return DeliveryFacts(
        ad_id=ad.ad_id,
        adgroup_id=ad.adgroup_id,
        campaign_id=ad.campaign_id,
        advertiser_id=ad.advertiser_id,
        is_spark=ad.is_spark,
        item_id=ad.tiktok_item_id,
        ad_status=ad.operation_status,
        ad_create_time=ad.create_time,
        ad_modify_time=ad.modify_time,
        review_outcome=ad.review_outcome,
        review_due_at=ad.review_due_at,
        pushed_at=ad.pushed_at,
        is_push=ad.is_push,
        adgroup_status=adgroup.operation_status,
        adgroup_modify_time=adgroup.modify_time,
        schedule_start_time=adgroup.schedule_start_time,
        schedule_end_time=adgroup.schedule_end_time,
        adgroup_budget_mode=adgroup.budget_mode,
        adgroup_budget=adgroup.budget,
        adgroup_create_time=adgroup.create_time,
        campaign_status=campaign.operation_status,
        campaign_modify_time=campaign.modify_time,
        campaign_budget_mode=campaign.budget_mode,
        campaign_budget=campaign.budget,
        campaign_create_time=campaign.create_time,
        code_start=None if code is None else code.auth_start_time,
        code_end=None if code is None else code.auth_end_time,
        code_revoked_at=None if code is None else code.revoked_at,
        code_invalidated_at=None if code is None else code.invalidated_at,
    )


def on_intervals(
    history: Changes, status: OperationStatus, modify_time: int
) -> list[tuple[float, float]]:
    """When an object was on, as sorted disjoint `[start, stop)` seconds (unbounded: inf).

    Before its first change an object counts as on (delivery starts no earlier than its
    creation anyway); without history its status at `modify_time` is the only change.
    """
    changes = history or ((modify_time, status is _ON),)
    intervals: list[tuple[float, float]] = []
    since: float | None = -_INFINITY
    for time, on in changes:
        if on and since is None:
            since = time
        elif not on and since is not None:
            if since < time:
                intervals.append((since, time))
            since = None
    if since is not None:
        intervals.append((since, _INFINITY))
    return intervals


def _always_on(history: Changes, status: OperationStatus) -> bool:
    """Whether an object was never switched off (most are: no intervals to intersect)."""
    if not history:
        return status is _ON
    if len(history) == 1:
        return history[0][1]
    return all(on for _, on in history)


def _intersect(
    a: list[tuple[float, float]], b: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The intersection of two sorted disjoint interval lists, touching pieces joined."""
    found: list[tuple[float, float]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, stop = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < stop:
            if found and found[-1][1] >= start:
                found[-1] = (found[-1][0], stop)
            else:
                found.append((start, stop))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return found


def delivered_spans(facts: DeliveryFacts, now: float) -> Spans:
    """The whole hours (hour numbers since the epoch) the ad delivered by `now`: sorted,
    disjoint spans `[first, end)`, none empty.

    Delivery starts when the ad, its ad group and campaign exist, its review passed (and a
    pushed ad's post is up), its schedule and authorization began; it stops at the schedule's
    end, when the code expired, was revoked or invalidated, and at `now`; in between, it runs
    while the ad, its ad group and its campaign are all on (their status histories).
    """
    f = facts
    if f.review_outcome is not ReviewOutcome.APPROVED or f.review_due_at is None:
        return []
    begin = max(
        f.ad_create_time,
        f.review_due_at,
        f.adgroup_create_time,
        f.campaign_create_time,
        f.schedule_start_time,
    )
    finish = now
    if f.is_push:
        if f.pushed_at is None:
            return []
        begin = max(begin, f.pushed_at)
    if f.schedule_end_time is not None:
        finish = min(finish, f.schedule_end_time)
    if f.code_start is not None:
        begin = max(begin, f.code_start)
        for ended in (f.code_end, f.code_revoked_at, f.code_invalidated_at):
            if ended is not None:
                finish = min(finish, ended)
    on = [(float(begin), float(finish))] if begin < finish else []
    for history, status, modified in (
        (f.ad_history, f.ad_status, f.ad_modify_time),
        (f.adgroup_history, f.adgroup_status, f.adgroup_modify_time),
        (f.campaign_history, f.campaign_status, f.campaign_modify_time),
    ):
        if not _always_on(history, status):
            on = _intersect(on, on_intervals(history, status, modified))
    spans = []
    for start, stop in on:
        first, end = -(-int(start) // HOUR), int(stop // HOUR)
        if first < end:
            spans.append((first, end))
    return spans


def day_totals(key: bytes, ad_id: str, day: int) -> tuple[int, ...]:
    """The day's totals of COUNTS for an ad delivering all 24 hours (spend not yet capped).

    `key` is the sandbox's key (from its seed); one blake2b digest gives every draw.
    """
    digest = hashlib.blake2b(f"{ad_id}:{day}".encode(), key=key, digest_size=32).digest()
    u = _SIXTEEN_DRAWS.unpack(digest)
    impressions = 400 + u[0] % 3_600
    reach = impressions * (700 + u[1] % 250) // 1_000
    clicks = impressions * (40 + u[2] % 260) // 10_000
    spend = impressions * (150 + u[3] % 750) // 1_000
    plays = impressions * (550 + u[4] % 400) // 1_000
    watched_2s = plays * (500 + u[5] % 300) // 1_000
    watched_6s = watched_2s * (450 + u[6] % 300) // 1_000
    p25 = plays * (600 + u[7] % 300) // 1_000
    p50 = p25 * (600 + u[8] % 300) // 1_000
    p75 = p50 * (600 + u[9] % 300) // 1_000
    p100 = p75 * (600 + u[10] % 300) // 1_000
    play_time_ms = plays * (1_500 + u[11] % 7_000)
    likes = plays * (10 + u[12] % 60) // 1_000
    comments = likes * (20 + u[13] % 100) // 1_000
    shares = likes * (30 + u[14] % 120) // 1_000
    follows = plays * (1 + u[15] % 8) // 1_000
    profile_visits = plays * (5 + u[15] % 25) // 1_000
    conversion = clicks * (20 + u[13] % 130) // 1_000
    music = plays * (u[12] % 5) // 1_000
    return (
        impressions,
        reach,
        clicks,
        spend,
        plays,
        watched_2s,
        watched_6s,
        p25,
        p50,
        p75,
        p100,
        play_time_ms,
        likes,
        comments,
        shares,
        follows,
        profile_visits,
        conversion,
        music,
    )


def hours_value(total: int, first: int, end: int) -> int:
    """What hours `[first, end)` of a day (0-24) get of a day's `total`: exact, additive."""
    return total * HOUR_CUMULATIVE[end] // _WEIGHT - total * HOUR_CUMULATIVE[first] // _WEIGHT


def _cents(amount: float) -> int:
    return round(amount * 100)


class BudgetShares:
    """Each ad's daily spend cap: its share of its ad group's and campaign's budget that day.

    The share divides a budget evenly among the ads delivering that day (at least one hour), so
    the sum over ads never exceeds it. Built from every ad's spans in O(spans), looked up in
    O(log ads).
    """

    def __init__(self, facts: Sequence[DeliveryFacts], spans: Sequence[Spans]):
        self._events: dict[str, tuple[list[int], list[int]]] = {}
        events: dict[str, dict[int, int]] = {}
        for fact, ad_spans in zip(facts, spans, strict=True):
            for first_day, last_day in _days_of(ad_spans):
                for owner in (fact.adgroup_id, fact.campaign_id):
                    counts = events.setdefault(owner, {})
                    counts[first_day] = counts.get(first_day, 0) + 1
                    counts[last_day + 1] = counts.get(last_day + 1, 0) - 1
        for owner, counts in events.items():
            days = sorted(counts)
            running, totals = 0, []
            for day in days:
                running += counts[day]
                totals.append(running)
            self._events[owner] = (days, totals)

    def delivering(self, owner_id: str, day: int) -> int:
        """How many ads of an ad group or campaign deliver on `day` (day number since the epoch)."""
        days, totals = self._events.get(owner_id, ([], []))
        index = bisect_right(days, day) - 1
        return totals[index] if index >= 0 else 0

    def cap(self, facts: DeliveryFacts, day: int) -> int | None:
        """The ad's spend cap for `day` in cents; None when neither budget limits it."""
        caps = [
            _share(mode, budget, created, self.delivering(owner, day), day)
            for mode, budget, created, owner in (
                (
                    facts.adgroup_budget_mode,
                    facts.adgroup_budget,
                    facts.adgroup_create_time,
                    facts.adgroup_id,
                ),
                (
                    facts.campaign_budget_mode,
                    facts.campaign_budget,
                    facts.campaign_create_time,
                    facts.campaign_id,
                ),
            )
        ]
        limited = [cap for cap in caps if cap is not None]
        return min(limited) if limited else None


def _days_of(spans: Spans) -> list[tuple[int, int]]:
    """The runs of days `(first, last)` (both included) the spans touch, each day once."""
    runs: list[tuple[int, int]] = []
    for first, end in spans:
        first_day, last_day = first // DAY_HOURS, (end - 1) // DAY_HOURS
        if runs and runs[-1][1] >= first_day:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last_day))
        else:
            runs.append((first_day, last_day))
    return runs


def _share(mode: BudgetMode, budget: float, created: int, ads: int, day: int) -> int | None:
    if mode is BudgetMode.BUDGET_MODE_INFINITE:
        return None
    if mode is BudgetMode.BUDGET_MODE_TOTAL:
        first_day = created // (HOUR * DAY_HOURS)
        if not first_day <= day < first_day + TOTAL_BUDGET_DAYS:
            return 0
        daily = _cents(budget) // TOTAL_BUDGET_DAYS
    else:
        daily = _cents(budget)
    return daily // max(ads, 1)


def spans_of(facts: Iterable[DeliveryFacts], now: float) -> list[Spans]:
    """`delivered_spans` of each ad."""
    return [delivered_spans(fact, now) for fact in facts]


#: The post counters a Spark ad's delivery adds to (design rule 10), and the counts they take.
ENGAGEMENT = {
    "views": COUNTS.index("video_play_actions"),
    "likes": COUNTS.index("likes"),
    "comments": COUNTS.index("comments"),
    "shares": COUNTS.index("shares"),
    "follows": COUNTS.index("follows"),
}


def engagement_earned(key: bytes, facts: Iterable[DeliveryFacts], now: float) -> dict[str, int]:
    """What Spark ads delivered to the post they promote, by `now`: views, likes, comments,
    shares and follows (a non-Spark ad promotes no post and earns none)."""
    earned = dict.fromkeys(ENGAGEMENT, 0)
    for fact in facts:
        for first, end in delivered_spans(fact, now) if fact.is_spark else ():
            for day in range(first // DAY_HOURS, (end - 1) // DAY_HOURS + 1):
                base = day * DAY_HOURS
                low, high = max(first, base) - base, min(end, base + DAY_HOURS) - base
                totals = day_totals(key, fact.ad_id, day)
                for name, index in ENGAGEMENT.items():
                    earned[name] += hours_value(totals[index], low, high)
    return earned
