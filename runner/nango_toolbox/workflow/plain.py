"""Turn SDK results (generated attrs models, dataclasses, headers) into plain JSON-like data.

This is the one place the runner converts what the SDK returns; everything after it (expressions,
outputs, JSON output) sees only dicts, lists, strings, numbers, booleans and None.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from typing import Any

__all__ = ["to_plain"]


_SCALARS = frozenset({str, int, bool, float, type(None)})


def to_plain(value: Any) -> Any:
    """A plain-data copy of ``value``."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    # decoded JSON, the most of what comes through: string keys, mostly scalar values (kept
    # without a call each)
    if kind is dict:
        return {
            (k if type(k) is str else str(k)): (v if type(v) in _SCALARS else to_plain(v))
            for k, v in value.items()
        }
    if kind is list:
        return [v if type(v) in _SCALARS else to_plain(v) for v in value]
    if isinstance(value, bool | int | float | str):
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_plain(to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_plain(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if hasattr(value, "multi_items"):  # httpx.Headers
        return {str(k).lower(): str(v) for k, v in value.items()}
    return str(value)
