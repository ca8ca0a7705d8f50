"""The retry policy, sans-IO: it decides whether and how long to wait, the send loops do the waiting.

Chosen over stamina or tenacity because the decision needs the HTTP response (status and
``Retry-After``) and the request's method, and must be shared by a sync and an async send loop:
a pure function of (attempt, method, status or error, headers) is ~60 lines, deterministic under
an injected random source, and adds no runtime dependency. Waiting is done by a ``sleep``
callable that the clients accept, so tests never wait.

Rules:

* only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) are retried, and other methods only
  when the caller opts in (``retry=True``, used e.g. for metadata and action polling);
* retried on 429, 502, 503 and 504, on connection errors and timeouts, on a 2xx whose JSON body
  is truncated or malformed, and on the proxy's 500 saying the provider's connection broke
  (``ECONNRESET``, ``ETIMEDOUT``, ``ECONNABORTED``, ``EPIPE``);
* exponential backoff ``initial_delay * 2**attempt`` capped at ``max_delay``, with jitter that
  only shortens the delay (so the cap holds);
* a server ``Retry-After`` (seconds or HTTP date) is used as is on 502/503/504, unless it
  exceeds ``max_retry_after``: then the error is raised at once, carrying ``retry_after``;
* on a 429 the wait is what the server asks (``Retry-After``, or ``x-ratelimit-reset`` in epoch
  seconds, the later of the two) plus ``rate_limit_margin``: Nango rounds ``Retry-After`` down,
  so a client that waits exactly that long comes a fraction early and gets another 429 with
  ``Retry-After: 0``. A 429 is never retried "now". Above ``max_retry_after`` the error is
  raised at once.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = [
    "IDEMPOTENT_METHODS",
    "NANGO_PROXY_BACKOFF",
    "NETWORK_ERROR_CODES",
    "RETRY_STATUSES",
    "RetryPolicy",
    "parse_ratelimit_reset",
    "parse_retry_after",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
# The codes of Nango's proxy 500 when the provider's connection broke (a transport fault one
# hop further): ``{"message": "...", "code": "ECONNRESET"}``.
NETWORK_ERROR_CODES = frozenset({"ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "EPIPE"})
# Nango's proxy retries ``Retries: N`` times itself, waiting 3 s, 6 s, 12 s... (NANGO_FACTS.md).
NANGO_PROXY_BACKOFF = 3.0


@dataclass(frozen=True)
class RetryPolicy:
    """When to retry a request and how long to wait before the next attempt."""

    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    rate_limit_margin: float = 1.0
    jitter: float = 0.25
    random: Callable[[], float] = random.random

    def allows(self, method: str, opted_in: bool | None) -> bool:
        """Whether a request with this method may be retried at all."""
        if opted_in is not None:
            return opted_in
        return method.upper() in IDEMPOTENT_METHODS

    def delay_for_status(
        self, attempt: int, status: int, retry_after: float | None
    ) -> float | None:
        """Seconds to wait before retrying after ``status``, or None to stop."""
        if status not in RETRY_STATUSES:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        return self.backoff(attempt)

    def delay_for_rate_limit(
        self, attempt: int, retry_after: float | None, reset_in: float | None
    ) -> float | None:
        """Seconds to wait after a 429, or None when the server asks for more than
        ``max_retry_after``. ``reset_in`` (seconds to ``x-ratelimit-reset``) is believed only
        when it agrees with ``Retry-After`` to within the two seconds both were rounded by, so a client
        clock far from the server's cannot make the wait absurd."""
        ask = retry_after
        if reset_in is not None and reset_in >= 0 and (ask is None or reset_in <= ask + 2):
            ask = reset_in if ask is None else max(ask, reset_in)
        if ask is None:
            return self.backoff(attempt)
        if ask > self.max_retry_after:
            return None
        return ask + self.rate_limit_margin

    def backoff(self, attempt: int) -> float:
        """Exponential backoff for retry number ``attempt`` (0-based), jittered, never above the cap."""
        # The exponent stops at 1023, a float's largest power of two: 2**1024 overflowed.
        base = min(self.max_delay, self.initial_delay * 2.0 ** min(attempt, 1023))
        return float(base * (1.0 - self.jitter * self.random()))


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date), None if unusable."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN is unusable
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def parse_ratelimit_reset(value: str | None, *, now: float) -> float | None:
    """Seconds from ``now`` (epoch seconds) to an ``x-ratelimit-reset`` value (epoch seconds),
    None if absent or unusable."""
    if value is None:
        return None
    try:
        reset = float(value.strip())
    except ValueError:
        return None
    return reset - now if reset == reset else None
