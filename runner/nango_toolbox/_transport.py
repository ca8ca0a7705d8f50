"""The one request core shared by Nango and AsyncNango.

:class:`RequestCore` is sans-IO: it builds ``httpx.Request`` objects (adding the secret key only
for the base URL's origin), decides on redirects and retries, logs, and turns responses and httpx
exceptions into results or :mod:`nango_toolbox._errors` exceptions. The send loops
(:mod:`._async_send`, and ``_sync_send.py`` generated from it) are the only code that performs
I/O. Together they are the single boundary where httpx errors are translated.

Limits every call has: ``timeout=`` bounds the whole attempt (:mod:`._deadline`),
``max_response_size=`` the body (:class:`~._errors.ResponseTooLargeError`, checked against
Content-Length and while reading), and Nango's rate limit is waited out for every call of a
client at once (:mod:`._ratelimit`).
"""

from __future__ import annotations

import json as jsonlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from ._arguments import json_problem
from ._config import Settings
from ._deadline import overall_seconds
from ._diagnosis import (
    action_failure,
    missing_route_hint,
    pending_action_hint,
    session_token_hint,
)
from ._errors import (
    ActionFailedError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    InvalidArgumentError,
    NangoError,
    ResponseTooLargeError,
    status_error,
)
from ._ratelimit import RateLimitGate
from ._redact import is_sensitive_key, redact_text, redact_value
from ._retry import (
    NANGO_PROXY_BACKOFF,
    NETWORK_ERROR_CODES,
    RETRY_STATUSES,
    RetryPolicy,
    parse_ratelimit_reset,
    parse_retry_after,
)
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "MAX_REDIRECTS",
    "CallOptions",
    "RequestCore",
    "RequestSpec",
    "TimeoutTypes",
]

logger = logging.getLogger("nango_toolbox")

TimeoutTypes = float | httpx.Timeout | None
DEFAULT_MAX_RESPONSE_SIZE = 100 * 1024 * 1024  # bytes; None: no limit
MAX_REDIRECTS = 10
MAX_TIMEOUT = 365 * 86400  # seconds: a larger timeout= is a mistake (None means no limit)
_UNSET: Any = object()
_DECODED = "_nango_toolbox_json"  # attribute holding a success response's decoded JSON
_TOO_MANY_REQUESTS = "too_many_request"  # the code of Nango's own 429 (its rate limiter)


class Unreadable:
    """The decoded body of a response the SDK cannot read, and why (what the server sent)."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        self.reason = reason
        self.retry = retry  # a truncated answer may come whole next time; a deep one will not


def decode_json(response: httpx.Response) -> Any:
    """The JSON body of ``response``, or an :class:`Unreadable` saying what the server sent:
    malformed or truncated JSON, or JSON nested too deeply to decode (Python's JSON decoder
    recurses: 100,000 levels raise RecursionError, which must never escape the SDK)."""
    try:
        return jsonlib.loads(response.content)
    except RecursionError:
        return Unreadable("JSON nested too deeply to decode", retry=False)
    except ValueError:
        return Unreadable(
            f"truncated or malformed JSON, {len(response.content)} bytes beginning "
            f"{_opening(response.content)}",
            retry=True,
        )


def _opening(content: bytes) -> str:
    """The first characters of a body, printable, for a message."""
    text = content[:40].decode("utf-8", "replace")
    return repr(text + ("..." if len(content) > 40 else ""))


# Nango's 401 codes for a secret key it refuses (NANGO_FACTS.md, Auth).
_SECRET_KEY_CODES = frozenset(
    {"missing_auth_header", "unknown_account", "invalid_secret_key_format", "invalid_secret_key"}
)


@dataclass(frozen=True)
class RequestSpec:
    """What to send: method, path below the base URL, query, headers and body."""

    method: str
    path: str
    params: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    json: Any = _UNSET
    content: bytes | str | None = None
    retry: bool | None = None  # None: by method (idempotent ones only)
    remote_retries: int = 0  # a proxy call's Retries: Nango retries it itself, the SDK does not

    @classmethod
    def from_generated(
        cls,
        kwargs: Mapping[str, Any],
        *,
        headers: Mapping[str, str] | None = None,
        retry: bool | None = None,
    ) -> RequestSpec:
        """Adopt the ``_get_kwargs()`` dict of a generated ``nango_client`` endpoint module."""
        merged = {**dict(kwargs.get("headers") or {}), **dict(headers or {})}
        method, path = str(kwargs["method"]).upper(), str(kwargs["url"])
        if path.endswith("/") or "//" in path:  # an empty identifier would hit another route
            raise ConfigurationError(
                f"{method} {path}: an identifier in the path (connection id, integration key, "
                "...) is empty; pass a non-empty value"
            )
        return cls(
            method=method,
            path=path,
            params=kwargs.get("params"),
            headers=merged,
            json=kwargs.get("json", _UNSET),
            content=kwargs.get("content"),
            retry=retry,
        )

    @property
    def label(self) -> str:
        """``METHOD /path`` without query string, for messages and logs."""
        return f"{self.method} {self.path.split('?', 1)[0]}"

    @property
    def proxied(self) -> bool:
        """A call through Nango's proxy: the answer (errors included) is the provider's."""
        return self.path.startswith("/proxy")


def checked_timeout(value: object) -> TimeoutTypes:
    """``value`` if it is a usable timeout (seconds > 0 up to a year, an httpx.Timeout whose
    phases are at most that, or None), else a one-line ValueError (httpx would fail later,
    inside the send, with a bare TypeError, and a blocking socket's clock overflows near 1e10 s)."""
    if value is None:
        return value
    if isinstance(value, httpx.Timeout):
        phases = (value.connect, value.read, value.write, value.pool)
        if all(phase is None or phase <= MAX_TIMEOUT for phase in phases):
            return value
    elif (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= MAX_TIMEOUT
    ):
        return float(value)
    raise InvalidArgumentError(
        f"timeout must be a number of seconds > 0 and at most {MAX_TIMEOUT:g} (a year), an "
        f"httpx.Timeout or None for no limit, got {value!r}"
    )


def checked_size(value: object) -> int | None:
    """``value`` if it is a usable ``max_response_size`` (bytes > 0, or None for no limit)."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return value
    raise InvalidArgumentError(
        f"max_response_size must be a number of bytes > 0, or None for no limit, got {value!r}"
    )


@dataclass(frozen=True)
class CallOptions:
    """Per-call overrides of the client's timeout, retry budget and response size limit."""

    timeout: TimeoutTypes | object = _UNSET
    max_retries: int | None = None
    max_response_size: int | object | None = _UNSET


class RequestCore:
    """Sans-IO request logic: building, auth scoping, redirects, retry decisions, errors, logs."""

    def __init__(
        self,
        settings: Settings,
        *,
        timeout: TimeoutTypes,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        policy: RetryPolicy | None = None,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
        rate_limit_gate: RateLimitGate | None = None,
    ) -> None:
        if max_retries < 0:
            raise InvalidArgumentError("max_retries must be >= 0")
        self.settings = settings
        self.timeout = checked_timeout(timeout)
        self.max_retries = max_retries
        self.max_response_size = checked_size(max_response_size)
        self.policy = policy or RetryPolicy()
        self.gate = rate_limit_gate or RateLimitGate()
        self.base_url = httpx.URL(settings.base_url)
        self.headers = {
            "User-Agent": f"nango-toolbox/{__version__} (python)",
            "Accept": "application/json",
            **dict(default_headers or {}),
        }

    # -- building ---------------------------------------------------------------------------
    def url_for(self, path: str, params: Any = None) -> httpx.URL:
        """Absolute URL of ``path`` below the base URL (which may itself carry a path), with
        ``params`` merged into a query already in the path (httpx would replace it)."""
        url = self.settings.base_url + ("" if path.startswith("/") else "/") + path
        if not params:
            return httpx.URL(url)
        if "?" not in url:  # one parse, not a parse then a merge (a third of build's time)
            return httpx.URL(url, params=params)
        return httpx.URL(url).copy_merge_params(params)

    def build(
        self, client: httpx.Client | httpx.AsyncClient, spec: RequestSpec, options: CallOptions
    ) -> httpx.Request:
        """The first request of a call, with the secret key when it goes to the base URL's origin."""
        headers = {**self.headers, **dict(spec.headers)}
        try:
            url = self.url_for(spec.path, spec.params)
        except httpx.InvalidURL as exc:
            raise InvalidArgumentError(f"{spec.label}: invalid path ({exc})") from exc
        if not self.same_origin(url):
            headers.pop("Authorization", None)
        elif "Authorization" not in spec.headers:
            headers["Authorization"] = f"Bearer {self.settings.secret_key}"
        kwargs: dict[str, Any] = {"headers": headers, "timeout": self.timeout_for(spec, options)}
        if spec.json is not _UNSET:
            kwargs["json"] = spec.json
        elif spec.content is not None:
            kwargs["content"] = spec.content
        try:
            return client.build_request(spec.method, url, **kwargs)
        except (httpx.InvalidURL, ValueError, TypeError) as exc:
            problem = None if spec.json is _UNSET else json_problem(spec.json)
            if problem is not None:  # the body, not the path or the headers
                raise InvalidArgumentError(
                    f"{spec.label}: json body is not JSON-serialisable: {problem}; pass only "
                    "dicts, lists, strings, finite numbers, booleans and None"
                ) from exc
            # The exception text may quote header values (credentials): only its type is shown.
            raise InvalidArgumentError(
                f"{spec.label}: the request cannot be sent ({type(exc).__name__}); check the path "
                "and header values for characters HTTP does not allow"
            ) from exc

    def same_origin(self, url: httpx.URL) -> bool:
        """Whether ``url`` has the base URL's scheme, host and port."""
        return (url.scheme, url.host, url.port) == (
            self.base_url.scheme,
            self.base_url.host,
            self.base_url.port,
        )

    def redirect(self, request: httpx.Request, response: httpx.Response) -> httpx.Request | None:
        """The next request of a redirect chain, without the secret key outside the origin."""
        location = response.headers.get("Location")
        if not response.is_redirect or location is None:
            return None
        url = request.url.join(location)
        method = request.method
        status = response.status_code
        if (status == 303 and method != "HEAD") or (status in (301, 302) and method == "POST"):
            method = "GET"
        headers = httpx.Headers(request.headers)
        headers.pop("Host", None)
        if not self.same_origin(url):
            # The secret key, and credentials the caller gave for the provider
            # (Nango-Proxy-Authorization, ...), stay with the base URL's origin.
            for name in [name for name in headers if is_sensitive_key(name)]:
                del headers[name]
        content: bytes | None = request.content
        if method != request.method:
            content = None
            for name in ("Content-Length", "Content-Type", "Transfer-Encoding"):
                headers.pop(name, None)
        return httpx.Request(
            method, url, headers=headers, content=content, extensions=request.extensions
        )

    def retries_for(self, options: CallOptions) -> int:
        """The retry budget of one call."""
        return self.max_retries if options.max_retries is None else options.max_retries

    def timeout_for(self, spec: RequestSpec, options: CallOptions) -> TimeoutTypes:
        """The timeout of one attempt: the call's own, else the client's, lengthened by Nango's
        back-off chain for a proxy call that Nango retries itself (``retries=N``: 3 s, 6 s,
        12 s... = 3 * (2**N - 1) s), so the SDK does not give up while Nango still retries."""
        if options.timeout is not _UNSET:
            return checked_timeout(options.timeout)
        if not spec.remote_retries or self.timeout is None:
            return self.timeout
        chain = remote_backoff(spec.remote_retries)
        if isinstance(self.timeout, httpx.Timeout):
            read = self.timeout.read
            return self.timeout if read is None else httpx.Timeout(self.timeout, read=read + chain)
        return self.timeout + chain

    def attempt_seconds(self, spec: RequestSpec, options: CallOptions) -> float | None:
        """The bound of one whole attempt, connect to last body byte (None: no bound)."""
        return overall_seconds(self.timeout_for(spec, options))

    def size_limit(self, options: CallOptions) -> int | None:
        """The response size limit of one call, in bytes (None: no limit)."""
        if options.max_response_size is _UNSET:
            return self.max_response_size
        return checked_size(options.max_response_size)

    def declared_too_large(
        self, spec: RequestSpec, response: httpx.Response, limit: int | None
    ) -> ResponseTooLargeError | None:
        """The error for an answer whose Content-Length is above ``limit``, else None (a HEAD
        answer's Content-Length is the size of a body it does not have)."""
        if limit is None or response.request.method == "HEAD":
            return None
        try:
            declared = int(response.headers.get("Content-Length", ""))
        except ValueError:
            return None
        return self.too_large(spec, limit, declared) if declared > limit else None

    def too_large(
        self, spec: RequestSpec, limit: int, declared: int | None
    ) -> ResponseTooLargeError:
        """The error for an answer larger than ``limit`` bytes (the rest is not read)."""
        size = f"declares {declared:,} bytes" if declared is not None else "ran past it"
        streaming = "; or download it in chunks with proxy_stream()" if spec.proxied else ""
        return ResponseTooLargeError(
            f"{spec.label}: the answer is larger than max_response_size={limit:,} bytes (it "
            f"{size}); the rest was not read. Pass max_response_size= (bytes, or None for no "
            f"limit) to the client or to this call{streaming}",
            method=spec.method,
            path=self.shown_path(spec),
            limit=limit,
            size=declared,
        )

    # -- deciding ---------------------------------------------------------------------------
    def retry_delay_after_response(
        self, spec: RequestSpec, attempt: int, budget: int, response: httpx.Response
    ) -> float | None:
        """Seconds to wait before another attempt after ``response``, or None to stop.

        A 2xx whose JSON body is truncated or malformed is a broken answer, retried like a
        transport fault; so is the proxy's 500 for a provider connection that broke. Nango's
        own 429 (its rate limiter refused the request before handling it) is retried whatever
        the method, and closes the client's rate-limit gate for the wait; a proxy call that
        Nango retries itself (``retries=``) is retried for nothing else."""
        if response.is_success:
            broken = self.unreadable(response)
            if broken is None or not broken.retry or spec.remote_retries:
                return None
            return self.policy.backoff(attempt) if self._may_retry(spec, attempt, budget) else None
        if response.status_code == 429:
            return self._rate_limit_delay(spec, attempt, budget, response)
        if spec.remote_retries:
            return None
        if not self._may_retry(spec, attempt, budget):
            return None
        if self._provider_unreachable(spec, response):
            return self.policy.backoff(attempt)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return self.policy.delay_for_status(attempt, response.status_code, retry_after)

    def _may_retry(self, spec: RequestSpec, attempt: int, budget: int) -> bool:
        """Whether the budget has an attempt left and the policy allows retrying this call."""
        return attempt < budget and self.policy.allows(spec.method, spec.retry)

    def _rate_limit_delay(
        self, spec: RequestSpec, attempt: int, budget: int, response: httpx.Response
    ) -> float | None:
        """Seconds to wait after a 429 (never "now"), or None to stop."""
        own = self.nango_rate_limited(response)
        reset_in = None
        if response.headers.get("x-ratelimit-remaining", "0").strip() == "0":
            # The window's budget is spent: it opens again at x-ratelimit-reset.
            reset = response.headers.get("x-ratelimit-reset")
            reset_in = parse_ratelimit_reset(reset, now=time.time())
        delay = self.policy.delay_for_rate_limit(
            attempt, parse_retry_after(response.headers.get("Retry-After")), reset_in
        )
        if own and delay is not None:
            self.gate.hold(delay)  # every call of the client waits for the window
        if attempt >= budget or (spec.remote_retries and not own):
            return None
        if not own and not self.policy.allows(spec.method, spec.retry):
            return None
        return delay

    def nango_rate_limited(self, response: httpx.Response) -> bool:
        """Whether a 429 is Nango's own rate limiter (``too_many_request``), not a provider's."""
        body = self.error_body(response)
        code, _ = error_code_and_message(body)
        return code == _TOO_MANY_REQUESTS

    def retry_delay_after_error(
        self, spec: RequestSpec, attempt: int, budget: int, exc: httpx.RequestError
    ) -> float | None:
        """Seconds to wait before another attempt after a transport fault, or None to stop."""
        if not isinstance(exc, httpx.TransportError) or spec.remote_retries:
            return None
        return self.policy.backoff(attempt) if self._may_retry(spec, attempt, budget) else None

    def unreadable(self, response: httpx.Response) -> Unreadable | None:
        """Why a success answer that declares JSON cannot be read (truncated, malformed, nested
        too deeply), or None; the decoded body is kept on the response for `json`."""
        decoded = getattr(response, _DECODED, _UNSET)
        if decoded is _UNSET:
            decoded = None
            if response.content and _declares_json(response):
                decoded = decode_json(response)
            setattr(response, _DECODED, decoded)
        return decoded if isinstance(decoded, Unreadable) else None

    def error_body(self, response: httpx.Response) -> Any:
        """An error answer's body: decoded JSON, else its text (cut to 500 characters)."""
        if response.content:
            body = decode_json(response)
            if not isinstance(body, Unreadable):
                return body
        return response.text[:500]

    def _provider_unreachable(self, spec: RequestSpec, response: httpx.Response) -> bool:
        """The proxy's 500 saying the provider's connection broke (ECONNRESET, ETIMEDOUT...)."""
        if response.status_code != 500 or not spec.proxied:
            return False
        code, _ = error_code_and_message(self.error_body(response))
        return code in NETWORK_ERROR_CODES

    # -- translating ------------------------------------------------------------------------
    def transport_error(
        self, spec: RequestSpec, exc: Exception, attempts: int = 1, seconds: float | None = None
    ) -> APIConnectionError:
        """The nango_toolbox error for an httpx exception raised while sending."""
        detail = redact_text(str(exc) or type(exc).__name__, self.settings.secrets)
        where = f"{spec.label} ({self.settings.base_url})"
        tried = self._tries(spec, attempts)
        if isinstance(exc, httpx.TimeoutException):
            within = "" if seconds is None else f"; no whole answer within {seconds:g}s"
            return APITimeoutError(
                f"{where} timed out ({type(exc).__name__}){tried}{within}; raise timeout= or "
                "retry later",
                method=spec.method,
                path=self.shown_path(spec),
            )
        if isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol):
            what, then = "could not reach Nango", "; check the base URL and network"
        elif self.policy.allows(spec.method, spec.retry):
            what, then = "the connection to Nango broke", "; retry later"
        else:  # the message already says to check before sending it again
            what, then = "the connection to Nango broke", ""
        return APIConnectionError(
            f"{where} failed: {what} ({detail}){tried}{then}",
            method=spec.method,
            path=self.shown_path(spec),
        )

    def _tries(self, spec: RequestSpec, attempts: int) -> str:
        """How the retries went, to follow a fault in a message: `` after 3 attempts``, or
        ``; not retried...`` saying why and what to check."""
        if spec.remote_retries:
            return (
                f"; not re-sent by the SDK: Nango retries it itself (retries="
                f"{spec.remote_retries}, {remote_backoff(spec.remote_retries):g}s of back-off)"
            )
        if attempts > 1:
            return f" after {attempts} attempts"
        if not self.policy.allows(spec.method, spec.retry):
            return (
                f"; not retried: a {spec.method} may have taken effect, check before sending "
                f"it again{self._opt_in(spec, 'if repeating it is safe')}"
            )
        return "; not retried (max_retries=0)"

    def _opt_in(self, spec: RequestSpec, when: str) -> str:
        """``, or pass idempotent=True ...`` for the calls that take it (proxy, actions)."""
        if spec.path.startswith(("/proxy", "/action/trigger")):
            return f", or pass idempotent=True {when}"
        return ""

    def shown_path(self, spec: RequestSpec) -> str:
        """The path an error carries: without the query string (a proxied one may hold a
        provider's key), any known secret masked."""
        return redact_text(spec.path.split("?", 1)[0], self.settings.secrets)

    def closed_error(self, spec: RequestSpec) -> NangoError:
        """The error for a call on a client that was closed."""
        return NangoError(
            f"{spec.label}: this client is closed; create a new one, or make the call inside "
            "its with block"
        )

    def check(
        self, spec: RequestSpec, response: httpx.Response, attempts: int = 1
    ) -> httpx.Response:
        """Return a 2xx response, raise the matching APIStatusError otherwise; a 2xx of the
        Nango API whose JSON is broken raises NangoError (the proxy hands it back as text)."""
        if response.is_success:
            broken = self.unreadable(response)
            if broken is not None and not spec.proxied:
                then = (
                    "the answer was cut off on the way: retry later, or check"
                    if broken.retry
                    else "check"
                )
                tries = self._tries(spec, attempts) if broken.retry else ""  # never retried
                raise NangoError(
                    f"{spec.label} returned {response.status_code} with a body the SDK cannot "
                    f"read ({broken.reason}){tries}; {then} that the base URL points at a Nango "
                    "server"
                )
            return response
        raise self.status_error(spec, response, attempts)

    def status_error(
        self, spec: RequestSpec, response: httpx.Response, attempts: int = 1
    ) -> APIStatusError:
        """Map an error response (any of Nango's three error-body families) to an exception."""
        secrets = self.settings.secrets
        body = self.error_body(response)
        code, message = error_code_and_message(body)
        content_type = response.headers.get("Content-Type", "").lower()
        html = isinstance(body, str) and "html" in content_type
        if message is None or html:
            note = _non_json_note(spec, body, self, response.status_code)
            message = f"{response.reason_phrase or 'error'}{note}"
        message = " ".join(message.split())  # one line, whatever the server sent
        if len(message) > _MAX_MESSAGE:
            message = message[: _MAX_MESSAGE - 3] + "..."
        path = self.shown_path(spec)
        try:
            redacted = redact_value(body, secrets)
        except RecursionError:  # decodable, but too deep to walk: kept as (redacted) text
            redacted = redact_text(response.text[:500], secrets)
        status = response.status_code
        failure = action_failure(spec.method, path, status, code, redacted, _action_name(spec))
        if failure is not None:  # the user's action failed: its own words, no retry advice
            return ActionFailedError(
                method=spec.method,
                path=path,
                status_code=status,
                code=code,
                message=redact_text(failure.message, secrets),
                body=redacted,
                hint=failure.hint,
                payload=failure.payload,
                upstream=failure.upstream,
                may_have_run=failure.may_have_run,
            )
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        hint = self._hint(spec, status, code, attempts, retry_after, message=message, html=html)
        return status_error(
            method=spec.method,
            path=path,
            status_code=status,
            code=code,
            message=redact_text(message, secrets),
            body=redacted,
            retry_after=retry_after,
            hint=hint,
        )

    def _hint(
        self,
        spec: RequestSpec,
        status_code: int,
        code: str | None,
        attempts: int = 1,
        retry_after: float | None = None,
        *,
        message: str | None = None,
        html: bool = False,
    ) -> str | None:
        """What to do next: about Nango refusing the secret key (a provider's own 401 through
        the proxy is the provider's business) or a session token, a rate limit, a route the
        server lacks, an action not finished yet, or a server that keeps failing."""
        proxied = spec.proxied
        path = spec.path.split("?", 1)[0]
        special = (
            None
            if proxied
            else (
                pending_action_hint(spec.method, path, status_code)
                or missing_route_hint(
                    spec.label, status_code, code, message, html, self.settings.base_url
                )
                or session_token_hint(path, status_code, code)
            )
        )
        if special is not None:
            return special
        who = "the provider (through Nango's proxy)" if proxied else "Nango"
        # A call Nango retries itself (retries=N) is never re-sent by the SDK.
        retried = self.policy.allows(spec.method, spec.retry) and not spec.remote_retries
        tried = self._tries(spec, attempts).lstrip(" ;")
        if status_code == 429:
            if retry_after is not None and retry_after > self.policy.max_retry_after:
                return (
                    f"rate limited: {who} asks to wait {retry_after:g}s, longer than the SDK "
                    f"waits ({self.policy.max_retry_after:g}s); retry after that"
                )
            if code == _TOO_MANY_REQUESTS and not spec.remote_retries:
                # Nango's limiter refused it before handling it: retried whatever the method.
                if attempts > 1:
                    tried = f"after {attempts} attempts"
                else:
                    tried = "not retried (max_retries=0), it was refused before it was handled"
                retried, who = True, "Nango"
            if spec.remote_retries:
                return f"rate limited by {who}; {tried}: slow down and send it again later"
            if not retried:
                return (
                    f"rate limited by {who}; not retried ({spec.method}): slow down and send it "
                    f"again later{self._opt_in(spec, 'to let the SDK retry it')}"
                )
            return (
                f"rate limited by {who}, {tried}; slow down and retry later, or raise max_retries="
            )
        if status_code in RETRY_STATUSES or (status_code == 500 and code in NETWORK_ERROR_CODES):
            if not retried:
                return f"{who} may be down or overloaded; {tried}"
            return f"{tried}; {who} may be down or overloaded: retry later, or raise max_retries="
        if status_code >= 500:
            return f"{who} failed on its side; retry later, and report it if it persists"
        if status_code != 401:
            return None
        if proxied and code not in _SECRET_KEY_CODES:
            return None
        return (
            f"check the secret key (from {self.settings.secret_key_source}): it must be a "
            f"secret key of the Nango environment at {self.settings.base_url} (Environment "
            "settings of the Nango dashboard)"
        )

    def json(self, spec: RequestSpec, response: httpx.Response) -> Any:
        """The decoded JSON body of a successful response (None for an empty body)."""
        decoded = getattr(response, _DECODED, _UNSET)
        if decoded is not _UNSET and decoded is not None and not isinstance(decoded, Unreadable):
            delattr(response, _DECODED)  # the response must not keep a whole page alive
            return decoded
        if not response.content:
            return None
        decoded = decode_json(response)
        if isinstance(decoded, Unreadable):
            raise NangoError(
                f"{spec.label} returned {response.status_code} with a body the SDK cannot read "
                f"({decoded.reason}); check that the base URL points at a Nango server"
            )
        return decoded

    def parse(
        self, spec: RequestSpec, response: httpx.Response, parser: Callable[[Any], Any]
    ) -> Any:
        """Run a generated model parser on the JSON body, translating parse failures."""
        data = self.json(spec, response)
        # httpx's response and its stream refer to each other, so the body (a whole records
        # page) waited for the cyclic GC: iter_records' peak memory grew with the record count.
        response.stream = httpx.ByteStream(b"")
        try:
            return parser(data)
        except (KeyError, ValueError, TypeError, AttributeError, RecursionError) as exc:
            raise NangoError(
                f"{spec.label} returned a response the SDK could not read "
                f"({type(exc).__name__}: {redact_text(str(exc), self.settings.secrets)}); "
                "the server may speak a different Nango API version"
            ) from exc

    def log(self, request: httpx.Request, status: int | str, started: float) -> None:
        """One DEBUG line per attempt: method, path, status, duration; never the key."""
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %s in %.1f ms",
                request.method,
                redact_text(request.url.path, self.settings.secrets),
                status,
                (time.perf_counter() - started) * 1000,
            )


_MAX_MESSAGE = 500


def _declares_json(response: httpx.Response) -> bool:
    content_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return bool(content_type == "application/json" or content_type.endswith("+json"))


def decoded_json(response: httpx.Response) -> Any:
    """The JSON body already decoded by the send loop, else decoded now (an
    :class:`Unreadable` when it cannot be)."""
    decoded = getattr(response, _DECODED, _UNSET)
    if decoded is _UNSET or decoded is None:
        return decode_json(response)
    return decoded


def remote_backoff(retries: int) -> float:
    """Seconds of back-off in Nango's own retry chain for a proxy call with ``Retries``."""
    return float(NANGO_PROXY_BACKOFF * ((1 << retries) - 1))


def _non_json_note(spec: RequestSpec, body: Any, core: RequestCore, status: int) -> str:
    """Why an error answer has no usable message: a page that is not Nango's JSON."""
    if not isinstance(body, str) or not body.strip():
        return ""
    if spec.proxied:
        return " (the provider answered with an HTML page)"
    if status == 404:  # the hint names the route the server lacks
        return " (an HTML page, not Nango's JSON)"
    return (
        f" (an HTML page, not Nango's JSON: check that {core.settings.base_url} is a Nango server)"
    )


def _action_name(spec: RequestSpec) -> str | None:
    """The action a ``POST /action/trigger`` asked for, from its body."""
    body = spec.json if isinstance(spec.json, dict) else None
    name = body.get("action_name") if body else None
    return name if isinstance(name, str) else None


def error_code_and_message(body: Any) -> tuple[str | None, str | None]:
    """Nango's error ``code`` and a human message from an error body of any of its families."""
    if not isinstance(body, dict):
        return None, (body.strip() or None) if isinstance(body, str) else None
    error = body.get("error")
    if isinstance(error, str):
        return _str(body.get("code")), error
    if not isinstance(error, dict):
        return _str(body.get("code")), _str(body.get("message"))
    code = _str(error.get("code"))
    message = _str(error.get("message"))
    errors = error.get("errors")
    if isinstance(errors, list) and errors:
        details = "; ".join(_validation_detail(item) for item in errors)
        message = f"{message}: {details}" if message else details
    return code, message or code


def _validation_detail(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    path = item.get("path")
    where = ".".join(str(p) for p in path) if isinstance(path, list) and path else ""
    text = _str(item.get("message")) or _str(item.get("code")) or "invalid"
    return f"{where}: {text}" if where else text


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
