"""The SQLAlchemy store: engine set-up per backend and the unit of work."""

from __future__ import annotations

import fcntl
import os
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select

from mockads.store.generations import bump_generations, read_generation
from mockads.store.locks import SCHEMA_LOCK, lock_sandbox
from mockads.store.repositories import SqlWorldRepository
from mockads.store.sandboxes import SqlSandboxRepository
from mockads.store.state import StateRows, load_rows
from mockads.store.status_history import complete_history
from mockads.store.tables import metadata, status_changes
from mockads.store.transaction import Transaction

__all__ = [
    "MEMORY_URLS",
    "OutdatedDatabase",
    "SqlStore",
    "SqlUnitOfWork",
    "create_store",
]

#: URLs that ask for a private database that lives as long as the process.
MEMORY_URLS = frozenset({"sqlite://", "sqlite:///:memory:"})
POOL_SIZE = 16


class SqlStore:
    """A database holding every sandbox of this server."""

    def __init__(
        self,
        engine: Engine,
        write_lock: AbstractContextManager[Any] | None = None,
        *,
        fresh: bool = False,
        shared: bool = True,
    ):
        """`fresh`: the database was made empty for this store, so no older mockads made its
        tables (their columns need no check). `shared`: other processes may use it too, so
        write generations are counted in it (`store/generations.py`), not in this process."""
        self.engine = engine
        self.shared = shared
        # SQLite allows one writer: writers of this process queue on a lock instead of spinning
        # in SQLite's busy handler; readers never wait (WAL). On PostgreSQL writers of one
        # sandbox take turns on an advisory lock instead (store/locks.py).
        self._write_lock = write_lock if write_lock is not None else nullcontext()
        self._generations: dict[str, int] = {}
        had_history = _create_tables(engine)
        if not fresh:
            _check_columns(engine)
            if not had_history:
                # A database kept before the status history: each object's current status at
                # its `modify_time` is the only change known.
                with engine.begin() as connection:
                    if engine.dialect.name == "postgresql":
                        connection.execute(select(SCHEMA_LOCK))
                    complete_history(connection)

    def unit_of_work(self, *, read_only: bool = False) -> SqlUnitOfWork:
        """A new transaction; `read_only` ones run beside each other and beside a writer."""
        lock = nullcontext() if read_only else self._write_lock
        return SqlUnitOfWork(self.engine, lock, read_only, self._written, counted=self.shared)

    @contextmanager
    def transaction(
        self, *, read_only: bool = False, one_read: bool = False
    ) -> Iterator[Transaction]:
        """A bare transaction (committed unless the block raises), for what is no world's:
        `store/shared_instruments.py`. Writers queue on this process's write lock first.
        `one_read`: a reader that runs a single statement, which SQLite runs in autocommit
        (one consistent read all the same, without the BEGIN and COMMIT)."""
        with nullcontext() if read_only else self._write_lock:
            begin = not (read_only and one_read)
            transaction = Transaction(self.engine, read_only=read_only, begin=begin)
            try:
                yield transaction
            except BaseException:
                transaction.finish(commit=False)
                raise
            transaction.finish(commit=True)

    def insert(self, sql: str, params: tuple[object, ...], *, key: str, flush: bool = True) -> int:
        """Insert one row (`sql` with `?` placeholders) in a transaction of its own; the row's
        generated `key`. `flush=False`: PostgreSQL may answer before the commit is on disk.

        On SQLite writers queue only while the statement runs, in autocommit: one call into the
        driver, no BEGIN or COMMIT, so the holder of the write lock (which every process's
        writers wait for) seldom has to win the GIL back before it lets go. On PostgreSQL the
        transaction's statements go in one pipeline: one trip to the server.
        """
        sqlite = self.engine.dialect.name == "sqlite"
        transaction = Transaction(self.engine, begin=not sqlite)
        commit = False
        try:
            cursor = transaction.driver_cursor()
            if sqlite:
                with self._write_lock:
                    cursor.execute(sql, params)
                row_id = int(cursor.lastrowid)
            else:
                dbapi: Any = transaction.raw.dbapi_connection
                with getattr(dbapi, "pipeline", nullcontext)():
                    if not flush:
                        cursor.execute("SET LOCAL synchronous_commit TO OFF")
                    cursor.execute(f"{sql.replace('?', '%s')} RETURNING {key}", params)
                    dbapi.commit()
                row_id = int(cursor.fetchone()[0])
            cursor.close()
            commit = True
        finally:
            transaction.finish(commit=commit)
        return row_id

    def generation(self, sandbox_id: str) -> int:
        """A number that grows whenever a unit of work that wrote the sandbox's world commits
        (in any process, on a shared database).

        Read before a transaction begins, it keys caches of what that transaction reads: a
        commit bumps it only once its data is visible, so a cache entry filed under a number
        never holds data older than the commits that number counts.
        """
        if self.shared:
            transaction = Transaction(self.engine, read_only=True, begin=False)  # one read
            try:
                return read_generation(transaction, sandbox_id)
            finally:
                transaction.finish(commit=False)
        return self._generations.get(sandbox_id, 0)

    def _written(self, sandbox_ids: set[str]) -> None:
        for sandbox_id in sandbox_ids:  # one writer at a time per sandbox (the write lock)
            self._generations[sandbox_id] = self._generations.get(sandbox_id, 0) + 1

    def load_rows(self, tables: Any) -> StateRows:
        """A sandbox's state rows from JSON, checked before any transaction begins (see
        `store/state.py`); InvalidParameter naming the first thing wrong."""
        return load_rows(tables)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def forget_connections(self) -> None:
        """In a forked process: a new pool, leaving the connections the fork copied to the
        parent (closing them here would close them under the parent's feet)."""
        self.engine.dispose(close=False)


class OutdatedDatabase(RuntimeError):
    """A database kept by an older mockads lacks columns this one stores."""


def _create_tables(engine: Engine) -> bool:
    """Create missing tables; servers starting together on one empty database take turns.
    Whether the status history's table was there already."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(select(SCHEMA_LOCK))
        had_history = inspect(connection).has_table(status_changes.name)
        metadata.create_all(connection)
    return had_history


def _check_columns(engine: Engine) -> None:
    """Refuse a database whose tables predate this version (there are no migrations)."""
    found = inspect(engine)
    for table in metadata.sorted_tables:
        have = {column["name"] for column in found.get_columns(table.name)}
        missing = [column.name for column in table.columns if column.name not in have]
        if missing:
            raise OutdatedDatabase(
                f"{engine.url.render_as_string(hide_password=True)} was made by an older mockads: "
                f"table {table.name} has no {', '.join(missing)}. Delete it, or serve another --db."
            )


class SqlUnitOfWork:
    """One database transaction and the repositories bound to it."""

    def __init__(
        self,
        engine: Engine,
        lock: AbstractContextManager[Any],
        read_only: bool,
        committed: Callable[[set[str]], None] = lambda _: None,
        *,
        counted: bool = False,
    ) -> None:
        self._engine = engine
        self._counted = counted
        self._committed = committed
        self._written: set[str] = set()
        self._lock = lock
        self._read_only = read_only
        self._transaction: Transaction | None = None

    def __enter__(self) -> Self:
        self._lock.__enter__()
        try:
            self._transaction = Transaction(self._engine, read_only=self._read_only)
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        self.sandboxes = SqlSandboxRepository(self._transaction)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        transaction = self._transaction
        assert transaction is not None
        try:
            commit = exc_type is None
            if commit and self._written and self._counted:
                try:
                    bump_generations(transaction, self._written)
                except BaseException:
                    transaction.finish(commit=False)
                    raise
            transaction.finish(commit=commit)
            if exc_type is None and self._written:
                self._committed(self._written)
        finally:
            self._transaction = None
            self._lock.__exit__(exc_type, exc, tb)

    def world(self, sandbox_id: str) -> SqlWorldRepository:
        """The world of one sandbox, in this transaction (a writer waits for the sandbox's
        writers ahead of it first)."""
        assert self._transaction is not None, "use the unit of work in a `with` block"
        lock_sandbox(self._transaction, sandbox_id)
        if not self._read_only:
            self._written.add(sandbox_id)
        return SqlWorldRepository(self._transaction, sandbox_id)


def create_store(url: str) -> SqlStore:
    """A store for a database URL: `sqlite://` (private), `sqlite:///file.db`, `postgresql://`."""
    if url in MEMORY_URLS:
        return _private_sqlite_store()
    if url.startswith("sqlite"):
        return _sqlite_store(url, durable=True)
    return SqlStore(create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=16))


def _private_sqlite_store() -> SqlStore:
    """A database in shared memory (/dev/shm where there is one), deleted with the store.

    A file rather than SQLite's `:memory:` because WAL lets every thread read on its own
    connection while one writes; a single shared in-memory connection would serialise them all.
    """
    directory = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    descriptor, name = tempfile.mkstemp(prefix="mockads-", suffix=".db", dir=directory)
    os.close(descriptor)
    store = _sqlite_store(f"sqlite:///{name}", durable=False, fresh=True, shared=False)
    weakref.finalize(store, _remove_database, Path(name), store.engine)
    return store


def _remove_database(path: Path, engine: Engine) -> None:
    engine.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class _FileWriteLock:
    """Writers of every process on one SQLite file queue here, instead of polling in SQLite's
    busy handler (which sleeps up to 100 ms a try, so a few processes writing at once would
    spend most of their time asleep): this process's threads on a lock, then the processes on
    `flock` of a file beside the database, each process on a descriptor of its own (one
    inherited through a fork would be shared with the parent, and exclude nobody)."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._threads = threading.Lock()
        self._descriptor: int | None = None
        self._owner = 0

    def _file(self) -> int:
        if self._descriptor is None or self._owner != os.getpid():
            self._descriptor = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._owner = os.getpid()
        return self._descriptor

    def __enter__(self) -> None:
        self._threads.acquire()
        try:
            fcntl.flock(self._file(), fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def __exit__(self, *_: object) -> None:
        try:
            fcntl.flock(self._file(), fcntl.LOCK_UN)
        finally:
            self._threads.release()


def _sqlite_store(url: str, *, durable: bool, fresh: bool = False, shared: bool = True) -> SqlStore:
    engine = create_engine(
        url,
        pool_size=POOL_SIZE,
        max_overflow=16,
        # Every unit of work ends its transaction itself; a second rollback on check-in would
        # only cost another trip into SQLite (and another hand-over of the GIL).
        pool_reset_on_return=None,
        connect_args={"check_same_thread": False, "timeout": 30},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Transactions begin where mockads says (store/transaction.py), not where pysqlite guesses.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={'NORMAL' if durable else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # A Transaction has begun already; only SQLAlchemy-only work (schema set-up) begins here.
        driver = connection.connection.driver_connection
        if not driver.in_transaction:
            driver.execute("BEGIN IMMEDIATE")

    database = engine.url.database
    lock: AbstractContextManager[Any] = (
        _FileWriteLock(f"{database}-mockads.lock") if shared and database else threading.Lock()
    )
    return SqlStore(engine, write_lock=lock, fresh=fresh, shared=shared)
