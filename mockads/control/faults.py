"""Fault rules of a sandbox's mirror calls: add, list, remove one, clear."""

from __future__ import annotations

from flask import Response, current_app, jsonify

from mockads.control.blueprint import control
from mockads.control.responses import instruments, json_body, store
from mockads.domain.faults import MIRROR_PATH_PREFIX, mirror_path
from mockads.schemas.faults import FaultCreateRequest, fault_data
from mockads.services import faults

_FAULT_CREATE = FaultCreateRequest()


@control.get("/sandboxes/<sandbox_id>/faults")
def fault_list(sandbox_id: str) -> Response:
    """The rules in the order they apply, with their counters."""
    rules = faults.list_faults(store(), instruments(), sandbox_id)
    return jsonify({"faults": [fault_data(armed) for armed in rules]})


@control.post("/sandboxes/<sandbox_id>/faults")
def fault_create(sandbox_id: str) -> tuple[Response, int]:
    """A new rule, after the others."""
    armed = faults.add_fault(
        store(), instruments(), sandbox_id, known_paths=_mirror_paths(), **json_body(_FAULT_CREATE)
    )
    return jsonify(fault_data(armed)), 201


@control.delete("/sandboxes/<sandbox_id>/faults")
def fault_clear(sandbox_id: str) -> tuple[str, int]:
    """Remove every rule."""
    faults.clear_faults(store(), instruments(), sandbox_id)
    return "", 204


@control.delete("/sandboxes/<sandbox_id>/faults/<fault_id>")
def fault_delete(sandbox_id: str, fault_id: str) -> tuple[str, int]:
    """Remove one rule."""
    faults.remove_fault(store(), instruments(), sandbox_id, fault_id)
    return "", 204


def _mirror_paths() -> frozenset[str]:
    """The paths the mirror serves, as rules name them."""
    return frozenset(
        mirror_path(rule.rule)
        for rule in current_app.url_map.iter_rules()
        if rule.rule.startswith(MIRROR_PATH_PREFIX)
    )
