"""Running actions: ``POST /action/trigger`` (now, or in the background with ``X-Async``) and
``GET /action/{id}``.

Answers as Nango does: the action's output as the raw JSON body (200); unknown action 404
``not_found``; a failing action 500 ``action_script_runtime_error`` (it raised `ActionError`),
424 ``script_http_error`` (an uncaught 4xx/5xx from its provider, with ``upstream``) or 500
``script_internal_error`` (any other exception). ``X-Async: true`` answers 202
``{"id", "statusUrl"}`` and runs the action in the background up to ``1 + X-Max-Retries`` times;
``GET /action/{id}`` then gives the output (200), the error (same status and body as a
synchronous call), or 404 ``not_found`` while it has not completed. Input is not validated
against the action's schema (Nango does not either).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import clock
from .errors import ApiError, field_error, invalid_body, invalid_headers, invalid_uri
from .functions import (
    ActionError,
    ActionSpec,
    FunctionContext,
    ProviderHTTPError,
    Runtime,
)
from .parsing import check_query, read_object, reject_unknown_keys, require_header
from .repo import Connection
from .upstream import ProviderUnreachable

_SCHEMA = """
CREATE TABLE IF NOT EXISTS action_jobs (
    id TEXT PRIMARY KEY,
    action_name TEXT NOT NULL,
    status TEXT NOT NULL,
    http_status INTEGER,
    body TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
"""

_TRUE = ("true", "1", "yes", "on", "y", "enabled")
_FALSE = ("false", "0", "no", "off", "n", "disabled", "")
_UPSTREAM_HEADERS = ("content-type",)


class ActionFailure(Exception):
    """An action failed; ``status`` and ``body`` are what Nango answers."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body["error"]["message"])
        self.status = status
        self.body = body


def _failure(status: int, code: str, message: str, payload: Any, **extra: Any) -> ActionFailure:
    return ActionFailure(
        status, {"error": {"message": message, "code": code, "payload": payload, **extra}}
    )


def _upstream(error: ProviderHTTPError) -> dict[str, Any]:
    response = error.response
    headers = {
        k.lower(): v
        for k, v in response.headers.items()
        if k.lower() in _UPSTREAM_HEADERS or k.lower().startswith("x-rate")
    }
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    return {"status": response.status_code, "headers": headers, "body": body}


async def execute(runtime: Runtime, spec: ActionSpec, connection: Connection, input: Any) -> Any:
    """Run the action in a worker thread; its output, or `ActionFailure` shaped like Nango's."""
    nango = FunctionContext(runtime, connection)
    try:
        output = await anyio.to_thread.run_sync(spec.fn, nango, input)
        json.dumps(output)
    except ActionError as exc:
        raise _failure(
            500, "action_script_runtime_error", f"Action '{spec.name}' failed: {exc}", exc.payload
        ) from None
    except ProviderHTTPError as exc:
        raise _failure(
            424,
            "script_http_error",
            f"Action '{spec.name}': {exc}",
            {},
            upstream=_upstream(exc),
        ) from None
    except ProviderUnreachable as exc:
        raise _failure(
            500,
            "script_internal_error",
            f"Action '{spec.name}': provider unreachable ({exc.reason})",
            {"name": "ProviderUnreachable", "message": exc.reason},
        ) from None
    except Exception as exc:
        raise _failure(
            500,
            "script_internal_error",
            f"Action '{spec.name}' raised {type(exc).__name__}: {exc}",
            {"name": type(exc).__name__, "message": str(exc)},
        ) from None
    return output


def _header_bool(request: Request, name: str) -> bool:
    value = request.headers.get(name)
    if value is None:
        return False
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise invalid_headers(field_error([name.lower()], "Expected 'true' or 'false'", "invalid_type"))


def _header_retries(request: Request) -> int:
    value = request.headers.get("x-max-retries")
    if value is None or value.strip() == "":
        return 0
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= 5:
        raise invalid_headers(
            field_error(["x-max-retries"], "Expected an integer from 0 to 5", "invalid_type")
        )
    return number


class ActionRunner:
    """Synchronous and background action runs; background results kept in sqlite."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        runtime.ctx.store.ensure_schema(_SCHEMA)
        self._tasks: set[asyncio.Task[None]] = set()

    def resolve(self, connection: Connection, action_name: str) -> ActionSpec:
        integration = self.runtime.integration(connection.provider_config_key)
        spec = self.runtime.registry.find_action(
            integration.unique_key, integration.provider, action_name
        )
        if spec is None:
            raise ApiError(404, "not_found", "Action not found")
        return spec

    def start(self, spec: ActionSpec, connection: Connection, input: Any, retries: int) -> str:
        job_id = str(uuid.uuid4())
        self.runtime.ctx.store.execute(
            "INSERT INTO action_jobs (id, action_name, status, created_at) VALUES (?, ?, ?, ?)",
            (job_id, spec.name, "pending", clock.now_iso()),
        )
        task = asyncio.create_task(self._run(job_id, spec, connection, input, retries))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job_id

    async def _run(
        self, job_id: str, spec: ActionSpec, connection: Connection, input: Any, retries: int
    ) -> None:
        status, body = 200, None
        for attempt in range(1, retries + 2):
            try:
                body = await execute(self.runtime, spec, connection, input)
                status = 200
                break
            except ActionFailure as failure:
                status, body = failure.status, failure.body
            finally:
                self.runtime.ctx.store.execute(
                    "UPDATE action_jobs SET attempts = ? WHERE id = ?", (attempt, job_id)
                )
        self.runtime.ctx.store.execute(
            "UPDATE action_jobs SET status = ?, http_status = ?, body = ?, finished_at = ?"
            " WHERE id = ?",
            (
                "done" if status == 200 else "failed",
                status,
                json.dumps(body),
                clock.now_iso(),
                job_id,
            ),
        )

    def result(self, job_id: str) -> Response:
        row = self.runtime.ctx.store.query_one(
            "SELECT status, http_status, body FROM action_jobs WHERE id = ?", (job_id,)
        )
        if row is None:
            raise ApiError(404, "not_found", f"No action '{job_id}' found")
        if row["status"] == "pending":
            raise ApiError(404, "not_found", f"Action '{job_id}' has not completed yet")
        return JSONResponse(json.loads(row["body"]), status_code=row["http_status"])


def routes(runtime: Runtime) -> list[BaseRoute]:
    runner = ActionRunner(runtime)

    async def trigger(request: Request) -> Response:
        runtime.authenticate(request)
        body = await read_object(request)  # a body that is not JSON fails before any header check
        provider_config_key = require_header(request, "Provider-Config-Key")
        connection_id = require_header(request, "Connection-Id")
        is_async = _header_bool(request, "X-Async")
        retries = _header_retries(request)
        check_query(request, set())
        name = body.get("action_name")
        if not isinstance(name, str) or not name:
            raise invalid_body(field_error(["action_name"], "Required string", "invalid_type"))
        reject_unknown_keys(body, {"action_name", "input"})
        connection = runtime.ctx.get_connection(provider_config_key, connection_id)
        if connection is None:
            raise ApiError(400, "unknown_connection", "Failed to find connection")
        spec = runner.resolve(connection, name)
        if is_async:
            job_id = runner.start(spec, connection, body.get("input"), retries)
            status_url = f"/action/{job_id}"
            return JSONResponse(
                {"id": job_id, "statusUrl": status_url},
                status_code=202,
                headers={"location": status_url},
            )
        try:
            output = await execute(runtime, spec, connection, body.get("input"))
        except ActionFailure as failure:
            return JSONResponse(failure.body, status_code=failure.status)
        return JSONResponse(output)

    async def result(request: Request) -> Response:
        runtime.authenticate(request)
        job_id = request.path_params["action_id"]
        try:
            uuid.UUID(job_id)
        except ValueError:
            raise invalid_uri(field_error(["id"], "Invalid uuid", "invalid_string")) from None
        check_query(request, set())
        return runner.result(job_id)

    return [
        Route("/action/trigger", trigger, methods=["POST"]),
        Route("/action/{action_id}", result, methods=["GET"]),
    ]
