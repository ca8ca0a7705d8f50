"""Calls from the sandbox to its own URL (the built-in fake providers), served in-process.

The proxy forwards to ``/_fake/...`` on the sandbox itself. Over a socket that costs a second
HTTP round trip through the same event loop (client pool, h11 on both sides, four socket
writes), about 40% of the sandbox's CPU per proxy call. `LoopbackTransport` hands the request to
the whole ASGI app instead (middleware included, so fault rules on ``/_fake/*`` still apply); an
answer the app leaves unfinished (a ``drop`` fault) raises `httpx.RemoteProtocolError`, as the
server closing the socket would.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import unquote

import httpx
from starlette.types import ASGIApp, Message

__all__ = ["LOOPBACK", "LoopbackTransport", "own_origin"]

LOOPBACK = "nango_sandbox.loopback"
"""Set in the ASGI scope of a request the sandbox made to itself (a client cannot set it)."""


def own_origin(base_url: str) -> str | None:
    """The mount pattern of the sandbox's own origin, or None when its port is not known."""
    url = httpx.URL(base_url)
    return f"{url.scheme}://{url.netloc.decode('ascii')}" if url.port else None


class LoopbackTransport(httpx.AsyncBaseTransport):
    """An httpx transport that runs each request through ``app`` in the calling task."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        raw_path, _, _ = request.url.raw_path.partition(b"?")
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "headers": [(k.lower(), v) for k, v in request.headers.raw],
            "scheme": request.url.scheme,
            "path": unquote(raw_path.decode("ascii")),
            "raw_path": raw_path,
            "query_string": request.url.query,
            "server": (request.url.host, request.url.port),
            "client": ("127.0.0.1", 0),
            "root_path": "",
            LOOPBACK: True,
        }
        sent = False
        status = 500
        headers: list[tuple[bytes, bytes]] = []
        parts: list[bytes] = []
        complete = False

        async def receive() -> Message:
            nonlocal sent
            if sent:
                # The caller stays until the answer is complete: like a socket that stays open,
                # nothing more arrives (a handler watching for a disconnect keeps waiting).
                await asyncio.get_running_loop().create_future()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: Message) -> None:
            nonlocal status, headers, complete
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                complete = not message.get("more_body", False)

        try:
            await self._app(scope, receive, send)
        except Exception:  # the app already answered its 500 before re-raising
            if not complete:
                raise httpx.RemoteProtocolError(
                    "Server disconnected without sending a response.", request=request
                ) from None
        if not complete:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        content = b"" if request.method == "HEAD" else b"".join(parts)
        return httpx.Response(status, headers=headers, content=content, request=request)
