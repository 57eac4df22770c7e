"""The creator's phone in a real browser: the code made step by step, copied with Copy Code
(a real clipboard copy), pasted into Apply for Authorization and linked."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from mockads.testing import CONTROL
from tests.e2e.conftest import Server, ok

_handles = itertools.count(1)


@pytest.fixture
def clipboard_page(browser: Browser, server: Server) -> Iterator[Page]:
    """A tab allowed to write and read the clipboard, as a person's browser is."""
    context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base_url)
    opened = context.new_page()
    yield opened
    context.close()


def test_copy_code_puts_the_new_code_on_the_clipboard_and_it_links(
    clipboard_page: Page, server: Server, sandbox: dict[str, Any]
) -> None:
    page, sid = clipboard_page, sandbox["sandbox_id"]
    handle = f"phone.creator_{next(_handles)}"
    creator = ok(
        server.call("POST", f"{CONTROL}/sandboxes/{sid}/creators", body={"handle": handle}), 201
    )
    post = ok(
        server.call(
            "POST",
            f"{CONTROL}/sandboxes/{sid}/creators/{creator['creator_id']}/posts",
            body={"caption": "Morning routine, part 2"},
        ),
        201,
    )
    page.goto("/console/")
    page.get_by_label("Access token").fill(sandbox["access_token"])
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Creator's phone").click()
    page.get_by_role("link", name=f"@{handle}").click()
    page.get_by_role("button", name="Turn on").click()  # Settings and privacy
    page.get_by_role("link", name="Morning routine, part 2").click()
    page.get_by_role("button", name="Agree to the ad terms").click()
    page.get_by_role("button", name="Turn ad authorization on").click()
    page.get_by_label("60 days").check()
    page.get_by_role("button", name="Generate code").click()
    code = page.get_by_label("Your video code").input_value()
    page.get_by_role("button", name="Copy Code").click()
    expect(page.get_by_text("Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == code

    page.goto("/console/spark-posts/apply")
    page.get_by_label("Video codes").focus()
    page.keyboard.press("Control+V")
    expect(page.get_by_label("Video codes")).to_have_value(code)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Morning routine, part 2")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(f'[data-code="{code}"]')).to_contain_text("Linked.")
    assert post["item_id"] in page.goto("/console/spark-posts").text()  # type: ignore[union-attr]
