"""The whole Spark ad flow against a real `mockads serve` process, over HTTP.

A creator authorizes a post, the advertiser links the code, builds a campaign, an ad group and a
Spark plus a non-Spark ad in it; review passes with the sandbox clock, and the Spark ad shows
its authorization lapse once the code's period ends.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

import pytest

pytestmark = pytest.mark.e2e

STARTUP_TIMEOUT = 20.0
MIRROR = "/open_api/v1.3"
DAY = 86_400


class Server:
    """A running `mockads serve` and a tiny JSON-over-HTTP client for it."""

    def __init__(self, process: subprocess.Popen[str], base_url: str) -> None:
        self.process = process
        self.base_url = base_url
        self.token: str | None = None  # sent as Access-Token when set

    def call(self, method: str, path: str, body: Any = None, **query: Any) -> tuple[int, Any]:
        """One request; arrays and objects in the query JSON-encoded, as real clients do."""
        url = f"{self.base_url}{path}"
        if query:
            encoded = {
                k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in query.items()
            }
            url += "?" + urlencode(encoded, quote_via=quote)
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Access-Token", self.token)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read() or b"null")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    process = subprocess.Popen(
        [sys.executable, "-m", "mockads", "serve", "--port", "0", "--threads", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield Server(process, _base_url(process))
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def _base_url(process: subprocess.Popen[str]) -> str:
    """The URL of `mockads serving on http://...`, once the banner (up to its curl) is read."""
    assert process.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("mockads serve exited:\n" + "".join(seen))
        seen.append(line)
        if line.strip().startswith("curl "):
            banner = "".join(seen)
            return re.search(r"serving on (http://\S+)", banner).group(1)  # type: ignore[union-attr]
    raise AssertionError("no banner in time:\n" + "".join(seen))


def _ok(answer: tuple[int, Any], status: int = 200) -> Any:
    code, body = answer
    assert code == status, body
    if isinstance(body, dict) and "request_id" in body:
        assert (body["code"], body["message"]) == (0, "OK"), body
        return body["data"]
    return body


def _seconds(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp()


def test_a_spark_and_a_non_spark_ad_pass_review_then_the_spark_ad_lapses_with_its_code(
    server: Server,
) -> None:
    sandbox = _ok(server.call("POST", "/_mockads/v1/sandboxes", {"seed": 11}), 201)
    sid, adv = sandbox["sandbox_id"], sandbox["advertiser_ids"][0]
    control = f"/_mockads/v1/sandboxes/{sid}"
    server.token = sandbox["access_token"]
    try:
        # The creator's side: a ready account, a post, a 7-day code.
        creator = _ok(server.call("POST", f"{control}/creators", {"handle": "e2e.dancer"}), 201)
        creator_path = f"{control}/creators/{creator['creator_id']}"
        _ok(server.call("PATCH", creator_path, {"allow_authorized_posts": True}))
        _ok(server.call("PATCH", creator_path, {"accepted_ad_terms": True}))
        post = _ok(server.call("POST", f"{creator_path}/posts", {"caption": "e2e #dance"}), 201)
        item_id = post["item_id"]
        _ok(server.call("PATCH", f"{control}/posts/{item_id}", {"ad_authorization": True}))
        code = _ok(
            server.call("POST", f"{control}/posts/{item_id}/authorization", {"days": 7}), 201
        )

        # The advertiser links the code and builds campaign, ad group and two ads.
        _ok(
            server.call(
                "POST",
                f"{MIRROR}/tt_video/authorize/",
                {"advertiser_id": adv, "auth_code": code["auth_code"]},
            )
        )
        campaign = _ok(
            server.call(
                "POST",
                f"{MIRROR}/campaign/create/",
                {"advertiser_id": adv, "campaign_name": "E2E spring", "objective_type": "TRAFFIC"},
            )
        )
        adgroup = _ok(
            server.call(
                "POST",
                f"{MIRROR}/adgroup/create/",
                {
                    "advertiser_id": adv,
                    "campaign_id": campaign["campaign_id"],
                    "adgroup_name": "E2E US",
                    "location_ids": ["6252001"],
                    "schedule_start_time": "2026-01-01 00:00:00",
                    "optimization_goal": "CLICK",
                    "billing_event": "CPC",
                },
            )
        )
        existing = _ok(server.call("GET", f"{MIRROR}/ad/get/", advertiser_id=adv))["list"]
        library = next(a for a in existing if a["identity_type"] == "CUSTOMIZED_USER")
        identities = _ok(
            server.call(
                "GET", f"{MIRROR}/identity/get/", advertiser_id=adv, identity_type="AUTH_CODE"
            )
        )["identity_list"]
        assert creator["identity_id"] in {i["identity_id"] for i in identities}
        made = _ok(
            server.call(
                "POST",
                f"{MIRROR}/ad/create/",
                {
                    "advertiser_id": adv,
                    "adgroup_id": adgroup["adgroup_id"],
                    "creatives": [
                        {
                            "ad_name": "E2E Spark",
                            "identity_type": "AUTH_CODE",
                            "identity_id": creator["identity_id"],
                            "tiktok_item_id": item_id,
                            "landing_page_url": "https://example.com/?utm_source=tiktok",
                        },
                        {
                            "ad_name": "E2E library",
                            "identity_type": "CUSTOMIZED_USER",
                            "identity_id": library["identity_id"],
                            "video_id": library["video_id"],
                            "ad_text": "Spring is here",
                        },
                    ],
                },
            )
        )
        spark_id, library_id = made["ad_ids"]

        def statuses() -> dict[str, dict[str, Any]]:
            listed = _ok(
                server.call(
                    "GET",
                    f"{MIRROR}/ad/get/",
                    advertiser_id=adv,
                    filtering={"adgroup_ids": [adgroup["adgroup_id"]]},
                )
            )["list"]
            return {a["ad_id"]: a for a in listed}

        ads = statuses()
        assert set(ads) == {spark_id, library_id}
        assert {a["secondary_status"] for a in ads.values()} == {"AD_STATUS_REVIEW"}
        assert ads[spark_id]["ad_text"] == "e2e #dance"
        assert ads[spark_id]["utm_params"] == [{"key": "utm_source", "value": "tiktok"}]

        # 61 s of sandbox time later review has passed.
        _ok(server.call("POST", f"{control}/clock", {"advance_seconds": 61}))
        ads = statuses()
        assert {a["secondary_status"] for a in ads.values()} == {"AD_STATUS_DELIVERY_OK"}
        assert ads[spark_id]["creative_authorized"] is True

        # Past the code's end the Spark ad stops, the library ad runs on.
        now = _ok(server.call("GET", f"{control}/clock"))["now"]
        _ok(
            server.call(
                "POST",
                f"{control}/clock",
                {"advance_seconds": _seconds(code["auth_end_time"]) - _seconds(now) + 1},
            )
        )
        ads = statuses()
        assert ads[spark_id]["secondary_status"] == "AD_STATUS_SPARK_AUTHORIZATION_EXPIRED"
        assert ads[spark_id]["creative_authorized"] is False
        assert ads[library_id]["secondary_status"] == "AD_STATUS_DELIVERY_OK"
    finally:
        server.token = None
        assert server.call("DELETE", control)[0] == 204
