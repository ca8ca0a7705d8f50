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


def to_plain(value: Any) -> Any:
    """A plain-data copy of ``value``."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if kind is dict:  # decoded JSON, the most of what comes through: its keys are strings
        return {str(k): to_plain(v) for k, v in value.items()}
    if kind is list:
        return [to_plain(v) for v in value]
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
