"""Helpers shared by the test folders (importable: tests/ is on sys.path)."""

from __future__ import annotations

import uuid


def unique(prefix: str = "t") -> str:
    """A fresh identifier, so tests sharing the session sandbox never collide."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class SleepRecorder:
    """Stands in for time.sleep / asyncio.sleep: records the requested waits, never waits."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
