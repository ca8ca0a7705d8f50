"""The decisions of the waiting helpers (wait_for_connection, trigger_action_and_wait,
trigger_sync_and_wait), sans-IO: how long to wait next, and whether a triggered sync is done.

A deadline ends when either the wall clock passes it or the waits handed out add up to the
timeout, so an injected no-op ``sleep`` (tests) still ends the loop after timeout/interval polls.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable

from ._errors import InvalidArgumentError

__all__ = ["Deadline", "SyncRun", "SyncRunWatch"]

SyncRun = tuple[Hashable, str | None, str | None]
"""One sync in a status answer: (an identity such as (connection, name, variant), status,
finishedAt)."""


class Deadline:
    """How long the next wait may last, or None once ``timeout`` seconds are used up."""

    def __init__(self, timeout: float) -> None:
        if not timeout >= 0:  # NaN too: it would never run out
            raise InvalidArgumentError("timeout must be >= 0 seconds")
        self.timeout = timeout
        self._end = time.monotonic() + timeout
        self._waited = 0.0

    def next_wait(self, interval: float) -> float | None:
        """The next wait (at most ``interval``), or None when the deadline is reached."""
        if not interval > 0:
            raise InvalidArgumentError("poll_interval must be > 0 seconds")
        remaining = min(self._end - time.monotonic(), self.timeout - self._waited)
        if remaining <= 0:
            return None
        wait = min(interval, remaining)
        self._waited += wait
        return wait


class SyncRunWatch:
    """Whether the runs a ``POST /sync/trigger`` started are over.

    Right after a trigger, Nango keeps reporting each sync's previous run (its ``finishedAt``,
    status SUCCESS) until its orchestrator picks the job up, milliseconds to about 10 s later.
    So "not RUNNING" right after a trigger means nothing: a sync's triggered run is over once it
    is not RUNNING and either its ``finishedAt`` differs from the one read before the trigger, or
    it was seen RUNNING since. Every sync seen before the trigger must be in the answer.
    """

    def __init__(self, before: Iterable[SyncRun]) -> None:
        self._before = {identity: finished_at for identity, _, finished_at in before}
        self._seen_running: set[Hashable] = set()

    def finished(self, now: Iterable[SyncRun]) -> bool:
        """Whether every sync of ``now`` (a status answer after the trigger) has finished the
        run the trigger started."""
        seen: set[Hashable] = set()
        done = True
        for identity, status, finished_at in now:
            seen.add(identity)
            if status == "RUNNING":
                self._seen_running.add(identity)
                done = False
            elif identity not in self._seen_running and (
                finished_at is None or finished_at == self._before.get(identity)
            ):
                done = False
        return done and bool(seen) and set(self._before) <= seen
