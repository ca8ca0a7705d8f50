"""nango-toolbox: a typed Python SDK, a workflow runner and a local sandbox for the Nango API.

Public names are imported lazily (PEP 562) so that `import nango_toolbox` and the CLI's
`--version` stay cheap: httpx and the generated models load on first use of a name that needs them.
"""

from __future__ import annotations

import importlib

from ._version import __version__

TYPE_CHECKING = False  # not typing's, which would double the cost of `nango-run --version`
if TYPE_CHECKING:
    from typing import Any

    from ._errors import (
        ActionFailedError,
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigurationError,
        ConflictError,
        FailedDependencyError,
        InternalServerError,
        InvalidArgumentError,
        NangoError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ResponseTooLargeError,
        UnprocessableEntityError,
        WebhookPayloadError,
        WebhookVerificationError,
    )
    from ._ratelimit import RateLimitGate
    from .client import AsyncNango, Nango

_LAZY: dict[str, str] = {
    "APIConnectionError": "._errors",
    "APIStatusError": "._errors",
    "APITimeoutError": "._errors",
    "ActionFailedError": "._errors",
    "AsyncNango": ".client",
    "AuthenticationError": "._errors",
    "BadRequestError": "._errors",
    "ConfigurationError": "._errors",
    "ConflictError": "._errors",
    "FailedDependencyError": "._errors",
    "InternalServerError": "._errors",
    "InvalidArgumentError": "._errors",
    "Nango": ".client",
    "NangoError": "._errors",
    "NotFoundError": "._errors",
    "PermissionDeniedError": "._errors",
    "RateLimitError": "._errors",
    "RateLimitGate": "._ratelimit",
    "ResponseTooLargeError": "._errors",
    "UnprocessableEntityError": "._errors",
    "WebhookPayloadError": "._errors",
    "WebhookVerificationError": "._errors",
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nango_toolbox' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
