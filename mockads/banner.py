"""What `mockads serve` prints on start: where to call, with which token, and codes to try."""

from __future__ import annotations

from urllib.parse import quote

from flask import Flask

from mockads.services.sandboxes import DEFAULT_SANDBOX_ID, SandboxSummary, get_sandbox

__all__ = ["banner"]


def banner(app: Flask, base_url: str) -> str:
    """A few lines a newcomer can copy from."""
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
    ]
    if runtime.admin_token:
        lines.append(f"  admin token   {runtime.admin_token}  (Authorization: Bearer ...)")
    lines += _codes(summary)
    lines += _curl(summary, base_url)
    return "\n".join(lines)


def _codes(summary: SandboxSummary) -> list[str]:
    """Each code with what linking it does now, then inputs that always fail."""
    lines = ["  Spark codes (what tt_video/authorize does with each now):"]
    width = max((len(c.case) for c in summary.sample_codes), default=0)
    by_item = {c.item_id: c.auth_code for c in summary.sample_codes}
    for code in summary.sample_codes:
        lines.append(f"    {code.case:<{width}}  {code.auth_code}  @{code.creator_handle}")
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
