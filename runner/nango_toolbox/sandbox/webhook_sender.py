"""The webhooks the sandbox sends, built, signed and delivered the way Nango 0.71.4 does it.

- Bodies: the ``auth``, ``sync``, ``async_action`` and ``forward`` shapes of Nango's
  ``packages/types/lib/webhooks/api.ts`` (built by the ``*_body`` functions below).
- Serialisation: keys sorted, no spaces (Nango's stable stringify), UTF-8.
- Headers: ``Content-Type: application/json``, ``X-Nango-Hmac-Sha256`` (HMAC-SHA256 of the body
  under the environment's webhook signing key, the one ``POST
  /environment/webhook-signing-key/rotate`` answers) and the legacy ``X-Nango-Signature``.
  A forwarded provider webhook also carries the provider's headers, less those Nango drops.
- Delivery: POST with a 20 s timeout; a 5xx answer or a network error is retried twice (after
  0.1 s, then 0.2 s), a 3xx or 4xx is not, as Nango does.
- Destinations: the environment's webhook URLs (at most two, ``primary`` and ``secondary``),
  or, for the events of a connection that has one, its ``webhook_url_override`` only, or one URL
  given for a single send.

The last 100 deliveries are kept for ``GET /_sandbox/webhooks``.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import httpx

from .._version import __version__
from ..webhooks import (
    LEGACY_SIGNATURE_HEADER,
    SIGNATURE_HEADER,
    compute_legacy_signature,
    compute_signature,
)
from .repo import Connection, Integration
from .state import Store, dumps, loads

__all__ = [
    "AUTH_OPERATIONS",
    "Delivery",
    "WebhookSender",
    "async_action_body",
    "auth_body",
    "forward_body",
    "save_urls",
    "serialise",
    "sync_body",
]

AUTH_OPERATIONS = ("creation", "override", "refresh")
TIMEOUT = 20.0
RETRY_DELAYS = (0.1, 0.2)
KEPT = 100
_SETTINGS_KEY = "webhook_urls"
# Header name prefixes Nango does not pass on from a forwarded provider webhook.
_NOT_FORWARDED = (
    "host",
    "authorization",
    "connection",
    "keep-alive",
    "content-length",
    "content-type",
    "content-encoding",
    "cookie",
    "set-cookie",
    "referer",
    "user-agent",
    "sec-",
    "proxy-",
    "www-authenticate",
    "server",
)


def serialise(body: Any) -> bytes:
    """The body as Nango sends it: sorted keys, compact separators, UTF-8."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _end_user(connection: Connection) -> dict[str, Any] | None:
    end_user = connection.end_user
    if not end_user or not end_user.get("id"):
        return None
    organization = end_user.get("organization") or {}
    shown: dict[str, Any] = {
        "endUserId": end_user["id"],
        "endUserEmail": end_user.get("email"),
        "tags": dict(end_user.get("tags") or {}),
    }
    if organization.get("id"):
        shown["organizationId"] = organization["id"]
    return shown


def auth_body(
    connection: Connection,
    *,
    auth_mode: str,
    operation: str,
    success: bool,
    environment: str,
    error: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """An ``auth`` webhook: ``creation``, ``override`` (re-authorised) or ``refresh`` (failed)."""
    body: dict[str, Any] = {
        "from": "nango",
        "type": "auth",
        "connectionId": connection.connection_id,
        "providerConfigKey": connection.provider_config_key,
        "authMode": auth_mode,
        "provider": connection.provider,
        "environment": environment,
        "operation": operation,
        "success": success,
    }
    if connection.tags:
        body["tags"] = dict(connection.tags)
    end_user = _end_user(connection)
    if end_user is not None:
        body["endUser"] = end_user
    if not success:
        body["error"] = dict(error or {})
    return body


def sync_body(
    connection: Connection,
    *,
    sync_name: str,
    model: str,
    success: bool,
    now: str,
    variant: str = "base",
    sync_type: str = "INCREMENTAL",
    results: Mapping[str, int] | None = None,
    error: Mapping[str, Any] | None = None,
    started_at: str | None = None,
    checkpoints: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``sync`` webhook: a run of ``sync_name`` for ``model`` succeeded (counts) or failed."""
    body: dict[str, Any] = {
        "from": "nango",
        "type": "sync",
        "connectionId": connection.connection_id,
        "providerConfigKey": connection.provider_config_key,
        "syncName": sync_name,
        "syncVariant": variant,
        "model": model,
        "syncType": sync_type,
        "success": success,
    }
    if checkpoints is not None:
        body["checkpoints"] = dict(checkpoints)
    if success:
        counts = results or {}
        body["responseResults"] = {
            "added": counts.get("added", 0),
            "updated": counts.get("updated", 0),
            "deleted": counts.get("deleted", 0),
        }
        body["modifiedAfter"] = started_at or now
        body["queryTimeStamp"] = started_at or now
    else:
        body["error"] = dict(error or {})
        body["startedAt"] = started_at or now
        body["failedAt"] = now
    return body


def async_action_body(connection: Connection, action_id: str) -> dict[str, Any]:
    """An ``async_action`` webhook: the action ``action_id`` finished (its output is at
    ``GET /action/{action_id}``)."""
    return {
        "from": "nango",
        "type": "async_action",
        "connectionId": connection.connection_id,
        "providerConfigKey": connection.provider_config_key,
        "payload": {"id": action_id, "statusUrl": f"/action/{action_id}"},
    }


def forward_body(integration: Integration, connection_id: str | None, payload: Any) -> Any:
    """A provider's webhook forwarded: wrapped with ``type: "forward"`` for a connection, or the
    provider's body as is when no connection was matched (Nango does both)."""
    if connection_id is None:
        return payload
    return {
        "from": integration.provider,
        "type": "forward",
        "providerConfigKey": integration.unique_key,
        "connectionId": connection_id,
        "payload": payload,
    }


def forwardable_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The provider's headers Nango passes on with a forwarded webhook."""
    return {
        name: value
        for name, value in headers.items()
        if not name.lower().startswith(_NOT_FORWARDED)
    }


def save_urls(store: Store, primary: str | None, secondary: str | None) -> dict[str, str | None]:
    """Set the environment's webhook URLs (None: not set)."""
    value = {"primary_url": primary, "secondary_url": secondary}
    store.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (_SETTINGS_KEY, dumps(value)))
    return value


@dataclass(frozen=True)
class Delivery:
    """What happened to one webhook sent to one URL."""

    url: str
    type: str | None
    status: int | None
    attempts: int
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class WebhookSender:
    """Signs and delivers webhooks; keeps the environment's URLs and the latest deliveries."""

    def __init__(
        self,
        store: Store,
        signing_key: Callable[[], str],
        client: Callable[[], httpx.AsyncClient],
        *,
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
    ) -> None:
        self._store = store
        self._signing_key = signing_key
        self._client = client
        self._retry_delays = retry_delays
        self._deliveries: deque[Delivery] = deque(maxlen=KEPT)
        self._tasks: set[asyncio.Task[list[Delivery]]] = set()

    # ------------------------------------------------------------------ settings
    def urls(self) -> dict[str, str | None]:
        """The environment's webhook URLs: ``{"primary_url", "secondary_url"}``."""
        saved = loads(self._store.setting(_SETTINGS_KEY, "{}")) or {}
        return {
            "primary_url": saved.get("primary_url"),
            "secondary_url": saved.get("secondary_url"),
        }

    def set_urls(self, primary: str | None, secondary: str | None) -> dict[str, str | None]:
        return save_urls(self._store, primary, secondary)

    def destinations(self) -> list[str]:
        return [url for url in self.urls().values() if url]

    # ------------------------------------------------------------------ sending
    def deliveries(self) -> list[Delivery]:
        return list(self._deliveries)

    def clear(self) -> None:
        self._deliveries.clear()

    async def send(
        self,
        body: Any,
        urls: list[str],
        *,
        extra_headers: Mapping[str, str] | None = None,
    ) -> list[Delivery]:
        """Sign ``body`` and POST it to each URL in turn (as Nango does), with retries."""
        raw = serialise(body)
        key = self._signing_key()
        headers = {
            **(extra_headers or {}),
            LEGACY_SIGNATURE_HEADER: compute_legacy_signature(raw, key),
            SIGNATURE_HEADER: compute_signature(raw, key),
            "content-type": "application/json",
            "user-agent": f"nango-toolbox-sandbox/{__version__}",
        }
        kind = body.get("type") if isinstance(body, dict) else None
        done = []
        for url in urls:
            delivery = await self._deliver(
                url, raw, headers, kind if isinstance(kind, str) else None
            )
            self._deliveries.append(delivery)
            done.append(delivery)
        return done

    def send_in_background(self, body: Any, override: str | None = None) -> None:
        """Send ``body`` to the environment's URLs without waiting (events of the sandbox:
        a connection created, an async action finished, a sync run ended); a connection's
        ``webhook_url_override`` replaces them, as on Nango."""
        urls = [override] if override else self.destinations()
        if not urls:
            return
        task = asyncio.get_running_loop().create_task(self.send(body, urls))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def cancel(self) -> None:
        """Stop the background sends still under way (at shutdown: a receiver that hangs must
        not hold the sandbox for its 20 s timeouts)."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _deliver(
        self, url: str, raw: bytes, headers: Mapping[str, str], kind: str | None
    ) -> Delivery:
        attempts = 0
        while True:
            attempts += 1
            status: int | None = None
            error: str | None = None
            try:
                response = await self._client().post(
                    url, content=raw, headers=dict(headers), timeout=TIMEOUT
                )
                status = response.status_code
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            retry = error is not None or (status is not None and status >= 500)
            if not retry or attempts > len(self._retry_delays):
                return Delivery(url=url, type=kind, status=status, attempts=attempts, error=error)
            await asyncio.sleep(self._retry_delays[attempts - 1])
