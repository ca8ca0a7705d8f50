"""Typed models of the webhooks Nango sends, and the reading of a decoded body into them.

One frozen dataclass per ``type`` of Nango 0.71.4 (``packages/types/lib/webhooks/api.ts``):

=================  =====================================================================
``auth``           `AuthWebhook`: a connection created (``operation`` ``"creation"``),
                   re-authorised (``"override"``) or whose credentials failed to refresh
                   (``"refresh"``, ``success`` false, with ``error``)
``sync``           `SyncWebhook`: a sync run finished, with its counts or its error
``async_action``   `AsyncActionWebhook`: an action triggered with ``X-Async`` finished;
                   fetch its output with ``get_async_action_result(action_id)``
``forward``        `ForwardWebhook`: a provider's webhook forwarded by Nango
anything else      `UnknownWebhook`: a type this version does not know, or a forwarded
                   provider body that Nango could not attribute to a connection (Nango
                   then sends the provider's body as is, without a ``type``)
=================  =====================================================================

Every model keeps the whole decoded body in ``raw``, so fields added by later Nango versions are
never lost. Known fields are checked: a missing identifier or a field of the wrong type raises
`WebhookPayloadError` naming the type and the field (never its value).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeAlias, TypeVar

from ._errors import WebhookPayloadError

__all__ = [
    "AsyncActionWebhook",
    "AuthWebhook",
    "ForwardWebhook",
    "SyncCheckpoints",
    "SyncResults",
    "SyncWebhook",
    "UnknownWebhook",
    "Webhook",
    "WebhookEndUser",
    "WebhookErrorDetail",
]  # the public models (nango_toolbox.webhooks re-exports them); webhook_from_json is internal


@dataclass(frozen=True)
class WebhookErrorDetail:
    """Why an auth or sync operation failed: Nango's ``{type, description, payload?}``."""

    type: str
    description: str
    payload: Any = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class WebhookEndUser:
    """The end user of a connection made through a connect session."""

    end_user_id: str
    email: str | None = None
    organization_id: str | None = None
    tags: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AuthWebhook:
    """``type: "auth"``: a connection was created, re-authorised, or failed to refresh."""

    connection_id: str
    provider_config_key: str
    operation: str
    success: bool
    provider: str | None = None
    environment: str | None = None
    auth_mode: str | None = None
    error: WebhookErrorDetail | None = None
    tags: Mapping[str, str] = field(default_factory=dict)
    end_user: WebhookEndUser | None = None
    sender: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_creation(self) -> bool:
        """A new connection was created (``operation`` ``"creation"``, success)."""
        return self.operation == "creation" and self.success

    @property
    def is_refresh_failure(self) -> bool:
        """The connection's credentials could not be refreshed: ask the user to reconnect."""
        return self.operation == "refresh" and not self.success

    @property
    def is_reconnection(self) -> bool:
        """An existing connection was re-authorised (``"override"``, success): a connection
        that failed to refresh has recovered."""
        return self.operation == "override" and self.success


@dataclass(frozen=True)
class SyncResults:
    """How many records a sync run added, updated and deleted (for its model)."""

    added: int
    updated: int
    deleted: int


@dataclass(frozen=True)
class SyncCheckpoints:
    """The sync's checkpoint before the run (``None``: a full run) and after it."""

    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


@dataclass(frozen=True)
class SyncWebhook:
    """``type: "sync"``: a sync run finished, with its counts (success) or its error."""

    connection_id: str
    provider_config_key: str
    sync_name: str
    model: str
    success: bool
    sync_variant: str | None = None
    sync_type: str | None = None
    modified_after: datetime | None = None
    results: SyncResults | None = None
    error: WebhookErrorDetail | None = None
    started_at: datetime | None = None
    failed_at: datetime | None = None
    checkpoints: SyncCheckpoints | None = None
    sender: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class AsyncActionWebhook:
    """``type: "async_action"``: an asynchronous action finished; its output is at
    ``get_async_action_result(action_id)`` (``GET /action/{id}``)."""

    connection_id: str
    provider_config_key: str
    action_id: str
    status_url: str | None = None
    sender: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class ForwardWebhook:
    """``type: "forward"``: a provider's webhook, forwarded; ``sender`` is the provider."""

    provider_config_key: str
    payload: Any
    connection_id: str | None = None
    sender: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class UnknownWebhook:
    """A body of a type this version does not model (``type`` is None when it has none, as a
    forwarded provider body without a connection); ``raw`` is the decoded JSON, whatever it is."""

    type: str | None
    raw: Any = field(default=None, repr=False, compare=False)


Webhook: TypeAlias = (
    AuthWebhook | SyncWebhook | AsyncActionWebhook | ForwardWebhook | UnknownWebhook
)


def webhook_from_json(value: Any) -> Webhook:
    """The typed model of one decoded webhook body (see the module docstring)."""
    if not isinstance(value, dict):
        return UnknownWebhook(type=None, raw=value)
    kind = value.get("type")
    reader = _READERS.get(kind) if isinstance(kind, str) else None
    if reader is None:
        return UnknownWebhook(type=kind if isinstance(kind, str) else None, raw=value)
    return reader(_Fields(value, f"{kind} webhook"))


_M = TypeVar("_M")


class _Fields:
    """Checked access to the fields of one JSON object; errors name the field, not the value."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, key: str, expected: str) -> WebhookPayloadError:
        value = self.data.get(key)
        got = "nothing" if key not in self.data else _json_kind(value)
        return WebhookPayloadError(f"{self.where}: field {key!r} should be {expected}, got {got}")

    def string(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise self.fail(key, "a string")
        return value

    def opt_string(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "a string or null")
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def opt_object(self, key: str) -> Mapping[str, Any] | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, dict):
            raise self.fail(key, "an object or null")
        return value

    def string_map(self, key: str) -> Mapping[str, str]:
        value = self.opt_object(key) or {}
        if not all(isinstance(v, str) for v in value.values()):
            raise self.fail(key, "an object of strings")
        return value

    def count(self, key: str) -> int:
        value = self.data.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, "an integer")
        return value

    def opt_time(self, key: str) -> datetime | None:
        value = self.opt_string(key)
        if value is None:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(key, "an ISO 8601 date-time") from None

    def nested(self, key: str, read: Callable[[_Fields], _M]) -> _M | None:
        """``read`` of the object at ``key``, or None when the field is missing or null."""
        value = self.opt_object(key)
        return None if value is None else read(_Fields(value, f"{self.where}, {key}"))


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _error(nested: _Fields) -> WebhookErrorDetail:
    return WebhookErrorDetail(
        type=nested.opt_string("type") or "",
        description=nested.opt_string("description") or "",
        payload=nested.data.get("payload"),
        raw=nested.data,
    )


def _end_user(nested: _Fields) -> WebhookEndUser:
    return WebhookEndUser(
        end_user_id=nested.string("endUserId"),
        email=nested.opt_string("endUserEmail"),
        organization_id=nested.opt_string("organizationId"),
        tags=nested.string_map("tags"),
    )


def _auth(fields: _Fields) -> AuthWebhook:
    return AuthWebhook(
        connection_id=fields.string("connectionId"),
        provider_config_key=fields.string("providerConfigKey"),
        operation=fields.string("operation"),
        success=fields.boolean("success"),
        provider=fields.opt_string("provider"),
        environment=fields.opt_string("environment"),
        auth_mode=fields.opt_string("authMode"),
        error=fields.nested("error", _error),
        tags=fields.string_map("tags"),
        end_user=fields.nested("endUser", _end_user),
        sender=fields.opt_string("from"),
        raw=fields.data,
    )


def _results(nested: _Fields) -> SyncResults:
    return SyncResults(
        added=nested.count("added"),
        updated=nested.count("updated"),
        deleted=nested.count("deleted"),
    )


def _checkpoints(nested: _Fields) -> SyncCheckpoints:
    return SyncCheckpoints(before=nested.opt_object("from"), after=nested.opt_object("to"))


def _sync(fields: _Fields) -> SyncWebhook:
    return SyncWebhook(
        connection_id=fields.string("connectionId"),
        provider_config_key=fields.string("providerConfigKey"),
        sync_name=fields.string("syncName"),
        model=fields.string("model"),
        success=fields.boolean("success"),
        sync_variant=fields.opt_string("syncVariant"),
        sync_type=fields.opt_string("syncType"),
        modified_after=fields.opt_time("modifiedAfter"),
        results=fields.nested("responseResults", _results),
        error=fields.nested("error", _error),
        started_at=fields.opt_time("startedAt"),
        failed_at=fields.opt_time("failedAt"),
        checkpoints=fields.nested("checkpoints", _checkpoints),
        sender=fields.opt_string("from"),
        raw=fields.data,
    )


def _async_action(fields: _Fields) -> AsyncActionWebhook:
    payload = fields.nested("payload", lambda p: p)
    if payload is None:
        raise fields.fail("payload", "an object")
    return AsyncActionWebhook(
        connection_id=fields.string("connectionId"),
        provider_config_key=fields.string("providerConfigKey"),
        action_id=payload.string("id"),
        status_url=payload.opt_string("statusUrl"),
        sender=fields.opt_string("from"),
        raw=fields.data,
    )


def _forward(fields: _Fields) -> ForwardWebhook:
    return ForwardWebhook(
        provider_config_key=fields.string("providerConfigKey"),
        payload=fields.data.get("payload"),
        connection_id=fields.opt_string("connectionId"),
        sender=fields.opt_string("from"),
        raw=fields.data,
    )


_READERS: dict[str, Callable[[_Fields], Webhook]] = {
    "auth": _auth,
    "sync": _sync,
    "async_action": _async_action,
    "forward": _forward,
}
