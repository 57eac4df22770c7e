"""What `mockads serve` prints on start: where to call, with which token, and codes to try."""

from __future__ import annotations

from urllib.parse import quote

from flask import Flask

from mockads.services.sandboxes import DEFAULT_SANDBOX_ID, get_sandbox

__all__ = ["banner"]


def banner(app: Flask, base_url: str) -> str:
    """A few lines a newcomer can copy from."""
    runtime = app.extensions["mockads"]
    summary = get_sandbox(runtime.store, DEFAULT_SANDBOX_ID)
    sandbox = summary.sandbox
    advertiser_id = summary.advertisers[0].advertiser_id if summary.advertisers else "-"
    lines = [
        f"mockads serving on {base_url}",
        f"  mirror        {base_url}/open_api/v1.3/",
        f"  control plane {base_url}/_mockads/v1/  (contract: {base_url}/openapi.yaml)",
        f"  sandbox       {sandbox.sandbox_id} (scenario {sandbox.scenario}, seed {sandbox.seed})",
        f"  Access-Token  {sandbox.access_token}",
        f"  advertiser_id {', '.join(a.advertiser_id for a in summary.advertisers)}",
    ]
    if runtime.admin_token:
        lines.append(f"  admin token   {runtime.admin_token}  (Authorization: Bearer ...)")
    lines.append("  Spark codes:")
    for code in summary.sample_codes:
        state = code.ad_auth_status.value + (", linked" if code.linked else "")
        lines.append(f"    {code.auth_code}  [{state}] @{code.creator_handle}")
    ready = next(
        (
            c
            for c in summary.sample_codes
            if c.ad_auth_status.value == "AUTHORIZED" and not c.linked
        ),
        None,
    )
    if ready is not None:
        lines += [
            "  Try:",
            f"    curl -s -H 'Access-Token: {sandbox.access_token}' "
            f"'{base_url}/open_api/v1.3/tt_video/info/?advertiser_id={advertiser_id}"
            f"&auth_code={quote(ready.auth_code, safe='')}'",
        ]
    return "\n".join(lines)
