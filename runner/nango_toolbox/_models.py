"""Small result types of the SDK that are not Nango API models: proxy responses, record pages,
async action handles. Structured API resources are the generated ``nango_client.models``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from ._errors import NangoError

__all__ = ["AsyncActionHandle", "ProxyResponse", "ProxyStream", "RecordsPage"]


@dataclass(frozen=True)
class ProxyResponse:
    """A provider's answer through the Nango proxy; ``body`` is parsed JSON, else text."""

    status_code: int
    headers: httpx.Headers
    body: Any


class ProxyStream:
    """A provider's answer through the Nango proxy, read in chunks (``proxy_stream()``): its
    status and headers at once, the body as chunks of bytes (decoded from the provider's
    Content-Encoding), never held whole. A fault while reading raises APIConnectionError."""

    def __init__(
        self, response: httpx.Response, translate: Callable[[Exception], NangoError]
    ) -> None:
        self.status_code = response.status_code
        self.headers = response.headers
        self._response = response
        self._translate = translate

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks (of ``chunk_size`` bytes if given), from ``Nango``."""
        try:
            yield from self._response.iter_bytes(chunk_size)
        except httpx.RequestError as exc:
            raise self._translate(exc) from exc

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks (of ``chunk_size`` bytes if given), from ``AsyncNango``."""
        try:
            async for chunk in self._response.aiter_bytes(chunk_size):
                yield chunk
        except httpx.RequestError as exc:
            raise self._translate(exc) from exc


@dataclass(frozen=True)
class RecordsPage:
    """One page of synced records and the cursor of the next page (None on the last page)."""

    records: list[dict[str, Any]]
    next_cursor: str | None


@dataclass(frozen=True)
class AsyncActionHandle:
    """An action started with ``X-Async: true``: its id and the path where its result appears."""

    id: str
    status_url: str
