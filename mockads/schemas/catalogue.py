"""Request schemas built from the field catalogue (`mockads.domain.catalogue`).

Each catalogue field becomes a strict marshmallow field (type, enum, length and range checked,
40002 naming the field). Fields a hand-written schema already declares keep their own rules;
the rest are gathered under `settings`, the mapping the services store as sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, ClassVar

from marshmallow import ValidationError, fields, missing, post_load, validate

from mockads.domain.catalogue import FieldSpec
from mockads.schemas.common import (
    Id,
    List,
    RequestSchema,
    StrictBoolean,
    StrictInteger,
    StrictNumber,
)

__all__ = [
    "TIME_PATTERN",
    "Unchangeable",
    "catalogue_field",
    "members_schema",
    "update_schema",
    "with_catalogue",
]

TIME_PATTERN = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"


def _text(spec: FieldSpec, **kwargs: Any) -> fields.Field:
    checks: list[Any] = []
    if spec.enum:
        checks.append(validate.OneOf(spec.enum))
    if spec.min_length is not None or spec.max_length is not None:
        checks.append(validate.Length(min=spec.min_length, max=spec.max_length))
    if spec.kind == "time":
        checks.append(validate.Regexp(TIME_PATTERN))
    if spec.pattern is not None:
        checks.append(validate.Regexp(spec.pattern))
    return fields.String(validate=checks, **kwargs)


@cache
def members_schema(spec: FieldSpec) -> type[RequestSchema]:
    """The schema of an object field's members (unknown keys ignored, as at the top level)."""
    attrs: dict[str, Any] = {
        member.name: catalogue_field(member, required=member.required) for member in spec.members
    }
    return type(f"{spec.name.title().replace('_', '')}Object", (RequestSchema,), attrs)


def _object(spec: FieldSpec, **kwargs: Any) -> fields.Field:
    if spec.members:
        return fields.Nested(members_schema(spec), **kwargs)
    return fields.Dict(keys=fields.String(), **kwargs)


def _number(spec: FieldSpec, **kwargs: Any) -> fields.Field:
    checks: list[Any] = [validate.Range(min=spec.minimum, max=spec.maximum)]
    if spec.enum:
        checks.append(validate.OneOf(spec.enum))
    number = StrictNumber if spec.kind == "number" else StrictInteger
    return number(validate=checks, **kwargs)


def _item(spec: FieldSpec) -> fields.Field:
    if spec.kind == "id_list":
        return Id()
    if spec.kind == "integer_list":
        return _number(spec)
    if spec.kind == "object_list":
        return _object(spec)
    return _text(spec)


def catalogue_field(spec: FieldSpec, **kwargs: Any) -> fields.Field:
    """The marshmallow field that checks one catalogue field's wire shape."""
    kwargs.setdefault("allow_none", False)
    kind = spec.kind
    if spec.is_list:
        length = validate.Length(min=spec.min_items, max=spec.max_items)
        return List(_item(spec), validate=length, **kwargs)
    if kind in ("integer", "number"):
        return _number(spec, **kwargs)
    if kind == "boolean":
        return StrictBoolean(**kwargs)
    if kind == "id":
        return Id(**kwargs)
    if kind == "object":
        return _object(spec, **kwargs)
    return _text(spec, **kwargs)


class Unchangeable(fields.Field):
    """A documented field update may not change: any value is refused (40002 naming it)."""

    def __init__(
        self, changed_by: str | None = None, message: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.changed_by = changed_by
        self.message = message

    def deserialize(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        if value is missing:
            return super().deserialize(value, *args, **kwargs)
        if self.message:
            raise ValidationError(self.message)
        if self.changed_by:
            raise ValidationError(f"cannot be changed by this call; use {self.changed_by}.")
        raise ValidationError("cannot be changed after creation.")


class _Settings(RequestSchema):
    """Moves the catalogue-only fields that were sent into one `settings` mapping."""

    settings_fields: ClassVar[frozenset[str]] = frozenset()

    @post_load
    def _gather(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        data["settings"] = {n: data.pop(n) for n in self.settings_fields if n in data}
        return data


def update_schema(
    base: type[RequestSchema],
    create: Iterable[FieldSpec],
    update: Iterable[FieldSpec],
    *,
    name: str,
    doc: str,
) -> type[RequestSchema]:
    """The `*/update/` schema: `base` plus the `update` fields; a field only `create` takes is
    refused with "cannot be changed"."""
    update = tuple(update)
    updatable = {spec.name for spec in update}
    refused = [spec for spec in create if spec.name not in updatable]
    return with_catalogue(base, update, name=name, refused=refused, doc=doc)


def with_catalogue(
    base: type[RequestSchema],
    specs: Iterable[FieldSpec],
    *,
    name: str,
    refused: Iterable[FieldSpec] = (),
    doc: str = "",
) -> type[RequestSchema]:
    """`base` plus every catalogue field it does not declare (`required` as the spec says), and
    `refused` fields (create-only ones sent to update) that fail whatever their value."""
    declared = set(base._declared_fields)
    added = {
        spec.name: catalogue_field(spec, required=spec.required)
        for spec in specs
        if spec.name not in declared
    }
    for spec in refused:
        if spec.name not in declared and spec.name not in added:
            added[spec.name] = Unchangeable(spec.changed_by)
    attrs: dict[str, Any] = {
        **added,
        "settings_fields": frozenset(
            n for n, f in added.items() if not isinstance(f, Unchangeable)
        ),
        "__doc__": doc or base.__doc__,
        "__module__": base.__module__,
    }
    return type(name, (_Settings, base), attrs)
