"""Nango's checks of an integration's ``integration_config`` (``resolveIntegrationConfig``).

A provider that declares an ``integration_config`` schema in its catalogue entry (e.g.
``private-api-generic``, ``aws-sigv4`` on Nango) accepts string values for those fields: unknown
keys are refused, required fields must be given (or have a ``default_value``), and ``enum``,
``pattern`` and ``format: uri`` are checked; fields hidden by ``visible_when`` are skipped. A
provider without a schema accepts none. A failure is Nango's 400 ``invalid_body`` whose message
joins the field messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .errors import ApiError
from .parsing import url_scheme

__all__ = ["resolve_integration_config"]


def _visible(field: str, schema: Mapping[str, Any], values: Mapping[str, str]) -> bool:
    condition = (schema.get(field) or {}).get("visible_when")
    if not isinstance(condition, Mapping):
        return True
    return values.get(str(condition.get("field"))) == condition.get("equals")


def _problem(field: str, definition: Mapping[str, Any], value: str) -> str | None:
    title = definition.get("title") or field
    allowed = definition.get("enum")
    if allowed and value not in allowed:
        return f"{title} must be one of: {', '.join(map(str, allowed))}"
    pattern = definition.get("pattern")
    if pattern:
        try:
            if not re.search(str(pattern), value):
                return f"{title} has an invalid format"
        except re.error:
            pass  # Nango ignores a pattern it cannot compile
    if definition.get("format") == "uri" and url_scheme(value) not in ("http", "https"):
        return f"{title} must be an http(s) URL"
    return None


def resolve_integration_config(
    schema: Mapping[str, Any] | None, submitted: Mapping[str, str], *, patch: bool = False
) -> dict[str, str]:
    """The checked values (defaults applied), or 400 ``invalid_body`` as Nango answers."""
    if not schema:
        raise ApiError(
            400, "invalid_body", "This provider does not accept integration configuration"
        )
    errors = [f"Unknown field {key}" for key in submitted if key not in schema]
    values: dict[str, str] = {}
    for field, definition in schema.items():
        if not _visible(field, schema, submitted) or (patch and field not in submitted):
            continue
        value = submitted.get(field) or ""
        if not value and not patch and definition.get("default_value") is not None:
            value = str(definition["default_value"])
        if not value:
            if not definition.get("optional"):
                errors.append(f"{definition.get('title') or field} is required")
            continue
        problem = _problem(field, definition, value)
        if problem:
            errors.append(problem)
        else:
            values[field] = value
    if errors:
        raise ApiError(400, "invalid_body", ", ".join(errors))
    return values
