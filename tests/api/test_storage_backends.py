"""The same slice works on every storage backend, and a file database keeps what it was told.

PostgreSQL runs when `MOCKADS_TEST_POSTGRES_URL` names a database the test may empty
(`.ci/run` starts one); otherwise that case is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask

from mockads.app import create_app
from mockads.settings import Settings
from mockads.store import create_store
from mockads.store.tables import metadata

POSTGRES_URL = os.environ.get("MOCKADS_TEST_POSTGRES_URL")
MIRROR = "/open_api/v1.3"


def _backend_url(name: str, tmp_path: Path) -> str:
    if name == "sqlite-memory":
        return "sqlite://"
    if name == "sqlite-file":
        return f"sqlite:///{tmp_path / 'mockads.db'}"
    if not POSTGRES_URL:
        pytest.skip("set MOCKADS_TEST_POSTGRES_URL to run against PostgreSQL")
    store = create_store(POSTGRES_URL)
    metadata.drop_all(store.engine)
    store.dispose()
    return POSTGRES_URL


def _link_a_ready_code(app: Flask) -> tuple[str, str, str]:
    client = app.test_client()
    summary = client.get("/_mockads/v1/sandboxes/default").get_json()
    token, advertiser_id = summary["access_token"], summary["advertiser_ids"][0]
    code = next(
        c["auth_code"]
        for c in summary["sample_codes"]
        if c["ad_auth_status"] == "AUTHORIZED" and not c["linked"]
    )
    headers = {"Access-Token": token}
    info = client.get(
        f"{MIRROR}/tt_video/info/?advertiser_id={advertiser_id}&auth_code={quote(code, safe='')}",
        headers=headers,
    ).get_json()
    assert info["code"] == 0 and info["data"]["item_info"]["auth_code"] == code
    linked = client.post(
        f"{MIRROR}/tt_video/authorize/",
        json={"advertiser_id": advertiser_id, "auth_code": code},
        headers=headers,
    ).get_json()
    assert linked["code"] == 0, linked
    return token, advertiser_id, code


def _linked_codes(app: Flask, token: str, advertiser_id: str) -> set[str]:
    listed = app.test_client().get(
        f"{MIRROR}/tt_video/list/?advertiser_id={advertiser_id}", headers={"Access-Token": token}
    )
    return {p["item_info"]["auth_code"] for p in listed.get_json()["data"]["list"]}


@pytest.mark.parametrize("backend", ["sqlite-memory", "sqlite-file", "postgresql"])
def test_the_spark_slice_and_sandbox_lifecycle_work_on_every_backend(
    backend: str, tmp_path: Path
) -> None:
    app = create_app(Settings(db=_backend_url(backend, tmp_path)))
    client = app.test_client()
    token, advertiser_id, code = _link_a_ready_code(app)
    assert code in _linked_codes(app, token, advertiser_id)

    other = client.post("/_mockads/v1/sandboxes", json={"seed": 5}).get_json()
    assert _linked_codes(app, other["access_token"], other["advertiser_ids"][0]).isdisjoint({code})
    refused = client.get(
        f"{MIRROR}/tt_video/list/?advertiser_id={advertiser_id}",
        headers={"Access-Token": other["access_token"]},
    ).get_json()
    assert refused["code"] == 40001

    assert client.post("/_mockads/v1/sandboxes/default/reset").status_code == 200
    assert code not in _linked_codes(app, token, advertiser_id)
    assert client.delete(f"/_mockads/v1/sandboxes/{other['sandbox_id']}").status_code == 204
    app.extensions["mockads"].store.dispose()


def test_a_file_database_keeps_links_and_sandboxes_across_restarts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mockads.db'}"
    first = create_app(Settings(db=url))
    token, advertiser_id, code = _link_a_ready_code(first)
    created = first.test_client().post("/_mockads/v1/sandboxes", json={"seed": 9}).get_json()
    first.extensions["mockads"].store.dispose()

    second = create_app(Settings(db=url))
    assert code in _linked_codes(second, token, advertiser_id)
    again = second.test_client().get(f"/_mockads/v1/sandboxes/{created['sandbox_id']}")
    assert again.get_json()["access_token"] == created["access_token"]
    second.extensions["mockads"].store.dispose()
