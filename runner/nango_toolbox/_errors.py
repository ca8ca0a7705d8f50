"""The error tree of nango-toolbox.

Every exception the SDK raises derives from :class:`NangoError`::

    NangoError
     ├── ConfigurationError            missing secret key, invalid base URL
     ├── InvalidArgumentError          a call's arguments cannot make a valid request (also a ValueError)
     ├── WebhookVerificationError      a webhook whose X-Nango-Hmac-Sha256 is missing or wrong
     ├── WebhookPayloadError           a verified webhook whose body is not what Nango sends
     ├── ResponseTooLargeError         the answer is larger than max_response_size (limit, size)
     ├── APIConnectionError            transport fault (connect refused, reset, protocol error)
     │    └── APITimeoutError          the attempt (connect to last body byte) outlasted timeout=
     └── APIStatusError                method, path, status_code, code, message, body (redacted)
          ├── BadRequestError          400
          ├── AuthenticationError      401
          ├── PermissionDeniedError    403
          ├── NotFoundError            404
          ├── ConflictError            409
          ├── UnprocessableEntityError 422
          ├── FailedDependencyError    424
          ├── RateLimitError           429 (retry_after: float | None)
          ├── InternalServerError      5xx
          └── ActionFailedError        an action's own code failed (payload, upstream, may_have_run)

httpx errors and the generated client's errors are translated into this tree at one boundary
(``nango_toolbox._transport``) with ``raise ... from exc``. Messages never contain the secret key
or credentials: bodies are redacted before they are stored on an exception.

This module imports nothing heavy, so it can be imported at CLI start-up.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ActionFailedError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "FailedDependencyError",
    "InternalServerError",
    "InvalidArgumentError",
    "NangoError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "UnprocessableEntityError",
    "WebhookPayloadError",
    "WebhookVerificationError",
    "status_error",
]


class NangoError(Exception):
    """Root of every error raised by nango-toolbox."""


class ConfigurationError(NangoError):
    """The client cannot be configured: missing secret key, invalid base URL, bad argument."""


class InvalidArgumentError(NangoError, ValueError):
    """A call's arguments cannot make a valid request (a proxy path with '..' segments, a bad
    timeout, a missing field); raised before anything is sent. Also a ValueError."""


class WebhookVerificationError(NangoError):
    """A request that claims to be a Nango webhook does not carry a valid ``X-Nango-Hmac-Sha256``
    of its raw body under the signing key: refuse it (answer 401)."""


class WebhookPayloadError(NangoError):
    """A webhook with a valid signature whose body is not JSON, or whose known ``type`` lacks a
    field Nango always sends or has it with the wrong type."""


class ResponseTooLargeError(NangoError):
    """The answer is larger than ``max_response_size``; the rest was not read (the connection
    is closed). ``size`` is the declared Content-Length, or None when the body ran past the
    limit while it was read."""

    def __init__(
        self, message: str, *, method: str, path: str, limit: int, size: int | None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.limit = limit
        self.size = size


class APIConnectionError(NangoError):
    """The request did not get an HTTP response (connection refused or reset, protocol error)."""

    def __init__(self, message: str, *, method: str = "", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path


class APITimeoutError(APIConnectionError):
    """The request, or a wait for a result, did not finish within its timeout."""


class APIStatusError(NangoError):
    """Nango answered with an error status; carries Nango's error ``code`` and ``message``."""

    def __init__(
        self,
        *,
        method: str,
        path: str,
        status_code: int,
        code: str | None,
        message: str,
        body: Any = None,
        hint: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.status_code = status_code
        self.code = code
        self.message = message
        self.body = body
        self.hint = hint
        label = f"{status_code} {code}" if code else str(status_code)
        text = f"{method} {path} failed with {label}: {message}"
        super().__init__(f"{text.rstrip('.')}; {hint}" if hint else text)


class BadRequestError(APIStatusError):
    """400: the request was invalid (Nango codes such as ``invalid_body``)."""


class AuthenticationError(APIStatusError):
    """401: the secret key is missing, malformed or unknown to Nango."""


class PermissionDeniedError(APIStatusError):
    """403: the key lacks the scope the call needs (``message`` names it, e.g. "Insufficient
    scope. Required: account:environments:create"); account-level calls need an account key."""


class NotFoundError(APIStatusError):
    """404: the integration, connection, provider or action does not exist."""


class ConflictError(APIStatusError):
    """409: the resource is in a state that conflicts with the request."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was well formed but could not be processed."""


class FailedDependencyError(APIStatusError):
    """424: a dependency of the request (typically the provider) failed."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` is the server's hint in seconds, if any."""

    def __init__(self, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx: Nango (or, through the proxy, the provider) failed."""


class ActionFailedError(APIStatusError):
    """The action's own code failed (Nango's 500 ``action_script_runtime_error``,
    ``script_internal_error``, ``action_script_failure`` or 424 ``script_http_error``): not
    Nango's fault, so retrying the same input will not help.

    ``payload``: what the action gave (the object of an ``ActionError``, or ``{message, name,
    stacktrace}`` of a thrown error), None when there was none. ``upstream``: for a provider
    error inside the action, the provider's answer ``{status, headers, body}``, else None.
    ``may_have_run``: True when Nango lost track of the run (``Task ... is in progress``): the
    action may have completed, so check its effects before triggering it again.
    """

    def __init__(
        self,
        *,
        payload: Any = None,
        upstream: dict[str, Any] | None = None,
        may_have_run: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.payload = payload
        self.upstream = upstream
        self.may_have_run = may_have_run


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    424: FailedDependencyError,
}


def status_error(
    *,
    method: str,
    path: str,
    status_code: int,
    code: str | None,
    message: str,
    body: Any = None,
    retry_after: float | None = None,
    hint: str | None = None,
) -> APIStatusError:
    """Build the most specific APIStatusError subclass for ``status_code``."""
    fields: dict[str, Any] = {
        "method": method,
        "path": path,
        "status_code": status_code,
        "code": code,
        "message": message,
        "body": body,
        "hint": hint,
    }
    if status_code == 429:
        return RateLimitError(retry_after=retry_after, **fields)
    if status_code >= 500:
        return InternalServerError(**fields)
    return _BY_STATUS.get(status_code, APIStatusError)(**fields)
