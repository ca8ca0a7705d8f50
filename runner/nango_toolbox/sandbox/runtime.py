"""The state the function routes share: the context, the deployed functions, records and syncs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from . import clock
from .context import SandboxContext
from .errors import ApiError
from .functions import FunctionRegistry, ProviderCall, ProviderRequest, ProviderResponse
from .parsing import require_header
from .records import RecordStore
from .repo import Connection, Integration
from .syncs import SyncManager, SyncRunEnd
from .webhook_sender import async_action_body, sync_body


@dataclass
class Runtime:
    """The state shared by the routes of this package: context, the deployed functions, the
    template catalogue (deployable through the function API), records, syncs."""

    ctx: SandboxContext
    registry: FunctionRegistry
    templates: FunctionRegistry = field(default_factory=FunctionRegistry)
    records: RecordStore = field(init=False)
    syncs: SyncManager = field(init=False)

    def __post_init__(self) -> None:
        self.records = RecordStore(self.ctx.store)
        self.syncs = SyncManager(
            store=self.ctx.store,
            registry=self.registry,
            records=self.records,
            get_connection=self.ctx.get_connection,
            caller=self.caller,
            on_run_end=self.sync_finished,
            pickup_delay=self.ctx.pickup_delay,
        )

    def action_finished(self, connection: Connection, action_id: str) -> None:
        """Nango's ``async_action`` webhook for a background action that finished."""
        self.ctx.webhooks.send_in_background(
            async_action_body(connection, action_id), connection.webhook_url_override
        )

    def sync_finished(self, run: SyncRunEnd) -> None:
        """Nango's ``sync`` webhooks: one per model after a success, one naming every model
        (joined with commas) after a failure."""
        now = clock.now_iso()

        def body(model: str, counts: Mapping[str, int] | None) -> dict[str, Any]:
            return sync_body(
                run.connection,
                sync_name=run.sync_name,
                model=model,
                success=run.error is None,
                now=now,
                variant=run.variant,
                sync_type="INCREMENTAL" if run.incremental else "INITIAL",
                results=counts,
                error=None
                if run.error is None
                else {"type": "script_error", "description": run.error},
                started_at=run.started_at,
            )

        if run.error is not None:
            bodies = [body(",".join(run.models), None)]
        else:
            bodies = [body(model, run.results.get(model)) for model in run.models]
        for each in bodies:
            self.ctx.webhooks.send_in_background(each, run.connection.webhook_url_override)

    def caller(self, connection: Connection) -> ProviderCall:
        """Calls to ``connection``'s provider for its functions (the proxy's logic)."""

        async def call(request: ProviderRequest) -> ProviderResponse:
            response = await self.ctx.call_provider(
                connection,
                request.method,
                request.endpoint,
                request.params,
                request.json,
                request.headers,
                base_url_override=request.base_url_override,
                retries=request.retries,
            )
            return ProviderResponse(response.status_code, dict(response.headers), response.content)

        return call

    def authenticate(self, request: Request) -> None:
        """Require the secret key; also makes sure the sync scheduler runs."""
        self.ctx.auth.require(request)
        self.syncs.wake()

    def integration(self, unique_key: str) -> Integration:
        """The integration, or 404 ``unknown_provider_config``."""
        return self.ctx.require_integration(unique_key)

    def connection(self, provider_config_key: str, connection_id: str) -> Connection:
        """The connection (fresh credentials), or 400 ``unknown_connection`` as Nango answers."""
        connection = self.ctx.get_connection(provider_config_key, connection_id)
        if connection is None:
            raise ApiError(
                400,
                "unknown_connection",
                "Provided ConnectionId and ProviderConfigKey does not match a valid connection",
            )
        return connection

    def connection_from_headers(self, request: Request) -> Connection:
        """The connection named by the Connection-Id and Provider-Config-Key headers."""
        connection_id = require_header(request, "Connection-Id")
        provider_config_key = require_header(request, "Provider-Config-Key")
        return self.connection(provider_config_key, connection_id)
