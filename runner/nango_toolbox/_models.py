"""Small result types of the SDK that are not Nango API models: proxy responses, record pages,
async action handles. Structured API resources are the generated ``nango_client.models``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["AsyncActionHandle", "ProxyResponse", "RecordsPage"]


@dataclass(frozen=True)
class ProxyResponse:
    """A provider's answer through the Nango proxy; ``body`` is parsed JSON, else text."""

    status_code: int
    headers: httpx.Headers
    body: Any


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
