"""The SQLAlchemy store: engine set-up per backend and the unit of work."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from mockads.store.repositories import SqlSandboxRepository, SqlWorldRepository
from mockads.store.tables import metadata

__all__ = ["SqlStore", "SqlUnitOfWork", "create_store"]


class SqlStore:
    """A database holding every sandbox of this server."""

    def __init__(self, engine: Engine, lock: AbstractContextManager[Any] | None = None) -> None:
        self.engine = engine
        # SQLite allows one writer: serialising transactions in-process avoids busy retries,
        # and keeps the single shared connection of an in-memory database safe across threads.
        self._lock = lock if lock is not None else nullcontext()
        metadata.create_all(engine)

    def unit_of_work(self) -> SqlUnitOfWork:
        """A new transaction."""
        return SqlUnitOfWork(self.engine, self._lock)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


class SqlUnitOfWork:
    """One database transaction and the repositories bound to it."""

    def __init__(self, engine: Engine, lock: AbstractContextManager[Any]) -> None:
        self._engine = engine
        self._lock = lock
        self._connection: Connection | None = None

    def __enter__(self) -> Self:
        self._lock.__enter__()
        try:
            self._connection = self._engine.connect()
            self._connection.begin()
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        self.sandboxes = SqlSandboxRepository(self._connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection = self._connection
        assert connection is not None
        try:
            if exc_type is None:
                connection.commit()
            else:
                connection.rollback()
        finally:
            connection.close()
            self._connection = None
            self._lock.__exit__(exc_type, exc, tb)

    def world(self, sandbox_id: str) -> SqlWorldRepository:
        """The world of one sandbox, in this transaction."""
        assert self._connection is not None, "use the unit of work in a `with` block"
        return SqlWorldRepository(self._connection, sandbox_id)


def create_store(url: str) -> SqlStore:
    """A store for a database URL: `sqlite://` (memory), `sqlite:///file.db`, `postgresql://...`."""
    if url.startswith("sqlite"):
        return _sqlite_store(url)
    return SqlStore(create_engine(url, pool_pre_ping=True, pool_size=16, max_overflow=16))


def _sqlite_store(url: str) -> SqlStore:
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    if in_memory:
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide where transactions begin (see "begin" below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so two processes sharing a file never
        # interleave a read-check-write (the Spark ad cap depends on it). Sent straight to the
        # driver: this runs on every request, and SQLAlchemy's statement machinery costs more.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")

    return SqlStore(engine, lock=threading.RLock())
