"""A sandbox's rows as JSON and back, table by table, column by column, by SQLAlchemy type.

Every table that carries `sandbox_id` (but `sandboxes` itself and the tables the store derives
from the others) is part of a sandbox's state.
A row becomes a JSON object of its columns but `sandbox_id`; each value is converted by the
column's type (enums by value, `JsonTuple` as an array, `JsonFieldValues` as an object, floats,
booleans, integers), and rows are sorted by primary key in Python, so SQLite and PostgreSQL
(whose text collations differ) give the same order. Loading checks every row against the same
columns (names, types, lengths, nullability), refuses two rows with one primary key and a row
naming a parent row that is not there, and says where: `tables.posts[3].caption: ...`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Enum,
    Float,
    Integer,
    String,
    Table,
    delete,
    select,
)

from mockads.domain.catalogue.fields import FieldValues
from mockads.domain.errors import InvalidParameter
from mockads.store.tables import (
    DERIVED_TABLES,
    USAGE_TABLES,
    JsonFieldValues,
    JsonTuple,
    metadata,
    sandboxes,
)

__all__ = [
    "OPTIONAL_TABLES",
    "REFERENCES",
    "STATE_TABLES",
    "StateRows",
    "codec",
    "dump_rows",
    "load_rows",
    "replace_rows",
]

#: Tables holding a sandbox's state, by name.
STATE_TABLES: dict[str, Table] = {
    table.name: table
    for table in sorted(metadata.tables.values(), key=lambda t: t.name)
    if "sandbox_id" in table.c
    and table is not sandboxes
    and table not in USAGE_TABLES
    and table not in DERIVED_TABLES
}

#: (table, columns, parent table, parent columns): a row naming a parent names one that exists
#: (a NULL names none). Without them the reads that join rows would find half a world.
REFERENCES: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    ("posts", ("creator_id",), "creators", ("creator_id",)),
    ("posts", ("duet_original_item_id",), "posts", ("item_id",)),
    ("posts", ("stitch_original_item_id",), "posts", ("item_id",)),
    ("spark_codes", ("item_id",), "posts", ("item_id",)),
    ("identities", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("identities", ("creator_id",), "creators", ("creator_id",)),
    ("linked_posts", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("linked_posts", ("item_id",), "posts", ("item_id",)),
    ("linked_posts", ("auth_code",), "spark_codes", ("auth_code",)),
    ("linked_posts", ("original_auth_code",), "spark_codes", ("auth_code",)),
    ("library_videos", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("campaigns", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("adgroups", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("adgroups", ("campaign_id",), "campaigns", ("campaign_id",)),
    ("ads", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("ads", ("campaign_id",), "campaigns", ("campaign_id",)),
    ("ads", ("adgroup_id",), "adgroups", ("adgroup_id",)),
    ("ads", ("auth_code",), "spark_codes", ("auth_code",)),
    ("library_images", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("musics", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("creative_portfolios", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("custom_audiences", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("status_changes", ("advertiser_id",), "advertisers", ("advertiser_id",)),
    ("oauth_auth_codes", ("app_id",), "oauth_apps", ("app_id",)),
    ("oauth_grants", ("app_id",), "oauth_apps", ("app_id",)),
)

#: Tables newer than the state format: a state written before them holds none, and loads
#: with them empty (`user/info/` then answers the user the sandbox's scenario builds; each
#: campaign, ad group and ad gets its status at its `modify_time` as its only change).
OPTIONAL_TABLES = frozenset(
    {
        "users",
        "library_images",
        "musics",
        "creative_portfolios",
        "custom_audiences",
        "status_changes",
        "oauth_apps",
        "oauth_auth_codes",
        "oauth_grants",
    }
)

#: Rows ready to insert: table name -> rows (column name -> Python value), checked.
StateRows = dict[str, list[dict[str, Any]]]

_INT_RANGES = {BigInteger: (-(2**63), 2**63 - 1), Integer: (-(2**31), 2**31 - 1)}


class _Refused(ValueError):
    """A value a column cannot hold; the message says why."""


@dataclass(frozen=True, slots=True)
class Codec:
    """How one column's values turn into JSON and back."""

    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]


def _text(column: Column[Any]) -> Codec:
    length = getattr(column.type, "length", None)

    def load(value: Any) -> str:
        if not isinstance(value, str):
            raise _Refused("expected a string.")
        if length is not None and len(value) > length:
            raise _Refused(f"at most {length} characters ({len(value)} given).")
        if "\x00" in value:
            raise _Refused("text holds no NUL character.")
        return value

    return Codec(lambda value: value, load)


def _integer(column: Column[Any]) -> Codec:
    low, high = _INT_RANGES[BigInteger if isinstance(column.type, BigInteger) else Integer]

    def load(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Refused("expected an integer.")
        if not low <= value <= high:
            raise _Refused(f"must be between {low} and {high}.")
        return value

    return Codec(lambda value: value, load)


def _float(_: Column[Any]) -> Codec:
    def load(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Refused("expected a number.")
        try:
            number = float(value)
        except OverflowError:
            raise _Refused("the number is too large.") from None
        if not math.isfinite(number):
            raise _Refused("the number is too large.")
        return number

    return Codec(lambda value: value, load)


def _boolean(_: Column[Any]) -> Codec:
    def load(value: Any) -> bool:
        if not isinstance(value, bool):
            raise _Refused("expected true or false.")
        return value

    return Codec(lambda value: value, load)


def _enum(column: Column[Any]) -> Codec:
    enum_class = column.type.enum_class  # type: ignore[attr-defined]
    values = [member.value for member in enum_class]

    def load(value: Any) -> Any:
        if not isinstance(value, str) or value not in values:
            raise _Refused(f"must be one of {', '.join(values)}.")
        return enum_class(value)

    return Codec(lambda member: member.value, load)


def _json_tuple(_: Column[Any]) -> Codec:
    def load(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _Refused("expected an array.")
        return tuple(value)

    return Codec(list, load)


def _field_values(_: Column[Any]) -> Codec:
    def load(value: Any) -> FieldValues:
        if not isinstance(value, dict):
            raise _Refused("expected an object.")
        return FieldValues.of(value)

    return Codec(lambda values: values.as_dict(), load)


#: Codec makers by column type, most specific first (Enum is a String, BigInteger an Integer).
_CODECS: tuple[tuple[type, Callable[[Column[Any]], Codec]], ...] = (
    (JsonTuple, _json_tuple),
    (JsonFieldValues, _field_values),
    (Enum, _enum),
    (Boolean, _boolean),
    (Integer, _integer),
    (Float, _float),
    (String, _text),
)


def codec(column: Column[Any]) -> Codec:
    """The codec of a column, NULL-aware: None is JSON null where the column allows it."""
    maker = next((make for kind, make in _CODECS if isinstance(column.type, kind)), None)
    if maker is None:
        raise TypeError(f"{column.table.name}.{column.name}: no JSON codec for {column.type!r}")
    inner = maker(column)
    nullable = bool(column.nullable)

    def dump(value: Any) -> Any:
        return None if value is None else inner.dump(value)

    def load(value: Any) -> Any:
        if value is None:
            if not nullable:
                raise _Refused("must not be null.")
            return None
        return inner.load(value)

    return Codec(dump, load)


def _state_columns(table: Table) -> list[Column[Any]]:
    return [column for column in table.c if column.name != "sandbox_id"]


def _key_names(table: Table) -> list[str]:
    return [column.name for column in table.primary_key.columns if column.name != "sandbox_id"]


_COLUMN_CODECS: dict[str, dict[str, Codec]] = {
    name: {column.name: codec(column) for column in _state_columns(table)}
    for name, table in STATE_TABLES.items()
}


def _sorted_by_key(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = _key_names(table)
    return sorted(rows, key=lambda row: tuple(row[k] for k in keys))


def dump_rows(connection: Connection, sandbox_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every state row of a sandbox as JSON values, each table in primary-key order."""
    dumped = {}
    for name, table in STATE_TABLES.items():
        codecs = _COLUMN_CODECS[name]
        query = select(*_state_columns(table)).where(table.c.sandbox_id == sandbox_id)
        rows = [
            {column: codecs[column].dump(value) for column, value in row._mapping.items()}
            for row in connection.execute(query)
        ]
        dumped[name] = _sorted_by_key(table, rows)
    return dumped


def load_rows(tables: Any) -> StateRows:
    """JSON rows checked and converted to what their columns hold; InvalidParameter naming the
    first thing wrong (`tables`, `tables.<table>`, `tables.<table>[<n>].<column>`)."""
    if not isinstance(tables, Mapping):
        raise InvalidParameter("tables", "expected an object of tables.")
    unknown = sorted(set(tables) - set(STATE_TABLES))
    if unknown:
        raise InvalidParameter(f"tables.{unknown[0]}", "not a table of this mockads.")
    missing = sorted(set(STATE_TABLES) - set(tables) - OPTIONAL_TABLES)
    if missing:
        raise InvalidParameter("tables", f"missing table(s): {', '.join(missing)}.")
    loaded = {name: _load_table(name, tables.get(name, [])) for name in STATE_TABLES}
    _check_references(loaded)
    return loaded


def _load_table(name: str, rows: Any) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise InvalidParameter(f"tables.{name}", "expected an array of rows.")
    codecs = _COLUMN_CODECS[name]
    keys = _key_names(STATE_TABLES[name])
    loaded, seen = [], set()
    for index, row in enumerate(rows):
        where = f"tables.{name}[{index}]"
        if not isinstance(row, Mapping):
            raise InvalidParameter(where, "expected an object of columns.")
        unknown = sorted(set(row) - set(codecs))
        if unknown:
            raise InvalidParameter(f"{where}.{unknown[0]}", f"not a column of {name}.")
        missing = [column for column in codecs if column not in row]
        if missing:
            raise InvalidParameter(where, f"missing column(s): {', '.join(missing)}.")
        values = {}
        for column, column_codec in codecs.items():
            try:
                values[column] = column_codec.load(row[column])
            except _Refused as refusal:
                raise InvalidParameter(f"{where}.{column}", str(refusal)) from None
        key = tuple(values[k] for k in keys)
        if key in seen:
            shown = ", ".join(f"{k}={v!r}" for k, v in zip(keys, key, strict=True))
            raise InvalidParameter(where, f"a second row of {name} with {shown}.")
        seen.add(key)
        loaded.append(values)
    return loaded


def _check_references(loaded: StateRows) -> None:
    for table, columns, parent, parent_columns in REFERENCES:
        if table not in loaded or parent not in loaded:
            continue
        present = {tuple(row[c] for c in parent_columns) for row in loaded[parent]}
        for index, row in enumerate(loaded[table]):
            named = tuple(row[c] for c in columns)
            if None not in named and named not in present:
                shown = ", ".join(f"{c}={v!r}" for c, v in zip(columns, named, strict=True))
                raise InvalidParameter(
                    f"tables.{table}[{index}].{columns[0]}", f"no row of {parent} has {shown}."
                )


def replace_rows(connection: Connection, sandbox_id: str, rows: StateRows) -> None:
    """Delete every state row of the sandbox, then insert `rows` (from `load_rows`)."""
    for name, table in STATE_TABLES.items():
        connection.execute(delete(table).where(table.c.sandbox_id == sandbox_id))
        if rows[name]:
            connection.execute(
                table.insert(), [{**row, "sandbox_id": sandbox_id} for row in rows[name]]
            )
