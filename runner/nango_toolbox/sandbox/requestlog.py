"""The request log: method, path, status and duration of every API call (control routes excluded).

Memory stays bounded however long the sandbox runs: it keeps the total count of logged calls and
only the last ``window`` of them. With ``path`` every call is also appended to that file as one
JSON line (``{"at", "method", "path", "status", "duration_ms"}``, ``at`` in Unix seconds), so a
long run can be checked call by call without holding it in memory. Clearing the log (``DELETE
/_sandbox/requests``) empties the window and resets the total; the file is append-only and keeps
everything.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import IO, Any

DEFAULT_WINDOW = 10_000


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    method: str
    path: str
    status: int
    duration_ms: float


class RequestLog:
    """The last ``window`` calls in memory, their total count, and optionally a JSON-lines file."""

    def __init__(self, window: int = DEFAULT_WINDOW, path: str | None = None) -> None:
        if window < 1:
            raise ValueError(f"the request log window must be at least 1, got {window}")
        self._lock = threading.Lock()
        self._items: deque[LoggedRequest] = deque(maxlen=window)
        self._total = 0
        self.path = path
        self._file: IO[str] | None = None
        if path is not None:
            try:
                self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()
            except OSError as exc:
                raise ValueError(f"cannot open the request log {path} ({exc.strerror})") from None

    @property
    def window(self) -> int:
        """How many of the latest calls are kept in memory."""
        return self._items.maxlen or 0

    @property
    def total(self) -> int:
        """Calls logged since the start (or the last `clear`), including those out of the window."""
        with self._lock:
            return self._total

    def add(self, item: LoggedRequest) -> None:
        with self._lock:
            self._items.append(item)
            self._total += 1
            if self._file is not None:
                line = {"at": round(time.time(), 6), **asdict(item)}
                self._file.write(json.dumps(line, separators=(",", ":")) + "\n")
                self._file.flush()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._total = 0

    def to_list(self) -> list[dict[str, Any]]:
        """The calls in the window, oldest first."""
        with self._lock:
            return [asdict(item) for item in self._items]

    def close(self) -> None:
        """Close the file (later calls are still counted and kept in memory)."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
