"""Delivery simulated from the control plane: engagement an ad earns goes to its post."""

from __future__ import annotations

from dataclasses import replace

from mockads.domain import errors
from mockads.domain.ads import Ad, accrue_engagement
from mockads.domain.delivery import HOUR, engagement_earned
from mockads.domain.enums import OperationStatus
from mockads.domain.model import Post, Sandbox
from mockads.services.access import open_sandbox
from mockads.services.ads import AdContext
from mockads.services.lru import Lru
from mockads.services.ports import Store, WorldRepository
from mockads.services.reports import delivery_key

__all__ = ["record_engagement", "with_delivered_engagement", "with_earned_engagement"]

#: What Spark ads delivered to a post, per (sandbox, store generation, post, clock hour).
_EARNED = Lru(256)


def record_engagement(store: Store, sandbox_id: str, ad_id: str, counts: dict[str, int]) -> Post:
    """Add views, likes, comments, shares and follows a delivering Spark ad earned to its post.

    A non-Spark ad promotes no post (409), nor does a pushed ad before its post is up.
    """
    with store.unit_of_work() as uow:
        caller = open_sandbox(uow, sandbox_id)
        ad = caller.world.get(Ad, ad_id)
        if ad is None or ad.operation_status is OperationStatus.DELETE:
            raise errors.NotFound("ad", ad_id)
        item_id = ad.item_id_at(caller.now)
        post = caller.world.get(Post, item_id) if item_id else None
        if post is None:
            raise errors.Conflict("ad: it promotes no TikTok post, so no post earns engagement.")
        view = AdContext.load(caller, ad.advertiser_id).view(ad, caller.now)
        post = accrue_engagement(post, view.secondary_status, counts)
        caller.world.replace(post)
        return with_earned_engagement(caller.world, caller.sandbox.seed, post, caller.now)


def with_earned_engagement(world: WorldRepository, seed: int, post: Post, now: float) -> Post:
    """The post with what the Spark ads promoting it delivered by `now` added to its counters
    (its stored counters hold its organic engagement and what the control plane recorded)."""
    earned = engagement_earned(delivery_key(seed), world.delivery_facts_of_post(post.item_id), now)
    if not any(earned.values()):
        return post
    return replace(post, **{name: getattr(post, name) + n for name, n in earned.items()})


def with_delivered_engagement(store: Store, sandbox: Sandbox, post: Post, now: float) -> Post:
    """`with_earned_engagement` for a read that has ended its transaction: what was earned is
    cached per store generation and clock hour (delivery counts whole hours only), so a post's
    counters cost one look-up until a write or the next hour."""
    hour = int(now // HOUR)
    # Read before the transaction that reads the facts: see SqlStore.generation.
    key = (sandbox.sandbox_id, store.generation(sandbox.sandbox_id), post.item_id, hour)
    earned: dict[str, int] | None = _EARNED.get(key)
    if earned is None:
        with store.unit_of_work(read_only=True) as uow:
            facts = uow.world(sandbox.sandbox_id).delivery_facts_of_post(post.item_id)
        earned = engagement_earned(delivery_key(sandbox.seed), facts, hour * HOUR)
        _EARNED.put(key, earned)
    if not any(earned.values()):
        return post
    return replace(post, **{name: getattr(post, name) + n for name, n in earned.items()})
