"""The plugin's clock, state and database options as a user's suite uses them (`pytester`):
`now=` and `frozen=`, `state=` a file beside the tests, the helper's state calls in-process and
on the live server, and `--mockads-db` / `mockads_db` giving the live server a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockads.app import create_app
from mockads.settings import Settings
from mockads.testing import CONTROL, Sandbox

pytest_plugins = ["pytester"]
#: The suite's checkout: the user's suite runs in another directory, and must load this mockads.
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _this_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))


CLOCK = """
import pytest


@pytest.mark.mockads(now="2026-01-01 09:00:00", frozen=True)
def test_now_and_frozen(mockads_sandbox):
    clock = mockads_sandbox.control("GET", "/clock")
    assert (clock["now"], clock["frozen"]) == ("2026-01-01 09:00:00", True)


@pytest.mark.mockads(now="2026-01-01 09:00:00")
def test_now_running(mockads_sandbox):
    clock = mockads_sandbox.control("GET", "/clock")
    assert clock["frozen"] is False
    assert "2026-01-01 09:00:00" <= clock["now"] < "2026-01-01 09:01:00"


@pytest.mark.mockads(live=True, now="2030-06-01 12:00:00", frozen=True)
def test_now_on_the_live_server(mockads_sandbox):
    assert mockads_sandbox.base_url is not None
    assert mockads_sandbox.clock.now() == "2030-06-01 12:00:00"
"""

STATE = """
import pytest

from mockads.testing import connect

CODE = "{code}"


def _linked(sandbox):
    listed = sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id)["data"]["list"]
    return {{p["item_info"]["auth_code"] for p in listed}}


@pytest.mark.mockads(state="states/linked.json")
def test_a_sandbox_from_a_state_file(mockads_sandbox):
    assert mockads_sandbox.summary["seed"] == 6
    assert CODE in _linked(mockads_sandbox)


@pytest.mark.mockads(state="states/linked.json", live=True)
def test_a_live_sandbox_from_a_state_file(mockads_sandbox):
    assert mockads_sandbox.base_url is not None
    assert CODE in _linked(mockads_sandbox)


def test_export_and_import_in_process(mockads_sandbox, tmp_path):
    mockads_sandbox.creator(handle="exported.one")
    saved = mockads_sandbox.save_state(tmp_path / "mine.json")
    other = mockads_sandbox.import_state(saved)
    assert other.state_bytes() == saved.read_bytes()
    assert mockads_sandbox.export_state()["sandbox"]["seed"] == 1


def test_connect_from_a_state_on_the_live_server(mockads_server, mockads_sandbox):
    mockads_sandbox.creator(handle="exported.two")
    state = mockads_sandbox.export_state()
    copy = connect(mockads_server.url, state=state)
    assert copy.sandbox_id != mockads_sandbox.sandbox_id
    assert copy.access_token != mockads_sandbox.access_token
    assert copy.state_bytes() == mockads_sandbox.state_bytes()
    assert "exported.two" in {{c["handle"] for c in copy.summary["creators"]}}
"""

WRITE_DEFAULT = """
from mockads.testing import HttpClient, Sandbox


def test_change_the_default_sandbox(mockads_server):
    client = HttpClient(mockads_server.url)
    summary = client.get("/_mockads/v1/sandboxes/default").get_json()
    Sandbox(client, summary).creator(handle="kept.in.the.db")
"""

READ_DEFAULT = """
from mockads.testing import HttpClient


def test_the_default_sandbox_still_has_it(mockads_server):
    summary = HttpClient(mockads_server.url).get("/_mockads/v1/sandboxes/default").get_json()
    assert "kept.in.the.db" in {c["handle"] for c in summary["creators"]}
"""


def _linked_state(path: Path) -> str:
    """A state file of a seed-6 sandbox with one code linked; the code."""
    client = create_app(Settings(db="sqlite://")).test_client()
    sandbox = Sandbox(client, client.post(f"{CONTROL}/sandboxes", json={"seed": 6}).get_json())
    creator = sandbox.creator().allow_authorized_posts().accept_ad_terms()
    code = creator.post().switch_ad_authorization().generate_code(days=7)
    linked = sandbox.post(
        "tt_video/authorize/", {"advertiser_id": sandbox.advertiser_id, "auth_code": code}
    )
    assert linked["code"] == 0, linked
    path.parent.mkdir(parents=True, exist_ok=True)
    sandbox.save_state(path)
    return code


def test_the_marker_sets_the_sandbox_clock_to_now_frozen_or_running(pytester: pytest.Pytester):
    pytester.makepyfile(CLOCK)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_the_marker_starts_a_sandbox_from_a_state_file_and_the_helper_moves_states(
    pytester: pytest.Pytester,
):
    code = _linked_state(pytester.path / "states" / "linked.json")
    pytester.makepyfile(STATE.format(code=code))
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=4)


def test_the_live_server_keeps_its_data_in_the_mockads_db_option_or_ini(
    pytester: pytest.Pytester, tmp_path: Path
):
    db = f"sqlite:///{tmp_path / 'live.db'}"
    pytester.makepyfile(test_write=WRITE_DEFAULT)
    written = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--mockads-db", db)
    written.assert_outcomes(passed=1)
    assert (tmp_path / "live.db").exists()
    (pytester.path / "test_write.py").unlink()
    pytester.makepyfile(test_read=READ_DEFAULT)
    pytester.makeini(f"[pytest]\nmockads_db = {db}\n")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
    pytester.makeini("[pytest]\n")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(failed=1)
