"""Integrations and connections in the store, as plain dataclasses (no HTTP here)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from . import clock
from .state import Store, dumps, loads


@dataclass
class Integration:
    unique_key: str
    provider: str
    display_name: str | None
    credentials: dict[str, Any] | None
    forward_webhooks: bool
    created_at: str
    updated_at: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Integration:
        return cls(
            unique_key=row["unique_key"],
            provider=row["provider"],
            display_name=row["display_name"],
            credentials=loads(row["credentials"]),
            forward_webhooks=bool(row["forward_webhooks"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    @property
    def scopes(self) -> list[str]:
        raw = (self.credentials or {}).get("scopes") or ""
        return [s for s in str(raw).split(",") if s]


@dataclass
class Connection:
    id: int
    connection_id: str
    provider_config_key: str
    provider: str
    credentials: dict[str, Any]
    connection_config: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    tags: dict[str, Any] = field(default_factory=dict)
    end_user: dict[str, Any] | None = None
    created_at: str = ""
    updated_at: str = ""
    last_fetched_at: str | None = None
    webhook_url_override: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Connection:
        return cls(
            id=row["id"],
            connection_id=row["connection_id"],
            provider_config_key=row["provider_config_key"],
            provider=row["provider"],
            credentials=loads(row["credentials"]),
            connection_config=loads(row["connection_config"]) or {},
            metadata=loads(row["metadata"]) or {},
            tags=loads(row["tags"]) or {},
            end_user=loads(row["end_user"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            last_fetched_at=row["last_fetched_at"],
            webhook_url_override=row["webhook_url_override"],
        )


class Repository:
    """Reads and writes of integrations and connections."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # integrations
    def integration(self, unique_key: str) -> Integration | None:
        row = self.store.query_one("SELECT * FROM integrations WHERE unique_key = ?", (unique_key,))
        return Integration.from_row(row) if row else None

    def integrations(self) -> list[Integration]:
        rows = self.store.query("SELECT * FROM integrations ORDER BY created_at, unique_key")
        return [Integration.from_row(r) for r in rows]

    def create_integration(self, integration: Integration) -> bool:
        """Insert; False when the unique key already exists (atomic, safe under concurrency)."""
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO integrations VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    integration.unique_key,
                    integration.provider,
                    integration.display_name,
                    dumps(integration.credentials) if integration.credentials else None,
                    int(integration.forward_webhooks),
                    integration.created_at,
                    integration.updated_at,
                ),
            )
            return cursor.rowcount == 1

    def save_integration(self, integration: Integration, old_key: str | None = None) -> None:
        integration.updated_at = clock.now_iso()
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE integrations SET unique_key = ?, display_name = ?, credentials = ?,"
                " forward_webhooks = ?, updated_at = ? WHERE unique_key = ?",
                (
                    integration.unique_key,
                    integration.display_name,
                    dumps(integration.credentials) if integration.credentials else None,
                    int(integration.forward_webhooks),
                    integration.updated_at,
                    old_key or integration.unique_key,
                ),
            )
            if old_key and old_key != integration.unique_key:
                conn.execute(
                    "UPDATE connections SET provider_config_key = ? WHERE provider_config_key = ?",
                    (integration.unique_key, old_key),
                )

    def delete_integration(self, unique_key: str) -> bool:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM connections WHERE provider_config_key = ?", (unique_key,))
            return (
                conn.execute(
                    "DELETE FROM integrations WHERE unique_key = ?", (unique_key,)
                ).rowcount
                == 1
            )

    # connections
    def connection(self, provider_config_key: str, connection_id: str) -> Connection | None:
        row = self.store.query_one(
            "SELECT * FROM connections WHERE provider_config_key = ? AND connection_id = ?",
            (provider_config_key, connection_id),
        )
        return Connection.from_row(row) if row else None

    def connections(self, where: str = "1=1", params: tuple[Any, ...] = ()) -> list[Connection]:
        rows = self.store.query(f"SELECT * FROM connections WHERE {where} ORDER BY id", params)
        return [Connection.from_row(r) for r in rows]

    def upsert_connection(self, connection: Connection) -> Connection:
        """Insert, or replace credentials/config/metadata/tags of the same (key, connection_id)."""
        stamp = clock.now_iso()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO connections (connection_id, provider_config_key, provider, credentials,"
                " connection_config, metadata, tags, end_user, created_at, updated_at,"
                " webhook_url_override) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (provider_config_key, connection_id) DO UPDATE SET"
                " credentials = excluded.credentials, connection_config = excluded.connection_config,"
                " metadata = excluded.metadata, tags = excluded.tags, end_user = excluded.end_user,"
                " updated_at = excluded.updated_at",
                (
                    connection.connection_id,
                    connection.provider_config_key,
                    connection.provider,
                    dumps(connection.credentials),
                    dumps(connection.connection_config),
                    dumps(connection.metadata),
                    dumps(connection.tags),
                    dumps(connection.end_user) if connection.end_user else None,
                    stamp,
                    stamp,
                    connection.webhook_url_override,
                ),
            )
        saved = self.connection(connection.provider_config_key, connection.connection_id)
        assert saved is not None
        return saved

    def update_connection(self, connection: Connection, **fields: Any) -> None:
        """Write the given columns (JSON-encoding dicts) of one connection."""
        fields["updated_at"] = clock.now_iso()
        columns = ", ".join(f"{name} = ?" for name in fields)
        values = [dumps(v) if isinstance(v, dict) else v for v in fields.values()]
        self.store.execute(
            f"UPDATE connections SET {columns} WHERE id = ?", (*values, connection.id)
        )
        for name, value in fields.items():
            setattr(connection, name, value)

    def merge_metadata(self, connection: Connection, metadata: dict[str, Any]) -> None:
        """Shallow-merge ``metadata`` over the stored one, read and written in one transaction.

        Reading the metadata outside the write transaction would lose updates when two writers
        (threads, or two sandboxes on one ``--db`` file) merge into the same connection at once.
        """
        stamp = clock.now_iso()
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT metadata FROM connections WHERE id = ?", (connection.id,)
            ).fetchone()
            merged = (loads(row["metadata"]) if row else None) or {}
            merged.update(metadata)
            conn.execute(
                "UPDATE connections SET metadata = ?, updated_at = ? WHERE id = ?",
                (dumps(merged), stamp, connection.id),
            )
        connection.metadata = merged
        connection.updated_at = stamp

    def delete_connection(self, provider_config_key: str, connection_id: str) -> bool:
        return (
            self.store.execute(
                "DELETE FROM connections WHERE provider_config_key = ? AND connection_id = ?",
                (provider_config_key, connection_id),
            )
            == 1
        )
