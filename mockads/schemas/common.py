"""Fields and helpers shared by every request schema of the mirror and the control plane."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, ClassVar

from marshmallow import EXCLUDE, Schema, ValidationError, fields, missing, validate
from marshmallow.utils import set_value

from mockads.domain.clock import format_time
from mockads.domain.errors import InvalidParameter
from mockads.schemas.body import BadText, NotJson, loads, parameter_problem
from mockads.services.paging import Page

__all__ = [
    "MAX_ID_DIGITS",
    "Id",
    "JsonList",
    "JsonNested",
    "List",
    "RequestSchema",
    "StrictBoolean",
    "StrictInteger",
    "StrictNumber",
    "field_names",
    "id_list",
    "json_param",
    "page_info",
    "paginated",
    "time_text",
]


#: Real ids have 16-19 digits; one more leaves room, none of them is longer.
MAX_ID_DIGITS = 20


class RequestSchema(Schema):
    """A request's parameters: unknown ones are ignored, as the real API does.

    A load reads only the fields that were sent and those that are required or have a default
    (through a copy of the schema limited to them, made once per set of names): a catalogue
    schema declares up to a hundred optional fields, and marshmallow would otherwise visit
    each one for every object, sent or not. Same results, errors included.
    """

    class Meta:
        unknown = EXCLUDE

    def load(self, data: Any, *, many: bool | None = None, **kwargs: Any) -> Any:
        plain = self.only is None and not self.many and many is None
        if plain and isinstance(data, Mapping) and not self._hooks["pre_load"]:
            names = _field_names_by_key(type(self))
            sent = frozenset(names[key] for key in data if key in names)
            reader = _reading(type(self), sent)
            defaults = kwargs.get("partial") is None and not kwargs.get("unknown")
            if defaults and _hookless(type(self)):
                return load_fields(reader, data)
            return reader.load(data, **kwargs)
        return super().load(data, many=many, **kwargs)

    def load_params(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Validated parameters, or InvalidParameter naming the first bad field (40002).

        Text no parameter may hold (NUL, unpaired surrogates) is refused, known parameter or
        not, before any field is read (JSON was held to the same rule when it was decoded).
        """
        if (found := parameter_problem(data)) is not None:
            raise InvalidParameter(*found)
        try:
            return self.load(data)
        except ValidationError as error:
            field, problem = _first_error(error.normalized_messages())
            raise InvalidParameter(field, problem) from None


@lru_cache(maxsize=64)
def _field_names_by_key(schema: type[RequestSchema]) -> dict[str, str]:
    """The schema's loadable fields by the key that carries each in a request."""
    return {
        field.data_key or name: name
        for name, field in schema._declared_fields.items()
        if not field.dump_only
    }


@lru_cache(maxsize=256)
def _hookless(schema: type[RequestSchema]) -> bool:
    """Whether the schema has no hook (pre/post-load, validator) and excludes unknown keys: its
    load is then its fields' deserialisation, one after another."""
    return not any(schema._hooks.values()) and schema.opts.unknown == EXCLUDE


def load_fields(schema: RequestSchema, data: Mapping[str, Any]) -> dict[str, Any]:
    """What `Schema.load` answers for a hookless schema (`_hookless`), without the machinery
    its hooks, partial loading and unknown keys need (most of a small load's time): each
    field deserialised in turn, every error gathered under the field's key."""
    result: dict[str, Any] = schema.dict_class()
    errors: dict[str, Any] = {}
    for attr_name, field in schema.load_fields.items():
        key = field.data_key if field.data_key is not None else attr_name
        try:
            value = field.deserialize(data.get(key, missing), key, data)
        except ValidationError as error:
            errors[key] = error.messages
            continue
        if value is not missing:
            set_value(result, field.attribute or attr_name, value)
    if errors:
        raise ValidationError(errors, data=data, valid_data=result)
    return result


@lru_cache(maxsize=1024)
def _reading(schema: type[RequestSchema], sent: frozenset[str]) -> RequestSchema:
    """An instance of `schema` that loads the fields `sent` and those it always reads (no
    `pre_load` hook could add others)."""
    declared = schema._declared_fields
    return schema(
        only=[
            name
            for name, field in declared.items()
            if name in sent or field.required or field.load_default is not missing
        ]
    )


def _first_error(messages: Any, prefix: str = "") -> tuple[str, str]:
    if isinstance(messages, dict):
        key = sorted(messages, key=str)[0]
        # "_schema" is marshmallow's name for the object itself (`filtering` that is not one).
        name = f"{prefix}.{key}" if prefix and key != "_schema" else prefix or str(key)
        return _first_error(messages[key], name)
    if isinstance(messages, list) and messages:
        if all(isinstance(m, str) for m in messages):
            return prefix or "_schema", " ".join(messages)
        return _first_error(messages[0], prefix)
    return prefix or "_schema", str(messages)


class Id(fields.String):
    """A decimal id string (ASCII digits); JSON numbers are accepted and turned into strings."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Not a valid id: expected a string of digits.",
        "too_long": f"Not a valid id: too long ({{length}} characters; ids have at most "
        f"{MAX_ID_DIGITS} digits).",
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if isinstance(value, float) and value.is_integer() and value >= 0:
            value = int(value)  # JSON Schema counts 7.0 as an integer
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > MAX_ID_DIGITS:
            raise self.make_error("too_long", length=len(text))
        if not (text.isascii() and text.isdigit()):  # "²" and "٣" are digits to isdigit()
            raise self.make_error("invalid")
        return text


class StrictBoolean(fields.Boolean):
    """A JSON boolean, and nothing that merely looks like one ("yes", 1)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class StrictInteger(fields.Integer):
    """A JSON integer (JSON Schema counts 3.0 as one), not a numeric string."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictNumber(fields.Float):
    """A JSON number, not a numeric string."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class List(fields.List):
    """A list whose length limit is checked before its items are: a list of a million bad
    items is refused as fast as a list of two."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[Any]:
        if isinstance(value, list):
            for length in (v for v in self.validators if isinstance(v, validate.Length)):
                if length.max is not None and len(value) > length.max:
                    length(value)  # raises the field's usual "Length must be..." error
        return super()._deserialize(value, attr, data, **kwargs)


def json_param(text: str, kind: str) -> Any:
    """The value of a JSON-encoded parameter, under the same rules as a body."""
    try:
        return loads(text)
    except BadText as error:
        where, why = error.where, error.why
        raise ValidationError(f"{where} {why}" if where else why[0].upper() + why[1:]) from None
    except NotJson as error:
        raise ValidationError(f"Not a valid JSON-encoded {kind}: {error}.") from None


class JsonNested(fields.Nested):
    """An object that GET calls send JSON-encoded in one query parameter (`{"ids": [...]}`)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = json_param(value, "object")
        return super()._deserialize(value, attr, data, **kwargs)


class JsonList(List):
    """A list that GET calls send JSON-encoded in one query parameter (`["a","b"]`)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[Any]:
        if isinstance(value, str):
            value = json_param(value, "list")
        return super()._deserialize(value, attr, data, **kwargs)


def id_list(**kwargs: Any) -> JsonList:
    """A filter's list of 1 to 100 ids (`campaign_ids`, `ad_ids`...)."""
    return JsonList(Id(), validate=validate.Length(min=1, max=100), **kwargs)


def field_names(names: Sequence[str], **kwargs: Any) -> JsonList:
    """The `fields` parameter of a `*/get/` call: names from `names` only; absent means all."""
    return JsonList(
        fields.String(validate=validate.OneOf(names)),
        load_default=None,
        validate=validate.Length(max=len(names)),
        **kwargs,
    )


def paginated(default_size: int, max_size: int) -> type[RequestSchema]:
    """A request schema base with `page` and `page_size`, sized for one endpoint."""

    class Paginated(RequestSchema):
        page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=99_999))
        page_size = fields.Integer(
            load_default=default_size, validate=validate.Range(min=1, max=max_size)
        )

    return Paginated


def page_info(page: Page[Any]) -> dict[str, int]:
    """The API's `page_info` object."""
    return {
        "page": page.page,
        "page_size": page.page_size,
        "total_number": page.total_number,
        "total_page": page.total_page,
    }


def time_text(seconds: float | None) -> str | None:
    """A time field as the API writes it, or None."""
    return None if seconds is None else format_time(seconds)
