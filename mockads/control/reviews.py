"""Ad review: the sandbox's policy, pending reviews, a reviewer's decision."""

from __future__ import annotations

from flask import Response, jsonify, request

from mockads.control.blueprint import control
from mockads.control.responses import json_body, store
from mockads.domain.enums import ReviewOutcome
from mockads.domain.errors import InvalidParameter
from mockads.schemas.ads import (
    ReviewDecisionRequest,
    ReviewPolicyRequest,
    review_data,
    review_policy_data,
)
from mockads.services import reviews

_REVIEW_POLICY = ReviewPolicyRequest()
_REVIEW_DECISION = ReviewDecisionRequest()


@control.get("/sandboxes/<sandbox_id>/review-policy")
def review_policy_get(sandbox_id: str) -> Response:
    """How the sandbox reviews ads."""
    return jsonify(review_policy_data(reviews.get_review_policy(store(), sandbox_id)))


@control.put("/sandboxes/<sandbox_id>/review-policy")
def review_policy_update(sandbox_id: str) -> Response:
    """instant, delayed (delay_seconds of sandbox time) or manual; terms that get an ad rejected."""
    policy = reviews.set_review_policy(store(), sandbox_id, **json_body(_REVIEW_POLICY))
    return jsonify(review_policy_data(policy))


@control.get("/sandboxes/<sandbox_id>/reviews")
def review_list(sandbox_id: str) -> Response:
    """Reviews of the sandbox's ads, `?status=IN_REVIEW|APPROVED|REJECTED`."""
    status = request.args.get("status")
    if status is not None and status not in ReviewOutcome.__members__:
        raise InvalidParameter("status", "must be IN_REVIEW, APPROVED or REJECTED.")
    found, now = reviews.list_reviews(
        store(), sandbox_id, ReviewOutcome[status] if status else None
    )
    return jsonify({"reviews": [review_data(ad, now) for ad in found]})


@control.post("/sandboxes/<sandbox_id>/reviews/<ad_id>")
def review_decide(sandbox_id: str, ad_id: str) -> Response:
    """Approve or reject an ad now."""
    ad, now = reviews.decide_review(store(), sandbox_id, ad_id, **json_body(_REVIEW_DECISION))
    return jsonify(review_data(ad, now))
