"""Running actions, now or in the background (the routes ``POST /action/trigger`` and
``GET /action/{id}`` are in `api_actions`).

Answers as Nango does: the action's output as the raw JSON body (200); unknown action 404
``not_found``; a failing action 500 ``action_script_runtime_error`` (it raised `ActionError`:
``payload`` is the object it was given), 424 ``script_http_error`` (an uncaught 4xx/5xx from its
provider: ``payload`` and ``upstream: {status, headers, body}``, no ``message`` at all) or 500
``script_internal_error`` (any other exception: ``payload`` is ``{message, name, stacktrace}``).
As on a real Nango, ``error.message`` is generic: the script's own words are only in
``payload``, so a client that shows ``message`` alone is caught here, not in production.
``X-Async: true`` answers 202
``{"id", "statusUrl"}`` and runs the action in the background up to ``1 + X-Max-Retries`` times;
``GET /action/{id}`` then gives the output (200), the error (same status and body as a
synchronous call), or, while it has not completed, 404 ``not_found`` "No action '<id>' found",
the same answer as for an id that does not exist. Every run (synchronous, background attempt)
starts once it is picked up, after ``pickup_delay`` seconds, as Nango's orchestrator makes it
wait (up to about 10 s). Input is not validated against the action's schema (Nango does not
either).
"""

from __future__ import annotations

import asyncio
import json
import os
import traceback
import uuid
from collections.abc import Callable
from typing import Any

import anyio.to_thread

from . import clock
from .errors import ApiError
from .functions import (
    ActionError,
    ActionSpec,
    FunctionContext,
    FunctionRegistry,
    ProviderCall,
    ProviderHTTPError,
)
from .repo import Connection, Integration
from .state import Store
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

_UPSTREAM_HEADERS = ("content-type",)


# Nango's generic messages: the script's own text is never in ``error.message``.
_RUNTIME_ERROR = "The action script failed with a runtime error"
_INTERNAL_ERROR = "An internal error occurred during the script execution"


class ActionFailure(Exception):
    """An action failed; ``status`` and ``body`` are what Nango answers."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body["error"]["code"])
        self.status = status
        self.body = body


def _failure(
    status: int, code: str, message: str | None, payload: Any, **extra: Any
) -> ActionFailure:
    error: dict[str, Any] = {"code": code, "payload": payload, **extra}
    if message is not None:
        error = {"message": message, **error}
    return ActionFailure(status, {"error": error})


def _thrown(exc: BaseException) -> dict[str, Any]:
    """``{message, name, stacktrace}`` of an exception the action did not catch: its frames in
    the action's own code, JavaScript-style, without the sandbox's machinery."""
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename != __file__ and f"{os.sep}anyio{os.sep}" not in frame.filename
    ]
    lines = [f"{type(exc).__name__}: {exc}"]
    lines += [f"    at {f.name} ({f.filename}:{f.lineno})" for f in reversed(frames)]
    return {"message": str(exc), "name": type(exc).__name__, "stacktrace": "\n".join(lines)}


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


async def execute(spec: ActionSpec, nango: FunctionContext, input: Any) -> Any:
    """Run the action in a worker thread; its output, or `ActionFailure` shaped like Nango's."""
    try:
        output = await anyio.to_thread.run_sync(spec.fn, nango, input)
        json.dumps(output)
    except ActionError as exc:
        raise _failure(500, "action_script_runtime_error", _RUNTIME_ERROR, exc.payload) from None
    except ProviderHTTPError as exc:
        raise _failure(424, "script_http_error", None, {}, upstream=_upstream(exc)) from None
    except ProviderUnreachable as exc:
        payload = {"message": exc.reason, "name": "ProviderUnreachable", "stacktrace": ""}
        raise _failure(500, "script_internal_error", _INTERNAL_ERROR, payload) from None
    except Exception as exc:
        raise _failure(500, "script_internal_error", _INTERNAL_ERROR, _thrown(exc)) from None
    return output


class ActionRunner:
    """Synchronous and background action runs; background results kept in sqlite."""

    def __init__(
        self,
        *,
        store: Store,
        registry: FunctionRegistry,
        integration: Callable[[str], Integration],
        caller: Callable[[Connection], ProviderCall],
        on_finished: Callable[[Connection, str], None] | None = None,
        pickup_delay: float = 0.0,
    ) -> None:
        self.store = store
        self.pickup_delay = pickup_delay
        self.registry = registry
        self._integration = integration
        self._caller = caller
        self._on_finished = on_finished
        store.ensure_schema(_SCHEMA)
        self._tasks: set[asyncio.Task[None]] = set()

    def resolve(self, connection: Connection, action_name: str) -> ActionSpec:
        """The action deployed to the connection's integration, or 404 ``not_found``."""
        integration = self._integration(connection.provider_config_key)
        spec = self.registry.find_action(integration.unique_key, integration.provider, action_name)
        if spec is None:
            raise ApiError(404, "not_found", "Action not found")
        return spec

    async def run(self, spec: ActionSpec, connection: Connection, input: Any) -> Any:
        """Run the action once it is picked up: its output, or `ActionFailure`."""
        if self.pickup_delay:
            await asyncio.sleep(self.pickup_delay)
        return await execute(spec, FunctionContext(connection, self._caller(connection)), input)

    def start(self, spec: ActionSpec, connection: Connection, input: Any, retries: int) -> str:
        job_id = str(uuid.uuid4())
        self.store.execute(
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
                body = await self.run(spec, connection, input)
                status = 200
                break
            except ActionFailure as failure:
                status, body = failure.status, failure.body
            finally:
                self.store.execute(
                    "UPDATE action_jobs SET attempts = ? WHERE id = ?", (attempt, job_id)
                )
        self.store.execute(
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
        if self._on_finished is not None:  # Nango's async_action webhook, success or failure
            self._on_finished(connection, job_id)

    def result(self, job_id: str) -> tuple[int, Any]:
        """The status and body of a background run, or 404 ``not_found``."""
        row = self.store.query_one(
            "SELECT status, http_status, body FROM action_jobs WHERE id = ?", (job_id,)
        )
        if row is None or row["status"] == "pending":  # Nango answers both alike
            raise ApiError(404, "not_found", f"No action '{job_id}' found")
        return int(row["http_status"]), json.loads(row["body"])
