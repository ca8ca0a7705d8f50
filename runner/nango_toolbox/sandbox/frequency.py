"""Sync frequencies as Nango writes them (``every hour``, ``30m``): parsed to a `timedelta`."""

from __future__ import annotations

import re
from datetime import timedelta

MIN_FREQUENCY = timedelta(minutes=5)

_UNITS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "week": 604800, "weeks": 604800,
}  # fmt: skip
_FREQUENCY = re.compile(r"^(?:every\s+)?(?:(half\s+(?:an\s+)?hour)|(\d+)?\s*([a-z]+))$")


def parse_frequency(text: str) -> timedelta:
    """``every hour``, ``every 30 minutes``, ``1h``, ``every half hour``; at least 5 minutes."""
    match = _FREQUENCY.match(text.strip().lower()) if isinstance(text, str) else None
    if match is None or (match.group(3) and match.group(3) not in _UNITS):
        raise ValueError(f"invalid frequency '{text}': write e.g. 'every hour' or '30m'")
    if match.group(1):
        interval = timedelta(minutes=30)
    else:
        interval = timedelta(seconds=int(match.group(2) or 1) * _UNITS[match.group(3)])
    if interval < MIN_FREQUENCY:
        raise ValueError(f"frequency '{text}' is shorter than the minimum of 5 minutes")
    return interval
