"""A hostile HTTP server for the SDK's limits: a real server on 127.0.0.1, written on raw asyncio
streams in a thread, so it can misbehave in ways a well-behaved framework will not.

Routes, chosen by the first path segment (so a client's base URL can pick one:
``Nango(base_url=server.url + "/drip-headers/every=0.5")``); ``name=value`` path segments or
query parameters tune each one:

* ``/drip-headers?lines=10&every=0.5``: the status line at once, then one header line every
  ``every`` seconds, then a small JSON body;
* ``/drip-body?size=20&rate=2``: headers at once (``Content-Length: size``), then the body at
  ``rate`` bytes a second;
* ``/huge?size=1073741824&chunked=0&type=application/octet-stream``: ``size`` bytes generated
  in 64 KiB chunks (never held in memory); with ``chunked=1`` no Content-Length; the bytes really
  sent before the client left are in :attr:`HostileServer.sent`;
* ``/cut?size=100&sent=10``: ``Content-Length: size``, then ``sent`` bytes and the connection
  closes (a body cut off on the way);
* ``/deep?depth=100000&status=200``: JSON nested ``depth`` levels (``[[[...]]]``);
* ``/limited/...``: Nango's rate limiter (``limit`` requests per ``window`` seconds, set with
  :meth:`HostileServer.rate_limit`): 429 ``too_many_request`` with ``Retry-After`` rounded
  **down** and ``x-ratelimit-reset`` in epoch seconds, as real Nango answers; a client that comes
  a fraction early gets ``Retry-After: 0``;
* ``/proxy/...``: Nango's proxy in front of a provider that always answers 503: ``Retries: N``
  makes N+1 provider attempts with Nango's back-off (``nango_retry_base`` seconds, doubling),
  counted in :attr:`HostileServer.provider_hits`;
* anything else (e.g. ``/echo/...``): 200 ``{"ok": true, "path": ...}``.

Every request (method, path, headers, body) is recorded in :attr:`HostileServer.requests`.
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

_CHUNK = 64 * 1024
_REASONS = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable"}


@dataclass(frozen=True)
class HostileRequest:
    """One request as the server read it."""

    method: str
    path: str  # with the query string
    headers: dict[str, str]  # names lower-cased
    body: bytes

    @property
    def route(self) -> str:
        """The first path segment, e.g. ``/drip-headers``."""
        return "/" + urlsplit(self.path).path.lstrip("/").split("/", 1)[0]

    def query(self, name: str, default: str) -> str:
        """A tuning value: a ``name=value`` path segment, else a query parameter."""
        parts = urlsplit(self.path)
        for segment in parts.path.split("/"):
            key, sep, value = segment.partition("=")
            if sep and key == name:
                return value
        return parse_qs(parts.query).get(name, [default])[0]


class HostileServer:
    """The server, started on a free port of 127.0.0.1 in a daemon thread; ``close()`` stops it."""

    def __init__(self, *, nango_retry_base: float = 3.0) -> None:
        self.nango_retry_base = nango_retry_base
        self.requests: list[HostileRequest] = []
        self.sent: Counter[str] = Counter()  # body bytes written per route
        self.provider_hits = 0
        self.limited_answers: list[int] = []  # statuses of /limited answers, in order
        self._limit: tuple[int, float] | None = None
        self._window: tuple[float, int] = (0.0, 0)  # (window end, requests in it)
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self._thread.start()
        ready.wait(10)
        self.url = f"http://127.0.0.1:{self._port}"

    # -- control -----------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget recorded requests, counters and the rate-limit window."""
        with self._lock:
            self.requests.clear()
            self.sent.clear()
            self.provider_hits = 0
            self.limited_answers.clear()
            self._limit = None
            self._window = (0.0, 0)

    def rate_limit(self, limit: int, window: float) -> None:
        """Answer ``/limited/...`` like Nango: ``limit`` requests per fixed ``window`` seconds."""
        with self._lock:
            self._limit = (limit, window)
            self._window = (0.0, 0)

    def hits(self, route: str) -> int:
        """How many requests reached ``route`` (the first path segment, e.g. ``/proxy``)."""
        return sum(1 for r in self.requests if r.route == route)

    def close(self) -> None:
        """Stop serving, end the open connections, stop the thread."""

        async def shutdown() -> None:
            self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # -- serving -----------------------------------------------------------------------------
    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._connection, "127.0.0.1", 0)
        )
        self._port = self._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                if not await self._answer(request, writer):
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            # close() ends connections a client kept open; on Python 3.11 a cancelled connection
            # task is logged as "Exception in callback ... CancelledError" with a traceback.
            pass
        finally:
            writer.close()

    async def _answer(self, request: HostileRequest, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False when the connection must close afterwards."""
        route = request.route
        if route == "/drip-headers":
            lines, every = int(request.query("lines", "10")), float(request.query("every", "0.5"))
            writer.write(b"HTTP/1.1 200 OK\r\n")
            await writer.drain()
            for i in range(lines):
                await asyncio.sleep(every)
                writer.write(f"X-Drip-{i}: {i}\r\n".encode())
                await writer.drain()
            writer.write(b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            await writer.drain()
            return False
        if route == "/drip-body":
            size, rate = int(request.query("size", "20")), float(request.query("rate", "2"))
            head = _head(200, {"Content-Type": "text/plain", "Content-Length": str(size)})
            writer.write(head)
            await writer.drain()
            for _ in range(0, size, 2):
                await asyncio.sleep(2 / rate)
                writer.write(b"ab")
                await writer.drain()
                self.sent[route] += 2
            return False
        if route == "/huge":
            await self._huge(request, writer)
            return False
        if route == "/cut":
            size, sent = int(request.query("size", "100")), int(request.query("sent", "10"))
            writer.write(_head(200, {"Content-Type": "application/octet-stream"}, size))
            writer.write(b"x" * sent)
            await writer.drain()
            return False
        if route == "/deep":
            depth, status = (
                int(request.query("depth", "100000")),
                int(request.query("status", "200")),
            )
            body = b"[" * depth + b"]" * depth
            writer.write(_head(status, {"Content-Type": "application/json"}, len(body)) + body)
            await writer.drain()
            return True
        if route == "/limited":
            return await self._limited(request, writer)
        if route == "/proxy":
            return await self._proxy(request, writer)
        return await _json(writer, 200, {"ok": True, "path": request.path})

    async def _huge(self, request: HostileRequest, writer: asyncio.StreamWriter) -> None:
        size = int(request.query("size", str(1 << 30)))
        chunked = request.query("chunked", "0") == "1"
        headers = {"Content-Type": request.query("type", "application/octet-stream")}
        if chunked:
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Content-Length"] = str(size)
        writer.write(_head(200, headers))
        chunk = b"x" * _CHUNK
        left = 0 if request.method == "HEAD" else size
        while left > 0:
            piece = chunk if left >= _CHUNK else chunk[:left]
            writer.write(b"%x\r\n%b\r\n" % (len(piece), piece) if chunked else piece)
            await writer.drain()
            self.sent["/huge"] += len(piece)
            left -= len(piece)
        if chunked and request.method != "HEAD":
            writer.write(b"0\r\n\r\n")
        await writer.drain()

    async def _limited(self, request: HostileRequest, writer: asyncio.StreamWriter) -> bool:
        now = time.time()
        with self._lock:
            limit, window = self._limit or (1_000_000, 60.0)
            end, count = self._window
            if now >= end:
                end, count = now + window, 0
            count += 1
            self._window = (end, count)
        headers = {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(max(0, limit - count)),
            "x-ratelimit-reset": str(math.ceil(end)),
        }
        with self._lock:
            self.limited_answers.append(200 if count <= limit else 429)
        if count <= limit:
            return await _json(writer, 200, {"ok": True, "path": request.path}, headers)
        headers["Retry-After"] = str(math.floor(end - now))  # rounded down, like Nango
        body = {"error": {"code": "too_many_request", "message": "Too many requests"}}
        return await _json(writer, 429, body, headers)

    async def _proxy(self, request: HostileRequest, writer: asyncio.StreamWriter) -> bool:
        retries = int(request.headers.get("retries", "0") or 0)
        for attempt in range(retries + 1):
            with self._lock:
                self.provider_hits += 1
            if attempt < retries:
                await asyncio.sleep(self.nango_retry_base * 2**attempt)
        return await _json(writer, 503, {"message": "provider unavailable"})


async def _read_request(reader: asyncio.StreamReader) -> HostileRequest | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    body = await reader.readexactly(length) if length else b""
    return HostileRequest(method, path, headers, body)


def _head(status: int, headers: dict[str, str], length: int | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _json(
    writer: asyncio.StreamWriter, status: int, body: Any, headers: dict[str, str] | None = None
) -> bool:
    payload = json.dumps(body).encode()
    writer.write(
        _head(status, {"Content-Type": "application/json", **(headers or {})}, len(payload))
    )
    writer.write(payload)
    await writer.drain()
    return True
