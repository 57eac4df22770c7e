"""A sandbox's state: the whole sandbox as one JSON document, exported and imported."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request

from mockads.control.blueprint import control
from mockads.control.responses import store
from mockads.schemas.body import parse_json_object
from mockads.schemas.control import check_sandbox_id, sandbox_data
from mockads.schemas.state import load_state, state_json
from mockads.services import state


@control.get("/sandboxes/<sandbox_id>/state")
def state_get(sandbox_id: str) -> Response:
    """The sandbox's world, clock, review policy and uploaded videos, in one fixed encoding."""
    exported = state.export_state(store(), current_app.extensions["mockads"].media, sandbox_id)
    return Response(state_json(exported), mimetype="application/json")


@control.put("/sandboxes/<sandbox_id>/state")
def state_put(sandbox_id: str) -> tuple[Response, int]:
    """Replace the sandbox with a state (200), or create it from one (201, a new token)."""
    runtime = current_app.extensions["mockads"]
    check_sandbox_id(sandbox_id)
    request.max_content_length = runtime.settings.max_state_bytes
    loaded = load_state(parse_json_object(request.get_data(cache=False)))
    summary, created = state.import_state(
        store(), runtime.media, sandbox_id, loaded, instruments=runtime.instruments
    )
    return jsonify(sandbox_data(summary)), 201 if created else 200
