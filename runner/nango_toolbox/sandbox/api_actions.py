"""The action routes: ``POST /action/trigger`` (now, or in the background with ``X-Async``) and
``GET /action/{id}`` (the runs themselves are `actions.ActionRunner`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .actions import ActionFailure, ActionRunner
from .errors import ApiError, field_error, invalid_body, invalid_headers
from .parsing import check_query, path_uuid, read_object, reject_unknown_keys, require_header
from .runtime import Runtime

_TRUE = ("true", "1", "yes", "on", "y", "enabled")
_FALSE = ("false", "0", "no", "off", "n", "disabled", "")


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


def routes(runtime: Runtime) -> list[BaseRoute]:
    """``POST /action/trigger`` and ``GET /action/{id}``."""
    runner = ActionRunner(
        store=runtime.ctx.store,
        registry=runtime.registry,
        integration=runtime.integration,
        caller=runtime.caller,
        on_finished=runtime.action_finished,
        pickup_delay=runtime.ctx.pickup_delay,
    )

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
            output = await runner.run(spec, connection, body.get("input"))
        except ActionFailure as failure:
            return JSONResponse(failure.body, status_code=failure.status)
        return JSONResponse(output)

    async def result(request: Request) -> Response:
        runtime.authenticate(request)
        job_id = path_uuid(request, "action_id")
        check_query(request, set())
        status, body = runner.result(job_id)
        return JSONResponse(body, status_code=status)

    return [
        Route("/action/trigger", trigger, methods=["POST"]),
        Route("/action/{action_id}", result, methods=["GET"]),
    ]
