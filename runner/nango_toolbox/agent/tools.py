"""The MCP tools as plain data: name, description, JSON Schemas (2020-12), hints, and the decision
each one calls (the same functions as the commands). ``mcp_server`` only serves this catalog.

Names follow Nango's own MCP servers where they overlap (``integrations_*``, ``connections_*``,
``connect_session_create``, ``proxy_request`` with Nango's argument names), then ours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from . import ops_calls, ops_setup
from .core import OUTCOMES, Toolbox, ToolboxError
from .preview import DEFAULT_MAX_BYTES, MIN_MAX_BYTES

__all__ = ["SCHEMA_DIALECT", "ToolSpec", "call_tool", "catalog", "check_arguments"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class ToolSpec:
    """One tool: what it is called, what it takes and gives, and what it calls."""

    name: str
    description: str
    properties: Mapping[str, Any]
    required: tuple[str, ...]
    call: Callable[..., dict[str, Any]]
    read_only: bool = False
    destructive: bool = False
    output: Mapping[str, Any] = field(default_factory=dict)
    output_description: str = ""

    def input_schema(self) -> dict[str, Any]:
        """The JSON Schema of the arguments (unknown arguments are refused)."""
        return {
            "$schema": SCHEMA_DIALECT,
            "type": "object",
            "properties": dict(self.properties),
            "required": list(self.required),
            "additionalProperties": False,
        }

    def output_schema(self) -> dict[str, Any]:
        """The JSON Schema of the structured result (every outcome shares its envelope)."""
        schema: dict[str, Any] = {
            "$schema": SCHEMA_DIALECT,
            "type": "object",
            "properties": {**_ENVELOPE, **self.output},
            "required": ["outcome"],
        }
        if self.output_description:
            schema["description"] = self.output_description
        return schema


# -- schema pieces -----------------------------------------------------------------------------

_STR = {"type": "string"}
_OBJ = {"type": "object"}
_LINK = {
    "type": "object",
    "description": "The link to send to the end user as it is (it expires in about 30 minutes).",
    "properties": {
        "url": _STR,
        "expires_at": {"type": ["string", "null"]},
        "integration": _STR,
        "reconnect": {"type": "boolean"},
    },
}
_CONNECTION = {
    "type": "object",
    "description": "A connection as Nango's MCP shows it (never its credentials).",
    "properties": {
        "connection_id": _STR,
        "provider_config_key": _STR,
        "provider": {"type": ["string", "null"]},
        "end_user": {"type": ["object", "null"]},
        "tags": _OBJ,
        "metadata": _OBJ,
        "errors": {"type": "array"},
    },
}
_ENVELOPE: dict[str, Any] = {
    "outcome": {
        "enum": list(OUTCOMES),
        "description": "ok; needs_person (give the person connect_link, or ask for needs); "
        "choose (ask which of candidates); dry_run",
    },
    "message": _STR,
    "connect_link": _LINK,
    "candidates": {"type": "array", "items": _CONNECTION},
    "needs": {"type": "array", "items": _STR},
    "request": _OBJ,
}
_PREVIEW: dict[str, Any] = {
    "total_bytes": {"type": "integer"},
    "truncated": {"type": "boolean"},
    "note": {"type": "string", "description": "How to get the rest of a cut value."},
    "saved_to": _STR,
}


def _p(kind: Any, description: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **extra}


INTEGRATION = _p("string", "The integration's unique key (provider config key).")
CONNECTION_ID = _p(
    "string",
    "The connection to use. Without it: the one connection of the integration (or of "
    "end_user_id); several come back as candidates to choose from.",
)
END_USER_ID = _p("string", "Your id for the end user (narrows the connection).")
SCOPES = _p(
    ["array", "string"],
    "Scopes: a list, or comma-separated without spaces (a,b).",
    items=_STR,
)
SELECT = _p("string", "Return only this part: a JSON pointer (/items/0) or a dotted path.")
SAVE_TO = _p("string", "Also write the whole value (as JSON) to this local file.")
MAX_BYTES = _p(
    "integer",
    "Preview size in bytes (default 20000).",
    minimum=MIN_MAX_BYTES,
    default=DEFAULT_MAX_BYTES,
)
WAIT = _p(
    "number",
    "Seconds to wait for the end user (default 0: return the link at once; after handing "
    "the link on, call again with a wait to return as soon as they have connected).",
    minimum=0,
    maximum=600,
)
_CALLS = {"select": SELECT, "save_to": SAVE_TO, "max_bytes": MAX_BYTES}


def _setup_tools() -> list[ToolSpec]:
    app = {
        "client_id": _p("string", "The OAuth app's client id (your own app at the provider)."),
        "client_secret": _p("string", "The OAuth app's client secret."),
        "scopes": SCOPES,
    }
    return [
        ToolSpec(
            "integrations_list",
            "List the integrations set up in Nango.",
            {},
            (),
            lambda tb: ops_setup.integrations_list(tb),
            read_only=True,
            output={"integrations": {"type": "array", "items": _OBJ}},
        ),
        ToolSpec(
            "integrations_get",
            "One integration: provider, display name, auth type and configured scopes.",
            {"integration_id": INTEGRATION},
            ("integration_id",),
            ops_setup.integrations_get,
            read_only=True,
            output={"integration": _OBJ},
        ),
        ToolSpec(
            "integrations_create",
            "Create an integration as given (integration_ensure applies the rules by auth mode).",
            {
                "provider": _p("string", "The provider's name (see providers_search)."),
                "unique_key": _p("string", "The integration's key (default: the provider)."),
                "display_name": _STR,
                **app,
            },
            ("provider",),
            ops_setup.integrations_create,
            output={"integration": _OBJ, "created": {"type": "boolean"}},
        ),
        ToolSpec(
            "integrations_update",
            "Change an integration's display name or OAuth app (client id, secret, scopes).",
            {"integration_id": INTEGRATION, "display_name": _STR, **app},
            ("integration_id",),
            ops_setup.integrations_update,
            output={"integration": _OBJ},
        ),
        ToolSpec(
            "integrations_delete",
            "Delete an integration and all its connections.",
            {"integration_id": INTEGRATION},
            ("integration_id",),
            ops_setup.integrations_delete,
            destructive=True,
            output={"deleted": _STR},
        ),
        ToolSpec(
            "providers_search",
            "Search the providers Nango supports by name; each with its auth mode.",
            {
                "search": _p("string", "Part of the provider's name, e.g. google or slack."),
                "limit": _p("integer", "At most this many.", minimum=1, default=50),
            },
            (),
            ops_setup.providers_search,
            read_only=True,
            output={"providers": {"type": "array", "items": _OBJ}, "total": {"type": "integer"}},
        ),
        ToolSpec(
            "integration_ensure",
            "Get the provider's integration or create it by its auth mode: API key, Basic, "
            "OAuth client credentials and the rest are created (the end user gives their "
            "details in the connect link); OAuth needs client_id and client_secret, or a "
            "person to enable it in the Nango dashboard (outcome needs_person).",
            {
                "provider": _p("string", "The provider's name (see providers_search)."),
                "unique_key": _p("string", "The integration's key (default: the provider)."),
                **app,
            },
            ("provider",),
            ops_setup.integration_ensure,
            output={"integration": _OBJ},
        ),
        ToolSpec(
            "connections_list",
            "List connections (newest first), without credentials.",
            {
                "integration_id": INTEGRATION,
                "end_user_id": END_USER_ID,
                "limit": _p("integer", "At most this many.", minimum=1, maximum=2000, default=100),
                "page": _p("integer", "Zero-based page of limit connections.", minimum=0),
                "max_bytes": MAX_BYTES,
            },
            (),
            ops_setup.connections_list,
            read_only=True,
            output={
                "connections": {"type": "array", "items": _CONNECTION},
                "count": {"type": "integer"},
                **_PREVIEW,
            },
        ),
        ToolSpec(
            "connections_get",
            "One connection: end user, tags, metadata, errors and granted scopes (no credentials).",
            {"integration_id": INTEGRATION, "connection_id": _p("string", "The connection id.")},
            ("integration_id", "connection_id"),
            ops_setup.connections_get,
            read_only=True,
            output={"connection": _CONNECTION},
        ),
        ToolSpec(
            "connect_session_create",
            "A new connect link for the end user, limited to one integration (outcome "
            "needs_person: send the link as it is; it expires in about 30 minutes).",
            {
                "integration_id": INTEGRATION,
                "end_user_id": END_USER_ID,
                "end_user_email": _STR,
                "end_user_display_name": _STR,
            },
            ("integration_id", "end_user_id"),
            ops_setup.connect_session_create,
        ),
        ToolSpec(
            "connection_ensure",
            "The end user's connection: the one that exists, several candidates to choose "
            "from (outcome choose), or a connect link for the end user (needs_person).",
            {
                "integration_id": INTEGRATION,
                "end_user_id": END_USER_ID,
                "connection_id": _p("string", "Use this connection (checks that it exists)."),
                "wait": WAIT,
            },
            ("integration_id",),
            ops_setup.connection_ensure,
            output={"connection": _CONNECTION},
        ),
        ToolSpec(
            "scopes_check",
            "Compare a connection's granted scopes with require; grant adds missing scopes to "
            "the integration and returns a reconnect link for the end user (needs_person).",
            {
                "integration_id": INTEGRATION,
                "connection_id": CONNECTION_ID,
                "end_user_id": END_USER_ID,
                "require": SCOPES,
                "grant": SCOPES,
                "wait": WAIT,
            },
            ("integration_id",),
            ops_setup.scopes_check,
            output={
                "connection_id": _STR,
                "granted": {"type": "array", "items": _STR},
                "missing": {"type": "array"},
                "satisfied": {"type": "boolean"},
            },
        ),
    ]


def _call_tools() -> list[ToolSpec]:
    return [
        ToolSpec(
            "proxy_request",
            "Call the provider's API through Nango's proxy (credentials injected by Nango): "
            "for one or two calls; for more, prefer a deployed action. Returns "
            "{status, headers, body}, the body bounded (see note when cut).",
            {
                "integration_id": INTEGRATION,
                "connection_id": CONNECTION_ID,
                "end_user_id": END_USER_ID,
                "method": _p(
                    "string", "HTTP method.", enum=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]
                ),
                "path": _p("string", "The provider API path, e.g. /user."),
                "query_params": _p(
                    "object",
                    "Query parameters.",
                    additionalProperties={"type": ["string", "number", "boolean", "array"]},
                ),
                "headers": _p("object", "Headers for the provider.", additionalProperties=_STR),
                "body": {"description": "JSON body (a string is sent as text)."},
                "base_url_override": _p("string", "Another base URL for the provider."),
                "retries": _p("integer", "Nango's retries on 5xx/429.", minimum=0, maximum=10),
                "retry_on": _p("array", "Also retry on these statuses.", items={"type": "integer"}),
                "all_pages": _p(
                    "boolean", "Follow the provider's pagination; items of every page in body."
                ),
                "max_pages": _p("integer", "With all_pages: at most this many.", minimum=1),
                **_CALLS,
            },
            ("integration_id", "method", "path"),
            ops_calls.proxy_request,
            destructive=True,
            output={
                # The fields every answer has are described (below), not asserted, but for the
                # status: an MCP client validates each asserted field of every result (the
                # official SDK's jsonschema: ~20 us per field and call, a tenth of what the
                # server itself adds to the proxy call); a true schema is skipped.
                "status": {"type": "integer"},
                "headers": True,
                "body": True,
                "pages": {"type": ["integer", "null"]},
                "connection_id": True,
                **_PREVIEW,
                "total_bytes": True,
            },
            output_description="With outcome ok: status (the provider's HTTP status), headers "
            "(its response headers: an object of strings), body (its answer: JSON, or text), "
            "connection_id (the connection used), total_bytes (the size of body as JSON); with "
            "all_pages also pages; when cut, truncated and a note; with save_to, saved_to.",
        ),
        ToolSpec(
            "action_trigger",
            "Run an action deployed for the integration (see scripts_list).",
            {
                "integration_id": INTEGRATION,
                "action_name": _p("string", "The action's name."),
                "connection_id": CONNECTION_ID,
                "end_user_id": END_USER_ID,
                "input": {"description": "The action's input."},
                "async_run": _p("boolean", "Run in the background; returns its id."),
                "wait": _p("number", "With async_run: wait this many seconds for the output."),
                **_CALLS,
            },
            ("integration_id", "action_name"),
            ops_calls.action_trigger,
            destructive=True,
            output={
                "connection_id": _STR,
                "result": {},
                "id": _STR,
                "status_url": _STR,
                **_PREVIEW,
            },
        ),
        ToolSpec(
            "records_list",
            "One page of the records a sync stored, and next_cursor for the next page.",
            {
                "integration_id": INTEGRATION,
                "model": _p("string", "The model, e.g. GithubIssue."),
                "connection_id": CONNECTION_ID,
                "end_user_id": END_USER_ID,
                "limit": _p("integer", "Records per page.", minimum=1, default=100),
                "cursor": _p("string", "next_cursor of the previous page."),
                "modified_after": _p("string", "ISO 8601 time."),
                "filter": _p(
                    "string", "added, updated or deleted.", enum=["added", "updated", "deleted"]
                ),
                "variant": _STR,
                **_CALLS,
            },
            ("integration_id", "model"),
            ops_calls.records_list,
            read_only=True,
            output={
                "connection_id": _STR,
                "records": {"type": "array"},
                "count": {"type": "integer"},
                "next_cursor": {"type": ["string", "null"]},
                **_PREVIEW,
            },
        ),
        ToolSpec(
            "scripts_list",
            "The actions and syncs deployed per integration.",
            {"integration_id": INTEGRATION},
            (),
            ops_calls.scripts_list,
            read_only=True,
            output={"scripts": {"type": "array", "items": _OBJ}},
        ),
    ]


def _read_only_variant(spec: ToolSpec) -> ToolSpec | None:
    """The tool as a read-only session lists it, or None when it only writes."""
    if spec.read_only:
        return spec
    if spec.name == "proxy_request":
        properties = dict(spec.properties)
        properties["method"] = {**properties["method"], "enum": ["GET", "HEAD"]}
        properties.pop("body")
        return replace(spec, properties=properties, read_only=True, destructive=False)
    if spec.name == "scopes_check":
        properties = {k: v for k, v in spec.properties.items() if k not in ("grant", "wait")}
        return replace(spec, properties=properties, read_only=True)
    return None


def catalog(
    *,
    read_only: bool = False,
    integrations: frozenset[str] | None = None,
    extra: list[ToolSpec] | None = None,
) -> list[ToolSpec]:
    """The tools a session lists: all of them, or the reads only; with ``integrations``, the
    integration arguments are limited to those keys."""
    specs = [*_setup_tools(), *_call_tools(), *(extra or [])]
    if read_only:
        specs = [s for s in map(_read_only_variant, specs) if s is not None]
    if integrations:
        specs = [_limit_integrations(s, integrations) for s in specs]
    return specs


def _limit_integrations(spec: ToolSpec, integrations: frozenset[str]) -> ToolSpec:
    if "integration_id" not in spec.properties:
        return spec
    properties = dict(spec.properties)
    properties["integration_id"] = {**properties["integration_id"], "enum": sorted(integrations)}
    return replace(spec, properties=properties)


def check_arguments(spec: ToolSpec, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments when they fit the input schema, else ToolboxError with one line naming the
    argument (an unknown one lists the allowed ones)."""
    checks = _checks(spec)
    given = dict(arguments)
    if all(name in checks and checks[name](value) for name, value in given.items()) and all(
        given.get(name) not in (None, "") for name in spec.required
    ):  # the usual call: what the checks below would let through, in a fraction of the time
        return given
    allowed = list(spec.properties)
    for name in arguments:
        if name not in spec.properties:
            import difflib

            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ToolboxError(
                f"{spec.name}: unknown argument {name!r} (arguments: "
                f"{', '.join(allowed) or 'none'}){hint}",
                usage=True,
            )
    for name in spec.required:
        if arguments.get(name) in (None, ""):
            raise ToolboxError(f"{spec.name}: missing required argument {name!r}", usage=True)
    validator = _validator(spec)
    given = dict(arguments)
    if _surely_valid(validator.schema, given):
        return given
    for error in validator.iter_errors(given):
        where = "/".join(str(p) for p in error.absolute_path) or "arguments"
        raise ToolboxError(f"{spec.name}: argument {where}: {error.message}", usage=True)
    return given


# Keywords jsonschema does not assert here (Draft202012Validator without a format checker).
_ANNOTATIONS = frozenset(
    {"$schema", "$comment", "title", "description", "default", "examples", "format"}
    | {"readOnly", "writeOnly", "deprecated"}
)
_SCALARS = (str, int, float, bool, type(None))
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def _surely_valid(schema: Any, value: Any) -> bool:
    """True when ``value`` certainly fits ``schema``; False when it may not, and then jsonschema
    decides and explains. Understands the keywords the tools' schemas use (type, enum, minimum,
    maximum, items, properties, required, additionalProperties), each at least as strictly as
    jsonschema; any other keyword is "not sure". A valid call is checked in a few microseconds
    instead of jsonschema's ~25."""
    if schema is True or schema == {}:
        return True
    if not isinstance(schema, dict):
        return False
    for keyword, expected in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "type":
            kinds = expected if isinstance(expected, list) else [expected]
            if not any(kind in _TYPES and _TYPES[kind](value) for kind in kinds):
                return False
        elif keyword == "enum":  # scalars only: 1 == True, and {"a": 1} == {"a": True}
            if type(value) not in _SCALARS:
                return False
            if not any(type(value) is type(e) and value == e for e in expected):
                return False
        elif keyword in ("minimum", "maximum"):
            if not _TYPES["number"](value) or not _TYPES["number"](expected):
                return False
            if value < expected if keyword == "minimum" else value > expected:
                return False
        elif keyword == "items":
            if not isinstance(value, list) or not all(_surely_valid(expected, v) for v in value):
                return False
        elif keyword == "properties":
            if not isinstance(value, dict) or not isinstance(expected, dict):
                return False
            if not all(_surely_valid(expected[k], v) for k, v in value.items() if k in expected):
                return False
        elif keyword == "required":
            if not isinstance(value, dict) or not all(k in value for k in expected):
                return False
        elif keyword == "additionalProperties":
            if not isinstance(value, dict):
                return False
            known = schema.get("properties", {})
            if not all(_surely_valid(expected, v) for k, v in value.items() if k not in known):
                return False
        else:
            return False
    return True


_CHECKS: dict[int, tuple[ToolSpec, dict[str, Callable[[Any], bool]]]] = {}


def _checks(spec: ToolSpec) -> dict[str, Callable[[Any], bool]]:
    """Per argument, a check at least as strict as ``_surely_valid`` of its schema (the common
    schemas get a one-line check), made once per tool."""
    known = _CHECKS.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    checks = {name: _check(schema) for name, schema in spec.properties.items()}
    _CHECKS[id(spec)] = (spec, checks)
    return checks


def _is_str(value: Any) -> bool:
    return type(value) is str


def _check(schema: Any) -> Callable[[Any], bool]:
    asserted = (
        {k: v for k, v in schema.items() if k not in _ANNOTATIONS}
        if isinstance(schema, dict)
        else None
    )
    if asserted == {"type": "string"}:
        return _is_str
    if (
        asserted is not None
        and asserted.keys() == {"type", "enum"}
        and asserted["type"] == "string"
        and all(type(e) is str for e in asserted["enum"])
    ):
        choices = frozenset(asserted["enum"])
        return lambda value: type(value) is str and value in choices
    return lambda value: _surely_valid(schema, value)


_VALIDATORS: dict[int, tuple[ToolSpec, Any]] = {}


def _validator(spec: ToolSpec) -> Any:
    """The compiled input-schema validator of a tool (compiled once per tool)."""
    known = _VALIDATORS.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(spec.input_schema())
    _VALIDATORS[id(spec)] = (spec, validator)
    return validator


def call_tool(tb: Toolbox, spec: ToolSpec, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """Check the arguments, then make the tool's decision."""
    return spec.call(tb, **check_arguments(spec, arguments))
