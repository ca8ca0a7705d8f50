"""The sandbox's environments, their API keys and the webhook signing key, kept in sqlite.

The sandbox serves one environment, ``prod`` (`CURRENT_UUID`): its data is what every route
serves. Other environments can be created and deleted, and hold API keys, but no data. An API
key of the current environment is accepted as a Bearer secret key until it is deleted.
"""

from __future__ import annotations

import secrets
import sqlite3
import uuid
from typing import Any

from . import clock
from .errors import ApiError
from .state import Store, dumps, loads

CURRENT_UUID = "6f1c0b8e-3d2a-4c5b-9e7f-1a2b3c4d5e6f"
CURRENT_NAME = "prod"
SCOPES = ["environment:*"]
_SIGNING_KEY = "webhook_signing_key"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS environments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    is_production INTEGER NOT NULL
);
INSERT OR IGNORE INTO environments (id, uuid, name, is_production)
    VALUES (1, '{CURRENT_UUID}', '{CURRENT_NAME}', 1);
CREATE TABLE IF NOT EXISTS api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    secret TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    last_used_at TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (environment_id, display_name)
);
"""


class Environments:
    """Environments and API keys in the sandbox's `Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        store.ensure_schema(_SCHEMA)

    # ------------------------------------------------------------------ environments
    def list_all(self, name: str | None = None) -> list[dict[str, Any]]:
        rows = self._store.query(
            "SELECT * FROM environments WHERE ? IS NULL OR name = ? ORDER BY id", (name, name)
        )
        return [_environment(row) for row in rows]

    def find(self, env_uuid: str) -> dict[str, Any] | None:
        row = self._store.query_one("SELECT * FROM environments WHERE uuid = ?", (env_uuid,))
        return None if row is None else _environment(row)

    def create(self, name: str, is_production: bool) -> dict[str, Any]:
        """A new environment; 409 ``conflict`` when the name is taken."""
        try:
            with self._store.transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO environments (uuid, name, is_production) VALUES (?, ?, ?)",
                    (str(uuid.uuid4()), name, int(is_production)),
                )
                row = conn.execute(
                    "SELECT * FROM environments WHERE id = ?", (cursor.lastrowid,)
                ).fetchone()
        except sqlite3.IntegrityError:
            raise ApiError(409, "conflict", "Environment already exists") from None
        return _environment(row)

    def delete(self, env_uuid: str) -> None:
        """Removes an environment and its keys; the production ones cannot be deleted."""
        env = self.find(env_uuid)
        if env is None:
            raise ApiError(404, "not_found", "Environment not found")
        if env["name"] == CURRENT_NAME:
            raise ApiError(400, "cannot_delete_prod_environment", "Cannot delete prod environment")
        self._store.execute("DELETE FROM environments WHERE uuid = ?", (env_uuid,))

    def rotate_signing_key(self) -> str:
        key = secrets.token_hex(32)
        self._store.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (_SIGNING_KEY, key))
        return key

    def signing_key(self) -> str:
        """The current webhook signing key (made on first use)."""
        return self._store.setting(_SIGNING_KEY, secrets.token_hex(32))

    # ------------------------------------------------------------------ API keys
    def create_key(self, env_id: int, display_name: str) -> dict[str, Any]:
        """A new key with its secret; 409 ``conflict`` when the display name is taken."""
        try:
            with self._store.transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO api_keys (uuid, environment_id, display_name, secret, scopes,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        str(uuid.uuid4()),
                        env_id,
                        display_name,
                        str(uuid.uuid4()),
                        dumps(SCOPES),
                        clock.now_iso(),
                    ),
                )
                row = conn.execute(
                    "SELECT * FROM api_keys WHERE id = ?", (cursor.lastrowid,)
                ).fetchone()
        except sqlite3.IntegrityError:
            raise ApiError(409, "conflict", "A key with this name already exists") from None
        created = _key(row, secret=True)
        del created["last_used_at"]
        return created

    def list_keys(self, env_id: int, display_name: str | None = None) -> list[dict[str, Any]]:
        rows = self._store.query(
            "SELECT * FROM api_keys WHERE environment_id = ?"
            " AND (? IS NULL OR display_name = ?) ORDER BY id",
            (env_id, display_name, display_name),
        )
        return [_key(row, secret=False) for row in rows]

    def get_key(self, env_id: int, key_uuid: str) -> dict[str, Any]:
        row = self._store.query_one(
            "SELECT * FROM api_keys WHERE environment_id = ? AND uuid = ?", (env_id, key_uuid)
        )
        if row is None:
            raise ApiError(404, "not_found", "API key not found")
        return _key(row, secret=True)

    def delete_key(self, env_id: int, key_uuid: str) -> None:
        changed = self._store.execute(
            "DELETE FROM api_keys WHERE environment_id = ? AND uuid = ?", (env_id, key_uuid)
        )
        if not changed:
            raise ApiError(404, "not_found", "API key not found")

    def use_key(self, secret: str) -> bool:
        """Whether ``secret`` is a live key of the current environment (noting its use)."""
        changed = self._store.execute(
            "UPDATE api_keys SET last_used_at = ? WHERE secret = ? AND environment_id = 1",
            (clock.now_iso(), secret),
        )
        return changed > 0


def _environment(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "uuid": row["uuid"],
        "name": row["name"],
        "is_production": bool(row["is_production"]),
    }


def _key(row: sqlite3.Row, *, secret: bool) -> dict[str, Any]:
    key: dict[str, Any] = {
        "id": row["id"],
        "uuid": row["uuid"],
        "display_name": row["display_name"],
        "scopes": loads(row["scopes"]),
    }
    if secret:
        key["secret"] = row["secret"]
    key["last_used_at"] = row["last_used_at"]
    key["created_at"] = row["created_at"]
    return key
