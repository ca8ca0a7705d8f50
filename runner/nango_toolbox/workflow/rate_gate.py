"""One "wait until" for every request of a run, so that Nango's rate limit slows a whole fan-out
instead of failing its items one by one.

Nango allows a number of requests per minute per key; past it, it answers 429 ``too_many_request``
with ``Retry-After`` rounded down. A 429 that reaches the runner closes the gate until the
window has reopened (``Retry-After`` plus a margin); every request of the run, in every for_each
worker, waits for the gate before it is sent, and the refused request is sent again. A 429 means
Nango refused the request before doing anything, so sending a write again is safe. A provider's
429 through the proxy is the provider's answer and is left to the step.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import StepFailed

__all__ = ["RateGate", "is_nango_rate_limit"]

T = TypeVar("T")

MARGIN = 1.0
"""Seconds added to Retry-After, which Nango rounds down (a client waiting exactly that long
arrives a fraction early and is refused again)."""

MAX_RESENDS = 10
"""How many times one request is sent again after Nango's 429 before its step fails."""


def is_nango_rate_limit(exc: BaseException) -> bool:
    """Whether ``exc`` is Nango's own 429 (``too_many_request``), not a provider's through the
    proxy."""
    from .._errors import RateLimitError

    return isinstance(exc, RateLimitError) and exc.code == "too_many_request"


class RateGate:
    """The moment before which no request of the run is sent (shared by all its threads)."""

    def __init__(self, stopped: threading.Event | None = None) -> None:
        self.stopped = stopped or threading.Event()
        self._lock = threading.Lock()
        self._open_at = 0.0  # time.monotonic() from which requests may go again
        self.closings = 0  # how many 429s closed (or pushed back) the gate

    def close_for(self, seconds: float) -> None:
        """Keep every request back for ``seconds`` from now (or longer if already closed)."""
        with self._lock:
            self._open_at = max(self._open_at, time.monotonic() + seconds)
            self.closings += 1

    def wait_turn(self) -> None:
        """Return once the gate is open; StepFailed when the run is interrupted meanwhile."""
        while True:
            with self._lock:
                left = self._open_at - time.monotonic()
            if left <= 0:
                return
            if self.stopped.wait(left):
                raise StepFailed("interrupted while waiting for Nango's rate limit to reset")

    def call(self, send: Callable[[], T]) -> T:
        """``send()`` once the gate is open; after Nango's 429, close the gate for everyone and
        send again (up to ``MAX_RESENDS`` times)."""
        resends = 0
        while True:
            self.wait_turn()
            try:
                return send()
            except Exception as exc:
                if not is_nango_rate_limit(exc) or resends == MAX_RESENDS:
                    raise
                resends += 1
                self.close_for(_wait_after(exc))


def _wait_after(exc: Any) -> float:
    retry_after = getattr(exc, "retry_after", None)
    seconds = retry_after if isinstance(retry_after, int | float) and retry_after > 0 else 0.0
    return float(seconds) + MARGIN
