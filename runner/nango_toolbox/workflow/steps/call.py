"""call: the access strategy in one step: reuse a deployed action when there is one, else proxy."""

from __future__ import annotations

from typing import Any

from ..errors import StepFailed
from ..runtime import Args, StepContext
from . import action, proxy

__all__ = ["run"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs path ('action' or 'proxy'), result (the action's output or the proxy body),
    and status (the provider status on the proxy path, else None)."""
    connection = ctx.connection(args)
    action_args = args.child("action")
    proxy_args = args.child("proxy")
    if action_args is not None:
        name = action_args.require_string("name")
        if action.deployed(ctx, connection.provider_config_key, name):
            result = action.trigger(ctx, connection, action_args)
            return {"path": "action", "action": name, "result": result, "status": None}
        if proxy_args is None:
            names = action.deployed_names(ctx, connection.provider_config_key)
            raise StepFailed(
                f"action {name!r} is not deployed for {connection.provider_config_key!r} "
                f"(deployed: {', '.join(names) or 'none'}) and the call has no proxy alternative"
            )
    assert proxy_args is not None  # the schema requires action or proxy
    outputs = proxy.perform(ctx, connection, proxy_args)
    return {
        "path": "proxy",
        "action": None,
        "result": outputs["body"],
        "status": outputs["status"],
        **({"items": outputs["items"]} if "items" in outputs else {}),
    }
