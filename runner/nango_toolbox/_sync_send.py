# Generated from _async_send.py by scripts/unasync.py: do not edit.
# Change _async_send.py and run `make unasync` (CI checks the two agree).
"""The send loop of the SDK's clients: the only code that performs I/O for a call.

One source: the asyncio send loop is written by hand and the blocking one is generated from it
by ``scripts/unasync.py`` (``make unasync``). Each attempt waits for Nango's rate-limit window
(:class:`~._ratelimit.RateLimitGate`), runs within the attempt deadline (:mod:`._deadline`),
follows redirects itself (the secret key stays with the base URL's origin), reads the body in
chunks against ``max_response_size``, and leaves every decision to the sans-IO
:class:`~._transport.RequestCore`.
"""

from __future__ import annotations

import time

import httpx

from ._client_base import SyncSleep
from ._deadline import attempt_deadline, bound_by_deadline, check_deadline
from ._transport import MAX_REDIRECTS, CallOptions, RequestCore, RequestSpec

__all__ = ["SyncSender"]


class SyncSender:
    """The send loop of one client: rate-limit gate, redirects, retries with sleep, the
    attempt deadline, the size limit, error translation."""

    def __init__(self, core: RequestCore, client: httpx.Client, sleep: SyncSleep) -> None:
        self.core = core
        self.client = bound_by_deadline(client)
        self.sleep = sleep

    def send(
        self, spec: RequestSpec, options: CallOptions, *, stream: bool = False
    ) -> httpx.Response:
        """Send ``spec`` and return its successful response, or raise a NangoError. With
        ``stream``, a successful response comes back unread (the caller reads and closes it)."""
        core = self.core
        if self.client.is_closed:  # httpx would raise a bare RuntimeError
            raise core.closed_error(spec)
        budget = core.retries_for(options)
        seconds = core.attempt_seconds(spec, options)
        limit = core.size_limit(options)
        attempt = 0
        ready = 0.0  # when the last retry wait ends (a test's sleep= does not pass time)
        while True:
            pause = core.gate.wait_time(after=ready)  # Nango's rate limit, learnt by any call
            if pause:
                self.sleep(pause)
            request = core.build(self.client, spec, options)
            started = time.perf_counter()
            try:
                with attempt_deadline(seconds):
                    response = self._follow(request, started)
                    if not (stream and response.is_success):
                        self._read(spec, response, limit, seconds)
            except httpx.RequestError as exc:
                core.log(request, type(exc).__name__, started)
                delay = core.retry_delay_after_error(spec, attempt, budget, exc)
                if delay is None:
                    raise core.transport_error(spec, exc, attempt + 1, seconds) from exc
            else:
                if stream and response.is_success:
                    return response
                delay = core.retry_delay_after_response(spec, attempt, budget, response)
                if delay is None:
                    return core.check(spec, response, attempt + 1)
                response.close()
            ready = time.monotonic() + delay
            self.sleep(delay)
            attempt += 1

    def _read(
        self, spec: RequestSpec, response: httpx.Response, limit: int | None, seconds: float | None
    ) -> None:
        """Read the body in chunks, against the size limit and the attempt's deadline."""
        too_large = self.core.declared_too_large(spec, response, limit)
        if too_large is not None:
            response.close()
            raise too_large
        chunks = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if limit is not None and size > limit:
                response.close()
                raise self.core.too_large(spec, limit, None)
            chunks.append(chunk)
            check_deadline(seconds)
        response._content = b"".join(chunks)  # what httpx's own read() keeps

    def _follow(self, request: httpx.Request, started: float) -> httpx.Response:
        for _ in range(MAX_REDIRECTS + 1):
            response = self.client.send(request, follow_redirects=False, stream=True)
            self.core.log(request, response.status_code, started)
            # Most answers are not 3xx: is_redirect looks at the status before any header.
            following = self.core.redirect(request, response) if response.is_redirect else None
            if following is None:
                return response
            response.close()
            request = following
        raise httpx.TooManyRedirects("too many redirects", request=request)
