"""Control endpoints under ``/_sandbox/`` (secret key required, never in the request log)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import connect_flow
from .context import SandboxContext
from .errors import field_error, invalid_body
from .faults import parse_fault
from .parsing import read_json, read_object, require_str


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def get_requests(request: Request) -> Response:
        ctx.auth.require(request)
        return JSONResponse({"requests": ctx.request_log.to_list(), "total": ctx.request_log.total})

    async def delete_requests(request: Request) -> Response:
        ctx.auth.require(request)
        ctx.request_log.clear()
        return JSONResponse({"success": True})

    async def list_faults(request: Request) -> Response:
        ctx.auth.require(request)
        return JSONResponse({"faults": [f.to_dict() for f in ctx.faults.list()]})

    async def add_faults(request: Request) -> Response:
        ctx.auth.require(request)
        body = await read_json(request)
        items = body if isinstance(body, list) else [body]
        parsed = [parse_fault(item) for item in items]
        added = [ctx.faults.add(fault).to_dict() for fault in parsed]
        return JSONResponse({"faults": added}, status_code=201)

    async def clear_faults(request: Request) -> Response:
        ctx.auth.require(request)
        ctx.faults.clear()
        return JSONResponse({"success": True})

    async def complete(request: Request) -> Response:
        ctx.auth.require(request)
        body = await read_object(request)
        token = require_str(body, "token")
        assert token is not None
        given = body.get("credentials") or {}
        config = body.get("connection_config") or {}
        if not isinstance(config, dict):
            raise invalid_body(
                field_error(["connection_config"], "Expected object", "invalid_type")
            )
        connection = await connect_flow.complete(
            ctx,
            token,
            integration_key=require_str(body, "integration_id", optional=True),
            given=given if isinstance(given, dict) else {},
            connection_id=require_str(body, "connection_id", optional=True),
            connection_config=config,
        )
        return JSONResponse(connect_flow.connection_summary(connection), status_code=201)

    return [
        Route("/_sandbox/requests", get_requests, methods=["GET"]),
        Route("/_sandbox/requests", delete_requests, methods=["DELETE"]),
        Route("/_sandbox/faults", list_faults, methods=["GET"]),
        Route("/_sandbox/faults", add_faults, methods=["POST"]),
        Route("/_sandbox/faults", clear_faults, methods=["DELETE"]),
        Route("/_sandbox/connect/complete", complete, methods=["POST"]),
    ]
