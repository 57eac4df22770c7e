"""The console at phone width and from the keyboard: no page scrolls sideways at 375 pixels,
and signing in, searching a code and confirming work without a mouse."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import sign_in
from tests.e2e.conftest import Server

#: The elements that reach past the window's right edge (what a failure names).
_WIDE = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName + '.' + e.className).slice(0, 8)"""
PAGES = [
    "/console/spark-posts",
    "/console/spark-posts/apply",
    "/console/campaigns",
    "/console/campaigns/new",
    "/console/phone",
    "/console/exercises",
    "/console/trainer",
]


@pytest.fixture
def narrow(browser: Browser, server: Server) -> Page:
    context = browser.new_context(base_url=server.base_url, viewport={"width": 375, "height": 740})
    yield context.new_page()
    context.close()


def test_no_page_scrolls_sideways_on_a_phone(narrow: Page, sandbox: dict[str, Any]) -> None:
    sign_in(narrow, sandbox["access_token"])
    item = sandbox["sample_codes"][0]["item_id"]
    for path in [*PAGES, f"/console/phone/posts/{item}"]:
        narrow.goto(path)
        overflow = narrow.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow, narrow.evaluate(_WIDE))


def test_sign_in_search_and_confirm_from_the_keyboard(page: Page, sandbox: dict[str, Any]) -> None:
    code = next(c for c in sandbox["sample_codes"] if c["case"] == "READY")["auth_code"]
    page.goto("/console/sign-in")
    page.keyboard.press("Tab")  # the skip link first
    page.keyboard.press("Tab")
    expect(page.get_by_label("Access token")).to_be_focused()
    page.keyboard.type(sandbox["access_token"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Spark ads posts")).to_be_visible()
    page.goto("/console/spark-posts/apply")
    page.get_by_label("Video codes").focus()
    page.keyboard.type(code)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Search")).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Confirm").focus()
    page.keyboard.press("Enter")
    expect(page.locator(f'[data-code="{code}"]')).to_contain_text("Linked.")
