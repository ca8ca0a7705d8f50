"""GET /environment-variables, and the control endpoint that sets them."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .context import SandboxContext
from .errors import field_error, invalid_body
from .parsing import check_query, read_json
from .state import dumps, loads

_KEY = "environment_variables"


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def get_variables(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        return JSONResponse(loads(ctx.store.setting(_KEY, "[]")))

    async def set_variables(request: Request) -> Response:
        """``PUT /_sandbox/environment-variables`` with ``[{"name", "value"}]`` replaces them."""
        ctx.auth.require(request)
        body = await read_json(request)
        if not isinstance(body, list):
            raise invalid_body(field_error([], "Expected a list of {name, value}", "invalid_type"))
        for index, item in enumerate(body):
            if not (
                isinstance(item, dict)
                and set(item) == {"name", "value"}
                and all(isinstance(v, str) for v in item.values())
            ):
                raise invalid_body(
                    field_error([index], "Expected {name: string, value: string}", "invalid_type")
                )
        ctx.store.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (_KEY, dumps(body)))
        return JSONResponse(body)

    return [
        Route("/environment-variables", get_variables, methods=["GET"]),
        Route("/_sandbox/environment-variables", set_variables, methods=["PUT"]),
    ]
