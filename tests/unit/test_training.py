"""The `training` scenario's exercises, checked from a sandbox's state without HTTP."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mockads.domain.ads import Ad
from mockads.domain.enums import (
    AdAuthStatus,
    AdFormat,
    IdentityType,
    OperationStatus,
    ReviewOutcome,
)
from mockads.domain.model import LinkedPost, World
from mockads.domain.training import TrainingState, exercises, progress
from mockads.scenarios import build_world, load_scenario

NOW = 1_800_000_000


@pytest.fixture(scope="module")
def start() -> World:
    return build_world(load_scenario("training"), 3).shifted(NOW)


def _state(start: World, **now: object) -> TrainingState:
    facts = {"linked": start.linked_posts, "ads": (), "posts": start.posts, "now": NOW + 60}
    return TrainingState(start, **{**facts, **now})  # type: ignore[arg-type]


def _done(state: TrainingState) -> dict[str, bool]:
    return {exercise.key: done for exercise, done in progress(state)}


def _ad(ad_id: str, adgroup_id: str, **fields: object) -> Ad:
    base = {
        "ad_id": ad_id,
        "advertiser_id": "1",
        "campaign_id": "2",
        "adgroup_id": adgroup_id,
        "ad_name": "ad",
        "ad_format": AdFormat.SINGLE_VIDEO,
        "identity_type": IdentityType.CUSTOMIZED_USER,
        "identity_id": "i",
        "identity_authorized_bc_id": None,
        "tiktok_item_id": None,
        "auth_code": None,
        "video_id": "v",
        "ad_text": "text",
        "call_to_action": None,
        "landing_page_url": None,
        "display_name": None,
        "dark_post_status": "OFF",
        "operation_status": OperationStatus.ENABLE,
        "review_outcome": ReviewOutcome.APPROVED,
        "review_reason": None,
        "review_due_at": NOW,
        "create_time": NOW,
        "modify_time": NOW,
    }
    return Ad(**{**base, **fields})  # type: ignore[arg-type]


def test_a_new_training_sandbox_has_every_exercise_to_do(start):
    assert _done(_state(start)) == dict.fromkeys(
        ["link-sent-codes", "link-a-duet", "spark-and-non-spark", "push-a-video", "fix-a-caption"],
        False,
    )


@pytest.mark.parametrize("seed", range(1, 9))
def test_the_codes_sent_are_three_or_four_one_of_them_expired(seed):
    start = build_world(load_scenario("training"), seed).shifted(NOW)
    (first, *_) = exercises(start, NOW + 60)
    codes = [c for c in start.spark_codes if c.auth_code in first.task]
    states = [c.status_at(NOW + 60) for c in codes]
    assert len(codes) in (3, 4) and states.count(AdAuthStatus.EXPIRED) == 1


def test_the_sent_codes_count_once_every_one_that_can_be_linked_is(start):
    (first, *_) = exercises(start, NOW + 60)
    codes = [c for c in start.spark_codes if c.auth_code in first.task]
    linkable = [c for c in codes if c.status_at(NOW + 60) is AdAuthStatus.AUTHORIZED]
    links = [LinkedPost("1", c.item_id, c.auth_code, NOW) for c in linkable]
    some = (*start.linked_posts, *links[:-1])
    assert not _done(_state(start, linked=some))["link-sent-codes"]
    every = (*start.linked_posts, *links)
    assert _done(_state(start, linked=every))["link-sent-codes"]


def test_the_duet_counts_only_when_linked_with_the_original_code(start):
    duet = next(p for p in start.posts if p.duet_original_item_id)
    code = next(c for c in start.spark_codes if c.item_id == duet.item_id)
    alone = (*start.linked_posts, LinkedPost("1", duet.item_id, code.auth_code, NOW))
    assert not _done(_state(start, linked=alone))["link-a-duet"]
    with_original = (*start.linked_posts, LinkedPost("1", duet.item_id, code.auth_code, NOW, "#x"))
    assert _done(_state(start, linked=with_original))["link-a-duet"]


def test_a_spark_and_a_non_spark_ad_must_share_an_ad_group(start):
    spark = _ad("1", "g1", identity_type=IdentityType.AUTH_CODE, tiktok_item_id="9", video_id=None)
    apart = (spark, _ad("2", "g2"))
    assert not _done(_state(start, ads=apart))["spark-and-non-spark"]
    together = (spark, _ad("2", "g1"))
    assert _done(_state(start, ads=together))["spark-and-non-spark"]
    deleted = (spark, _ad("2", "g1", operation_status=OperationStatus.DELETE))
    assert not _done(_state(start, ads=deleted))["spark-and-non-spark"]


def test_a_push_counts_once_its_post_is_published(start):
    pushed = _ad("3", "g1", identity_type=IdentityType.TT_USER, pushed_at=NOW + 120)
    assert not _done(_state(start, ads=(pushed,)))["push-a-video"]
    assert _done(_state(start, ads=(pushed,), now=NOW + 121))["push-a-video"]


def test_the_caption_exercise_is_done_when_the_linked_posts_caption_changed(start):
    (linked,) = start.linked_posts
    posts = tuple(
        replace(p, caption="Fixed typo") if p.item_id == linked.item_id else p for p in start.posts
    )
    assert _done(_state(start, posts=posts))["fix-a-caption"]
