"""action: trigger a deployed action, after checking that it is deployed for the integration."""

from __future__ import annotations

from typing import Any

from ..errors import StepFailed
from ..runtime import Args, ConnectionRef, StepContext

__all__ = ["deployed", "deployed_names", "run", "trigger"]


def deployed_names(ctx: StepContext, integration: str, kind: str = "actions") -> list[str]:
    """Names of the actions (or syncs) deployed for an integration (GET /scripts/config, cached)."""
    names: list[str] = []
    for entry in ctx.gateway.scripts_config():
        if entry.get("providerConfigKey") == integration:
            names.extend(
                str(script.get("name"))
                for script in entry.get(kind) or []
                if isinstance(script, dict) and script.get("enabled", True) is not False
            )
    return names


def deployed(ctx: StepContext, integration: str, name: str) -> bool:
    """Whether the action is deployed (and enabled) for the integration."""
    return name in deployed_names(ctx, integration)


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs result."""
    connection = ctx.connection(args)
    name = args.require_string("name")
    if not deployed(ctx, connection.provider_config_key, name):
        names = deployed_names(ctx, connection.provider_config_key)
        raise StepFailed(
            f"action {name!r} is not deployed for integration {connection.provider_config_key!r} "
            f"(deployed actions: {', '.join(names) or 'none'}); deploy it with the Nango CLI, "
            "or use a call step with a proxy alternative"
        )
    return {"result": trigger(ctx, connection, args)}


def trigger(ctx: StepContext, connection: ConnectionRef, args: Args) -> Any:
    """Trigger the action described by ``args`` (name, input, async, wait)."""
    name = args.require_string("name")
    payload = args.value("input")
    if args.boolean("async", False):
        return ctx.gateway.trigger_action_and_wait(
            connection.provider_config_key,
            connection.connection_id,
            name,
            payload,
            timeout=ctx.bounded(args.duration("wait", 300.0)),
        )
    return ctx.gateway.trigger_action(
        connection.provider_config_key, connection.connection_id, name, payload
    )
