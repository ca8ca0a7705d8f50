"""records: read the records a sync stored, one page or all of them, optionally into a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import StepFailed
from ..runtime import Args, StepContext

__all__ = ["run"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs records, count, next_cursor and file (when save_to is given)."""
    connection = ctx.connection(args)
    query: dict[str, Any] = {
        "provider_config_key": connection.provider_config_key,
        "connection_id": connection.connection_id,
        "model": args.require_string("model"),
    }
    for name in ("variant", "filter", "modified_after", "cursor"):
        value = args.string(name)
        if value:
            query[name] = value
    if args.has("limit"):
        query["limit"] = args.integer("limit", 100)
    all_pages = args.boolean("all_pages", False)
    max_records = args.integer("max_records", 0) or None
    records: list[Any] = []
    while True:
        page = ctx.gateway.list_records(**query)
        records.extend(page.get("records") or [])
        cursor = page.get("next_cursor")
        if max_records is not None and len(records) >= max_records:
            del records[max_records:]
            break
        if not all_pages or not cursor:
            break
        query["cursor"] = cursor
    outputs: dict[str, Any] = {"records": records, "count": len(records), "next_cursor": cursor}
    save_to = args.string("save_to")
    if save_to:
        ctx.plan_local(f"write {len(records)} records to {save_to}")
        path = Path(save_to)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(records, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise StepFailed(f"records.save_to: cannot write {save_to}: {exc.strerror}") from None
        outputs["file"] = str(path)
    return outputs
