"""Fixtures of the API suite (helpers live in `tests.api.helpers`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from mockads.testing import CONTROL, Sandbox


@pytest.fixture
def other_sandbox(client: FlaskClient) -> Iterator[Sandbox]:
    """A second sandbox, built from another seed than `mockads_sandbox`."""
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 2})
    assert response.status_code == 201, response.get_data(as_text=True)
    sandbox = Sandbox(client, response.get_json())
    yield sandbox
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")
