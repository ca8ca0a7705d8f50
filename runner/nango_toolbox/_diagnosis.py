"""What an error answer means beyond its status code, sans-IO: an action's own failure, a route
the server does not have, an async action that has not finished, a refused connect session token.

:mod:`._transport` reads the answer (code, message, redacted body) and asks this module for the
text a user should see; nothing here performs I/O or knows about httpx.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ActionFailure",
    "action_failure",
    "missing_route_hint",
    "pending_action_hint",
    "session_token_hint",
]

# The codes real Nango answers when the action's own code failed (NANGO_FACTS.md:
# script_internal_error, action_script_runtime_error, action_script_failure, script_http_error...)
# all start with one of these.
_ACTION_PREFIXES = ("script_", "action_script_")
_IN_PROGRESS = re.compile(r"\btask\b.*\bin progress\b", re.IGNORECASE)
_ROUTE_NOT_FOUND = re.compile(
    r"\broute\b.*\bnot found\b|^cannot (get|post|put|patch|delete)\b", re.I
)
_SESSION_PATH = "/connect/session"
_MAX_DETAIL = 300


@dataclass(frozen=True)
class ActionFailure:
    """An action's failure as a user should read it."""

    message: str
    payload: Any
    upstream: dict[str, Any] | None
    may_have_run: bool
    hint: str | None


def _is_action_route(method: str, path: str) -> bool:
    return (method == "POST" and path == "/action/trigger") or (
        method == "GET" and path.startswith("/action/") and path != "/action/trigger"
    )


def action_failure(
    method: str, path: str, status: int, code: str | None, body: Any, action_name: str | None
) -> ActionFailure | None:
    """The action's own failure in an (already redacted) error answer of ``POST /action/trigger``
    or ``GET /action/{id}``, or None when the answer is not one."""
    if not _is_action_route(method, path) or code is None or status < 400:
        return None
    if not code.startswith(_ACTION_PREFIXES):
        return None
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    payload = error.get("payload")
    upstream = error.get("upstream") if isinstance(error.get("upstream"), dict) else None
    who = f"action {action_name!r}" if action_name else "the action"
    lost = _lost_track(payload) or _lost_track(_str(error.get("message")))
    if lost is not None:
        return ActionFailure(
            message=f"Nango lost track of {who} ({lost})",
            payload=payload or None,
            upstream=upstream,
            may_have_run=True,
            hint=f"{who} may have run to completion: check its effects before triggering it again",
        )
    if upstream is not None:
        detail = f"{who} got {_upstream_text(upstream)} from the provider"
    else:
        said = _payload_text(payload)
        generic = _str(error.get("message"))
        detail = f"{who} failed: {said}" if said else f"{who} failed: {generic or code}"
    return ActionFailure(
        message=detail, payload=payload or None, upstream=upstream, may_have_run=False, hint=None
    )


def _lost_track(payload: Any) -> str | None:
    """The text of Nango's ``Task ... is in progress`` answer for an action that did run."""
    text = payload.get("error") if isinstance(payload, dict) else payload
    if isinstance(text, str) and _IN_PROGRESS.search(text):
        return _short(text)
    return None


def _payload_text(payload: Any) -> str:
    """The script's own words: ``Name: message`` of a thrown error, the message of an
    ActionError object, else the payload as compact JSON."""
    if payload in (None, {}, [], ""):
        return ""
    if isinstance(payload, dict):
        message = _str(payload.get("message"))
        name = _str(payload.get("name"))
        if message:
            return _short(f"{name}: {message}" if name and name != "ActionError" else message)
    if isinstance(payload, str):
        return _short(payload)
    return _short(_compact(payload))


def _upstream_text(upstream: dict[str, Any]) -> str:
    status = upstream.get("status")
    body = upstream.get("body")
    shown = body if isinstance(body, str) else _compact(body)
    label = f"{status}" if isinstance(status, int) else "an error"
    return f"{label} {_short(shown)}" if shown and shown != "null" else label


def _compact(value: Any) -> str:
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    except ValueError:
        return str(value)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 3] + "..."


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def missing_route_hint(
    label: str, status: int, code: str | None, message: str | None, html: bool, base_url: str
) -> str | None:
    """For an answer saying the server has no such route (a 404 HTML page or "route not found"
    body, or the 500 ``generic_error_support`` an unknown route can end in): name the route."""
    server = f"the server at {base_url}"
    if status == 404 and (html or (message is not None and _ROUTE_NOT_FOUND.search(message))):
        return (
            f"{server} has no route {label}: it may be an older or newer Nango than this SDK "
            "expects, or not a Nango server"
        )
    if status == 500 and code == "generic_error_support":
        return (
            f"Nango failed with an unexpected error; {server} may not have the route {label} "
            "(an older or newer Nango than this SDK expects): check its version, and report the "
            "error id to its operators if the route exists"
        )
    return None


def pending_action_hint(method: str, path: str, status: int) -> str | None:
    """For ``GET /action/{id}`` → 404: Nango says the same for a pending action and an unknown id."""
    if status == 404 and method == "GET" and _is_action_route(method, path):
        return (
            "the action has not finished yet, or there is no action with this id; poll again "
            "later (trigger_action_and_wait does)"
        )
    return None


def session_token_hint(path: str, status: int, code: str | None) -> str | None:
    """For a 401 on ``/connect/session``, authenticated with a connect session token."""
    if status != 401 or path != _SESSION_PATH:
        return None
    if code == "invalid_connect_session_token_format":
        return (
            "this route takes a connect session token (nango_connect_session_..., from "
            "create_connect_session()), not the secret key"
        )
    return (
        "check the connect session token: it is unknown to this Nango environment (it expires "
        "30 minutes after create_connect_session(), and ends when the session is deleted)"
    )
