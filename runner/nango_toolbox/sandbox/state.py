"""The sandbox's state: one stdlib sqlite3 connection guarded by a lock.

`Store(path=None)` opens ``:memory:`` (the default) or a file (WAL journal, survives restarts).
Every statement runs under one re-entrant lock, so concurrent requests and worker threads never
interleave inside a transaction. Other sandbox modules add their own tables with
`Store.ensure_schema(sql)` (idempotent ``CREATE TABLE IF NOT EXISTS`` statements).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS integrations (
    unique_key TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    display_name TEXT,
    credentials TEXT,
    forward_webhooks INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS connect_sessions (
    token TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS connections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT NOT NULL,
    provider_config_key TEXT NOT NULL,
    provider TEXT NOT NULL,
    credentials TEXT NOT NULL,
    connection_config TEXT NOT NULL DEFAULT '{}',
    metadata TEXT NOT NULL DEFAULT '{}',
    tags TEXT NOT NULL DEFAULT '{}',
    end_user TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_fetched_at TEXT,
    webhook_url_override TEXT,
    UNIQUE (provider_config_key, connection_id)
);
"""

Params = Sequence[Any] | dict[str, Any]


class Store:
    """Thread-safe access to the sandbox's sqlite3 database."""

    def __init__(self, path: str | None = None) -> None:
        self.path = path or ":memory:"
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self.ensure_schema(_SCHEMA)
        self._add_column("connections", "webhook_url_override TEXT")  # a --db file made earlier

    def _add_column(self, table: str, column: str) -> None:
        """Add ``column`` (name and type) to ``table`` when a database made before it lacks it."""
        with self._lock:
            names = {row["name"] for row in self._conn.execute(f"PRAGMA table_info({table})")}
            if column.split()[0] not in names:
                self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    def ensure_schema(self, sql: str) -> None:
        """Run idempotent DDL (``CREATE ... IF NOT EXISTS``)."""
        with self._lock:
            self._conn.executescript(sql)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and an IMMEDIATE transaction; commit on success, roll back on error."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def query(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write statement in its own transaction; return the number of changed rows."""
        with self.transaction() as conn:
            return conn.execute(sql, params).rowcount

    def setting(self, key: str, default: str) -> str:
        """A stored setting, storing ``default`` first when absent (atomic)."""
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO settings VALUES (?, ?)", (key, default))
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            return str(row["value"])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)
