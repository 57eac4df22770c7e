"""Ad review from the control plane: the sandbox's policy, pending reviews, decisions."""

from __future__ import annotations

from dataclasses import replace

from mockads.domain import errors
from mockads.domain.ads import Ad
from mockads.domain.enums import OperationStatus, ReviewMode, ReviewOutcome
from mockads.domain.review import ReviewPolicy
from mockads.services.access import open_sandbox
from mockads.services.ports import Store, UnitOfWork, WorldRepository
from mockads.services.push import settle_push

__all__ = ["decide_review", "get_review_policy", "list_reviews", "set_review_policy"]


def _open(uow: UnitOfWork, sandbox_id: str) -> tuple[WorldRepository, ReviewPolicy, float]:
    caller = open_sandbox(uow, sandbox_id)
    return caller.world, caller.sandbox.review_policy, caller.now


def get_review_policy(store: Store, sandbox_id: str) -> ReviewPolicy:
    """How the sandbox reviews ads."""
    with store.unit_of_work(read_only=True) as uow:
        return _open(uow, sandbox_id)[1]


def set_review_policy(
    store: Store,
    sandbox_id: str,
    *,
    mode: ReviewMode,
    delay_seconds: int | None = None,
    reject_terms: list[str] | None = None,
) -> ReviewPolicy:
    """Change how ads submitted from now on are reviewed (pending reviews keep theirs)."""
    with store.unit_of_work() as uow:
        _, policy, _ = _open(uow, sandbox_id)
        policy = ReviewPolicy(
            mode=mode,
            delay_seconds=policy.delay_seconds if delay_seconds is None else delay_seconds,
            reject_terms=policy.reject_terms if reject_terms is None else tuple(reject_terms),
        )
        uow.sandboxes.set_review_policy(sandbox_id, policy)
        return policy


def list_reviews(
    store: Store, sandbox_id: str, status: ReviewOutcome | None = None
) -> tuple[list[Ad], float]:
    """Ads that are not deleted, with where their review stands now (filtered by `status`)."""
    with store.unit_of_work(read_only=True) as uow:
        world, _, now = _open(uow, sandbox_id)
        found = [
            ad
            for advertiser in world.advertisers()
            for ad in world.owned(Ad, advertiser.advertiser_id)
            if ad.operation_status is not OperationStatus.DELETE
            and (status is None or ad.review_at(now) is status)
        ]
    return found, now


def decide_review(
    store: Store, sandbox_id: str, ad_id: str, *, decision: str, reason: str | None = None
) -> tuple[Ad, float]:
    """A reviewer approves or rejects an ad now, whatever the policy said."""
    with store.unit_of_work() as uow:
        world, _, now = _open(uow, sandbox_id)
        ad = world.get(Ad, ad_id)
        if ad is None or ad.operation_status is OperationStatus.DELETE:
            raise errors.NotFound("ad", ad_id)
        approved = decision == "approve"
        ad = replace(
            ad,
            review_outcome=ReviewOutcome.APPROVED if approved else ReviewOutcome.REJECTED,
            review_reason=None if approved else (reason or "Rejected by the reviewer."),
            review_due_at=int(now),
        )
        ad = settle_push(world, ad, now)
        world.replace(ad)
        return ad, now
