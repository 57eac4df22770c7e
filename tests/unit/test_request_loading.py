"""Request schemas without hooks load field by field (`schemas/common.load_fields`), skipping
marshmallow's general machinery: the answer must be marshmallow's own, values and errors."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import Schema, ValidationError

import mockads.schemas
from mockads.schemas.common import RequestSchema, _hookless, _reading, load_fields
from tests import generation


def _request_schemas() -> list[type[RequestSchema]]:
    for module in pkgutil.iter_modules(mockads.schemas.__path__):
        importlib.import_module(f"mockads.schemas.{module.name}")
    found, stack = [], [RequestSchema]
    while stack:
        schema = stack.pop()
        stack.extend(schema.__subclasses__())
        if schema is not RequestSchema and _hookless(schema):
            found.append(schema)
    return sorted(found, key=lambda schema: f"{schema.__module__}.{schema.__qualname__}")


HOOKLESS = _request_schemas()

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.from_regex(r"\A[0-9]{1,20}\Z"),
    st.sampled_from(["ENABLE", "DISABLE", "AUTH_CODE", "2026-01-01 00:00:00", "[]", "{}"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _outcome(load: Any) -> tuple[str, Any]:
    try:
        return "loaded", load()
    except ValidationError as error:
        return "refused", error.normalized_messages()


def test_most_request_schemas_load_field_by_field() -> None:
    assert len(HOOKLESS) >= 20


@pytest.mark.parametrize("schema", HOOKLESS, ids=lambda schema: schema.__qualname__)
@settings(max_examples=generation.examples(25, 300), deadline=None)
@given(data=st.data())
def test_field_by_field_load_answers_as_marshmallow(schema: type[RequestSchema], data: Any) -> None:
    keys = [field.data_key or name for name, field in schema._declared_fields.items()]
    some_keys = st.sampled_from([*keys, "not_a_parameter"])
    sent = data.draw(st.dictionaries(some_keys, _values, max_size=len(keys) + 1))
    names = {field.data_key or name: name for name, field in schema._declared_fields.items()}
    reader = _reading(schema, frozenset(names[key] for key in sent if key in names))
    assert _outcome(lambda: load_fields(reader, sent)) == _outcome(
        lambda: Schema.load(reader, sent)
    )
