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

import inspect
import json as jsonlib
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

import anyio.from_thread

from .frequency import parse_frequency

__all__ = [
    "ActionError",
    "ActionFn",
    "ActionSpec",
    "ConnectionInfo",
    "Endpoint",
    "FunctionContext",
    "FunctionRegistry",
    "FunctionsLoadError",
    "ProviderCall",
    "ProviderHTTPError",
    "ProviderRequest",
    "ProviderResponse",
    "RecordWriter",
    "Schema",
    "Spec",
    "SyncFn",
    "SyncSpec",
]

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
        return jsonlib.loads(self.content) if self.content else None


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

    def deploy(self, spec: Spec, unique_key: str) -> None:
        """Deploy a copy of ``spec`` (a template) to the integration ``unique_key`` alone."""
        copy = replace(spec, provider=None, integration=unique_key)
        if isinstance(copy, ActionSpec):
            self._add_action(copy)
            self.removed.discard((unique_key, "action", copy.name))
        else:
            self._add_sync(copy)
            self.removed.discard((unique_key, "sync", copy.name))

    def remove(self, unique_key: str, kind: str, name: str) -> None:
        """Take a function (``kind`` ``action`` or ``sync``) out of one integration's deployment."""
        self.removed.add((unique_key, kind, name))

    def _kept(self, specs: list[S], unique_key: str, kind: str) -> list[S]:
        return [s for s in specs if (unique_key, kind, s.name) not in self.removed]

    def find_action(self, unique_key: str, provider: str, name: str) -> ActionSpec | None:
        return next((a for a in self.actions_for(unique_key, provider) if a.name == name), None)

    def find_sync(self, unique_key: str, provider: str, name: str) -> SyncSpec | None:
        return next((s for s in self.syncs_for(unique_key, provider) if s.name == name), None)

    def named(
        self, unique_key: str, provider: str, name: str, kind: str | None = None
    ) -> list[tuple[str, Spec]]:
        """The functions called ``name`` deployed to an integration, as (type, spec), the sync
        first; ``kind`` (``"sync"`` or ``"action"``) keeps that type alone."""
        found: list[tuple[str, Spec]] = []
        sync = self.find_sync(unique_key, provider, name) if kind in (None, "sync") else None
        if sync is not None:
            found.append(("sync", sync))
        action = self.find_action(unique_key, provider, name) if kind in (None, "action") else None
        if action is not None:
            found.append(("action", action))
        return found


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


class ConnectionInfo(Protocol):
    """What a function may read of its connection."""

    @property
    def connection_id(self) -> str: ...
    @property
    def provider_config_key(self) -> str: ...
    @property
    def provider(self) -> str: ...
    @property
    def metadata(self) -> Mapping[str, Any]: ...
    @property
    def connection_config(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class ProviderRequest:
    """One call a function makes to its connection's provider."""

    method: str
    endpoint: str
    params: Mapping[str, Any] | Sequence[tuple[str, str]] | None = None
    json: Any = None
    headers: Mapping[str, str] | None = None
    retries: int = 0
    base_url_override: str | None = None


ProviderCall = Callable[[ProviderRequest], Coroutine[Any, Any, ProviderResponse]]
"""Sends a `ProviderRequest` with the connection's credentials (the sandbox's proxy logic)."""


class RecordWriter(Protocol):
    """Where a sync's ``batch_save`` / ``batch_delete`` go."""

    def save(self, model: str, records: Sequence[Mapping[str, Any]]) -> None: ...

    def delete(self, model: str, records: Sequence[Mapping[str, Any]]) -> None: ...


class FunctionContext:
    """What a function receives as ``nango``: the connection and calls to its provider."""

    def __init__(
        self,
        connection: ConnectionInfo,
        call: ProviderCall,
        *,
        variant: str = "base",
        last_sync_date: str | None = None,
        saver: RecordWriter | None = None,
    ) -> None:
        self._call = call
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
        request = ProviderRequest(
            method.upper(), endpoint, params, json, headers, retries, base_url_override
        )
        response = anyio.from_thread.run(self._call, request)
        if response.status_code >= 400:
            raise ProviderHTTPError(request.method, endpoint, response)
        return response

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

    def _require_saver(self, what: str) -> RecordWriter:
        if self._saver is None:
            raise RuntimeError(f"nango.{what}() is only available in syncs")
        return self._saver
