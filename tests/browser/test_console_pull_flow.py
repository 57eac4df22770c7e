"""The pull flow in a real browser: the creator's code (made on the phone side through the
control plane for now), then Ads Manager: Apply for Authorization, Search, Confirm."""

from __future__ import annotations

import itertools
from typing import Any

from playwright.sync_api import Page, expect

from mockads.testing import CONTROL
from tests.e2e.conftest import Server, ok

_handles = itertools.count(1)


def _sign_in(page: Page, token: str) -> None:
    page.goto("/console/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Access token").fill(token)
    page.get_by_role("button", name="Sign in").click()


def _fresh_code(server: Server, sandbox: dict[str, Any], caption: str) -> dict[str, Any]:
    """What a creator does in the app: a new post, Ad authorization on, a 30-day code."""
    sid = sandbox["sandbox_id"]
    handle = f"browser.creator_{next(_handles)}"
    creator = ok(
        server.call("POST", f"{CONTROL}/sandboxes/{sid}/creators", body={"handle": handle}), 201
    )
    path = f"{CONTROL}/sandboxes/{sid}/creators/{creator['creator_id']}"
    ok(server.call("PATCH", path, body={"allow_authorized_posts": True}))
    ok(server.call("PATCH", path, body={"accepted_ad_terms": True}))
    post = ok(server.call("POST", f"{path}/posts", body={"caption": caption}), 201)
    item = f"{CONTROL}/sandboxes/{sid}/posts/{post['item_id']}"
    ok(server.call("PATCH", item, body={"ad_authorization": True}))
    return ok(server.call("POST", f"{item}/authorization", body={"days": 30}), 201)


def test_a_trainee_links_a_creators_code_and_sees_it_among_spark_ads_posts(
    page: Page, server: Server, sandbox: dict[str, Any]
) -> None:
    code = _fresh_code(server, sandbox, "Spring collection try-on")
    _sign_in(page, sandbox["access_token"])
    expect(page.get_by_role("heading", name="Spark ads posts")).to_be_visible()
    expect(page.get_by_test_id("sandbox")).to_have_text(sandbox["name"])

    page.get_by_role("link", name="Apply for Authorization").click()
    page.get_by_label("Video codes").fill(code["auth_code"])
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Spring collection try-on")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Linked.")).to_be_visible()

    page.get_by_role("link", name="Back to Spark ads posts").click()
    row = page.locator(f'tr[data-item-id="{code["item_id"]}"]')
    expect(row).to_contain_text("Spring collection try-on")
    expect(row).to_contain_text("AUTHORIZED")


def test_refused_codes_are_explained_one_by_one(
    page: Page, server: Server, sandbox: dict[str, Any]
) -> None:
    expired = next(c for c in sandbox["sample_codes"] if c["ad_auth_status"] == "EXPIRED")
    good = _fresh_code(server, sandbox, "A post that links")
    _sign_in(page, sandbox["access_token"])
    page.goto("/console/spark-posts/apply")
    page.get_by_label("Video codes").fill(f"{expired['auth_code']}\n{good['auth_code']}")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("The authorization code expired at")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(f'[data-code="{good["auth_code"]}"]')).to_contain_text("Linked.")
    expect(page.locator(f'[data-code="{expired["auth_code"]}"]')).to_contain_text("Not linked.")
