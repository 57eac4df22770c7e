"""Baseline for the benchmark: a bare Flask app serving one SQLite row by primary key, and
inserting one row from a JSON body (the write baseline).

The database is set up as mockads sets up its default private store: WAL, `synchronous=OFF`,
in /dev/shm where there is one, so reads and writes are compared on the same SQLite footing.
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


def create_app(db_path: str) -> Flask:
    """Build the Flask app with its two JSON routes, one SQLite connection per thread."""
    app = Flask(__name__)
    local = threading.local()

    def connection() -> sqlite3.Connection:
        """Return this thread's SQLite connection, opening it on first use."""
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(db_path, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.row_factory = sqlite3.Row
            local.conn = conn
        return conn

    @app.get("/item/<int:item_id>")
    def get_item(item_id: int) -> ResponseReturnValue:
        """Return one item row as JSON, or 404."""
        row = connection().execute("SELECT * FROM item WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            abort(404)
        return jsonify(dict(row))

    @app.post("/item")
    def add_item() -> ResponseReturnValue:
        """Insert one item from a JSON body, in its own transaction; its id."""
        body = request.get_json()
        conn = connection()
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
    return parser.parse_args()


def main() -> None:
    """Create a temporary database and serve the app with waitress until killed."""
    args = parse_args()
    directory = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    fd, db_path = tempfile.mkstemp(prefix="mockads-bench-", suffix=".sqlite3", dir=directory)
    os.close(fd)
    os.unlink(db_path)
    try:
        create_database(db_path)
        # As `mockads serve` does: no log line per request queued behind busy threads.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        waitress.serve(create_app(db_path), host=args.host, port=args.port, threads=args.threads)
    finally:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db_path + suffix):
                os.unlink(db_path + suffix)


if __name__ == "__main__":
    main()
