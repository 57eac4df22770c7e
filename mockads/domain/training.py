"""The exercises of the `training` scenario, and whether a sandbox's state shows each done.

Completion is read from the sandbox, never from clicks: a trainee may use the console, curl or
an SDK. `TrainingState` is what the checks need: the world the scenario made (`start`) and
what the sandbox holds now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mockads.domain.ads import Ad
from mockads.domain.enums import AdAuthStatus, IdentityType, OperationStatus
from mockads.domain.model import LinkedPost, Post, SparkCode, World

__all__ = ["Exercise", "TrainingState", "exercises", "progress"]


@dataclass(frozen=True, slots=True)
class TrainingState:
    """A trainee's sandbox: as the scenario made it, and as it is now."""

    start: World
    linked: tuple[LinkedPost, ...]
    ads: tuple[Ad, ...]
    posts: tuple[Post, ...]
    now: float


@dataclass(frozen=True, slots=True)
class Exercise:
    """One task of the class, with the facts of this trainee's world it names."""

    key: str
    title: str
    task: str
    done: Callable[[TrainingState], bool]


def _codes_of(world: World, item_ids: set[str]) -> list[SparkCode]:
    return [code for code in world.spark_codes if code.item_id in item_ids]


def _parts(world: World) -> tuple[Post, Post, Post, list[SparkCode]]:
    """The linked post (exercise 5), the duet and its original (2), and the codes sent to link
    (1): every other code, the original's included (three or four: one of them expired)."""
    (linked,) = world.linked_posts
    linked_post = next(p for p in world.posts if p.item_id == linked.item_id)
    duet = next(p for p in world.posts if p.duet_original_item_id is not None)
    original = next(p for p in world.posts if p.item_id == duet.duet_original_item_id)
    sent = [c for c in world.spark_codes if c.item_id not in (linked_post.item_id, duet.item_id)]
    return linked_post, duet, original, sent


def _handle(world: World, post: Post) -> str:
    return next(c.handle for c in world.creators if c.creator_id == post.creator_id)


def exercises(start: World, now: float) -> list[Exercise]:
    """The class's exercises, worded with this trainee's codes, creators and posts."""
    linked_post, duet, original, sent = _parts(start)
    linkable = {c.item_id for c in sent if c.status_at(now) is not AdAuthStatus.EXPIRED}
    duet_code = _codes_of(start, {duet.item_id})[0].auth_code
    original_code = _codes_of(start, {original.item_id})[0].auth_code

    def linked_ids(state: TrainingState) -> set[str]:
        return {link.item_id for link in state.linked}

    def duet_linked(state: TrainingState) -> bool:
        return any(
            link.item_id == duet.item_id and link.original_auth_code is not None
            for link in state.linked
        )

    def spark_and_not_in_one_adgroup(state: TrainingState) -> bool:
        kinds: dict[str, set[bool]] = {}
        for ad in state.ads:
            if ad.operation_status is not OperationStatus.DELETE:
                kinds.setdefault(ad.adgroup_id, set()).add(ad.is_spark)
        return any(found == {True, False} for found in kinds.values())

    def pushed_and_published(state: TrainingState) -> bool:
        return any(
            ad.identity_type in (IdentityType.TT_USER, IdentityType.BC_AUTH_TT)
            and ad.video_id is not None
            and ad.published_by(state.now)
            for ad in state.ads
        )

    def caption_changed(state: TrainingState) -> bool:
        now_post = next((p for p in state.posts if p.item_id == linked_post.item_id), None)
        return now_post is not None and now_post.caption != linked_post.caption

    return [
        Exercise(
            "link-sent-codes",
            "Link the codes you were sent",
            "Apply for Authorization with these codes: "
            + ", ".join(code.auth_code for code in sent)
            + ". One of them has expired: which? Link the others.",
            lambda state: linkable <= linked_ids(state),
        ),
        Exercise(
            "link-a-duet",
            "Link a Duet with both creators' codes",
            f"@{_handle(start, duet)} made a Duet of @{_handle(start, original)}'s post. Link it "
            f"with its code {duet_code}; Ads Manager will ask for the original post's code, "
            f"{original_code}.",
            duet_linked,
        ),
        Exercise(
            "spark-and-non-spark",
            "Build a Spark ad and a non-Spark ad in one ad group",
            "Create a campaign and an ad group, then an ad of a linked post (Spark) and an ad of "
            "a video of Your Library with the custom identity (non-Spark), in that ad group.",
            spark_and_not_in_one_adgroup,
        ),
        Exercise(
            "push-a-video",
            "Push a library video to the brand account",
            "Create an ad of a video of Your Library with the brand's TikTok account as identity. "
            "Once it passes review, find the new PRIVATE post on the brand account's phone.",
            pushed_and_published,
        ),
        Exercise(
            "fix-a-caption",
            "Fix the caption of an authorized post",
            f"@{_handle(start, linked_post)} wants to change the caption of their post "
            f"\u201c{linked_post.caption}\u201d. Try it on the creator's phone, find out why the "
            "app refuses, then do what it takes to change it.",
            caption_changed,
        ),
    ]


def progress(state: TrainingState) -> list[tuple[Exercise, bool]]:
    """Each exercise, and whether the sandbox shows it done."""
    return [(exercise, exercise.done(state)) for exercise in exercises(state.start, state.now)]
