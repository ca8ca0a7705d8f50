"""Deadlines for the waiting helpers (wait_for_connection, trigger_action_and_wait), sans-IO.

A deadline ends when either the wall clock passes it or the waits handed out add up to the
timeout, so an injected no-op ``sleep`` (tests) still ends the loop after timeout/interval polls.
"""

from __future__ import annotations

import time

from ._errors import InvalidArgumentError

__all__ = ["Deadline"]


class Deadline:
    """How long the next wait may last, or None once ``timeout`` seconds are used up."""

    def __init__(self, timeout: float) -> None:
        if timeout < 0:
            raise InvalidArgumentError("timeout must be >= 0 seconds")
        self.timeout = timeout
        self._end = time.monotonic() + timeout
        self._waited = 0.0

    def next_wait(self, interval: float) -> float | None:
        """The next wait (at most ``interval``), or None when the deadline is reached."""
        if interval <= 0:
            raise InvalidArgumentError("poll_interval must be > 0 seconds")
        remaining = min(self._end - time.monotonic(), self.timeout - self._waited)
        if remaining <= 0:
            return None
        wait = min(interval, remaining)
        self._waited += wait
        return wait
