"""The light read of `ad/create/`'s creatives (`schemas/light.py`) loads exactly what the schema
loads, and refuses exactly what it refuses, with the same field and message."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import fields

from mockads.domain.catalogue import AD_CREATIVE_CREATE
from mockads.domain.errors import InvalidParameter
from mockads.schemas.ads import AdCreateRequest, CreativeSchema
from mockads.schemas.common import List, RequestSchema
from mockads.schemas.light import LightNested
from tests import generation
from tests.api.catalogue_values import CHARS, invalid_values, valid_values

_VALID = {
    "ad_name": "spring",
    "identity_type": "AUTH_CODE",
    "identity_id": "7439150008063608377",
    "tiktok_item_id": "7439150008063608377",
}
_SPECS = {spec.name: spec for spec in AD_CREATIVE_CREATE}
_ANY_JSON = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(CHARS, max_size=8),
    st.lists(st.text(CHARS, max_size=3), max_size=2),
    st.dictionaries(st.text(CHARS, max_size=3), st.integers(), max_size=2),
)


class _SchemaRead(AdCreateRequest):
    """`ad/create/` with every creative loaded by the schema itself: the reference."""

    creatives = List(fields.Nested(CreativeSchema), required=True)


def _outcome(schema: RequestSchema, body: dict[str, Any]) -> Any:
    try:
        return schema.load_params(body)
    except InvalidParameter as refusal:
        return ("refused", refusal.field, refusal.message)


def _value(name: str) -> st.SearchStrategy[Any]:
    spec = _SPECS.get(name)
    if spec is None:
        return _ANY_JSON
    return st.one_of(valid_values(spec), invalid_values(spec), _ANY_JSON)


@st.composite
def _creatives(draw: st.DrawFn) -> dict[str, Any]:
    """A valid creative with some fields changed, removed or added (catalogue fields, the
    creative's own fields, unknown keys), with values of any shape."""
    creative = dict(_VALID)
    names = sorted(set(CreativeSchema._declared_fields) | {"not_a_field"})
    for name in draw(st.lists(st.sampled_from(names), max_size=4, unique=True)):
        if draw(st.booleans()) and name in creative:
            del creative[name]
        else:
            creative[name] = draw(_value(name))
    return creative


@settings(max_examples=generation.examples(300, 3000), deadline=None)
@given(creatives=st.lists(_creatives(), min_size=1, max_size=3))
def test_a_light_read_loads_and_refuses_creatives_exactly_as_the_schema(creatives):
    body = {"advertiser_id": "1", "adgroup_id": "2", "creatives": creatives}
    assert _outcome(AdCreateRequest(), body) == _outcome(_SchemaRead(), body)


def test_a_valid_creative_takes_the_light_path_with_its_defaults_and_settings():
    light = LightNested(CreativeSchema)
    loaded = light.light_load({**_VALID, "app_name": "Spring", "unknown": 1})
    assert loaded == CreativeSchema().load({**_VALID, "app_name": "Spring", "unknown": 1})
    assert loaded is not None and loaded["dark_post_status"] == "OFF"


def test_a_creative_with_a_problem_is_left_to_the_schema():
    light = LightNested(CreativeSchema)
    assert light.light_load({**_VALID, "ad_name": ""}) is None
    assert light.light_load({k: v for k, v in _VALID.items() if k != "ad_name"}) is None
    assert light.light_load(["not", "an", "object"]) is None
