"""The ``/sync/*`` routes: trigger, start, pause, status, frequency and variants, as Nango answers
them (the instances, runs and scheduler are `syncs.SyncManager`)."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import clock
from .errors import ApiError, field_error, invalid_body, invalid_query, not_found
from .frequency import parse_frequency
from .parsing import check_query, read_object, reject_unknown_keys, require_str
from .repo import Connection, Integration
from .runtime import Runtime
from .syncs import DEFAULT_VARIANT, Identifier

_SYNC_MODES = ("incremental", "full_refresh", "full_refresh_and_clear_cache")


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


def routes(runtime: Runtime) -> list[BaseRoute]:
    """The ``/sync/*`` routes."""
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
        if spec is None and request.method == "DELETE":
            raise not_found(f"Sync variant '{name}::{variant_name}' not found")
        if spec is None:  # Nango fails inside, with its own code (a 500, not a 400)
            raise ApiError(
                500, "failed_sync_variant_creation", f"Failed to create sync variant for '{name}'"
            )
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
