"""The SDK facade over the generated ``nango_client``: ``AsyncNango``.

One source, two APIs: ``_sync_client.py`` is generated from ``_async_client.py`` by
``scripts/unasync.py``; change a method in ``_async_client.py`` and run ``make unasync``.
Each method turns its arguments into an :class:`~._operations.Op` (built by the generated client)
and runs it through the shared request core (:mod:`._transport`: auth scoping, retries, timeouts,
logging, error translation). Path-like identifiers are positional, everything else keyword-only;
every API method accepts ``timeout=`` and ``max_retries=`` overrides.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from functools import partial
from types import TracebackType
from typing import Any, Self, Unpack

import httpx
from nango_client.models import (
    AsyncActionHandle,
    ConnectionDetail,
    ConnectionSummary,
    ConnectSession,
    ConnectSessionDetails,
    CreatedApiKey,
    CreatedEnvironment,
    DeployedFunction,
    EnvironmentVariable,
    FunctionCode,
    FunctionCompileResult,
    FunctionDeployment,
    FunctionDryrun,
    FunctionListResponse,
    FunctionRunHandle,
    FunctionTemplate,
    Integration,
    IntegrationDetail,
    OpenAIFunctionList,
    Provider,
    PruneRecordsResponse,
    ScriptsConfigIntegration,
    SyncStatus,
    SyncVariant,
    UpdateSyncFrequencyResponse,
)

from . import _operations as ops
from ._async_send import AsyncSender
from ._client_base import (
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncSleep,
    CallKwargs,
    ClientBase,
    ProxyKwargs,
    RecordsKwargs,
    T,
    action_not_done,
    check_cursor,
    deployment_not_done,
    no_connection,
    options_of,
    proxy_request,
    records_op,
    run_of,
    sync_names,
    sync_not_done,
    sync_runs,
)
from ._errors import NotFoundError
from ._http import default_http_client
from ._models import ProxyResponse, ProxyStream, RecordsPage
from ._polling import Deadline, SyncRunWatch
from ._proxy import proxy_response
from ._ratelimit import RateLimitGate
from ._transport import TimeoutTypes

__all__ = ["AsyncNango"]


class AsyncNango(ClientBase):
    """Asyncio client of the Nango API; use as an async context manager or call ``aclose()``."""

    def __init__(
        self,
        secret_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        sleep: AsyncSleep | None = None,
        webhook_signing_key: str | None = None,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
        rate_limit_gate: RateLimitGate | None = None,
    ) -> None:
        self._configure(
            secret_key,
            base_url,
            timeout,
            max_retries,
            default_headers,
            webhook_signing_key,
            max_response_size=max_response_size,
            rate_limit_gate=rate_limit_gate,
        )
        self._owns_http = http_client is None
        self._http = http_client or default_http_client(httpx.AsyncClient, timeout)
        self._sleep = sleep or asyncio.sleep
        self._sender = AsyncSender(self._core, self._http, self._sleep)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (not a caller-supplied ``http_client``)."""
        if self._owns_http:
            await self._http.aclose()

    async def _call(self, op: ops.Op[T], kwargs: Mapping[str, Any]) -> T:
        response = await self._sender.send(op.spec, options_of(kwargs))
        result: T = self._core.parse(op.spec, response, op.parse)
        return result

    async def _polls(self, timeout: float, poll_interval: float) -> AsyncIterator[None]:
        """One turn now, then one after each ``poll_interval`` wait, until ``timeout``."""
        deadline = Deadline(timeout)
        while True:
            yield
            wait = deadline.next_wait(poll_interval)
            if wait is None:
                return
            await self._sleep(wait)

    # -- providers --------------------------------------------------------------------------
    async def list_providers(
        self, *, search: str | None = None, **kw: Unpack[CallKwargs]
    ) -> list[Provider]:
        """All providers Nango supports (``GET /providers``), optionally filtered."""
        return await self._call(ops.list_providers(search), kw)

    async def get_provider(self, provider: str, **kw: Unpack[CallKwargs]) -> Provider:
        """One provider's configuration (``GET /providers/{provider}``)."""
        return await self._call(ops.get_provider(provider), kw)

    async def get_provider_templates(
        self, provider: str, **kw: Unpack[CallKwargs]
    ) -> list[FunctionTemplate]:
        """The sync and action templates of a provider (``GET /providers/{provider}/templates``)."""
        return await self._call(ops.get_provider_templates(provider), kw)

    # -- integrations -----------------------------------------------------------------------
    async def list_integrations(self, **kw: Unpack[CallKwargs]) -> list[Integration]:
        """The integrations of the environment (``GET /integrations``)."""
        return await self._call(ops.list_integrations(), kw)

    async def get_integration(
        self, unique_key: str, *, include: Sequence[str] | None = None, **kw: Unpack[CallKwargs]
    ) -> IntegrationDetail:
        """One integration; ``include=["credentials", "webhook"]`` adds those fields."""
        return await self._call(ops.get_integration(unique_key, include), kw)

    async def create_integration(
        self,
        *,
        provider: str,
        unique_key: str,
        display_name: str | None = None,
        credentials: Mapping[str, Any] | None = None,
        forward_webhooks: bool | None = None,
        integration_config: Mapping[str, str] | None = None,
        **kw: Unpack[CallKwargs],
    ) -> Integration:
        """Create an integration (``POST /integrations``); ``credentials`` by ``type``."""
        fields = {
            "provider": provider,
            "unique_key": unique_key,
            "display_name": display_name,
            "credentials": credentials,
            "forward_webhooks": forward_webhooks,
            "integration_config": integration_config,
        }
        return await self._call(ops.create_integration(fields), kw)

    async def update_integration(
        self,
        unique_key: str,
        *,
        new_unique_key: str | None = None,
        display_name: str | None = None,
        credentials: Mapping[str, Any] | None = None,
        forward_webhooks: bool | None = None,
        integration_config: Mapping[str, str] | None = None,
        **kw: Unpack[CallKwargs],
    ) -> Integration:
        """Update (or rename with ``new_unique_key``) an integration (``PATCH /integrations/{key}``)."""
        fields = {
            "unique_key": new_unique_key,
            "display_name": display_name,
            "credentials": credentials,
            "forward_webhooks": forward_webhooks,
            "integration_config": integration_config,
        }
        return await self._call(ops.update_integration(unique_key, fields), kw)

    async def delete_integration(self, unique_key: str, **kw: Unpack[CallKwargs]) -> None:
        """Delete an integration and its connections (``DELETE /integrations/{key}``)."""
        await self._call(ops.delete_integration(unique_key), kw)

    async def create_quickstart_integration(
        self,
        *,
        provider: str,
        unique_key: str,
        display_name: str | None = None,
        forward_webhooks: bool | None = None,
        **kw: Unpack[CallKwargs],
    ) -> Integration:
        """Create an integration on Nango's developer app (``POST /integrations/quickstart``)."""
        fields = {
            "provider": provider,
            "unique_key": unique_key,
            "display_name": display_name,
            "forward_webhooks": forward_webhooks,
        }
        return await self._call(ops.create_quickstart_integration(fields), kw)

    # -- connect sessions -------------------------------------------------------------------
    async def create_connect_session(
        self,
        *,
        tags: Mapping[str, str] | None = None,
        end_user: Mapping[str, Any] | None = None,
        organization: Mapping[str, Any] | None = None,
        allowed_integrations: Sequence[str] | None = None,
        integrations_config_defaults: Mapping[str, Any] | None = None,
        overrides: Mapping[str, Any] | None = None,
        webhook_url_override: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> ConnectSession:
        """A connect session token and link for an end user (``POST /connect/sessions``)."""
        fields = {
            "tags": tags,
            "end_user": end_user,
            "organization": organization,
            "allowed_integrations": list(allowed_integrations) if allowed_integrations else None,
            "integrations_config_defaults": integrations_config_defaults,
            "overrides": overrides,
            "webhook_url_override": webhook_url_override,
        }
        return await self._call(ops.create_connect_session(fields), kw)

    async def create_reconnect_session(
        self,
        *,
        connection_id: str,
        integration_id: str,
        tags: Mapping[str, str] | None = None,
        end_user: Mapping[str, Any] | None = None,
        organization: Mapping[str, Any] | None = None,
        integrations_config_defaults: Mapping[str, Any] | None = None,
        overrides: Mapping[str, Any] | None = None,
        webhook_url_override: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> ConnectSession:
        """A connect session that re-authorizes an existing connection."""
        fields = {
            "connection_id": connection_id,
            "integration_id": integration_id,
            "tags": tags,
            "end_user": end_user,
            "organization": organization,
            "integrations_config_defaults": integrations_config_defaults,
            "overrides": overrides,
            "webhook_url_override": webhook_url_override,
        }
        return await self._call(ops.create_reconnect_session(fields), kw)

    async def get_connect_session(
        self, token: str, **kw: Unpack[CallKwargs]
    ) -> ConnectSessionDetails:
        """A connect session's details, authenticated with its own token."""
        return await self._call(ops.get_connect_session(token), kw)

    async def delete_connect_session(self, token: str, **kw: Unpack[CallKwargs]) -> None:
        """Revoke a connect session, authenticated with its own token."""
        await self._call(ops.delete_connect_session(token), kw)

    # -- connections ------------------------------------------------------------------------
    async def list_connections(
        self,
        *,
        integration_id: str | None = None,
        connection_id: str | None = None,
        search: str | None = None,
        end_user_id: str | None = None,
        end_user_organization_id: str | None = None,
        tags: Mapping[str, str] | None = None,
        limit: int | None = None,
        page: int | None = None,
        **kw: Unpack[CallKwargs],
    ) -> list[ConnectionSummary]:
        """Connections, newest first, filtered by integration, id, search text, end user or tags
        (``end_user_id`` matches the end user object only, as on Nango: a connection made through
        a tags-only session is found with ``tags={"end_user_id": ...}``)."""
        op = ops.list_connections(
            integration_id=integration_id,
            connection_id=connection_id,
            search=search,
            end_user_id=end_user_id,
            end_user_organization_id=end_user_organization_id,
            tags=tags,
            limit=limit,
            page=page,
        )
        return await self._call(op, kw)

    async def get_connection(
        self,
        provider_config_key: str,
        connection_id: str,
        *,
        force_refresh: bool = False,
        refresh_token: bool = False,
        refresh_github_app_jwt_token: bool = False,
        **kw: Unpack[CallKwargs],
    ) -> ConnectionDetail:
        """A connection with its credentials (``GET /connections/{id}``)."""
        op = ops.get_connection(
            provider_config_key,
            connection_id,
            force_refresh=force_refresh,
            refresh_token=refresh_token,
            refresh_github_app_jwt_token=refresh_github_app_jwt_token,
        )
        return await self._call(op, kw)

    async def get_token(
        self,
        provider_config_key: str,
        connection_id: str,
        *,
        force_refresh: bool = False,
        **kw: Unpack[CallKwargs],
    ) -> str | dict[str, Any]:
        """The OAuth 2 access token, OAuth 1 token and secret, or the other credentials."""
        connection = await self.get_connection(
            provider_config_key, connection_id, force_refresh=force_refresh, **kw
        )
        return ops.token_of(connection)

    async def get_raw_token_response(
        self,
        provider_config_key: str,
        connection_id: str,
        *,
        force_refresh: bool = False,
        **kw: Unpack[CallKwargs],
    ) -> dict[str, Any]:
        """The provider's own token response as Nango stored it (``credentials.raw``)."""
        connection = await self.get_connection(
            provider_config_key, connection_id, force_refresh=force_refresh, **kw
        )
        return ops.raw_token_of(connection)

    async def import_connection(
        self,
        provider_config_key: str,
        *,
        credentials: Mapping[str, Any],
        connection_id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        connection_config: Mapping[str, Any] | None = None,
        tags: Mapping[str, str] | None = None,
        end_user: Mapping[str, Any] | None = None,
        webhook_url_override: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> ConnectionDetail:
        """Import existing credentials as a connection (``POST /connections``, an upsert); a
        GitHub App connection is ``credentials={"type": "APP", "app_id", "installation_id"}``."""
        fields = {
            "provider_config_key": provider_config_key,
            "connection_id": connection_id,
            "credentials": credentials,
            "metadata": metadata,
            "connection_config": connection_config,
            "tags": tags,
            "end_user": end_user,
            "webhook_url_override": webhook_url_override,
        }
        return await self._call(ops.import_connection(fields), kw)

    async def patch_connection(
        self,
        provider_config_key: str,
        connection_id: str,
        *,
        end_user: Mapping[str, Any] | None = None,
        tags: Mapping[str, str] | None = None,
        webhook_url_override: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> Any:
        """Change a connection's end user, tags or webhook URL override (``PATCH /connections/{id}``)."""
        fields = {"end_user": end_user, "tags": tags, "webhook_url_override": webhook_url_override}
        op = ops.patch_connection(provider_config_key, connection_id, fields)
        return await self._call(op, kw)

    async def delete_connection(
        self, provider_config_key: str, connection_id: str, **kw: Unpack[CallKwargs]
    ) -> None:
        """Delete a connection (``DELETE /connections/{id}``)."""
        await self._call(ops.delete_connection(provider_config_key, connection_id), kw)

    async def wait_for_connection(
        self,
        *,
        integration_id: str,
        end_user_id: str | None = None,
        timeout: float = 600,
        poll_interval: float = 2,
    ) -> ConnectionSummary:
        """Poll until the end user has a connection to the integration (found by its
        ``end_user_id`` tag, so a tags-only connect session counts); APITimeoutError after
        ``timeout`` seconds."""
        # The end_user_id tag, not Nango's endUserId filter: that one misses a connection made
        # through a tags-only session or imported with tags.
        tags = {"end_user_id": end_user_id} if end_user_id else None
        async for _ in self._polls(timeout, poll_interval):
            found = ops.newest(
                await self.list_connections(integration_id=integration_id, tags=tags)
            )
            if found is not None:
                return found
        raise no_connection(integration_id, end_user_id, timeout)

    # -- metadata ---------------------------------------------------------------------------
    async def get_metadata(
        self, provider_config_key: str, connection_id: str, **kw: Unpack[CallKwargs]
    ) -> dict[str, Any]:
        """A connection's custom metadata ({} when none)."""
        connection = await self.get_connection(provider_config_key, connection_id, **kw)
        return ops.metadata_of(connection)

    async def set_metadata(
        self,
        provider_config_key: str,
        connection_id_or_ids: str | Sequence[str],
        metadata: Mapping[str, Any],
        **kw: Unpack[CallKwargs],
    ) -> dict[str, Any]:
        """Replace the metadata of one or many connections (``POST /connections/metadata``)."""
        op = ops.set_metadata(provider_config_key, connection_id_or_ids, metadata)
        return await self._call(op, kw)

    async def update_metadata(
        self,
        provider_config_key: str,
        connection_id_or_ids: str | Sequence[str],
        metadata: Mapping[str, Any],
        **kw: Unpack[CallKwargs],
    ) -> dict[str, Any]:
        """Merge into the metadata of one or many connections (``PATCH /connections/metadata``)."""
        op = ops.update_metadata(provider_config_key, connection_id_or_ids, metadata)
        return await self._call(op, kw)

    # -- proxy ------------------------------------------------------------------------------
    async def proxy(self, method: str, path: str, **kw: Unpack[ProxyKwargs]) -> ProxyResponse:
        """Call the provider's API through Nango's proxy; headers travel as ``Nango-Proxy-*``."""
        spec = proxy_request(method, path, kw)
        return proxy_response(await self._sender.send(spec, options_of(kw)))

    @asynccontextmanager
    async def proxy_stream(
        self, method: str, path: str, **kw: Unpack[ProxyKwargs]
    ) -> AsyncIterator[ProxyStream]:
        """``proxy()`` for large answers, as a context manager: the provider's status and headers
        at once, then ``async for chunk in stream.aiter_bytes()``; the body is never held whole,
        so ``max_response_size`` does not apply to it. ``timeout=`` bounds the attempt up to the
        headers, then each read. An error status raises as ``proxy()`` does."""
        spec = proxy_request(method, path, kw)
        response = await self._sender.send(spec, options_of(kw), stream=True)
        try:
            yield ProxyStream(response, partial(self._core.transport_error, spec))
        finally:
            await response.aclose()

    async def get(self, path: str, **kw: Unpack[ProxyKwargs]) -> ProxyResponse:
        """``proxy("GET", path, ...)``."""
        return await self.proxy("GET", path, **kw)

    async def post(self, path: str, **kw: Unpack[ProxyKwargs]) -> ProxyResponse:
        """``proxy("POST", path, ...)``; not retried unless ``idempotent=True``."""
        return await self.proxy("POST", path, **kw)

    async def put(self, path: str, **kw: Unpack[ProxyKwargs]) -> ProxyResponse:
        """``proxy("PUT", path, ...)``."""
        return await self.proxy("PUT", path, **kw)

    async def patch(self, path: str, **kw: Unpack[ProxyKwargs]) -> ProxyResponse:
        """``proxy("PATCH", path, ...)``; not retried unless ``idempotent=True``."""
        return await self.proxy("PATCH", path, **kw)

    async def delete(self, path: str, **kw: Unpack[ProxyKwargs]) -> ProxyResponse:
        """``proxy("DELETE", path, ...)``."""
        return await self.proxy("DELETE", path, **kw)

    # -- records ----------------------------------------------------------------------------
    async def list_records(
        self, *, cursor: str | None = None, **kw: Unpack[RecordsKwargs]
    ) -> RecordsPage:
        """One page of synced records (``GET /records``) and the next cursor."""
        return await self._call(records_op(kw, cursor), kw)

    async def iter_records(self, **kw: Unpack[RecordsKwargs]) -> AsyncIterator[dict[str, Any]]:
        """Every record of the model, page after page, holding one page in memory at a time."""
        cursor: str | None = None
        while True:
            page = await self._call(records_op(kw, cursor), kw)
            for record in page.records:
                yield record
            cursor = check_cursor(cursor, page.next_cursor)
            if cursor is None:
                return

    async def prune_records(
        self,
        *,
        provider_config_key: str,
        connection_id: str,
        model: str,
        until_cursor: str,
        variant: str | None = None,
        limit: int | None = None,
        **kw: Unpack[CallKwargs],
    ) -> PruneRecordsResponse:
        """Drop the payload of records up to ``until_cursor`` (``PATCH /records/prune``)."""
        op = ops.prune_records(
            provider_config_key=provider_config_key,
            connection_id=connection_id,
            model=model,
            until_cursor=until_cursor,
            variant=variant,
            limit=limit,
        )
        return await self._call(op, kw)

    # -- syncs ------------------------------------------------------------------------------
    async def trigger_sync(
        self,
        provider_config_key: str,
        *,
        syncs: Sequence[str | Mapping[str, str]] = (),
        connection_id: str | None = None,
        reset: bool | None = None,
        empty_cache: bool | None = None,
        sync_mode: str | None = None,
        full_resync: bool | None = None,
        **kw: Unpack[CallKwargs],
    ) -> None:
        """Run syncs once now (``POST /sync/trigger``); all syncs when ``syncs`` is empty."""
        op = ops.trigger_sync(
            provider_config_key,
            syncs,
            connection_id,
            sync_mode,
            full_resync,
            ops.sync_trigger_opts(reset, empty_cache),
        )
        await self._call(op, kw)

    async def start_sync(
        self,
        provider_config_key: str,
        *,
        syncs: Sequence[str | Mapping[str, str]],
        connection_id: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> None:
        """Start (resume) the schedule of syncs (``POST /sync/start``)."""
        await self._call(ops.start_sync(provider_config_key, syncs, connection_id), kw)

    async def pause_sync(
        self,
        provider_config_key: str,
        *,
        syncs: Sequence[str | Mapping[str, str]],
        connection_id: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> None:
        """Pause the schedule of syncs (``POST /sync/pause``)."""
        await self._call(ops.pause_sync(provider_config_key, syncs, connection_id), kw)

    async def sync_status(
        self,
        provider_config_key: str,
        *,
        syncs: str | Sequence[str] = "*",
        connection_id: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> list[SyncStatus]:
        """Status of syncs (``GET /sync/status``); ``syncs="*"`` for all."""
        return await self._call(ops.sync_status(provider_config_key, syncs, connection_id), kw)

    async def trigger_sync_and_wait(
        self,
        provider_config_key: str,
        *,
        syncs: Sequence[str | Mapping[str, str]] = (),
        connection_id: str | None = None,
        reset: bool | None = None,
        empty_cache: bool | None = None,
        sync_mode: str | None = None,
        full_resync: bool | None = None,
        timeout: float = 600,
        poll_interval: float = 2,
    ) -> list[SyncStatus]:
        """Run syncs once now and wait until the runs this trigger started are over; their
        final statuses (check for ``status == "ERROR"``). APITimeoutError after ``timeout`` s.

        Polling ``sync_status()`` right after ``trigger_sync()`` returns at once: Nango keeps
        reporting the previous run (its ``finishedAt``, status SUCCESS) until the job is picked
        up, milliseconds to about 10 s later. This reads the statuses first, and waits until
        each sync's ``finishedAt`` has changed (or it was seen RUNNING) and it is not RUNNING.
        """
        names = sync_names(syncs)
        key, where = provider_config_key, connection_id
        before = sync_runs(await self.sync_status(key, syncs=names, connection_id=where), syncs)
        watch = SyncRunWatch(run_of(s) for s in before)
        await self.trigger_sync(
            provider_config_key,
            syncs=syncs,
            connection_id=connection_id,
            reset=reset,
            empty_cache=empty_cache,
            sync_mode=sync_mode,
            full_resync=full_resync,
        )
        async for _ in self._polls(timeout, poll_interval):
            now = sync_runs(await self.sync_status(key, syncs=names, connection_id=where), syncs)
            if watch.finished(run_of(s) for s in now):
                return now
        raise sync_not_done(provider_config_key, names, timeout)

    async def update_sync_frequency(
        self,
        provider_config_key: str,
        connection_id: str,
        *,
        sync_name: str,
        frequency: str | None,
        sync_variant: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> UpdateSyncFrequencyResponse:
        """Override a sync's frequency for one connection; ``frequency=None`` reverts it."""
        op = ops.update_sync_frequency(
            provider_config_key, connection_id, sync_name, frequency, sync_variant
        )
        return await self._call(op, kw)

    async def create_sync_variant(
        self,
        provider_config_key: str,
        connection_id: str,
        *,
        sync_name: str,
        variant: str,
        **kw: Unpack[CallKwargs],
    ) -> SyncVariant:
        """Create a variant of a sync for one connection (``POST /sync/{name}/variant/{v}``)."""
        op = ops.create_sync_variant(provider_config_key, connection_id, sync_name, variant)
        return await self._call(op, kw)

    async def delete_sync_variant(
        self,
        provider_config_key: str,
        connection_id: str,
        *,
        sync_name: str,
        variant: str,
        **kw: Unpack[CallKwargs],
    ) -> None:
        """Delete a sync variant (``DELETE /sync/{name}/variant/{v}``)."""
        op = ops.delete_sync_variant(provider_config_key, connection_id, sync_name, variant)
        await self._call(op, kw)

    # -- actions ----------------------------------------------------------------------------
    async def trigger_action(
        self,
        provider_config_key: str,
        connection_id: str,
        action_name: str,
        input: Any = None,
        *,
        idempotent: bool | None = None,
        **kw: Unpack[CallKwargs],
    ) -> Any:
        """Run an action and return its output; not retried unless ``idempotent=True``."""
        op = ops.trigger_action(
            provider_config_key,
            connection_id,
            action_name,
            input,
            run_async=False,
            idempotent=idempotent,
        )
        return await self._call(op, kw)

    async def trigger_action_async(
        self,
        provider_config_key: str,
        connection_id: str,
        action_name: str,
        input: Any = None,
        *,
        idempotent: bool | None = None,
        **kw: Unpack[CallKwargs],
    ) -> AsyncActionHandle:
        """Start an action in the background (``X-Async: true``); returns its id."""
        op = ops.trigger_action(
            provider_config_key,
            connection_id,
            action_name,
            input,
            run_async=True,
            idempotent=idempotent,
        )
        handle: AsyncActionHandle = await self._call(op, kw)
        return handle

    async def get_async_action_result(self, action_id: str, **kw: Unpack[CallKwargs]) -> Any:
        """The output of an action started with ``trigger_action_async``, by id or ``status_url``
        (NotFoundError until it is done)."""
        return await self._call(ops.get_async_action_result(action_id), kw)

    async def trigger_action_and_wait(
        self,
        provider_config_key: str,
        connection_id: str,
        action_name: str,
        input: Any = None,
        *,
        timeout: float = 300,
        poll_interval: float = 1,
    ) -> Any:
        """Start an action asynchronously and poll for its output; APITimeoutError after
        ``timeout`` seconds."""
        handle = await self.trigger_action_async(
            provider_config_key, connection_id, action_name, input
        )
        async for _ in self._polls(timeout, poll_interval):
            try:
                return await self.get_async_action_result(handle.id)
            except NotFoundError:
                pass  # not finished yet
        raise action_not_done(action_name, handle.id, timeout)

    # -- scripts and environment -------------------------------------------------------------
    async def get_scripts_config(
        self, *, format: str | None = None, **kw: Unpack[CallKwargs]
    ) -> list[ScriptsConfigIntegration] | OpenAIFunctionList:
        """The deployed functions per integration; ``format="openai"`` for OpenAI tools."""
        return await self._call(ops.get_scripts_config(format), kw)

    async def get_environment_variables(
        self, **kw: Unpack[CallKwargs]
    ) -> list[EnvironmentVariable]:
        """The environment variables set in the Nango dashboard."""
        return await self._call(ops.get_environment_variables(), kw)

    async def create_environment(
        self,
        name: str,
        *,
        is_production: bool | None = None,
        callback_url: str | None = None,
        hmac_key: str | None = None,
        hmac_enabled: bool | None = None,
        slack_notifications: bool | None = None,
        otlp_endpoint: str | None = None,
        otlp_headers: Sequence[Mapping[str, str]] | None = None,
        **kw: Unpack[CallKwargs],
    ) -> CreatedEnvironment:
        """Create an environment (``POST /environments``); needs an account key (else
        PermissionDeniedError); a taken name is a ConflictError."""
        fields = {
            "name": name,
            "is_production": is_production,
            "callback_url": callback_url,
            "hmac_key": hmac_key,
            "hmac_enabled": hmac_enabled,
            "slack_notifications": slack_notifications,
            "otlp_endpoint": otlp_endpoint,
            "otlp_headers": None if otlp_headers is None else [dict(h) for h in otlp_headers],
        }
        return await self._call(ops.create_environment(fields), kw)

    async def delete_environment(self, environment_id: int, **kw: Unpack[CallKwargs]) -> None:
        """Delete an environment by its numeric id (``DELETE /environments/{id}``); needs an
        account key; ``prod`` cannot be deleted."""
        await self._call(ops.delete_environment(environment_id), kw)

    async def rotate_webhook_signing_key(self, **kw: Unpack[CallKwargs]) -> str:
        """A new webhook signing key, replacing the old one: the receiver's ``webhook_signing_key``."""
        return await self._call(ops.rotate_webhook_signing_key(), kw)

    async def create_api_key(
        self, environment_id: int, display_name: str, **kw: Unpack[CallKwargs]
    ) -> CreatedApiKey:
        """A new API key of an environment (``POST /environment/api-keys``, an account key's
        call); its ``secret`` is in this answer only (store it, never log it)."""
        return await self._call(ops.create_api_key(environment_id, display_name), kw)

    async def delete_api_key(
        self, environment_id: int, key_id: int, **kw: Unpack[CallKwargs]
    ) -> None:
        """Revoke an API key by its numeric id (``DELETE /environment/api-keys``)."""
        await self._call(ops.delete_api_key(environment_id, key_id), kw)

    async def list_functions(
        self,
        unique_key: str,
        *,
        type: str | None = None,
        search: str | None = None,
        page: int | None = None,
        limit: int | None = None,
        **kw: Unpack[CallKwargs],
    ) -> FunctionListResponse:
        """One page of an integration's functions (``GET /integrations/{key}/functions``)."""
        return await self._call(ops.list_functions(unique_key, type, search, page, limit), kw)

    async def get_function(
        self, unique_key: str, name: str, *, type: str | None = None, **kw: Unpack[CallKwargs]
    ) -> DeployedFunction:
        """One deployed function; ``type`` picks one when a sync and an action share a name."""
        return await self._call(ops.get_function(unique_key, name, type), kw)

    async def get_function_code(
        self, unique_key: str, name: str, *, type: str | None = None, **kw: Unpack[CallKwargs]
    ) -> FunctionCode:
        """A deployed function's kind and source (``GET .../functions/{name}/code``)."""
        return await self._call(ops.get_function_code(unique_key, name, type), kw)

    async def delete_function(
        self, unique_key: str, name: str, *, type: str, **kw: Unpack[CallKwargs]
    ) -> None:
        """Undeploy a ``sync`` or ``action`` from an integration (``DELETE .../functions/{name}``)."""
        await self._call(ops.delete_function(unique_key, name, type), kw)

    # -- functions API ----------------------------------------------------------------------
    async def compile_function(self, code: str, **kw: Unpack[CallKwargs]) -> FunctionCompileResult:
        """Compile a function's TypeScript source to its JavaScript bundle (``POST /functions/compile``)."""
        return await self._call(ops.compile_function(code), kw)

    async def create_function_dryrun(
        self,
        integration_id: str,
        connection_id: str,
        *,
        function_type: str,
        code: str,
        input: Any = None,
        metadata: Mapping[str, Any] | None = None,
        checkpoint: Mapping[str, Any] | None = None,
        last_sync_date: str | None = None,
        **kw: Unpack[CallKwargs],
    ) -> FunctionRunHandle:
        """Start running function source against a connection without deploying it
        (``POST /functions/dryruns``); poll ``get_function_dryrun``."""
        fields = {
            "integration_id": integration_id,
            "connection_id": connection_id,
            "function_type": function_type,
            "code": code,
            "input": input,
            "metadata": metadata,
            "checkpoint": checkpoint,
            "last_sync_date": last_sync_date,
        }
        return await self._call(ops.create_function_dryrun(fields), kw)

    async def get_function_dryrun(self, dryrun_id: str, **kw: Unpack[CallKwargs]) -> FunctionDryrun:
        """A dry run's status and, once finished, its output, result or error."""
        return await self._call(ops.get_function_dryrun(dryrun_id), kw)

    async def deploy_function(
        self,
        integration_id: str,
        *,
        template: str | None = None,
        code: str | None = None,
        function_name: str | None = None,
        function_type: str | None = None,
        version: str | None = None,
        allow_destructive: bool | None = None,
        **kw: Unpack[CallKwargs],
    ) -> FunctionRunHandle:
        """Deploy a provider template (``template=``) or TypeScript source (``code=``,
        ``function_name=``, ``function_type=``) to an integration (``POST /functions/deployments``)."""
        fields = {
            "integration_id": integration_id,
            "template": template,
            "code": code,
            "function_name": function_name,
            "function_type": function_type,
            "version": version,
            "allow_destructive": allow_destructive,
        }
        return await self._call(ops.deploy_function(fields), kw)

    async def get_function_deployment(
        self, deployment_id: str, **kw: Unpack[CallKwargs]
    ) -> FunctionDeployment:
        """A deployment's status and, once finished, what it deployed or its error."""
        return await self._call(ops.get_function_deployment(deployment_id), kw)

    async def wait_for_function_deployment(
        self, deployment_id: str, *, timeout: float = 300, poll_interval: float = 1
    ) -> FunctionDeployment:
        """Poll a deployment until its status is ``success`` or ``failed`` (check ``status``;
        ``error`` says why it failed); APITimeoutError after ``timeout`` seconds."""
        status = "unknown"
        async for _ in self._polls(timeout, poll_interval):
            deployment = await self.get_function_deployment(deployment_id)
            if deployment.status in ops.FINISHED:
                return deployment
            status = deployment.status
        raise deployment_not_done(deployment_id, status, timeout)

    async def deploy_function_and_wait(
        self,
        integration_id: str,
        *,
        template: str | None = None,
        code: str | None = None,
        function_name: str | None = None,
        function_type: str | None = None,
        version: str | None = None,
        allow_destructive: bool | None = None,
        timeout: float = 300,
        poll_interval: float = 1,
    ) -> FunctionDeployment:
        """``deploy_function`` then ``wait_for_function_deployment``: the finished deployment."""
        handle = await self.deploy_function(
            integration_id,
            template=template,
            code=code,
            function_name=function_name,
            function_type=function_type,
            version=version,
            allow_destructive=allow_destructive,
        )
        return await self.wait_for_function_deployment(
            handle.id, timeout=timeout, poll_interval=poll_interval
        )
