"""The sandbox's environments, their API keys and the webhook signing key, kept in sqlite.

The sandbox serves one environment, ``prod`` (numeric id `CURRENT_ID`): its data is what every
route serves. Other environments can be created and deleted (by numeric id, as on Nango), and hold
API keys, but no data. An API key of the current environment is accepted as a Bearer secret key
until it is deleted. Scopes: the sandbox's own secret key is an account key (every scope); a key
created through ``POST /environment/api-keys`` has ``environment:*`` only, as on Nango, so the
account-level calls (creating or deleting environments and API keys) answer it 403 ``forbidden``.
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
CURRENT_ID = 1
CURRENT_NAME = "prod"
SCOPES = ["environment:*"]
_SIGNING_KEY = "webhook_signing_key"
_MAX_ID = 2**63 - 1  # sqlite's largest integer: a larger id names nothing

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
    def find(self, env_id: int) -> dict[str, Any] | None:
        if env_id > _MAX_ID:
            return None
        row = self._store.query_one("SELECT * FROM environments WHERE id = ?", (env_id,))
        return None if row is None else _environment(row)

    def require(self, env_id: int) -> dict[str, Any]:
        """The environment with this numeric id; 404 ``not_found`` as Nango answers."""
        env = self.find(env_id)
        if env is None:
            raise ApiError(404, "not_found", "Environment not found")
        return env

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

    def delete(self, env_id: int) -> None:
        """Removes an environment and its keys; the production ones cannot be deleted."""
        env = self.require(env_id)
        if env["name"] == CURRENT_NAME:
            raise ApiError(400, "cannot_delete_prod_environment", "Cannot delete prod environment")
        self._store.execute("DELETE FROM environments WHERE id = ?", (env_id,))

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
        return {
            "id": row["id"],
            "display_name": row["display_name"],
            "scopes": loads(row["scopes"]),
            "secret": row["secret"],
            "created_at": row["created_at"],
        }

    def delete_key(self, env_id: int, key_id: int) -> None:
        changed = key_id <= _MAX_ID and self._store.execute(
            "DELETE FROM api_keys WHERE environment_id = ? AND id = ?", (env_id, key_id)
        )
        if not changed:
            raise ApiError(404, "not_found", "API key not found")

    def use_key(self, secret: str) -> bool:
        """Whether ``secret`` is a live key of the current environment (noting its use)."""
        changed = self._store.execute(
            "UPDATE api_keys SET last_used_at = ? WHERE secret = ? AND environment_id = ?",
            (clock.now_iso(), secret, CURRENT_ID),
        )
        return changed > 0


def _environment(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "uuid": row["uuid"],
        "name": row["name"],
        "is_production": bool(row["is_production"]),
    }
