"""discover: list integrations, the connections of an integration, or deployed actions and syncs."""

from __future__ import annotations

from typing import Any

from ..errors import StepFailed
from ..runtime import Args, StepContext

__all__ = ["run"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs items and count."""
    what = args.require_string("what")
    integration = args.string("integration")
    items: list[Any]
    if what == "integrations":
        items = ctx.gateway.list_integrations()
    elif what == "connections":
        if not integration:
            raise StepFailed("discover: what: connections needs integration")
        filters: dict[str, Any] = {"integration_id": integration}
        end_user_id = args.string("end_user_id")
        if end_user_id:
            # By tag, not Nango's endUserId: that one misses connections made through tags-only
            # sessions, which is how the connection step asks end users to connect.
            filters["tags"] = {"end_user_id": end_user_id}
        items = ctx.gateway.list_connections(**filters)
    elif what in ("actions", "syncs"):
        items = [
            {
                "integration": entry.get("providerConfigKey"),
                "provider": entry.get("provider"),
                "name": script.get("name"),
                "description": script.get("description"),
            }
            for entry in ctx.gateway.scripts_config()
            if not integration or entry.get("providerConfigKey") == integration
            for script in entry.get(what) or []
            if isinstance(script, dict)
        ]
    else:
        raise StepFailed(f"discover.what: unknown value {what!r}")
    return {"items": items, "count": len(items)}
