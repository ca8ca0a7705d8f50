"""Connect sessions: creating them, and completing one (connect page or headless) into a connection."""

from __future__ import annotations

import secrets
import uuid
from typing import Any, cast

from . import clock
from . import credentials as creds
from .auth import new_session_token
from .context import SandboxContext
from .errors import ApiError, field_error
from .parsing import end_user_tags
from .repo import Connection, Integration
from .state import dumps, loads
from .verification import verify_credentials

SESSION_LIFETIME_SECONDS = 30 * 60


def create_session(ctx: SandboxContext, data: dict[str, Any]) -> dict[str, Any]:
    """Store a session; returns Nango's ``data`` object (token, connect_link, expires_at)."""
    token = new_session_token()
    expires_at = clock.in_seconds(SESSION_LIFETIME_SECONDS)
    ctx.store.execute(
        "INSERT INTO connect_sessions (token, data, expires_at, used, created_at) VALUES (?, ?, ?, 0, ?)",
        (token, dumps(data), expires_at, clock.now_iso()),
    )
    return {
        "token": token,
        "connect_link": f"{ctx.base_url}/connect?session_token={token}",
        "expires_at": expires_at,
    }


def session_state(ctx: SandboxContext, token: str) -> tuple[str, dict[str, Any] | None]:
    """("ok" | "used" | "expired" | "unknown", data)."""
    row = ctx.store.query_one(
        "SELECT data, expires_at, used FROM connect_sessions WHERE token = ?", (token,)
    )
    if row is None:
        return "unknown", None
    if row["used"]:
        return "used", loads(row["data"])
    if clock.parse_iso(row["expires_at"]) < clock.now():
        return "expired", loads(row["data"])
    return "ok", loads(row["data"])


def candidate_integrations(ctx: SandboxContext, session: dict[str, Any]) -> list[Integration]:
    reconnect = session.get("reconnect")
    if reconnect:
        found = ctx.repo.integration(reconnect["integration_id"])
        return [found] if found else []
    allowed = session.get("allowed_integrations")
    integrations = ctx.repo.integrations()
    return [i for i in integrations if not allowed or i.unique_key in allowed]


def _choose(ctx: SandboxContext, session: dict[str, Any], key: str | None) -> Integration:
    candidates = candidate_integrations(ctx, session)
    if key is not None:
        for integration in candidates:
            if integration.unique_key == key:
                return integration
        raise ApiError(
            400, "invalid_body", f"Integration '{key}' is not allowed by this connect session"
        )
    if len(candidates) == 1:
        return candidates[0]
    raise ApiError(
        400,
        "invalid_body",
        "Pass integration_id: this connect session allows "
        + (", ".join(i.unique_key for i in candidates) or "no existing integration"),
    )


def _scopes(
    session: dict[str, Any], integration: Integration, given: dict[str, Any], default: list[str]
) -> list[str]:
    scopes = given.get("scopes")
    if isinstance(scopes, str):
        return [s.strip() for s in scopes.replace(" ", ",").split(",") if s.strip()]
    if isinstance(scopes, list):
        return [str(s) for s in scopes]
    defaults = (session.get("integrations_config_defaults") or {}).get(integration.unique_key) or {}
    user_scopes = defaults.get("user_scopes")
    extra = [s for s in str(user_scopes or "").split(",") if s]
    return (integration.scopes or default) + [s for s in extra if s not in integration.scopes]


def requested_scopes(
    ctx: SandboxContext, session: dict[str, Any], integration: Integration
) -> list[str]:
    """The scopes an OAuth consent for this integration grants (shown on the connect page)."""
    provider = ctx.catalog.get(integration.provider)
    return _scopes(session, integration, {}, provider.default_scopes if provider else [])


def build_credentials(
    ctx: SandboxContext, session: dict[str, Any], integration: Integration, given: dict[str, Any]
) -> tuple[dict[str, Any], list[str] | None]:
    """Credentials for the new connection, and the OAuth scopes requested (None when not OAuth)."""
    provider = ctx.catalog.get(integration.provider)
    mode = provider.auth_mode if provider else "API_KEY"
    if mode == "API_KEY":
        api_key = given.get("apiKey") or given.get("api_key") or "sbx_key_" + secrets.token_hex(12)
        return {"type": "API_KEY", "apiKey": str(api_key)}, None
    if mode == "BASIC":
        return {
            "type": "BASIC",
            "username": str(given.get("username") or "sandbox-user"),
            "password": str(given.get("password") or secrets.token_hex(12)),
        }, None
    if mode in ("OAUTH2", "OAUTH2_CC", "APP", "OAUTH1", "CUSTOM"):
        scopes = _scopes(session, integration, given, provider.default_scopes if provider else [])
        kind = "OAUTH2_CC" if mode == "OAUTH2_CC" else "OAUTH2"
        return creds.issue_oauth2(scopes, kind=kind), scopes
    return {"type": mode}, None


def session_tags(session: dict[str, Any]) -> dict[str, str]:
    """The session's tags over those Nango derives from its end user and organization.

    Lowest to highest: end_user_id/email/display_name, organization_id/display_name, the end
    user's own ``tags`` (keys lower-cased), then the session's ``tags``.
    """
    end_user = session.get("end_user") or {}
    organization = session.get("organization") or {}
    derived = end_user_tags(end_user)
    for field in ("id", "display_name"):
        if isinstance(organization.get(field), str) and organization[field]:
            derived[f"organization_{field}"] = organization[field]
    own = {str(k).lower(): v for k, v in (end_user.get("tags") or {}).items() if isinstance(v, str)}
    session_own = {str(k): str(v) for k, v in (session.get("tags") or {}).items()}
    return derived | own | session_own


def config_fields(ctx: SandboxContext, integration: Integration) -> dict[str, dict[str, Any]]:
    """The provider's ``connection_config`` fields an end user fills in (not hidden/automated)."""
    provider = ctx.catalog.get(integration.provider)
    fields = (provider.config.get("connection_config") if provider else None) or {}
    return {
        str(name): spec
        for name, spec in fields.items()
        if isinstance(spec, dict) and not spec.get("hidden") and not spec.get("automated")
    }


def _connection_config(
    ctx: SandboxContext, integration: Integration, given: dict[str, Any]
) -> dict[str, str]:
    """The end user's connection_config values, with defaults; 400 naming a missing field."""
    values: dict[str, str] = {}
    for name, spec in config_fields(ctx, integration).items():
        value = given.get(name)
        if value in (None, "") and spec.get("default_value") not in (None, ""):
            value = spec["default_value"]
        if value in (None, ""):
            if spec.get("optional"):
                continue
            raise ApiError(
                400,
                "invalid_body",
                f"{spec.get('title') or name} is required for {integration.provider}",
                errors=[field_error(["connection_config", name], "Required", "invalid_type")],
            )
        values[name] = str(value)
    return values


async def complete(
    ctx: SandboxContext,
    token: str,
    *,
    integration_key: str | None = None,
    given: dict[str, Any] | None = None,
    connection_id: str | None = None,
    connection_config: dict[str, Any] | None = None,
) -> Connection:
    """Turn a live session into a connection (or update the reconnected one); the session is used up.

    API_KEY and BASIC credentials go through the provider's verification request first.
    """
    state, session = session_state(ctx, token)
    if state == "unknown" or session is None:
        raise ApiError(
            404,
            "unknown_connect_session",
            "Connect session does not exist; create one with POST /connect/sessions",
        )
    if state == "used":
        raise ApiError(
            400, "connect_session_used", "This connect session was already used; create a new one"
        )
    if state == "expired":
        raise ApiError(
            400, "connect_session_expired", "This connect session expired; create a new one"
        )
    integration = _choose(ctx, session, integration_key)
    credentials, scopes = build_credentials(ctx, session, integration, given or {})
    defaults = (session.get("integrations_config_defaults") or {}).get(integration.unique_key) or {}
    config = dict(defaults.get("connection_config") or {})
    config.update(_connection_config(ctx, integration, config | (connection_config or {})))
    if scopes is not None:
        config["oauth_scopes"] = ",".join(scopes)
    reconnect = session.get("reconnect")
    existing = (
        ctx.repo.connection(integration.unique_key, reconnect["connection_id"])
        if reconnect
        else None
    )
    if reconnect and existing is None:
        raise ApiError(404, "unknown_connection", "The connection to reconnect no longer exists")
    candidate = Connection(
        id=0,
        connection_id=existing.connection_id if existing else connection_id or str(uuid.uuid4()),
        provider_config_key=integration.unique_key,
        provider=integration.provider,
        credentials=credentials,
        connection_config=(existing.connection_config if existing else {}) | config,
        tags=session_tags(session),
        end_user=session_end_user(session),
        webhook_url_override=session.get("webhook_url_override")
        or (existing.webhook_url_override if existing else None),
    )
    await verify_credentials(ctx, candidate)
    used = "UPDATE connect_sessions SET used = 1 WHERE token = ? AND used = 0"
    if ctx.store.execute(used, (token,)) != 1:
        raise ApiError(
            400, "connect_session_used", "This connect session was already used; create a new one"
        )
    if existing is not None:
        ctx.repo.update_connection(
            existing,
            credentials=credentials,
            connection_config=candidate.connection_config,
            webhook_url_override=candidate.webhook_url_override,
        )
        ctx.announce_connection(existing, "override")
        return existing
    created = ctx.repo.upsert_connection(candidate)
    ctx.announce_connection(created, "creation")
    return created


def session_end_user(session: dict[str, Any]) -> dict[str, Any] | None:
    """The session's end user, with the session's ``organization`` when it names one."""
    end_user = session.get("end_user")
    organization = session.get("organization")
    if end_user and organization and not end_user.get("organization"):
        return {**end_user, "organization": organization}
    return cast("dict[str, Any] | None", end_user)


def api_end_user(end_user: dict[str, Any] | None) -> dict[str, Any] | None:
    """An end user as Nango answers it: id, display_name, email, tags, organization {id, display_name}."""
    if not end_user:
        return None
    organization = end_user.get("organization")
    return {
        "id": end_user.get("id"),
        "display_name": end_user.get("display_name") or None,
        "email": end_user.get("email") or None,
        "tags": end_user.get("tags") or {},
        "organization": (
            {
                "id": organization.get("id"),
                "display_name": organization.get("display_name") or None,
            }
            if isinstance(organization, dict) and organization.get("id")
            else None
        ),
    }


def connection_summary(connection: Connection) -> dict[str, Any]:
    """One item of ``GET /connections`` (Nango's list shape)."""
    return {
        "id": connection.id,
        "connection_id": connection.connection_id,
        "provider_config_key": connection.provider_config_key,
        "provider": connection.provider,
        "errors": [],
        "end_user": api_end_user(connection.end_user),
        "tags": connection.tags,
        "metadata": connection.metadata,
        "created": connection.created_at,
    }
