"""Every row one sandbox owns, read straight from the store: "a refused request changed nothing".

Every table carries a `sandbox_id` column (`mockads/store/tables.py`), so a sandbox's state is
the rows of each table with its id, plus the list of sandboxes (a refused `POST /sandboxes`
must add none). Works on any engine: the in-process app's, or one opened on the database file
of a `mockads serve` process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from mockads.store.tables import USAGE_TABLES, metadata

__all__ = ["SANDBOX_TABLES", "rows_unchanged", "sandbox_rows"]

#: Every table of the store but the records of its use (write counts, faults, journals); each
#: holds rows of one sandbox at most.
SANDBOX_TABLES = tuple(t for t in metadata.sorted_tables if t not in USAGE_TABLES)

Rows = dict[str, list[tuple[Any, ...]]]


def _queries(paramstyle: str) -> dict[str, str]:
    mark = "?" if paramstyle == "qmark" else "%s"
    return {
        table.name: f"SELECT * FROM {table.name} WHERE sandbox_id = {mark} ORDER BY "
        + ", ".join(column.name for column in table.primary_key.columns)
        for table in SANDBOX_TABLES
    }


def sandbox_rows(engine: Engine, sandbox_id: str) -> Rows:
    """Each table's rows of that sandbox, in primary-key order, and every sandbox id."""
    # Plain DBAPI reads: a few milliseconds, so that every refused request can be checked.
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        rows: Rows = {}
        for name, query in _queries(engine.dialect.paramstyle).items():
            cursor.execute(query, (sandbox_id,))
            rows[name] = [tuple(row) for row in cursor.fetchall()]
        cursor.execute("SELECT sandbox_id FROM sandboxes ORDER BY sandbox_id")
        rows["(sandbox ids)"] = [tuple(row) for row in cursor.fetchall()]
        cursor.close()
    finally:
        connection.close()
    return rows


@contextmanager
def rows_unchanged(engine: Engine, sandbox_id: str) -> Iterator[Rows]:
    """Assert that the block changes no row of the sandbox (and adds or drops no sandbox)."""
    before = sandbox_rows(engine, sandbox_id)
    yield before
    after = sandbox_rows(engine, sandbox_id)
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"rows changed in {changed}"
