"""`mockads serve` as a real process, driven over HTTP like an integration would."""

from __future__ import annotations

import json
import re
import subprocess
from urllib.parse import quote

import pytest

from tests.e2e.conftest import Server, readme_block, run_readme_script

pytestmark = pytest.mark.e2e


def test_the_banner_prints_url_token_advertiser_and_codes(server: Server) -> None:
    assert "Access-Token" in server.banner
    assert re.search(r"advertiser_id \d{16,19}", server.banner)
    assert len(re.findall(r"#[A-Za-z0-9+/]{64}", server.banner)) >= 4


def test_the_printed_curl_returns_the_post_behind_the_printed_code(server: Server) -> None:
    curl = next(
        line.strip() for line in server.banner.splitlines() if line.strip().startswith("curl")
    )
    output = subprocess.run(
        curl, shell=True, capture_output=True, text=True, timeout=20, check=True
    )
    answer = json.loads(output.stdout)
    assert answer["code"] == 0
    code = re.search(r"auth_code=(\S+)'", curl).group(1)  # type: ignore[union-attr]
    assert quote(answer["data"]["item_info"]["auth_code"], safe="") == code


def test_a_client_links_a_code_and_sees_it_expire_with_the_sandbox_clock(server: Server) -> None:
    status, sandbox = server.call("POST", "/_mockads/v1/sandboxes", body={"seed": 7})
    assert status == 201
    token, advertiser_id = sandbox["access_token"], sandbox["advertiser_ids"][0]
    auth_code = next(c["auth_code"] for c in sandbox["sample_codes"] if c["case"] == "READY")

    _, info = server.call(
        "GET",
        "/open_api/v1.3/tt_video/info/",
        token=token,
        advertiser_id=advertiser_id,
        auth_code=auth_code,
    )
    assert info["code"] == 0 and info["data"]["auth_info"]["ad_auth_status"] == "AUTHORIZED"
    _, linked = server.call(
        "POST",
        "/open_api/v1.3/tt_video/authorize/",
        token=token,
        body={"advertiser_id": advertiser_id, "auth_code": auth_code},
    )
    assert linked["code"] == 0, linked
    _, listed = server.call(
        "GET", "/open_api/v1.3/tt_video/list/", token=token, advertiser_id=advertiser_id
    )
    item = next(p for p in listed["data"]["list"] if p["item_info"]["auth_code"] == auth_code)
    assert item["auth_info"]["ad_auth_status"] == "AUTHORIZED"

    status, _ = server.call(
        "POST",
        f"/_mockads/v1/sandboxes/{sandbox['sandbox_id']}/clock",
        body={"advance_seconds": 366 * 86_400},
    )
    assert status == 200
    _, listed = server.call(
        "GET", "/open_api/v1.3/tt_video/list/", token=token, advertiser_id=advertiser_id
    )
    assert {p["auth_info"]["ad_auth_status"] for p in listed["data"]["list"]} == {"EXPIRED"}
    assert server.call("DELETE", f"/_mockads/v1/sandboxes/{sandbox['sandbox_id']}")[0] == 204


def test_errors_cross_the_wire_in_the_envelope(server: Server) -> None:
    _, missing = server.call("GET", "/open_api/v1.3/tt_video/list/", advertiser_id="1")
    assert missing["code"] == 40104
    _, invalid = server.call(
        "GET", "/open_api/v1.3/tt_video/list/", token="nope", advertiser_id="1"
    )
    assert invalid["code"] == 40105
    status, unknown = server.call("GET", "/open_api/v1.3/no/such/path/")
    assert (status, unknown["code"]) == (404, 40002)


def test_the_readme_curl_example_answers_the_post_behind_its_code(server: Server) -> None:
    curl = readme_block("so this works as printed:").replace(
        "http://127.0.0.1:8765", server.base_url
    )
    output = subprocess.run(
        curl, shell=True, capture_output=True, text=True, timeout=20, check=True
    )
    answer = json.loads(output.stdout)
    assert answer["code"] == 0, answer
    assert answer["data"]["auth_info"]["ad_auth_status"] == "AUTHORIZED"


def test_the_readme_spark_flow_in_6_curl_calls_links_a_new_code(server: Server) -> None:
    answers = run_readme_script("## The Spark flow in 6 curl calls", server.base_url)
    linked = answers[-1]["data"]["list"]
    assert answers[-2] == {**answers[-2], "code": 0}
    newest = linked[0]
    assert newest["item_info"]["text"] == "new routine #dance"
    assert newest["auth_info"]["ad_auth_status"] == "AUTHORIZED"
    assert newest["auth_info"]["invite_start_time"] is not None
    code = newest["item_info"]["auth_code"]

    # 31 days later the code has expired everywhere: list, search, and linking it elsewhere.
    sandbox = "/_mockads/v1/sandboxes/default"
    summary = server.call("GET", sandbox)[1]
    token, advertiser_id = summary["access_token"], summary["advertiser_ids"][0]
    assert server.call("POST", f"{sandbox}/clock", body={"advance_seconds": 31 * 86_400})[0] == 200
    try:
        listed = server.call(
            "GET", "/open_api/v1.3/tt_video/list/", token=token, advertiser_id=advertiser_id
        )[1]
        mine = next(p for p in listed["data"]["list"] if p["item_info"]["auth_code"] == code)
        assert mine["auth_info"]["ad_auth_status"] == "EXPIRED"
        info = server.call(
            "GET",
            "/open_api/v1.3/tt_video/info/",
            token=token,
            advertiser_id=advertiser_id,
            auth_code=code,
        )[1]
        assert info["data"]["auth_info"]["ad_auth_status"] == "EXPIRED"
        post = server.call("GET", f"{sandbox}/posts/{newest['item_info']['item_id']}")[1]
        assert post["codes"][0]["ad_auth_status"] == "EXPIRED" and post["auth_code"] is None
    finally:
        server.call("POST", f"{sandbox}/reset")


def test_the_readme_connect_an_app_walk_ends_with_the_new_tokens_first_calls(
    server: Server,
) -> None:
    page, advertisers, campaigns, identities = run_readme_script(
        "## Connect an app", server.base_url
    )
    assert page["status"] == 302 and "/console/authorize?" in page["location"]
    (advertiser,) = advertisers["data"]["list"]
    summary = server.call("GET", "/_mockads/v1/sandboxes/default")[1]
    assert advertiser["advertiser_id"] == summary["advertiser_ids"][0]
    assert (campaigns["code"], campaigns["message"]) == (0, "OK") and campaigns["data"]["list"]
    assert (identities["code"], identities["data"]) == (40001, {})
    assert "'TikTok Accounts (Spark Ads, identities)' permission (scope 5)" in identities["message"]
