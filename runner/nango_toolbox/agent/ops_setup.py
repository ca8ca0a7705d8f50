"""Decisions that set things up: providers, integrations, connections, connect links, scopes.

Each function takes the session and the MCP tool's arguments and returns an outcome (see
``core``); the runner's shared steps make the decisions (``ensure_integration.ensure``,
``connection.resolve``/``find``, ``check_scopes.check``/``compare``), so a workflow, a command
and a tool decide alike.
"""

from __future__ import annotations

from typing import Any

from ..workflow.connections import connection_summary, describe_connection, end_user_tags
from ..workflow.errors import ConnectLink
from ..workflow.gateway import Gateway
from ..workflow.runtime import ConnectionRef
from ..workflow.steps import check_scopes, connection, ensure_integration
from .core import (
    Toolbox,
    ToolboxError,
    decide,
    missing_connection,
    needs_person,
    ok,
    require_integration,
    unknown_integration,
)
from .preview import DEFAULT_MAX_BYTES, bounded

__all__ = [
    "connect_session_create",
    "connection_ensure",
    "connections_get",
    "connections_list",
    "integration_ensure",
    "integrations_create",
    "integrations_delete",
    "integrations_get",
    "integrations_list",
    "integrations_update",
    "pick_connection",
    "providers_search",
    "scopes_check",
]

_INTEGRATION_FIELDS = ("unique_key", "provider", "display_name", "created_at", "updated_at")
_PROVIDER_FIELDS = ("name", "display_name", "auth_mode", "categories", "docs")


def _integration(item: dict[str, Any]) -> dict[str, Any]:
    return {name: item.get(name) for name in _INTEGRATION_FIELDS}


def _scopes(value: Any) -> list[str]:
    """Scopes from a list or a comma-separated string (spaces around commas dropped)."""
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return [p.strip() for p in parts if p.strip()]


# -- providers and integrations ----------------------------------------------------------------


def providers_search(tb: Toolbox, *, search: str | None = None, limit: int = 50) -> dict[str, Any]:
    """Providers whose name contains ``search`` (Nango's own matching), at most ``limit``."""

    def run() -> dict[str, Any]:
        found = tb.gateway().list_providers(search or None)
        shown = [{name: p.get(name) for name in _PROVIDER_FIELDS} for p in found[:limit]]
        return ok(providers=shown, total=len(found))

    return decide(run)


def integrations_list(tb: Toolbox) -> dict[str, Any]:
    """The integrations of the environment (those this session may use)."""

    def run() -> dict[str, Any]:
        items = tb.allowed(tb.gateway().list_integrations(), lambda i: i.get("unique_key"))
        return ok(integrations=[_integration(i) for i in items])

    return decide(run)


def _with_credentials(
    tb: Toolbox, gateway: Gateway, key: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The integration ``key`` (allowed in this session) and its credentials, in one GET; the
    unknown-integration error when it does not exist."""
    from .._errors import NotFoundError

    tb.allow(key)
    try:
        found = gateway.get_integration_credentials(key)
    except NotFoundError as exc:
        if exc.code is None:  # not Nango's JSON: not an answer about the integration
            raise
        raise unknown_integration(tb, gateway, key) from None
    credentials = found.get("credentials")
    return found, credentials if isinstance(credentials, dict) else {}


def integrations_get(tb: Toolbox, *, integration_id: str) -> dict[str, Any]:
    """One integration, with its auth type and configured scopes (never its client secret)."""

    def run() -> dict[str, Any]:
        found, credentials = _with_credentials(tb, tb.gateway(), integration_id)
        return ok(
            integration={
                **_integration(found),
                "auth_type": credentials.get("type"),
                "scopes": _scopes(credentials.get("scopes")),
            }
        )

    return decide(run)


def _credentials(
    gateway: Gateway,
    provider: str,
    client_id: str | None,
    client_secret: str | None,
    scopes: Any,
) -> dict[str, Any] | None:
    if not (client_id or client_secret or scopes):
        return None
    auth_mode = str(gateway.get_provider(provider).get("auth_mode") or "OAUTH2")
    credentials: dict[str, Any] = {"type": auth_mode}
    if client_id:
        credentials["client_id"] = client_id
    if client_secret:
        credentials["client_secret"] = client_secret
    if _scopes(scopes):
        credentials["scopes"] = ",".join(_scopes(scopes))
    return credentials


def integrations_create(
    tb: Toolbox,
    *,
    provider: str,
    unique_key: str | None = None,
    display_name: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    scopes: Any = None,
) -> dict[str, Any]:
    """POST /integrations as asked (see integration_ensure for the decision rules)."""
    key = tb.allow(unique_key or provider)
    tb.writing(f"creating the integration {key!r}")

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        fields: dict[str, Any] = {"provider": provider, "unique_key": key}
        if display_name:
            fields["display_name"] = display_name
        credentials = _credentials(gateway, provider, client_id, client_secret, scopes)
        if credentials:
            fields["credentials"] = credentials
        return ok(integration=_integration(gateway.create_integration(**fields)), created=True)

    return decide(run)


def integrations_update(
    tb: Toolbox,
    *,
    integration_id: str,
    display_name: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    scopes: Any = None,
) -> dict[str, Any]:
    """PATCH /integrations/{key}: the display name and the OAuth app (id, secret, scopes);
    an omitted client id or secret keeps the configured one."""
    tb.writing(f"updating the integration {integration_id!r}")

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        found, current = _with_credentials(tb, gateway, integration_id)
        fields: dict[str, Any] = {}
        if display_name:
            fields["display_name"] = display_name
        if client_id or client_secret or scopes is not None:
            credentials = _credentials(
                gateway,
                str(found.get("provider")),
                client_id or current.get("client_id"),
                client_secret or current.get("client_secret"),
                scopes if scopes is not None else current.get("scopes"),
            )
            if credentials:
                fields["credentials"] = credentials
        if not fields:
            raise ToolboxError(
                "nothing to update: give display_name, client_id, client_secret or scopes",
                usage=True,
            )
        return ok(integration=_integration(gateway.update_integration(integration_id, **fields)))

    return decide(run)


def integrations_delete(tb: Toolbox, *, integration_id: str) -> dict[str, Any]:
    """DELETE /integrations/{key} (its connections go with it)."""
    tb.writing(f"deleting the integration {integration_id!r}")

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        require_integration(tb, gateway, integration_id)
        gateway.delete_integration(integration_id)
        return ok(deleted=integration_id)

    return decide(run)


def integration_ensure(
    tb: Toolbox,
    *,
    provider: str,
    unique_key: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    scopes: Any = None,
) -> dict[str, Any]:
    """The integration for ``provider``: kept when it exists, created when its auth mode allows
    (API key, Basic, OAuth client credentials, ...: the end user gives their details in the
    connect link); an OAuth provider without a client id and secret needs a person."""
    key = tb.allow(unique_key or provider)

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        if gateway.get_integration(key) is None:
            tb.writing(f"creating the integration {key!r}")
            _check_provider(gateway, provider)
        app = ensure_integration.AppCredentials(client_id, client_secret, _scopes(scopes))
        result = ensure_integration.ensure(gateway, provider=provider, unique_key=key, app=app)
        return ok(integration=result)

    return decide(run)


def _check_provider(gateway: Gateway, provider: str) -> None:
    """ToolboxError naming the closest providers when ``provider`` is not one."""
    from .._errors import NotFoundError

    try:
        gateway.get_provider(provider)
    except NotFoundError as exc:
        if exc.code is None:
            raise
        import difflib

        names = [str(p.get("name")) for p in gateway.list_providers()]
        close = difflib.get_close_matches(provider, names, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ToolboxError(
            f"unknown provider {provider!r}{hint} (search them with providers SEARCH)",
            usage=True,
        ) from None


# -- connections -------------------------------------------------------------------------------


def connections_list(
    tb: Toolbox,
    *,
    integration_id: str | None = None,
    end_user_id: str | None = None,
    limit: int = 100,
    page: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Connections (newest first), without credentials, one page of ``limit`` at a time
    (``page`` counts from 0)."""

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        filters: dict[str, Any] = {"limit": limit}
        if page is not None:
            filters["page"] = page
        if integration_id:
            require_integration(tb, gateway, integration_id)
            filters["integration_id"] = integration_id
        if end_user_id:
            filters["tags"] = {"end_user_id": end_user_id}
        found = tb.allowed(
            gateway.list_connections(**filters), lambda c: c.get("provider_config_key")
        )
        more = f"ask for page={(page or 0) + 1}" if len(found) >= limit else ""
        preview = bounded([connection_summary(c) for c in found], max_bytes=max_bytes, more=more)
        result = ok(connections=preview.pop("value"), count=len(found), **preview)
        if more and "note" not in result:
            result["note"] = f"a full page of {limit}: there may be more; {more}"
        return result

    return decide(run)


def connections_get(tb: Toolbox, *, integration_id: str, connection_id: str) -> dict[str, Any]:
    """One connection: who, what, granted scopes, metadata and errors; never its credentials."""

    def run() -> dict[str, Any]:
        from .._errors import NotFoundError

        gateway = tb.gateway()
        tb.allow(integration_id)
        try:
            detail = gateway.get_connection(integration_id, connection_id)
        except NotFoundError:
            raise missing_connection(tb, gateway, integration_id, connection_id) from None
        return ok(connection={**connection_summary(detail), **describe_connection(detail)})

    return decide(run)


def connect_session_create(
    tb: Toolbox,
    *,
    integration_id: str,
    end_user_id: str,
    end_user_email: str | None = None,
    end_user_display_name: str | None = None,
) -> dict[str, Any]:
    """A connect link for the end user, limited to the integration (a new session each time)."""
    tb.writing("creating a connect session")

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        require_integration(tb, gateway, integration_id)
        end_user = {
            "id": end_user_id,
            "email": end_user_email,
            "display_name": end_user_display_name,
        }
        session = gateway.create_connect_session(
            tags=end_user_tags(end_user), allowed_integrations=[integration_id]
        )
        return needs_person(
            f"send this link to the end user as it is to connect {integration_id} (it expires "
            "in about 30 minutes), then call connection_ensure",
            connect_link=ConnectLink.of_session(session, integration_id).to_dict(),
        )

    return decide(run)


def connection_ensure(
    tb: Toolbox,
    *,
    integration_id: str,
    end_user_id: str | None = None,
    connection_id: str | None = None,
    wait: float = 0,
) -> dict[str, Any]:
    """The end user's connection: the named one, the one that matches, several candidates to
    choose from, or a connect link (waiting up to ``wait`` seconds for the end user)."""
    if not connection_id and not end_user_id:
        raise ToolboxError("give end_user_id (or connection_id)", usage=True)

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        require_integration(tb, gateway, integration_id)
        # a connect session is a write when no connection matches
        read_only_miss = tb.read_only and not connection_id
        if read_only_miss and connection.find(gateway, integration_id, {"id": end_user_id}) is None:
            tb.writing("creating a connect session")
        found = connection.resolve(
            tb.context(gateway, "connection_ensure", wait=wait),
            integration=integration_id,
            connection_id=connection_id,
            end_user={"id": end_user_id} if end_user_id else None,
            wait=wait,
        )
        return ok(connection=found)

    return decide(run)


def pick_connection(
    tb: Toolbox,
    gateway: Gateway,
    integration_id: str,
    connection_id: str | None,
    end_user_id: str | None,
) -> ConnectionRef:
    """The connection a call uses: the named one, else the only one of the integration (or of
    the end user); SeveralConnections when several match (``decide`` makes it a choice)."""
    tb.allow(integration_id)
    if connection_id:
        return ConnectionRef(integration_id, connection_id)
    end_user = {"id": end_user_id} if end_user_id else None
    summary = connection.find(gateway, integration_id, end_user)
    if summary is None:
        if gateway.get_integration(integration_id) is None:
            raise unknown_integration(tb, gateway, integration_id)
        whose = f" for end user {end_user_id!r}" if end_user_id else ""
        raise ToolboxError(
            f"integration {integration_id!r} has no connection{whose}; get one with connect "
            "(connection_ensure) and send the link to the end user"
        )
    provider = summary.get("provider")
    return ConnectionRef(
        integration_id,
        str(summary.get("connection_id")),
        provider if isinstance(provider, str) else None,
    )


# -- scopes ------------------------------------------------------------------------------------


def scopes_check(
    tb: Toolbox,
    *,
    integration_id: str,
    connection_id: str | None = None,
    end_user_id: str | None = None,
    require: Any = None,
    grant: Any = None,
    wait: float = 0,
) -> dict[str, Any]:
    """The connection's granted scopes against ``require`` (reported) and ``grant`` (added to
    the integration, then a reconnect link for the end user when they are missing)."""
    required = [[s] for s in _scopes(require)]
    granting = [[s] for s in _scopes(grant)]
    if granting:
        tb.writing("granting scopes")

    def run() -> dict[str, Any]:
        from .._errors import NotFoundError

        gateway = tb.gateway()
        ref = pick_connection(tb, gateway, integration_id, connection_id, end_user_id)
        try:
            return compare_or_grant(gateway, ref)
        except NotFoundError:
            raise missing_connection(tb, gateway, integration_id, ref.connection_id) from None

    def compare_or_grant(gateway: Gateway, ref: ConnectionRef) -> dict[str, Any]:
        ctx = tb.context(gateway, "scopes_check", wait=wait)
        if granting:
            how = check_scopes.Reconnect(wait=wait, poll_interval=2.0)
            result = check_scopes.check(ctx, ref, required + granting, reconnect=how)
            return ok(connection_id=ref.connection_id, **result)
        _, granted, missing = check_scopes.compare(ctx, ref, required)
        result = ok(
            connection_id=ref.connection_id,
            granted=granted,
            missing=[alts[0] for alts in missing],
            satisfied=not missing,
        )
        if missing:
            names = ",".join(alts[0] for alts in missing)
            result["message"] = (
                f"missing scope(s) {names}; grant them (scopes ... --grant {names}, or "
                "scopes_check with grant) to add them and get a reconnect link for the end user"
            )
        return result

    return decide(run, connection_hint="connection_id")
