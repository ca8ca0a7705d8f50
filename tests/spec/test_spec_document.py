"""Checks of openapi/nango.yaml itself: validity, naming rules and the generator's rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate

from .conftest import SPEC_PATH

HTTP_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "trace"}

CREDENTIAL_TYPES = {
    "OAUTH2",
    "OAUTH1",
    "OAUTH2_CC",
    "API_KEY",
    "BASIC",
    "APP",
    "APP_STORE",
    "CUSTOM",
    "JWT",
    "TBA",
    "BILL",
    "SIGNATURE",
    "TWO_STEP",
    "NONE",
}


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                yield method, path, op


def _walk(node: Any, pointer: str = "#") -> Iterator[tuple[str, Any]]:
    yield pointer, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{pointer}/{index}")


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        parts = node["$ref"].removeprefix("#/").split("/")
        target: Any = spec
        for part in parts:
            target = target[part]
        node = target
    return node


def test_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    """The document validates against the OpenAPI 3.1 meta-schema."""
    validate(spec, base_uri=SPEC_PATH.as_uri())
    assert spec["openapi"].startswith("3.1")


def test_every_operation_has_an_id_and_exactly_one_declared_tag(spec: dict[str, Any]) -> None:
    """Each operation names itself (snake_case) and sits in exactly one tag declared at the top."""
    declared = {tag["name"] for tag in spec["tags"]}
    problems = []
    for method, path, op in _operations(spec):
        op_id = op.get("operationId", "")
        if not op_id or op_id != op_id.lower() or not op_id.replace("_", "").isalnum():
            problems.append(f"{method.upper()} {path}: operationId {op_id!r} is not snake_case")
        tags = op.get("tags", [])
        if len(tags) != 1 or tags[0] not in declared:
            problems.append(f"{method.upper()} {path}: tags {tags!r}")
    assert problems == []


def test_operation_ids_are_unique(spec: dict[str, Any]) -> None:
    """No two operations share an operationId (it becomes the generated module name)."""
    counts = Counter(op["operationId"] for _, _, op in _operations(spec))
    assert [name for name, n in counts.items() if n > 1] == []


def test_every_success_response_has_a_json_schema(spec: dict[str, Any]) -> None:
    """A documented 2xx (other than 204) always carries a schema, so it is never parsed as None."""
    missing = []
    for method, path, op in _operations(spec):
        for status, response in op["responses"].items():
            if not status.startswith("2") or status == "204":
                continue
            content = _resolve(spec, response).get("content", {})
            if "schema" not in content.get("application/json", {}):
                missing.append(f"{method.upper()} {path} {status}")
    assert missing == []


def test_generator_rules_hold_everywhere(spec: dict[str, Any]) -> None:
    """No titles or inline objects, arrays have items, refs only to components, nothing closed or enum."""
    problems = []
    for pointer, node in _walk(spec):
        if not isinstance(node, dict):
            continue
        if "title" in node and "/properties/" not in pointer and pointer != "#/info":
            problems.append(f"{pointer}: title")
        types = node.get("type")
        if (
            types == "array" or (isinstance(types, list) and "array" in types)
        ) and "items" not in node:
            problems.append(f"{pointer}: array without items")
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.count("/") != 3:
            problems.append(f"{pointer}: $ref {ref} points inside a component")
        if node.get("additionalProperties") is False:
            problems.append(f"{pointer}: additionalProperties false")
        if "allOf" in node:
            problems.append(f"{pointer}: allOf")
        if "enum" in node and not pointer.endswith("/not"):
            problems.append(f"{pointer}: enum (use a plain string: value sets grow)")
        is_component = pointer.count("/") == 3 and pointer.startswith("#/components/schemas/")
        if (types == "object" or "properties" in node) and not is_component:
            problems.append(f"{pointer}: inline object (make it a named component)")
    assert problems == []


def test_credentials_union_is_discriminated_with_a_fallback_last(spec: dict[str, Any]) -> None:
    """Each Credentials member is a $ref with a required `type` const; the last keeps unknown types."""
    schemas = spec["components"]["schemas"]
    members = [m["$ref"].rsplit("/", 1)[1] for m in schemas["Credentials"]["oneOf"]]
    consts = set()
    for name in members[:-1]:
        member = schemas[name]
        assert "type" in member["required"], name
        consts.add(member["properties"]["type"]["const"])
    assert consts == CREDENTIAL_TYPES
    fallback = schemas[members[-1]]
    assert members[-1] == "UnknownCredentials"
    assert fallback["required"] == ["type"]
    assert fallback["properties"]["type"]["type"] == "string"
    assert set(fallback["properties"]["type"]["not"]["enum"]) == consts


@pytest.mark.parametrize(
    ("credentials", "member"),
    [
        ({"type": "OAUTH2", "access_token": "t", "raw": {"scope": "repo"}}, "OAuth2Credentials"),
        ({"type": "API_KEY", "apiKey": "k"}, "ApiKeyCredentials"),
        ({"type": "BASIC", "username": "u", "password": "p"}, "BasicCredentials"),
        ({"type": "MCP_OAUTH2", "access_token": "t"}, "UnknownCredentials"),
    ],
)
def test_credentials_match_exactly_one_union_member(
    spec: dict[str, Any], credentials: dict[str, Any], member: str
) -> None:
    """oneOf holds for strict validators: known types match only their member, new ones the fallback."""
    components = spec["components"]
    union = {"$ref": "#/components/schemas/Credentials", "components": components}
    jsonschema.Draft202012Validator(union).validate(credentials)
    matching = [
        ref["$ref"].rsplit("/", 1)[1]
        for ref in components["schemas"]["Credentials"]["oneOf"]
        if jsonschema.Draft202012Validator({**ref, "components": components}).is_valid(credentials)
    ]
    assert matching == [member]


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/integrations", "post", "200"),
        ("/connect/sessions", "post", "201"),
        ("/connect/session", "delete", "204"),
        ("/connections", "post", "201"),
        ("/connections/metadata", "post", "201"),
        ("/connections/metadata", "patch", "200"),
        ("/action/trigger", "post", "202"),
    ],
)
def test_success_status_codes_follow_the_real_server(
    spec: dict[str, Any], path: str, method: str, status: str
) -> None:
    """The success status of each surprising operation is the one the real server sends."""
    statuses = [s for s in spec["paths"][path][method]["responses"] if s.startswith("2")]
    assert status in statuses


def test_connect_session_token_is_the_only_auth_of_the_current_session(
    spec: dict[str, Any],
) -> None:
    """GET/DELETE /connect/session take the session token; the rest default to the secret key."""
    for method in ("get", "delete"):
        assert spec["paths"]["/connect/session"][method]["security"] == [
            {"connectSessionToken": []}
        ]
    assert spec["security"] == [{"secretKey": []}]


def test_json_body_operations_declare_body_errors(spec: dict[str, Any]) -> None:
    """Every operation taking a JSON body (the proxy aside) declares 415 and 400 error bodies."""
    missing = []
    for method, path, op in _operations(spec):
        content = op.get("requestBody", {}).get("content", {})
        if "application/json" not in content or path.startswith("/proxy/"):
            continue
        for status in ("400", "415"):
            response = _resolve(spec, op["responses"].get(status, {}))
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            if schema.get("$ref") != "#/components/schemas/ErrorResponse":
                missing.append(f"{method.upper()} {path} {status}")
    assert missing == []
