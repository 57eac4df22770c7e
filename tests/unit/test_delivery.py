"""The delivery model, without HTTP: spans of eligible hours, draws, hour shares, budgets."""

from __future__ import annotations

from dataclasses import replace

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
    delivered_span,
    hours_value,
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
    assert delivered_span(facts(), T0 + 5 * HOUR + 59) == (T0 // HOUR + 1, T0 // HOUR + 5)


def test_moving_the_clock_adds_exactly_the_hours_passed() -> None:
    before = delivered_span(facts(), T0 + 10 * HOUR)
    after = delivered_span(facts(), T0 + 13 * HOUR + 1)
    assert before is not None and after is not None
    assert (after[1] - after[0]) - (before[1] - before[0]) == 3


def test_an_ad_in_review_or_rejected_delivers_nothing() -> None:
    now = T0 + 5 * DAY
    assert delivered_span(facts(review_outcome=ReviewOutcome.REJECTED), now) is None
    assert delivered_span(facts(review_outcome=None, review_due_at=None), now) is None
    assert delivered_span(facts(review_due_at=now + 60), now) is None


def test_delivery_stops_when_the_ad_ad_group_or_campaign_was_switched_off() -> None:
    off_at = T0 + 2 * DAY + 30 * 60
    for changes in (
        {"ad_status": OFF, "ad_modify_time": off_at},
        {"ad_status": DELETED, "ad_modify_time": off_at},
        {"adgroup_status": OFF, "adgroup_modify_time": off_at},
        {"campaign_status": DELETED, "campaign_modify_time": off_at},
    ):
        span = delivered_span(facts(**changes), T0 + 9 * DAY)
        assert span == (T0 // HOUR + 1, off_at // HOUR), changes


def test_delivery_stops_when_the_spark_code_expires_or_is_revoked_or_invalidated() -> None:
    code = {"code_start": T0 - DAY, "code_end": T0 + 3 * DAY}
    assert delivered_span(facts(**code), T0 + 9 * DAY) == (T0 // HOUR + 1, (T0 + 3 * DAY) // HOUR)
    revoked = facts(**code, code_revoked_at=T0 + DAY)
    assert delivered_span(revoked, T0 + 9 * DAY) == (T0 // HOUR + 1, (T0 + DAY) // HOUR)
    invalidated = facts(**code, code_invalidated_at=T0 + 2 * DAY)
    assert delivered_span(invalidated, T0 + 9 * DAY) == (T0 // HOUR + 1, (T0 + 2 * DAY) // HOUR)


def test_delivery_keeps_to_the_ad_group_schedule() -> None:
    scheduled = facts(schedule_start_time=T0 + DAY, schedule_end_time=T0 + 2 * DAY)
    assert delivered_span(scheduled, T0 + 9 * DAY) == ((T0 + DAY) // HOUR, (T0 + 2 * DAY) // HOUR)


def test_a_pushed_ad_delivers_once_its_post_is_up() -> None:
    assert delivered_span(facts(is_push=True, pushed_at=None), T0 + DAY) is None
    pushed = facts(is_push=True, pushed_at=T0 + 3 * HOUR)
    assert delivered_span(pushed, T0 + DAY) == (T0 // HOUR + 3, (T0 + DAY) // HOUR)


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
    shares = BudgetShares(ads, [delivered_span(a, now) for a in ads])
    day = T0 // DAY + 2
    assert shares.delivering(ads[0].adgroup_id, day) == 3
    caps = [shares.cap(a, day) for a in ads]
    assert caps == [5000 // 3] * 3
    drawn = [day_totals(KEY, a.ad_id, day)[SPEND] for a in ads]
    assert sum(min(spend, cap or 0) for spend, cap in zip(drawn, caps, strict=True)) <= 5000


def test_a_lifetime_budget_spreads_over_its_first_thirty_days() -> None:
    ad = facts(adgroup_budget_mode=BudgetMode.BUDGET_MODE_TOTAL, adgroup_budget=300.0)
    shares = BudgetShares([ad], [delivered_span(ad, T0 + 60 * DAY)])
    assert shares.cap(ad, T0 // DAY) == 1000
    assert shares.cap(ad, T0 // DAY + 30) == 0
