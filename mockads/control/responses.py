"""Plain REST answers of the control plane: JSON bodies, HTTP status codes for errors."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request

from mockads.domain.errors import InvalidParameter, MockadsError
from mockads.schemas.common import RequestSchema
from mockads.services.ports import Store

__all__ = ["control_error", "json_body", "store"]


def store() -> Store:
    """The store of this app."""
    return current_app.extensions["mockads"].store


def json_body(schema: RequestSchema) -> dict[str, Any]:
    """The validated JSON-object body (an empty body counts as `{}`)."""
    body = request.get_json(silent=True) if request.get_data(cache=True).strip() else {}
    if not isinstance(body, dict):
        raise InvalidParameter("body", "expected a JSON object.")
    return schema.load_params(body)


def control_error(error: MockadsError) -> Response:
    """`{"error": {"code", "message", "details"}}` with the error's HTTP status."""
    details = {k: v for k, v in vars(error).items() if k != "message" and not k.startswith("_")}
    payload = {"error": {"code": error.reason, "message": error.message, "details": details}}
    response = jsonify(payload)
    response.status_code = error.http_status
    return response
