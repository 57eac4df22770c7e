"""Fixtures of the browser suite: a real `mockads serve`, and Debian's Chromium driven by
pytest-playwright (whose `page` and `browser` fixtures the tests use; Playwright's own browser
download does not work here, and `.ci/run` installs `chromium` with apt-get when it is
missing)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from mockads.testing import CONTROL
from tests.e2e.conftest import Server, ok, serving

CHROMIUM = os.environ.get("MOCKADS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
#: Where `shot` saves screenshots (the README's come from `MOCKADS_SCREENSHOTS=docs/console`).
SCREENSHOTS = os.environ.get("MOCKADS_SCREENSHOTS")


def shot(page: Page, name: str) -> None:
    """A screenshot of the page for the README, when `MOCKADS_SCREENSHOTS` names a folder."""
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches Debian's Chromium, as root without its sandbox."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium (or MOCKADS_CHROMIUM=)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """`mockads serve` on a free port for the browser tests."""
    with serving([sys.executable, "-m", "mockads", "serve", "--port", "0"]) as running:
        yield running


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    """Where pytest-playwright's pages go: the server's console."""
    return server.base_url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {
        **browser_context_args,
        "base_url": base_url,
        "viewport": {"width": 1280, "height": 800},
    }


@pytest.fixture
def sandbox(server: Server) -> Iterator[dict[str, Any]]:
    """A trainee's own sandbox on that server, deleted afterwards."""
    made = ok(server.call("POST", f"{CONTROL}/sandboxes", body={"seed": 11}), 201)
    yield made
    server.call("DELETE", f"{CONTROL}/sandboxes/{made['sandbox_id']}")


@contextmanager
def tab(browser: Browser, server: Server, *, clipboard: bool = False) -> Iterator[Page]:
    """A browser tab of its own person (own cookies), at 1280 by 800."""
    context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 800})
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base_url)
    try:
        yield context.new_page()
    finally:
        context.close()


def sign_in(page: Page, token: str) -> None:
    """Sign in to the console with a sandbox's access token."""
    page.goto("/console/")
    page.get_by_label("Access token").fill(token)
    page.get_by_role("button", name="Sign in").click()
