"""Nango's API rate limit: N requests per window per key, fixed windows.

As a real Nango answers (200 requests a minute per key on a default server): a key's window opens
with its first request and closes ``window`` seconds later; past ``limit`` requests in it the
answer is 429 ``{"error": {"code": "too_many_request", ...}}`` with ``Retry-After`` = the seconds
left, **rounded down** (so a client sleeping exactly that long arrives a fraction early and gets
429 again with ``Retry-After: 0``). Every answer carries ``x-ratelimit-limit``,
``x-ratelimit-remaining`` and ``x-ratelimit-reset`` (the window's end, epoch seconds rounded up).

Without a limit (``RateLimiter(None)``) the headers still count, against a nominal 10,000 a
minute, and nothing is refused.
"""

from __future__ import annotations

import math
import re
import threading
import time
from dataclasses import dataclass

NOMINAL = 10_000
"""The x-ratelimit-limit reported when no limit is enforced."""

_FORMAT = re.compile(r"^\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}
_PRUNE_AT = 1024  # keys kept before windows that ended are forgotten


@dataclass(frozen=True)
class RateLimit:
    """``limit`` requests per ``window`` seconds, per key."""

    limit: int
    window: float

    def __str__(self) -> str:
        return f"{self.limit}/{self.window:g}s"


def parse_rate_limit(text: str) -> RateLimit | None:
    """``N/WINDOW`` (``200/60s``, ``3/2s``, ``100/1m``; seconds without a unit), or ``off``
    (None); ValueError saying the expected form otherwise."""
    if text.strip().lower() in ("off", "none", "0"):
        return None
    found = _FORMAT.match(text)
    if found is None:
        raise ValueError(f"expected N/WINDOW such as 200/60s, 3/2s or 100/1m, or off; got '{text}'")
    limit = int(found.group(1))
    window = float(found.group(2)) * _UNIT_SECONDS[found.group(3) or "s"]
    if limit < 1 or window <= 0:
        raise ValueError(f"the limit and the window must be positive; got '{text}'")
    return RateLimit(limit, window)


@dataclass(frozen=True)
class Decision:
    """What one request gets: allowed or not, and the values of the headers."""

    allowed: bool
    limit: int
    remaining: int
    reset: int
    retry_after: int

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (b"x-ratelimit-remaining", str(self.remaining).encode()),
            (b"x-ratelimit-reset", str(self.reset).encode()),
        ]


class RateLimiter:
    """Fixed windows per key (the Authorization header a request carries)."""

    def __init__(self, rate: RateLimit | None = None) -> None:
        self.rate = rate
        self._limit = rate.limit if rate else NOMINAL
        self._window = rate.window if rate else 60.0
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[float, int]] = {}  # key -> (window end, requests)

    def take(self, key: str, now: float | None = None) -> Decision:
        """Count one request of ``key`` (a refused one counts too, as Nango's does)."""
        now = time.time() if now is None else now
        with self._lock:
            end, count = self._windows.get(key, (0.0, 0))
            if now >= end:
                if len(self._windows) >= _PRUNE_AT:
                    self._windows = {k: v for k, v in self._windows.items() if v[0] > now}
                end, count = now + self._window, 0
            count += 1
            self._windows[key] = (end, count)
        allowed = self.rate is None or count <= self._limit
        return Decision(
            allowed=allowed,
            limit=self._limit,
            remaining=max(self._limit - count, 0),
            reset=math.ceil(end),
            retry_after=0 if allowed else math.floor(end - now),
        )

    def refusal_message(self, decision: Decision) -> str:
        return (
            f"Too many requests: the limit is {self.rate}; "
            f"retry in {decision.retry_after} s (Retry-After)"
        )
