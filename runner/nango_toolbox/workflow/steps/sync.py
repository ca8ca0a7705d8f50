"""sync: trigger, start or pause syncs, or read their status; optionally wait until the runs a
trigger started are over (the SDK's ``trigger_sync_and_wait``), failing when one ends in ERROR."""

from __future__ import annotations

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
    wait = args.duration("wait", 0.0) if operation == "trigger" else 0.0
    if operation == "trigger":
        extra = {"full_resync": True} if args.boolean("full_resync", False) else {}
        if wait:
            return _trigger_and_wait(ctx, args, selector, extra, wait)
        ctx.gateway.sync_command("trigger", **selector, **extra)
    elif operation in ("start", "pause"):
        ctx.gateway.sync_command(operation, **selector)
    elif operation != "status":
        raise StepFailed(f"sync.operation: unknown operation {operation!r}")
    return {"syncs": ctx.gateway.sync_status(**selector)}


def _trigger_and_wait(
    ctx: StepContext,
    args: Args,
    selector: dict[str, Any],
    extra: dict[str, Any],
    wait: float,
) -> dict[str, Any]:
    poll_interval = args.duration("poll_interval", 2.0)
    if ctx.options.max_poll_interval is not None:
        poll_interval = min(poll_interval, ctx.options.max_poll_interval)
    statuses = ctx.gateway.trigger_sync_and_wait(
        **selector, **extra, timeout=ctx.bounded(wait), poll_interval=max(poll_interval, 0.001)
    )
    outputs = {"syncs": statuses}
    failed = [s for s in statuses if s.get("status") == "ERROR"]
    if failed:
        which = ", ".join(
            f"{s.get('name')!r} of connection {s.get('connection_id')!r}" for s in failed
        )
        raise StepFailed(
            f"the sync {which} ended in ERROR (see its logs in the Nango dashboard); set "
            "continue_on_error: true to go on anyway (the outputs keep the statuses)",
            outputs,
        )
    return outputs
