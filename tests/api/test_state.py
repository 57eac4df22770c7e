"""`GET/PUT /_mockads/v1/sandboxes/{sid}/state`: a whole sandbox out as JSON and back in.

The busy sandbox (`state_helpers.busy_life`) holds a row of every kind; its export, imported into
itself, into a new sandbox and into another server, exports again to the same bytes. A document
that is wrong anywhere is refused with 400 naming where, and changes nothing.
"""

from __future__ import annotations

import base64
import copy
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from mockads.app import create_app
from mockads.settings import Settings
from mockads.store import create_store
from mockads.store.tables import metadata
from mockads.testing import CONTROL, Sandbox
from tests.api.library_helpers import SAMPLE_BYTES, local, md5
from tests.api.lifecycle_helpers import tt_video_list
from tests.api.state_helpers import busy_life, own_video


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return own_video(tmp_path_factory.mktemp("state-video"))


@pytest.fixture(scope="module")
def busy(mockads_app: Flask, video: bytes) -> Iterator[tuple[Sandbox, dict[str, Any], bytes]]:
    """A sandbox after a busy life, what it made, and its exported state (never changed)."""
    client = mockads_app.test_client()
    answer = client.post(f"{CONTROL}/sandboxes", json={"seed": 11, "name": "busy life"})
    sandbox = Sandbox(client, answer.get_json())
    made = busy_life(sandbox, video)
    yield sandbox, made, sandbox.state_bytes()
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def _put(sandbox_client: Any, sandbox_id: str, body: bytes | dict[str, Any]) -> Any:
    path = f"{CONTROL}/sandboxes/{sandbox_id}/state"
    if isinstance(body, bytes):
        return sandbox_client.put(path, data=body, content_type="application/json")
    return sandbox_client.put(path, json=body)


# -- export -----------------------------------------------------------------------------------


def test_state_get_holds_every_table_the_clock_the_policy_and_the_uploaded_video(busy, video):
    _, made, raw = busy
    document = json.loads(raw)
    assert set(document) == {"format_version", "sandbox", "tables", "media"}
    assert document["format_version"] == 1
    assert document["sandbox"]["scenario"] == "default"
    assert document["sandbox"]["seed"] == 11
    assert document["sandbox"]["clock"]["frozen_at"] is not None
    assert document["sandbox"]["review_policy"] == {
        "mode": "manual",
        "delay_seconds": 60,
        "reject_terms": ["forbidden"],
    }
    # An app's token opens one sandbox, so a state holding one imports into one sandbox only
    # (tests/api/test_oauth.py); the busy sandbox holds none, and its state copies freely.
    for table, rows in document["tables"].items():
        assert rows or table == "oauth_grants", f"the busy sandbox has no row in {table}"
    assert made["campaign_id"] in {c["campaign_id"] for c in document["tables"]["campaigns"]}
    assert any(a["settings"] for a in document["tables"]["ads"])
    assert base64.b64decode(document["media"][md5(video)]) == video


def test_state_get_leaves_out_the_sandbox_id_and_token(busy):
    sandbox, _, raw = busy
    assert sandbox.sandbox_id.encode() not in raw
    assert sandbox.access_token.encode() not in raw


def test_state_get_is_sorted_by_primary_key_with_sorted_keys(busy):
    _, _, raw = busy
    document = json.loads(raw)
    assert raw == (json.dumps(document, sort_keys=True, indent=2) + "\n").encode()
    codes = [c["auth_code"] for c in document["tables"]["spark_codes"]]
    assert codes == sorted(codes)
    keys = [(i["identity_id"], i["advertiser_id"]) for i in document["tables"]["identities"]]
    assert keys == sorted(keys)


def test_state_get_of_an_unknown_sandbox_is_404(client):
    answer = client.get(f"{CONTROL}/sandboxes/nobody_here/state")
    assert answer.status_code == 404
    assert answer.get_json()["error"]["code"] == "NOT_FOUND"


# -- round trips ------------------------------------------------------------------------------


def test_state_put_into_a_new_sandbox_exports_the_same_bytes(client, busy):
    _, _, raw = busy
    answer = _put(client, "state_copy_1", raw)
    assert answer.status_code == 201, answer.get_json()
    copied = Sandbox(client, answer.get_json())
    try:
        assert copied.state_bytes() == raw
    finally:
        client.delete(f"{CONTROL}/sandboxes/state_copy_1")


def test_state_put_into_the_same_sandbox_exports_the_same_bytes_and_keeps_the_token(busy):
    sandbox, _, raw = busy
    answer = _put(sandbox.client, sandbox.sandbox_id, raw)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["access_token"] == sandbox.access_token
    assert sandbox.state_bytes() == raw


def test_state_put_creates_a_sandbox_with_a_new_token_that_works_on_the_mirror(client, busy):
    sandbox, made, raw = busy
    answer = _put(client, "state_copy_2", raw)
    assert answer.status_code == 201
    copied = Sandbox(client, answer.get_json())
    try:
        assert copied.access_token != sandbox.access_token
        assert copied.summary["advertiser_ids"] == sandbox.summary["advertiser_ids"]
        assert copied.summary["seed"] == 11
        assert made["spark_item_id"] in {p["item_info"]["item_id"] for p in tt_video_list(copied)}
        ads = copied.get(
            "ad/get/",
            advertiser_id=copied.advertiser_id,
            filtering={"ad_ids": [made["pushed_ad_id"]]},
        )
        assert ads["data"]["list"][0]["tiktok_item_id"] is not None
        assert copied.control("GET", "/clock")["frozen"] is True
    finally:
        client.delete(f"{CONTROL}/sandboxes/state_copy_2")


def test_a_state_restores_its_uploaded_video_on_another_server(busy, video, tmp_path):
    _, made, raw = busy
    other = create_app(Settings(db="sqlite://", media_dir=str(tmp_path / "media")))
    client = other.test_client()
    answer = _put(client, "moved", raw)
    assert answer.status_code == 201, answer.get_json()
    moved = Sandbox(client, answer.get_json())
    assert moved.state_bytes() == raw
    info = moved.get(
        "file/video/ad/info/", advertiser_id=moved.advertiser_id, video_ids=[made["video_id"]]
    )
    (listed,) = info["data"]["list"]
    with client.get(local(listed["preview_url"])) as served:
        assert served.get_data() == video


def test_a_reset_after_an_import_goes_back_to_the_states_scenario_and_seed(client, busy):
    _, _, raw = busy
    copied = Sandbox(client, _put(client, "state_copy_3", raw).get_json())
    try:
        reset = client.post(f"{CONTROL}/sandboxes/state_copy_3/reset").get_json()
        assert (reset["scenario"], reset["seed"]) == ("default", 11)
        assert copied.export_state()["sandbox"]["clock"] == {"offset": 0.0, "frozen_at": None}
    finally:
        client.delete(f"{CONTROL}/sandboxes/state_copy_3")


def test_an_import_empties_faults_and_journal_and_later_draws_use_the_states_seed(client, busy):
    _, _, raw = busy
    answer = client.post(f"{CONTROL}/sandboxes", json={"seed": 1})
    sandbox = Sandbox(client, answer.get_json())
    try:
        sandbox.faults.add("tt_video/info/", code=40100, probability=0.5)
        sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id)
        assert sandbox.faults.list()[0]["seed"] == 1
        assert len(sandbox.journal()) == 1
        assert _put(client, sandbox.sandbox_id, raw).status_code == 200
        assert (sandbox.faults.list(), sandbox.journal()) == ([], [])
        sandbox.faults.add("tt_video/info/", code=40100, probability=0.5)
        assert sandbox.faults.list()[0]["seed"] == 11
    finally:
        client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


# -- refusals ---------------------------------------------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a document: the value at a dotted path (`tables.posts.0.caption`)."""

    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        del target[last]

    return change


def _duplicate_first_creator(document: dict[str, Any]) -> None:
    creators = document["tables"]["creators"]
    creators.append(dict(creators[0]))


def _sample_media(document: dict[str, Any]) -> None:
    document["media"][md5(SAMPLE_BYTES)] = base64.b64encode(SAMPLE_BYTES).decode()


def _mismatched_media(document: dict[str, Any]) -> None:
    key = next(iter(document["media"]))
    document["media"][key] = base64.b64encode(SAMPLE_BYTES).decode()


def _not_a_video(document: dict[str, Any]) -> None:
    key = next(iter(document["media"]))
    row = next(r for r in document["tables"]["library_videos"] if r["signature"] == key)
    data = b"not a video at all"
    row["signature"] = md5(data)
    document["media"] = {md5(data): base64.b64encode(data).decode()}


REFUSALS = [
    (_set("format_version", 2), "format_version: unknown format version 2; this mockads reads"),
    (_drop("tables.posts"), "tables: missing table(s): posts."),
    (_set("tables.journal", []), "tables.journal: not a table of this mockads."),
    (_drop("tables.posts.0.caption"), "tables.posts[0]: missing column(s): caption."),
    (_set("tables.posts.0.colour", "red"), "tables.posts[0].colour: not a column of posts."),
    (_set("tables.creators.1.follower_count", "many"), "tables.creators[1].follower_count: "),
    (_set("tables.posts.2.privacy", "SECRET"), "tables.posts[2].privacy: must be one of"),
    (_set("tables.posts.0.deleted", 0), "tables.posts[0].deleted: expected true or false."),
    (_set("tables.posts.0.caption", None), "tables.posts[0].caption: must not be null."),
    (_set("tables.creators.0.handle", "h" * 65), "tables.creators[0].handle: at most 64"),
    (_set("tables.ads.0.settings", []), "tables.ads[0].settings: expected an object."),
    (_set("tables.ads.0.budget", 1), "tables.ads[0].budget: not a column of ads."),
    (_set("tables.campaigns.0.budget", 10**400), "campaigns[0].budget: the number is too large."),
    (_set("tables.spark_codes.0.days", 2**40), "tables.spark_codes[0].days: must be between"),
    (_duplicate_first_creator, "a second row of creators with creator_id="),
    (_set("tables.spark_codes.0.item_id", "1"), "tables.spark_codes[0].item_id: no row of posts"),
    (_set("tables.ads.0.adgroup_id", "2"), "tables.ads[0].adgroup_id: no row of adgroups"),
    (_set("sandbox.scenario", "nope"), "sandbox.scenario: no scenario called 'nope'."),
    (_set("sandbox.seed", -1), "sandbox.seed: "),
    (_set("sandbox.clock.frozen_at", 1e12), "sandbox.clock: the sandbox clock must stay"),
    (_set("sandbox.review_policy.mode", "lenient"), "sandbox.review_policy.mode: "),
    (_drop("sandbox.review_policy"), "sandbox.review_policy: "),
    (_set("colour", "red"), "colour: Unknown field."),
    (_drop("media"), "media: "),
    (_set("media.not-an-md5", "AAAA"), "media.not-an-md5.key: media are keyed by MD5"),
    (_sample_media, f"media.{md5(SAMPLE_BYTES)}: no row has this signature."),
    (_mismatched_media, "the data's MD5 is"),
    (_set("media", {"0" * 32: "***"}), "not valid base64."),
    (_not_a_video, "media."),
]


@pytest.fixture
def target(mockads_sandbox: Sandbox) -> Sandbox:
    """A sandbox a refused import must leave as it was."""
    mockads_sandbox.clock.advance(hours=5)
    return mockads_sandbox


@pytest.mark.parametrize(("change", "message"), REFUSALS)
def test_state_put_refuses_a_wrong_document_whole_naming_what_is_wrong(
    target, busy, change, message
):
    document = copy.deepcopy(json.loads(busy[2]))
    change(document)
    before = target.state_bytes()
    answer = _put(target.client, target.sandbox_id, document)
    assert answer.status_code == 400, answer.get_json()
    error = answer.get_json()["error"]
    assert message in error["message"], error
    assert target.state_bytes() == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "body: the request body is not valid JSON"),
        (b"[1, 2]", "body: the request body must be a JSON object."),
        (b"\xff\xfe", "body: the request body is not valid UTF-8."),
        (b'{"format_version": 1, "format_version": 1}', "appears more than once"),
    ],
)
def test_state_put_refuses_a_body_that_is_not_a_json_object(target, body, message):
    before = target.state_bytes()
    answer = _put(target.client, target.sandbox_id, body)
    assert answer.status_code == 400
    assert message in answer.get_json()["error"]["message"]
    assert target.state_bytes() == before


def test_state_put_refused_for_a_new_id_creates_no_sandbox(client, busy):
    document = json.loads(busy[2])
    document["format_version"] = 7
    assert _put(client, "never_made", document).status_code == 400
    assert client.get(f"{CONTROL}/sandboxes/never_made").status_code == 404


def test_state_put_refuses_a_sandbox_id_post_sandboxes_would_refuse(client, busy):
    answer = _put(client, "bad id!", busy[2])
    assert answer.status_code == 400
    assert answer.get_json()["error"]["message"].startswith("sandbox_id: ")


# -- body size --------------------------------------------------------------------------------


def test_state_put_takes_bodies_larger_than_other_calls_up_to_its_own_limit(busy):
    _, _, raw = busy
    app = create_app(Settings(db="sqlite://", max_body_bytes=4096, max_state_bytes=len(raw) + 10))
    client = app.test_client()
    padded = json.dumps({"name": "x" * 5000}).encode()
    refused = client.post(f"{CONTROL}/sandboxes", data=padded, content_type="application/json")
    assert refused.status_code == 413
    assert _put(client, "big", raw).status_code == 201
    too_big = raw + b" " * 11
    answer = _put(client, "big", too_big)
    assert answer.status_code == 413
    assert "exceeds" in answer.get_json()["error"]["message"]


def test_a_state_file_is_the_same_bytes_as_the_answer(busy, tmp_path: Path):
    sandbox, _, raw = busy
    assert sandbox.save_state(tmp_path / "busy.json").read_bytes() == raw


# -- backends ---------------------------------------------------------------------------------

POSTGRES_URL = os.environ.get("MOCKADS_TEST_POSTGRES_URL")


def _database(backend: str, directory: Path) -> str:
    if backend == "sqlite-file":
        return f"sqlite:///{directory / 'state.db'}"
    if not POSTGRES_URL:
        pytest.skip("set MOCKADS_TEST_POSTGRES_URL to run against PostgreSQL")
    store = create_store(POSTGRES_URL)
    metadata.drop_all(store.engine)
    store.dispose()
    return POSTGRES_URL


@pytest.mark.parametrize("backend", ["sqlite-file", "postgresql"])
def test_a_state_round_trips_to_the_same_bytes_on_every_backend(busy, backend, tmp_path):
    _, made, raw = busy
    settings = Settings(db=_database(backend, tmp_path), media_dir=str(tmp_path / "media"))
    app = create_app(settings)
    try:
        client = app.test_client()
        imported = Sandbox(client, _put(client, "from_memory", raw).get_json())
        assert imported.state_bytes() == raw  # exported on in-memory SQLite, the same bytes
        imported.creator(handle="after.import")
        changed = imported.state_bytes()
        again = Sandbox(client, _put(client, "second", changed).get_json())
        assert again.state_bytes() == changed
        assert _put(client, "from_memory", raw).status_code == 200
        assert imported.state_bytes() == raw
        assert made["spark_item_id"] in {p["item_info"]["item_id"] for p in tt_video_list(again)}
    finally:
        app.extensions["mockads"].store.dispose()
