"""The HTTP client a Nango or AsyncNango sends with when the caller passes no ``http_client=``.

``Nango`` uses a plain ``httpx.Client``. ``AsyncNango`` uses an ``httpx.AsyncClient`` whose
transport is aiohttp (:class:`AiohttpTransport`, built on the ``httpx-aiohttp`` package): under
concurrency httpx's own asyncio transport (httpcore on anyio) spends about three times the
client CPU per call, which made 200 concurrent calls 2.3x slower than the official Node client
(bench/RESULTS.md, issue 17). Everything above the transport is httpx's and the SDK's as
before: the request is built, redirected, retried, bounded (``timeout=`` for the whole
attempt, ``max_response_size=``) and translated the same way.

Both keep no cookies (:class:`_NoCookies`). Plain httpx stays the fallback: when aiohttp or httpx-aiohttp cannot be imported,
``AsyncNango()`` uses httpx's own transport, and a caller chooses it with
``AsyncNango(http_client=httpx.AsyncClient())`` (docs/sdk.md, "HTTP transport").

The transport translates aiohttp's exceptions into httpx's at its own boundary, so the send loop
(:mod:`._async_send`) and the request core see the same ``httpx.TransportError`` classes as
with httpx's transport: a timeout is an ``httpx.TimeoutException``, a refused connection an
``httpx.ConnectError``, a dropped, reset or garbled answer another ``httpx.TransportError``.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, overload

import httpx

from ._deadline import _DEADLINE

if TYPE_CHECKING:
    import aiohttp

__all__ = ["default_http_client"]

# httpx's default pool limits: at most 100 connections, idle ones kept 5 s (aiohttp keeps every
# idle one up to the limit). More does not help: 200 connections for a burst of 200 calls cost
# both sides more connection set-ups than the calls wait for a free one.
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)


@overload
def default_http_client(cls: type[httpx.AsyncClient], timeout: Any) -> httpx.AsyncClient: ...
@overload
def default_http_client(cls: type[httpx.Client], timeout: Any) -> httpx.Client: ...
def default_http_client(
    cls: type[httpx.Client] | type[httpx.AsyncClient], timeout: Any
) -> httpx.Client | httpx.AsyncClient:
    """A new client of ``cls`` for an SDK client to own: aiohttp's transport for an
    ``httpx.AsyncClient`` when it can be imported, httpx's own otherwise."""
    client: httpx.Client | httpx.AsyncClient
    transport = aiohttp_transport() if cls is httpx.AsyncClient else None
    if transport is not None:
        client = httpx.AsyncClient(timeout=timeout, follow_redirects=False, transport=transport)
    else:
        client = cls(timeout=timeout, follow_redirects=False)
    client._cookies = _NoCookies()  # httpx has no public switch to keep no cookies
    return client


class _NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing. The SDK authenticates with its key, and a provider's
    ``Set-Cookie`` that Nango's proxy passes on must not go back to Nango with every later call
    (the official Node client keeps no cookies either). It also saves httpx's cookie parsing,
    about a sixth of the client CPU of a call."""

    def extract_cookies(self, response: httpx.Response) -> None:
        """Keep none of the answer's cookies."""


def aiohttp_transport() -> httpx.AsyncBaseTransport | None:
    """An :class:`AiohttpTransport`, or None when aiohttp or httpx-aiohttp is not installed."""
    try:
        return _transport_class()()
    except ImportError:
        return None


def _transport_class() -> type[httpx.AsyncBaseTransport]:
    """:class:`AiohttpTransport`, defined on first use (importing aiohttp costs ~100 ms, which
    a blocking Nango, the CLI's start-up and the validator never pay)."""
    global _TRANSPORT_CLASS
    if _TRANSPORT_CLASS is None:
        _TRANSPORT_CLASS = _define_transport()
    return _TRANSPORT_CLASS


_TRANSPORT_CLASS: type[httpx.AsyncBaseTransport] | None = None


def _define_transport() -> type[httpx.AsyncBaseTransport]:
    import aiohttp
    import httpx_aiohttp
    import yarl
    from aiohttp import http_exceptions

    @contextmanager
    def translated() -> Iterator[None]:
        """aiohttp's exceptions as httpx's (the classes httpx's own transport raises)."""
        try:
            yield
        except aiohttp.ClientError as exc:
            raise _httpx_error(exc) from exc
        except http_exceptions.HttpProcessingError as exc:
            raise httpx.RemoteProtocolError(_text(exc)) from exc

    def _httpx_error(exc: aiohttp.ClientError) -> httpx.TransportError:
        text = _text(exc)
        if isinstance(exc, aiohttp.ConnectionTimeoutError):
            return httpx.ConnectTimeout(text)
        if isinstance(exc, aiohttp.ServerTimeoutError):  # SocketTimeoutError and the rest
            return httpx.ReadTimeout(text)
        if isinstance(exc, aiohttp.ClientConnectorError):  # refused, DNS, TLS handshake
            return httpx.ConnectError(text)
        if isinstance(exc, aiohttp.InvalidURL | aiohttp.NonHttpUrlClientError):
            return httpx.UnsupportedProtocol(text)
        dropped = aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError
        if isinstance(exc, dropped | aiohttp.ClientResponseError):
            return httpx.RemoteProtocolError(text)  # dropped, cut short or garbled answer
        return httpx.ReadError(text)  # reset and other socket faults

    def drop(session: aiohttp.ClientSession) -> None:
        """Let go of a session nobody closed (its client was dropped unclosed, or its event
        loop ended) without aiohttp's "Unclosed client session" errors, which httpx's own
        transport never logged: its idle connections are closed now, synchronously."""
        if session.closed:
            return
        connector = session.connector
        session.detach()
        close = getattr(connector, "_close", None)  # the synchronous part of close()
        if close is not None:
            close()

    class ResponseStream(httpx.AsyncByteStream):
        """The body of an aiohttp response, as httpx reads it; closing it gives the
        connection back to the pool (or closes it when the body was not read to its end)."""

        def __init__(self, response: aiohttp.ClientResponse) -> None:
            self._response = response

        async def __aiter__(self) -> AsyncIterator[bytes]:
            try:
                with translated():
                    async for chunk in self._response.content.iter_any():
                        yield chunk
            except BaseException:  # cancelled (the attempt deadline) or failed: drop it
                self._response.close()
                raise

        async def aclose(self) -> None:
            self._response.release()

    _NO_TIMEOUT = aiohttp.ClientTimeout()

    class AiohttpTransport(httpx_aiohttp.AiohttpTransport):
        """httpx-aiohttp's transport with httpx's exception classes, httpx's connection limits
        and keep-alive, no cookie jar of its own, and a session per event loop (a client used
        under two ``asyncio.run`` calls works, as it did on httpx's transport)."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(limits=_LIMITS, **kwargs)
            self._loop: asyncio.AbstractEventLoop | None = None
            self._finalizer: weakref.finalize[Any, Any] | None = None
            self._timeouts: dict[tuple[Any, Any, Any], aiohttp.ClientTimeout] = {}

        def _session(self) -> aiohttp.ClientSession:
            """The session for the running loop (one made on another loop cannot serve it)."""
            loop = asyncio.get_running_loop()
            session = self.client
            if isinstance(session, aiohttp.ClientSession) and self._loop is loop:
                return session
            connector = aiohttp.TCPConnector(
                limit=_LIMITS.max_connections or 0,
                keepalive_timeout=_LIMITS.keepalive_expiry,
                ssl=self.ssl_context,
            )
            session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,  # httpx decodes Content-Encoding itself
                timeout=aiohttp.ClientTimeout(),
                skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),
            )
            if self._finalizer is not None:  # the session of a loop that ended
                self._finalizer()
            self._finalizer = weakref.finalize(self, drop, session)
            self.client, self._loop = session, loop
            return session

        def _timeout(self, request: httpx.Request) -> aiohttp.ClientTimeout:
            phases = request.extensions.get("timeout", {})
            key = (phases.get("connect"), phases.get("read"), phases.get("pool"))
            if _covered_by_deadline(key):
                return _NO_TIMEOUT
            timeout = self._timeouts.get(key)
            if timeout is None:
                connect, read, pool = key
                timeout = aiohttp.ClientTimeout(sock_connect=connect, sock_read=read, connect=pool)
                self._timeouts[key] = timeout
            return timeout

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            session = self._session()
            data: Any
            try:
                data = request.content or None
            except httpx.RequestNotRead:  # a streamed body: aiohttp sends it chunked itself
                data = request.stream
                request.headers.pop("Transfer-Encoding", None)
            headers = [(k.decode(), v.decode()) for k, v in request.headers.raw]
            with translated():
                response = await session.request(
                    request.method,
                    # Already percent-encoded by httpx: sent as it is, not quoted again.
                    yarl.URL(str(request.url), encoded=True),
                    headers=headers,
                    data=data,
                    allow_redirects=False,
                    timeout=self._timeout(request),
                    server_hostname=request.extensions.get("sni_hostname"),
                )
            extensions: dict[str, Any] = {"http_version": b"HTTP/1.1"}
            if response.reason:
                extensions["reason_phrase"] = response.reason.encode()
            return httpx.Response(
                status_code=response.status,
                headers=response.raw_headers,
                stream=ResponseStream(response),
                request=request,
                extensions=extensions,
            )

        async def aclose(self) -> None:
            if isinstance(self.client, aiohttp.ClientSession):
                if self._loop is asyncio.get_running_loop():
                    await self.client.close()
                else:  # made on a loop that ended: closing it there cannot be awaited
                    drop(self.client)

    return AiohttpTransport


def _covered_by_deadline(phases: tuple[Any, Any, Any]) -> bool:
    """Whether the SDK's attempt deadline (:mod:`._deadline`) ends before any of these phase
    timeouts could: then aiohttp's own timers (one rescheduled on every read) add nothing."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return False
    left = deadline - time.monotonic()
    return all(phase is not None and phase >= left for phase in phases)


def _text(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
