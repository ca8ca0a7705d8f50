"""Connections (list, get, import, patch, delete) and their metadata (set, update), new and older paths."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import clock
from . import credentials as creds
from .connect_flow import connection_summary
from .context import SandboxContext
from .errors import ApiError, field_error, invalid_body, invalid_query
from .parsing import (
    check_query,
    end_user_object,
    end_user_tags,
    object_with_id,
    optional_object,
    query_bool,
    query_int,
    read_object,
    reject_unknown_keys,
    require_header,
    require_str,
    string_map,
    webhook_url,
)
from .repo import Connection, Integration
from .verification import verify_credentials

_LIST_QUERY = {
    "integrationId",
    "connectionId",
    "search",
    "endUserId",
    "endUserOrganizationId",
    "limit",
    "page",
}
MAX_LIST_LIMIT = 2000
_GET_QUERY = {
    "provider_config_key",
    "force_refresh",
    "refresh_token",
    "refresh_github_app_jwt_token",
}
_IMPORT_KEYS = {
    "provider_config_key",
    "connection_id",
    "credentials",
    "metadata",
    "connection_config",
    "tags",
    "end_user",
    "webhook_url_override",
}
_CREDENTIAL_TYPES = (
    "OAUTH2",
    "OAUTH1",
    "OAUTH2_CC",
    "API_KEY",
    "BASIC",
    "APP",
    "CUSTOM",
    "TBA",
    "JWT",
    "BILL",
    "TWO_STEP",
    "SIGNATURE",
)
_CREDENTIAL_KEYS = {  # the types whose shape is closed: another key is refused
    "API_KEY": {"type", "apiKey"},
    "BASIC": {"type", "username", "password"},
}
_CREDENTIAL_REQUIRED = {
    "OAUTH2": ("access_token",),
    "OAUTH1": ("oauth_token", "oauth_token_secret"),
    "OAUTH2_CC": ("token",),
    "API_KEY": ("apiKey",),
    "BASIC": ("username",),
    "APP": ("app_id", "installation_id"),
    "CUSTOM": ("app_id", "installation_id"),
}
_GITHUB_APP_TYPES = ("APP", "CUSTOM")


@dataclass(frozen=True)
class _ListFilter:
    """The ``GET /connections`` filters applied in Python (search, end user, organization, tags)."""

    search: str
    end_user_id: str | None
    organization_id: str | None
    tags: dict[str, str]

    def matches(self, connection: Connection) -> bool:
        end_user = connection.end_user or {}
        organization = end_user.get("organization") or {}
        searched = (
            connection.connection_id,
            str(end_user.get("email") or ""),
            str(end_user.get("display_name") or ""),
        )
        if self.search and not any(self.search in text.lower() for text in searched):
            return False
        # Like Nango, only the end user object (and its organization) counts: a connection that
        # merely carries the tag end_user_id (a tags-only session, an import with tags) is found
        # with tags[end_user_id].
        if self.end_user_id and self.end_user_id != end_user.get("id"):
            return False
        if self.organization_id and self.organization_id != organization.get("id"):
            return False
        return all(connection.tags.get(k) == v for k, v in self.tags.items())


def connection_detail(
    ctx: SandboxContext, connection: Connection, *, refresh_token: bool
) -> dict[str, Any]:
    """``GET /connections/{id}``: the list shape plus config, timestamps and credentials."""
    data = connection_summary(connection)
    data.pop("created", None)
    data.update(
        {
            "connection_config": connection.connection_config,
            "webhook_url_override": connection.webhook_url_override,
            "created_at": connection.created_at,
            "updated_at": connection.updated_at,
            "last_fetched_at": connection.last_fetched_at,
            "credentials": creds.to_api(
                connection.credentials, include_refresh_token=refresh_token
            ),
        }
    )
    return data


def _provider_config_key(request: Request) -> str:
    key = request.query_params.get("provider_config_key")
    if not key:
        raise invalid_query(field_error(["provider_config_key"], "Required", "invalid_type"))
    return key


def _import_credentials(value: Any) -> dict[str, Any]:
    """The ``credentials`` of an import, validated as Nango does (400 ``invalid_body`` with
    ``errors``); OAUTH2 ones keep what was sent as their ``raw``, with no ``expires_at`` added."""
    if not isinstance(value, dict):
        raise invalid_body(field_error(["credentials"], "Required", "invalid_type"))
    kind = value.get("type")
    if kind not in _CREDENTIAL_TYPES:
        expected = " | ".join(f"'{t}'" for t in _CREDENTIAL_TYPES)
        raise invalid_body(
            field_error(
                ["credentials", "type"],
                f"Invalid discriminator value. Expected {expected}",
                "invalid_union_discriminator",
            )
        )
    for key in _CREDENTIAL_REQUIRED.get(kind, ()):
        if not isinstance(value.get(key), str) or not value[key]:
            raise invalid_body(field_error(["credentials", key], "Required", "invalid_type"))
    allowed = _CREDENTIAL_KEYS.get(kind)
    unknown = sorted(set(value) - allowed) if allowed else []
    if unknown:
        keys = ", ".join(f"'{k}'" for k in unknown)
        raise invalid_body(
            field_error(
                ["credentials"], f"Unrecognized key(s) in object: {keys}", "unrecognized_keys"
            )
        )
    expires_at = value.get("expires_at")
    if expires_at is not None and not _aware_datetime(expires_at):
        raise invalid_body(
            field_error(
                ["credentials", "expires_at"],
                "Invalid datetime: give an ISO 8601 date-time with a time zone, e.g."
                " 2030-01-01T00:00:00Z",
                "invalid_string",
            )
        )
    credentials = dict(value)
    if kind == "OAUTH2" and "raw" not in credentials:
        credentials["raw"] = dict(value)
    return credentials


def _aware_datetime(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return clock.parse_iso(value).tzinfo is not None
    except ValueError:
        return False


def _github_app_installation(
    integration: Integration, given: dict[str, Any], config: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What Nango stores for an imported GitHub App connection: an installation access token
    (simulated here, as OAuth tokens are) and the app and installation ids in its config."""
    app = integration.credentials or {}
    if not app.get("app_id") or not app.get("private_key"):
        raise ApiError(
            500,
            "server_error",
            "GitHub App credentials creation failed: the integration has no app_id and "
            "private_key (create it with credentials of type APP or CUSTOM)",
        )
    token = creds.issue_oauth2([], kind=str(given["type"]))
    ids = {"app_id": str(given["app_id"]), "installation_id": str(given["installation_id"])}
    return token, config | ids


def _legacy_credentials(auth_mode: str, body: dict[str, Any]) -> dict[str, Any]:
    """Credentials of the older import body (``access_token``, ``api_key``, ``username``...)."""

    def text(name: str) -> str | None:
        return require_str(body, name, optional=True)

    if auth_mode == "API_KEY":
        return {"type": "API_KEY", "apiKey": text("api_key")}
    if auth_mode == "BASIC":
        return {"type": "BASIC", "username": text("username"), "password": text("password") or ""}
    if auth_mode == "OAUTH1":
        return {
            "type": "OAUTH1",
            "oauth_token": text("oauth_token"),
            "oauth_token_secret": text("oauth_token_secret"),
        }
    expires_at = text("expires_at")
    expires_in = body.get("expires_in")
    if expires_at is None and isinstance(expires_in, int) and not body.get("no_expiration"):
        expires_at = clock.in_seconds(expires_in)
    credentials: dict[str, Any] = {
        "type": "OAUTH2",
        "access_token": text("access_token"),
        "expires_at": expires_at,
    }
    if text("refresh_token"):
        credentials["refresh_token"] = text("refresh_token")
    return credentials


def _metadata_targets(
    ctx: SandboxContext, body: dict[str, Any]
) -> tuple[str, list[Connection], dict[str, Any]]:
    key = require_str(body, "provider_config_key")
    assert key is not None
    ids = body.get("connection_id")
    if isinstance(ids, str) and ids:
        id_list = [ids]
    elif isinstance(ids, list) and ids and all(isinstance(i, str) and i for i in ids):
        id_list = list(ids)
    else:
        raise invalid_body(
            field_error(
                ["connection_id"],
                "Expected a connection id or a non-empty list of them",
                "invalid_type",
            )
        )
    metadata = body.get("metadata")
    if not isinstance(metadata, dict):
        raise invalid_body(field_error(["metadata"], "Expected object", "invalid_type"))
    connections = []
    for connection_id in id_list:
        connection = ctx.repo.connection(key, connection_id)
        if connection is None:
            message = (
                f"Connection with connection id {connection_id} and provider config key {key}"
                " not found. Please make sure the connection exists in the Nango dashboard"
            )
            if len(id_list) > 1:
                message += (
                    ". No actions were taken on any of the connections as a result of this failure."
                )
            raise ApiError(404, "unknown_connection", message)
        connections.append(connection)
    return key, connections, metadata


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def list_connections(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, _LIST_QUERY, prefixes=("tags[",))
        q = request.query_params
        limit = query_int(request, "limit", minimum=1, maximum=MAX_LIST_LIMIT)
        page = query_int(request, "page", minimum=0) or 0
        where, params = ["1=1"], []
        if q.get("integrationId"):
            where.append("provider_config_key = ?")
            params.append(q["integrationId"])
        if q.get("connectionId"):
            where.append("connection_id = ?")
            params.append(q["connectionId"])
        # Newest first, as Nango lists them.
        connections = ctx.repo.connections(" AND ".join(where), tuple(params))[::-1]
        wanted = _ListFilter(
            search=(q.get("search") or "").lower(),
            end_user_id=q.get("endUserId"),
            organization_id=q.get("endUserOrganizationId"),
            tags={k[5:-1]: v for k, v in q.items() if k.startswith("tags[") and k.endswith("]")},
        )
        selected = [c for c in connections if wanted.matches(c)]
        if limit is not None:
            selected = selected[page * limit : (page + 1) * limit]
        return JSONResponse({"connections": [connection_summary(c) for c in selected]})

    async def get_connection(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, _GET_QUERY)
        key = _provider_config_key(request)
        force = query_bool(request, "force_refresh")
        refresh_token = query_bool(request, "refresh_token")
        if ctx.repo.integration(key) is None:
            raise ApiError(400, "unknown_provider_config", "Provider does not exists")
        connection = ctx.get_connection(
            key, request.path_params["connection_id"], force_refresh=force
        )
        if connection is None:
            raise ApiError(404, "not_found", "Failed to find connection")
        ctx.repo.update_connection(connection, last_fetched_at=clock.now_iso())
        return JSONResponse(connection_detail(ctx, connection, refresh_token=refresh_token))

    def save_imported(candidate: Connection) -> Connection:
        """Insert or replace an imported connection; its auth webhook says which (Nango sends
        ``creation`` or ``override``, without the end user)."""
        known = ctx.repo.connection(candidate.provider_config_key, candidate.connection_id)
        connection = ctx.repo.upsert_connection(candidate)
        ctx.announce_connection(
            connection, "creation" if known is None else "override", with_end_user=False
        )
        return connection

    async def import_connection(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(body, _IMPORT_KEYS)
        key = require_str(body, "provider_config_key")
        assert key is not None
        connection_id = require_str(body, "connection_id", optional=True) or str(uuid.uuid4())
        credentials = _import_credentials(body.get("credentials"))
        metadata = optional_object(body, "metadata") or {}
        config = optional_object(body, "connection_config") or {}
        end_user = end_user_object(body)
        tags = end_user_tags(end_user) | (string_map(body, "tags") or {})
        override = body.get("webhook_url_override")
        if override is not None:
            override = webhook_url(override, ["webhook_url_override"]) or None
        integration = ctx.repo.integration(key)
        if integration is None:
            raise ApiError(404, "not_found", "Integration does not exist")
        provider = ctx.catalog.get(integration.provider)
        if provider is not None and provider.auth_mode != credentials["type"]:
            raise ApiError(
                400,
                "invalid_body",
                f"Provider {provider.auth_mode} does not support {credentials['type']} auth",
            )
        if credentials["type"] in _GITHUB_APP_TYPES:
            credentials, config = _github_app_installation(integration, credentials, config)
        candidate = Connection(
            id=0,
            connection_id=connection_id,
            provider_config_key=key,
            provider=integration.provider,
            credentials=credentials,
            connection_config=config,
            metadata=metadata,
            tags=tags,
            end_user=end_user,
            webhook_url_override=override,
        )
        await verify_credentials(ctx, candidate)
        connection = save_imported(candidate)
        return JSONResponse(connection_detail(ctx, connection, refresh_token=True), status_code=201)

    async def import_connection_legacy(request: Request) -> Response:
        """``POST /connection``: the older import, credentials as top-level fields per auth mode."""
        ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        key = require_str(body, "provider_config_key")
        assert key is not None
        integration = ctx.require_integration(key)
        provider = ctx.catalog.get(integration.provider)
        credentials = _legacy_credentials(provider.auth_mode if provider else "API_KEY", body)
        candidate = Connection(
            id=0,
            connection_id=require_str(body, "connection_id", optional=True) or str(uuid.uuid4()),
            provider_config_key=key,
            provider=integration.provider,
            credentials=_import_credentials(credentials),
            connection_config=optional_object(body, "connection_config") or {},
            metadata=optional_object(body, "metadata") or {},
        )
        await verify_credentials(ctx, candidate)
        connection = save_imported(candidate)
        return JSONResponse(connection_detail(ctx, connection, refresh_token=True), status_code=201)

    async def patch_connection(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, {"provider_config_key"})
        key = _provider_config_key(request)
        body = await read_object(request)
        reject_unknown_keys(body, {"end_user", "tags", "webhook_url_override"})
        if ctx.repo.integration(key) is None:
            raise ApiError(400, "unknown_provider_config", "Provider does not exists")
        connection = ctx.repo.connection(key, request.path_params["connection_id"])
        if connection is None:
            raise ApiError(404, "not_found", "Failed to find connection")
        fields: dict[str, Any] = {}
        end_user = object_with_id(body, "end_user")
        tags = string_map(body, "tags")
        if end_user is not None:
            fields["end_user"] = end_user
            fields["tags"] = (tags if tags is not None else connection.tags) | end_user_tags(
                end_user
            )
        elif tags is not None:
            fields["tags"] = tags
        override = body.get("webhook_url_override")
        if override is not None:  # an empty string clears it, as on Nango
            fields["webhook_url_override"] = webhook_url(override, ["webhook_url_override"]) or None
        if fields:
            ctx.repo.update_connection(connection, **fields)
        return JSONResponse({"success": True})

    async def delete_connection(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, {"provider_config_key"})
        key = _provider_config_key(request)
        if not ctx.repo.delete_connection(key, request.path_params["connection_id"]):
            raise ApiError(400, "unknown_connection")  # Nango sends no message here
        return JSONResponse({"success": True})

    async def set_metadata(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        _key, connections, metadata = _metadata_targets(ctx, body)
        for connection in connections:
            ctx.repo.update_connection(connection, metadata=metadata)
        return JSONResponse(body, status_code=201)

    async def update_metadata(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        _key, connections, metadata = _metadata_targets(ctx, body)
        for connection in connections:
            ctx.repo.merge_metadata(connection, metadata)
        return JSONResponse(body)

    async def connection_metadata(request: Request) -> Response:
        """Per-connection form: the body is the metadata, the integration is a header."""
        ctx.auth.require(request)
        check_query(request, set())
        key = require_header(request, "Provider-Config-Key")
        metadata = await read_object(request)
        connection = ctx.repo.connection(key, request.path_params["connection_id"])
        if connection is None:
            raise ApiError(404, "unknown_connection", "Connection does not exist")
        if request.method == "POST":
            ctx.repo.update_connection(connection, metadata=metadata)
            return JSONResponse(metadata, status_code=201)
        ctx.repo.merge_metadata(connection, metadata)
        return JSONResponse(metadata)

    return [
        Route("/connections", list_connections, methods=["GET"]),
        Route("/connections", import_connection, methods=["POST"]),
        Route("/connections/metadata", set_metadata, methods=["POST"]),
        Route("/connections/metadata", update_metadata, methods=["PATCH"]),
        Route("/connections/{connection_id}", get_connection, methods=["GET"]),
        Route("/connections/{connection_id}", patch_connection, methods=["PATCH"]),
        Route("/connections/{connection_id}", delete_connection, methods=["DELETE"]),
        Route("/connection", list_connections, methods=["GET"]),
        Route("/connection", import_connection_legacy, methods=["POST"]),
        Route("/connection/metadata", set_metadata, methods=["POST"]),
        Route("/connection/metadata", update_metadata, methods=["PATCH"]),
        Route(
            "/connection/{connection_id}/metadata", connection_metadata, methods=["POST", "PATCH"]
        ),
        Route("/connection/{connection_id}", get_connection, methods=["GET"]),
        Route("/connection/{connection_id}", delete_connection, methods=["DELETE"]),
    ]
