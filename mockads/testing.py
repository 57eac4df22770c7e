"""A pytest plugin (auto-loaded through the `pytest11` entry point) and a helper for tests.

Fixtures:
    mockads_app      one in-process mockads app per test session (in-memory SQLite)
    mockads_sandbox  a fresh sandbox per test, deleted afterwards: a `Sandbox` helper
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from flask import Flask
    from flask.testing import FlaskClient

__all__ = ["Sandbox", "mockads_app", "mockads_sandbox"]

MIRROR = "/open_api/v1.3"
CONTROL = "/_mockads/v1"


@dataclass
class Sandbox:
    """A sandbox seen from a test: its summary and calls to the mirror with its token."""

    client: FlaskClient
    summary: dict[str, Any]

    @property
    def sandbox_id(self) -> str:
        return self.summary["sandbox_id"]

    @property
    def access_token(self) -> str:
        return self.summary["access_token"]

    @property
    def advertiser_id(self) -> str:
        return self.summary["advertiser_ids"][0]

    def codes(self, status: str = "AUTHORIZED", *, linked: bool | None = False) -> list[str]:
        """Sample codes in a state (`linked=None`: linked or not)."""
        return [
            c["auth_code"]
            for c in self.summary["sample_codes"]
            if c["ad_auth_status"] == status and (linked is None or c["linked"] == linked)
        ]

    def get(self, path: str, **params: Any) -> dict[str, Any]:
        """GET a mirror path; lists and dicts are JSON-encoded as the real clients do."""
        query = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
        response = self.client.get(
            f"{MIRROR}/{path}", query_string=query, headers={"Access-Token": self.access_token}
        )
        return response.get_json()

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST a JSON body to a mirror path."""
        response = self.client.post(
            f"{MIRROR}/{path}", json=body, headers={"Access-Token": self.access_token}
        )
        return response.get_json()

    def control(self, method: str, path: str = "", body: Any = None) -> Any:
        """Call this sandbox's control-plane resource (`path` below `/sandboxes/{id}`)."""
        response = self.client.open(
            f"{CONTROL}/sandboxes/{self.sandbox_id}{path}", method=method, json=body
        )
        return response.get_json()


@pytest.fixture(scope="session")
def mockads_app() -> Flask:
    """An in-process mockads app with an in-memory store."""
    from mockads.app import create_app
    from mockads.settings import Settings

    return create_app(Settings(db="sqlite://"))


@pytest.fixture
def mockads_sandbox(mockads_app: Flask, request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """A new sandbox: scenario `default`, seed 1, or `@pytest.mark.mockads(scenario=, seed=)`."""
    marker = request.node.get_closest_marker("mockads")
    options = {"scenario": "default", "seed": 1, **(marker.kwargs if marker else {})}
    client = mockads_app.test_client()
    response = client.post(f"{CONTROL}/sandboxes", json=options)
    assert response.status_code == 201, response.get_data(as_text=True)
    sandbox = Sandbox(client, response.get_json())
    yield sandbox
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def pytest_configure(config: pytest.Config) -> None:
    """Register the `mockads` marker."""
    config.addinivalue_line("markers", "mockads(scenario, seed): options of mockads_sandbox")
