"""Fixtures of the console suite: a signed-in browser session through the Flask test client."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mockads.testing import CONTROL, Sandbox

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Trainee:
    """A person using the console: a cookie jar of their own, and helpers to fill its forms."""

    def __init__(self, app: Flask) -> None:
        self.client: FlaskClient = app.test_client()

    def page(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.location)
        return response.get_data(as_text=True)

    def token(self, path: str = "/console/sign-in") -> str:
        """The CSRF token a form of that page carries."""
        found = _CSRF.search(self.client.get(path).get_data(as_text=True))
        assert found, path
        return found.group(1)

    def submit(self, path: str, data: dict[str, object], *, from_page: str | None = None):
        """Post a form as the browser would, with the CSRF token of the page it came from."""
        token = self.token(from_page or "/console/spark-posts")
        return self.client.post(path, data={"csrf_token": token, **data})

    def sign_in(self, access_token: str) -> None:
        response = self.submit(
            "/console/sign-in", {"access_token": access_token}, from_page="/console/sign-in"
        )
        assert response.status_code == 302, response.get_data(as_text=True)


def _sandbox(app: Flask, seed: int) -> Iterator[Sandbox]:
    client = app.test_client()
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": seed})
    assert response.status_code == 201
    sandbox = Sandbox(client, response.get_json())
    yield sandbox
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


@pytest.fixture
def sandbox(mockads_app: Flask) -> Iterator[Sandbox]:
    yield from _sandbox(mockads_app, 1)


@pytest.fixture
def other(mockads_app: Flask) -> Iterator[Sandbox]:
    """Another trainee's sandbox (another seed, so other advertisers, creators and codes)."""
    yield from _sandbox(mockads_app, 2)


@pytest.fixture
def trainee(mockads_app: Flask, sandbox: Sandbox) -> Trainee:
    """A trainee signed in to `sandbox`."""
    person = Trainee(mockads_app)
    person.sign_in(sandbox.access_token)
    return person
