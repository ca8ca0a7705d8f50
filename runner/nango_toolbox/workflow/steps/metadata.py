"""metadata: get, set (replace) or update (merge) a connection's metadata."""

from __future__ import annotations

from typing import Any

from ..errors import StepFailed
from ..runtime import Args, StepContext

__all__ = ["run"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs metadata (the connection's metadata, or what was written)."""
    connection = ctx.connection(args)
    operation = args.string("operation", "get") or "get"
    key, connection_id = connection.provider_config_key, connection.connection_id
    if operation == "get":
        detail = ctx.gateway.get_connection(key, connection_id)
        return {"metadata": detail.get("metadata") or {}}
    metadata = args.mapping("metadata")
    if metadata is None:
        raise StepFailed(f"metadata: operation {operation} needs metadata (an object)")
    if operation == "set":
        ctx.gateway.set_metadata(key, connection_id, metadata)
    elif operation == "update":
        ctx.gateway.update_metadata(key, connection_id, metadata)
    else:
        raise StepFailed(f"metadata.operation: unknown operation {operation!r}")
    ctx.gateway.forget("connection", key, connection_id)
    return {"metadata": metadata}
