"""Fixtures of the hostile-input battery: a target sandbox no refusal may change, and the
check that proves it (every row of the sandbox, read straight from the store)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine

from mockads.testing import CONTROL, Sandbox
from tests.snapshot import rows_unchanged


@pytest.fixture(scope="module")
def engine(mockads_app: Flask) -> Engine:
    """The session app's database, read directly."""
    return mockads_app.extensions["mockads"].store.engine


def module_sandbox(app: Flask) -> Iterator[Sandbox]:
    """A default sandbox (seed 1) of its own for a module, deleted afterwards."""
    client = app.test_client()
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 1})
    assert response.status_code == 201, response.get_data(as_text=True)
    yield Sandbox(client, response.get_json())
    client.delete(f"{CONTROL}/sandboxes/{response.get_json()['sandbox_id']}")


@pytest.fixture(scope="module")
def target(mockads_app: Flask) -> Iterator[Sandbox]:
    """A sandbox shared by the module's refusals: none of them may change it."""
    yield from module_sandbox(mockads_app)


@pytest.fixture(scope="module")
def ids(target: Sandbox) -> dict[str, str]:
    """Real values for every path parameter of the target sandbox."""
    ads = target.get("ad/get/", advertiser_id=target.advertiser_id)["data"]["list"]
    return {
        "sandbox_id": target.sandbox_id,
        "advertiser_id": target.advertiser_id,
        "creator_id": target.summary["creators"][0]["creator_id"],
        "item_id": target.summary["sample_codes"][0]["item_id"],
        "ad_id": ads[0]["ad_id"],
        "app_id": target.app()["app_id"],
    }


@pytest.fixture
def untouched(engine: Engine, target: Sandbox):
    """`with untouched():` asserts the block changes no row of the target sandbox."""

    @contextmanager
    def check() -> Iterator[None]:
        with rows_unchanged(engine, target.sandbox_id):
            yield

    return check


def mirror_refusal(response: Any, code: int = 40002, start: str = "") -> str:
    """An error envelope (HTTP < 500, nonzero code, `data: {}`); its message."""
    body = response.get_json()
    assert response.status_code < 500, body
    assert (body["code"], body["data"]) == (code, {}), body
    assert body["message"].startswith(start), body["message"]
    return body["message"]


def control_refusal(response: Any, status: int = 400, code: str = "INVALID_PARAMETER") -> str:
    """A control-plane error body with that status and reason; its message."""
    body = response.get_json()
    assert response.status_code == status, body
    assert body["error"]["code"] == code, body
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]["message"]


def token(sandbox: Sandbox) -> dict[str, str]:
    return {"Access-Token": sandbox.access_token}


def accepted(body: dict[str, Any]) -> Any:
    """The data of a success envelope."""
    assert (body["code"], body["message"]) == (0, "OK"), body
    return body["data"]
