"""Functions deployed to the sandbox: actions and syncs as Python callables.

Writing functions
-----------------
A functions module (``nango-run sandbox --functions MODULE``, or ``Sandbox(functions=...)``;
a dotted module name or a path to a ``.py`` file) defines ``register(registry)``::

    from nango_toolbox.sandbox.functions import ActionError, FunctionRegistry

    def register(registry: FunctionRegistry) -> None:
        @registry.action("create-ticket", provider="zendesk",
                         input_schema={"type": "object", "properties": {"subject": {"type": "string"}},
                                       "required": ["subject"]},
                         input_model="CreateTicketInput", output_model="Ticket")
        def create_ticket(nango, input):
            response = nango.post("/api/v2/tickets", json={"ticket": input})
            return response.json()["ticket"]

        @registry.sync("tickets", integration="my-zendesk", models={"Ticket": None},
                       frequency="every hour", sync_type="full", track_deletes=True)
        def tickets(nango):
            nango.batch_save(nango.get("/api/v2/tickets").json()["tickets"], "Ticket")

- ``provider="x"`` deploys the function to every integration of provider ``x``;
  ``integration="key"`` to that integration only.
- Functions are plain (blocking) callables, run in a worker thread. An action is
  ``fn(nango, input) -> output`` (any JSON value); a sync is ``fn(nango)`` and saves records with
  ``nango.batch_save(records, model)`` / ``nango.batch_delete(records, model)``, or returns
  ``{model: [records]}``, or yields ``(model, records)`` pairs.
- ``nango`` is a `FunctionContext`: ``connection_id``, ``provider_config_key``, ``provider``,
  ``metadata``, ``connection_config``, ``variant``, ``last_sync_date`` and
  ``proxy(method, endpoint, ...)`` / ``get`` / ``post`` / ``put`` / ``patch`` / ``delete``, which
  call the provider through the sandbox's proxy logic (credentials injected) and raise
  `ProviderHTTPError` on a 4xx/5xx answer.
- Raise ``ActionError({...})`` to fail an action with a payload (500
  ``action_script_runtime_error``); an uncaught `ProviderHTTPError` answers 424
  ``script_http_error`` with the upstream response; any other exception 500
  ``script_internal_error``.

Built-in functions for the built-in providers live in `nango_toolbox.sandbox.builtin_functions`.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.routing import BaseRoute

    from .context import SandboxContext
    from .records import RecordStore
    from .repo import Connection, Integration
    from .syncs import SyncManager

ActionFn = Callable[["FunctionContext", Any], Any]
SyncFn = Callable[["FunctionContext"], Any]
Schema = Mapping[str, Any]


class FunctionsLoadError(ValueError):
    """The functions module could not be loaded (one line, saying what to fix)."""


class ActionError(Exception):
    """Raise from an action to fail it with a payload (Nango's ``nango.ActionError``)."""

    def __init__(self, payload: Mapping[str, Any] | None = None) -> None:
        self.payload: dict[str, Any] = dict(payload or {})
        super().__init__(str(self.payload.get("message") or "action failed"))


class ProviderHTTPError(Exception):
    """A provider answered 4xx/5xx to a call made by a function."""

    def __init__(self, method: str, path: str, response: ProviderResponse) -> None:
        super().__init__(f"{method} {path} answered {response.status_code}")
        self.method = method
        self.path = path
        self.response = response


@dataclass(frozen=True)
class ProviderResponse:
    """A provider's answer to a function's call."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        import json

        return json.loads(self.content) if self.content else None


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    group: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"method": self.method, "path": self.path}
        if self.group:
            data["group"] = self.group
        return data


@dataclass(frozen=True)
class ActionSpec:
    name: str
    fn: ActionFn
    provider: str | None = None
    integration: str | None = None
    description: str = ""
    input_model: str | None = None
    input_schema: Schema | None = None
    output_model: str | None = None
    output_schema: Schema | None = None
    scopes: tuple[str, ...] = ()
    endpoint: Endpoint | None = None
    version: str = "1.0.0"
    pre_built: bool = False


@dataclass(frozen=True)
class SyncSpec:
    name: str
    fn: SyncFn
    models: Mapping[str, Schema | None]
    provider: str | None = None
    integration: str | None = None
    description: str = ""
    frequency: str = "every day"
    sync_type: str = "incremental"
    auto_start: bool = True
    track_deletes: bool = False
    scopes: tuple[str, ...] = ()
    endpoints: tuple[Endpoint, ...] = ()
    version: str = "1.0.0"
    pre_built: bool = False


Spec = ActionSpec | SyncSpec


@dataclass
class FunctionRegistry:
    """Actions and syncs, each deployed to a provider's integrations or to one integration."""

    actions: list[ActionSpec] = field(default_factory=list)
    syncs: list[SyncSpec] = field(default_factory=list)
    removed: set[tuple[str, str, str]] = field(default_factory=set)

    def action(
        self,
        name: str,
        *,
        provider: str | None = None,
        integration: str | None = None,
        description: str = "",
        input_model: str | None = None,
        input_schema: Schema | None = None,
        output_model: str | None = None,
        output_schema: Schema | None = None,
        scopes: Sequence[str] = (),
        endpoint: tuple[str, str] | None = None,
        version: str = "1.0.0",
        pre_built: bool = False,
    ) -> Callable[[ActionFn], ActionFn]:
        """Decorator registering ``fn(nango, input)`` as action ``name``."""
        _check_target(name, provider, integration)

        def decorate(fn: ActionFn) -> ActionFn:
            self._add_action(
                ActionSpec(
                    name=name,
                    fn=fn,
                    provider=provider,
                    integration=integration,
                    description=description or inspect.getdoc(fn) or "",
                    input_model=input_model,
                    input_schema=input_schema,
                    output_model=output_model,
                    output_schema=output_schema,
                    scopes=tuple(scopes),
                    endpoint=Endpoint(*endpoint) if endpoint else None,
                    version=version,
                    pre_built=pre_built,
                )
            )
            return fn

        return decorate

    def sync(
        self,
        name: str,
        *,
        models: Mapping[str, Schema | None],
        provider: str | None = None,
        integration: str | None = None,
        description: str = "",
        frequency: str = "every day",
        sync_type: str = "incremental",
        auto_start: bool = True,
        track_deletes: bool = False,
        scopes: Sequence[str] = (),
        endpoints: Sequence[tuple[str, str]] = (),
        version: str = "1.0.0",
        pre_built: bool = False,
    ) -> Callable[[SyncFn], SyncFn]:
        """Decorator registering ``fn(nango)`` as sync ``name`` writing ``models``."""
        _check_target(name, provider, integration)
        if not models:
            raise FunctionsLoadError(f"sync '{name}': give at least one model in models={{...}}")
        if sync_type not in ("incremental", "full"):
            raise FunctionsLoadError(f"sync '{name}': sync_type must be 'incremental' or 'full'")
        from .syncs import parse_frequency

        try:
            parse_frequency(frequency)
        except ValueError as exc:
            raise FunctionsLoadError(f"sync '{name}': {exc}") from None

        def decorate(fn: SyncFn) -> SyncFn:
            self._add_sync(
                SyncSpec(
                    name=name,
                    fn=fn,
                    models=dict(models),
                    provider=provider,
                    integration=integration,
                    description=description or inspect.getdoc(fn) or "",
                    frequency=frequency,
                    sync_type=sync_type,
                    auto_start=auto_start,
                    track_deletes=track_deletes,
                    scopes=tuple(scopes),
                    endpoints=tuple(Endpoint(m, p) for m, p in endpoints),
                    version=version,
                    pre_built=pre_built,
                )
            )
            return fn

        return decorate

    def _add_action(self, spec: ActionSpec) -> None:
        self.actions = [a for a in self.actions if _target(a) != _target(spec)] + [spec]

    def _add_sync(self, spec: SyncSpec) -> None:
        self.syncs = [s for s in self.syncs if _target(s) != _target(spec)] + [spec]

    def actions_for(self, unique_key: str, provider: str) -> list[ActionSpec]:
        """Actions deployed to an integration (an integration-specific one hides a provider one)."""
        return self._kept(_deployed(self.actions, unique_key, provider), unique_key, "action")

    def syncs_for(self, unique_key: str, provider: str) -> list[SyncSpec]:
        return self._kept(_deployed(self.syncs, unique_key, provider), unique_key, "sync")

    def remove(self, unique_key: str, kind: str, name: str) -> None:
        """Take a function (``kind`` ``action`` or ``sync``) out of one integration's deployment."""
        self.removed.add((unique_key, kind, name))

    def _kept(self, specs: list[S], unique_key: str, kind: str) -> list[S]:
        return [s for s in specs if (unique_key, kind, s.name) not in self.removed]

    def find_action(self, unique_key: str, provider: str, name: str) -> ActionSpec | None:
        return next((a for a in self.actions_for(unique_key, provider) if a.name == name), None)

    def find_sync(self, unique_key: str, provider: str, name: str) -> SyncSpec | None:
        return next((s for s in self.syncs_for(unique_key, provider) if s.name == name), None)


def _check_target(name: str, provider: str | None, integration: str | None) -> None:
    if not name:
        raise FunctionsLoadError("a function needs a non-empty name")
    if (provider is None) == (integration is None):
        raise FunctionsLoadError(
            f"function '{name}': give exactly one of provider='...' or integration='...'"
        )


def _target(spec: Spec) -> tuple[str | None, str | None, str]:
    return spec.provider, spec.integration, spec.name


S = TypeVar("S", ActionSpec, SyncSpec)


def _deployed(specs: list[S], unique_key: str, provider: str) -> list[S]:
    own = [s for s in specs if s.integration == unique_key]
    names = {s.name for s in own}
    inherited = [s for s in specs if s.provider == provider and s.name not in names]
    return sorted(inherited + own, key=lambda s: s.name)


def load_functions(
    source: str | ModuleType | Callable[[FunctionRegistry], None] | None,
) -> FunctionRegistry:
    """The built-in functions plus those of ``source`` (module name, ``.py`` path or callable)."""
    from . import builtin_functions

    registry = FunctionRegistry()
    builtin_functions.register(registry)
    if source is None:
        return registry
    register = source if callable(source) else getattr(_import(source), "register", None)
    if not callable(register):
        raise FunctionsLoadError(
            f"functions module '{source}' has no register(registry) function: define one"
        )
    try:
        register(registry)
    except FunctionsLoadError:
        raise
    except Exception as exc:
        raise FunctionsLoadError(
            f"functions module '{source}': register(registry) failed: {type(exc).__name__}: {exc}"
        ) from exc
    return registry


def _import(source: str | ModuleType) -> ModuleType:
    if isinstance(source, ModuleType):
        return source
    path = Path(source)
    try:
        if source.endswith(".py"):
            if not path.is_file():
                raise FunctionsLoadError(f"functions file '{source}' does not exist")
            spec = importlib.util.spec_from_file_location(f"_sandbox_functions_{path.stem}", path)
            if spec is None or spec.loader is None:
                raise FunctionsLoadError(f"functions file '{source}' cannot be imported")
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(spec.name, None)
                raise
            return module
        return importlib.import_module(source)
    except FunctionsLoadError:
        raise
    except ModuleNotFoundError as exc:
        raise FunctionsLoadError(
            f"functions module '{source}' not found ({exc.name}): pass a module importable"
            " from the current directory or a path to a .py file"
        ) from None
    except Exception as exc:
        raise FunctionsLoadError(
            f"functions module '{source}' failed to import: {type(exc).__name__}: {exc}"
        ) from exc


class FunctionContext:
    """What a function receives as ``nango``: the connection and calls to its provider."""

    def __init__(
        self,
        runtime: Runtime,
        connection: Connection,
        *,
        variant: str = "base",
        last_sync_date: str | None = None,
        saver: RecordSaver | None = None,
    ) -> None:
        self._runtime = runtime
        self._connection = connection
        self._saver = saver
        self.connection_id = connection.connection_id
        self.provider_config_key = connection.provider_config_key
        self.provider = connection.provider
        self.metadata: dict[str, Any] = dict(connection.metadata)
        self.connection_config: dict[str, Any] = dict(connection.connection_config)
        self.variant = variant
        self.last_sync_date = last_sync_date

    def proxy(
        self,
        method: str,
        endpoint: str,
        *,
        params: Mapping[str, Any] | Sequence[tuple[str, str]] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        retries: int = 0,
        base_url_override: str | None = None,
    ) -> ProviderResponse:
        """Call the provider with the connection's credentials; 4xx/5xx raise `ProviderHTTPError`."""
        import anyio.from_thread

        response = anyio.from_thread.run(
            self._call, method.upper(), endpoint, params, json, headers, retries, base_url_override
        )
        if response.status_code >= 400:
            raise ProviderHTTPError(method.upper(), endpoint, response)
        return response

    async def _call(
        self,
        method: str,
        endpoint: str,
        params: Any,
        json: Any,
        headers: Mapping[str, str] | None,
        retries: int,
        base_url_override: str | None,
    ) -> ProviderResponse:
        response = await self._runtime.ctx.call_provider(
            self._connection,
            method,
            endpoint,
            params,
            json,
            headers,
            base_url_override=base_url_override,
            retries=retries,
        )
        return ProviderResponse(response.status_code, dict(response.headers), response.content)

    def get(self, endpoint: str, **kwargs: Any) -> ProviderResponse:
        return self.proxy("GET", endpoint, **kwargs)

    def post(self, endpoint: str, **kwargs: Any) -> ProviderResponse:
        return self.proxy("POST", endpoint, **kwargs)

    def put(self, endpoint: str, **kwargs: Any) -> ProviderResponse:
        return self.proxy("PUT", endpoint, **kwargs)

    def patch(self, endpoint: str, **kwargs: Any) -> ProviderResponse:
        return self.proxy("PATCH", endpoint, **kwargs)

    def delete(self, endpoint: str, **kwargs: Any) -> ProviderResponse:
        return self.proxy("DELETE", endpoint, **kwargs)

    def batch_save(self, records: Sequence[Mapping[str, Any]], model: str) -> None:
        """Save records of ``model`` (syncs only)."""
        self._require_saver("batch_save").save(model, records)

    def batch_delete(self, records: Sequence[Mapping[str, Any]], model: str) -> None:
        """Mark records of ``model`` deleted, by their ``id`` (syncs only)."""
        self._require_saver("batch_delete").delete(model, records)

    def _require_saver(self, what: str) -> RecordSaver:
        if self._saver is None:
            raise RuntimeError(f"nango.{what}() is only available in syncs")
        return self._saver


class RecordSaver:
    """Collects what one sync run wrote, per model (``latestResult``)."""

    def __init__(
        self, runtime: Runtime, connection_ref: int, models: Sequence[str], variant: str
    ) -> None:
        self._runtime = runtime
        self._connection_ref = connection_ref
        self._models = list(models)
        self._variant = variant
        self.result: dict[str, dict[str, int]] = {
            m: {"added": 0, "updated": 0, "deleted": 0} for m in models
        }
        self.seen: dict[str, set[str]] = {m: set() for m in models}

    def _check(self, model: str) -> None:
        if model not in self.result:
            raise ValueError(f"model '{model}' is not one of this sync's models {self._models}")

    def save(self, model: str, records: Sequence[Mapping[str, Any]]) -> None:
        from .records import record_id

        self._check(model)
        done = self._runtime.records.save(
            self._connection_ref, model, list(records), variant=self._variant
        )
        self.seen[model].update(record_id(r, i) for i, r in enumerate(records))
        self.result[model]["added"] += done.added
        self.result[model]["updated"] += done.updated

    def delete(self, model: str, records: Sequence[Mapping[str, Any]]) -> None:
        from .records import record_id

        self._check(model)
        ids = [record_id(r, i) for i, r in enumerate(records)]
        count = self._runtime.records.delete(
            self._connection_ref, model, ids, variant=self._variant
        )
        self.result[model]["deleted"] += count


@dataclass
class Runtime:
    """The state shared by the routes of this package: context, registry, records, syncs."""

    ctx: SandboxContext
    registry: FunctionRegistry
    records: RecordStore = field(init=False)
    syncs: SyncManager = field(init=False)

    def __post_init__(self) -> None:
        from .records import RecordStore
        from .syncs import SyncManager

        self.records = RecordStore(self.ctx.store)
        self.syncs = SyncManager(self)

    def authenticate(self, request: Request) -> None:
        """Require the secret key; also makes sure the sync scheduler runs."""
        self.ctx.auth.require(request)
        self.syncs.wake()

    def integration(self, unique_key: str) -> Integration:
        """The integration, or 404 ``unknown_provider_config``."""
        return self.ctx.require_integration(unique_key)

    def connection(self, provider_config_key: str, connection_id: str) -> Connection:
        """The connection (fresh credentials), or 400 ``unknown_connection`` as Nango answers."""
        from .errors import ApiError

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
        from .parsing import require_header

        connection_id = require_header(request, "Connection-Id")
        provider_config_key = require_header(request, "Provider-Config-Key")
        return self.connection(provider_config_key, connection_id)


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    """The routes of actions, syncs, records and scripts config (the app's extension point)."""
    from . import actions, records, scripts, syncs

    runtime = Runtime(ctx, load_functions(ctx.functions))
    return [
        *actions.routes(runtime),
        *syncs.routes(runtime),
        *records.routes(runtime),
        *scripts.routes(runtime),
    ]
