"""Shared by the connection-related steps: describing a connection without its credentials,
reading its granted scopes, and handing a connect link to the end user and waiting."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .errors import ConnectLink, WaitingForUser
from .runtime import StepContext

__all__ = [
    "await_end_user",
    "connection_summary",
    "describe_connection",
    "end_user_tags",
    "granted_scopes",
    "newest",
]

T = TypeVar("T")
_SEPARATORS = re.compile(r"[\s,]+")


def granted_scopes(detail: Mapping[str, Any]) -> list[str]:
    """Scopes granted to a connection: ``credentials.raw.scope`` (comma or space separated),
    else the scopes requested for it (``connection_config.oauth_scopes``)."""
    credentials = detail.get("credentials") or {}
    raw = credentials.get("raw") if isinstance(credentials, Mapping) else None
    for source in (
        raw.get("scope") if isinstance(raw, Mapping) else None,
        raw.get("scopes") if isinstance(raw, Mapping) else None,
        (detail.get("connection_config") or {}).get("oauth_scopes"),
    ):
        if isinstance(source, str) and source.strip():
            return [s for s in _SEPARATORS.split(source) if s]
        if isinstance(source, list):
            return [str(s) for s in source]
    return []


def describe_connection(detail: Mapping[str, Any]) -> dict[str, Any]:
    """A connection's outputs: who and what it is, never its credentials."""
    credentials = detail.get("credentials")
    credentials_type = credentials.get("type") if isinstance(credentials, Mapping) else None
    return {
        "connection_id": detail.get("connection_id"),
        "provider_config_key": detail.get("provider_config_key"),
        "provider": detail.get("provider"),
        "end_user": detail.get("end_user"),
        "tags": detail.get("tags") or {},
        "credentials_type": credentials_type,
        "scopes": granted_scopes(detail),
    }


def connection_summary(item: Mapping[str, Any]) -> dict[str, Any]:
    """An item of ``GET /connections`` as Nango's MCP shows it: ids, provider, end user, tags,
    metadata, errors and creation time (a list item carries no credentials; nothing else is
    copied, so nothing secret can slip through)."""
    return {
        "connection_id": item.get("connection_id"),
        "provider_config_key": item.get("provider_config_key"),
        "provider": item.get("provider"),
        "end_user": item.get("end_user"),
        "tags": item.get("tags") or {},
        "metadata": item.get("metadata") or {},
        "errors": item.get("errors") or [],
        "created": item.get("created") or item.get("created_at"),
    }


def newest(connections: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most recently created connection of a ``GET /connections`` list (Nango lists newest
    first; the creation time decides whatever the order), or None."""
    return max(connections, key=lambda c: str(c.get("created") or ""), default=None)


def end_user_tags(end_user: Mapping[str, Any] | None) -> dict[str, str]:
    """The connect-session tags Nango derives from an end user."""
    if not end_user:
        return {}
    tags = {
        tag: str(end_user[field])
        for field, tag in (
            ("id", "end_user_id"),
            ("email", "end_user_email"),
            ("display_name", "end_user_display_name"),
        )
        if end_user.get(field)
    }
    organization = end_user.get("organization")
    if isinstance(organization, Mapping) and organization.get("id"):
        tags["organization_id"] = str(organization["id"])
    return tags


def await_end_user(
    ctx: StepContext,
    session: Mapping[str, Any],
    integration: str,
    *,
    reconnect: bool,
    wait: float,
    poll_interval: float,
    check: Callable[[], T | None],
) -> T:
    """Hand the connect link on, then poll ``check`` until it returns something or ``wait`` ends.

    With no waiting (``--no-wait`` or ``wait: 0``) or when the wait ends, raise WaitingForUser.
    """
    link = ConnectLink.of_session(session, integration, reconnect=reconnect)
    will_wait = wait > 0 and not ctx.options.no_wait
    ctx.listener.connect_link(link, waiting=will_wait)
    action = "reconnect" if reconnect else "connect"
    if not will_wait:
        raise WaitingForUser(
            link,
            f"waiting for the end user to {action} {integration} at {link.url}; "
            "run the workflow again once they have",
        )
    started = time.monotonic()
    while True:
        found = check()
        if found is not None:
            return found
        elapsed = time.monotonic() - started
        if elapsed >= wait:
            raise WaitingForUser(
                link,
                f"the end user did not {action} {integration} within {wait:g}s; the link "
                f"{link.url} stays valid until {link.expires_at}: run the workflow again later",
            )
        ctx.listener.waiting(link, elapsed, wait)
        ctx.sleep(min(poll_interval, wait - elapsed))
