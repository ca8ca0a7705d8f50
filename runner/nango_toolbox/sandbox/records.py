"""Synced records in sqlite: upserts, deletes, stable cursor pages, prune.

Storage: one ``records`` table (created on first use with `Store.ensure_schema`), one row per
(connection, model, variant, record id), holding the JSON payload and Nango's metadata. Rows go
away with their connection (``ON DELETE CASCADE``).

Ordering and the pagination guarantee
-------------------------------------
Every write that changes a record (added, updated, deleted, restored) gives it a new ``seq``
from one global, strictly increasing counter, and a ``last_modified_at`` that never goes
backwards with ``seq``. Pages are ``ORDER BY seq`` and a cursor is
``base64("<last_modified_at>||<seq>")``; the next page is the seek ``seq > <cursor seq>`` with a
``LIMIT`` (the server never loads more than one page). Hence, within one pass that follows
``next_cursor`` from the start:

- a record that does not change during the pass is returned exactly once;
- a record that changes during the pass moves to the end: it is returned again, in its new
  state, if it had already been returned, and never skipped;
- the pass ends with every record in its latest state.

A record's own ``_nango_metadata.cursor`` resumes right after it, so a consumer that stores the
cursor of the last record it processed gets every later change and nothing twice.
Pruning empties a payload (keeps ``id``) without moving the record.

The routes (``GET /records``, ``PATCH /records/prune``, ``POST /_sandbox/records``) are in
`api_records`.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .state import Store

ACTIONS = ("ADDED", "UPDATED", "DELETED")
DEFAULT_VARIANT = "base"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    pk INTEGER PRIMARY KEY,
    connection_ref INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    variant TEXT NOT NULL,
    external_id TEXT NOT NULL,
    data TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_modified_at TEXT NOT NULL,
    last_action TEXT NOT NULL,
    deleted_at TEXT,
    pruned_at TEXT,
    seq INTEGER NOT NULL UNIQUE,
    UNIQUE (connection_ref, model, variant, external_id)
);
CREATE INDEX IF NOT EXISTS records_page ON records (connection_ref, model, variant, seq);
"""

_UPSERT = """
INSERT INTO records (connection_ref, model, variant, external_id, data, first_seen_at,
                     last_modified_at, last_action, seq)
VALUES (?, ?, ?, ?, ?, ?, ?, 'ADDED', ?)
ON CONFLICT (connection_ref, model, variant, external_id) DO UPDATE SET
    data = excluded.data,
    last_modified_at = excluded.last_modified_at,
    last_action = CASE WHEN records.deleted_at IS NULL THEN 'UPDATED' ELSE 'ADDED' END,
    deleted_at = NULL,
    pruned_at = NULL,
    seq = excluded.seq
WHERE records.data != excluded.data OR records.deleted_at IS NOT NULL
   OR records.pruned_at IS NOT NULL
"""


class RecordError(ValueError):
    """A bad record or cursor; ``path`` points at the offending field of the request."""

    def __init__(self, path: list[str | int], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Cursor:
    last_modified_at: str
    seq: int

    def encode(self) -> str:
        raw = f"{self.last_modified_at}||{self.seq}".encode()
        return base64.b64encode(raw).decode("ascii")

    @classmethod
    def decode(cls, text: str, *, field: str = "cursor") -> Cursor:
        try:
            stamp, _, seq = base64.b64decode(text, validate=True).decode().partition("||")
            return cls(stamp, int(seq))
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise RecordError(
                [field], "Invalid cursor: pass a next_cursor or _nango_metadata.cursor value"
            ) from None


@dataclass(frozen=True)
class SaveResult:
    added: int
    updated: int
    deleted: int = 0


@dataclass(frozen=True)
class Page:
    records: list[dict[str, Any]]
    next_cursor: str | None


def stamp(moment: datetime) -> str:
    """The fixed-width UTC timestamp of record metadata (sorts as text)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def record_id(record: Any, index: int) -> str:
    """The record's ``id`` as text, or a `RecordError` naming ``records[index].id``."""
    if not isinstance(record, Mapping):
        raise RecordError(["records", index], "Each record must be a JSON object with an id")
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise RecordError(["records", index, "id"], "Each record needs an id (string or number)")
    return str(value)


class RecordStore:
    """The records of every connection, model and variant."""

    def __init__(self, store: Store) -> None:
        self._store = store
        store.ensure_schema(_SCHEMA)
        self._lock = threading.Lock()
        row = store.query_one("SELECT MAX(seq) AS seq, MAX(last_modified_at) AS ts FROM records")
        self._seq: int = (row["seq"] if row and row["seq"] is not None else 0) if row else 0
        self._last_stamp: str = (row["ts"] if row and row["ts"] else "") if row else ""

    def _reserve(self, count: int) -> tuple[int, str]:
        """Reserve ``count`` sequence numbers; return the first and a non-decreasing timestamp."""
        with self._lock:
            first = self._seq + 1
            self._seq += count
            self._last_stamp = max(stamp(datetime.now(UTC)), self._last_stamp)
            return first, self._last_stamp

    def save(
        self,
        connection_ref: int,
        model: str,
        records: Sequence[Any],
        *,
        variant: str = DEFAULT_VARIANT,
    ) -> SaveResult:
        """Upsert records (last one wins per id): new → ADDED, changed → UPDATED, same → no-op."""
        unique: dict[str, str] = {}
        for index, record in enumerate(records):
            unique[record_id(record, index)] = json.dumps(
                record, separators=(",", ":"), sort_keys=True
            )
        if not unique:
            return SaveResult(0, 0)
        key = (connection_ref, model, variant)
        with self._store.transaction() as conn:
            # Reserve inside the transaction: seq order then equals commit order.
            first, now = self._reserve(len(unique))
            before = self._count(conn, key)
            cursor = conn.executemany(
                _UPSERT,
                (
                    (*key, ext_id, data, now, now, first + i)
                    for i, (ext_id, data) in enumerate(unique.items())
                ),
            )
            changed = cursor.rowcount
            added = self._count(conn, key) - before
        return SaveResult(added=added, updated=changed - added)

    def delete(
        self,
        connection_ref: int,
        model: str,
        ids: Iterable[str],
        *,
        variant: str = DEFAULT_VARIANT,
    ) -> int:
        """Mark records DELETED (kept, with ``deleted_at``); unknown or deleted ids are ignored."""
        wanted = list(dict.fromkeys(str(i) for i in ids))
        if not wanted:
            return 0
        with self._store.transaction() as conn:
            first, now = self._reserve(len(wanted))
            cursor = conn.executemany(
                "UPDATE records SET last_action = 'DELETED', deleted_at = ?, last_modified_at = ?,"
                " seq = ? WHERE connection_ref = ? AND model = ? AND variant = ?"
                " AND external_id = ? AND deleted_at IS NULL",
                (
                    (now, now, first + i, connection_ref, model, variant, ext_id)
                    for i, ext_id in enumerate(wanted)
                ),
            )
            return cursor.rowcount

    def live_ids(
        self, connection_ref: int, model: str, *, variant: str = DEFAULT_VARIANT
    ) -> list[str]:
        """Ids of the records not deleted (for a full sync's deletion detection)."""
        rows = self._store.query(
            "SELECT external_id FROM records WHERE connection_ref = ? AND model = ?"
            " AND variant = ? AND deleted_at IS NULL",
            (connection_ref, model, variant),
        )
        return [r["external_id"] for r in rows]

    def clear(self, connection_ref: int, model: str, *, variant: str = DEFAULT_VARIANT) -> int:
        """Remove every record of a model (a ``full_refresh_and_clear_cache`` trigger)."""
        return self._store.execute(
            "DELETE FROM records WHERE connection_ref = ? AND model = ? AND variant = ?",
            (connection_ref, model, variant),
        )

    def count(self, connection_ref: int, model: str, *, variant: str = DEFAULT_VARIANT) -> int:
        """Records of a model that are not deleted."""
        row = self._store.query_one(
            "SELECT COUNT(*) AS n FROM records WHERE connection_ref = ? AND model = ?"
            " AND variant = ? AND deleted_at IS NULL",
            (connection_ref, model, variant),
        )
        return int(row["n"]) if row else 0

    def page(
        self,
        connection_ref: int,
        model: str,
        *,
        variant: str = DEFAULT_VARIANT,
        cursor: str | None = None,
        limit: int = 100,
        actions: Sequence[str] = (),
        modified_after: str | None = None,
        ids: Sequence[str] = (),
    ) -> Page:
        """One page (at most ``limit`` rows read, plus one to know if more follow)."""
        where = ["connection_ref = ?", "model = ?", "variant = ?"]
        params: list[Any] = [connection_ref, model, variant]
        if cursor:
            where.append("seq > ?")
            params.append(Cursor.decode(cursor).seq)
        if actions:
            where.append(f"last_action IN ({','.join('?' * len(actions))})")
            params.extend(actions)
        if modified_after:
            where.append("last_modified_at >= ?")
            params.append(modified_after)
        if ids:
            where.append(f"external_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        rows = self._store.query(
            f"SELECT * FROM records WHERE {' AND '.join(where)} ORDER BY seq LIMIT ?",
            (*params, limit + 1),
        )
        more = len(rows) > limit
        records = [_render(row) for row in rows[:limit]]
        next_cursor = records[-1]["_nango_metadata"]["cursor"] if more and records else None
        return Page(records=records, next_cursor=next_cursor)

    def prune(
        self,
        connection_ref: int,
        model: str,
        *,
        until_cursor: str,
        variant: str = DEFAULT_VARIANT,
        limit: int = 1000,
    ) -> tuple[int, bool]:
        """Empty payloads up to and including ``until_cursor``; return (count, has_more)."""
        until = Cursor.decode(until_cursor, field="until_cursor")
        now = stamp(datetime.now(UTC))
        with self._store.transaction() as conn:
            rows = conn.execute(
                "SELECT pk, seq FROM records WHERE connection_ref = ? AND model = ?"
                " AND variant = ? AND seq <= ? AND pruned_at IS NULL ORDER BY seq LIMIT ?",
                (connection_ref, model, variant, until.seq, limit),
            ).fetchall()
            conn.executemany(
                "UPDATE records SET data = json_object('id', json_extract(data, '$.id')),"
                " pruned_at = ? WHERE pk = ?",
                ((now, r["pk"]) for r in rows),
            )
        has_more = bool(rows) and rows[-1]["seq"] != until.seq
        return len(rows), has_more

    @staticmethod
    def _count(conn: Any, key: tuple[int, str, str]) -> int:
        row = conn.execute(
            "SELECT COUNT(*) FROM records WHERE connection_ref = ? AND model = ? AND variant = ?",
            key,
        ).fetchone()
        return int(row[0])


def _render(row: Any) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(row["data"])
    record["_nango_metadata"] = {
        "first_seen_at": row["first_seen_at"],
        "last_modified_at": row["last_modified_at"],
        "last_action": row["last_action"],
        "deleted_at": row["deleted_at"],
        "pruned_at": row["pruned_at"],
        "cursor": Cursor(row["last_modified_at"], row["seq"]).encode(),
    }
    return record
