"""Bounded previews: what a command or a tool shows of a large value, and how to get the rest.

A proxy body or a page of records can be megabytes; an agent's context window cannot take that.
:func:`bounded` keeps a value whole when its JSON fits ``max_bytes``, else shows the leading items
of a list (or the leading text of anything else) with the total size and a note saying how to get
the rest: a ``select`` (JSON pointer, or a dotted field path), pagination, or a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MIN_MAX_BYTES",
    "PreviewError",
    "bounded",
    "select",
    "size_of",
]

DEFAULT_MAX_BYTES = 20_000
MIN_MAX_BYTES = 256
"""The smallest preview size a command or tool accepts."""


class PreviewError(ValueError):
    """A ``select`` that matches nothing, or a file that cannot be written (one line)."""


def size_of(value: Any) -> int:
    """The size in bytes of ``value`` as compact UTF-8 JSON."""
    return len(_dumps(value).encode("utf-8"))


# json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str), without building an
# encoder per call
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode


def select(value: Any, where: str) -> Any:
    """The part of ``value`` at ``where``: a JSON pointer (``/items/0/name``, RFC 6901) or a
    dotted path (``items.0.name``); PreviewError naming the first step that matches nothing."""
    if where in ("", "/"):
        return value
    if where.startswith("/"):
        parts = [p.replace("~1", "/").replace("~0", "~") for p in where[1:].split("/")]
    else:
        parts = where.split(".")
    current = value
    walked = ""
    for part in parts:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            have = _what_is_there(current)
            raise PreviewError(
                f"select {where!r}: nothing at {part!r} after {walked or 'the top'} ({have})"
            )
        walked += f"/{part}"
    return current


def _what_is_there(value: Any) -> str:
    if isinstance(value, dict):
        keys = list(value)[:20]
        more = ", ..." if len(value) > 20 else ""
        return f"keys: {', '.join(map(str, keys))}{more}" if keys else "an empty object"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    return f"a {type(value).__name__}"


def bounded(
    value: Any,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    select_path: str | None = None,
    save_to: str | None = None,
    more: str = "",
) -> dict[str, Any]:
    """``{"value", "total_bytes"}`` plus, when cut, ``"truncated": true`` and a ``"note"`` on how
    to get the rest (``more`` adds the command's own way, e.g. its cursor); with ``save_to``
    the whole (selected) value is written there as JSON and ``"saved_to"`` names the file."""
    if select_path:
        value = select(value, select_path)
    text = _dumps(value)
    total = len(text.encode("utf-8"))
    result: dict[str, Any] = {"value": value, "total_bytes": total}
    if save_to:
        path = Path(save_to).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", "utf-8")
        except OSError as exc:
            raise PreviewError(f"cannot write {save_to}: {exc.strerror or exc}") from None
        result["saved_to"] = str(path.resolve())
    if total <= max_bytes:
        return result
    result["truncated"] = True
    if isinstance(value, list):
        kept: list[Any] = []
        used = 2
        for item in value:
            size = size_of(item) + 1
            if used + size > max_bytes:
                break
            kept.append(item)
            used += size
        result["value"] = kept
        shown = f"the first {len(kept)} of {len(value)} items ({used:,} of {total:,} bytes)"
    else:
        result["value"] = text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
        shown = f"the first {max_bytes:,} of {total:,} bytes of the JSON, as text"
    ways = [w for w in (more, "select a part (a JSON pointer such as /items/0, or items.0)") if w]
    if not save_to:
        ways.append("save the whole value to a file (save_to / --save FILE)")
    result["note"] = f"cut: showing {shown}; to get the rest, {'; or '.join(ways)}"
    return result
