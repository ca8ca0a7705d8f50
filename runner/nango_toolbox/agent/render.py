"""Readable text of an outcome for a terminal: a table for its list, ``key: value`` for the rest."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["render"]

_LISTS = ("candidates", "integrations", "connections", "providers", "scripts", "checks", "records")
_CELL = 48


def _cell(value: Any, cut: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        text = ",".join(str(v) for v in value)
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if not cut or len(text) <= _CELL else text[: _CELL - 3] + "..."


def _table(rows: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows[:50]:
        columns.extend(key for key in row if key not in columns)
    last = len(columns) - 1  # the last column is never cut: nothing follows it
    cells = [[_cell(row.get(c), i != last) for i, c in enumerate(columns)] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    for row_cells in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row_cells, widths, strict=True)).rstrip())
    return lines


def render(result: dict[str, Any]) -> str:
    """The outcome as text: the message and link first, then its list as a table, then the rest."""
    lines: list[str] = []
    if result.get("message"):
        lines.append(str(result["message"]))
    link = result.get("connect_link")
    if isinstance(link, dict) and link.get("url"):
        lines.append(f"  connect link: {link['url']}")
        if link.get("expires_at"):
            lines.append(f"  expires at:   {link['expires_at']}")
    shown = {"message", "connect_link", "outcome"}
    if not result.get("truncated"):
        shown.add("total_bytes")  # a size matters on a terminal only when the value was cut
    for name in _LISTS:
        rows = result.get(name)
        if isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows):
            if lines:
                lines.append("")
            lines.extend(_table(rows))
            shown.add(name)
            break
    rest = {k: v for k, v in result.items() if k not in shown}
    if rest:
        if lines:
            lines.append("")
        for key, value in rest.items():
            if isinstance(value, dict | list):
                text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
                lines.append(f"{key}:")
                lines.extend(f"  {line}" for line in text.splitlines())
            else:
                lines.append(f"{key}: {value}")
    return "\n".join(lines)
