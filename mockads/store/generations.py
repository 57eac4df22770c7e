"""Write generations kept in the database, for servers whose processes share it.

A process caches what it read of a sandbox under the sandbox's generation (see
`SqlStore.generation`). With one process, a counter in its memory is the truth; with several
(`serve --workers`, or servers sharing a `--db`) a write through one must make the others'
caches stale, so the count lives in `sandbox_generations`, bumped inside the writer's own
transaction: a reader that sees the new number also sees the data it counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, insert, select, update

from mockads.store.prepared import PreparedQuery
from mockads.store.tables import sandbox_generations
from mockads.store.transaction import Transaction

__all__ = ["bump_generations", "read_generation"]

_GENERATION = PreparedQuery(
    select(sandbox_generations.c.generation).where(
        sandbox_generations.c.sandbox_id == bindparam("sid")
    )
)
_BUMP = (
    update(sandbox_generations)
    .where(sandbox_generations.c.sandbox_id == bindparam("sid"))
    .values(generation=sandbox_generations.c.generation + 1)
)
_FIRST = insert(sandbox_generations).values(sandbox_id=bindparam("sid"), generation=1)


def read_generation(transaction: Transaction, sandbox_id: str) -> int:
    """The sandbox's committed write count as this transaction sees it (0 before any)."""
    row = _GENERATION.first(transaction, {"sid": sandbox_id})
    return int(row[0]) if row else 0


def bump_generations(transaction: Transaction, sandbox_ids: Iterable[str]) -> None:
    """Count one more write of each sandbox, in the writer's transaction (which holds each
    sandbox's write lock, so no two writers insert a sandbox's first row together)."""
    connection = transaction.connection
    for sandbox_id in sorted(sandbox_ids):
        if connection.execute(_BUMP, {"sid": sandbox_id}).rowcount == 0:
            connection.execute(_FIRST, {"sid": sandbox_id})
