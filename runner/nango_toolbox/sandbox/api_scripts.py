"""``GET /scripts/config`` (what is deployed, in Nango's two formats),
``GET /integrations/{uniqueKey}/functions`` (one integration's functions, paginated), one
function (``GET``/``DELETE .../functions/{name}``, ``GET .../functions/{name}/code``) and
``GET /providers/{provider}/templates`` (the sandbox's template catalogue,
`builtin_functions.templates`; deploy one with ``POST /functions/deployments``).
"""

from __future__ import annotations

import inspect
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .errors import ApiError, field_error, invalid_query, not_found
from .parsing import check_query, query_int
from .runtime import Runtime
from .scripts import (
    FORMATS,
    action_entry,
    deployed_function,
    nango_config,
    openai_functions,
    sync_entry,
    template_function,
)

FUNCTION_TYPES = ("sync", "action", "on-event")
DELETABLE_TYPES = ("sync", "action")


def _function_type(request: Request, allowed: tuple[str, ...], *, required: bool) -> str | None:
    """The ``type`` query parameter, checked against ``allowed`` (400 invalid_query_params)."""
    check_query(request, {"type"})
    kind = request.query_params.get("type")
    if kind is None and not required:
        return None
    if kind not in allowed:
        names = ", ".join(f"'{k}'" for k in allowed)
        code = "invalid_type" if kind is None else "invalid_enum_value"
        raise invalid_query(field_error(["type"], f"Expected one of {names}", code))
    return kind


def _matches(runtime: Runtime, request: Request, kind: str | None) -> list[tuple[str, Any]]:
    """The deployed functions of the path's integration named as in the path, as (type, spec)."""
    integration = runtime.ctx.repo.integration(request.path_params["unique_key"])
    if integration is None:
        raise not_found("Integration does not exist")
    return runtime.registry.named(
        integration.unique_key, integration.provider, request.path_params["name"], kind
    )


def _listed(runtime: Runtime, request: Request, kind: str, spec: Any) -> dict[str, Any]:
    integration = runtime.ctx.require_integration(request.path_params["unique_key"])
    make = sync_entry if kind == "sync" else action_entry
    return deployed_function(make(integration.unique_key, spec, integration.created_at))


def routes(runtime: Runtime) -> list[BaseRoute]:
    """The routes listed in this module's docstring."""

    async def scripts_config(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, {"format"})
        fmt = request.query_params.get("format") or "nango"
        if fmt not in FORMATS:
            raise invalid_query(
                field_error(["format"], "Expected 'nango' or 'openai'", "invalid_enum_value")
            )
        config = nango_config(runtime.ctx.repo.integrations(), runtime.registry)
        if fmt == "openai":
            return JSONResponse({"data": openai_functions(config, runtime.registry)})
        return JSONResponse(config)

    async def integration_functions(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, {"type", "search", "page", "limit"})
        kind = request.query_params.get("type")
        if kind is not None and kind not in FUNCTION_TYPES:
            raise invalid_query(
                field_error(
                    ["type"], "Expected 'sync', 'action' or 'on-event'", "invalid_enum_value"
                )
            )
        page = query_int(request, "page", minimum=0) or 0
        limit = query_int(request, "limit", minimum=1, maximum=100) or 20
        integration = runtime.ctx.repo.integration(request.path_params["unique_key"])
        if integration is None:
            raise not_found("Integration does not exist")
        key, provider = integration.unique_key, integration.provider
        functions = [
            *(
                sync_entry(key, s, integration.created_at)
                for s in runtime.registry.syncs_for(key, provider)
            ),
            *(
                action_entry(key, a, integration.created_at)
                for a in runtime.registry.actions_for(key, provider)
            ),
        ]
        search = (request.query_params.get("search") or "").lower()
        matching = sorted(
            (
                f
                for f in functions
                if (kind is None or f["type"] == kind) and search in f["name"].lower()
            ),
            key=lambda f: str(f["name"]),
        )
        window = matching[page * limit : (page + 1) * limit]
        return JSONResponse(
            {
                "data": [deployed_function(f) for f in window],
                "pagination": {"total": len(matching), "page": page, "limit": limit},
            }
        )

    def first_match(request: Request, allowed: tuple[str, ...], required: bool) -> tuple[str, Any]:
        runtime.authenticate(request)
        kind = _function_type(request, allowed, required=required)
        found = _matches(runtime, request, kind)
        if not found:
            raise not_found("Function does not exist")
        return found[0]

    async def get_function(request: Request) -> Response:
        found = first_match(request, FUNCTION_TYPES, False)
        return JSONResponse({"data": _listed(runtime, request, *found)})

    async def delete_function(request: Request) -> Response:
        kind, spec = first_match(request, DELETABLE_TYPES, True)
        runtime.registry.remove(request.path_params["unique_key"], kind, spec.name)
        return JSONResponse({"data": {"success": True}})

    async def function_code(request: Request) -> Response:
        runtime.authenticate(request)
        kind = _function_type(request, FUNCTION_TYPES, required=False)
        key, name = request.path_params["unique_key"], request.path_params["name"]
        found = _matches(runtime, request, kind)
        if len(found) > 1:
            raise ApiError(
                409,
                "ambiguous_function",
                f"Multiple functions named '{name}' found for integration '{key}'. "
                "Specify a type to disambiguate.",
                payload={"matches": [{"type": t, "name": name} for t, _ in found]},
            )
        if not found:
            raise not_found(f"Function '{name}' not found for integration '{key}'")
        try:
            code = inspect.getsource(found[0][1].fn)
        except (OSError, TypeError):
            raise not_found(f"Source file for '{name}' not found") from None
        return JSONResponse({"type": found[0][0], "code": code})

    async def provider_templates(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, set())
        provider = request.path_params["provider"]
        if runtime.ctx.catalog.get(provider) is None:
            raise not_found("Unknown provider")
        catalogue = runtime.templates
        data = [template_function(a) for a in catalogue.actions_for("", provider)]
        data += [template_function(s) for s in catalogue.syncs_for("", provider)]
        return JSONResponse({"data": data})

    functions = "/integrations/{unique_key}/functions"
    return [
        Route("/scripts/config", scripts_config, methods=["GET"]),
        Route(functions, integration_functions, methods=["GET"]),
        Route(functions + "/{name}", get_function, methods=["GET"]),
        Route(functions + "/{name}", delete_function, methods=["DELETE"]),
        Route(functions + "/{name}/code", function_code, methods=["GET"]),
        Route("/providers/{provider}/templates", provider_templates, methods=["GET"]),
    ]
