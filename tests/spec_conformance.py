"""Check a response against openapi/nango.yaml: the schema of its operation and status code."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import yaml

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi" / "nango.yaml"


@functools.cache
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = yaml.safe_load(fh)
    return loaded


@functools.cache
def _components() -> dict[str, Any]:
    components: dict[str, Any] = spec()["components"]
    return components


def _deref(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def declared_response(method: str, path_template: str, status: int) -> dict[str, Any] | None:
    """The spec's response object for this status (exact, NXX or default), or None."""
    responses = spec()["paths"][path_template][method.lower()]["responses"]
    found: dict[str, Any] | None = (
        responses.get(str(status))
        or responses.get(f"{str(status)[0]}XX")
        or responses.get("default")
    )
    return found


def response_schema(method: str, path_template: str, status: int) -> dict[str, Any] | None:
    """The JSON schema the spec gives for this answer (None when it declares no JSON body)."""
    declared = declared_response(method, path_template, status)
    assert declared is not None, f"{method} {path_template}: status {status} is not in the spec"
    content = _deref(declared).get("content") or {}
    media = content.get("application/json")
    return None if media is None else media["schema"]


@functools.cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    """Spec path templates as regexes, literal ones first (/connections/metadata before /{id})."""
    compiled = []
    for template in spec()["paths"]:
        pattern = re.sub(r"\\\{anyPath\\\}", ".+", re.escape(template))
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", pattern)
        compiled.append((re.compile(f"^{pattern}$"), template))
    return sorted(compiled, key=lambda item: item[1].count("{"))


def template_for(path: str) -> str | None:
    """The spec path template an actual request path belongs to (None: not a spec path)."""
    for pattern, template in _templates():
        if pattern.match(path):
            return template
    return None


def check_response(response: httpx.Response) -> None:
    """httpx response hook: validate every JSON answer of a spec path against the spec.

    Statuses the spec does not declare (a provider's 422 through the proxy, 415) are skipped here;
    `assert_matches_spec` itself insists on a declared status.
    """
    template = template_for(response.request.url.path)
    method = response.request.method
    if template is None or method.lower() not in spec()["paths"][template]:
        return
    if declared_response(method, template, response.status_code) is None:
        return
    response.read()
    if "json" not in response.headers.get("content-type", ""):
        return
    assert_matches_spec(response, template)


def assert_matches_spec(response: httpx.Response, path_template: str) -> None:
    """Fail with the spec's complaint when the response body does not match its schema."""
    schema = response_schema(response.request.method, path_template, response.status_code)
    if schema is None:
        return
    document = {**schema, "components": _components()}
    validator = jsonschema.Draft202012Validator(document)
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.path))
    assert not errors, (
        f"{response.request.method} {path_template} -> {response.status_code}: "
        + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    )
