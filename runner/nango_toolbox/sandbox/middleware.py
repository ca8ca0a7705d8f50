"""The outermost ASGI layer: the rate limit, fault injection, the request log and the
x-ratelimit-* headers."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time

from starlette.datastructures import MutableHeaders
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .faults import Fault, FaultRegistry
from .ratelimit import Decision, RateLimiter
from .requestlog import LoggedRequest, RequestLog

_UNLOGGED = ("/_sandbox/", "/_fake/")
MAX_BODY_BYTES = 10 * 1024 * 1024
"""The largest request body the sandbox reads (10 MiB); a larger one is answered 413."""
_DROP_MESSAGE = "ASGI callable returned without completing response."


class _QuietDrop(logging.Filter):
    """Keep uvicorn from reporting the connections we drop on purpose, and from printing a
    traceback for a request it cancels when stopping (a slow handler at shutdown is expected)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage() == _DROP_MESSAGE:
            return False
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, asyncio.CancelledError)


logging.getLogger("uvicorn.error").addFilter(_QuietDrop())


class SandboxMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        faults: FaultRegistry,
        log: RequestLog,
        rate: RateLimiter | None = None,
    ) -> None:
        self.app = app
        self.faults = faults
        self.log = log
        self.rate = rate or RateLimiter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        method: str = scope["method"]
        control = path.startswith("/_sandbox/")
        started = time.perf_counter()
        status = 500
        if method == "OPTIONS" and not path.startswith(_UNLOGGED):
            # Nango's CORS handling answers every preflight itself: no route, no auth, no count.
            await _send(send, 204, b"", _preflight_headers(scope))
            self.log.add(LoggedRequest(method, path, 204, 0.0))
            return
        bounded = await _bounded_body(scope, receive)
        if bounded is None:
            message = f"The request body is larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB"
            body = {"error": {"code": "payload_too_large", "message": message}}
            await _send(send, 413, json.dumps(body).encode(), {"content-type": "application/json"})
            self.log.add(LoggedRequest(method, path, 413, 0.0))
            return
        receive = bounded
        decision = None if path.startswith(_UNLOGGED) else self.rate.take(_rate_key(scope))

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if decision is not None:
                    headers = MutableHeaders(scope=message)
                    for name, value in decision.headers():
                        headers.append(name.decode(), value.decode())
            await send(message)

        try:
            fault = None if control else self.faults.match(method, path)
            if decision is not None and not decision.allowed:
                await self._refuse(decision, send_with_headers)
            elif fault is None:
                await self.app(scope, receive, send_with_headers)
            else:
                await self._apply(fault, scope, receive, send_with_headers)
        except ClientDisconnect:
            # The client left before its body was read (it timed out during a slow answer):
            # nobody to answer, and no error to report.
            status = 499
        finally:
            if not path.startswith(_UNLOGGED):
                elapsed = round((time.perf_counter() - started) * 1000, 3)
                self.log.add(LoggedRequest(method, path, status, elapsed))

    async def _refuse(self, decision: Decision, send: Send) -> None:
        body = {
            "error": {"code": "too_many_request", "message": self.rate.refusal_message(decision)}
        }
        headers = {"content-type": "application/json", "retry-after": str(decision.retry_after)}
        await _send(send, 429, json.dumps(body).encode(), headers)

    async def _apply(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        if fault.after:
            await self._after(fault, scope, receive, send)
            return
        if fault.latency_ms:
            replay = await _delay(fault.latency_ms / 1000, receive)
            if replay is None:  # the client left during the delay: nothing more to do
                return
            receive = replay
        if fault.drop:
            # Start a chunked answer and never finish it: the server closes the connection.
            await send({"type": "http.response.start", "status": 200, "headers": []})
            return
        if fault.malformed:
            await _send(
                send,
                fault.status or 200,
                b'{"data": [{"id": 1, "na',
                {"content-type": "application/json"} | fault.headers,
            )
            return
        if fault.status is None:
            await self.app(scope, receive, send)
            return
        body = fault.body
        if body is None:
            body = {
                "error": {
                    "code": "injected_fault",
                    "message": f"Fault injected by the sandbox for {fault.route}",
                }
            }
        if isinstance(body, str):
            payload, content_type = body.encode(), "text/plain; charset=utf-8"
        else:
            payload, content_type = json.dumps(body).encode(), "application/json"
        await _send(send, fault.status, payload, {"content-type": content_type} | fault.headers)

    async def _after(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the handler (the request takes effect), then delay, drop or replace its answer."""
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)
        if fault.latency_ms and await _delay(fault.latency_ms / 1000, receive) is None:
            return
        if fault.drop or fault.malformed or fault.status is not None:
            answer = dataclasses.replace(fault, latency_ms=0, after=False)  # the delay is done
            await self._apply(answer, scope, receive, send)
            return
        for message in held:
            await send(message)


async def _bounded_body(scope: Scope, receive: Receive) -> Receive | None:
    """``receive`` when the body cannot exceed MAX_BODY_BYTES, None when it does: a declared
    Content-Length over the limit is refused unread, a body without one (chunked) is read up to
    the limit and replayed."""
    length = None
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                length = int(value)
            except ValueError:
                return None
    if length is not None:
        return receive if length <= MAX_BODY_BYTES else None
    held: list[Message] = []
    size = 0
    while True:
        message = await receive()
        held.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        if size > MAX_BODY_BYTES:
            return None
        if not message.get("more_body"):
            break

    async def replay() -> Message:
        return held.pop(0) if held else await receive()

    return replay


def _preflight_headers(scope: Scope) -> dict[str, str]:
    asked = ""
    for name, value in scope["headers"]:
        if name == b"access-control-request-headers":
            asked = bytes(value).decode("latin-1")
    headers = {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "GET,HEAD,PUT,PATCH,POST,DELETE",
        "vary": "Access-Control-Request-Headers",
    }
    if asked:
        headers["access-control-allow-headers"] = asked
    return headers


def _rate_key(scope: Scope) -> str:
    """Requests are counted per credentials (secret key or session token), as Nango counts per
    key; requests without any share one count."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            return bytes(value).decode("latin-1")
    return ""


async def _delay(seconds: float, receive: Receive) -> Receive | None:
    """Wait ``seconds``, unless the client disconnects first (then None: a slow answer nobody
    waits for must not hold the server, e.g. at shutdown). Returns the ``receive`` to hand on:
    it replays the request body read while watching for the disconnect."""
    read: list[Message] = []
    left = False

    async def watch() -> None:
        nonlocal left
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                left = True
                return
            read.append(message)

    watcher = asyncio.ensure_future(watch())
    try:
        await asyncio.wait({watcher}, timeout=seconds)
    finally:
        watcher.cancel()
    if left:
        return None

    async def replay() -> Message:
        return read.pop(0) if read else await receive()

    return replay


async def _send(send: Send, status: int, body: bytes, headers: dict[str, str]) -> None:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
