"""What a field catalogue is made of: one `FieldSpec` per documented field, and the frozen
mapping (`FieldValues`) an entity keeps the values of its catalogue-only fields in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

__all__ = ["KINDS", "MAX_TEXT", "FieldSpec", "FieldValues", "Kind", "by_name", "freeze", "thaw"]

Kind = Literal[
    "string",
    "integer",
    "number",
    "boolean",
    "id",
    "time",
    "string_list",
    "id_list",
    "integer_list",
    "object",
    "object_list",
]
KINDS: tuple[Kind, ...] = get_args(Kind)
#: Longest text a field documented without a limit takes (the API documents 512 for names).
MAX_TEXT = 512


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One documented field of a call: its wire type and values, and what mockads does with it.

    `stored_as_given` fields are checked for shape only; the others have rules of their own.
    An `object` or `object_list` field with `members` is checked member by member (each a spec
    of its own); one without is any JSON object.
    `derived` fields are computed by mockads and only read. `shown` is False for a field the
    real API takes but never returns (an idempotency key). `nullable` says whether a read
    shows null when the field was never sent (by default: when it has no default).
    """

    name: str
    kind: Kind
    doc: str = ""
    enum: tuple[Any, ...] | None = None
    default: Any = None
    required: bool = False
    updatable: bool = False
    stored_as_given: bool = True
    derived: bool = False
    shown: bool = True
    nullable: bool | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    changed_by: str | None = None
    members: tuple[FieldSpec, ...] = ()

    def __post_init__(self) -> None:
        if self.kind in ("string", "string_list") and self.max_length is None and not self.enum:
            object.__setattr__(self, "max_length", MAX_TEXT)

    @property
    def is_list(self) -> bool:
        """Whether the value is a JSON array."""
        return self.kind.endswith("_list")

    @property
    def may_be_null(self) -> bool:
        """Whether a read can show null for this field."""
        if self.nullable is not None:
            return self.nullable
        return self.default is None and not self.required

    def read_default(self) -> Any:
        """What a read shows when the field was never sent."""
        return thaw(self.default)


def by_name(specs: Iterable[FieldSpec]) -> dict[str, FieldSpec]:
    """Specs keyed by field name."""
    return {spec.name: spec for spec in specs}


def freeze(value: Any) -> Any:
    """A JSON value made immutable (and hashable): arrays become tuples, objects FieldValues."""
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    if isinstance(value, Mapping):
        return FieldValues.of(value)
    return value


def thaw(value: Any) -> Any:
    """A frozen value back as JSON: tuples become lists, FieldValues objects."""
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    if isinstance(value, FieldValues):
        return value.as_dict()
    return value


@dataclass(frozen=True, slots=True)
class FieldValues:
    """Field values as sent: an immutable, hashable mapping of name to frozen JSON value."""

    items: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> FieldValues:
        """The values of a mapping, frozen, in name order."""
        return cls(tuple(sorted((str(k), freeze(v)) for k, v in values.items())))

    def get(self, name: str, default: Any = None) -> Any:
        """The frozen value of `name`, or `default` when it was never sent."""
        for key, value in self.items:
            if key == name:
                return value
        return default

    def __contains__(self, name: object) -> bool:
        return any(key == name for key, _ in self.items)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.items)

    def __len__(self) -> int:
        return len(self.items)

    def updated(self, changes: Mapping[str, Any]) -> FieldValues:
        """These values with `changes` applied."""
        return FieldValues.of({**dict(self.items), **changes})

    def without(self, *names: str) -> FieldValues:
        """These values but `names`."""
        return FieldValues(tuple(item for item in self.items if item[0] not in names))

    def as_dict(self) -> dict[str, Any]:
        """The values as JSON (lists and objects)."""
        return {key: thaw(value) for key, value in self.items}
