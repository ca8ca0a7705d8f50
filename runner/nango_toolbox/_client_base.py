"""What ``Nango`` and ``AsyncNango`` share: per-call keyword types, argument plumbing, the base
class (configuration, repr, webhook verification and parsing) and the errors of the waiting helpers.

The facades themselves have one source, :mod:`._async_client`; ``_sync_client.py`` is generated
from it by ``scripts/unasync.py`` (``make unasync``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Required, TypedDict, TypeVar

from . import _operations as ops
from ._arguments import check_methods
from ._config import Settings, resolve_settings
from ._errors import APITimeoutError, NangoError
from ._models import RecordsPage
from ._polling import SyncRun
from ._proxy import proxy_spec
from ._ratelimit import RateLimitGate
from ._redact import mask_model_reprs
from ._transport import (
    _UNSET,
    DEFAULT_MAX_RESPONSE_SIZE,
    CallOptions,
    RequestCore,
    RequestSpec,
    TimeoutTypes,
)
from .webhooks import Webhook, chosen_signing_key, parse_with_key, signature_problem

if TYPE_CHECKING:
    from nango_client.models import SyncStatus

mask_model_reprs()  # a model printed, logged or in a traceback never shows credentials

__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncSleep",
    "CallKwargs",
    "ClientBase",
    "ProxyKwargs",
    "RecordsKwargs",
    "SyncSleep",
    "T",
    "action_not_done",
    "check_cursor",
    "deployment_not_done",
    "no_connection",
    "options_of",
    "proxy_request",
    "records_op",
    "run_of",
    "sync_names",
    "sync_not_done",
    "sync_runs",
]

T = TypeVar("T")
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 2
SyncSleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]


class CallKwargs(TypedDict, total=False):
    """Per-call overrides accepted by every API method."""

    timeout: TimeoutTypes
    max_retries: int
    max_response_size: int | None


class ProxyKwargs(CallKwargs, total=False):
    """Keyword arguments of ``proxy()`` and its ``get/post/put/patch/delete`` shortcuts."""

    provider_config_key: Required[str]
    connection_id: Required[str]
    params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None
    json: Any
    content: bytes | str | None
    headers: Mapping[str, str] | None
    retries: int | None
    retry_on: Sequence[int] | None
    base_url_override: str | None
    decompress: bool | None
    forward_headers_on_redirect: bool | None
    idempotent: bool | None


class RecordsKwargs(CallKwargs, total=False):
    """Keyword arguments of ``list_records()`` and ``iter_records()``."""

    provider_config_key: Required[str]
    connection_id: Required[str]
    model: Required[str]
    limit: int | None
    filter: str | None
    modified_after: str | datetime | None
    ids: Sequence[str] | None
    variant: str | None


_NO_OPTIONS = CallOptions()  # most calls override nothing: one frozen value for all of them


def options_of(kwargs: Mapping[str, Any]) -> CallOptions:
    """The per-call overrides among a method's keyword arguments."""
    if not kwargs:
        return _NO_OPTIONS
    timeout = kwargs.get("timeout")
    return CallOptions(
        timeout=_UNSET if timeout is None else timeout,
        max_retries=kwargs.get("max_retries"),
        max_response_size=kwargs.get("max_response_size", _UNSET),  # None: no limit
    )


def proxy_request(method: str, path: str, kwargs: Mapping[str, Any]) -> RequestSpec:
    """The request of a proxy call from its keyword arguments (without the per-call overrides)."""
    fields = {k: v for k, v in kwargs.items() if k not in CallKwargs.__annotations__}
    if fields.get("json") is None:
        fields.pop("json", None)
    spec: RequestSpec = proxy_spec(method, path, **fields)
    return spec


def records_op(kwargs: Mapping[str, Any], cursor: str | None) -> ops.Op[RecordsPage]:
    """The ``GET /records`` operation of one page."""
    return ops.list_records(
        provider_config_key=kwargs["provider_config_key"],
        connection_id=kwargs["connection_id"],
        model=kwargs["model"],
        cursor=cursor,
        limit=kwargs.get("limit"),
        filter=kwargs.get("filter"),
        modified_after=kwargs.get("modified_after"),
        ids=kwargs.get("ids"),
        variant=kwargs.get("variant"),
    )


def check_cursor(previous: str | None, following: str | None) -> str | None:
    """``following``, unless the server repeated the cursor (an endless loop)."""
    if following is not None and following == previous:
        raise NangoError(
            f"GET /records returned the same next_cursor twice ({following!r}); stopping "
            "the iteration to avoid an endless loop"
        )
    return following


def no_connection(integration_id: str, end_user_id: str | None, timeout: float) -> APITimeoutError:
    """The error of ``wait_for_connection`` when no connection appeared in time."""
    who = f"end user {end_user_id!r}" if end_user_id else "any end user"
    return APITimeoutError(
        f"No connection to integration {integration_id!r} for {who} after {timeout:g} s; "
        "send the connect link again or raise timeout=",
        method="GET",
        path="/connections",
    )


def action_not_done(action_name: str, action_id: str, timeout: float) -> APITimeoutError:
    """The error of ``trigger_action_and_wait`` when the action had no result in time."""
    return APITimeoutError(
        f"Action {action_name!r} ({action_id}) had no result after {timeout:g} s; fetch it later "
        f"with get_async_action_result({action_id!r}) or raise timeout=",
        method="GET",
        path=f"/action/{action_id}",
    )


def sync_names(syncs: Sequence[str | Mapping[str, str]]) -> str | list[str]:
    """The ``syncs`` query of ``GET /sync/status`` for the syncs of a trigger (all: ``*``)."""
    names = [s if isinstance(s, str) else s["name"] for s in syncs]
    return sorted(set(names)) if names else "*"


def sync_runs(
    statuses: Iterable[SyncStatus], syncs: Sequence[str | Mapping[str, str]]
) -> list[SyncStatus]:
    """The statuses of the syncs a trigger named: a name alone means its base variant, a
    ``{"name", "variant"}`` that variant; no syncs at all means every one."""
    wanted = {
        (s, "base") if isinstance(s, str) else (s["name"], s.get("variant") or "base")
        for s in syncs
    }
    return [
        status
        for status in statuses
        if not wanted or (status.name, _text(status.variant) or "base") in wanted
    ]


def run_of(status: SyncStatus) -> SyncRun:
    """A status as :class:`SyncRunWatch` reads it (a never-run sync has no finishedAt)."""
    identity = (_text(status.connection_id), status.name, _text(status.variant))
    return identity, _text(status.status), _text(status.finished_at)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def sync_not_done(
    provider_config_key: str, syncs: str | list[str], timeout: float
) -> APITimeoutError:
    """The error of ``trigger_sync_and_wait`` when the triggered runs did not finish in time."""
    names = syncs if isinstance(syncs, str) else ", ".join(syncs)
    return APITimeoutError(
        f"The syncs {names} of integration {provider_config_key!r} had not finished the run "
        f"the trigger started after {timeout:g} s; read sync_status() later or raise timeout=",
        method="GET",
        path="/sync/status",
    )


def deployment_not_done(run_id: str, status: str, timeout: float) -> APITimeoutError:
    """The error of ``wait_for_function_deployment`` when the deployment had not finished."""
    return APITimeoutError(
        f"Deployment {run_id} was still {status!r} after {timeout:g} s; fetch it later with "
        f"get_function_deployment({run_id!r}) or raise timeout=",
        method="GET",
        path=f"/functions/deployments/{run_id}",
    )


class ClientBase:
    """Configuration, repr and webhooks shared by Nango and AsyncNango."""

    _settings: Settings
    _core: RequestCore

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every public method of a facade checks its arguments against its annotations."""
        super().__init_subclass__(**kwargs)
        check_methods(cls)

    def _configure(
        self,
        secret_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        webhook_signing_key: str | None = None,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
        rate_limit_gate: RateLimitGate | None = None,
    ) -> None:
        self._settings = resolve_settings(
            secret_key, base_url, webhook_signing_key=webhook_signing_key
        )
        self._core = RequestCore(
            self._settings,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            max_response_size=max_response_size,
            rate_limit_gate=rate_limit_gate,
        )

    @property
    def base_url(self) -> str:
        """The Nango server this client talks to."""
        return self._settings.base_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._settings.base_url!r}, secret_key='***')"

    def verify_incoming_webhook_request(
        self,
        body: bytes | str,
        headers: Mapping[str, str] | Iterable[tuple[str, str]],
        *,
        signing_key: str | None = None,
    ) -> bool:
        """Whether a webhook from Nango carries a valid ``X-Nango-Hmac-Sha256`` of its raw body.

        The key defaults to this client's webhook signing key, else its secret key (older
        environments sign with it); see `nango_toolbox.webhooks`.
        """
        key, _ = chosen_signing_key(signing_key, self._configured_webhook_key)
        return signature_problem(body, headers, key) is None

    def parse_webhook(
        self,
        body: bytes | str,
        headers: Mapping[str, str] | Iterable[tuple[str, str]],
        *,
        signing_key: str | None = None,
    ) -> Webhook:
        """Verify a webhook from Nango with this client's signing key and return its typed
        model (`AuthWebhook`, `SyncWebhook`, `AsyncActionWebhook`, `ForwardWebhook` or
        `UnknownWebhook`); `WebhookVerificationError` when the signature is missing or wrong."""
        key, source = chosen_signing_key(signing_key, self._configured_webhook_key)
        return parse_with_key(body, headers, key, source)

    def _configured_webhook_key(self) -> tuple[str, str]:
        settings = self._settings
        source = settings.webhook_signing_key_source or (
            f"the secret key ({settings.secret_key_source}), as no webhook signing key is set"
        )
        return settings.signing_key_for_webhooks, source
