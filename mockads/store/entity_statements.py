"""Each entity's statements by primary key, prepared once: get, insert, update, delete.

The write path reads and writes one entity at a time many times a request; building and
compiling a SQLAlchemy statement for each costs more than SQLite takes to run it
(`store/prepared.py`). Every statement here is built on first use of its entity class and
reused. Parameters: `sid` and `k_<column>` for the key, the column names for the values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

from sqlalchemy import Table, bindparam, delete, select, update

from mockads.store.mapping import ENTITY_TABLES, columns
from mockads.store.prepared import PreparedQuery, PreparedWrite
from mockads.store.transaction import Transaction

__all__ = ["EntityStatements", "entity_statements"]


@dataclass(frozen=True, slots=True)
class EntityStatements:
    """One entity class's table, field names and prepared statements."""

    entity_class: type
    table: Table
    field_names: tuple[str, ...]
    values: Callable[[Any], tuple[Any, ...]]  # an entity's values, in `field_names` order
    key_names: tuple[str, ...]  # the primary key but `sandbox_id`
    select_one: PreparedQuery
    insert: PreparedWrite
    update: PreparedWrite
    delete: PreparedWrite

    @classmethod
    def of(cls, entity_class: type) -> EntityStatements:
        table = ENTITY_TABLES[entity_class]
        keys = [c for c in table.primary_key.columns if c.name != "sandbox_id"]
        by_key = [
            table.c.sandbox_id == bindparam("sid"),
            *(c == bindparam(f"k_{c.name}") for c in keys),
        ]
        changing = [c for c in columns(table) if c not in keys]
        names = tuple(f.name for f in fields(entity_class))
        return cls(
            entity_class=entity_class,
            table=table,
            field_names=names,
            values=attrgetter(*names),
            key_names=tuple(c.name for c in keys),
            select_one=PreparedQuery(select(*columns(table)).where(*by_key)),
            insert=PreparedWrite(table.insert()),
            update=PreparedWrite(
                update(table).where(*by_key).values({c.name: bindparam(c.name) for c in changing})
            ),
            delete=PreparedWrite(delete(table).where(*by_key)),
        )

    def key(self, entity: Any) -> tuple[Any, ...]:
        """The entity's primary key (sandbox id aside)."""
        return tuple(getattr(entity, name) for name in self.key_names)

    def row(self, sandbox_id: str, entity: Any) -> dict[str, Any]:
        """The entity as the row that stores it in a sandbox."""
        values = dict(zip(self.field_names, self.values(entity), strict=True))
        values["sandbox_id"] = sandbox_id
        return values

    def _by_key(self, sandbox_id: str, key: Sequence[Any]) -> dict[str, Any]:
        params = {f"k_{name}": value for name, value in zip(self.key_names, key, strict=True)}
        params["sid"] = sandbox_id
        return params

    def fetch(self, transaction: Transaction, sandbox_id: str, key: Sequence[Any]) -> Any:
        """The stored entity with this key, or None."""
        row = self.select_one.first(transaction, self._by_key(sandbox_id, key))
        return None if row is None else self.entity_class(*row)

    def add(self, transaction: Transaction, sandbox_id: str, entities: Sequence[Any]) -> None:
        """Insert new entities (one driver call)."""
        rows = [self.row(sandbox_id, entity) for entity in entities]
        if len(rows) == 1:
            self.insert.execute(transaction, rows[0])
        else:
            self.insert.execute_many(transaction, rows)

    def replace(self, transaction: Transaction, sandbox_id: str, entity: Any) -> None:
        """Overwrite the stored entity of the same key."""
        params = {name: getattr(entity, name) for name in self.field_names}
        params.update(self._by_key(sandbox_id, self.key(entity)))
        for name in self.key_names:
            del params[name]
        self.update.execute(transaction, params)

    def remove(self, transaction: Transaction, sandbox_id: str, entity: Any) -> None:
        """Delete the stored entity of the same key."""
        self.delete.execute(transaction, self._by_key(sandbox_id, self.key(entity)))


_STATEMENTS: dict[type, EntityStatements] = {}


def entity_statements(entity_class: type) -> EntityStatements:
    """The prepared statements of an entity class (built on first use)."""
    found = _STATEMENTS.get(entity_class)
    if found is None:
        found = _STATEMENTS.setdefault(entity_class, EntityStatements.of(entity_class))
    return found
