"""Control endpoints that send signed webhooks to a receiver, so it can be tested offline.

- ``PUT /_sandbox/webhook-settings`` ``{"primary_url", "secondary_url"}`` (either may be null):
  the environment's webhook URLs; ``GET`` reads them.
- ``POST /_sandbox/webhooks`` sends one webhook now, to ``url`` or else to the environment's
  URLs, and answers 200 ``{"body": <what was sent>, "deliveries": [{"url", "type", "status",
  "attempts", "error"}]}`` (a receiver that refused it or could not be reached is reported
  there, not as an error of this call). See `SEND_FIELDS` for the body.
- ``GET /_sandbox/webhooks``: the latest 100 deliveries; ``DELETE`` forgets them.
"""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import clock
from .context import SandboxContext
from .environments import CURRENT_NAME
from .errors import ApiError, field_error, invalid_body
from .parsing import (
    check_url,
    optional_object,
    read_object,
    reject_unknown_keys,
    require_str,
    string_map,
)
from .repo import Connection
from .webhook_sender import (
    AUTH_OPERATIONS,
    async_action_body,
    auth_body,
    forward_body,
    forwardable_headers,
    sync_body,
)

TYPES = ("auth", "sync", "async_action", "forward")
# The fields of POST /_sandbox/webhooks, by type (every type takes the common ones).
SEND_FIELDS = {
    "common": {"type", "url", "provider_config_key", "connection_id", "extra"},
    "auth": {"operation", "success", "error"},
    "sync": {
        "sync_name",
        "model",
        "success",
        "error",
        "results",
        "variant",
        "sync_type",
        "checkpoints",
    },
    "async_action": {"action_id"},
    "forward": {"payload", "headers"},
}
REFRESH_ERROR = {
    "type": "refresh_token_external_error",
    "description": "The external API returned an error when trying to refresh the access "
    "token. Please try again later.",
}
SYNC_ERROR = {"type": "script_error", "description": "The sync function failed"}


def _bool(body: dict[str, Any], key: str, default: bool) -> bool:
    value = body.get(key, default)
    if not isinstance(value, bool):
        raise invalid_body(field_error([key], "Expected boolean", "invalid_type"))
    return value


def _url(body: dict[str, Any], key: str) -> str | None:
    value = require_str(body, key, optional=True)
    problem = None if value is None else check_url(value)
    if problem is not None:
        raise invalid_body(field_error([key], f"Invalid URL: {problem}", "invalid_string"))
    return value


def _counts(body: dict[str, Any]) -> dict[str, int] | None:
    counts = optional_object(body, "results")
    if counts is None:
        return None
    for name, value in counts.items():
        if name not in ("added", "updated", "deleted"):
            raise invalid_body(field_error(["results", name], "Expected added, updated or deleted"))
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise invalid_body(
                field_error(["results", name], "Expected a count (integer >= 0)", "invalid_type")
            )
    return counts


class _Builder:
    """Turns the body of ``POST /_sandbox/webhooks`` into the webhook Nango would send."""

    def __init__(self, ctx: SandboxContext, body: dict[str, Any]) -> None:
        self.ctx = ctx
        self.body = body
        kind = body.get("type")
        if kind not in TYPES:
            raise invalid_body(
                field_error(["type"], f"Expected one of: {', '.join(TYPES)}", "invalid_enum_value")
            )
        self.kind: str = kind
        reject_unknown_keys(body, SEND_FIELDS["common"] | SEND_FIELDS[kind])
        key = require_str(body, "provider_config_key")
        assert key is not None
        self.integration = ctx.require_integration(key)
        self.connection_id = require_str(body, "connection_id", optional=self.kind == "forward")

    def connection(self) -> Connection:
        assert self.connection_id is not None
        found = self.ctx.repo.connection(self.integration.unique_key, self.connection_id)
        if found is None:
            raise ApiError(404, "unknown_connection", "The connection does not exist")
        return found

    def build(self) -> Any:
        built = getattr(self, f"_{self.kind}")()
        extra = optional_object(self.body, "extra")
        if extra and isinstance(built, dict):
            built = {**built, **extra}
        return built

    def _auth(self) -> dict[str, Any]:
        operation = self.body.get("operation", "creation")
        if operation not in AUTH_OPERATIONS:
            raise invalid_body(
                field_error(
                    ["operation"],
                    f"Expected one of: {', '.join(AUTH_OPERATIONS)}",
                    "invalid_enum_value",
                )
            )
        success = _bool(self.body, "success", operation != "refresh")
        error = optional_object(self.body, "error")
        if error is None and not success:
            if operation != "refresh":
                raise invalid_body(
                    field_error(
                        ["error"], "Required when a creation or override fails: {type, description}"
                    )
                )
            error = REFRESH_ERROR
        connection = self.connection()
        return auth_body(
            connection,
            auth_mode=self.ctx.auth_mode_of(connection),
            operation=operation,
            success=success,
            environment=CURRENT_NAME,
            error=error,
        )

    def _sync(self) -> dict[str, Any]:
        sync_name = require_str(self.body, "sync_name")
        model = require_str(self.body, "model")
        assert sync_name is not None and model is not None
        return sync_body(
            self.connection(),
            sync_name=sync_name,
            model=model,
            success=_bool(self.body, "success", True),
            now=clock.now_iso(),
            variant=require_str(self.body, "variant", optional=True) or "base",
            sync_type=require_str(self.body, "sync_type", optional=True) or "INCREMENTAL",
            results=_counts(self.body),
            error=optional_object(self.body, "error") or SYNC_ERROR,
            checkpoints=optional_object(self.body, "checkpoints"),
        )

    def _async_action(self) -> dict[str, Any]:
        action_id = require_str(self.body, "action_id", optional=True) or str(uuid.uuid4())
        return async_action_body(self.connection(), action_id)

    def _forward(self) -> Any:
        if self.connection_id is not None:
            self.connection()
        return forward_body(self.integration, self.connection_id, self.body.get("payload", {}))

    def headers(self) -> dict[str, str]:
        given = string_map(self.body, "headers") or {}
        return forwardable_headers(given)


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    sender = ctx.webhooks

    async def get_settings(request: Request) -> Response:
        ctx.auth.require(request)
        return JSONResponse(sender.urls())

    async def put_settings(request: Request) -> Response:
        ctx.auth.require(request)
        body = await read_object(request)
        reject_unknown_keys(body, {"primary_url", "secondary_url"})
        saved = sender.set_urls(_url(body, "primary_url"), _url(body, "secondary_url"))
        return JSONResponse(saved)

    async def send(request: Request) -> Response:
        ctx.auth.require(request)
        body = await read_object(request)
        builder = _Builder(ctx, body)
        url = _url(body, "url")
        urls = [url] if url else sender.destinations()
        if not urls:
            raise invalid_body(
                field_error(
                    ["url"],
                    "No webhook URL: give url, or set the environment's with "
                    "PUT /_sandbox/webhook-settings",
                )
            )
        sent = builder.build()
        deliveries = await sender.send(sent, urls, extra_headers=builder.headers())
        return JSONResponse({"body": sent, "deliveries": [d.to_dict() for d in deliveries]})

    async def list_deliveries(request: Request) -> Response:
        ctx.auth.require(request)
        return JSONResponse({"deliveries": [d.to_dict() for d in sender.deliveries()]})

    async def clear_deliveries(request: Request) -> Response:
        ctx.auth.require(request)
        sender.clear()
        return JSONResponse({"success": True})

    return [
        Route("/_sandbox/webhook-settings", get_settings, methods=["GET"]),
        Route("/_sandbox/webhook-settings", put_settings, methods=["PUT"]),
        Route("/_sandbox/webhooks", send, methods=["POST"]),
        Route("/_sandbox/webhooks", list_deliveries, methods=["GET"]),
        Route("/_sandbox/webhooks", clear_deliveries, methods=["DELETE"]),
    ]
