"""`SandboxContext`: everything a route of the sandbox needs, handed to route factories.

Route modules (``api_*``, ``control``, ``connect_page``, ``fakes``) receive one context and return
Starlette routes. The context is the only shared object; it owns no HTTP routes itself.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from . import credentials as creds
from . import upstream
from .auth import Authenticator
from .environments import CURRENT_NAME
from .errors import ApiError
from .faults import FaultRegistry
from .providers import Provider, ProviderCatalog
from .repo import Connection, Integration, Repository
from .requestlog import RequestLog
from .state import Store
from .webhook_sender import WebhookSender, auth_body

PROXY_RETRY_BASE_SECONDS = 3.0
"""Nango's proxy retries wait 3 s, 6 s, 12 s, ... (``Retries: N``)."""


@dataclass
class SandboxContext:
    """Shared state and helpers of one sandbox app.

    - ``store``: the sqlite `Store` (add tables with ``store.ensure_schema``)
    - ``repo``: integrations and connections (`Repository`)
    - ``auth``: `Authenticator`; ``auth.require(request)`` raises 401 `ApiError` unless the secret key
    - ``catalog``: the `ProviderCatalog`
    - ``base_url``: the sandbox's own URL (``http://127.0.0.1:PORT``)
    - ``functions``: the ``--functions MODULE`` name given at start-up (None when not given)
    - ``faults`` / ``request_log``: fault rules and the request log
    - ``provider_timeout``: the total deadline of one attempt at a provider (seconds)
    - ``time_scale``: multiplies the proxy's retry back-off (1.0: Nango's schedule; tests shrink
      it, e.g. 0.01); ``pickup_delay`` is in seconds as given, not scaled
    Errors: raise `nango_toolbox.sandbox.errors.ApiError` (or its helpers) from a handler.
    """

    store: Store
    auth: Authenticator
    catalog: ProviderCatalog
    base_url: str = "http://127.0.0.1"
    provider_base_urls: dict[str, str] = field(default_factory=dict)
    functions: str | None = None
    faults: FaultRegistry = field(default_factory=FaultRegistry)
    request_log: RequestLog = field(default_factory=RequestLog)
    time_scale: float = 1.0
    provider_timeout: float = upstream.ATTEMPT_SECONDS
    stopping: asyncio.Event = field(default_factory=asyncio.Event)  # set when the server stops
    pickup_delay: float = 0.1
    loopback: Any = None  # the whole ASGI app: calls to base_url are served in-process
    _client: httpx.AsyncClient | None = None
    _webhooks: WebhookSender | None = None

    @property
    def repo(self) -> Repository:
        return Repository(self.store)

    def provider_of(self, integration: Integration) -> Provider | None:
        return self.catalog.get(integration.provider)

    def require_integration(self, unique_key: str) -> Integration:
        integration = self.repo.integration(unique_key)
        if integration is None:
            raise ApiError(
                404,
                "unknown_provider_config",
                "There is no Provider Configuration matching this key.",
            )
        return integration

    def get_connection(
        self, provider_config_key: str, connection_id: str, *, force_refresh: bool = False
    ) -> Connection | None:
        """The connection with credentials refreshed when its OAuth token expired (or forced)."""
        connection = self.repo.connection(provider_config_key, connection_id)
        if connection is None:
            return None
        refreshable = connection.credentials.get("type") in ("OAUTH2", "OAUTH2_CC", "APP")
        if refreshable and (force_refresh or creds.is_expired(connection.credentials)):
            self.repo.update_connection(
                connection, credentials=creds.refreshed(connection.credentials)
            )
        return connection

    def provider_base_url(self, connection: Connection, override: str | None = None) -> str:
        """Base-Url-Override, else the --provider-base-url override, else the catalog's proxy URL."""
        if override:
            return override
        configured = self.provider_base_urls.get(connection.provider)
        if configured:
            return configured
        provider = self.catalog.get(connection.provider)
        template = str((provider.proxy if provider else {}).get("base_url") or "")
        if not template:
            raise ApiError(
                400,
                "missing_base_api_url",
                f"Provider '{connection.provider}' has no proxy base URL; send Base-Url-Override",
            )
        resolved = upstream.resolve(template, connection)
        if resolved is None:
            raise ApiError(
                400,
                "missing_connection_config",
                f"The base URL of {connection.provider} ({template}) needs connection_config values"
                " this connection does not have; set them, or send Base-Url-Override",
            )
        return resolved

    @property
    def http(self) -> httpx.AsyncClient:
        if self._client is None:
            from .loopback import LoopbackTransport, own_origin

            origin = own_origin(self.base_url)
            mounts = {origin: LoopbackTransport(self.loopback)} if origin and self.loopback else {}
            # A keep-alive pool as large as the pool: a burst of concurrent proxy calls beyond
            # httpx's default 20 would otherwise reconnect to the provider on every call.
            limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
            self._client = httpx.AsyncClient(timeout=30.0, limits=limits, mounts=mounts)
        return self._client

    @property
    def webhooks(self) -> WebhookSender:
        """The sender of the environment's webhooks (signed with its webhook signing key)."""
        if self._webhooks is None:
            self._webhooks = WebhookSender(
                self.store, self.auth.environments.signing_key, lambda: self.http
            )
        return self._webhooks

    def auth_mode_of(self, connection: Connection) -> str:
        """The provider's auth mode (what Nango puts in ``authMode``), else the credentials'."""
        provider = self.catalog.get(connection.provider)
        if provider is not None:
            return provider.auth_mode
        return str(connection.credentials.get("type") or "NONE")

    def announce_connection(
        self, connection: Connection, operation: str, *, with_end_user: bool = True
    ) -> None:
        """Send the ``auth`` webhook of a connection created (``creation``) or re-authorised
        (``override``) to the environment's webhook URLs, if any, in the background."""
        if not with_end_user:
            connection = dataclasses.replace(connection, end_user=None)
        self.webhooks.send_in_background(
            auth_body(
                connection,
                auth_mode=self.auth_mode_of(connection),
                operation=operation,
                success=True,
                environment=CURRENT_NAME,
            ),
            connection.webhook_url_override,
        )

    async def aclose(self) -> None:
        if self._webhooks is not None:
            await self._webhooks.cancel()
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def call_provider(
        self,
        connection: Connection,
        method: str,
        path: str,
        params: str | Sequence[tuple[str, str]] | Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        *,
        content: bytes | None = None,
        base_url_override: str | None = None,
        retries: int = 0,
        retry_on: frozenset[int] = frozenset(),
        forward_headers_on_redirect: bool | None = None,
    ) -> httpx.Response:
        """Call the provider as the proxy does: credentials injected, ``headers`` sent as given;
        on a redirect to another host the credentials go along only when
        ``forward_headers_on_redirect`` (default: the provider's ``proxy.forward_headers_on_redirect``).

        ``json`` is serialised as the body (unless ``content`` is given). Raises
        `upstream.ProviderUnreachable` when the provider cannot be reached.
        """
        import json as jsonlib

        provider = self.catalog.get(connection.provider)
        url = upstream.join_url(self.provider_base_url(connection, base_url_override), path)
        sent = upstream.credential_headers(provider, connection)
        for key, value in (headers or {}).items():
            sent[key.lower()] = value
        if content is None and json is not None:
            content = jsonlib.dumps(json).encode()
            sent.setdefault("content-type", "application/json")
        query: Any = params
        extra = upstream.credential_query(provider, connection)
        if extra:
            query = _merge_query(params, extra)
        return await upstream.send(
            self.http,
            method.upper(),
            url,
            query=query,
            headers=sent,
            content=content,
            retries=retries,
            retry_on=retry_on | (provider.retry_statuses if provider else frozenset()),
            base_delay=PROXY_RETRY_BASE_SECONDS * self.time_scale,
            wait_headers=upstream.retry_header_names(provider),
            forward_on_redirect=bool(
                (provider.proxy.get("forward_headers_on_redirect") if provider else False)
                if forward_headers_on_redirect is None
                else forward_headers_on_redirect
            ),
            deadline=self.provider_timeout,
        )


def _merge_query(
    params: str | Sequence[tuple[str, str]] | Mapping[str, Any] | None,
    extra: list[tuple[str, str]],
) -> str:
    from urllib.parse import urlencode

    if params is None:
        base = ""
    elif isinstance(params, str):
        base = params
    else:
        items = params.items() if isinstance(params, Mapping) else params
        base = urlencode(list(items), doseq=True)
    tail = urlencode(extra)
    return f"{base}&{tail}" if base else tail
