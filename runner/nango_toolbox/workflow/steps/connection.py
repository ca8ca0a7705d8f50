"""connection: use the end user's one connection, or hand them a connect link and wait."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..connections import await_end_user, describe_connection, end_user_tags
from ..errors import StepFailed
from ..runtime import Args, StepContext

__all__ = ["run"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs connection_id, provider_config_key, provider, end_user, tags, credentials_type,
    scopes and created (whether the end user connected during this run)."""
    from ..._errors import NotFoundError

    integration = args.require_string("integration")
    connection_id = args.string("connection_id")
    if connection_id:
        try:
            detail = ctx.gateway.get_connection(integration, connection_id)
        except NotFoundError:
            raise StepFailed(
                f"connection {connection_id!r} of integration {integration!r} does not exist; "
                "remove connection_id to let the end user connect"
            ) from None
        return {**describe_connection(detail), "created": False}
    end_user = args.mapping("end_user")
    tags = {str(k): str(v) for k, v in (args.mapping("tags") or {}).items()}
    filters: dict[str, Any] = {"integration_id": integration}
    if end_user and end_user.get("id"):
        # Filter on the end_user_id tag rather than endUserId: Nango tags every connection made
        # through a session (tags or the older end_user form) with it, while endUserId only
        # matches connections whose session carried an end_user object.
        tags = {"end_user_id": str(end_user["id"]), **tags}
    if tags:
        filters["tags"] = tags
    found = ctx.gateway.list_connections(**filters)
    if len(found) > 1:
        ids = ", ".join(str(c.get("connection_id")) for c in found)
        raise StepFailed(
            f"{len(found)} connections of integration {integration!r} match ({ids}); set "
            "connection.connection_id to the one to use, or give end_user (or tags) to narrow"
        )
    if found:
        return {**_detail(ctx, found[0]), "created": False}
    session = ctx.gateway.create_connect_session(
        tags={**end_user_tags(end_user), **tags}, allowed_integrations=[integration]
    )

    def appeared() -> Mapping[str, Any] | None:
        latest = ctx.gateway.list_connections(**filters)
        return latest[-1] if latest else None

    new = await_end_user(
        ctx,
        session,
        integration,
        reconnect=False,
        wait=args.duration("wait", 600.0),
        poll_interval=args.duration("poll_interval", 2.0),
        check=appeared,
    )
    return {**_detail(ctx, new), "created": True}


def _detail(ctx: StepContext, summary: Mapping[str, Any]) -> dict[str, Any]:
    detail = ctx.gateway.get_connection(
        str(summary.get("provider_config_key")), str(summary.get("connection_id"))
    )
    return describe_connection(detail)
