"""The attempt deadline: ``timeout=`` bounds a whole attempt, from connect to the last body byte.

httpx's timeouts bound each socket operation, so a server that sends a header line a second, or
a body two bytes a second, held a call forever. Here each attempt gets a deadline:

* blocking clients: the deadline sits in a context variable that a wrapped httpcore network
  backend reads, so every connect, read and write waits at most ``min(its timeout, time left)``
  and fails with httpx's own timeout error once the deadline passed (:func:`bound_by_deadline`
  wraps the backends of the httpx.Client a client sends with, a caller's own included: outside
  an SDK attempt they behave as before);
* asyncio clients: ``asyncio.timeout`` around the attempt (:func:`async_attempt_deadline`),
  which holds for any ``httpx.AsyncClient``, a caller's own included.

Between body chunks both send loops also compare the clock with the deadline
(:func:`check_deadline`): that bounds the body of a blocking client whose transport is not
httpcore's pool (a caller's custom transport) too.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from contextlib import AbstractAsyncContextManager, AbstractContextManager, nullcontext
from contextvars import ContextVar
from types import TracebackType
from typing import Any, TypeVar

import httpcore
import httpx

__all__ = [
    "async_attempt_deadline",
    "attempt_deadline",
    "bound_by_deadline",
    "bound_transport",
    "check_deadline",
    "overall_seconds",
]

_Client = TypeVar("_Client", httpx.Client, httpx.AsyncClient)
_Transport = TypeVar("_Transport")

# The monotonic time at which the current attempt must have ended, or None (no bound).
_DEADLINE: ContextVar[float | None] = ContextVar("nango_toolbox_attempt_deadline", default=None)


def overall_seconds(timeout: float | httpx.Timeout | None) -> float | None:
    """The whole-attempt bound of a ``timeout=`` value: the number itself, or the largest phase
    of an ``httpx.Timeout``; None (no bound) when connect, read or write is unbounded."""
    if timeout is None or isinstance(timeout, int | float):
        return timeout
    phases = (timeout.connect, timeout.read, timeout.write)
    if any(phase is None for phase in phases):
        return None
    return max(t for t in (*phases, timeout.pool) if t is not None)


def _expired(seconds: float) -> str:
    return f"the attempt took longer than timeout={seconds:g}s (connect to last body byte)"


def attempt_deadline(seconds: float | None) -> AbstractContextManager[None]:
    """Bound the blocking attempt run inside to ``seconds`` (None: no bound)."""
    return _UNBOUNDED if seconds is None else _AttemptDeadline(seconds)


def async_attempt_deadline(seconds: float | None) -> AbstractAsyncContextManager[None]:
    """Bound the asyncio attempt run inside to ``seconds``; raises httpx.TimeoutException."""
    return _UNBOUNDED if seconds is None else _AsyncAttemptDeadline(seconds)


# The context managers are classes, not @contextmanager generators: every call enters one, and
# a generator-based one costs several times as much to create, enter and leave.
_UNBOUNDED = nullcontext()


class _AttemptDeadline:
    __slots__ = ("_seconds", "_token")

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds

    def __enter__(self) -> None:
        self._token = _DEADLINE.set(time.monotonic() + self._seconds)

    def __exit__(self, *exc_info: object) -> None:
        _DEADLINE.reset(self._token)


class _AsyncAttemptDeadline:
    __slots__ = ("_seconds", "_timeout", "_token")

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds

    async def __aenter__(self) -> None:
        self._token = _DEADLINE.set(time.monotonic() + self._seconds)
        self._timeout = asyncio.timeout(self._seconds)
        try:
            await self._timeout.__aenter__()
        except BaseException:
            _DEADLINE.reset(self._token)
            raise

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            await self._timeout.__aexit__(exc_type, exc, traceback)  # TimeoutError once expired
            if isinstance(exc, TimeoutError):  # raised inside the attempt: the same translation
                raise exc
        except TimeoutError as error:
            raise httpx.TimeoutException(_expired(self._seconds)) from error
        finally:
            _DEADLINE.reset(self._token)


def check_deadline(seconds: float | None) -> None:
    """Raise httpx.ReadTimeout when the current attempt's deadline has passed."""
    deadline = _DEADLINE.get()
    if deadline is not None and seconds is not None and time.monotonic() >= deadline:
        raise httpx.ReadTimeout(_expired(seconds))


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` shortened to what is left of the attempt; ``error`` once nothing is left."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the attempt's deadline (timeout=) passed")
    return left if timeout is None or left < timeout else timeout


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes end by the attempt's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        secured = self._stream.start_tls(
            ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(secured)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's network backend, with connections that obey the attempt deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(
            host, port, _left(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(
            path, _left(timeout, httpcore.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def bound_by_deadline(client: _Client) -> _Client:
    """``client`` with every blocking connection pool (the default one and the proxies' from
    the environment) opening connections that obey the attempt deadline; an asyncio client is
    left as it is (``asyncio.timeout`` bounds its attempts)."""
    for transport in [client._transport, *client._mounts.values()]:
        bound_transport(transport)
    return client


def bound_transport(transport: _Transport) -> _Transport:
    """``transport`` with its httpcore pool, if it has one, opening connections that obey the
    attempt deadline (also for transports made later, such as the runner's per-request ones)."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, DeadlineBackend):
        pool._network_backend = DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport
