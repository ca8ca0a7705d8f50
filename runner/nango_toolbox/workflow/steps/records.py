"""records: read the records a sync stored, one page or all of them, optionally into a file.

Memory holds one page at a time. With ``save_to`` the records stream to the file as JSON lines
(one record per line, written under a temporary name and renamed when complete) and the outputs
hold the count and the path, not the records. Without ``save_to`` at most ``MAX_KEPT_RECORDS``
are kept in the outputs: a read that would keep more fails and says to use ``save_to`` or
``max_records``, so that nothing is dropped silently and ``--output json`` stays readable.
A server that answers the same ``next_cursor`` twice would page forever: the step fails instead,
as the SDK's ``iter_records`` does (the same check).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..._client_base import check_cursor
from ..errors import StepFailed
from ..runtime import Args, StepContext

__all__ = ["MAX_KEPT_RECORDS", "run"]

MAX_KEPT_RECORDS = 10_000
"""The most records a records step without save_to keeps in its outputs."""


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs records (without save_to), count, next_cursor and file (with save_to)."""
    connection = ctx.connection(args)
    model = args.require_string("model")
    query: dict[str, Any] = {
        "provider_config_key": connection.provider_config_key,
        "connection_id": connection.connection_id,
        "model": model,
    }
    for name in ("variant", "filter", "modified_after"):
        value = args.string(name)
        if value:
            query[name] = value
    if args.has("limit"):
        query["limit"] = args.integer("limit", 100)
    start = args.string("cursor") or None
    all_pages = args.boolean("all_pages", False)
    max_records = args.integer("max_records", 0) or None
    save_to = args.string("save_to")
    if save_to:
        ctx.plan_local(f"write the {model} records to {save_to} (JSON lines)")
    records = _Records(ctx, query, start, all_pages=all_pages, max_records=max_records)
    if save_to:
        count = _save(records, save_to)
        return {"count": count, "next_cursor": records.next_cursor, "file": save_to}
    kept: list[Any] = []
    for record in records:
        if len(kept) == MAX_KEPT_RECORDS:
            raise StepFailed(
                f"records: more than {MAX_KEPT_RECORDS:,} {model} records; set save_to to "
                f"stream them to a file (JSON lines), or max_records (at most "
                f"{MAX_KEPT_RECORDS:,}) to keep only the first ones"
            )
        kept.append(record)
    return {"records": kept, "count": len(kept), "next_cursor": records.next_cursor}


class _Records:
    """The records of one read, page after page (one page in memory); ``next_cursor`` is where
    the read stopped once the iteration is over."""

    def __init__(
        self,
        ctx: StepContext,
        query: dict[str, Any],
        start: str | None,
        *,
        all_pages: bool,
        max_records: int | None,
    ) -> None:
        self._ctx = ctx
        self._query = query
        self._start = start
        self._all_pages = all_pages
        self._max = max_records
        self.next_cursor: str | None = None

    def __iter__(self) -> Iterator[Any]:
        cursor = self._start
        seen = 0
        while True:
            query = {**self._query, "cursor": cursor} if cursor else self._query
            page = self._ctx.gateway.list_records(**query)
            following = page.get("next_cursor")
            last: Any = None
            for record in page.get("records") or []:
                if self._max is not None and seen == self._max:
                    self.next_cursor = _cursor_after(last, following)
                    return
                seen += 1
                last = record
                yield record
            self.next_cursor = following
            if self._max is not None and seen == self._max:
                return
            if not self._all_pages or not following:
                return
            cursor = check_cursor(cursor, following)  # as iter_records: never the same page again


def _cursor_after(record: Any, page_cursor: str | None) -> str | None:
    """Where a later read resumes after ``record`` (the last one kept, when max_records cut a
    page): its own ``_nango_metadata.cursor``, else the page's next_cursor."""
    metadata = record.get("_nango_metadata") if isinstance(record, dict) else None
    cursor = metadata.get("cursor") if isinstance(metadata, dict) else None
    return cursor if isinstance(cursor, str) and cursor else page_cursor


def _save(records: _Records, save_to: str) -> int:
    """Write the records as JSON lines to ``save_to`` (complete or not at all); their count."""
    path = Path(save_to)
    partial = path.with_name(f".{path.name}.partial")
    count = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8") as out:
            count = _write_lines(records, out)
        os.replace(partial, path)
    except OSError as exc:
        raise StepFailed(f"records.save_to: cannot write {save_to}: {exc.strerror}") from None
    finally:
        if partial.exists():
            partial.unlink()
    return count


def _write_lines(records: _Records, out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
