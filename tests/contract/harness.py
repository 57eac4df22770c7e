"""Schemathesis set-up shared by the fuzz and stateful runs: the schema with its generation
settings, and the check that judges negative data under mockads's body rule."""

from __future__ import annotations

from typing import Any

import schemathesis
from flask import Flask
from schemathesis.specs.openapi.checks import negative_data_rejection

from mockads.schemas.body import JSON_WHITESPACE
from tests import generation

__all__ = [
    "MIRROR",
    "contract_schema",
    "negative_data_is_refused_where_the_body_rule_says_so",
]

MIRROR = "/open_api/v1.3/"


def contract_schema(app: Flask, max_examples: int) -> Any:
    """The app's contract for schemathesis, drawing from the run's seed with no example database.

    Text in the contract holds no NUL and no unpaired surrogate (README, "Request bodies"):
    generated strings keep to that; the hostile-input battery sends the rest.
    """
    schema = schemathesis.openapi.from_wsgi("/openapi.yaml", app)
    schema.config.seed = generation.SEED
    schema.config.generation.update(
        max_examples=generation.examples(max_examples),
        database="none",
        allow_x00=False,
        codec="utf-8",
    )
    return schema


@schemathesis.check
def negative_data_is_refused_where_the_body_rule_says_so(
    ctx: Any, response: Any, case: Any
) -> None:
    """Schemathesis's `negative_data_rejection`, under mockads's one rule for bodies.

    A body of JSON whitespace only (space, tab, LF, CR) is an empty body, which counts as `{}`
    (README, "Request bodies"); schemathesis takes it for random invalid bytes. Every other
    negative case goes to schemathesis's own check. The mirror, which answers bad input with
    HTTP 200 and an error envelope, has its own check in `test_fuzz.py`.
    """
    if case.path.startswith(MIRROR):
        return
    sent = response.request.body
    if isinstance(sent, str):
        sent = sent.encode()
    if sent and not sent.strip(JSON_WHITESPACE):
        return
    negative_data_rejection(ctx, response, case)
