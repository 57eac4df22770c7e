"""Baseline for the benchmark: a bare Flask app serving one row by primary key and inserting
one row from a JSON body (the write baseline), from SQLite (default) or PostgreSQL
(`--db postgresql://...`), with waitress (one process) or, with `--workers N` (N > 1), with N
gunicorn gthread processes as `mockads serve --workers N` runs.

SQLite is set up as mockads sets up its default private store: WAL, `synchronous=OFF`, in
/dev/shm where there is one, so reads and writes are compared on the same SQLite footing.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import tempfile
import threading

import waitress
from flask import Flask, abort, jsonify, request
from flask.typing import ResponseReturnValue

ROW_COUNT = 1000


def create_database(path: str, rows: int = ROW_COUNT) -> None:
    """Create the items table at path and fill it with rows of sample data."""
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "status TEXT NOT NULL, size INTEGER NOT NULL)"
        )
        conn.executemany(
            "INSERT INTO item (id, name, status, size) VALUES (?, ?, ?, ?)",
            ((i, f"item-{i}", "ACTIVE" if i % 2 else "PAUSED", i * 37) for i in range(1, rows + 1)),
        )
    conn.close()


def create_postgres_table(url: str, rows: int = ROW_COUNT) -> None:
    """(Re)create the items table in a PostgreSQL database and fill it."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_item")
        conn.execute(
            "CREATE TABLE bench_item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "status TEXT NOT NULL, size INTEGER NOT NULL)"
        )
        items = [(i, f"item-{i}", "ACTIVE" if i % 2 else "PAUSED", i * 37) for i in range(rows)]
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO bench_item (id, name, status, size) VALUES (%s, %s, %s, %s)",
                [(i + 1, *rest) for i, *rest in items],
            )


def create_app(db_path: str, postgres_url: str | None = None) -> Flask:
    """Build the Flask app with its two JSON routes, one database connection per thread
    (opened on first use, so after a fork)."""
    app = Flask(__name__)
    local = threading.local()

    def sqlite_connection() -> sqlite3.Connection:
        """This thread's SQLite connection, opened on first use."""
        conn = getattr(local, "sqlite", None)
        if conn is None:
            conn = local.sqlite = sqlite3.connect(db_path, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.row_factory = sqlite3.Row
        return conn

    def fetch(item_id: int) -> dict[str, object] | None:
        """The item row as a dict, or None, on this thread's connection."""
        if postgres_url is not None:
            conn = getattr(local, "conn", None)
            import psycopg
            from psycopg.rows import dict_row

            if conn is None:
                conn = local.conn = psycopg.connect(postgres_url, autocommit=True)
            with conn.cursor(row_factory=dict_row) as cursor:
                cursor.execute("SELECT * FROM bench_item WHERE id = %s", (item_id,))
                return cursor.fetchone()
        row = sqlite_connection().execute("SELECT * FROM item WHERE id = ?", (item_id,)).fetchone()
        return None if row is None else dict(row)

    @app.get("/item/<int:item_id>")
    def get_item(item_id: int) -> ResponseReturnValue:
        """Return one item row as JSON, or 404."""
        row = fetch(item_id)
        if row is None:
            abort(404)
        return jsonify(row)

    @app.post("/item")
    def add_item() -> ResponseReturnValue:
        """Insert one item from a JSON body, in its own transaction; its id."""
        body = request.get_json()
        conn = sqlite_connection()
        conn.execute("BEGIN IMMEDIATE")
        cursor = conn.execute(
            "INSERT INTO item (name, status, size) VALUES (?, ?, ?)",
            (str(body["name"]), str(body["status"]), int(body["size"])),
        )
        conn.execute("COMMIT")
        return jsonify({"id": cursor.lastrowid})

    return app


def parse_args() -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--db", default=None, help="a postgresql:// URL [default: SQLite]")
    return parser.parse_args()


def serve_gunicorn(app: Flask, host: str, port: int, workers: int, threads: int) -> None:
    """Serve with gunicorn's gthread workers, as `mockads serve --workers N` does."""
    from gunicorn.app.base import BaseApplication

    class Bare(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            settings = {
                "bind": [f"{host}:{port}"],
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "preload_app": True,
                "loglevel": "warning",
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return app

    Bare().run()


def main() -> None:
    """Create a temporary database and serve the app with waitress until killed."""
    args = parse_args()
    owner = os.getpid()
    directory = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    fd, db_path = tempfile.mkstemp(prefix="mockads-bench-", suffix=".sqlite3", dir=directory)
    os.close(fd)
    os.unlink(db_path)
    postgres_url = None
    if args.db:
        postgres_url = args.db.replace("postgresql+psycopg://", "postgresql://")
        create_postgres_table(postgres_url)
    try:
        create_database(db_path)
        app = create_app(db_path, postgres_url)
        if args.workers > 1:
            serve_gunicorn(app, args.host, args.port, args.workers, args.threads)
            return
        # As `mockads serve` does: no log line per request queued behind busy threads.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        waitress.serve(app, host=args.host, port=args.port, threads=args.threads)
    finally:
        if os.getpid() == owner:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db_path + suffix):
                    os.unlink(db_path + suffix)


if __name__ == "__main__":
    main()
