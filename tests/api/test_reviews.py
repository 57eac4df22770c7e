"""Ad review: the sandbox's policy (instant, delayed, manual, banned terms) and decisions."""

from __future__ import annotations

import pytest

from tests.api.ads_helpers import (
    ad_of,
    advance,
    created,
    library_creative,
    linked_spark_post,
    nothing_changes,
    seeded,
    set_policy,
    set_status,
    spark_creative,
)
from tests.api.lifecycle_helpers import DAY, call, control_error, freeze

REJECTED_FOR = "The ad contains content that is not allowed: {!r}."


@pytest.fixture
def sandbox(mockads_sandbox):
    """The default sandbox with its clock stopped, so review delays are exact."""
    freeze(mockads_sandbox)
    return mockads_sandbox


def _new_ad(sandbox, **fields):
    adgroup_id = seeded(sandbox, "CUSTOMIZED_USER")["adgroup_id"]
    (ad_id,) = created(sandbox, adgroup_id, library_creative(sandbox, **fields))
    return ad_id


def _review_of(ad):
    return ad["secondary_status"], ad["review_status"], ad["review_reason"]


def _reviews(sandbox, status=None):
    path = "/reviews" if status is None else f"/reviews?status={status}"
    code, body = call(sandbox, "GET", path)
    assert code == 200, body
    return {r["ad_id"]: r for r in body["reviews"]}


def _decide(sandbox, ad_id, **decision):
    return call(sandbox, "POST", f"/reviews/{ad_id}", decision)


def _update(sandbox, ad_id, **fields):
    body = sandbox.post(
        "ad/update/", {"advertiser_id": sandbox.advertiser_id, "ad_id": ad_id, **fields}
    )
    assert body["code"] == 0, body
    return body["data"]


# -- the default: delayed, 60 s of sandbox time -----------------------------------------------


def test_the_default_policy_is_delayed_60_seconds(sandbox):
    assert call(sandbox, "GET", "/review-policy") == (
        200,
        {"mode": "delayed", "delay_seconds": 60, "reject_terms": []},
    )


def test_a_new_ad_is_in_review_for_60_seconds_of_sandbox_time(sandbox):
    ad_id = _new_ad(sandbox)
    assert _review_of(ad_of(sandbox, ad_id)) == ("AD_STATUS_REVIEW", "IN_REVIEW", None)
    advance(sandbox, 59)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_REVIEW"


def test_a_new_ad_is_approved_once_the_clock_passes_the_delay(sandbox):
    ad_id = _new_ad(sandbox)
    advance(sandbox, 61)
    assert _review_of(ad_of(sandbox, ad_id)) == ("AD_STATUS_DELIVERY_OK", "APPROVED", None)


def test_a_new_spark_ad_is_reviewed_like_any_other(sandbox):
    post = linked_spark_post(sandbox, "new routine #dance")
    adgroup_id = seeded(sandbox, "CUSTOMIZED_USER")["adgroup_id"]
    creative = spark_creative("AUTH_CODE", post["identity_id"], post["item_id"])
    (ad_id,) = created(sandbox, adgroup_id, creative)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_REVIEW"
    advance(sandbox, 61)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_DELIVERY_OK"


# -- PUT review-policy ------------------------------------------------------------------------


def test_instant_policy_approves_new_ads_at_once(sandbox):
    assert set_policy(sandbox, mode="instant") == {
        "mode": "instant",
        "delay_seconds": 60,
        "reject_terms": [],
    }
    assert _review_of(ad_of(sandbox, _new_ad(sandbox))) == (
        "AD_STATUS_DELIVERY_OK",
        "APPROVED",
        None,
    )


def test_delayed_policy_uses_its_delay_seconds(sandbox):
    set_policy(sandbox, mode="delayed", delay_seconds=600)
    ad_id = _new_ad(sandbox)
    advance(sandbox, 599)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_REVIEW"
    advance(sandbox, 2)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_DELIVERY_OK"


def test_a_banned_term_in_ad_text_rejects_the_ad_after_the_delay(sandbox):
    set_policy(sandbox, mode="delayed", delay_seconds=60, reject_terms=["miracle"])
    ad_id = _new_ad(sandbox, ad_text="A MIRACLE cream")
    assert _review_of(ad_of(sandbox, ad_id)) == ("AD_STATUS_REVIEW", "IN_REVIEW", None)
    advance(sandbox, 61)
    assert _review_of(ad_of(sandbox, ad_id)) == (
        "AD_STATUS_REJECT",
        "REJECTED",
        REJECTED_FOR.format("miracle"),
    )


def test_a_banned_term_in_the_landing_page_rejects_the_ad(sandbox):
    set_policy(sandbox, mode="delayed", reject_terms=["casino"])
    ad_id = _new_ad(sandbox, landing_page_url="https://example.com/?utm_source=Casino")
    advance(sandbox, 61)
    ad = ad_of(sandbox, ad_id)
    assert (ad["secondary_status"], ad["review_reason"]) == (
        "AD_STATUS_REJECT",
        REJECTED_FOR.format("casino"),
    )


def test_a_banned_term_in_a_spark_posts_caption_rejects_the_spark_ad(sandbox):
    set_policy(sandbox, mode="instant", reject_terms=["#dance"])
    post = linked_spark_post(sandbox, "new routine #DANCE")
    adgroup_id = seeded(sandbox, "CUSTOMIZED_USER")["adgroup_id"]
    creative = spark_creative("AUTH_CODE", post["identity_id"], post["item_id"])
    (ad_id,) = created(sandbox, adgroup_id, creative)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_REJECT"


def test_ads_without_banned_terms_still_pass(sandbox):
    set_policy(sandbox, mode="instant", reject_terms=["miracle"])
    assert ad_of(sandbox, _new_ad(sandbox))["secondary_status"] == "AD_STATUS_DELIVERY_OK"


def test_a_policy_change_keeps_the_reviews_already_pending(sandbox):
    ad_id = _new_ad(sandbox, ad_text="miracle cream")
    set_policy(sandbox, mode="instant", reject_terms=["miracle"])
    advance(sandbox, 61)
    assert _review_of(ad_of(sandbox, ad_id)) == ("AD_STATUS_DELIVERY_OK", "APPROVED", None)


def test_a_partial_policy_keeps_the_other_settings(sandbox):
    set_policy(sandbox, mode="manual", delay_seconds=5, reject_terms=["a"])
    assert set_policy(sandbox, mode="delayed") == {
        "mode": "delayed",
        "delay_seconds": 5,
        "reject_terms": ["a"],
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "mode"),
        ({"mode": "sometimes"}, "mode"),
        ({"mode": "INSTANT"}, "mode"),
        ({"mode": "delayed", "delay_seconds": -1}, "delay_seconds"),
        ({"mode": "delayed", "delay_seconds": "60"}, "delay_seconds"),
        ({"mode": "delayed", "reject_terms": "miracle"}, "reject_terms"),
        ({"mode": "delayed", "reject_terms": [""]}, "reject_terms"),
    ],
)
def test_a_bad_policy_body_is_400_and_changes_nothing(sandbox, body, field):
    set_policy(sandbox, mode="manual", delay_seconds=5, reject_terms=["a"])
    answer = call(sandbox, "PUT", "/review-policy", body)
    error = control_error(answer, 400, "INVALID_PARAMETER")
    assert error["message"].startswith(f"{field}"), error
    assert call(sandbox, "GET", "/review-policy")[1] == {
        "mode": "manual",
        "delay_seconds": 5,
        "reject_terms": ["a"],
    }


def test_the_policy_of_an_unknown_sandbox_is_404(sandbox):
    response = sandbox.client.put(
        "/_mockads/v1/sandboxes/sbx_nope/review-policy", json={"mode": "instant"}
    )
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "NOT_FOUND"


# -- manual review ----------------------------------------------------------------------------


def test_manual_review_keeps_the_ad_in_review_and_lists_it_pending(sandbox):
    set_policy(sandbox, mode="manual")
    ad_id = _new_ad(sandbox)
    advance(sandbox, 30 * DAY)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_REVIEW"
    pending = _reviews(sandbox, "IN_REVIEW")
    assert pending[ad_id] == {
        "ad_id": ad_id,
        "advertiser_id": sandbox.advertiser_id,
        "ad_name": ad_of(sandbox, ad_id)["ad_name"],
        "review_status": "IN_REVIEW",
        "reason": None,
        "decided_at": None,
    }
    assert seeded(sandbox, "AUTH_CODE")["ad_id"] not in pending  # approved by the scenario


def test_a_reviewer_approves_an_ad_now(sandbox):
    set_policy(sandbox, mode="manual")
    ad_id = _new_ad(sandbox)
    status, decided = _decide(sandbox, ad_id, decision="approve")
    assert status == 200, decided
    assert (decided["review_status"], decided["reason"]) == ("APPROVED", None)
    assert decided["decided_at"] == call(sandbox, "GET", "/clock")[1]["now"]
    assert _review_of(ad_of(sandbox, ad_id)) == ("AD_STATUS_DELIVERY_OK", "APPROVED", None)
    assert ad_id in _reviews(sandbox, "APPROVED")
    assert ad_id not in _reviews(sandbox, "IN_REVIEW")


def test_a_reviewer_rejects_an_ad_with_a_reason_shown_in_ad_get(sandbox):
    set_policy(sandbox, mode="manual")
    ad_id = _new_ad(sandbox)
    reason = "Misleading claims about results."
    status, decided = _decide(sandbox, ad_id, decision="reject", reason=reason)
    assert (status, decided["review_status"], decided["reason"]) == (200, "REJECTED", reason)
    assert _review_of(ad_of(sandbox, ad_id)) == ("AD_STATUS_REJECT", "REJECTED", reason)
    assert _reviews(sandbox, "REJECTED")[ad_id]["reason"] == reason


def test_a_rejection_without_reason_gets_a_default_one(sandbox):
    set_policy(sandbox, mode="manual")
    ad_id = _new_ad(sandbox)
    _decide(sandbox, ad_id, decision="reject")
    assert ad_of(sandbox, ad_id)["review_reason"] == "Rejected by the reviewer."


def test_a_reviewer_overrides_any_policy(sandbox):
    set_policy(sandbox, mode="delayed", delay_seconds=600, reject_terms=["miracle"])
    ad_id = _new_ad(sandbox, ad_text="miracle cream")
    _decide(sandbox, ad_id, decision="approve")
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_DELIVERY_OK"


def test_deleted_ads_are_not_listed_for_review(sandbox):
    set_policy(sandbox, mode="manual")
    ad_id = _new_ad(sandbox)
    set_status(sandbox, [ad_id], "DELETE")
    assert ad_id not in _reviews(sandbox)


def test_a_decision_on_an_unknown_ad_is_404(sandbox):
    with nothing_changes(sandbox):
        answer = _decide(sandbox, "7000000000000000066", decision="approve")
    control_error(answer, 404, "NOT_FOUND")


def test_a_decision_on_another_sandboxs_ad_is_404(sandbox, other_sandbox):
    ad_id = _new_ad(sandbox)
    with nothing_changes(sandbox):
        answer = _decide(other_sandbox, ad_id, decision="approve")
    control_error(answer, 404, "NOT_FOUND")
    assert ad_id not in _reviews(other_sandbox)


def test_a_decision_on_a_deleted_ad_is_404(sandbox):
    ad_id = _new_ad(sandbox)
    set_status(sandbox, [ad_id], "DELETE")
    with nothing_changes(sandbox):
        answer = _decide(sandbox, ad_id, decision="approve")
    control_error(answer, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "decision", [{}, {"decision": "maybe"}, {"decision": "reject", "reason": ""}]
)
def test_a_bad_decision_is_400_and_changes_nothing(sandbox, decision):
    set_policy(sandbox, mode="manual")
    ad_id = _new_ad(sandbox)
    with nothing_changes(sandbox):
        answer = _decide(sandbox, ad_id, **decision)
    control_error(answer, 400, "INVALID_PARAMETER")


def test_an_unknown_review_status_filter_is_400(sandbox):
    control_error(call(sandbox, "GET", "/reviews?status=PENDING"), 400, "INVALID_PARAMETER")


# -- ad/update sends the ad back to review ----------------------------------------------------


def test_ad_update_sends_an_approved_ad_back_to_review(sandbox):
    ad_id = seeded(sandbox, "CUSTOMIZED_USER")["ad_id"]
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_DELIVERY_OK"
    updated = _update(sandbox, ad_id, ad_name="Renamed")
    assert (updated["ad_name"], updated["secondary_status"]) == ("Renamed", "AD_STATUS_REVIEW")
    advance(sandbox, 61)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_DELIVERY_OK"


def test_an_edit_with_a_banned_term_gets_the_ad_rejected(sandbox):
    set_policy(sandbox, mode="delayed", reject_terms=["miracle"])
    ad_id = seeded(sandbox, "CUSTOMIZED_USER")["ad_id"]
    _update(sandbox, ad_id, ad_text="Miracle results")
    advance(sandbox, 61)
    assert _review_of(ad_of(sandbox, ad_id)) == (
        "AD_STATUS_REJECT",
        "REJECTED",
        REJECTED_FOR.format("miracle"),
    )


def test_an_edit_removing_the_banned_term_gets_a_rejected_ad_approved(sandbox):
    set_policy(sandbox, mode="instant", reject_terms=["miracle"])
    ad_id = _new_ad(sandbox, ad_text="Miracle results")
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_REJECT"
    _update(sandbox, ad_id, ad_text="Real results")
    assert _review_of(ad_of(sandbox, ad_id)) == ("AD_STATUS_DELIVERY_OK", "APPROVED", None)


def test_ad_update_under_manual_review_waits_for_a_reviewer(sandbox):
    ad_id = seeded(sandbox, "AUTH_CODE")["ad_id"]
    set_policy(sandbox, mode="manual")
    _update(sandbox, ad_id, ad_name="Renamed")
    assert ad_id in _reviews(sandbox, "IN_REVIEW")
    advance(sandbox, DAY)
    assert ad_of(sandbox, ad_id)["secondary_status"] == "AD_STATUS_REVIEW"
