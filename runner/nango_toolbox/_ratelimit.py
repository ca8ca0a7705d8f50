"""Nango's rate limit, shared: once Nango answers 429 ``too_many_request``, every call of the
client waits until the window opens instead of each finding out with a 429 of its own.

Nango limits requests per secret key (200 a minute on a default server), so the limit is a
property of the key, not of one call: a ``for_each`` fan-out that hits it slows down as a whole.
Each client owns a :class:`RateLimitGate`; clients built with the same gate (``rate_limit_gate=``)
share it. The gate only records a time; the send loops do the waiting with their ``sleep``.
"""

from __future__ import annotations

import threading
import time

__all__ = ["RateLimitGate"]


class RateLimitGate:
    """When Nango's rate limit lets requests through again (thread-safe, asyncio-safe)."""

    def __init__(self) -> None:
        self._until = 0.0
        self._lock = threading.Lock()

    def hold(self, seconds: float) -> None:
        """Record that no request should be sent for ``seconds`` from now."""
        until = time.monotonic() + seconds
        with self._lock:
            if until > self._until:
                self._until = until

    def wait_time(self, *, after: float = 0.0) -> float:
        """Seconds to wait before sending (0.0 when the window is open); ``after`` is a
        ``time.monotonic()`` the caller is known to wait until anyway."""
        until = self._until
        if not until:
            return 0.0
        return max(0.0, until - max(time.monotonic(), after))
