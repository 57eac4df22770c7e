"""The console's signed session cookie lives under /console only."""

from __future__ import annotations

import pytest
from flask import Flask, session

from mockads.app import create_app
from mockads.settings import Settings


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(Settings(db="sqlite://"))


@pytest.mark.parametrize("path", ["/console", "/console/sign-in"])
def test_console_requests_get_a_session_that_can_hold_a_sign_in(app: Flask, path: str):
    with app.test_request_context(path):
        assert not app.session_interface.is_null_session(session)
        session["advertiser_id"] = "1"


@pytest.mark.parametrize(
    "path", ["/open_api/v1.3/tt_video/info/", "/_mockads/v1/sandboxes", "/consoles", "/media/x"]
)
def test_api_control_and_media_requests_carry_no_session(app: Flask, path: str):
    with app.test_request_context(path):
        assert app.session_interface.is_null_session(session)
