"""Health, sandboxes and their clocks."""

from __future__ import annotations

from flask import Response, jsonify

from mockads.control.blueprint import control
from mockads.control.responses import instruments, json_body, store
from mockads.schemas.control import (
    ClockUpdateRequest,
    SandboxCreateRequest,
    clock_data,
    sandbox_data,
)
from mockads.services import sandboxes

_SANDBOX_CREATE = SandboxCreateRequest()
_CLOCK_UPDATE = ClockUpdateRequest()


@control.get("/health")
def health() -> Response:
    """Liveness, version and sandbox count."""
    return jsonify(sandboxes.health(store()))


@control.post("/sandboxes")
def sandbox_create() -> tuple[Response, int]:
    """A new sandbox from a scenario and seed."""
    summary = sandboxes.create_sandbox(store(), **json_body(_SANDBOX_CREATE))
    return jsonify(sandbox_data(summary)), 201


@control.get("/sandboxes")
def sandbox_list() -> Response:
    """Every sandbox."""
    return jsonify({"sandboxes": [sandbox_data(s) for s in sandboxes.list_sandboxes(store())]})


@control.get("/sandboxes/<sandbox_id>")
def sandbox_get(sandbox_id: str) -> Response:
    """One sandbox's summary: token, advertisers, identities, creators, sample codes."""
    return jsonify(sandbox_data(sandboxes.get_sandbox(store(), sandbox_id)))


@control.delete("/sandboxes/<sandbox_id>")
def sandbox_delete(sandbox_id: str) -> tuple[str, int]:
    """Delete a sandbox with its world and token, faults and journal."""
    sandboxes.delete_sandbox(store(), sandbox_id, instruments())
    return "", 204


@control.post("/sandboxes/<sandbox_id>/reset")
def sandbox_reset(sandbox_id: str) -> Response:
    """Back to the scenario and seed, clock included; no faults, an empty journal."""
    return jsonify(sandbox_data(sandboxes.reset_sandbox(store(), sandbox_id, instruments())))


@control.get("/sandboxes/<sandbox_id>/clock")
def clock_get(sandbox_id: str) -> Response:
    """The sandbox's time."""
    return jsonify(clock_data(*sandboxes.get_clock(store(), sandbox_id)))


@control.post("/sandboxes/<sandbox_id>/clock")
def clock_update(sandbox_id: str) -> Response:
    """Advance, set or freeze the sandbox's time."""
    return jsonify(
        clock_data(*sandboxes.set_clock(store(), sandbox_id, **json_body(_CLOCK_UPDATE)))
    )
