"""A sandbox's apps (`/sandboxes/{sid}/apps`) and the consent shortcut that issues a code."""

from __future__ import annotations

from flask import Response, jsonify

from mockads.control.blueprint import control
from mockads.control.responses import json_body, store
from mockads.schemas.oauth import (
    AppCreateRequest,
    AuthCodeCreateRequest,
    app_data,
    auth_code_data,
)
from mockads.services import oauth

_APP_CREATE = AppCreateRequest()
_AUTH_CODE_CREATE = AuthCodeCreateRequest()


@control.get("/sandboxes/<sandbox_id>/apps")
def app_list(sandbox_id: str) -> Response:
    """The sandbox's apps, with their secrets and redirect URIs."""
    apps = oauth.list_apps(store(), sandbox_id)
    return jsonify({"apps": [app_data(sandbox_id, app) for app in apps]})


@control.post("/sandboxes/<sandbox_id>/apps")
def app_create(sandbox_id: str) -> tuple[Response, int]:
    """Register an app: a new `app_id` and `secret`."""
    params = json_body(_APP_CREATE)
    app = oauth.create_app(store(), sandbox_id, params["name"], params["redirect_uris"])
    return jsonify(app_data(sandbox_id, app)), 201


@control.get("/sandboxes/<sandbox_id>/apps/<app_id>")
def app_get(sandbox_id: str, app_id: str) -> Response:
    """One app."""
    return jsonify(app_data(sandbox_id, oauth.get_app(store(), sandbox_id, app_id)))


@control.delete("/sandboxes/<sandbox_id>/apps/<app_id>")
def app_delete(sandbox_id: str, app_id: str) -> tuple[str, int]:
    """Remove an app with its codes and tokens."""
    oauth.delete_app(store(), sandbox_id, app_id)
    return "", 204


@control.post("/sandboxes/<sandbox_id>/apps/<app_id>/auth_codes")
def auth_code_create(sandbox_id: str, app_id: str) -> tuple[Response, int]:
    """What the authorization page does when the advertiser consents, without a browser."""
    params = json_body(_AUTH_CODE_CREATE)
    code = oauth.issue_code(store(), sandbox_id, app_id, **params)
    return jsonify(auth_code_data(code)), 201
