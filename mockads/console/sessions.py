"""Signed session cookies for the console only; the mirror, control plane and media have none."""

from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from mockads.console.blueprint import PREFIX

__all__ = ["ConsoleSessionInterface"]


class ConsoleSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session under `/console`; elsewhere Flask's null session, so API
    calls skip building a signer and reading a cookie they never use (a read's hot path)."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if request.path == PREFIX or request.path.startswith(PREFIX + "/"):
            return super().open_session(app, request)
        return self.make_null_session(app)
