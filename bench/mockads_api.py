"""The mockads endpoints the benchmark drives: the target request and sandbox lifecycle."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

from client import UnexpectedResponse, expect_status, request

SANDBOXES_PATH = "/_mockads/v1/sandboxes"
VIDEO_INFO_PATH = "/open_api/v1.3/tt_video/info/"
USABLE_CODE_STATUSES = {"ACTIVE", "AUTHORIZED"}


@dataclass(frozen=True)
class Target:
    """The request put under load: a URL and the headers to send with it."""

    url: str
    headers: dict[str, str]


@dataclass(frozen=True)
class SandboxTimings:
    """Client-observed durations in milliseconds of each sandbox operation."""

    create_ms: list[float]
    reset_ms: list[float]
    delete_ms: list[float]


def _usable(sample_code: dict[str, str]) -> bool:
    """Return whether a sample code's status (key status or ad_auth_status) makes it usable."""
    status = sample_code.get("status", sample_code.get("ad_auth_status"))
    return status in USABLE_CODE_STATUSES


def video_info_target(base_url: str) -> Target:
    """Build the tt_video/info request from the default sandbox's token, advertiser and code."""
    sandbox = expect_status(request("GET", f"{base_url}{SANDBOXES_PATH}/default"), 200).json()
    return video_info_target_from(sandbox, base_url)


def video_info_target_from(sandbox: dict[str, Any], base_url: str) -> Target:
    """The tt_video/info request of a sandbox's summary, at base_url ("" for a path)."""
    try:
        token = sandbox["access_token"]
        advertiser_id = sandbox["advertiser_ids"][0]
        code = next(c["auth_code"] for c in sandbox["sample_codes"] if _usable(c))
    except (KeyError, IndexError, TypeError, StopIteration) as error:
        raise UnexpectedResponse(
            f"default sandbox lacks a token, advertiser or usable code ({error!r}): {sandbox}"
        ) from error
    query = f"advertiser_id={advertiser_id}&auth_code={urllib.parse.quote(code, safe='')}"
    return Target(f"{base_url}{VIDEO_INFO_PATH}?{query}", {"Access-Token": token})


def verify_target(target: Target) -> None:
    """Check that the target request answers HTTP 200 with JSON "code": 0."""
    response = expect_status(request("GET", target.url, headers=target.headers), 200)
    body = response.json()
    if not isinstance(body, dict) or body.get("code") != 0:
        raise UnexpectedResponse(f'expected JSON with "code": 0: {response.describe()}')


def time_sandbox_operations(base_url: str, count: int) -> SandboxTimings:
    """Create count sandboxes (seeds 1..count), then reset each, then delete each."""
    create_ms: list[float] = []
    sandbox_ids: list[str] = []
    for seed in range(1, count + 1):
        body = {"scenario": "default", "seed": seed}
        response = expect_status(request("POST", base_url + SANDBOXES_PATH, body=body), 201)
        payload = response.json()
        sandbox_id = payload.get("sandbox_id") if isinstance(payload, dict) else None
        if not sandbox_id:
            raise UnexpectedResponse(f"no sandbox_id in {response.describe()}")
        create_ms.append(response.elapsed_ms)
        sandbox_ids.append(str(sandbox_id))
    urls = [f"{base_url}{SANDBOXES_PATH}/{urllib.parse.quote(i, safe='')}" for i in sandbox_ids]
    reset_ms = [
        expect_status(request("POST", f"{url}/reset", body={}), 200).elapsed_ms for url in urls
    ]
    delete_ms = [expect_status(request("DELETE", url), 200, 204).elapsed_ms for url in urls]
    return SandboxTimings(create_ms, reset_ms, delete_ms)
