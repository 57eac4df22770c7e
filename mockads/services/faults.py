"""Fault rules of a sandbox: add, list, remove, clear; and the rule that answers a call."""

from __future__ import annotations

from typing import Any

from mockads.domain import errors
from mockads.domain.faults import ArmedFault, FaultRule, PathPattern, build_rule, mirror_path
from mockads.domain.model import SandboxRef
from mockads.services.ports import Instruments, Store
from mockads.services.sandboxes import find_sandbox

__all__ = ["MAX_FAULTS", "add_fault", "clear_faults", "fault_for", "list_faults", "remove_fault"]

#: Rules one sandbox may hold at once.
MAX_FAULTS = 100


def add_fault(
    store: Store,
    instruments: Instruments,
    sandbox_id: str,
    *,
    path: str,
    known_paths: frozenset[str],
    **spec: Any,
) -> ArmedFault:
    """A new rule (`build_rule`'s parameters) after the sandbox's others; `path` must name at
    least one of the mirror's `known_paths`. A refused rule changes nothing."""
    sandbox = find_sandbox(store, sandbox_id)
    pattern = PathPattern.parse(path)
    if not pattern.names_any(known_paths):
        raise errors.InvalidParameter("path", f"{pattern.text!r} names no path of the mirror.")
    return instruments.add_fault(
        sandbox_id,
        lambda fault_id: build_rule(fault_id, path=pattern, sandbox_seed=sandbox.seed, **spec),
        MAX_FAULTS,
    )


def list_faults(store: Store, instruments: Instruments, sandbox_id: str) -> list[ArmedFault]:
    """The sandbox's rules in the order they apply, with their counters."""
    find_sandbox(store, sandbox_id)
    return instruments.faults(sandbox_id)


def remove_fault(store: Store, instruments: Instruments, sandbox_id: str, fault_id: str) -> None:
    """Remove one rule (NotFound when the sandbox has no such rule)."""
    find_sandbox(store, sandbox_id)
    if not instruments.remove_fault(sandbox_id, fault_id):
        raise errors.NotFound("fault", fault_id)


def clear_faults(store: Store, instruments: Instruments, sandbox_id: str) -> None:
    """Remove every rule of the sandbox."""
    find_sandbox(store, sandbox_id)
    instruments.clear_faults(sandbox_id)


def fault_for(
    instruments: Instruments, sandbox: SandboxRef, method: str, request_path: str
) -> FaultRule | None:
    """The rule that applies to a mirror call of this sandbox, if one does (counted)."""
    return instruments.fault_for(sandbox.sandbox_id, method, mirror_path(request_path))
