"""Integrations: GET/POST /integrations, GET/PATCH/DELETE /integrations/{uniqueKey}."""

from __future__ import annotations

import re
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import clock
from .context import SandboxContext
from .errors import ApiError, field_error, invalid_body, invalid_query
from .integration_config import resolve_integration_config
from .parsing import check_query, read_object, reject_unknown_keys, require_str, string_map
from .providers import Provider, logo_url
from .repo import Integration

_KEY = re.compile(r"^[a-zA-Z0-9~:.@ _-]+$")
_INCLUDES = {"credentials", "webhook"}
_CREATE_KEYS = {
    "unique_key",
    "provider",
    "display_name",
    "credentials",
    "forward_webhooks",
    "integration_config",
}
_PATCH_KEYS = {
    "unique_key",
    "display_name",
    "credentials",
    "forward_webhooks",
    "integration_config",
}


def _check_integration_config(provider: Any, body: dict[str, Any], *, patch: bool) -> None:
    """Nango's checks of ``integration_config`` against the provider's schema (the values are
    not kept: nothing in the sandbox uses them)."""
    submitted = string_map(body, "integration_config")
    if submitted:
        resolve_integration_config(
            provider.config.get("integration_config"), submitted, patch=patch
        )


def _to_api(ctx: SandboxContext, integration: Integration, include: set[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unique_key": integration.unique_key,
        "display_name": integration.display_name or _provider_name(ctx, integration.provider),
        "provider": integration.provider,
        "logo": logo_url(integration.provider),
        "forward_webhooks": integration.forward_webhooks,
        "created_at": integration.created_at,
        "updated_at": integration.updated_at,
    }
    if "webhook" in include:
        # Nango: <base>/webhook/<environment>/<provider>, or null when the provider routes no webhooks.
        provider = ctx.catalog.get(integration.provider)
        routes_webhooks = provider is not None and provider.config.get("webhook_routing_script")
        data["webhook_url"] = (
            f"{ctx.base_url}/webhook/sandbox/{integration.provider}" if routes_webhooks else None
        )
    if "credentials" in include:
        creds = integration.credentials
        data["credentials"] = (
            {
                "type": creds.get("type"),
                "client_id": creds.get("client_id"),
                "client_secret": creds.get("client_secret"),
                "scopes": creds.get("scopes") or None,
                "webhook_secret": creds.get("webhook_secret"),
            }
            if creds
            else None
        )
    return data


def _provider_name(ctx: SandboxContext, name: str) -> str:
    provider = ctx.catalog.get(name)
    return provider.display_name if provider else name


def _check_key(value: Any, path: str = "unique_key") -> str:
    if not isinstance(value, str) or not value or not _KEY.match(value) or len(value) > 255:
        raise invalid_body(
            field_error(
                [path], "Invalid unique key: letters, digits, ~:.@ _- only", "invalid_string"
            )
        )
    return value


def _credentials(provider: Provider, value: Any, *, required: bool) -> dict[str, Any] | None:
    """Validated integration credentials (OAuth client id/secret/scopes, APP, CUSTOM)."""
    if value is None:
        if required and provider.auth_mode in ("OAUTH1", "OAUTH2", "APP", "CUSTOM"):
            raise ApiError(400, "invalid_body", "Missing credentials")
        return None
    if not isinstance(value, dict):
        raise invalid_body(field_error(["credentials"], "Expected object", "invalid_type"))
    kind = value.get("type")
    if kind not in ("OAUTH1", "OAUTH2", "TBA", "APP", "CUSTOM"):
        raise invalid_body(
            field_error(
                ["credentials", "type"],
                "Expected 'OAUTH1' | 'OAUTH2' | 'TBA' | 'APP' | 'CUSTOM'",
                "invalid_union_discriminator",
            )
        )
    if kind != provider.auth_mode:
        # Nango's words, for OAuth credentials on an API-key provider as for any other mismatch.
        raise ApiError(400, "invalid_body", "incompatible credentials auth type and provider auth")
    creds = {"type": kind}
    for key in (
        "client_id",
        "client_secret",
        "app_id",
        "app_link",
        "private_key",
        "webhook_secret",
    ):
        if key in value:
            if not isinstance(value[key], str):
                raise invalid_body(
                    field_error(["credentials", key], "Expected string", "invalid_type")
                )
            creds[key] = value[key]
    if kind in ("OAUTH1", "OAUTH2"):
        for key in ("client_id", "client_secret"):
            if not creds.get(key):
                raise invalid_body(field_error(["credentials", key], "Required", "invalid_type"))
    scopes = value.get("scopes")
    if scopes is not None:
        if not isinstance(scopes, str):
            raise invalid_body(
                field_error(
                    ["credentials", "scopes"], "Expected string (comma-separated)", "invalid_type"
                )
            )
        creds["scopes"] = ",".join(s.strip() for s in scopes.split(",") if s.strip())
    return creds


def _includes(request: Request) -> set[str]:
    values = request.query_params.getlist("include")
    bad = [v for v in values if v not in _INCLUDES]
    if bad:
        raise invalid_query(
            field_error(
                ["include"],
                f"Invalid enum value '{bad[0]}', expected 'webhook' | 'credentials'",
                "invalid_enum_value",
            )
        )
    return set(values)


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def list_integrations(request: Request) -> Response:
        caller = ctx.auth.require(request, session_token=True)
        check_query(request, set())
        integrations = ctx.repo.integrations()
        if caller.session is not None:
            allowed = caller.session.get("allowed_integrations")
            if allowed:
                integrations = [i for i in integrations if i.unique_key in allowed]
        return JSONResponse({"data": [_to_api(ctx, i, set()) for i in integrations]})

    async def create_integration(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(body, _CREATE_KEYS)
        key = _check_key(body.get("unique_key"))
        provider_name = require_str(body, "provider")
        assert provider_name is not None
        display_name = require_str(body, "display_name", optional=True)
        forward = body.get("forward_webhooks", True)
        if not isinstance(forward, bool):
            raise invalid_body(
                field_error(["forward_webhooks"], "Expected boolean", "invalid_type")
            )
        provider = ctx.catalog.get(provider_name)
        if provider is None:
            # Nango validates the name with the body: 400, not 404.
            raise invalid_body(field_error(["provider"], "Invalid provider", "invalid_string"))
        creds = _credentials(provider, body.get("credentials"), required=True)
        _check_integration_config(provider, body, patch=False)
        stamp = clock.now_iso()
        integration = Integration(key, provider.name, display_name, creds, forward, stamp, stamp)
        if not ctx.repo.create_integration(integration):
            raise invalid_body(
                field_error(["uniqueKey"], "Unique key already exists", "invalid_string")
            )
        return JSONResponse({"data": _to_api(ctx, integration, set())})

    async def create_quickstart(request: Request) -> Response:
        """An OAuth integration on a (simulated) Nango developer app: no client credentials sent."""
        ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(body, _CREATE_KEYS - {"credentials", "integration_config"})
        key = _check_key(body.get("unique_key"))
        provider_name = require_str(body, "provider")
        assert provider_name is not None
        provider = ctx.catalog.get(provider_name)
        if provider is None:
            # Nango validates the name with the body: 400, not 404.
            raise invalid_body(field_error(["provider"], "Invalid provider", "invalid_string"))
        if provider.auth_mode not in ("OAUTH2", "OAUTH1"):
            raise invalid_body(
                field_error(
                    ["provider"], f"Provider {provider_name} has no Nango developer app", "custom"
                )
            )
        creds = {
            "type": provider.auth_mode,
            "client_id": f"nango-dev-app-{provider.name}",
            "client_secret": "sbx_cs_" + secrets.token_hex(12),
            "scopes": ",".join(provider.default_scopes),
        }
        stamp = clock.now_iso()
        display_name = require_str(body, "display_name", optional=True)
        forward = body.get("forward_webhooks", True) is not False
        integration = Integration(key, provider.name, display_name, creds, forward, stamp, stamp)
        if not ctx.repo.create_integration(integration):
            raise invalid_body(
                field_error(["uniqueKey"], "Unique key already exists", "invalid_string")
            )
        return JSONResponse({"data": _to_api(ctx, integration, set())})

    async def get_integration(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, {"include"})
        include = _includes(request)
        integration = ctx.repo.integration(request.path_params["unique_key"])
        if integration is None:
            raise ApiError(404, "not_found", "Integration does not exist")
        return JSONResponse({"data": _to_api(ctx, integration, include)})

    async def patch_integration(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        old_key = request.path_params["unique_key"]
        body = await read_object(request)  # Nango parses and validates the body first
        reject_unknown_keys(body, _PATCH_KEYS)
        integration = ctx.repo.integration(old_key)
        if integration is None:
            raise ApiError(404, "not_found", "Integration does not exist")
        if "unique_key" in body:
            new_key = _check_key(body["unique_key"])
            if new_key != old_key and ctx.repo.integration(new_key) is not None:
                raise invalid_body(
                    field_error(["uniqueKey"], "Unique key already exists", "invalid_string")
                )
            integration.unique_key = new_key
        if "display_name" in body:
            integration.display_name = require_str(body, "display_name")
        if "forward_webhooks" in body:
            if not isinstance(body["forward_webhooks"], bool):
                raise invalid_body(
                    field_error(["forward_webhooks"], "Expected boolean", "invalid_type")
                )
            integration.forward_webhooks = body["forward_webhooks"]
        if "credentials" in body:
            provider = ctx.catalog.get(integration.provider)
            if provider is None:
                raise ApiError(404, "not_found", f"Unknown provider {integration.provider}")
            creds = _credentials(provider, body["credentials"], required=False)
            if creds is not None and integration.credentials:
                merged = dict(integration.credentials)
                merged.update(creds)
                creds = merged
            integration.credentials = creds
        if body.get("integration_config"):
            provider = ctx.catalog.get(integration.provider)
            _check_integration_config(provider, body, patch=True)
        ctx.repo.save_integration(integration, old_key)
        return JSONResponse({"data": _to_api(ctx, integration, set())})

    async def delete_integration(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        if not ctx.repo.delete_integration(request.path_params["unique_key"]):
            raise ApiError(404, "not_found", "Integration does not exist")
        return JSONResponse({"success": True})

    return [
        Route("/integrations", list_integrations, methods=["GET"]),
        Route("/integrations", create_integration, methods=["POST"]),
        Route("/integrations/quickstart", create_quickstart, methods=["POST"]),
        Route("/integrations/{unique_key}", get_integration, methods=["GET"]),
        Route("/integrations/{unique_key}", patch_integration, methods=["PATCH"]),
        Route("/integrations/{unique_key}", delete_integration, methods=["DELETE"]),
    ]
