"""One database transaction, with SQLAlchemy's Connection only when a statement needs it.

Most mirror requests run only prepared reads (`store/prepared.py`), which go to the driver
directly; building a SQLAlchemy Connection for them would cost more than the reads. The
Connection is created on first use, around the same pooled DBAPI connection and transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.pool import PoolProxiedConnection

__all__ = ["Transaction"]


class Transaction:
    """A pooled connection inside a begun transaction (or, `begin=False`, in autocommit)."""

    def __init__(self, engine: Engine, *, read_only: bool = False, begin: bool = True) -> None:
        """`begin=False`: no transaction is begun, so each statement commits by itself (for a
        single read or write: `SqlStore`)."""
        self._engine = engine
        self.dialect: Dialect = engine.dialect
        self.read_only = read_only
        #: Sandboxes whose writers this transaction waited for (store/locks.py).
        self.locked_sandboxes: set[str] = set()
        #: Entities read by primary key or written in this transaction, by (sandbox id, class,
        #: key), None for a key found empty: a request reads each object once
        #: (`SqlWorldRepository.get`). Frozen dataclasses, so shared safely.
        self.entities: dict[tuple[Any, ...], Any] = {}
        self.raw: PoolProxiedConnection = engine.raw_connection()
        self._autocommit = False
        self._connection: Connection | None = None
        if self.dialect.name == "sqlite" and begin:
            # A writer takes SQLite's write lock up front (IMMEDIATE), so two processes sharing
            # a file never interleave a read-check-write (the Spark ad cap depends on it).
            # A reader reads one consistent snapshot beside it (WAL).
            statement = "BEGIN" if read_only else "BEGIN IMMEDIATE"
            self.raw.driver_connection.execute(statement)  # type: ignore[union-attr]
        elif self.dialect.name == "postgresql":
            self._postgres_mode()
            # psycopg then sends no BEGIN (nor COMMIT): one statement, one trip to the server.
            self._autocommit = not begin
            if self._autocommit:
                self.raw.dbapi_connection.autocommit = True  # type: ignore[union-attr]

    def _postgres_mode(self) -> None:
        """Readers see one snapshot, as on SQLite (a reset between two of their statements
        would otherwise mix two worlds); writers read what is committed, statement by
        statement, after their sandbox lock. Set on the driver, sent with its BEGIN."""
        info = self.raw.info
        if info.get("mockads_read_only") is not self.read_only:
            dbapi = self.raw.dbapi_connection
            level = "REPEATABLE READ" if self.read_only else "READ COMMITTED"
            self.dialect.set_isolation_level(dbapi, level)  # type: ignore[arg-type]
            self.dialect.set_readonly(dbapi, self.read_only)  # type: ignore[attr-defined]
            info["mockads_read_only"] = self.read_only

    @property
    def connection(self) -> Connection:
        """SQLAlchemy's Connection on this transaction (created on first use)."""
        if self._connection is None:
            self._connection = Connection(self._engine, connection=self.raw)
        return self._connection

    def driver_cursor(self) -> Any:
        """A DBAPI cursor on this transaction."""
        return self.raw.dbapi_connection.cursor()  # type: ignore[union-attr]

    def finish(self, commit: bool) -> None:
        """Commit or roll back, then give the connection back to the pool."""
        try:
            dbapi = self.raw.dbapi_connection
            assert dbapi is not None
            if self._connection is not None and self._connection.in_transaction():
                if commit:
                    self._connection.commit()
                else:
                    self._connection.rollback()
            elif commit:
                dbapi.commit()
            else:
                dbapi.rollback()
        finally:
            if self._autocommit:  # as every other user of the pool expects it
                self.raw.dbapi_connection.autocommit = False  # type: ignore[union-attr]
            if self._connection is not None:
                self._connection.close()
            else:
                self.raw.close()
