"""sync: trigger, start or pause syncs, or read their status; optionally wait until they finish."""

from __future__ import annotations

import time
from typing import Any

from ..errors import StepFailed
from ..runtime import Args, StepContext

__all__ = ["run"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs syncs: the status of each sync (name, status, record counts, ...)."""
    connection = ctx.connection(args)
    operation = args.require_string("operation")
    names = args.string_list("syncs")
    selector = {
        "provider_config_key": connection.provider_config_key,
        "syncs": names,
        "connection_id": connection.connection_id,
    }
    if operation == "trigger":
        extra = {"full_resync": True} if args.boolean("full_resync", False) else {}
        ctx.gateway.sync_command("trigger", **selector, **extra)
    elif operation in ("start", "pause"):
        ctx.gateway.sync_command(operation, **selector)
    elif operation != "status":
        raise StepFailed(f"sync.operation: unknown operation {operation!r}")
    wait = args.duration("wait", 0.0) if operation == "trigger" else 0.0
    statuses = ctx.gateway.sync_status(**selector)
    started = time.monotonic()
    while wait and any(s.get("status") == "RUNNING" for s in statuses):
        if time.monotonic() - started >= wait:
            raise StepFailed(f"the syncs {', '.join(names)} are still running after {wait:g}s")
        ctx.sleep(args.duration("poll_interval", 2.0))
        statuses = ctx.gateway.sync_status(**selector)
    return {"syncs": statuses}
