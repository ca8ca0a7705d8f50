"""The sandbox's Starlette application: `create_app(...)` assembles routes around a `SandboxContext`.

Route modules
-------------
Every route module exposes ``routes(ctx: SandboxContext) -> list[starlette.routing.BaseRoute]``;
`create_app` calls those listed in ``_ROUTE_MODULES``. Naming rule of this package: ``api_*.py``
serves HTTP (``api_functions`` gathers the routes of actions, syncs, records and scripts config
around one `runtime.Runtime`); the other modules hold state and mechanics.

Inside a handler:

- authenticate with ``ctx.auth.require(request)`` (secret key; ``session_token=True`` also
  accepts a connect-session token) - it raises a 401 `ApiError` with Nango's body;
- fail with ``raise ApiError(status, code, message, errors=..., payload=...)`` or the helpers of
  `nango_toolbox.sandbox.errors` (``invalid_body``, ``invalid_query``, ``not_found``...); the
  app renders them in Nango's shape;
- read bodies and queries with `nango_toolbox.sandbox.parsing` (``read_object``, ``check_query``:
  invalid_json 400, invalid_content_type 415, unknown query params 400);
- look up a connection with ``ctx.get_connection(provider_config_key, connection_id)`` (returns
  a `repo.Connection` with fresh credentials, or None) and an integration with
  ``ctx.require_integration(key)`` / ``ctx.repo.integration(key)``;
- call the provider with ``await ctx.call_provider(connection, method, path, params, json,
  headers)`` -> ``httpx.Response`` (credentials injected as the proxy does; raises
  `upstream.ProviderUnreachable`);
- keep state in ``ctx.store`` (`state.Store`: ``ensure_schema``, ``query``, ``transaction``).

The middleware (`middleware.SandboxMiddleware`) adds fault injection, the request log and the
x-ratelimit-* headers around every route, so route modules do not deal with them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from . import (
    api_connect,
    api_connections,
    api_environment,
    api_functions,
    api_integrations,
    api_providers,
    api_proxy,
    api_webhooks,
    connect_page,
    control,
    fakes,
)
from .auth import Authenticator
from .context import SandboxContext
from .errors import ApiError, handle_api_error
from .faults import Fault, FaultRegistry
from .middleware import SandboxMiddleware
from .paths import EncodedSlashPaths
from .providers import ProviderCatalog
from .ratelimit import RateLimit, RateLimiter
from .requestlog import RequestLog
from .state import Store

_ROUTE_MODULES = (
    control,
    api_providers,
    api_integrations,
    api_connect,
    api_connections,
    api_proxy,
    api_environment,
    api_functions,
    api_webhooks,
    connect_page,
    fakes,
)


def collect_routes(ctx: SandboxContext) -> list[BaseRoute]:
    return [route for module in _ROUTE_MODULES for route in module.routes(ctx)]


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        body = {
            "error": {
                "code": "not_found",
                "message": f"No route {request.method} {request.url.path}",
            }
        }
    elif exc.status_code == 405:
        body = {
            "error": {
                "code": "method_not_allowed",
                "message": f"{request.method} is not allowed on {request.url.path}",
            }
        }
    else:
        body = {"error": {"code": "server_error", "message": str(exc.detail)}}
    return JSONResponse(body, status_code=exc.status_code)


async def _server_error(request: Request, exc: Exception) -> Response:
    """Unexpected failures answer Nango's 500 shape, without details (they may hold secrets)."""
    body = {
        "error": {"code": "server_error", "message": "An unexpected error occurred in the sandbox"}
    }
    return JSONResponse(body, status_code=500)


def create_app(
    *,
    secret_key: str,
    store: Store | None = None,
    catalog: ProviderCatalog | None = None,
    base_url: str = "http://127.0.0.1",
    provider_base_urls: dict[str, str] | None = None,
    functions: str | None = None,
    faults: list[Fault] | None = None,
    time_scale: float = 1.0,
    provider_timeout: float = 60.0,
    pickup_delay: float = 0.1,
    request_log: RequestLog | None = None,
    rate_limit: RateLimit | None = None,
) -> SandboxApp:
    """The sandbox ASGI app (Starlette wrapped in `SandboxMiddleware`); ``.ctx`` is its context."""
    store = store or Store()
    ctx = SandboxContext(
        store=store,
        auth=Authenticator(secret_key, store),
        catalog=catalog or ProviderCatalog.builtin(),
        base_url=base_url,
        provider_base_urls=dict(provider_base_urls or {}),
        functions=functions,
        faults=FaultRegistry(faults),
        request_log=request_log or RequestLog(),
        time_scale=time_scale,
        provider_timeout=provider_timeout,
        pickup_delay=pickup_delay,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await ctx.aclose()

    app = Starlette(
        routes=collect_routes(ctx),
        exception_handlers={
            ApiError: handle_api_error,
            HTTPException: _http_error,
            Exception: _server_error,
        },
        lifespan=lifespan,
    )
    sandbox = SandboxApp(
        ctx,
        SandboxMiddleware(
            EncodedSlashPaths(app),
            faults=ctx.faults,
            log=ctx.request_log,
            rate=RateLimiter(rate_limit),
        ),
    )
    ctx.loopback = sandbox
    return sandbox


class SandboxApp:
    """The ASGI app of one sandbox, with its `SandboxContext` as ``.ctx``."""

    def __init__(self, ctx: SandboxContext, asgi: ASGIApp) -> None:
        self.ctx = ctx
        self._asgi = asgi

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._asgi(scope, receive, send)
