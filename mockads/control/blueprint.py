"""The control plane's blueprint and its admin-token guard."""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, request

from mockads.domain.errors import MockadsError

__all__ = ["PREFIX", "AdminTokenRequired", "control"]

PREFIX = "/_mockads/v1"
control = Blueprint("control", __name__, url_prefix=PREFIX)


class AdminTokenRequired(MockadsError):
    """Off loopback, the control plane needs `Authorization: Bearer <admin token>`."""

    http_status = 401
    reason = "ADMIN_TOKEN_REQUIRED"

    def __init__(self) -> None:
        super().__init__(
            "this server is not on loopback: send Authorization: Bearer <admin token>."
        )


@control.before_request
def _require_admin_token() -> None:
    expected = current_app.extensions["mockads"].admin_token
    if expected is None:
        return
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise AdminTokenRequired()


# Importing the resource modules registers their routes.
from mockads.control import (  # noqa: E402, F401
    creator_app,
    delivery,
    faults,
    journal,
    oauth,
    reviews,
    sandboxes,
    spark_batch,
    state,
)
