"""The proxy: ``/proxy/{path}`` forwards to the provider with the connection's credentials.

Rules (NANGO_FACTS.md): only ``Nango-Proxy-*`` headers are forwarded (prefix stripped); path and
query string pass unchanged; JSON bodies are re-serialised, form bodies arrive as JSON, other
bodies arrive form-encoded unless ``Nango-Proxy-Content-Type`` is given, and a body sent without any
Content-Type does not arrive at all (empty, ``application/x-www-form-urlencoded``). Provider 4xx/5xx come back
with status, body and all headers; 2xx come back as 200 with only content-type and request ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Coroutine
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .context import SandboxContext
from .errors import ApiError, field_error, invalid_headers
from .upstream import ProviderResponseTooLarge, ProviderUnreachable

PREFIX = "nango-proxy-"
_KEPT_ON_SUCCESS = ("content-type", "x-request-id", "request-id", "x-github-request-id")
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "date",
    "server",
}


def forwarded_headers(request: Request) -> dict[str, str]:
    return {
        name[len(PREFIX) :]: value
        for name, value in request.headers.items()
        if name.lower().startswith(PREFIX) and len(name) > len(PREFIX)
    }


def _retries(request: Request) -> tuple[int, frozenset[int]]:
    raw = request.headers.get("retries", "0").strip() or "0"
    try:
        retries = int(raw)
    except ValueError:
        raise invalid_headers(
            field_error(["retries"], "Expected a non-negative integer", "invalid_type")
        ) from None
    if retries < 0 or retries > 10:
        raise invalid_headers(field_error(["retries"], "Expected an integer 0..10", "too_big"))
    codes: set[int] = set()
    for item in request.headers.get("retry-on", "").split(","):
        item = item.strip()
        if not item:
            continue
        if not (item.isascii() and item.isdigit()):
            raise invalid_headers(
                field_error(["retry-on"], "Expected comma-separated status codes", "invalid_type")
            )
        codes.add(int(item))
    return retries, frozenset(codes)


def _forward_on_redirect(request: Request) -> bool | None:
    """``Forward-Headers-On-Redirect: true|false`` (Nango's enum), or None when absent."""
    raw = request.headers.get("forward-headers-on-redirect")
    if raw is None:
        return None
    if raw not in ("true", "false"):
        raise invalid_headers(
            field_error(
                ["forward-headers-on-redirect"], "Expected 'true' | 'false'", "invalid_enum_value"
            )
        )
    return raw == "true"


def _body(request_type: str, raw: bytes, headers: dict[str, str]) -> bytes | None:
    if not raw:
        return None
    if "content-type" in headers:
        return raw
    media = request_type.split(";")[0].strip().lower()
    if not media:
        # Nango's body parsers skip a body without Content-Type: the provider gets none.
        headers["content-type"] = "application/x-www-form-urlencoded"
        return b""
    if media.endswith("json"):
        try:
            parsed = json.loads(raw)
        except ValueError:
            raise ApiError(400, "invalid_json", "Invalid JSON body") from None
        headers["content-type"] = "application/json"
        return json.dumps(parsed).encode()
    if media == "application/x-www-form-urlencoded":
        headers["content-type"] = "application/json"
        return json.dumps(
            dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        ).encode()
    headers["content-type"] = "application/x-www-form-urlencoded"
    return raw


def _unreachable(exc: ProviderUnreachable) -> Response:
    parts = urlsplit(exc.url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return JSONResponse(
        {
            "message": f"connect {exc.reason} {parts.hostname}:{port}",
            "code": exc.reason,
            "method": exc.method.lower(),
        },
        status_code=500,
    )


async def _unless_client_leaves(
    request: Request, call: Coroutine[Any, Any, httpx.Response], stopping: asyncio.Event
) -> httpx.Response | None:
    """The provider's answer, or None when the client disconnects or the server stops first (the
    upstream request is then cancelled, not left open: an SDK retrying after its own timeout
    would pile them up)."""
    upstream = asyncio.ensure_future(call)
    watchers = {
        asyncio.ensure_future(_disconnected(request)),
        asyncio.ensure_future(stopping.wait()),
    }
    try:
        await asyncio.wait({upstream, *watchers}, return_when=asyncio.FIRST_COMPLETED)
    except BaseException:
        upstream.cancel()
        raise
    finally:
        for watcher in watchers:
            watcher.cancel()
    if upstream.done():
        return upstream.result()
    upstream.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await upstream
    return None


async def _disconnected(request: Request) -> None:
    """Return when the client disconnects (its body was read already)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def proxy(request: Request) -> Response:
        ctx.auth.require(request)
        missing = [
            h for h in ("connection-id", "provider-config-key") if not request.headers.get(h)
        ]
        if missing:
            raise invalid_headers(*(field_error([h], "Required", "invalid_type") for h in missing))
        key = request.headers["provider-config-key"]
        connection_id = request.headers["connection-id"]
        ctx.require_integration(key)
        connection = ctx.get_connection(key, connection_id)
        if connection is None:
            raise ApiError(400, "server_error", "Failed to get connection")
        retries, retry_on = _retries(request)
        forward_on_redirect = _forward_on_redirect(request)
        raw_path: bytes = request.scope.get("raw_path") or request.url.path.encode()
        path = raw_path.decode("latin-1").split("?", 1)[0][len("/proxy") :]
        query = request.scope.get("query_string", b"").decode("latin-1")
        headers = forwarded_headers(request)
        content = _body(request.headers.get("content-type", ""), await request.body(), headers)
        call = ctx.call_provider(
            connection,
            request.method,
            path,
            query,
            None,
            headers,
            content=content,
            base_url_override=request.headers.get("base-url-override") or None,
            retries=retries,
            retry_on=retry_on,
            forward_headers_on_redirect=forward_on_redirect,
        )
        try:
            upstream = await _unless_client_leaves(request, call, ctx.stopping)
        except ProviderResponseTooLarge as exc:
            raise ApiError(
                502,
                "provider_response_too_large",
                f"The provider's answer is larger than the sandbox reads ({exc.reason})",
            ) from None
        except ProviderUnreachable as exc:
            return _unreachable(exc)
        if upstream is None:
            if ctx.stopping.is_set():
                raise ApiError(503, "server_stopping", "The sandbox is stopping; try again")
            return Response(status_code=499)  # the client left: nobody to answer
        if upstream.status_code >= 400:
            kept: dict[str, Any] = {
                k: v for k, v in upstream.headers.items() if k.lower() not in _HOP_BY_HOP
            }
            return Response(upstream.content, status_code=upstream.status_code, headers=kept)
        kept = {k: v for k, v in upstream.headers.items() if k.lower() in _KEPT_ON_SUCCESS}
        status = 200 if upstream.status_code < 300 else upstream.status_code
        if upstream.status_code == 204:
            return Response(status_code=204, headers=kept)
        return Response(upstream.content, status_code=status, headers=kept)

    return [
        Route(
            "/proxy/{path:path}",
            proxy,
            methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        )
    ]
