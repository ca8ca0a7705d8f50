"""The HTTP client of a run: one small connection pool per request in flight, not one shared pool.

A ``for_each`` sends from up to 64 threads through the run's one SDK client. httpx's blocking
pool is shared by all of them: each request takes its lock and scans every connection (asking
the OS whether each idle one is still readable), and it keeps only 20 idle connections, so at
concurrency 50 most calls closed their connection and opened a new one. Measured against a fast
upstream (bench/bench_workflows.py, issue 17), that pool cost more client CPU than everything
else the runner and the SDK do per call.

:class:`PoolPerRequest` keeps a stack of ordinary httpx transports (one TLS context for all):
each request takes one, holds it until its response is closed, then puts it back, so a
transport serves one request at a time and its connection stays open for the next. The SDK
client is still one (one rate-limit gate, one configuration); only the pooling changes. Each
transport's connections obey the SDK's attempt deadline like the default pool's
(:func:`nango_toolbox._deadline.bound_by_deadline`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx

from .._deadline import bound_transport

__all__ = ["PoolPerRequest", "run_http_client"]


def run_http_client() -> httpx.Client:
    """The ``http_client=`` of the run's SDK client (the caller closes it after the client)."""
    return httpx.Client(transport=PoolPerRequest(), follow_redirects=False)


class PoolPerRequest(httpx.BaseTransport):
    """An httpx transport lending each request a transport of its own until its response closes."""

    def __init__(self) -> None:
        self._ssl_context: Any = None
        self._idle: list[httpx.HTTPTransport] = []
        self._all: list[httpx.HTTPTransport] = []
        self._lock = threading.Lock()
        self._closed = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        transport = self._take()
        try:
            response = transport.handle_request(request)
        except BaseException:
            self._give_back(transport)
            raise
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _Lent(response.stream, lambda: self._give_back(transport))
        return response

    def close(self) -> None:
        with self._lock:
            self._closed = True
            transports, self._all, self._idle = self._all, [], []
        for transport in transports:
            transport.close()

    def _take(self) -> httpx.HTTPTransport:
        with self._lock:
            if self._idle:
                return self._idle.pop()  # the last one given back: its connection is warmest
            if self._ssl_context is None:  # loading the CA bundle takes ~20 ms: once
                self._ssl_context = httpx.create_ssl_context()
            transport = httpx.HTTPTransport(verify=self._ssl_context)
            self._all.append(transport)
        return bound_transport(transport)

    def _give_back(self, transport: httpx.HTTPTransport) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(transport)
                return
        transport.close()


class _Lent(httpx.SyncByteStream):
    """A response body that gives its transport back once, when it is closed."""

    def __init__(self, stream: httpx.SyncByteStream, give_back: Any) -> None:
        self._stream = stream
        self._give_back = give_back

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        give_back, self._give_back = self._give_back, None
        try:
            self._stream.close()
        finally:
            if give_back is not None:
                give_back()
