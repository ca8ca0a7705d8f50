"""Connect sessions: POST /connect/sessions, POST /connect/sessions/reconnect, GET/DELETE /connect/session."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import connect_flow
from .context import SandboxContext
from .errors import ApiError, field_error, invalid_body
from .parsing import (
    check_query,
    end_user_object,
    object_with_id,
    optional_object,
    read_object,
    reject_unknown_keys,
    string_map,
    webhook_url,
)

_SESSION_KEYS = {
    "tags",
    "end_user",
    "organization",
    "allowed_integrations",
    "integrations_config_defaults",
    "overrides",
    "webhook_url_override",
}
_RECONNECT_KEYS = {
    "connection_id",
    "integration_id",
    "tags",
    "end_user",
    "organization",
    "integrations_config_defaults",
    "overrides",
    "webhook_url_override",
}


def _session_data(
    ctx: SandboxContext, body: dict[str, Any], allowed_keys: set[str]
) -> dict[str, Any]:
    reject_unknown_keys(body, allowed_keys)
    tags = string_map(body, "tags") or {}
    end_user = end_user_object(body)
    organization = object_with_id(body, "organization")
    allowed = body.get("allowed_integrations")
    if allowed is not None:
        if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
            raise invalid_body(
                field_error(["allowed_integrations"], "Expected array of strings", "invalid_type")
            )
        for index, key in enumerate(allowed):
            if ctx.repo.integration(key) is None:
                raise invalid_body(
                    field_error(
                        ["allowed_integrations", index],
                        f"Integration does not exist: {key}",
                        "custom",
                    )
                )
    return {
        "tags": tags,
        "end_user": end_user,
        "organization": organization,
        "allowed_integrations": allowed,
        "integrations_config_defaults": optional_object(body, "integrations_config_defaults") or {},
        "overrides": optional_object(body, "overrides") or {},
        "webhook_url_override": None
        if body.get("webhook_url_override") is None
        else webhook_url(body["webhook_url_override"], ["webhook_url_override"]) or None,
    }


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def create_session(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request, required=False)
        data = _session_data(ctx, body, _SESSION_KEYS)
        if data["end_user"] is None and body.get("tags") is None:
            # Nango: end_user is required unless tags are given.
            raise invalid_body(field_error(["end_user"], "Required", "invalid_type"))
        return JSONResponse({"data": connect_flow.create_session(ctx, data)}, status_code=201)

    async def reconnect_session(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        connection_id, integration_id = body.get("connection_id"), body.get("integration_id")
        for key, value in (("connection_id", connection_id), ("integration_id", integration_id)):
            if not isinstance(value, str) or not value:
                raise invalid_body(field_error([key], "Required", "invalid_type"))
        data = _session_data(ctx, body, _RECONNECT_KEYS)
        connection = ctx.repo.connection(str(integration_id), str(connection_id))
        if connection is None:
            raise ApiError(400, "invalid_body", "ConnectionID or IntegrationId does not exists")
        data["allowed_integrations"] = [integration_id]
        data["reconnect"] = {"connection_id": connection_id, "integration_id": integration_id}
        data["end_user"] = data["end_user"] or connection.end_user
        return JSONResponse({"data": connect_flow.create_session(ctx, data)}, status_code=201)

    async def get_session(request: Request) -> Response:
        caller = ctx.auth.require_session(request)
        check_query(request, set())
        session = caller.session or {}
        data: dict[str, Any] = {
            "endUser": connect_flow.api_end_user(connect_flow.session_end_user(session)),
            "connectUISettings": {
                "showWatermark": True,
                "defaultTheme": "system",
                "theme": {"light": {"primary": "#00B2E3"}, "dark": {"primary": "#00B2E3"}},
            },
        }
        # Like Nango, the optional parts appear only when the session has them.
        if session.get("allowed_integrations") is not None:
            data["allowed_integrations"] = session["allowed_integrations"]
        if session.get("integrations_config_defaults"):
            data["integrations_config_defaults"] = session["integrations_config_defaults"]
        if session.get("reconnect"):
            data["isReconnecting"] = True
        if session.get("overrides"):
            data["overrides"] = session["overrides"]
        data["websocketsPath"] = "/"
        return JSONResponse({"data": data})

    async def delete_session(request: Request) -> Response:
        caller = ctx.auth.require_session(request)
        check_query(request, set())
        ctx.store.execute("DELETE FROM connect_sessions WHERE token = ?", (caller.session_token,))
        return Response(status_code=204)

    return [
        Route("/connect/sessions", create_session, methods=["POST"]),
        Route("/connect/sessions/reconnect", reconnect_session, methods=["POST"]),
        Route("/connect/session", get_session, methods=["GET"]),
        Route("/connect/session", delete_session, methods=["DELETE"]),
    ]
