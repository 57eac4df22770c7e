"""What `mockads serve` prints on start: where to call, with which token, and codes to try."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from mockads.domain.clock import format_time
from mockads.services.sandboxes import (
    DEFAULT_SANDBOX_ID,
    SampleCode,
    SandboxSummary,
    get_sandbox,
)

if TYPE_CHECKING:  # `mockads scenario show` prints codes without importing Flask
    from flask import Flask

__all__ = ["app_lines", "banner", "code_lines"]


def banner(
    app: Flask, base_url: str, *, proxy: tuple[str, Path] | None = None, workers: int = 1
) -> str:
    """A few lines a newcomer can copy from; `proxy` (its URL and the CA certificate's path)
    adds how to reach the sandbox as TikTok's own hosts; `workers` over 1 says how many
    processes share which database."""
    runtime = app.extensions["mockads"]
    summary = get_sandbox(runtime.store, DEFAULT_SANDBOX_ID)
    sandbox = summary.sandbox
    lines = [
        f"mockads serving on {base_url}",
        f"  mirror        {base_url}/open_api/v1.3/",
        f"  control plane {base_url}/_mockads/v1/  (contract: {base_url}/openapi.yaml)",
        f"  console       {base_url}/console/  (sign in with the Access-Token below)",
        f"  sandbox       {sandbox.sandbox_id} (scenario {sandbox.scenario}, seed {sandbox.seed})",
        f"  Access-Token  {sandbox.access_token}",
        f"  advertiser_id {', '.join(a.advertiser_id for a in summary.advertisers)}",
        *app_lines(summary),
    ]
    if workers > 1:
        database = _hide_password(runtime.settings.db)
        lines.append(f"  workers       {workers} processes (gunicorn) sharing {database}")
    if runtime.admin_token:
        lines.append(f"  admin token   {runtime.admin_token}  (Authorization: Bearer ...)")
    if proxy is not None:
        lines += _proxy_lines(*proxy)
    lines += code_lines(summary)
    lines += _curl(summary, base_url)
    return "\n".join(lines)


def _hide_password(url: str) -> str:
    """A database URL as it may be printed: `user:***@host`."""
    scheme, sep, rest = url.partition("://")
    credentials, at, place = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    return f"{scheme}{sep}{credentials.split(':', 1)[0]}:***@{place}"


def app_lines(summary: SandboxSummary) -> list[str]:
    """Each registered app's credentials and redirect URIs, for onboarding (`oauth2/*`)."""
    return [
        f"  app           {app.name}: app_id {app.app_id}, secret {app.secret}\n"
        f"                redirect_uri {', '.join(app.redirect_uris)}"
        for app in summary.apps
    ]


def code_lines(
    summary: SandboxSummary,
    label: Callable[[SampleCode], str] = lambda code: code.case,
    *,
    end_times: bool = False,
) -> list[str]:
    """Each code with what linking it does now (`label`: its case by default), then inputs
    that always fail; `end_times` adds when each authorization ends."""
    lines = ["  Spark codes (what tt_video/authorize does with each now):"]
    labels = [label(c) for c in summary.sample_codes]
    width = max(len(text) for text in [*labels, "AUTH_CODE_NOT_FOUND"])
    by_item = {c.item_id: c.auth_code for c in summary.sample_codes}
    for code, text in zip(summary.sample_codes, labels, strict=True):
        ends = f"  ends {format_time(code.auth_end_time)}" if end_times else ""
        lines.append(f"    {text:<{width}}  {code.auth_code}  @{code.creator_handle}{ends}")
        if code.case == "ORIGINAL_POST_AUTH_CODE_REQUIRED" and code.original_item_id in by_item:
            original = by_item[code.original_item_id]
            lines.append(f"    {'':<{width}}    + original_post_auth_code {original} links it")
    examples = summary.failing_examples
    lines.append(f"    {'AUTH_CODE_NOT_FOUND':<{width}}  {examples['unknown_code']}")
    if "malformed_code" in examples:
        lines.append(f"    {'AUTH_CODE_MALFORMED':<{width}}  {examples['malformed_code']}")
    foreign = examples["foreign_advertiser_id"]
    lines.append(f"    {'40001 no permission':<{width}}  advertiser_id {foreign}")
    mismatch = "ORIGINAL_POST_AUTH_CODE_MISMATCH"
    lines.append(f"    {mismatch:<{width}}  any other code as original_post_auth_code")
    return lines


def _proxy_lines(proxy_url: str, ca_path: Path) -> list[str]:
    return [
        f"  proxy         {proxy_url}  answers for https://business-api.tiktok.com, "
        "sandbox-ads.tiktok.com, ads.tiktok.com (nothing else)",
        f"    export HTTPS_PROXY={proxy_url} REQUESTS_CA_BUNDLE={ca_path}  # Python requests",
        f"    export HTTPS_PROXY={proxy_url} NODE_EXTRA_CA_CERTS={ca_path}"
        " NODE_USE_ENV_PROXY=1  # Node",
    ]


def _curl(summary: SandboxSummary, base_url: str) -> list[str]:
    ready = next((c for c in summary.sample_codes if c.case == "READY"), None)
    if ready is None or not summary.advertisers:
        return []
    return [
        "  Try:",
        f"    curl -s -H 'Access-Token: {summary.sandbox.access_token}' "
        f"'{base_url}/open_api/v1.3/tt_video/info/?advertiser_id="
        f"{summary.advertisers[0].advertiser_id}&auth_code={quote(ready.auth_code, safe='')}'",
    ]
