"""Reading requests the way Nango does: JSON bodies, known query parameters, required headers."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request

from .errors import (
    ApiError,
    field_error,
    invalid_body,
    invalid_headers,
    invalid_query,
    invalid_uri,
)


async def read_json(request: Request, *, required: bool = True) -> Any:
    """The parsed JSON body: 415 ``invalid_content_type`` / 400 ``invalid_json`` like Nango."""
    raw = await request.body()
    if not raw.strip():
        if required:
            raise invalid_body(field_error([], "Required", "invalid_type"))
        return None
    content_type = request.headers.get("content-type", "")
    if content_type and "json" not in content_type.split(";")[0].lower():
        raise ApiError(
            415, "invalid_content_type", f"Unsupported content type '{content_type}', send JSON"
        )
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ApiError(400, "invalid_json", f"Invalid JSON body: {exc.msg}") from None
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "Invalid JSON body: not UTF-8") from None


async def read_object(request: Request, *, required: bool = True) -> dict[str, Any]:
    """A JSON object body; anything else is a 400 ``invalid_body``."""
    body = await read_json(request, required=required)
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise invalid_body(field_error([], "Expected object", "invalid_type"))
    return body


def check_query(request: Request, allowed: set[str], *, prefixes: tuple[str, ...] = ()) -> None:
    """Reject unknown query parameters with 400 ``invalid_query_params``."""
    unknown = [
        key
        for key in request.query_params
        if key not in allowed and not any(key.startswith(p) for p in prefixes)
    ]
    if unknown:
        raise invalid_query(
            *(
                field_error([], f"Unrecognized key(s) in object: '{key}'", "unrecognized_keys")
                for key in unknown
            )
        )


def query_bool(request: Request, name: str) -> bool:
    value = request.query_params.get(name)
    if value is None:
        return False
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0", ""):
        return False
    raise invalid_query(field_error([name], "Expected boolean", "invalid_type"))


def query_int(
    request: Request, name: str, *, minimum: int = 0, maximum: int | None = None
) -> int | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise invalid_query(field_error([name], "Expected number", "invalid_type")) from None
    if number < minimum:
        raise invalid_query(
            field_error([name], f"Too small: expected number to be >={minimum}", "too_small")
        )
    if maximum is not None and number > maximum:
        raise invalid_query(
            field_error([name], f"Too big: expected number to be <={maximum}", "too_big")
        )
    return number


def path_uuid(request: Request, name: str) -> str:
    """The path parameter ``name``, which must be a UUID: 400 ``invalid_uri_params`` otherwise."""
    value: str = request.path_params[name]
    try:
        uuid.UUID(value)
    except ValueError:
        raise invalid_uri(field_error(["id"], "Invalid uuid", "invalid_string")) from None
    return value


def require_header(request: Request, name: str) -> str:
    value = request.headers.get(name)
    if not value:
        raise invalid_headers(field_error([name.lower()], "Required", "invalid_type"))
    return value


def require_str(body: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    """A string field of a JSON body, 400 ``invalid_body`` naming the field otherwise."""
    value = body.get(key)
    if value is None:
        if optional:
            return None
        raise invalid_body(field_error([key], "Required", "invalid_type"))
    if not isinstance(value, str) or not value:
        raise invalid_body(field_error([key], "Expected non-empty string", "invalid_type"))
    return value


def reject_unknown_keys(body: dict[str, Any], allowed: set[str]) -> None:
    """400 ``invalid_body`` (zod's unrecognized_keys) for keys the route does not know."""
    unknown = sorted(set(body) - allowed)
    if unknown:
        keys = ", ".join(f"'{k}'" for k in unknown)
        raise invalid_body(
            field_error([], f"Unrecognized key(s) in object: {keys}", "unrecognized_keys")
        )


def optional_object(body: dict[str, Any], key: str) -> dict[str, Any] | None:
    """A JSON object field, None when absent or null."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid_body(field_error([key], "Expected object", "invalid_type"))
    return value


def string_map(body: dict[str, Any], key: str) -> dict[str, str] | None:
    """An object of strings (tags), None when absent."""
    value = optional_object(body, key)
    if value is None:
        return None
    for name, item in value.items():
        if not isinstance(item, str):
            raise invalid_body(field_error([key, name], "Expected string", "invalid_type"))
    return value


def object_with_id(body: dict[str, Any], key: str) -> dict[str, Any] | None:
    """``end_user`` / ``organization``: an object whose ``id`` is a non-empty string."""
    value = optional_object(body, key)
    if value is not None and not (isinstance(value.get("id"), str) and value["id"]):
        raise invalid_body(field_error([key, "id"], "Required", "invalid_type"))
    return value


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_END_USER_KEYS = ("id", "email", "display_name", "tags")


def end_user_object(body: dict[str, Any], key: str = "end_user") -> dict[str, Any] | None:
    """``end_user`` as Nango validates it: a string ``id``, an optional ``email`` that is an email,
    ``display_name``; no other key (``organization`` goes at the top level of a session)."""
    value = object_with_id(body, key)
    if value is None:
        return None
    unknown = [k for k in value if k not in _END_USER_KEYS]
    if unknown:
        keys = ", ".join(f'"{k}"' for k in unknown)
        raise invalid_body(
            field_error(
                [key],
                f"Unrecognized key{'s' if len(unknown) > 1 else ''}: {keys}",
                "unrecognized_keys",
            )
        )
    email = value.get("email")
    if email is not None and not (isinstance(email, str) and _EMAIL.match(email)):
        raise invalid_body(field_error([key, "email"], "Invalid email", "invalid_string"))
    return value


def end_user_tags(end_user: dict[str, Any] | None) -> dict[str, str]:
    """The tags Nango derives from an ``end_user``: end_user_id, end_user_email, end_user_display_name."""
    if not end_user:
        return {}
    pairs = (
        ("id", "end_user_id"),
        ("email", "end_user_email"),
        ("display_name", "end_user_display_name"),
    )
    return {tag: str(end_user[field]) for field, tag in pairs if end_user.get(field)}


def url_scheme(url: str) -> str:
    """The scheme of ``url``; ``""`` when it has none or urlsplit cannot parse it (a broken IPv6
    host such as ``http://[::1``)."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def check_url(url: str) -> str | None:
    """Why ``url`` cannot receive webhooks (it is not an http(s) URL with a host), or None."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "it needs an http:// or https:// scheme and a host"
    return None


def webhook_url(value: Any, path: list[str | int]) -> str:
    """A ``webhook_url_override``: an http(s) URL, or ``""`` (which clears it on a patch)."""
    if not isinstance(value, str):
        raise invalid_body(field_error(path, "Expected string", "invalid_type"))
    if value and check_url(value) is not None:
        raise invalid_body(field_error(path, "Invalid url", "invalid_string"))
    return value
