"""Onboarding end to end: a small OAuth client (a "Connect TikTok" link and a redirect handler on
a local port) sends the advertiser through the real authorization page in Chromium, exchanges
the code it gets back and calls the mirror with the token; the same client onboards through the
control plane's shortcut, without a browser."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, expect

from mockads.testing import CONTROL
from tests.browser.conftest import sign_in, tab
from tests.e2e.conftest import Server, ok


class OAuthClient:
    """What an integration runs: its app's credentials, a redirect handler, the tokens it got."""

    def __init__(self, mockads_url: str) -> None:
        self.mockads_url = mockads_url
        self.app: dict[str, Any] = {}
        self.state = "csrf-7f3a"
        self.callbacks: list[dict[str, list[str]]] = []
        self.tokens: list[dict[str, Any]] = []
        self.refusals: list[dict[str, Any]] = []

    def authorization_url(self) -> str:
        """Where "Connect TikTok" sends the advertiser."""
        query = {
            "app_id": self.app["app_id"],
            "state": self.state,
            "redirect_uri": self.app["redirect_uris"][0],
        }
        return f"{self.mockads_url}/portal/auth?{urlencode(query)}"

    def exchange(self, auth_code: str) -> dict[str, Any]:
        """`oauth2/access_token/` from the app's server: no Access-Token, the app's secret."""
        body = {"app_id": self.app["app_id"], "secret": self.app["secret"], "auth_code": auth_code}
        return self._post("/open_api/v1.3/oauth2/access_token/", body)

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{self.mockads_url}{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)  # type: ignore[no-any-return]

    def callback(self, query: dict[str, list[str]]) -> str:
        """The redirect handler: check the state, exchange the code, keep the token."""
        self.callbacks.append(query)
        if query.get("state") != [self.state]:
            return "state mismatch"
        if "code" not in query:
            return "You did not connect TikTok."
        answer = self.exchange(query["code"][0])
        if answer["code"] != 0:
            self.refusals.append(answer)
            return f"TikTok refused: {answer['message']}"
        self.tokens.append(answer["data"])
        return "Connected to TikTok."


@contextmanager
def running(client: OAuthClient) -> Iterator[str]:
    """The client's web server on a free local port; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/connect":
                self.send_response(302)
                self.send_header("Location", client.authorization_url())
                self.end_headers()
                return
            if url.path != "/callback":  # the browser's favicon.ico, say
                self.send_error(404)
                return
            text = client.callback(parse_qs(url.query)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write(text)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def oauth_client(server: Server, sandbox: dict[str, Any]) -> Iterator[OAuthClient]:
    """The client, its app registered in the sandbox with the handler's URL."""
    client = OAuthClient(server.base_url)
    with running(client) as url:
        client.app = ok(
            server.call(
                "POST",
                f"{CONTROL}/sandboxes/{sandbox['sandbox_id']}/apps",
                body={"name": "Acme Reporting", "redirect_uris": [f"{url}/callback"]},
            ),
            201,
        )
        client.url = url  # type: ignore[attr-defined]
        yield client


def _campaigns(server: Server, token: str, advertiser_id: str) -> dict[str, Any]:
    return server.call(
        "GET", "/open_api/v1.3/campaign/get/", token=token, advertiser_id=advertiser_id
    )[1]


def test_an_app_onboards_through_the_page_in_chromium_then_calls_the_mirror(
    browser: Browser, server: Server, sandbox: dict[str, Any], oauth_client: OAuthClient
) -> None:
    advertiser_id = sandbox["advertiser_ids"][0]
    with tab(browser, server) as page:
        sign_in(page, sandbox["access_token"])
        page.goto(f"{oauth_client.url}/connect")  # type: ignore[attr-defined]
        expect(page.get_by_test_id("app-name")).to_have_text("Acme Reporting")
        page.get_by_label("Reporting").uncheck()
        page.get_by_role("button", name="Authorize").click()
        expect(page.locator("body")).to_have_text("Connected to TikTok.")
    (query,) = oauth_client.callbacks
    assert query["auth_code"] == query["code"] and query["state"] == [oauth_client.state]
    (granted,) = oauth_client.tokens
    assert granted["advertiser_ids"] == [advertiser_id]
    assert granted["scope"] == [1, 2, 4, 5, 6]  # every group but Reporting
    assert _campaigns(server, granted["access_token"], advertiser_id)["code"] == 0
    report = server.call(
        "GET",
        "/open_api/v1.3/report/integrated/get/",
        token=granted["access_token"],
        advertiser_id=advertiser_id,
    )[1]
    assert report["code"] == 40001 and "'Reporting'" in report["message"]
    again = oauth_client.exchange(query["code"][0])
    assert again["code"] == 40110


def test_refusing_on_the_page_gives_the_app_no_code(
    browser: Browser, server: Server, sandbox: dict[str, Any], oauth_client: OAuthClient
) -> None:
    with tab(browser, server) as page:
        sign_in(page, sandbox["access_token"])
        page.goto(f"{oauth_client.url}/connect")  # type: ignore[attr-defined]
        page.get_by_role("button", name="Cancel").click()
        expect(page.locator("body")).to_have_text("You did not connect TikTok.")
    assert oauth_client.callbacks == [{"state": [oauth_client.state]}]
    assert oauth_client.tokens == []


def test_an_unregistered_redirect_uri_shows_an_error_in_chromium(
    browser: Browser, server: Server, sandbox: dict[str, Any], oauth_client: OAuthClient
) -> None:
    query = urlencode(
        {
            "app_id": oauth_client.app["app_id"],
            "state": "s",
            "redirect_uri": "https://evil.example/",
        }
    )
    with tab(browser, server) as page:
        sign_in(page, sandbox["access_token"])
        page.goto(f"/marketing_api/auth?{query}")
        expect(page.get_by_role("heading")).to_have_text("This authorization link does not work")
        assert urlsplit(page.url).path == "/marketing_api/auth"
    assert oauth_client.callbacks == []


def test_an_app_onboards_through_the_control_plane_shortcut_then_calls_the_mirror(
    server: Server, sandbox: dict[str, Any], oauth_client: OAuthClient
) -> None:
    advertiser_id = sandbox["advertiser_ids"][0]
    consent = ok(
        server.call(
            "POST",
            f"{CONTROL}/sandboxes/{sandbox['sandbox_id']}/apps/{oauth_client.app['app_id']}/auth_codes",
            body={
                "redirect_uri": oauth_client.app["redirect_uris"][0],
                "advertiser_ids": [advertiser_id],
                "scopes": ["ads_management"],
            },
        ),
        201,
    )
    callback = f"{oauth_client.url}/callback?" + urlencode(  # type: ignore[attr-defined]
        {
            "auth_code": consent["auth_code"],
            "code": consent["auth_code"],
            "state": oauth_client.state,
        }
    )
    with urllib.request.urlopen(callback, timeout=10) as response:
        assert response.read().decode() == "Connected to TikTok."
    (granted,) = oauth_client.tokens
    assert granted["scope"] == [2]
    assert _campaigns(server, granted["access_token"], advertiser_id)["code"] == 0
