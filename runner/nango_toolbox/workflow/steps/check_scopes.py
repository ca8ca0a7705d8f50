"""check_scopes: make sure a connection was granted the scopes a task needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..connections import (
    await_end_user,
    describe_connection,
    end_user_tags,
    granted_scopes,
    newest,
)
from ..errors import StepFailed
from ..runtime import Args, ConnectionRef, StepContext

__all__ = ["Reconnect", "Requirement", "check", "compare", "run"]

Requirement = list[str]  # alternatives: any one of them satisfies the requirement


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs granted, missing (requirements not met, as lists of alternatives), ok, reconnected."""
    connection = ctx.connection(args)
    requirements = _requirements(args)
    if args.string("on_missing", "fail") != "update_and_reconnect":
        return check(ctx, connection, requirements)
    return check(
        ctx,
        connection,
        requirements,
        reconnect=Reconnect(
            wait=args.duration("wait", 600.0),
            poll_interval=args.duration("poll_interval", 2.0),
            allow_recreate=args.boolean("allow_recreate", False),
        ),
    )


@dataclass(frozen=True)
class Reconnect:
    """How to get missing scopes: add them to the integration, then ask the end user to
    reconnect (waiting up to ``wait``), or to connect again after a delete (allow_recreate)."""

    wait: float = 600.0
    poll_interval: float = 2.0
    allow_recreate: bool = False


def check(
    ctx: StepContext,
    connection: ConnectionRef,
    requirements: list[Requirement],
    *,
    reconnect: Reconnect | None = None,
) -> dict[str, Any]:
    """Check the granted scopes against ``requirements``; without ``reconnect`` a shortfall is
    StepFailed, with it the scopes are added and the end user reconnects (WaitingForUser when
    the wait ends)."""
    detail, granted, missing = compare(ctx, connection, requirements)
    if not missing:
        return {"granted": granted, "missing": [], "ok": True, "reconnected": False}
    if reconnect is None:
        raise StepFailed(
            f"connection {connection.connection_id!r} of {connection.provider_config_key!r} "
            f"lacks the scope(s) {_show(missing)} (granted: {', '.join(granted) or 'none'}); "
            "set on_missing: update_and_reconnect to add them and ask the end user to reconnect"
        )
    _add_integration_scopes(ctx, connection.provider_config_key, [alts[0] for alts in missing])
    detail = _reconnect(ctx, reconnect, connection, requirements, detail)
    granted = granted_scopes(detail)
    return {"granted": granted, "missing": [], "ok": True, "reconnected": True}


def compare(
    ctx: StepContext, connection: ConnectionRef, requirements: list[Requirement]
) -> tuple[dict[str, Any], list[str], list[Requirement]]:
    """The connection's detail, its granted scopes and the requirements they do not meet."""
    detail = ctx.gateway.get_connection(connection.provider_config_key, connection.connection_id)
    granted = granted_scopes(detail)
    return detail, granted, _missing(requirements, granted)


def _requirements(args: Args) -> list[Requirement]:
    result: list[Requirement] = []
    for item in args.value("require", []) or []:
        if isinstance(item, str):
            result.append([item])
        elif isinstance(item, dict) and isinstance(item.get("any_of"), list):
            result.append([str(s) for s in item["any_of"]])
        else:
            raise StepFailed(
                f"check_scopes.require: expected scope names or any_of lists, got {item!r}"
            )
    any_of = args.string_list("any_of")
    if any_of:
        result.append(any_of)
    if not result:
        raise StepFailed("check_scopes: give the scopes to check in require or any_of")
    return result


def _missing(requirements: list[Requirement], granted: list[str]) -> list[Requirement]:
    have = set(granted)
    return [alts for alts in requirements if not have.intersection(alts)]


def _show(missing: list[Requirement]) -> str:
    return ", ".join(alts[0] if len(alts) == 1 else "one of " + "/".join(alts) for alts in missing)


def _add_integration_scopes(ctx: StepContext, unique_key: str, scopes: list[str]) -> None:
    integration = ctx.gateway.get_integration_credentials(unique_key)
    credentials = integration.get("credentials") or {}
    if not isinstance(credentials, dict) or not credentials.get("client_id"):
        raise StepFailed(
            f"integration {unique_key!r} has no OAuth app credentials to add scopes to; "
            "add the scopes in the Nango dashboard and reconnect"
        )
    current = [s for s in str(credentials.get("scopes") or "").split(",") if s.strip()]
    wanted = current + [s for s in scopes if s not in current]
    ctx.gateway.update_integration(
        unique_key,
        credentials={
            "type": credentials.get("type") or "OAUTH2",
            "client_id": credentials.get("client_id"),
            "client_secret": credentials.get("client_secret"),
            "scopes": ",".join(s.strip() for s in wanted),
        },
    )


def _reconnect(
    ctx: StepContext,
    how: Reconnect,
    connection: ConnectionRef,
    requirements: list[Requirement],
    detail: dict[str, Any],
) -> dict[str, Any]:
    from ..._errors import APIStatusError

    wait, poll_interval = how.wait, how.poll_interval
    key, connection_id = connection.provider_config_key, connection.connection_id

    def reconnected() -> dict[str, Any] | None:
        fresh = ctx.gateway.get_connection(key, connection_id, fresh=True)
        return fresh if not _missing(requirements, granted_scopes(fresh)) else None

    try:
        session = ctx.gateway.create_reconnect_session(
            connection_id=connection_id, integration_id=key
        )
    except APIStatusError as exc:
        if not how.allow_recreate:
            raise StepFailed(
                f"cannot create a reconnect session for {connection_id!r} ({exc.message}); "
                "set allow_recreate: true to delete the connection and ask the end user to "
                "connect again"
            ) from None
        return _recreate(ctx, connection, detail, wait, poll_interval)
    return await_end_user(
        ctx,
        session,
        key,
        reconnect=True,
        wait=wait,
        poll_interval=poll_interval,
        check=reconnected,
    )


def _recreate(
    ctx: StepContext, connection: ConnectionRef, detail: dict[str, Any], wait: float, poll: float
) -> dict[str, Any]:
    key = connection.provider_config_key
    described = describe_connection(detail)
    tags = {str(k): str(v) for k, v in (described.get("tags") or {}).items()}
    tags = tags or end_user_tags(described.get("end_user"))
    ctx.gateway.delete_connection(key, connection.connection_id)
    session = ctx.gateway.create_connect_session(tags=tags, allowed_integrations=[key])
    filters: dict[str, Any] = {"integration_id": key}
    if tags.get("end_user_id"):
        # The session carries tags only: Nango's endUserId filter would never find its connection.
        filters["tags"] = {"end_user_id": tags["end_user_id"]}

    def appeared() -> dict[str, Any] | None:
        new = newest(ctx.gateway.list_connections(**filters))
        if new is None:
            return None
        return ctx.gateway.get_connection(key, str(new.get("connection_id")), fresh=True)

    return await_end_user(
        ctx, session, key, reconnect=False, wait=wait, poll_interval=poll, check=appeared
    )
