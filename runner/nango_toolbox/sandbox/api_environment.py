"""Environment variables, environments, API keys and the webhook signing key.

Environments and API keys are named by their numeric ids, as on Nango; creating or deleting
either needs an account key (the sandbox's own secret key), else 403 ``forbidden``.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .context import SandboxContext
from .errors import field_error, invalid_body, invalid_uri
from .parsing import check_query, read_json, read_object, reject_unknown_keys, url_scheme
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


def _positive_int(value: Any) -> int | None:
    """Nango's ``z.coerce.number().int().positive()``: an integer, or digits in a string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    return value if isinstance(value, int) and value > 0 else None


def _environment_id_param(request: Request) -> int:
    env_id = _positive_int(request.path_params["environmentId"])
    if env_id is None:
        raise invalid_uri(
            field_error(["environmentId"], "Expected a positive integer", "invalid_type")
        )
    return env_id


def _id_fields(body: dict[str, Any], names: tuple[str, ...]) -> list[int]:
    ids = [_positive_int(body.get(name)) for name in names]
    bad = [
        field_error([n], "Expected a positive integer", "invalid_type")
        for n, i in zip(names, ids, strict=True)
        if i is None
    ]
    if bad:
        raise invalid_body(*bad)
    return [i for i in ids if i is not None]


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
    if url is not None and not url_scheme(url):
        raise invalid_body(field_error(["callback_url"], "Invalid URL", "invalid_format"))
    return name, bool(body.get("is_production", False))


def _display_name(body: dict[str, Any]) -> str:
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

    async def create_environment(request: Request) -> Response:
        ctx.auth.require_account_scope(request, "account:environments:create")
        check_query(request, set())
        name, is_production = _check_environment_body(await read_object(request))
        env = envs.create(name, is_production)
        return JSONResponse({"data": {"id": env["id"], "name": env["name"]}})

    async def delete_environment(request: Request) -> Response:
        ctx.auth.require_account_scope(request, "account:environments:delete")
        check_query(request, set())
        envs.delete(_environment_id_param(request))
        return Response(status_code=204)

    async def rotate_signing_key(request: Request) -> Response:
        ctx.auth.require(request)
        check_query(request, set())
        return JSONResponse({"data": {"webhook_signing_key": envs.rotate_signing_key()}})

    async def create_api_key(request: Request) -> Response:
        ctx.auth.require_account_scope(request, "account:environments:api_keys:create")
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(body, {"environment_id", "display_name"})
        (env_id,) = _id_fields(body, ("environment_id",))
        display_name = _display_name(body)
        envs.require(env_id)
        return JSONResponse({"data": envs.create_key(env_id, display_name)})

    async def delete_api_key(request: Request) -> Response:
        ctx.auth.require_account_scope(request, "account:environments:api_keys:delete")
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(body, {"environment_id", "key_id"})
        env_id, key_id = _id_fields(body, ("environment_id", "key_id"))
        envs.require(env_id)
        envs.delete_key(env_id, key_id)
        return JSONResponse({"success": True})

    return [
        Route("/environments", create_environment, methods=["POST"]),
        Route("/environments/{environmentId}", delete_environment, methods=["DELETE"]),
        Route("/environment/webhook-signing-key/rotate", rotate_signing_key, methods=["POST"]),
        Route("/environment/api-keys", create_api_key, methods=["POST"]),
        Route("/environment/api-keys", delete_api_key, methods=["DELETE"]),
        Route("/environment-variables", get_variables, methods=["GET"]),
        Route("/_sandbox/environment-variables", set_variables, methods=["PUT"]),
    ]
