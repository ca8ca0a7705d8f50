"""``GET /scripts/config`` (what is deployed, in Nango's two formats),
``GET /integrations/{uniqueKey}/functions`` (one integration's functions, paginated), one
function (``GET``/``DELETE .../functions/{name}``, ``GET .../functions/{name}/code``) and
``GET /providers/{provider}/templates`` (``[]``: the sandbox has no template catalogue).

- ``format=nango`` (default): a list with one entry per integration that has functions,
  ``{providerConfigKey, provider, syncs, actions, "on-events"}``; ``[]`` when nothing is deployed.
  Each function carries its models as Nango models (``{name, fields: [{name, value, optional}]}``)
  and ``json_schema`` (``{"definitions": {Model: schema}}``).
- ``format=openai``: ``{"data": [{name, description, parameters}]}``, OpenAI function-calling
  definitions; an action's parameters come from its input schema, with the descriptions of
  ``- name: text`` lines of its description.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .errors import ApiError, field_error, invalid_query, not_found
from .functions import ActionSpec, Runtime, Schema, SyncSpec
from .parsing import check_query, query_int

FORMATS = ("nango", "openai")
_JSON_TYPES = {"integer": "number", "array": "any[]", "object": "object"}


def nango_model(name: str, schema: Schema | None) -> dict[str, Any]:
    """A JSON schema as a Nango model: one field per property."""
    properties: Mapping[str, Any] = (schema or {}).get("properties") or {}
    required = set((schema or {}).get("required") or ())
    fields = []
    for prop, sub in properties.items():
        kind = sub.get("type", "any") if isinstance(sub, Mapping) else "any"
        if isinstance(kind, list):
            kind = " | ".join(str(k) for k in kind)
        fields.append(
            {
                "name": prop,
                "value": _JSON_TYPES.get(str(kind), str(kind)),
                "optional": prop not in required,
            }
        )
    return {"name": name, "fields": fields}


def _id(*parts: str) -> int:
    return int(hashlib.sha1("/".join(parts).encode()).hexdigest()[:7], 16)


def _definitions(models: Mapping[str, Schema | None]) -> dict[str, Any]:
    return {
        "definitions": {
            name: dict(schema) if schema else {"type": "object"} for name, schema in models.items()
        }
    }


def action_entry(key: str, spec: ActionSpec, deployed_at: str) -> dict[str, Any]:
    models: dict[str, Schema | None] = {}
    if spec.input_model:
        models[spec.input_model] = spec.input_schema
    if spec.output_model:
        models[spec.output_model] = spec.output_schema
    return {
        "id": _id(key, "action", spec.name),
        "name": spec.name,
        "type": "action",
        "description": spec.description,
        "input": nango_model(spec.input_model, spec.input_schema) if spec.input_model else None,
        "returns": [spec.output_model] if spec.output_model else [],
        "models": [nango_model(n, s) for n, s in models.items()],
        "scopes": list(spec.scopes),
        "endpoints": [spec.endpoint.to_dict()] if spec.endpoint else [],
        "json_schema": _definitions(models),
        "enabled": True,
        "is_public": False,
        "pre_built": spec.pre_built,
        "version": spec.version,
        "last_deployed": deployed_at,
        "attributes": {},
    }


def sync_entry(key: str, spec: SyncSpec, deployed_at: str) -> dict[str, Any]:
    return {
        "id": _id(key, "sync", spec.name),
        "name": spec.name,
        "type": "sync",
        "description": spec.description,
        "sync_type": spec.sync_type,
        "runs": spec.frequency,
        "auto_start": spec.auto_start,
        "track_deletes": spec.track_deletes,
        "input": None,
        "returns": list(spec.models),
        "models": [nango_model(n, s) for n, s in spec.models.items()],
        "scopes": list(spec.scopes),
        "endpoints": [e.to_dict() for e in spec.endpoints],
        "webhookSubscriptions": [],
        "json_schema": _definitions(spec.models),
        "enabled": True,
        "is_public": False,
        "pre_built": spec.pre_built,
        "version": spec.version,
        "last_deployed": deployed_at,
        "attributes": {},
    }


def nango_config(runtime: Runtime) -> list[dict[str, Any]]:
    entries = []
    for integration in runtime.ctx.repo.integrations():
        key, provider = integration.unique_key, integration.provider
        actions = runtime.registry.actions_for(key, provider)
        syncs = runtime.registry.syncs_for(key, provider)
        if not actions and not syncs:
            continue
        entries.append(
            {
                "providerConfigKey": key,
                "provider": provider,
                "syncs": [sync_entry(key, s, integration.created_at) for s in syncs],
                "actions": [action_entry(key, a, integration.created_at) for a in actions],
                "on-events": [],
            }
        )
    return entries


def _parameter_descriptions(description: str) -> dict[str, str]:
    found = {}
    for line in description.splitlines():
        text = line.strip()
        if text.startswith("-") and ":" in text:
            name, _, rest = text[1:].partition(":")
            found[name.strip()] = rest.strip()
    return found


def openai_functions(config: list[dict[str, Any]], runtime: Runtime) -> list[dict[str, Any]]:
    functions: list[dict[str, Any]] = []
    for entry in config:
        for sync in entry["syncs"]:
            functions.append(
                {
                    "name": sync["name"],
                    "description": sync["description"]
                    or f"Execute the {sync['name']} sync for {entry['provider']}",
                    "parameters": {"type": "object", "properties": {}, "required": []},
                }
            )
        for action in entry["actions"]:
            spec = runtime.registry.find_action(
                entry["providerConfigKey"], entry["provider"], action["name"]
            )
            schema: Mapping[str, Any] = (spec.input_schema if spec else None) or {}
            properties = {k: dict(v) for k, v in (schema.get("properties") or {}).items()}
            for name, text in _parameter_descriptions(action["description"]).items():
                if name in properties:
                    properties[name]["description"] = text
            functions.append(
                {
                    "name": action["name"],
                    "description": action["description"]
                    or f"Execute the {action['name']} action for {entry['provider']}",
                    "parameters": {
                        "type": "object",
                        "properties": properties,
                        "required": list(schema.get("required") or []),
                    },
                }
            )
    return functions


def deployed_function(entry: dict[str, Any]) -> dict[str, Any]:
    """A scripts-config entry in the shape of ``GET /integrations/{key}/functions``."""
    item = {
        k: entry[k]
        for k in (
            "id",
            "name",
            "type",
            "description",
            "scopes",
            "enabled",
            "last_deployed",
            "returns",
        )
    }
    item["json_schema"] = entry["json_schema"]
    if entry["input"]:
        item["input"] = entry["input"]["name"]
    item["runs"] = entry.get("runs")
    if entry["type"] == "sync":
        item["auto_start"] = entry["auto_start"]
        item["track_deletes"] = entry["track_deletes"]
    return item


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
    key, provider, name = integration.unique_key, integration.provider, request.path_params["name"]
    found: list[tuple[str, Any]] = []
    if kind in (None, "sync"):
        found += [("sync", s) for s in runtime.registry.syncs_for(key, provider) if s.name == name]
    if kind in (None, "action"):
        found += [
            ("action", a) for a in runtime.registry.actions_for(key, provider) if a.name == name
        ]
    return found


def _listed(runtime: Runtime, request: Request, kind: str, spec: Any) -> dict[str, Any]:
    integration = runtime.ctx.require_integration(request.path_params["unique_key"])
    make = sync_entry if kind == "sync" else action_entry
    return deployed_function(make(integration.unique_key, spec, integration.created_at))


def routes(runtime: Runtime) -> list[BaseRoute]:
    async def scripts_config(request: Request) -> Response:
        runtime.authenticate(request)
        check_query(request, {"format"})
        fmt = request.query_params.get("format") or "nango"
        if fmt not in FORMATS:
            raise invalid_query(
                field_error(["format"], "Expected 'nango' or 'openai'", "invalid_enum_value")
            )
        config = nango_config(runtime)
        if fmt == "openai":
            return JSONResponse({"data": openai_functions(config, runtime)})
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

    async def get_function(request: Request) -> Response:
        runtime.authenticate(request)
        kind = _function_type(request, FUNCTION_TYPES, required=False)
        found = _matches(runtime, request, kind)
        if not found:
            raise not_found("Function does not exist")
        return JSONResponse({"data": _listed(runtime, request, *found[0])})

    async def delete_function(request: Request) -> Response:
        runtime.authenticate(request)
        kind = _function_type(request, DELETABLE_TYPES, required=True)
        found = _matches(runtime, request, kind)
        if not found:
            raise not_found("Function does not exist")
        runtime.registry.remove(request.path_params["unique_key"], found[0][0], found[0][1].name)
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
        if runtime.ctx.catalog.get(request.path_params["provider"]) is None:
            raise not_found("Unknown provider")
        return JSONResponse({"data": []})

    functions = "/integrations/{unique_key}/functions"
    return [
        Route("/scripts/config", scripts_config, methods=["GET"]),
        Route(functions, integration_functions, methods=["GET"]),
        Route(functions + "/{name}", get_function, methods=["GET"]),
        Route(functions + "/{name}", delete_function, methods=["DELETE"]),
        Route(functions + "/{name}/code", function_code, methods=["GET"]),
        Route("/providers/{provider}/templates", provider_templates, methods=["GET"]),
    ]
