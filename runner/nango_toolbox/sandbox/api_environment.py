"""Environment variables, environments, API keys and the webhook signing key."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .auth import is_uuid
from .context import SandboxContext
from .errors import ApiError, field_error, invalid_body, invalid_uri
from .parsing import check_query, read_json, read_object, reject_unknown_keys
from .state import dumps, loads

_KEY = "environment_variables"
_ENV_NAME = re.compile(r"^[a-z0-9_-]{1,255}$")
_ENV_FIELDS = {
    "name",
    "is_production",
    "callback_url",
    "hmac_key",
    "hmac_enabled",
    "slack_notifications",
    "otlp_endpoint",
    "otlp_headers",
}


def _uuid_param(request: Request, name: str) -> str:
    value: str = request.path_params[name]
    if not is_uuid(value):
        raise invalid_uri(field_error([name], "Invalid UUID", "invalid_format"))
    return value


def _check_type(body: dict[str, Any], key: str, kind: type, label: str) -> None:
    if key in body and not isinstance(body[key], kind):
        raise invalid_body(field_error([key], f"Expected {label}", "invalid_type"))


def _check_environment_body(body: dict[str, Any]) -> tuple[str, bool]:
    """Nango's checks on ``POST /environments``: the name, the field types, the URLs."""
    reject_unknown_keys(body, _ENV_FIELDS)
    name = body.get("name")
    if not isinstance(name, str) or not _ENV_NAME.match(name):
        raise invalid_body(
            field_error(["name"], "Expected lowercase letters, digits, _ or -", "invalid_format")
        )
    for key in ("is_production", "hmac_enabled", "slack_notifications"):
        _check_type(body, key, bool, "boolean")
    for key in ("callback_url", "hmac_key", "otlp_endpoint"):
        _check_type(body, key, str, "string")
    _check_type(body, "otlp_headers", list, "array")
    url = body.get("callback_url")
    if url is not None and not urlsplit(url).scheme:
        raise invalid_body(field_error(["callback_url"], "Invalid URL", "invalid_format"))
    return name, bool(body.get("is_production", False))


def _display_name(body: dict[str, Any]) -> str:
    reject_unknown_keys(body, {"display_name"})
    name = body.get("display_name")
    if not isinstance(name, str) or not 1 <= len(name) <= 255:
        raise invalid_body(
            field_error(
                ["display_name"], "Expected a string of 1 to 255 characters", "invalid_type"
            )
        )
    return name


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def get_variables(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        return JSONResponse(loads(ctx.store.setting(_KEY, "[]")))

    async def set_variables(request: Request) -> Response:
        """``PUT /_sandbox/environment-variables`` with ``[{"name", "value"}]`` replaces them."""
        ctx.auth.require(request)
        body = await read_json(request)
        if not isinstance(body, list):
            raise invalid_body(field_error([], "Expected a list of {name, value}", "invalid_type"))
        for index, item in enumerate(body):
            if not (
                isinstance(item, dict)
                and set(item) == {"name", "value"}
                and all(isinstance(v, str) for v in item.values())
            ):
                raise invalid_body(
                    field_error([index], "Expected {name: string, value: string}", "invalid_type")
                )
        ctx.store.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (_KEY, dumps(body)))
        return JSONResponse(body)

    envs = ctx.auth.environments

    def environment_id(request: Request) -> int:
        env = envs.find(_uuid_param(request, "environmentUuid"))
        if env is None:
            raise ApiError(404, "not_found", "Environment not found")
        env_id: int = env["id"]
        return env_id

    async def list_environments(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, {"name"})
        return JSONResponse({"data": envs.list_all(request.query_params.get("name"))})

    async def create_environment(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        name, is_production = _check_environment_body(await read_object(request))
        env = envs.create(name, is_production)
        return JSONResponse({"data": {k: env[k] for k in ("id", "uuid", "name")}})

    async def delete_environment(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        envs.delete(_uuid_param(request, "environmentUuid"))
        return Response(status_code=204)

    async def rotate_signing_key(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        return JSONResponse({"data": {"webhook_signing_key": envs.rotate_signing_key()}})

    async def create_api_key(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        env_id = environment_id(request)
        display_name = _display_name(await read_object(request))
        return JSONResponse({"data": envs.create_key(env_id, display_name)})

    async def list_api_keys(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, {"display_name"})
        env_id = environment_id(request)
        keys = envs.list_keys(env_id, request.query_params.get("display_name"))
        return JSONResponse({"data": keys})

    async def get_api_key(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        env_id = environment_id(request)
        return JSONResponse({"data": envs.get_key(env_id, _uuid_param(request, "keyUuid"))})

    async def delete_api_key(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        env_id = environment_id(request)
        envs.delete_key(env_id, _uuid_param(request, "keyUuid"))
        return JSONResponse({"success": True})

    keys_path = "/environments/{environmentUuid}/api-keys"
    return [
        Route("/environments", list_environments, methods=["GET"]),
        Route("/environments", create_environment, methods=["POST"]),
        Route("/environments/{environmentUuid}", delete_environment, methods=["DELETE"]),
        Route("/environment/webhook-signing-key/rotate", rotate_signing_key, methods=["POST"]),
        Route(keys_path, create_api_key, methods=["POST"]),
        Route(keys_path, list_api_keys, methods=["GET"]),
        Route(keys_path + "/{keyUuid}", get_api_key, methods=["GET"]),
        Route(keys_path + "/{keyUuid}", delete_api_key, methods=["DELETE"]),
        Route("/environment-variables", get_variables, methods=["GET"]),
        Route("/_sandbox/environment-variables", set_variables, methods=["PUT"]),
    ]
