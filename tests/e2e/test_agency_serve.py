"""`mockads serve --scenario agency` as a real process: what `mockads scenario show` printed is
what the server serves, and a database kept from before Business Centers gets its own."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Server, ok, serving

pytestmark = pytest.mark.e2e

SERVE = [sys.executable, "-m", "mockads", "serve", "--port", "0", "--threads", "2"]
SHOW = [sys.executable, "-m", "mockads", "scenario", "show", "agency", "--json", "--seed"]


def _shown(seed: int) -> dict[str, Any]:
    output = subprocess.run(
        [*SHOW, str(seed)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(output.stdout)


def _business_center_ids(server: Server, token: str) -> list[str]:
    data = ok(server.call("GET", "/open_api/v1.3/bc/get/", token=token))
    return [bc["bc_info"]["bc_id"] for bc in data["list"]]


def test_the_agency_server_serves_what_scenario_show_printed() -> None:
    shown = _shown(seed=4)
    with serving([*SERVE, "--scenario", "agency", "--seed", "4"]) as server:
        assert f"Access-Token  {shown['access_token']}" in server.banner
        printed = re.search(r"advertiser_id (.+)", server.banner).group(1)  # type: ignore[union-attr]
        assert printed.split(", ") == shown["advertiser_ids"]
        token = shown["access_token"]
        assert _business_center_ids(server, token) == [shown["business_centers"][0]["bc_id"]]
        (app,) = shown["apps"]
        assert f"app_id {app['app_id']}, secret {app['secret']}" in server.banner
        accounts = ok(
            server.call(
                "GET",
                "/open_api/v1.3/oauth2/advertiser/get/",
                token=token,
                app_id=app["app_id"],
                secret=app["secret"],
            )
        )
        assert [a["advertiser_id"] for a in accounts["list"]] == shown["advertiser_ids"]
        ready = next(c for c in shown["sample_codes"] if c["case"] == "READY")
        info = ok(
            server.call(
                "GET",
                "/open_api/v1.3/tt_video/info/",
                token=token,
                advertiser_id=shown["advertiser_ids"][0],
                auth_code=ready["auth_code"],
            )
        )
        assert info["item_info"]["item_id"] == ready["item_id"]


def test_a_database_kept_from_before_business_centers_gets_them_on_start(tmp_path: Path) -> None:
    db = tmp_path / "agency.db"
    command = [*SERVE, "--scenario", "agency", "--seed", "5", "--db", f"sqlite:///{db}"]
    shown = _shown(seed=5)
    with serving(command) as server:
        assert _business_center_ids(server, shown["access_token"]) != []
    with sqlite3.connect(db) as kept:  # what a mockads older than Business Centers left
        kept.execute("DROP TABLE business_centers")
    with serving(command) as server:
        ids = _business_center_ids(server, shown["access_token"])
    assert ids == [shown["business_centers"][0]["bc_id"]]
