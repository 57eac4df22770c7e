"""Fixtures of the API suite (helpers live in `tests.api.helpers`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mockads.testing import CONTROL, Sandbox


def _sandbox(client: FlaskClient, seed: int) -> Iterator[Sandbox]:
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": seed})
    assert response.status_code == 201, response.get_data(as_text=True)
    sandbox = Sandbox(client, response.get_json())
    yield sandbox
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


@pytest.fixture
def other_sandbox(client: FlaskClient) -> Iterator[Sandbox]:
    """A second sandbox, built from another seed than `mockads_sandbox`."""
    yield from _sandbox(client, 2)


@pytest.fixture(scope="module")
def pristine(mockads_app: Flask) -> Iterator[Sandbox]:
    """A default sandbox shared by a module's tests that change nothing."""
    yield from _sandbox(mockads_app.test_client(), 1)


@pytest.fixture(scope="module")
def foreign(mockads_app: Flask) -> Iterator[Sandbox]:
    """Another sandbox (another seed, so another advertiser) that nothing may change."""
    yield from _sandbox(mockads_app.test_client(), 2)
