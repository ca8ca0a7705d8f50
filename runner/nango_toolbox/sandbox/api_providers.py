"""GET /providers and GET /providers/{provider}, answered from the provider catalog."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .context import SandboxContext
from .errors import ApiError
from .parsing import check_query


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def list_providers(request: Request) -> Response:
        ctx.auth.require(request, session_token=True)
        check_query(request, {"search"})
        search = (request.query_params.get("search") or "").strip().lower()
        # Nango matches the provider's name only (not its display name).
        providers = [
            p.to_api() for p in ctx.catalog.all() if not search or search in p.name.lower()
        ]
        return JSONResponse({"data": providers})

    async def get_provider(request: Request) -> Response:
        ctx.auth.require(request, session_token=True)
        check_query(request, set())
        name = request.path_params["provider"]
        provider = ctx.catalog.get(name)
        if provider is None:
            raise ApiError(404, "not_found", "Unknown provider")
        return JSONResponse({"data": provider.to_api()})

    return [
        Route("/providers", list_providers, methods=["GET"]),
        Route("/providers/{provider}", get_provider, methods=["GET"]),
    ]
