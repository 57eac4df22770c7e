"""`mockads.testing.connect(url)`: the same helper over HTTP against a running mockads, from a
test and from a plain script."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from mockads.testing import CONTROL, ControlError, connect
from tests.e2e.conftest import Server

SCRIPT = textwrap.dedent(
    """
    import sys
    from mockads.testing import connect

    sandbox = connect(sys.argv[1], seed=3)
    creator = sandbox.creator().allow_authorized_posts().accept_ad_terms()
    code = creator.post(caption="From a script").switch_ad_authorization().generate_code(days=30)
    body = sandbox.post(
        "tt_video/authorize/", {"advertiser_id": sandbox.advertiser_id, "auth_code": code}
    )
    print(body["code"], sandbox.sandbox_id)
    """
)


def test_connect_drives_a_live_server_with_the_helper(server: Server) -> None:
    sandbox = connect(server.base_url, seed=5)
    try:
        creator = sandbox.creator(display_name="Live creator")
        assert creator.data["display_name"] == "Live creator"
        post = creator.allow_authorized_posts().accept_ad_terms().post(caption="Over HTTP")
        code = post.switch_ad_authorization().generate_code(days=7)
        info = sandbox.get("tt_video/info/", advertiser_id=sandbox.advertiser_id, auth_code=code)
        assert info["data"]["auth_info"]["ad_auth_status"] == "AUTHORIZED"
        sandbox.clock.advance(days=8)
        info = sandbox.get("tt_video/info/", advertiser_id=sandbox.advertiser_id, auth_code=code)
        assert info["data"]["auth_info"]["ad_auth_status"] == "EXPIRED"
        try:
            post.edit_caption("x" * 3000)
        except ControlError as refused:
            assert refused.status == 400 and refused.code == "INVALID_PARAMETER"
        else:
            raise AssertionError("a 3,000-character caption was accepted")
    finally:
        server.call("DELETE", f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def test_a_plain_script_uses_the_helper_against_the_server(server: Server) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, server.base_url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    code, sandbox_id = done.stdout.split()
    assert code == "0"
    server.call("DELETE", f"{CONTROL}/sandboxes/{sandbox_id}")
