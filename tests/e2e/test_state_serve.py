"""State as a real process keeps it: `mockads serve --state FILE`, and `--db` across restarts.

- `serve --state` starts the default sandbox from the file: the token is the default one of the
  file's seed, the banner prints as usual, and the exported state is the file, byte for byte;
  a file that cannot be loaded stops the server with a one-line error, never a traceback.
- With `--db`, a server stopped and started again holds every object a client was told was
  created, and exports the same bytes; `--state` on such a database replaces its default
  sandbox (the file wins), and the next start without `--state` keeps the file's world.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from mockads.app import create_app
from mockads.media.files import SAMPLE_VIDEO
from mockads.services.sandboxes import default_access_token
from mockads.settings import Settings
from mockads.testing import CONTROL, HttpClient, Sandbox
from tests.e2e.conftest import ok, run_readme_script
from tests.e2e.processes import BACKENDS, ServeProcess, database_url, start

pytestmark = pytest.mark.e2e


def _state_bytes(server: ServeProcess, sandbox_id: str = "default") -> bytes:
    url = f"{server.base_url}{CONTROL}/sandboxes/{sandbox_id}/state"
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read()


def _default(server: ServeProcess) -> Sandbox:
    summary = ok(server.call("GET", f"{CONTROL}/sandboxes/default"))
    return Sandbox(HttpClient(server.base_url), summary)


def _state_file(path: Path, seed: int) -> bytes:
    """A state file of a seed-`seed` sandbox with a creator's code linked, made in-process."""
    client = create_app(Settings(db="sqlite://")).test_client()
    summary = client.post(f"{CONTROL}/sandboxes", json={"seed": seed, "name": "from a file"})
    sandbox = Sandbox(client, summary.get_json())
    code = _linked_code(sandbox)
    sandbox.clock.advance(days=2)
    sandbox.save_state(path)
    assert code in path.read_text()
    return path.read_bytes()


def _linked_code(sandbox: Sandbox) -> str:
    creator = sandbox.creator().allow_authorized_posts().accept_ad_terms()
    code = creator.post(caption="kept in a state").switch_ad_authorization().generate_code()
    linked = sandbox.post(
        "tt_video/authorize/", {"advertiser_id": sandbox.advertiser_id, "auth_code": code}
    )
    assert linked["code"] == 0, linked
    return code


# -- serve --state ----------------------------------------------------------------------------


def test_serve_state_starts_the_default_sandbox_from_the_file(tmp_path):
    raw = _state_file(tmp_path / "state.json", seed=5)
    server = start("sqlite://", args=["--state", str(tmp_path / "state.json")])
    try:
        assert f"Access-Token  {default_access_token(5)}" in server.banner
        assert "scenario default, seed 5" in server.banner
        assert _state_bytes(server) == raw
        assert _default(server).summary["name"] == "from a file"
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "cannot read"),
        (b"{not json", "is not a state this mockads can load: state: "),
        (b'{"format_version": 9}', "format_version: unknown format version 9"),
    ],
)
def test_serve_refuses_a_state_file_it_cannot_load_without_a_traceback(tmp_path, content, says):
    path = tmp_path / "state.json"
    if content is not None:
        path.write_bytes(content)
    finished = subprocess.run(
        [sys.executable, "-m", "mockads", "serve", "--port", "0", "--state", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode != 0
    assert says in finished.stderr, finished.stderr
    assert finished.stderr.startswith("Error: ")
    assert "Traceback" not in finished.stderr + finished.stdout


# -- --db across restarts ---------------------------------------------------------------------


def _change_the_world(server: ServeProcess) -> dict[str, Any]:
    """Objects made through the API, by the ids the server answered with."""
    sandbox = _default(server)
    code = _linked_code(sandbox)
    campaign = sandbox.post(
        "campaign/create/",
        {
            "advertiser_id": sandbox.advertiser_id,
            "campaign_name": "Kept across restarts",
            "objective_type": "TRAFFIC",
        },
    )
    assert campaign["code"] == 0, campaign
    server.token = sandbox.access_token
    uploaded = ok(server.upload(sandbox.advertiser_id, SAMPLE_VIDEO, "kept.mp4"))
    ads = sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id)["data"]["list"]
    custom = next(a for a in ads if a["identity_type"] == "CUSTOMIZED_USER")
    ad = sandbox.post(
        "ad/create/",
        {
            "advertiser_id": sandbox.advertiser_id,
            "adgroup_id": custom["adgroup_id"],
            "creatives": [
                {
                    "ad_name": "Kept ad",
                    "identity_type": "CUSTOMIZED_USER",
                    "identity_id": custom["identity_id"],
                    "video_id": uploaded[0]["video_id"],
                    "ad_text": "Still here after a restart",
                }
            ],
        },
    )
    assert ad["code"] == 0, ad
    sandbox.clock.advance(hours=3)
    return {
        "auth_code": code,
        "campaign_id": campaign["data"]["campaign_id"],
        "video_id": uploaded[0]["video_id"],
        "ad_id": ad["data"]["ad_ids"][0],
    }


def _still_there(server: ServeProcess, made: dict[str, Any]) -> None:
    sandbox = _default(server)
    advertiser_id = sandbox.advertiser_id
    listed = sandbox.get("tt_video/list/", advertiser_id=advertiser_id)["data"]["list"]
    assert made["auth_code"] in {p["item_info"]["auth_code"] for p in listed}
    campaigns = sandbox.get(
        "campaign/get/",
        advertiser_id=advertiser_id,
        filtering={"campaign_ids": [made["campaign_id"]]},
    )
    assert [c["campaign_id"] for c in campaigns["data"]["list"]] == [made["campaign_id"]]
    videos = sandbox.get(
        "file/video/ad/info/", advertiser_id=advertiser_id, video_ids=[made["video_id"]]
    )
    assert [v["video_id"] for v in videos["data"]["list"]] == [made["video_id"]]
    ads = sandbox.get("ad/get/", advertiser_id=advertiser_id, filtering={"ad_ids": [made["ad_id"]]})
    assert ads["data"]["list"][0]["ad_text"] == "Still here after a restart"


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_world_changed_through_the_api_survives_a_restart_on_the_same_db(backend, tmp_path):
    db, media = database_url(backend, tmp_path), tmp_path / "media"
    server = start(db, media_dir=media)
    try:
        made = _change_the_world(server)
        before = _state_bytes(server)
    finally:
        server.stop()
    restarted = start(db, media_dir=media)
    try:
        _still_there(restarted, made)
        assert _state_bytes(restarted) == before
    finally:
        restarted.stop()


def test_serve_state_replaces_the_default_sandbox_a_db_holds_and_the_db_keeps_it(tmp_path):
    raw = _state_file(tmp_path / "state.json", seed=8)
    db = f"sqlite:///{tmp_path / 'kept.db'}"
    first = start(db)
    try:
        made = _change_the_world(first)
        other = ok(first.call("POST", f"{CONTROL}/sandboxes", body={"seed": 3}), 201)
    finally:
        first.stop()
    from_file = start(db, args=["--state", str(tmp_path / "state.json")])
    try:
        assert _state_bytes(from_file) == raw
        assert made["auth_code"] not in raw.decode()
        ok(from_file.call("GET", f"{CONTROL}/sandboxes/{other['sandbox_id']}"))
    finally:
        from_file.stop()
    again = start(db)
    try:
        assert _state_bytes(again) == raw
        assert f"Access-Token  {default_access_token(8)}" in again.banner
    finally:
        again.stop()


def test_the_readme_state_commands_export_and_import_a_sandbox(tmp_path):
    server = start("sqlite://")
    try:
        (answer,) = run_readme_script("### State files", server.base_url, cwd=tmp_path)
        assert answer["sandbox_id"] == "ci-copy"
        assert answer["access_token"] != _default(server).access_token
        assert (tmp_path / "state.json").read_bytes() == _state_bytes(server)
        assert _state_bytes(server, "ci-copy") == _state_bytes(server)
    finally:
        server.stop()


def test_state_export_writes_the_file_the_server_would_send_from_its_database(tmp_path):
    db = f"sqlite:///{tmp_path / 'kept.db'}"
    server = start(db)
    try:
        _change_the_world(server)
        served = _state_bytes(server)
    finally:
        server.stop()
    exported = subprocess.run(
        [sys.executable, "-m", "mockads", "state", "export", "--db", db, "-o", "out.json"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "out.json").read_bytes() == served
    unknown = subprocess.run(
        [sys.executable, "-m", "mockads", "state", "export", "--db", db, "--sandbox", "nobody"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert unknown.returncode != 0
    assert unknown.stderr.startswith("Error: ") and "no sandbox 'nobody'" in unknown.stderr
