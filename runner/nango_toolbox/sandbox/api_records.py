"""The records routes, over `records.RecordStore`.

- ``GET /records`` (and ``/records/``, which the Node client calls): headers ``Connection-Id``,
  ``Provider-Config-Key``; query ``model`` (required), ``cursor``, ``limit`` (1-10000, default
  100), ``filter`` (``added``, ``updated``, ``deleted``, comma-separated), ``modified_after`` /
  ``delta`` (ISO 8601, at most 12 months back), ``ids`` (repeated, up to 100), ``variant``.
  Answers ``{"records": [...], "next_cursor": str | null}``.
- ``PATCH /records/prune``: body ``{"model", "until_cursor", "variant"?, "limit"?}`` (limit
  1-10000, default 1000) -> ``{"count", "has_more"}``.
- ``POST /_sandbox/records`` (sandbox control, secret key): seed records in one transaction,
  ``{"provider_config_key", "connection_id", "model", "records": [{"id", ...}], "variant"?,
  "deleted_ids"?: [...]}`` -> 201 ``{"added", "updated", "deleted"}``. Records are upserted by
  ``id`` (unchanged ones are left alone); 100,000 records take a couple of seconds.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .errors import ApiError, field_error, invalid_body, invalid_query
from .parsing import check_query, query_int, read_object, reject_unknown_keys
from .records import ACTIONS, DEFAULT_VARIANT, Cursor, RecordError, stamp
from .runtime import Runtime

_SEED_KEYS = ("provider_config_key", "connection_id", "model", "variant", "records", "deleted_ids")
_QUERY = {"model", "variant", "delta", "modified_after", "limit", "filter", "cursor", "ids"}
LOOKBACK = timedelta(days=365)
_ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$")
MODEL_NAME = re.compile(r"^[A-Z][a-zA-Z0-9_-]+$")


def _query_error(name: str, message: str, code: str = "custom") -> Exception:
    return invalid_query(field_error([name], message, code))


def _modified_after(value: str, name: str) -> str:
    """Nango takes only the UTC ``...Z`` form (an offset, no zone or a bare date is 400)."""
    moment = None
    if _ISO_Z.match(value):
        try:
            moment = datetime.fromisoformat(value[:-1] + "+00:00")
        except ValueError:
            moment = None
    if moment is None:
        raise _query_error(
            name, "Invalid ISO datetime: write it as 2024-05-01T12:00:00Z", "invalid_string"
        )
    if moment < datetime.now(UTC) - LOOKBACK:
        raise _query_error(name, "must be within the last 12 months")
    return stamp(moment)


def _filter(value: str) -> list[str]:
    actions = [part.strip().upper() for part in value.split(",")]
    if not all(a in ACTIONS for a in actions):
        raise _query_error(
            "filter",
            "Expected 'added', 'updated', 'deleted' or a comma-separated list",
            "invalid_enum_value",
        )
    return actions


def _ids(values: list[str]) -> list[str]:
    if len(values) > 100:
        raise _query_error("ids", "At most 100 ids", "too_big")
    if any(not 1 <= len(v) <= 256 for v in values):
        raise _query_error("ids", "Each id must have 1 to 256 characters", "too_small")
    return values


def _model(value: Any, path: list[str | int]) -> str:
    if not isinstance(value, str) or not value:
        raise RecordError(path, "Required non-empty string")
    return value


def routes(runtime: Runtime) -> list[BaseRoute]:
    """``GET /records``, ``PATCH /records/prune`` and ``POST /_sandbox/records``."""
    store = runtime.records

    async def list_records(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, _QUERY)
        params = request.query_params
        try:
            model = _model(params.get("model"), ["model"])
            if not MODEL_NAME.match(model):
                raise RecordError(
                    ["model"], f"Invalid string: must match pattern /{MODEL_NAME.pattern}/"
                )
            cursor = params.get("cursor") or None
            if cursor:
                Cursor.decode(cursor)
        except RecordError as exc:
            raise invalid_query(field_error(exc.path, exc.message)) from None
        limit = query_int(request, "limit", minimum=1, maximum=10000) or 100
        since = params.get("modified_after") or params.get("delta")
        connection = runtime.connection_from_headers(request)
        page = store.page(
            connection.id,
            model,
            variant=params.get("variant") or DEFAULT_VARIANT,
            cursor=cursor,
            limit=limit,
            actions=_filter(params["filter"]) if params.get("filter") else (),
            modified_after=_modified_after(since, "modified_after") if since else None,
            ids=_ids(params.getlist("ids")),
        )
        return JSONResponse({"records": page.records, "next_cursor": page.next_cursor})

    async def prune(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(body, {"model", "variant", "until_cursor", "limit"})
        try:
            model = _model(body.get("model"), ["model"])
            until = _model(body.get("until_cursor"), ["until_cursor"])
            limit = body.get("limit", 1000)
            if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 10000:
                raise RecordError(["limit"], "Expected an integer from 1 to 10000")
            variant = body.get("variant") or DEFAULT_VARIANT
            connection = runtime.connection_from_headers(request)
        except RecordError as exc:
            raise invalid_body(field_error(exc.path, exc.message)) from None
        try:
            count, has_more = store.prune(
                connection.id, model, until_cursor=until, variant=str(variant), limit=limit
            )
        except RecordError:
            # Nango does not validate the cursor: a bad one fails inside and answers 500.
            raise ApiError(500, "server_error", "Failed to prune records") from None
        return JSONResponse({"count": count, "has_more": has_more})

    async def seed(request: Request) -> Response:
        runtime.authenticate(request)
        body = await read_object(request)
        reject_unknown_keys(body, set(_SEED_KEYS))
        try:
            key = _model(body.get("provider_config_key"), ["provider_config_key"])
            connection_id = _model(body.get("connection_id"), ["connection_id"])
            model = _model(body.get("model"), ["model"])
            variant = body.get("variant") or DEFAULT_VARIANT
            records = body.get("records", [])
            deleted = body.get("deleted_ids", [])
            if not isinstance(records, list):
                raise RecordError(["records"], "Expected an array of records")
            if not isinstance(deleted, list) or not all(isinstance(i, str | int) for i in deleted):
                raise RecordError(["deleted_ids"], "Expected an array of record ids")
            connection = runtime.connection(key, connection_id)
            saved = store.save(connection.id, model, records, variant=str(variant))
            removed = store.delete(
                connection.id, model, [str(i) for i in deleted], variant=str(variant)
            )
        except RecordError as exc:
            raise invalid_body(field_error(exc.path, exc.message)) from None
        return JSONResponse(
            {"added": saved.added, "updated": saved.updated, "deleted": removed}, status_code=201
        )

    return [
        Route("/records", list_records, methods=["GET"]),
        Route("/records/", list_records, methods=["GET"]),
        Route("/records/prune", prune, methods=["PATCH"]),
        Route("/_sandbox/records", seed, methods=["POST"]),
    ]
