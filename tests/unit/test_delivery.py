"""The delivery model, without HTTP: spans of eligible hours, draws, hour shares, budgets."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from mockads.domain.delivery import (
    COUNTS,
    DAY_HOURS,
    HOUR,
    SPEND,
    BudgetShares,
    DeliveryFacts,
    day_totals,
    delivered_spans,
    engagement_earned,
    hours_value,
    on_intervals,
)
from mockads.domain.enums import BudgetMode, OperationStatus, ReviewOutcome
from tests import generation

DAY = DAY_HOURS * HOUR
T0 = 1_790_000_000 // DAY * DAY  # a midnight (UTC)
KEY = b"k" * 32
ON, OFF, DELETED = OperationStatus.ENABLE, OperationStatus.DISABLE, OperationStatus.DELETE


def facts(**changes: object) -> DeliveryFacts:
    """An approved ad of a running ad group and campaign, all made at T0."""
    base = DeliveryFacts(
        ad_id="7000000000000000001",
        adgroup_id="7100000000000000001",
        campaign_id="7200000000000000001",
        advertiser_id="7300000000000000001",
        is_spark=True,
        item_id="7400000000000000001",
        ad_status=ON,
        ad_create_time=T0,
        ad_modify_time=T0,
        review_outcome=ReviewOutcome.APPROVED,
        review_due_at=T0 + 60,
        pushed_at=None,
        adgroup_status=ON,
        adgroup_modify_time=T0,
        schedule_start_time=T0,
        schedule_end_time=None,
        adgroup_budget_mode=BudgetMode.BUDGET_MODE_INFINITE,
        adgroup_budget=0.0,
        adgroup_create_time=T0,
        campaign_status=ON,
        campaign_modify_time=T0,
        campaign_budget_mode=BudgetMode.BUDGET_MODE_INFINITE,
        campaign_budget=0.0,
        campaign_create_time=T0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_an_approved_ad_delivers_from_the_first_whole_hour_after_review_until_now() -> None:
    assert delivered_spans(facts(), T0 + 5 * HOUR + 59) == [(T0 // HOUR + 1, T0 // HOUR + 5)]


def test_moving_the_clock_adds_exactly_the_hours_passed() -> None:
    [before] = delivered_spans(facts(), T0 + 10 * HOUR)
    [after] = delivered_spans(facts(), T0 + 13 * HOUR + 1)
    assert (after[1] - after[0]) - (before[1] - before[0]) == 3


def test_an_ad_in_review_or_rejected_delivers_nothing() -> None:
    now = T0 + 5 * DAY
    assert delivered_spans(facts(review_outcome=ReviewOutcome.REJECTED), now) == []
    assert delivered_spans(facts(review_outcome=None, review_due_at=None), now) == []
    assert delivered_spans(facts(review_due_at=now + 60), now) == []


def test_delivery_stops_when_the_ad_ad_group_or_campaign_was_switched_off() -> None:
    off_at = T0 + 2 * DAY + 30 * 60
    for changes in (
        {"ad_status": OFF, "ad_modify_time": off_at},
        {"ad_status": DELETED, "ad_modify_time": off_at},
        {"adgroup_status": OFF, "adgroup_modify_time": off_at},
        {"campaign_status": DELETED, "campaign_modify_time": off_at},
    ):
        spans = delivered_spans(facts(**changes), T0 + 9 * DAY)
        assert spans == [(T0 // HOUR + 1, off_at // HOUR)], changes


def test_delivery_stops_when_the_spark_code_expires_or_is_revoked_or_invalidated() -> None:
    code = {"code_start": T0 - DAY, "code_end": T0 + 3 * DAY}
    assert delivered_spans(facts(**code), T0 + 9 * DAY) == [
        (T0 // HOUR + 1, (T0 + 3 * DAY) // HOUR)
    ]
    revoked = facts(**code, code_revoked_at=T0 + DAY)
    assert delivered_spans(revoked, T0 + 9 * DAY) == [(T0 // HOUR + 1, (T0 + DAY) // HOUR)]
    invalidated = facts(**code, code_invalidated_at=T0 + 2 * DAY)
    assert delivered_spans(invalidated, T0 + 9 * DAY) == [(T0 // HOUR + 1, (T0 + 2 * DAY) // HOUR)]


def test_delivery_keeps_to_the_ad_group_schedule() -> None:
    scheduled = facts(schedule_start_time=T0 + DAY, schedule_end_time=T0 + 2 * DAY)
    assert delivered_spans(scheduled, T0 + 9 * DAY) == [
        ((T0 + DAY) // HOUR, (T0 + 2 * DAY) // HOUR)
    ]


def test_a_pushed_ad_delivers_once_its_post_is_up() -> None:
    assert delivered_spans(facts(is_push=True, pushed_at=None), T0 + DAY) == []
    pushed = facts(is_push=True, pushed_at=T0 + 3 * HOUR)
    assert delivered_spans(pushed, T0 + DAY) == [(T0 // HOUR + 3, (T0 + DAY) // HOUR)]


def test_the_same_key_ad_and_day_draw_the_same_totals_and_another_key_others() -> None:
    assert day_totals(KEY, "1", 20_000) == day_totals(KEY, "1", 20_000)
    assert day_totals(KEY, "1", 20_000) != day_totals(b"x" * 32, "1", 20_000)
    assert day_totals(KEY, "1", 20_000) != day_totals(KEY, "1", 20_001)


@settings(max_examples=generation.examples(50, 500), deadline=None)
@given(st.integers(0, 50_000), st.integers(0, 24))
def test_runs_of_hours_add_up_to_their_day_exactly(day: int, cut: int) -> None:
    for value in day_totals(KEY, "7", day):
        assert hours_value(value, 0, cut) + hours_value(value, cut, 24) == value
        assert sum(hours_value(value, h, h + 1) for h in range(24)) == value
        assert all(hours_value(value, h, h + 1) >= 0 for h in range(24))


def test_draws_are_plausible_funnels() -> None:
    names = {name: index for index, name in enumerate(COUNTS)}
    for day in range(20_000, 20_050):
        t = day_totals(KEY, "42", day)
        assert t[names["reach"]] <= t[names["impressions"]]
        assert t[names["clicks"]] <= t[names["impressions"]]
        assert t[names["video_watched_6s"]] <= t[names["video_watched_2s"]]
        assert t[names["video_views_p100"]] <= t[names["video_views_p25"]]


def test_a_daily_budget_is_shared_among_the_ads_delivering_that_day_and_never_exceeded() -> None:
    ads = [
        facts(
            ad_id=str(7_000_000_000_000_000_000 + n),
            adgroup_budget_mode=BudgetMode.BUDGET_MODE_DAY,
            adgroup_budget=50.0,
            campaign_budget_mode=BudgetMode.BUDGET_MODE_DAY,
            campaign_budget=120.0,
        )
        for n in range(3)
    ]
    now = T0 + 5 * DAY
    shares = BudgetShares(ads, [delivered_spans(a, now) for a in ads])
    day = T0 // DAY + 2
    assert shares.delivering(ads[0].adgroup_id, day) == 3
    caps = [shares.cap(a, day) for a in ads]
    assert caps == [5000 // 3] * 3
    drawn = [day_totals(KEY, a.ad_id, day)[SPEND] for a in ads]
    assert sum(min(spend, cap or 0) for spend, cap in zip(drawn, caps, strict=True)) <= 5000


def test_a_lifetime_budget_spreads_over_its_first_thirty_days() -> None:
    ad = facts(adgroup_budget_mode=BudgetMode.BUDGET_MODE_TOTAL, adgroup_budget=300.0)
    shares = BudgetShares([ad], [delivered_spans(ad, T0 + 60 * DAY)])
    assert shares.cap(ad, T0 // DAY) == 1000
    assert shares.cap(ad, T0 // DAY + 30) == 0


# -- status histories: nothing accrues while the ad, its ad group or campaign is off ----------

#: Each object's history field, and its status and modify-time fields.
OWNERS = ("ad", "adgroup", "campaign")


def history(*changes: tuple[int, bool]) -> tuple[tuple[int, bool], ...]:
    """A status history made at T0 (on), then `changes`."""
    return ((T0, True), *changes)


def hours_of(spans: list[tuple[int, int]]) -> set[int]:
    return {hour for first, end in spans for hour in range(first, end)}


@settings(max_examples=generation.examples(50, 500), deadline=None)
@given(st.sampled_from(OWNERS), st.integers(2, 100), st.integers(1, 48))
def test_a_pause_of_whole_hours_removes_exactly_those_hours(
    owner: str, start_hour: int, hours: int
) -> None:
    now = T0 + 9 * DAY
    paused, resumed = T0 + start_hour * HOUR, T0 + (start_hour + hours) * HOUR
    plain = delivered_spans(facts(**{f"{owner}_history": history()}), now)
    with_pause = facts(**{f"{owner}_history": history((paused, False), (resumed, True))})
    removed = set(range(paused // HOUR, resumed // HOUR))
    assert hours_of(delivered_spans(with_pause, now)) == hours_of(plain) - removed


@settings(max_examples=generation.examples(50, 500), deadline=None)
@given(st.sampled_from(OWNERS), st.integers(2, 100), st.integers(0, HOUR - 1), st.data())
def test_a_pause_and_resume_within_one_hour_loses_that_hour_only(
    owner: str, hour: int, pause_second: int, data: st.DataObject
) -> None:
    resume_second = data.draw(st.integers(pause_second, HOUR - 1))
    paused, resumed = T0 + hour * HOUR + pause_second, T0 + hour * HOUR + resume_second
    now = T0 + 9 * DAY
    plain = hours_of(delivered_spans(facts(), now))
    spans = delivered_spans(
        facts(**{f"{owner}_history": history((paused, False), (resumed, True))}), now
    )
    lost = set() if paused == resumed else {T0 // HOUR + hour}
    assert hours_of(spans) == plain - lost


@settings(max_examples=generation.examples(50, 500), deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9 * DAY), st.booleans()), max_size=8).map(sorted),
    st.lists(st.tuples(st.integers(0, 9 * DAY), st.booleans()), max_size=8).map(sorted),
    st.lists(st.tuples(st.integers(0, 9 * DAY), st.booleans()), max_size=8).map(sorted),
)
def test_an_hour_delivers_exactly_when_ad_ad_group_and_campaign_were_on_all_of_it(
    ad: list[tuple[int, bool]],
    adgroup: list[tuple[int, bool]],
    campaign: list[tuple[int, bool]],
) -> None:
    histories = {
        f"{owner}_history": history(*((T0 + t, on) for t, on in changes))
        for owner, changes in zip(OWNERS, (ad, adgroup, campaign), strict=True)
    }
    now = T0 + 10 * DAY
    spans = delivered_spans(facts(**histories), now)
    assert spans == sorted(spans)
    assert all(first < end for first, end in spans)
    assert all(a[1] < b[0] for a, b in pairwise(spans))

    def on_at(changes: tuple[tuple[int, bool], ...], second: int) -> bool:
        state = True
        for time, on in changes:
            if time <= second:
                state = on
        return state

    def on_throughout(hour: int) -> bool:
        # The status only changes at listed times: check the hour's start and each change in it.
        start, stop = hour * HOUR, (hour + 1) * HOUR
        moments = {start} | {t for h in histories.values() for t, _ in h if start <= t < stop}
        return all(on_at(h, m) for h in histories.values() for m in moments)

    expected = {hour for hour in range(T0 // HOUR + 1, now // HOUR) if on_throughout(hour)}
    assert hours_of(spans) == expected


def test_without_history_an_object_is_off_since_its_last_change_as_before() -> None:
    off_at = T0 + 2 * DAY
    assert on_intervals((), OFF, off_at) == [(float("-inf"), off_at)]
    assert on_intervals((), ON, off_at) == [(float("-inf"), float("inf"))]
    assert delivered_spans(facts(ad_status=OFF, ad_modify_time=off_at), T0 + 5 * DAY) == (
        delivered_spans(facts(ad_history=history((off_at, False))), T0 + 5 * DAY)
    )


def test_a_paused_spark_ad_earns_its_post_nothing_while_paused() -> None:
    now = T0 + 5 * DAY
    paused = facts(ad_history=history((T0 + DAY, False), (T0 + 2 * DAY, True)))
    whole = engagement_earned(KEY, [facts()], now)
    less = engagement_earned(KEY, [paused], now)
    day_one = engagement_earned(KEY, [facts()], T0 + 2 * DAY)
    before = engagement_earned(KEY, [facts()], T0 + DAY)
    for name in whole:
        assert less[name] == whole[name] - (day_one[name] - before[name])


def test_an_ad_paused_for_part_of_a_day_counts_once_toward_the_days_budget_share() -> None:
    ad = facts(
        adgroup_budget_mode=BudgetMode.BUDGET_MODE_DAY,
        adgroup_budget=50.0,
        ad_history=history((T0 + DAY + 3 * HOUR, False), (T0 + DAY + 5 * HOUR, True)),
    )
    spans = delivered_spans(ad, T0 + 5 * DAY)
    assert len(spans) == 2
    assert BudgetShares([ad], [spans]).delivering(ad.adgroup_id, T0 // DAY + 1) == 1
