"""Writers of one sandbox take turns, across processes: a PostgreSQL advisory lock per sandbox.

SQLite has one writer per file already (writers `BEGIN IMMEDIATE`). PostgreSQL runs writers
side by side in READ COMMITTED, where two read-check-writes interleave: both updates of one ad
rewrite the row from what they read (one change is lost), two ad creations both find a free
Spark ad slot, two advertisers both find a code unused. So a writing transaction takes its
sandbox's transaction-level advisory lock before it reads anything of that sandbox, and holds
it to commit or rollback; every statement after it sees what earlier writers committed.
Readers never take it (they read one snapshot, REPEATABLE READ), and sandboxes never wait for
each other (a hash collision between two ids would only make them share a lock).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, literal_column, select, union_all

from mockads.store.prepared import PreparedQuery
from mockads.store.tables import oauth_grants, sandboxes
from mockads.store.transaction import Transaction

__all__ = ["SCHEMA_LOCK", "lock_sandbox", "lock_sandbox_of_token"]

# The two-key form keeps mockads' locks apart from any other user of the database.
_NAMESPACE: Any = literal_column("1835753828")  # b"mkad"


def _lock(sandbox_id: Any) -> Any:
    return func.pg_advisory_xact_lock(_NAMESPACE, func.hashtext(sandbox_id))


#: Held while tables are created, so servers starting together do it once.
SCHEMA_LOCK = _lock(literal_column("'mockads.schema'"))
_LOCK_SANDBOX = PreparedQuery(select(_lock(bindparam("sid"))))
_LOCK_SANDBOX_OF_TOKEN = PreparedQuery(
    union_all(
        select(sandboxes.c.sandbox_id, _lock(sandboxes.c.sandbox_id)).where(
            sandboxes.c.access_token == bindparam("access_token")
        ),
        select(oauth_grants.c.sandbox_id, _lock(oauth_grants.c.sandbox_id)).where(
            oauth_grants.c.access_token == bindparam("access_token")
        ),
    )  # type: ignore[arg-type]
)


def _needs_lock(transaction: Transaction) -> bool:
    return not transaction.read_only and transaction.dialect.name == "postgresql"


def lock_sandbox(transaction: Transaction, sandbox_id: str) -> None:
    """Wait for the sandbox's writers ahead of this one (a no-op for readers and SQLite)."""
    if _needs_lock(transaction) and sandbox_id not in transaction.locked_sandboxes:
        _LOCK_SANDBOX.all(transaction, {"sid": sandbox_id})
        transaction.locked_sandboxes.add(sandbox_id)


def lock_sandbox_of_token(transaction: Transaction, access_token: str) -> None:
    """`lock_sandbox` for the sandbox a token opens, if any, before its row is read."""
    if _needs_lock(transaction):
        for sandbox_id, _ in _LOCK_SANDBOX_OF_TOKEN.all(
            transaction, {"access_token": access_token}
        ):
            transaction.locked_sandboxes.add(sandbox_id)
