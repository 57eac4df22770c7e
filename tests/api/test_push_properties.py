"""Push Spark ads under random sequences of what clients and reviewers do (Hypothesis).

Whatever the order of creates, edits, reviews, deletes, policy changes and clock moves, what a
client sees stays coherent: the brand account's new posts are exactly the item ids the pushed ads
report; each ad publishes at most one post; a post once seen never goes away; and a post is up
only for an ad whose review showed approval, PRIVATE, captioned with the ad's text of that time.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from mockads.testing import CONTROL, Sandbox
from tests import generation
from tests.api.ads_helpers import ALL, brand_posts
from tests.api.push_helpers import account, adgroup_id, library_video

TEXTS = st.sampled_from(["Spring drop #push", "New colours are in", "Last call, 20% off"])


class PushedAdsMachine(RuleBasedStateMachine):
    """One sandbox (clock frozen), the brand account, and pushed ads driven at random."""

    ads = Bundle("ads")

    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.app = app
        self.sandbox: Sandbox | None = None
        self.seen: dict[str, str] = {}  # item id of every post seen so far -> its caption

    @initialize()
    def open_sandbox(self) -> None:
        client = self.app.test_client()
        response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 1})
        assert response.status_code == 201
        self.sandbox = sandbox = Sandbox(client, response.get_json())
        assert sandbox.control("POST", "/clock", {"frozen": True})["frozen"] is True
        self.account = account(sandbox)
        self.adgroup_id = adgroup_id(sandbox)
        self.video_id = library_video(sandbox)["video_id"]
        self.before = {p["item_id"] for p in brand_posts(sandbox, self.account)}

    def teardown(self) -> None:
        if self.sandbox is not None:
            self.sandbox.client.delete(f"{CONTROL}/sandboxes/{self.sandbox.sandbox_id}")

    # -- what clients and reviewers do ----------------------------------------------------------

    @rule(target=ads, text=TEXTS)
    def create(self, text: str) -> str:
        body = self._sandbox.post(
            "ad/create/",
            {
                "advertiser_id": self._sandbox.advertiser_id,
                "adgroup_id": self.adgroup_id,
                "creatives": [
                    {
                        "ad_name": "pushed",
                        "identity_type": "TT_USER",
                        "identity_id": self.account["identity_id"],
                        "video_id": self.video_id,
                        "ad_text": text,
                    }
                ],
            },
        )
        assert body["code"] == 0, body
        return body["data"]["ad_ids"][0]

    @rule(ad_id=ads, text=TEXTS)
    def edit_text(self, ad_id: str, text: str) -> None:
        body = self._update(ad_id, ad_text=text)
        # Refused only once the post is up (its caption is locked) or the ad was deleted.
        assert (
            body["code"] == 0
            or "[AD_TEXT_NOT_CAPTION]" in body["message"]
            or (body["code"] == 40700)
        ), body

    @rule(ad_id=ads)
    def rename(self, ad_id: str) -> None:
        body = self._update(ad_id, ad_name="renamed")
        assert body["code"] in (0, 40700), body

    @rule(ad_id=ads, decision=st.sampled_from(["approve", "reject"]))
    def review(self, ad_id: str, decision: str) -> None:
        answer = self._sandbox.control("POST", f"/reviews/{ad_id}", {"decision": decision})
        assert "review_status" in answer or answer["error"]["code"] == "NOT_FOUND", answer

    @rule(ad_id=ads, status=st.sampled_from(["DISABLE", "ENABLE", "DELETE"]))
    def set_status(self, ad_id: str, status: str) -> None:
        body = self._sandbox.post(
            "ad/status/update/",
            {
                "advertiser_id": self._sandbox.advertiser_id,
                "ad_ids": [ad_id],
                "operation_status": status,
            },
        )
        assert body["code"] in (0, 40700), body

    @rule(mode=st.sampled_from(["instant", "delayed", "manual"]))
    def set_policy(self, mode: str) -> None:
        answer = self._sandbox.control("PUT", "/review-policy", {"mode": mode})
        assert answer["mode"] == mode

    @rule(seconds=st.sampled_from([1, 30, 59, 61, 3600]))
    def advance(self, seconds: int) -> None:
        self._sandbox.control("POST", "/clock", {"advance_seconds": seconds})

    # -- what must hold after every step ----------------------------------------------------------

    @invariant()
    def posts_are_exactly_what_the_ads_report(self) -> None:
        if self.sandbox is None:
            return
        posts = {
            p["item_id"]: p
            for p in brand_posts(self.sandbox, self.account)
            if p["item_id"] not in self.before
        }
        ads = self._pushed_ads()
        reported = [ad["tiktok_item_id"] for ad in ads if ad["tiktok_item_id"] is not None]
        assert len(reported) == len(set(reported)), "two ads report one post"
        assert set(posts) == set(reported)
        for ad in ads:
            item_id = ad["tiktok_item_id"]
            if ad["operation_status"] != "DELETE" and ad["review_status"] == "APPROVED":
                assert item_id is not None, "an approved ad published nothing"
            if item_id is None:
                continue
            post = posts[item_id]
            assert post["privacy"] == "PRIVATE"
            # A caption never changes after publication; the text may only match it since.
            assert post["text"] == self.seen.get(item_id, ad["ad_text"]) == ad["ad_text"]
            self.seen.setdefault(item_id, post["text"])
        assert set(self.seen) <= set(posts), "a published post went away"

    # -- plumbing ---------------------------------------------------------------------------------

    @property
    def _sandbox(self) -> Sandbox:
        assert self.sandbox is not None
        return self.sandbox

    def _update(self, ad_id: str, **fields: Any) -> dict[str, Any]:
        return self._sandbox.post(
            "ad/update/", {"advertiser_id": self._sandbox.advertiser_id, "ad_id": ad_id, **fields}
        )

    def _pushed_ads(self) -> list[dict[str, Any]]:
        body = self._sandbox.get(
            "ad/get/",
            advertiser_id=self._sandbox.advertiser_id,
            filtering=ALL,
            page_size=1000,
        )
        assert body["code"] == 0, body
        return [
            ad
            for ad in body["data"]["list"]
            if ad["video_id"] == self.video_id and (ad["identity_type"] == "TT_USER")
        ]


def test_pushed_posts_stay_coherent_whatever_clients_and_reviewers_do(mockads_app):
    run_state_machine_as_test(
        lambda: PushedAdsMachine(mockads_app),
        settings=settings(
            max_examples=generation.examples(40),
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
