"""What is deployed, in Nango's shapes: the entries of ``GET /scripts/config`` and of an
integration's functions (the routes are in `api_scripts`).

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
from collections.abc import Iterable, Mapping
from typing import Any

from .functions import ActionSpec, FunctionRegistry, Schema, Spec, SyncSpec
from .repo import Integration

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


def nango_config(
    integrations: Iterable[Integration], registry: FunctionRegistry
) -> list[dict[str, Any]]:
    """``GET /scripts/config`` in Nango's format: one entry per integration with functions."""
    entries = []
    for integration in integrations:
        key, provider = integration.unique_key, integration.provider
        actions = registry.actions_for(key, provider)
        syncs = registry.syncs_for(key, provider)
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


def openai_functions(
    config: list[dict[str, Any]], registry: FunctionRegistry
) -> list[dict[str, Any]]:
    """The functions of a `nango_config` as OpenAI function-calling definitions."""
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
            spec = registry.find_action(
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


def template_function(spec: Spec) -> dict[str, Any]:
    """A catalogue template as ``GET /providers/{provider}/templates`` lists it (a function
    without deployment details)."""
    dropped = ["id", "enabled", "last_deployed"]
    if isinstance(spec, SyncSpec):
        item = deployed_function(sync_entry("", spec, ""))
    else:
        item = deployed_function(action_entry("", spec, ""))
        dropped.append("runs")
    for key in dropped:
        del item[key]
    return item
