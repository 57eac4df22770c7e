"""Schemathesis follows the contract's OpenAPI links, with every default check:
sandbox → creator → post → code, each step fed by the previous answer's ids.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from mockads.app import create_app
from mockads.services import sandboxes
from mockads.settings import Settings
from tests import generation
from tests.contract.harness import contract_schema

#: The operations that the links join, so every walk starts from a sandbox it created. Reset
#: is left out: it rightly forgets creators made since, which the walk would take for a bug.
LINKED = [
    "sandbox_create",
    "sandbox_get",
    "creator_create",
    "creator_get",
    "creator_update",
    "post_create",
    "post_get",
    "post_update",
    "authorization_create",
]

app = create_app(Settings(db="sqlite://"))
schema = contract_schema(app, max_examples=25).include(operation_id=LINKED)


class ControlPlaneWorkflow(schema.as_state_machine()):  # type: ignore[misc]
    """Random walks over the control plane's linked operations."""

    def validate_response(
        self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
    ) -> None:
        """Default checks, with negative data judged under mockads's body rule (harness.py)."""
        case.validate_response(
            response,
            additional_checks=additional_checks,
            excluded_checks=[negative_data_rejection],
            transport_kwargs=kwargs or None,
            recorder=getattr(self, "recorder", None),
        )

    def teardown(self) -> None:
        """Every walk starts from the same server state, so Hypothesis can replay it."""
        store = app.extensions["mockads"].store
        for summary in sandboxes.list_sandboxes(store):
            if summary.sandbox.sandbox_id != sandboxes.DEFAULT_SANDBOX_ID:
                sandboxes.delete_sandbox(store, summary.sandbox.sandbox_id)


TestControlPlaneWorkflow = ControlPlaneWorkflow.TestCase
TestControlPlaneWorkflow.settings = settings(
    max_examples=generation.examples(25),
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
