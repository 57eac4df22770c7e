"""A class of three in a real browser, as a trainer runs one: the trainer makes the class and
hands out tokens; a trainee does the pull flow from the creator's phone to an approved Spark ad,
a batch of 20 codes, the Duet and a Push; the trainer approves reviews and sees the progress.
With `MOCKADS_SCREENSHOTS=docs/console` the tests leave the README's screenshots there."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from mockads.testing import CONTROL
from tests.browser.conftest import shot, sign_in, tab
from tests.e2e.conftest import Server, ok

_handles = itertools.count(1)
_classes = itertools.count(1)


@pytest.fixture(scope="module")
def class_of_three(browser: Browser, server: Server) -> Iterator[dict[str, str]]:
    """The trainer's class: trainee name → access token, read off the printed sheet."""
    with tab(browser, server) as trainer:
        trainer.goto("/console/trainer")
        trainer.get_by_label("Class name").fill(f"Spark basics {next(_classes)}")
        trainer.get_by_label("Trainees, one name a line").fill("Ana\nBen\nChloé")
        trainer.get_by_role("button", name="Create the class").click()
        expect(trainer.get_by_role("table", name=re.compile("Access tokens"))).to_be_visible()
        shot(trainer, "trainer-sheet")
        rows = trainer.locator("table.sheet tbody tr")
        yield {
            rows.nth(n).locator("td").nth(0).inner_text(): rows.nth(n)
            .locator("td")
            .nth(1)
            .inner_text()
            for n in range(rows.count())
        }


def _sandbox_of(server: Server, token: str) -> dict[str, Any]:
    listed = ok(server.call("GET", f"{CONTROL}/sandboxes"))
    return next(s for s in listed["sandboxes"] if s["access_token"] == token)


def _ready_creator_post(server: Server, sandbox_id: str, caption: str) -> tuple[str, str]:
    """A new creator with one post, made as the app would (the phone does the rest)."""
    handle = f"class.creator_{next(_handles)}"
    base = f"{CONTROL}/sandboxes/{sandbox_id}"
    creator = ok(server.call("POST", f"{base}/creators", body={"handle": handle}), 201)
    ok(
        server.call(
            "POST", f"{base}/creators/{creator['creator_id']}/posts", body={"caption": caption}
        ),
        201,
    )
    return handle, creator["creator_id"]


def _code_on_the_phone(page: Page, handle: str, caption: str) -> str:
    """Settings and privacy → the post → Ad settings → terms → toggle → 30 days → Generate."""
    page.get_by_role("link", name="Creator's phone").click()
    page.get_by_role("link", name=f"@{handle}").click()
    page.get_by_role("button", name="Turn on").click()
    page.get_by_role("link", name=caption).click()
    page.get_by_role("button", name="Agree to the ad terms").click()
    page.get_by_role("button", name="Turn ad authorization on").click()
    page.get_by_label("30 days").check()
    page.get_by_role("button", name="Generate code").click()
    shot(page, "phone-code")
    return page.get_by_label("Your video code").input_value()


def _apply(page: Page, *codes: str) -> None:
    page.get_by_role("link", name="Spark ads posts").click()
    page.get_by_role("link", name="Apply for Authorization").click()
    page.get_by_label("Video codes").fill("\n".join(codes))
    page.get_by_role("button", name="Search").click()


def _approve_all(browser: Browser, server: Server, sandbox_id: str) -> None:
    with tab(browser, server) as trainer:
        trainer.goto(f"/console/trainer/sandboxes/{sandbox_id}/reviews")
        while trainer.get_by_role("button", name="Approve").count():
            trainer.get_by_role("button", name="Approve").first.click()
        expect(trainer.get_by_text("Nothing waits for review.")).to_be_visible()


def _campaign_adgroup(page: Page, name: str) -> None:
    page.get_by_role("link", name="Campaign", exact=True).click()
    page.get_by_role("link", name="Create", exact=True).click()
    page.get_by_label("Traffic").check()
    page.get_by_label("Campaign name").fill(name)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Ad group name").fill(f"{name} - US")
    page.get_by_role("button", name="Continue").click()


def _identity(page: Page, kind: str) -> None:
    """Ad step: choose the first identity of a kind, then open its creative drawer."""
    option = page.locator("#identity option", has_text=kind).first
    page.get_by_label("Identity").select_option(value=option.get_attribute("value"))
    page.get_by_role("button", name="Use this identity").click()


def test_the_pull_flow_from_the_phone_to_an_approved_spark_ad(
    browser: Browser, server: Server, class_of_three: dict[str, str]
) -> None:
    token = class_of_three["Ana"]
    sandbox_id = _sandbox_of(server, token)["sandbox_id"]
    handle, _ = _ready_creator_post(server, sandbox_id, "Our autumn lookbook")
    with tab(browser, server) as page:
        sign_in(page, token)
        shot(page, "spark-ads-posts")
        code = _code_on_the_phone(page, handle, "Our autumn lookbook")
        _apply(page, code)
        shot(page, "apply-search")
        page.get_by_role("button", name="Confirm").click()
        expect(page.locator(f'[data-code="{code}"]')).to_contain_text("Linked.")

        _campaign_adgroup(page, "Autumn")
        _identity(page, f"{handle} (authorized posts)")
        page.get_by_label(re.compile("Our autumn lookbook")).check()
        page.get_by_label("Landing page URL").fill("https://example.com/autumn")
        shot(page, "create-ad")
        page.get_by_role("button", name="Submit").click()
        expect(page.get_by_test_id("review").first).to_contain_text("IN_REVIEW")

        _approve_all(browser, server, sandbox_id)
        page.reload()
        expect(page.get_by_test_id("review").first).to_contain_text("APPROVED")
        expect(page.get_by_test_id("secondary-status").first).to_have_text("AD_STATUS_DELIVERY_OK")
        shot(page, "campaigns")


def test_a_batch_of_twenty_explains_each_failure(
    browser: Browser, server: Server, class_of_three: dict[str, str]
) -> None:
    token = class_of_three["Ben"]
    sandbox = _sandbox_of(server, token)
    sid = sandbox["sandbox_id"]
    failing = [c["auth_code"] for c in sandbox["sample_codes"] if c["ad_auth_status"] == "EXPIRED"]
    failing.append(sandbox["failing_examples"]["unknown_code"])
    good = []
    for n in range(20 - len(failing)):
        _, creator_id = _ready_creator_post(server, sid, f"Batch post {n}")
        path = f"{CONTROL}/sandboxes/{sid}/creators/{creator_id}"
        ok(server.call("PATCH", path, body={"allow_authorized_posts": True}))
        ok(server.call("PATCH", path, body={"accepted_ad_terms": True}))
        (post,) = ok(server.call("GET", f"{path}/posts"))["posts"]
        item = f"{CONTROL}/sandboxes/{sid}/posts/{post['item_id']}"
        ok(server.call("PATCH", item, body={"ad_authorization": True}))
        good.append(
            ok(server.call("POST", f"{item}/authorization", body={"days": 7}), 201)["auth_code"]
        )
    with tab(browser, server) as page:
        sign_in(page, token)
        _apply(page, *good, *failing)
        expect(page.locator("li.card")).to_have_count(20)
        expect(page.get_by_text("The authorization code expired at")).to_be_visible()
        expect(page.get_by_text("The authorization code does not exist")).to_be_visible()
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_text("Linked.", exact=True)).to_have_count(len(good))
        expect(page.get_by_text("Not linked.", exact=True)).to_have_count(len(failing))
        shot(page, "batch-results")


def test_the_duet_and_the_push_exercises(
    browser: Browser, server: Server, class_of_three: dict[str, str]
) -> None:
    token = class_of_three["Chloé"]
    sandbox_id = _sandbox_of(server, token)["sandbox_id"]
    with tab(browser, server) as page:
        sign_in(page, token)
        page.get_by_role("link", name="Exercises").click()
        task = page.locator('[data-exercise="link-a-duet"] p').inner_text()
        duet_code, original_code = re.findall(r"#[A-Za-z0-9+/]{20,}", task)
        _apply(page, duet_code)
        expect(page.get_by_text("both creators must authorize it")).to_be_visible()
        page.get_by_label("Video code of the original post").fill(original_code)
        page.get_by_role("button", name="Confirm").click()
        expect(page.locator(f'[data-code="{duet_code}"]')).to_contain_text("Linked.")

        _campaign_adgroup(page, "Push")
        _identity(page, "(TikTok account)")
        page.locator('input[value^="video:"]').first.check()
        page.get_by_label("Ad text").fill("New in: the autumn drop")
        page.get_by_role("button", name="Submit").click()
        _approve_all(browser, server, sandbox_id)

        page.get_by_role("link", name="Creator's phone").click()
        brand = ok(server.call("GET", f"{CONTROL}/sandboxes/{sandbox_id}"))["identities"]
        brand_name = next(i["display_name"] for i in brand if i["identity_type"] == "TT_USER")
        page.get_by_role("link", name=re.compile(re.escape(brand_name))).click()
        pushed = page.get_by_role("listitem").filter(has_text="New in: the autumn drop")
        expect(pushed).to_contain_text("PRIVATE")

        page.get_by_role("link", name="Exercises").click()
        for key in ("link-a-duet", "push-a-video"):
            expect(page.locator(f'[data-exercise="{key}"] [data-testid="state"]')).to_have_text(
                "Done"
            )
        shot(page, "exercises")

    with tab(browser, server) as trainer:
        trainer.goto("/console/trainer")
        row = trainer.locator(f'tr[data-sandbox="{sandbox_id}"]')
        expect(row.get_by_test_id("progress")).to_contain_text("2 of 5")
        shot(trainer, "trainer")
