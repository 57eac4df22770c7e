"""Plain REST answers of the control plane: JSON bodies, HTTP status codes for errors."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request

from mockads.domain.errors import MockadsError
from mockads.schemas.body import parse_json_object
from mockads.schemas.common import RequestSchema
from mockads.services.ports import Instruments, Store

__all__ = ["control_error", "instruments", "json_body", "store"]


def store() -> Store:
    """The store of this app."""
    return current_app.extensions["mockads"].store


def instruments() -> Instruments:
    """The faults and journals of this process."""
    return current_app.extensions["mockads"].instruments


def json_body(schema: RequestSchema) -> dict[str, Any]:
    """The validated JSON-object body (a body of JSON whitespace only counts as `{}`)."""
    return schema.load_params(parse_json_object(request.get_data(cache=True)))


def control_error(error: MockadsError) -> Response:
    """`{"error": {"code", "message", "details"}}` with the error's HTTP status."""
    details = {k: v for k, v in vars(error).items() if k != "message" and not k.startswith("_")}
    payload = {"error": {"code": error.reason, "message": error.message, "details": details}}
    response = jsonify(payload)
    response.status_code = error.http_status
    return response
