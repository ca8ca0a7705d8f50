"""Syncs: one instance per (connection, sync, variant), their runs and schedules (the ``/sync/*``
routes are in `api_syncs`).

Instances appear for every connection of an integration the sync is deployed to (checked on each
call to a route of this package and once a second by the scheduler). An ``auto_start`` sync runs
at once and then every ``frequency``; other syncs wait, ``PAUSED``, for ``/sync/start``.
``/sync/trigger`` runs now (``sync_mode`` ``full_refresh`` forgets the last sync date,
``full_refresh_and_clear_cache`` also deletes the records first). Runs happen in the background;
``GET /sync/status`` shows ``RUNNING`` then ``SUCCESS`` / ``ERROR`` with ``latestResult``. A run
starts once its job is picked up, ``pickup_delay`` seconds after it was asked for (a real Nango
takes milliseconds to about 10 s): until then the status still shows the previous run (its
``finishedAt``, its status). A sync that never ran has no ``finishedAt`` key.
A ``full`` sync with ``track_deletes`` marks DELETED the records a run did not save.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import anyio.to_thread

from . import clock
from .errors import ApiError
from .frequency import parse_frequency
from .functions import FunctionContext, FunctionRegistry, ProviderCall, SyncSpec
from .records import RecordStore, record_id
from .repo import Connection, Integration, Repository
from .state import Store

DEFAULT_VARIANT = "base"
log = logging.getLogger(__name__)
TICK_SECONDS = 1.0
Identifier = tuple[str, str]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sync_instances (
    id TEXT PRIMARY KEY,
    connection_ref INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    variant TEXT NOT NULL,
    status TEXT NOT NULL,
    scheduled INTEGER NOT NULL,
    frequency TEXT,
    next_run_at TEXT,
    finished_at TEXT,
    last_sync_date TEXT,
    latest_result TEXT,
    latest_execution_status TEXT,
    run_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (connection_ref, name, variant)
);
"""


@dataclass(frozen=True)
class SyncRunEnd:
    """How one run of a sync ended (what Nango's sync webhooks report); ``error`` is None on
    success."""

    connection: Connection
    sync_name: str
    variant: str
    models: list[str]
    results: dict[str, dict[str, int]]
    started_at: str
    incremental: bool
    error: str | None


class SyncManager:
    """Sync instances in sqlite, their runs (asyncio tasks) and the scheduler."""

    def __init__(
        self,
        *,
        store: Store,
        registry: FunctionRegistry,
        records: RecordStore,
        get_connection: Callable[[str, str], Connection | None],
        caller: Callable[[Connection], ProviderCall],
        on_run_end: Callable[[SyncRunEnd], None] | None = None,
        pickup_delay: float = 0.0,
    ) -> None:
        self.store = store
        self.pickup_delay = pickup_delay
        self.repo = Repository(store)
        self._on_run_end = on_run_end
        self.registry = registry
        self.records = records
        self._get_connection = get_connection
        self._caller = caller
        self.store.ensure_schema(_SCHEMA)
        self._running: set[str] = set()
        self._rerun: dict[str, str] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._scheduler: asyncio.Task[None] | None = None

    # scheduling
    def wake(self) -> None:
        """Start the scheduler (once, on the server's event loop)."""
        if self._scheduler is None or self._scheduler.done():
            self._scheduler = asyncio.get_running_loop().create_task(self._schedule())

    async def _schedule(self) -> None:
        while True:
            self.tick()
            await asyncio.sleep(TICK_SECONDS)

    def tick(self) -> None:
        """Create missing instances and start the runs that are due."""
        self.ensure()
        due = self.store.query(
            "SELECT id FROM sync_instances WHERE scheduled = 1 AND next_run_at <= ?",
            (clock.now_iso(),),
        )
        for row in due:
            self.run_soon(row["id"], "incremental")

    def ensure(self, integration: Integration | None = None) -> None:
        """Base instances for every connection and sync deployed to its integration (one or all).

        Reads once; writes only when an instance is missing (a new connection or sync).
        """
        integrations = [integration] if integration else self.repo.integrations()
        deployed = {
            i.unique_key: specs
            for i in integrations
            if (specs := self.registry.syncs_for(i.unique_key, i.provider))
        }
        if not deployed:
            return
        sql = (
            "SELECT c.id, c.provider_config_key, s.name FROM connections c"
            " LEFT JOIN sync_instances s ON s.connection_ref = c.id AND s.variant = 'base'"
        )
        params: tuple[str, ...] = ()
        if integration is not None:
            sql += " WHERE c.provider_config_key = ?"
            params = (integration.unique_key,)
        existing: dict[int, set[str]] = {}
        keys: dict[int, str] = {}
        for row in self.store.query(sql, params):
            keys[row["id"]] = row["provider_config_key"]
            existing.setdefault(row["id"], set()).add(row["name"])
        missing = [
            (ref, spec)
            for ref, key in keys.items()
            for spec in deployed.get(key, [])
            if spec.name not in existing[ref]
        ]
        if not missing:
            return
        now = clock.now_iso()
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO sync_instances (id, connection_ref, name, variant, status,"
                " scheduled, next_run_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        str(uuid.uuid4()),
                        ref,
                        spec.name,
                        DEFAULT_VARIANT,
                        "RUNNING" if spec.auto_start else "PAUSED",
                        int(spec.auto_start),
                        now if spec.auto_start else None,
                    )
                    for ref, spec in missing
                ),
            )

    def run_soon(self, instance_id: str, mode: str) -> None:
        """Run an instance in the background (queued behind a run in progress), once the job is
        picked up: until then the status still shows the previous run, as on a real Nango."""
        if instance_id in self._running:
            self._rerun[instance_id] = mode
            return
        self._running.add(instance_id)
        self.store.execute(
            "UPDATE sync_instances SET next_run_at = NULL WHERE id = ?", (instance_id,)
        )
        task = asyncio.get_running_loop().create_task(self._run(instance_id, mode))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, instance_id: str, mode: str) -> None:
        try:
            if self.pickup_delay:
                await asyncio.sleep(self.pickup_delay)
            self.store.execute(
                "UPDATE sync_instances SET status = 'RUNNING', latest_execution_status = 'RUNNING'"
                " WHERE id = ?",
                (instance_id,),
            )
            await self._run_once(instance_id, mode)
        finally:
            self._running.discard(instance_id)
        follow_up = self._rerun.pop(instance_id, None)
        if follow_up is not None:
            self.run_soon(instance_id, follow_up)

    async def _run_once(self, instance_id: str, mode: str) -> None:
        row = self.store.query_one("SELECT * FROM sync_instances WHERE id = ?", (instance_id,))
        connection = self._connection(row["connection_ref"]) if row else None
        spec = self.spec_of(connection, row["name"]) if row and connection else None
        if row is None or connection is None or spec is None:
            return
        variant = row["variant"]
        if mode == "full_refresh_and_clear_cache":
            for model in spec.models:
                self.records.clear(connection.id, model, variant=variant)
        started = clock.now_iso()
        saver = RecordSaver(self.records, connection.id, list(spec.models), variant)
        nango = FunctionContext(
            connection,
            self._caller(connection),
            variant=variant,
            last_sync_date=None if mode != "incremental" else row["last_sync_date"],
            saver=saver,
        )
        error: str | None = None
        try:
            await anyio.to_thread.run_sync(_call_sync, spec, nango, saver)
            outcome = "SUCCESS"
        except Exception as exc:
            outcome = "FAILED"
            error = str(exc) or type(exc).__name__
            log.warning(
                "sync '%s' (%s) of connection '%s' failed: %s: %s",
                spec.name,
                variant,
                connection.connection_id,
                type(exc).__name__,
                exc,
            )
        if outcome == "SUCCESS" and spec.sync_type == "full" and spec.track_deletes:
            for model in spec.models:
                gone = set(self.records.live_ids(connection.id, model, variant=variant))
                gone -= saver.seen[model]
                saver.result[model]["deleted"] += self.records.delete(
                    connection.id, model, gone, variant=variant
                )
        self._finish(instance_id, spec, outcome, saver.result, started)
        if self._on_run_end is not None:
            self._on_run_end(
                SyncRunEnd(
                    connection=connection,
                    sync_name=spec.name,
                    variant=variant,
                    models=list(spec.models),
                    results=saver.result,
                    started_at=started,
                    incremental=mode == "incremental" and row["last_sync_date"] is not None,
                    error=error,
                )
            )

    def _finish(
        self,
        instance_id: str,
        spec: SyncSpec,
        outcome: str,
        result: dict[str, dict[str, int]],
        started: str,
    ) -> None:
        row = self.store.query_one("SELECT * FROM sync_instances WHERE id = ?", (instance_id,))
        if row is None:
            return
        interval = parse_frequency(row["frequency"] or spec.frequency)
        scheduled = bool(row["scheduled"])
        next_run = clock.iso(clock.now() + interval) if scheduled else None
        status = ("SUCCESS" if outcome == "SUCCESS" else "ERROR") if scheduled else "PAUSED"
        self.store.execute(
            "UPDATE sync_instances SET status = ?, finished_at = ?, next_run_at = ?,"
            " latest_result = ?, latest_execution_status = ?, run_count = run_count + 1,"
            " last_sync_date = CASE WHEN ? = 'SUCCESS' THEN ? ELSE last_sync_date END"
            " WHERE id = ?",
            (
                status,
                clock.now_iso(),
                next_run,
                json.dumps(result),
                outcome,
                outcome,
                started,
                instance_id,
            ),
        )

    def _connection(self, ref: int) -> Connection | None:
        found = self.repo.connections("id = ?", (ref,))
        if not found:
            return None
        return self._get_connection(found[0].provider_config_key, found[0].connection_id)

    def spec_of(self, connection: Connection, name: str) -> SyncSpec | None:
        return self.spec_for_key(connection.provider_config_key, name)

    def spec_for_key(self, provider_config_key: str, name: str) -> SyncSpec | None:
        integration = self.repo.integration(provider_config_key)
        if integration is None:
            return None
        return self.registry.find_sync(integration.unique_key, integration.provider, name)

    # selection
    def select(
        self,
        integration: Integration,
        connection: Connection | None,
        identifiers: list[Identifier],
    ) -> list[Any]:
        """Instances of the integration (one connection or all) matching the identifiers."""
        self.ensure(integration)
        sql = (
            "SELECT s.*, c.connection_id AS connection_name, c.provider_config_key"
            " FROM sync_instances s"
            " JOIN connections c ON c.id = s.connection_ref WHERE c.provider_config_key = ?"
        )
        params: list[Any] = [integration.unique_key]
        if connection is not None:
            sql += " AND c.id = ?"
            params.append(connection.id)
        rows = self.store.query(sql + " ORDER BY c.id, s.name, s.variant", params)
        deployed = {
            s.name for s in self.registry.syncs_for(integration.unique_key, integration.provider)
        }
        rows = [r for r in rows if r["name"] in deployed]
        if identifiers:
            wanted = set(identifiers)
            rows = [r for r in rows if (r["name"], r["variant"]) in wanted]
        return rows

    def command(
        self,
        integration: Integration,
        connection: Connection | None,
        identifiers: list[Identifier],
        command: str,
        mode: str = "incremental",
    ) -> None:
        rows = self.select(integration, connection, identifiers)
        if not rows:
            raise ApiError(400, "no_syncs_found", "No syncs found given the inputs.", payload={})
        now = clock.now_iso()
        for row in rows:
            if command == "pause":
                self.store.execute(
                    "UPDATE sync_instances SET scheduled = 0, next_run_at = NULL,"
                    " status = CASE WHEN status = 'RUNNING' THEN status ELSE 'PAUSED' END"
                    " WHERE id = ?",
                    (row["id"],),
                )
            elif command == "start":
                if not row["scheduled"]:
                    self.store.execute(
                        "UPDATE sync_instances SET scheduled = 1, next_run_at = ? WHERE id = ?",
                        (now, row["id"]),
                    )
                    self.run_soon(row["id"], "incremental")
            else:
                self.run_soon(row["id"], mode)

    def status(self, row: Any) -> dict[str, Any]:
        """Nango's status entry of one instance (a row of `select`)."""
        spec = self.spec_for_key(row["provider_config_key"], row["name"])
        models = list(spec.models) if spec else []
        counts = {
            m: self.records.count(row["connection_ref"], m, variant=row["variant"]) for m in models
        }
        status: dict[str, Any] = {
            "id": row["id"],
            "connection_id": row["connection_name"],
            "name": row["name"],
            "variant": row["variant"],
            "type": "INCREMENTAL" if row["run_count"] > 1 else "INITIAL",
            "status": row["status"],
            "frequency": row["frequency"] or (spec.frequency if spec else None),
            "nextScheduledSyncAt": row["next_run_at"],
            "latestResult": json.loads(row["latest_result"]) if row["latest_result"] else {},
            "recordCount": counts,
            "checkpoint": None,
        }
        if row["finished_at"]:  # a sync that never ran has no finishedAt key, as on Nango
            status["finishedAt"] = row["finished_at"]
        if row["latest_execution_status"]:  # omitted before the first run, as Nango does
            status["latestExecutionStatus"] = row["latest_execution_status"]
        return status


def _call_sync(spec: SyncSpec, nango: FunctionContext, saver: RecordSaver) -> None:
    """Run a sync function and save what it returns or yields."""
    result = spec.fn(nango)
    if result is None:
        return
    if isinstance(result, Mapping):
        for model, records in result.items():
            saver.save(model, list(records))
        return
    if isinstance(result, Iterable):
        for model, records in result:
            saver.save(model, list(records))


class RecordSaver:
    """Collects what one sync run wrote, per model (``latestResult``)."""

    def __init__(
        self, records: RecordStore, connection_ref: int, models: Sequence[str], variant: str
    ) -> None:
        self._records = records
        self._connection_ref = connection_ref
        self._models = list(models)
        self._variant = variant
        self.result: dict[str, dict[str, int]] = {
            m: {"added": 0, "updated": 0, "deleted": 0} for m in models
        }
        self.seen: dict[str, set[str]] = {m: set() for m in models}

    def _check(self, model: str) -> None:
        if model not in self.result:
            raise ValueError(f"model '{model}' is not one of this sync's models {self._models}")

    def save(self, model: str, records: Sequence[Mapping[str, Any]]) -> None:
        self._check(model)
        done = self._records.save(self._connection_ref, model, list(records), variant=self._variant)
        self.seen[model].update(record_id(r, i) for i, r in enumerate(records))
        self.result[model]["added"] += done.added
        self.result[model]["updated"] += done.updated

    def delete(self, model: str, records: Sequence[Mapping[str, Any]]) -> None:
        self._check(model)
        ids = [record_id(r, i) for i, r in enumerate(records)]
        count = self._records.delete(self._connection_ref, model, ids, variant=self._variant)
        self.result[model]["deleted"] += count
