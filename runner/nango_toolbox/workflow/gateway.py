"""The runner's one door to Nango: calls the SDK, returns plain data, remembers what a run learned.

Every read is cached for the run (integrations, providers, connection details, the deployed
scripts), so steps can ask again for free; every write goes through :meth:`Gateway.write`, which in
a dry run records the planned request instead of sending it.

Nango's rate limit slows a run instead of failing it: the run's one client (shared by every
for_each worker) holds all its calls after Nango's 429 until the window reopens (the SDK's
rate-limit gate), and a call whose retries still ran out is sent again, up to ``MAX_RESENDS`` times
(a 429 ``too_many_request`` means Nango refused the request before handling it, so this holds for
writes too), unless Nango asks to wait longer than the SDK waits. The SDK's waits (``*_and_wait``)
are never sent again as a whole: their 429 may come from the polling after the trigger was
accepted, and a resend would trigger again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .plain import to_plain

__all__ = ["MAX_RESENDS", "Gateway", "Planned", "PlannedWrite", "ProxyResult"]

MAX_RESENDS = 10
"""How many times a call refused by Nango's rate limit (after the SDK's own retries) is sent
again before its step fails."""

T = TypeVar("T")


@dataclass(frozen=True)
class PlannedWrite:
    """A write a dry run did not perform."""

    method: str
    path: str
    description: str

    def to_dict(self) -> dict[str, str]:
        """The planned write as plain data."""
        return {"method": self.method, "path": self.path, "description": self.description}


class Planned(Exception):
    """Raised in a dry run where a step would write; the executor records the plan."""

    def __init__(self, write: PlannedWrite | None, reason: str) -> None:
        self.write = write
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class ProxyResult:
    """The provider's answer through the proxy, as plain data."""

    status: int
    headers: dict[str, str]
    body: Any


def _nango_rate_limit(exc: Exception) -> bool:
    """Whether an error is Nango's own 429 (its rate limiter), not a provider's."""
    from .._errors import RateLimitError

    return isinstance(exc, RateLimitError) and exc.code == "too_many_request"


def _resendable(exc: Exception) -> bool:
    """Whether a call refused with ``exc`` is sent again: Nango's 429 that the SDK waited for,
    not one asking for longer than the SDK waits (the SDK raised that at once, without closing
    its gate, so a resend would go out at once and be refused again)."""
    from .._retry import RetryPolicy

    if not _nango_rate_limit(exc):
        return False
    retry_after = getattr(exc, "retry_after", None)
    return retry_after is None or retry_after <= RetryPolicy.max_retry_after


class _Resending:
    """The client, with every method call sent again after Nango's 429 (see the module)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)
        if not callable(method):
            return method

        def resending(*args: Any, **kwargs: Any) -> Any:
            resends = 0
            while True:
                try:
                    return method(*args, **kwargs)
                except Exception as exc:
                    if not _resendable(exc) or resends == MAX_RESENDS:
                        raise
                    resends += 1  # the client's gate holds this call until the window reopens

        return resending


class Gateway:
    """Nango calls for one run, on a ``nango_toolbox.client.Nango``-like client."""

    def __init__(
        self,
        client: Any,
        *,
        dry_run: bool = False,
        on_secret: Callable[[str], None] | None = None,
    ) -> None:
        self._sdk = client  # for the calls that must not be sent again as a whole
        self._client = _Resending(client)
        self.dry_run = dry_run
        # Hears every credential value read from Nango (a connection's tokens, API key,
        # password; an integration's client secret): the caller's Redactor masks them in
        # whatever it shows, also where a provider repeats one in free text.
        self._on_secret = on_secret
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()
        self._key_locks: dict[tuple[Any, ...], threading.Lock] = {}

    @property
    def server_url(self) -> str:
        """The Nango server the run talks to."""
        return str(getattr(self._client, "base_url", "the configured URL"))

    # -- plumbing -----------------------------------------------------------------------------

    def _cached(self, key: tuple[Any, ...], fetch: Callable[[], T]) -> T:
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:  # concurrent for_each items wait for one fetch instead of repeating it
            with self._lock:
                if key in self._cache:
                    value: T = self._cache[key]
                    return value
            value = fetch()
            with self._lock:
                self._cache[key] = value
            return value

    def forget(self, *key: Any) -> None:
        """Drop a cached read (after a write that changes it)."""
        with self._lock:
            self._cache.pop(key, None)

    def write(self, method: str, path: str, description: str, send: Callable[[], T]) -> T:
        """Send a write, or in a dry run record it and raise Planned."""
        if self.dry_run:
            write = PlannedWrite(method, path, description)
            raise Planned(write, f"would {description} ({method} {path})")
        return send()

    # -- providers and integrations -----------------------------------------------------------

    def get_provider(self, provider: str) -> dict[str, Any]:
        """GET /providers/{provider}."""
        return self._cached(
            ("provider", provider), lambda: to_plain(self._client.get_provider(provider))
        )

    def list_providers(self, search: str | None = None) -> list[dict[str, Any]]:
        """GET /providers, optionally with ?search=."""
        return self._cached(
            ("providers", search), lambda: to_plain(self._client.list_providers(search=search))
        )

    def get_integration(self, unique_key: str) -> dict[str, Any] | None:
        """GET /integrations/{key}, or None when it does not exist."""
        from .._errors import NotFoundError

        def fetch() -> dict[str, Any] | None:
            try:
                return dict(to_plain(self._client.get_integration(unique_key)))
            except NotFoundError as exc:
                if exc.code is None:  # not Nango's JSON: not an answer about the integration
                    raise
                return None

        return self._cached(("integration", unique_key), fetch)

    def get_integration_credentials(self, unique_key: str) -> dict[str, Any]:
        """GET /integrations/{key}?include=credentials."""

        def fetch() -> dict[str, Any]:
            found: dict[str, Any] = to_plain(
                self._client.get_integration(unique_key, include=["credentials"])
            )
            self._heard(found.get("credentials") if isinstance(found, dict) else None)
            return found

        return self._cached(("integration+credentials", unique_key), fetch)

    def list_integrations(self) -> list[dict[str, Any]]:
        """GET /integrations."""
        return self._cached(("integrations",), lambda: to_plain(self._client.list_integrations()))

    def create_integration(self, **fields: Any) -> dict[str, Any]:
        """POST /integrations."""
        key = fields["unique_key"]
        result = self.write(
            "POST",
            "/integrations",
            f"create the integration {key!r} (provider {fields['provider']})",
            lambda: to_plain(self._client.create_integration(**fields)),
        )
        with self._lock:
            self._cache[("integration", key)] = result
        return dict(result)

    def update_integration(self, unique_key: str, **fields: Any) -> dict[str, Any]:
        """PATCH /integrations/{key}."""
        result = self.write(
            "PATCH",
            f"/integrations/{unique_key}",
            f"update the integration {unique_key!r}",
            lambda: to_plain(self._client.update_integration(unique_key, **fields)),
        )
        self.forget("integration", unique_key)
        self.forget("integration+credentials", unique_key)
        return dict(result)

    def delete_integration(self, unique_key: str) -> None:
        """DELETE /integrations/{key}."""
        self.write(
            "DELETE",
            f"/integrations/{unique_key}",
            f"delete the integration {unique_key!r} and its connections",
            lambda: self._client.delete_integration(unique_key),
        )
        self.forget("integration", unique_key)
        self.forget("integration+credentials", unique_key)

    # -- connect sessions and connections -----------------------------------------------------

    def create_connect_session(self, **fields: Any) -> dict[str, Any]:
        """POST /connect/sessions."""
        integrations = ", ".join(fields.get("allowed_integrations") or [])
        return dict(
            self.write(
                "POST",
                "/connect/sessions",
                f"create a connect session for {integrations or 'the end user'} "
                "and wait for the end user",
                lambda: to_plain(self._client.create_connect_session(**fields)),
            )
        )

    def create_reconnect_session(
        self, *, connection_id: str, integration_id: str
    ) -> dict[str, Any]:
        """POST /connect/sessions/reconnect."""
        return dict(
            self.write(
                "POST",
                "/connect/sessions/reconnect",
                f"create a reconnect session for connection {connection_id!r} "
                "and wait for the end user",
                lambda: to_plain(
                    self._client.create_reconnect_session(
                        connection_id=connection_id, integration_id=integration_id
                    )
                ),
            )
        )

    def list_connections(self, **filters: Any) -> list[dict[str, Any]]:
        """GET /connections with filters (never cached: used to wait for new ones)."""
        return list(to_plain(self._client.list_connections(**filters)))

    def get_connection(
        self, provider_config_key: str, connection_id: str, *, fresh: bool = False
    ) -> dict[str, Any]:
        """GET /connections/{id}?provider_config_key=..., cached unless ``fresh``."""
        key = ("connection", provider_config_key, connection_id)
        if fresh:
            self.forget(*key)

        def fetch() -> dict[str, Any]:
            detail: dict[str, Any] = to_plain(
                self._client.get_connection(provider_config_key, connection_id)
            )
            self._heard(detail.get("credentials") if isinstance(detail, dict) else None)
            return detail

        return self._cached(key, fetch)

    def _heard(self, credentials: Any) -> None:
        if self._on_secret is not None and credentials:
            from .._redact import credential_values

            for secret in credential_values(credentials):
                self._on_secret(secret)

    def delete_connection(self, provider_config_key: str, connection_id: str) -> None:
        """DELETE /connections/{id}."""
        self.write(
            "DELETE",
            f"/connections/{connection_id}",
            f"delete the connection {connection_id!r}",
            lambda: self._client.delete_connection(provider_config_key, connection_id),
        )
        self.forget("connection", provider_config_key, connection_id)

    # -- metadata -----------------------------------------------------------------------------

    def get_metadata(self, provider_config_key: str, connection_id: str) -> Any:
        """The connection's metadata (read from the connection)."""
        return to_plain(self._client.get_metadata(provider_config_key, connection_id))

    def set_metadata(self, provider_config_key: str, connection_id: str, metadata: Any) -> Any:
        """POST /connections/metadata (replace)."""
        return self.write(
            "POST",
            "/connections/metadata",
            f"replace the metadata of connection {connection_id!r}",
            lambda: to_plain(
                self._client.set_metadata(provider_config_key, connection_id, metadata)
            ),
        )

    def update_metadata(self, provider_config_key: str, connection_id: str, metadata: Any) -> Any:
        """PATCH /connections/metadata (merge)."""
        return self.write(
            "PATCH",
            "/connections/metadata",
            f"merge into the metadata of connection {connection_id!r}",
            lambda: to_plain(
                self._client.update_metadata(provider_config_key, connection_id, metadata)
            ),
        )

    # -- proxy --------------------------------------------------------------------------------

    def proxy(self, method: str, path: str, **options: Any) -> ProxyResult:
        """A request to the provider through /proxy; GETs are reads, the rest writes."""
        from .._errors import APIStatusError

        def send() -> ProxyResult:
            try:
                response = self._client.proxy(method, path, **options)
            except APIStatusError as exc:  # a provider error the SDK raised: keep it as data
                if _nango_rate_limit(exc):  # Nango's own refusal is no answer of the provider
                    raise
                return ProxyResult(exc.status_code, {}, to_plain(exc.body))
            return ProxyResult(
                int(response.status_code), _plain_headers(response.headers), to_plain(response.body)
            )

        if method.upper() in ("GET", "HEAD", "OPTIONS"):
            return send()
        return self.write(
            method.upper(), f"/proxy{path}", f"{method.upper()} {path} on the provider", send
        )

    # -- scripts, actions, records, syncs -----------------------------------------------------

    def scripts_config(self) -> list[dict[str, Any]]:
        """GET /scripts/config, once per run."""
        return self._cached(("scripts",), lambda: list(to_plain(self._client.get_scripts_config())))

    def trigger_action(
        self, provider_config_key: str, connection_id: str, name: str, input: Any
    ) -> Any:
        """POST /action/trigger."""
        return self.write(
            "POST",
            "/action/trigger",
            f"trigger the action {name!r}",
            lambda: to_plain(
                self._client.trigger_action(provider_config_key, connection_id, name, input)
            ),
        )

    def trigger_action_async(
        self, provider_config_key: str, connection_id: str, name: str, input: Any
    ) -> dict[str, Any]:
        """POST /action/trigger with X-Async: ``{"id", "status_url"}`` without waiting."""

        def send() -> dict[str, Any]:
            handle = self._client.trigger_action_async(
                provider_config_key, connection_id, name, input
            )
            return {"id": handle.id, "status_url": handle.status_url}

        return self.write(
            "POST", "/action/trigger", f"trigger the action {name!r} asynchronously", send
        )

    def trigger_action_and_wait(
        self, provider_config_key: str, connection_id: str, name: str, input: Any, timeout: float
    ) -> Any:
        """POST /action/trigger with X-Async, then GET /action/{id} until the result is there."""
        return self.write(
            "POST",
            "/action/trigger",
            f"trigger the action {name!r} asynchronously",
            lambda: to_plain(
                self._sdk.trigger_action_and_wait(
                    provider_config_key, connection_id, name, input, timeout=timeout
                )
            ),
        )

    def list_records(self, **query: Any) -> dict[str, Any]:
        """GET /records: ``{"records": [...], "next_cursor": ...}``."""
        return dict(to_plain(self._client.list_records(**query)))

    def sync_command(self, operation: str, **fields: Any) -> None:
        """POST /sync/trigger, /sync/start or /sync/pause."""
        method = getattr(self._client, f"{operation}_sync")
        names = ", ".join(fields.get("syncs") or [])
        self.write(
            "POST",
            f"/sync/{operation}",
            f"{operation} the syncs {names}",
            lambda: method(**fields),
        )

    def trigger_sync_and_wait(self, **fields: Any) -> list[dict[str, Any]]:
        """POST /sync/trigger, then GET /sync/status until the runs it started are over."""
        names = ", ".join(fields.get("syncs") or [])
        return list(
            self.write(
                "POST",
                "/sync/trigger",
                f"trigger the syncs {names} and wait for them",
                lambda: to_plain(self._sdk.trigger_sync_and_wait(**fields)),
            )
        )

    def sync_status(self, **query: Any) -> list[dict[str, Any]]:
        """GET /sync/status."""
        return list(to_plain(self._client.sync_status(**query)))


def _plain_headers(headers: Any) -> Any:
    """``to_plain`` of the SDK's ``httpx.Headers`` (lower-case names, a repeated header's values
    joined with ", ", as ``Headers.items()`` gives them), from the raw pairs in one pass."""
    raw, encoding = getattr(headers, "raw", None), getattr(headers, "encoding", None)
    if type(raw) is not list or type(encoding) is not str:
        return to_plain(headers)
    plain: dict[str, str] = {}
    for key, value in raw:
        name, text = key.lower().decode(encoding), value.decode(encoding)
        plain[name] = f"{plain[name]}, {text}" if name in plain else text
    return plain
