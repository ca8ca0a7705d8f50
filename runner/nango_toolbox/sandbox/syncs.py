"""Syncs: one instance per (connection, sync, variant), runs, schedules, and the ``/sync/*`` routes.

Instances appear for every connection of an integration the sync is deployed to (checked on each
call to a route of this package and once a second by the scheduler). An ``auto_start`` sync runs
at once and then every ``frequency``; other syncs wait, ``PAUSED``, for ``/sync/start``.
``/sync/trigger`` runs now (``sync_mode`` ``full_refresh`` forgets the last sync date,
``full_refresh_and_clear_cache`` also deletes the records first). Runs happen in the background;
``GET /sync/status`` shows ``RUNNING`` then ``SUCCESS`` / ``ERROR`` with ``latestResult``.
A ``full`` sync with ``track_deletes`` marks DELETED the records a run did not save.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import clock
from .errors import ApiError, field_error, invalid_body, invalid_query, not_found
from .functions import FunctionContext, RecordSaver, Runtime, SyncSpec
from .parsing import check_query, read_object, reject_unknown_keys, require_str
from .repo import Connection, Integration

DEFAULT_VARIANT = "base"
log = logging.getLogger(__name__)
MIN_FREQUENCY = timedelta(minutes=5)
TICK_SECONDS = 1.0

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

_UNITS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "week": 604800, "weeks": 604800,
}  # fmt: skip
_FREQUENCY = re.compile(r"^(?:every\s+)?(?:(half\s+(?:an\s+)?hour)|(\d+)?\s*([a-z]+))$")
_SYNC_MODES = ("incremental", "full_refresh", "full_refresh_and_clear_cache")


def parse_frequency(text: str) -> timedelta:
    """``every hour``, ``every 30 minutes``, ``1h``, ``every half hour``; at least 5 minutes."""
    match = _FREQUENCY.match(text.strip().lower()) if isinstance(text, str) else None
    if match is None or (match.group(3) and match.group(3) not in _UNITS):
        raise ValueError(f"invalid frequency '{text}': write e.g. 'every hour' or '30m'")
    if match.group(1):
        interval = timedelta(minutes=30)
    else:
        interval = timedelta(seconds=int(match.group(2) or 1) * _UNITS[match.group(3)])
    if interval < MIN_FREQUENCY:
        raise ValueError(f"frequency '{text}' is shorter than the minimum of 5 minutes")
    return interval


Identifier = tuple[str, str]


def parse_identifiers(raw: Any, *, field: str = "syncs") -> list[Identifier]:
    """``["name", {"name": ..., "variant": ...}]`` or ``"a,b::v"`` as (name, variant) pairs."""
    items = raw.split(",") if isinstance(raw, str) else raw
    if not isinstance(items, list):
        raise invalid_body(field_error([field], "Expected an array", "invalid_type"))
    identifiers: list[Identifier] = []
    for index, item in enumerate(items):
        if isinstance(item, str) and item:
            name, _, variant = item.partition("::")
            identifiers.append((name, variant or DEFAULT_VARIANT))
        elif (
            isinstance(item, dict)
            and isinstance(item.get("name"), str)
            and isinstance(item.get("variant", DEFAULT_VARIANT), str)
            and set(item) <= {"name", "variant"}
        ):
            identifiers.append((item["name"], item.get("variant") or DEFAULT_VARIANT))
        else:
            raise invalid_body(
                field_error(
                    [field, index],
                    "Each sync must be either a string or a { name: string, variant: string } object",
                    "invalid_union",
                )
            )
    return identifiers


class SyncManager:
    """Sync instances in sqlite, their runs (asyncio tasks) and the scheduler."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.store = runtime.ctx.store
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
        integrations = [integration] if integration else self.runtime.ctx.repo.integrations()
        deployed = {
            i.unique_key: specs
            for i in integrations
            if (specs := self.runtime.registry.syncs_for(i.unique_key, i.provider))
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
        """Run an instance in the background (queued behind a run in progress)."""
        if instance_id in self._running:
            self._rerun[instance_id] = mode
            return
        self._running.add(instance_id)
        self.store.execute(
            "UPDATE sync_instances SET status = 'RUNNING', latest_execution_status = 'RUNNING',"
            " next_run_at = NULL WHERE id = ?",
            (instance_id,),
        )
        task = asyncio.get_running_loop().create_task(self._run(instance_id, mode))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, instance_id: str, mode: str) -> None:
        try:
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
                self.runtime.records.clear(connection.id, model, variant=variant)
        started = clock.now_iso()
        saver = RecordSaver(self.runtime, connection.id, list(spec.models), variant)
        nango = FunctionContext(
            self.runtime,
            connection,
            variant=variant,
            last_sync_date=None if mode != "incremental" else row["last_sync_date"],
            saver=saver,
        )
        try:
            await anyio.to_thread.run_sync(_call_sync, spec, nango, saver)
            outcome = "SUCCESS"
        except Exception as exc:
            outcome = "FAILED"
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
                gone = set(self.runtime.records.live_ids(connection.id, model, variant=variant))
                gone -= saver.seen[model]
                saver.result[model]["deleted"] += self.runtime.records.delete(
                    connection.id, model, gone, variant=variant
                )
        self._finish(instance_id, spec, outcome, saver.result, started)

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
        found = self.runtime.ctx.repo.connections("id = ?", (ref,))
        if not found:
            return None
        return self.runtime.ctx.get_connection(found[0].provider_config_key, found[0].connection_id)

    def spec_of(self, connection: Connection, name: str) -> SyncSpec | None:
        return self.spec_for_key(connection.provider_config_key, name)

    def spec_for_key(self, provider_config_key: str, name: str) -> SyncSpec | None:
        integration = self.runtime.ctx.repo.integration(provider_config_key)
        if integration is None:
            return None
        return self.runtime.registry.find_sync(integration.unique_key, integration.provider, name)

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
            s.name
            for s in self.runtime.registry.syncs_for(integration.unique_key, integration.provider)
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
            m: self.runtime.records.count(row["connection_ref"], m, variant=row["variant"])
            for m in models
        }
        status: dict[str, Any] = {
            "id": row["id"],
            "connection_id": row["connection_name"],
            "name": row["name"],
            "variant": row["variant"],
            "type": "INCREMENTAL" if row["run_count"] > 1 else "INITIAL",
            "status": row["status"],
            "frequency": row["frequency"] or (spec.frequency if spec else None),
            "finishedAt": row["finished_at"],
            "nextScheduledSyncAt": row["next_run_at"],
            "latestResult": json.loads(row["latest_result"]) if row["latest_result"] else {},
            "recordCount": counts,
            "checkpoint": None,
        }
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


def routes(runtime: Runtime) -> list[BaseRoute]:
    manager = runtime.syncs

    def scope(body: dict[str, Any]) -> tuple[Integration, Connection | None]:
        key = require_str(body, "provider_config_key")
        assert key is not None
        integration = runtime.integration(key)
        connection_id = require_str(body, "connection_id", optional=True)
        connection = runtime.connection(key, connection_id) if connection_id else None
        return integration, connection

    async def read_command(request: Request, extra: set[str]) -> dict[str, Any]:
        runtime.authenticate(request)
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(body, {"syncs", "provider_config_key", "connection_id"} | extra)
        if "syncs" not in body:
            raise invalid_body(field_error(["syncs"], "Required", "invalid_type"))
        return body

    async def trigger(request: Request) -> Response:
        body = await read_command(request, {"sync_mode", "full_resync", "opts"})
        identifiers = parse_identifiers(body["syncs"])
        mode = _trigger_mode(body)
        integration, connection = scope(body)
        manager.command(integration, connection, identifiers, "trigger", mode)
        return JSONResponse({"success": True})

    def simple(command: str) -> Any:
        async def handler(request: Request) -> Response:
            body = await read_command(request, set())
            identifiers = parse_identifiers(body["syncs"])
            integration, connection = scope(body)
            manager.command(integration, connection, identifiers, command)
            return JSONResponse({"success": True})

        return handler

    async def status(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, {"syncs", "provider_config_key", "connection_id"})
        query = request.query_params
        syncs, key = query.get("syncs"), query.get("provider_config_key")
        missing = [n for n, v in (("syncs", syncs), ("provider_config_key", key)) if not v]
        if missing:
            raise invalid_query(*(field_error([n], "Required", "invalid_type") for n in missing))
        assert syncs is not None and key is not None
        integration = runtime.integration(key)
        connection = None
        if query.get("connection_id"):
            connection = runtime.ctx.get_connection(key, query["connection_id"])
            if connection is None:
                raise ApiError(400, "invalid_body", "Connection not found")
        identifiers = [] if syncs == "*" else parse_identifiers(syncs)
        rows = manager.select(integration, connection, identifiers)
        return JSONResponse({"syncs": [manager.status(r) for r in rows]})

    async def frequency(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(
            body, {"sync_name", "sync_variant", "provider_config_key", "connection_id", "frequency"}
        )
        name = require_str(body, "sync_name")
        variant = require_str(body, "sync_variant", optional=True) or DEFAULT_VARIANT
        if "frequency" not in body:
            raise invalid_body(field_error(["frequency"], "Required", "invalid_type"))
        value = body["frequency"]
        if value is not None:
            if not isinstance(value, str):
                raise invalid_body(field_error(["frequency"], "Expected string", "invalid_type"))
            try:
                parse_frequency(value)
            except ValueError:
                raise ApiError(400, "invalid_body", "Sync interval is invalid") from None
        integration, connection = scope({**body, "connection_id": body.get("connection_id")})
        if connection is None:
            raise invalid_body(field_error(["connection_id"], "Required", "invalid_type"))
        rows = manager.select(integration, connection, [(str(name), variant)])
        if not rows:
            raise ApiError(400, "unknown_sync")
        spec = manager.spec_of(connection, str(name))
        manager.store.execute(
            "UPDATE sync_instances SET frequency = ? WHERE id = ?", (value, rows[0]["id"])
        )
        return JSONResponse({"frequency": value or (spec.frequency if spec else None)})

    async def variant(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, set())
        name, variant_name = request.path_params["name"], request.path_params["variant"]
        body = await read_object(request)
        reject_unknown_keys(body, {"provider_config_key", "connection_id"})
        if variant_name.lower() == DEFAULT_VARIANT:
            raise ApiError(400, "invalid_variant", "Variant name 'base' is protected")
        key = require_str(body, "provider_config_key")
        connection_id = require_str(body, "connection_id")
        assert key is not None and connection_id is not None
        integration = runtime.ctx.repo.integration(key)
        if integration is None:
            raise ApiError(400, "unknown_provider_config", f"Integration '{key}' does not exist")
        connection = runtime.connection(key, connection_id)
        spec = runtime.registry.find_sync(integration.unique_key, integration.provider, name)
        if spec is None:
            raise ApiError(400, "unknown_sync", f"Sync '{name}' does not exist")
        if request.method == "DELETE":
            deleted = manager.store.execute(
                "DELETE FROM sync_instances WHERE connection_ref = ? AND name = ? AND variant = ?",
                (connection.id, name, variant_name),
            )
            if not deleted:
                raise not_found(f"Sync variant '{name}::{variant_name}' not found")
            return JSONResponse({"success": True})
        instance_id = str(uuid.uuid4())
        with manager.store.transaction() as conn:
            inserted = conn.execute(
                "INSERT OR IGNORE INTO sync_instances (id, connection_ref, name, variant, status,"
                " scheduled, next_run_at) VALUES (?, ?, ?, ?, 'RUNNING', 1, ?)",
                (instance_id, connection.id, name, variant_name, clock.now_iso()),
            ).rowcount
        if not inserted:
            raise ApiError(400, "sync_variant_already_exists", "Sync variant already exists")
        return JSONResponse({"id": instance_id, "name": name, "variant": variant_name})

    return [
        Route("/sync/trigger", trigger, methods=["POST"]),
        Route("/sync/start", simple("start"), methods=["POST"]),
        Route("/sync/pause", simple("pause"), methods=["POST"]),
        Route("/sync/status", status, methods=["GET"]),
        Route("/sync/update-connection-frequency", frequency, methods=["PUT"]),
        Route("/sync/{name}/variant/{variant}", variant, methods=["POST", "DELETE"]),
    ]


def _trigger_mode(body: dict[str, Any]) -> str:
    mode = body.get("sync_mode")
    if mode is not None:
        if mode not in _SYNC_MODES:
            raise invalid_body(
                field_error(
                    ["sync_mode"], f"Expected one of {list(_SYNC_MODES)}", "invalid_enum_value"
                )
            )
        return str(mode)
    opts = body.get("opts") or {}
    if not isinstance(opts, dict):
        raise invalid_body(field_error(["opts"], "Expected object", "invalid_type"))
    if opts.get("emptyCache"):
        return "full_refresh_and_clear_cache"
    if opts.get("reset") or body.get("full_resync") is True:
        return "full_refresh"
    return "incremental"
