"""The request log: method, path, status and duration of every API call (control routes excluded)."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    status: int
    duration_ms: float


class RequestLog:
    def __init__(self, limit: int = 100_000) -> None:
        self._lock = threading.Lock()
        self._items: list[LoggedRequest] = []
        self._limit = limit

    def add(self, item: LoggedRequest) -> None:
        with self._lock:
            self._items.append(item)
            if len(self._items) > self._limit:
                del self._items[: len(self._items) - self._limit]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def to_list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(item) for item in self._items]
