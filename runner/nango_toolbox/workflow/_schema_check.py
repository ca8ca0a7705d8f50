# Generated from schema.json by scripts/gen_schema_check.py: do not edit.
# Change schema.json and run `make generate` (CI checks the two agree).
"""Whether plain data loaded from a workflow file is valid under schema.json, without jsonschema.

``is_valid`` answers as jsonschema's Draft 2020-12 validator would for YAML's plain data; it does not
say why. `validate` runs jsonschema only when it says no, to explain every problem.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not typing's: `nango-run validate` does not import typing for this
if TYPE_CHECKING:
    from typing import Any

__all__ = ["STEP_KINDS", "is_valid"]

STEP_KINDS = (
    "ensure_integration",
    "connection",
    "check_scopes",
    "proxy",
    "action",
    "call",
    "records",
    "sync",
    "metadata",
    "discover",
    "for_each",
)
"""The step kinds, in the order the schema lists them."""

_K0: frozenset[str] = frozenset([])
_K1: frozenset[str] = frozenset(
    ["$schema", "description", "inputs", "name", "outputs", "steps", "version"]
)
_E2: frozenset[str] = frozenset(["string", "integer", "number", "boolean", "array", "object"])
_K3: frozenset[str] = frozenset(["default", "description", "required", "type"])
_P4 = re.compile("^[A-Za-z_][A-Za-z0-9_-]*$")
_K5: frozenset[str] = frozenset(
    [
        "action",
        "call",
        "check_scopes",
        "connection",
        "continue_on_error",
        "discover",
        "ensure_integration",
        "for_each",
        "id",
        "if",
        "metadata",
        "name",
        "proxy",
        "records",
        "retries",
        "retry_delay",
        "sync",
        "timeout",
    ]
)
_P6 = re.compile("^\\s*[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|h)?\\s*$")
_K7: frozenset[str] = frozenset(["client_id", "client_secret", "scopes"])
_K8: frozenset[str] = frozenset(["credentials", "display_name", "provider", "unique_key"])
_K9: frozenset[str] = frozenset(
    ["connection_id", "end_user", "integration", "poll_interval", "tags", "wait"]
)
_K10: frozenset[str] = frozenset(["any_of"])
_E11: frozenset[str] = frozenset(["fail", "update_and_reconnect"])
_K12: frozenset[str] = frozenset(
    ["allow_recreate", "any_of", "connection", "on_missing", "poll_interval", "require", "wait"]
)
_K13: frozenset[str] = frozenset(
    [
        "base_url_override",
        "body",
        "connection",
        "expect",
        "headers",
        "json",
        "max_items",
        "max_pages",
        "method",
        "paginate",
        "params",
        "path",
        "retries",
        "retry_on",
    ]
)
_K14: frozenset[str] = frozenset(["async", "connection", "input", "name", "wait"])
_K15: frozenset[str] = frozenset(["action", "connection", "proxy"])
_K16: frozenset[str] = frozenset(
    [
        "all_pages",
        "connection",
        "cursor",
        "filter",
        "limit",
        "max_records",
        "model",
        "modified_after",
        "save_to",
        "variant",
    ]
)
_E17: frozenset[str] = frozenset(["trigger", "start", "pause", "status"])
_K18: frozenset[str] = frozenset(
    ["connection", "full_resync", "operation", "poll_interval", "syncs", "wait"]
)
_E19: frozenset[str] = frozenset(["get", "set", "update"])
_K20: frozenset[str] = frozenset(["connection", "metadata", "operation"])
_E21: frozenset[str] = frozenset(["integrations", "connections", "actions", "syncs"])
_K22: frozenset[str] = frozenset(["end_user_id", "integration", "what"])
_E23: frozenset[str] = frozenset(["fail", "continue"])
_K24: frozenset[str] = frozenset(["as", "concurrency", "items", "on_item_failure", "steps"])
_P25 = re.compile("^\\s*\\$\\{\\{.*\\}\\}\\s*$")
_K26: frozenset[str] = frozenset(["display_name", "id"])
_K27: frozenset[str] = frozenset(["display_name", "email", "id", "organization"])
_K28: frozenset[str] = frozenset([])
_K29: frozenset[str] = frozenset(["connection_id", "integration"])
_E30: frozenset[str] = frozenset(["GET", "POST", "PUT", "PATCH", "DELETE"])
_K31: frozenset[str] = frozenset(["input", "name"])
_K32: frozenset[str] = frozenset(
    [
        "base_url_override",
        "body",
        "expect",
        "headers",
        "json",
        "max_items",
        "max_pages",
        "method",
        "paginate",
        "params",
        "path",
        "retries",
        "retry_on",
    ]
)
_E33: frozenset[str] = frozenset(["link", "cursor", "offset"])
_E34: frozenset[str] = frozenset(["per-page", "by-response-size"])
_K35: frozenset[str] = frozenset(
    [
        "cursor_name_in_request",
        "cursor_path_in_response",
        "in_body",
        "limit",
        "limit_name_in_request",
        "link_path_in_response_body",
        "link_rel_in_response_header",
        "offset_calculation_method",
        "offset_name_in_request",
        "offset_start_value",
        "page_name_in_request",
        "response_path",
        "type",
    ]
)


def _s1(x: Any) -> bool:
    return _is_number(x) and x in (1,)


def _s2(x: Any) -> bool:
    return isinstance(x, str) and len(x) >= 1


def _s3(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and all(k in _K0 or _def_input(v) for k, v in x.items())
        and all(_def_identifier(k) for k in x)
    )


def _s4(x: Any) -> bool:
    return isinstance(x, list) and len(x) >= 1 and all(_def_step(v) for v in x)


def _s5(x: Any) -> bool:
    return isinstance(x, dict) and all(_def_identifier(k) for k in x)


def is_valid(x: Any) -> bool:
    """Whether ``x`` is valid under schema.json."""
    return (
        isinstance(x, dict)
        and "version" in x
        and "name" in x
        and "steps" in x
        and ("$schema" not in x or isinstance(x["$schema"], str))
        and _s1(x["version"])
        and _s2(x["name"])
        and ("description" not in x or isinstance(x["description"], str))
        and ("inputs" not in x or _s3(x["inputs"]))
        and _s4(x["steps"])
        and ("outputs" not in x or _s5(x["outputs"]))
        and _K1.issuperset(x)
    )


def _s6(x: Any) -> bool:
    return isinstance(x, str) and x in _E2


def _def_input(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and ("type" not in x or _s6(x["type"]))
        and ("description" not in x or isinstance(x["description"], str))
        and ("required" not in x or isinstance(x["required"], bool))
        and _K3.issuperset(x)
    )


def _def_identifier(x: Any) -> bool:
    return isinstance(x, str) and _P4.search(x) is not None


def _s7(x: Any) -> bool:
    return isinstance(x, bool | str)


def _def_step(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "id" in x
        and _def_identifier(x["id"])
        and ("name" not in x or isinstance(x["name"], str))
        and ("if" not in x or _s7(x["if"]))
        and ("retries" not in x or _def_integer(x["retries"]))
        and ("retry_delay" not in x or _def_duration(x["retry_delay"]))
        and ("timeout" not in x or _def_duration(x["timeout"]))
        and ("continue_on_error" not in x or _def_boolean(x["continue_on_error"]))
        and ("ensure_integration" not in x or _def_ensure_integration(x["ensure_integration"]))
        and ("connection" not in x or _def_connection(x["connection"]))
        and ("check_scopes" not in x or _def_check_scopes(x["check_scopes"]))
        and ("proxy" not in x or _def_proxy(x["proxy"]))
        and ("action" not in x or _def_action(x["action"]))
        and ("call" not in x or _def_call(x["call"]))
        and ("records" not in x or _def_records(x["records"]))
        and ("sync" not in x or _def_sync(x["sync"]))
        and ("metadata" not in x or _def_metadata(x["metadata"]))
        and ("discover" not in x or _def_discover(x["discover"]))
        and ("for_each" not in x or _def_for_each(x["for_each"]))
        and _K5.issuperset(x)
        and sum(
            (
                ("ensure_integration" in x),
                ("connection" in x),
                ("check_scopes" in x),
                ("proxy" in x),
                ("action" in x),
                ("call" in x),
                ("records" in x),
                ("sync" in x),
                ("metadata" in x),
                ("discover" in x),
                ("for_each" in x),
            )
        )
        == 1
    )


def _s8(x: Any) -> bool:
    return _is_integer(x) and x >= 0


def _def_integer(x: Any) -> bool:
    return _s8(x) or _def_expression(x)


def _s9(x: Any) -> bool:
    return _is_number(x) and x >= 0


def _s10(x: Any) -> bool:
    return isinstance(x, str) and _P6.search(x) is not None


def _def_duration(x: Any) -> bool:
    return _s9(x) or _s10(x) or _def_expression(x)


def _def_boolean(x: Any) -> bool:
    return isinstance(x, bool) or _def_expression(x)


def _s13(x: Any) -> bool:
    return isinstance(x, list) and all(isinstance(v, str) for v in x)


def _s12(x: Any) -> bool:
    return isinstance(x, str) or _s13(x)


def _s11(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and ("client_id" not in x or isinstance(x["client_id"], str))
        and ("client_secret" not in x or isinstance(x["client_secret"], str))
        and ("scopes" not in x or _s12(x["scopes"]))
        and _K7.issuperset(x)
    )


def _def_ensure_integration(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "provider" in x
        and isinstance(x["provider"], str)
        and ("unique_key" not in x or isinstance(x["unique_key"], str))
        and ("display_name" not in x or isinstance(x["display_name"], str))
        and ("credentials" not in x or _s11(x["credentials"]))
        and _K8.issuperset(x)
    )


def _def_connection(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "integration" in x
        and isinstance(x["integration"], str)
        and ("connection_id" not in x or isinstance(x["connection_id"], str))
        and ("end_user" not in x or _def_end_user(x["end_user"]))
        and ("tags" not in x or _def_string_map(x["tags"]))
        and ("wait" not in x or _def_duration(x["wait"]))
        and ("poll_interval" not in x or _def_duration(x["poll_interval"]))
        and _K9.issuperset(x)
    )


def _s16(x: Any) -> bool:
    return isinstance(x, str) and len(x) >= 1


def _s19(x: Any) -> bool:
    return isinstance(x, str) and len(x) >= 1


def _s18(x: Any) -> bool:
    return isinstance(x, list) and len(x) >= 1 and all(_s19(v) for v in x)


def _s17(x: Any) -> bool:
    return isinstance(x, dict) and "any_of" in x and _s18(x["any_of"]) and _K10.issuperset(x)


def _s15(x: Any) -> bool:
    return _s16(x) or _s17(x)


def _s14(x: Any) -> bool:
    return isinstance(x, list) and all(_s15(v) for v in x)


def _s21(x: Any) -> bool:
    return isinstance(x, str) and len(x) >= 1


def _s20(x: Any) -> bool:
    return isinstance(x, list) and len(x) >= 1 and all(_s21(v) for v in x)


def _s22(x: Any) -> bool:
    return isinstance(x, str) and x in _E11


def _def_check_scopes(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "connection" in x
        and _def_connection_ref(x["connection"])
        and ("require" not in x or _s14(x["require"]))
        and ("any_of" not in x or _s20(x["any_of"]))
        and ("on_missing" not in x or _s22(x["on_missing"]))
        and ("allow_recreate" not in x or isinstance(x["allow_recreate"], bool))
        and ("wait" not in x or _def_duration(x["wait"]))
        and ("poll_interval" not in x or _def_duration(x["poll_interval"]))
        and _K12.issuperset(x)
    )


def _def_proxy(x: Any) -> bool:
    return (
        _def_proxy_fields(x)
        and isinstance(x, dict)
        and "connection" in x
        and "path" in x
        and _def_connection_ref(x["connection"])
        and _K13.issuperset(x)
    )


def _def_action(x: Any) -> bool:
    return (
        _def_action_fields(x)
        and isinstance(x, dict)
        and "connection" in x
        and "name" in x
        and _def_connection_ref(x["connection"])
        and ("async" not in x or _def_boolean(x["async"]))
        and ("wait" not in x or _def_duration(x["wait"]))
        and _K14.issuperset(x)
    )


def _def_call(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "connection" in x
        and _def_connection_ref(x["connection"])
        and ("action" not in x or _def_action_request(x["action"]))
        and ("proxy" not in x or _def_proxy_request(x["proxy"]))
        and _K15.issuperset(x)
        and (("action" in x) or ("proxy" in x))
    )


def _def_records(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "connection" in x
        and "model" in x
        and _def_connection_ref(x["connection"])
        and isinstance(x["model"], str)
        and ("variant" not in x or isinstance(x["variant"], str))
        and ("filter" not in x or isinstance(x["filter"], str))
        and ("modified_after" not in x or isinstance(x["modified_after"], str))
        and ("cursor" not in x or isinstance(x["cursor"], str))
        and ("limit" not in x or _def_integer(x["limit"]))
        and ("all_pages" not in x or _def_boolean(x["all_pages"]))
        and ("max_records" not in x or _def_integer(x["max_records"]))
        and ("save_to" not in x or isinstance(x["save_to"], str))
        and _K16.issuperset(x)
    )


def _s23(x: Any) -> bool:
    return isinstance(x, str) and x in _E17


def _s24(x: Any) -> bool:
    return isinstance(x, list) and len(x) >= 1 and all(isinstance(v, str) for v in x)


def _def_sync(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "connection" in x
        and "operation" in x
        and "syncs" in x
        and _def_connection_ref(x["connection"])
        and _s23(x["operation"])
        and _s24(x["syncs"])
        and ("full_resync" not in x or _def_boolean(x["full_resync"]))
        and ("wait" not in x or _def_duration(x["wait"]))
        and ("poll_interval" not in x or _def_duration(x["poll_interval"]))
        and _K18.issuperset(x)
    )


def _s25(x: Any) -> bool:
    return isinstance(x, str) and x in _E19


def _def_metadata(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "connection" in x
        and _def_connection_ref(x["connection"])
        and ("operation" not in x or _s25(x["operation"]))
        and ("metadata" not in x or isinstance(x["metadata"], dict | str))
        and _K20.issuperset(x)
    )


def _s26(x: Any) -> bool:
    return isinstance(x, str) and x in _E21


def _def_discover(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "what" in x
        and _s26(x["what"])
        and ("integration" not in x or isinstance(x["integration"], str))
        and ("end_user_id" not in x or isinstance(x["end_user_id"], str))
        and _K22.issuperset(x)
    )


def _s27(x: Any) -> bool:
    return isinstance(x, list) or _def_expression(x)


def _s29(x: Any) -> bool:
    return _is_integer(x) and x >= 1 and x <= 64


def _s28(x: Any) -> bool:
    return _s29(x) or _def_expression(x)


def _s30(x: Any) -> bool:
    return isinstance(x, str) and x in _E23


def _s31(x: Any) -> bool:
    return isinstance(x, list) and len(x) >= 1 and all(_def_step(v) for v in x)


def _def_for_each(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "items" in x
        and "steps" in x
        and _s27(x["items"])
        and ("as" not in x or _def_identifier(x["as"]))
        and ("concurrency" not in x or _s28(x["concurrency"]))
        and ("on_item_failure" not in x or _s30(x["on_item_failure"]))
        and _s31(x["steps"])
        and _K24.issuperset(x)
    )


def _def_expression(x: Any) -> bool:
    return isinstance(x, str) and _P25.search(x) is not None


def _s32(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "id" in x
        and isinstance(x["id"], str)
        and ("display_name" not in x or isinstance(x["display_name"], str))
        and _K26.issuperset(x)
    )


def _def_end_user(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "id" in x
        and isinstance(x["id"], str)
        and ("email" not in x or isinstance(x["email"], str))
        and ("display_name" not in x or isinstance(x["display_name"], str))
        and ("organization" not in x or _s32(x["organization"]))
        and _K27.issuperset(x)
    )


def _def_string_map(x: Any) -> bool:
    return isinstance(x, dict) and all(
        k in _K28 or (isinstance(v, str | bool) or _is_number(v)) for k, v in x.items()
    )


def _s33(x: Any) -> bool:
    return isinstance(x, str) and len(x) >= 1


def _s34(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and "integration" in x
        and "connection_id" in x
        and isinstance(x["integration"], str)
        and isinstance(x["connection_id"], str)
        and _K29.issuperset(x)
    )


def _def_connection_ref(x: Any) -> bool:
    return _s33(x) or _s34(x)


def _s35(x: Any) -> bool:
    return isinstance(x, str) and x in _E30


def _s36(x: Any) -> bool:
    return isinstance(x, list) and all(_is_integer(v) for v in x)


def _s37(x: Any) -> bool:
    return isinstance(x, bool) or _def_paginate(x)


def _s39(x: Any) -> bool:
    return _is_integer(x) and x >= 100 and x <= 599


def _s38(x: Any) -> bool:
    return isinstance(x, list) and all(_s39(v) for v in x)


def _def_proxy_fields(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and ("method" not in x or _s35(x["method"]))
        and ("path" not in x or isinstance(x["path"], str))
        and ("params" not in x or isinstance(x["params"], dict | str))
        and ("body" not in x or isinstance(x["body"], str))
        and ("headers" not in x or _def_string_map(x["headers"]))
        and ("retries" not in x or _def_integer(x["retries"]))
        and ("retry_on" not in x or _s36(x["retry_on"]))
        and ("base_url_override" not in x or isinstance(x["base_url_override"], str))
        and ("paginate" not in x or _s37(x["paginate"]))
        and ("max_pages" not in x or _def_integer(x["max_pages"]))
        and ("max_items" not in x or _def_integer(x["max_items"]))
        and ("expect" not in x or _s38(x["expect"]))
    )


def _def_action_fields(x: Any) -> bool:
    return isinstance(x, dict) and ("name" not in x or isinstance(x["name"], str))


def _def_action_request(x: Any) -> bool:
    return _def_action_fields(x) and (
        not isinstance(x, dict) or ("name" in x and _K31.issuperset(x))
    )


def _def_proxy_request(x: Any) -> bool:
    return _def_proxy_fields(x) and (
        not isinstance(x, dict) or ("path" in x and _K32.issuperset(x))
    )


def _s40(x: Any) -> bool:
    return isinstance(x, str) and x in _E33


def _s41(x: Any) -> bool:
    return isinstance(x, str) and x in _E34


def _def_paginate(x: Any) -> bool:
    return (
        isinstance(x, dict)
        and ("type" not in x or _s40(x["type"]))
        and ("limit" not in x or _def_integer(x["limit"]))
        and ("limit_name_in_request" not in x or isinstance(x["limit_name_in_request"], str))
        and ("response_path" not in x or isinstance(x["response_path"], str))
        and ("in_body" not in x or isinstance(x["in_body"], bool))
        and (
            "link_rel_in_response_header" not in x
            or isinstance(x["link_rel_in_response_header"], str)
        )
        and (
            "link_path_in_response_body" not in x
            or isinstance(x["link_path_in_response_body"], str)
        )
        and ("page_name_in_request" not in x or isinstance(x["page_name_in_request"], str))
        and ("cursor_path_in_response" not in x or isinstance(x["cursor_path_in_response"], str))
        and ("cursor_name_in_request" not in x or isinstance(x["cursor_name_in_request"], str))
        and ("offset_name_in_request" not in x or isinstance(x["offset_name_in_request"], str))
        and ("offset_start_value" not in x or _is_integer(x["offset_start_value"]))
        and ("offset_calculation_method" not in x or _s41(x["offset_calculation_method"]))
        and _K35.issuperset(x)
    )


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _is_integer(x: Any) -> bool:
    if isinstance(x, float):
        return x.is_integer()
    return isinstance(x, int) and not isinstance(x, bool)
