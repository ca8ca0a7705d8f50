"""connection: use the end user's one connection, or hand them a connect link and wait."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..connections import (
    await_end_user,
    connection_summary,
    describe_connection,
    end_user_tags,
    newest,
)
from ..errors import SeveralConnections, StepFailed
from ..gateway import Gateway
from ..runtime import Args, StepContext

__all__ = ["find", "only_match", "resolve", "run"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs connection_id, provider_config_key, provider, end_user, tags, credentials_type,
    scopes and created (whether the end user connected during this run)."""
    return resolve(
        ctx,
        integration=args.require_string("integration"),
        connection_id=args.string("connection_id"),
        end_user=args.mapping("end_user"),
        tags={str(k): str(v) for k, v in (args.mapping("tags") or {}).items()},
        wait=args.duration("wait", 600.0),
        poll_interval=args.duration("poll_interval", 2.0),
    )


def resolve(
    ctx: StepContext,
    *,
    integration: str,
    connection_id: str | None = None,
    end_user: Mapping[str, Any] | None = None,
    tags: Mapping[str, str] | None = None,
    wait: float = 600.0,
    poll_interval: float = 2.0,
) -> dict[str, Any]:
    """The named connection; else the one connection matching the end user (or tags); else a
    connect session for the end user and a wait for the connection (SeveralConnections when more
    than one matches, WaitingForUser when the wait ends or there is none)."""
    from ..._errors import NotFoundError

    if connection_id:
        try:
            detail = ctx.gateway.get_connection(integration, connection_id)
        except NotFoundError:
            raise StepFailed(
                f"connection {connection_id!r} of integration {integration!r} does not exist; "
                "remove connection_id to let the end user connect"
            ) from None
        return {**describe_connection(detail), "created": False}
    filters, tags = _filters(integration, end_user, tags)
    summary = only_match(ctx.gateway, filters)
    if summary is not None:
        return {**_detail(ctx, summary, end_user), "created": False}
    session = ctx.gateway.create_connect_session(
        tags={**end_user_tags(end_user), **tags}, allowed_integrations=[integration]
    )

    def appeared() -> Mapping[str, Any] | None:
        return newest(ctx.gateway.list_connections(**filters))

    new = await_end_user(
        ctx,
        session,
        integration,
        reconnect=False,
        wait=wait,
        poll_interval=poll_interval,
        check=appeared,
    )
    return {**_detail(ctx, new, end_user), "created": True}


def _filters(
    integration: str, end_user: Mapping[str, Any] | None, tags: Mapping[str, str] | None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The GET /connections filters for an end user (and tags), and the tags they use."""
    tags = dict(tags or {})
    filters: dict[str, Any] = {"integration_id": integration}
    if end_user and end_user.get("id"):
        # Filter on the end_user_id tag rather than endUserId: Nango tags every connection made
        # through a session (tags or the older end_user form) with it, while endUserId only
        # matches connections whose session carried an end_user object.
        tags = {"end_user_id": str(end_user["id"]), **tags}
    if tags:
        filters["tags"] = tags
    return filters, tags


def find(
    gateway: Gateway,
    integration: str,
    end_user: Mapping[str, Any] | None = None,
    tags: Mapping[str, str] | None = None,
) -> dict[str, Any] | None:
    """The one connection of ``integration`` matching the end user (or tags), None when there
    is none, SeveralConnections (with the candidates) when more than one matches."""
    return only_match(gateway, _filters(integration, end_user, tags)[0])


def only_match(gateway: Gateway, filters: Mapping[str, Any]) -> dict[str, Any] | None:
    """The one connection GET /connections finds with ``filters`` (see :func:`find`)."""
    found = gateway.list_connections(**filters)
    if len(found) > 1:
        ids = ", ".join(str(c.get("connection_id")) for c in found)
        raise SeveralConnections(
            f"{len(found)} connections of integration {filters['integration_id']!r} match "
            f"({ids}); set connection.connection_id to the one to use, or give end_user (or "
            "tags) to narrow",
            [connection_summary(c) for c in found],
        )
    return found[0] if found else None


def _detail(
    ctx: StepContext, summary: Mapping[str, Any], end_user: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The connection's outputs; ``end_user`` is Nango's end user, else the one the step was
    given (a connection made through a tags-only session, or imported, has none on Nango)."""
    detail = ctx.gateway.get_connection(
        str(summary.get("provider_config_key")), str(summary.get("connection_id"))
    )
    outputs = describe_connection(detail)
    if not outputs.get("end_user") and end_user:
        outputs["end_user"] = dict(end_user)
    return outputs
