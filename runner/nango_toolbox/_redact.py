"""The one place where secrets are masked before anything is shown to a human or written to a log.

Three helpers: :func:`redact_value` walks JSON-like data and masks values under sensitive keys
(tokens, passwords, API keys, client secrets, ...); :func:`redact_text` removes known secret
strings from free text; :func:`redact_headers` masks credential-bearing HTTP headers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

__all__ = ["MASK", "is_sensitive_key", "redact_headers", "redact_text", "redact_value"]

MASK = "***"

# Compared after lower-casing and removing "_" and "-": "access_token", "accessToken" and
# "Access-Token" all become "accesstoken".
_SENSITIVE_KEYS = frozenset(
    {
        "accesstoken",
        "apikey",
        "authorization",
        "clientsecret",
        "cookie",
        "idtoken",
        "oauthtoken",
        "oauthtokensecret",
        "password",
        "privatekey",
        "proxyauthorization",
        "refreshtoken",
        "secret",
        "secretkey",
        "setcookie",
        "token",
        "webhooksecret",
        "xapikey",
    }
)
# Any other name ending like these holds a credential too ("github_client_secret",
# "bot_token", "db_password", "openai_api_key"); a bare "key" does not ("unique_key").
_SENSITIVE_SUFFIXES = ("secret", "password", "token", "apikey", "secretkey", "privatekey")
_NORMALISE = re.compile(r"[-_\s]")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")


@lru_cache(maxsize=4096)  # the same few field names come back in every item of a report
def is_sensitive_key(key: str) -> bool:
    """Whether a field or header named ``key`` holds a credential."""
    normalised = _NORMALISE.sub("", key.lower())
    if normalised.startswith("nangoproxy"):
        normalised = normalised[len("nangoproxy") :]
    return normalised in _SENSITIVE_KEYS or normalised.endswith(_SENSITIVE_SUFFIXES)


def redact_text(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Return ``text`` with every known secret and every ``Bearer``/``Basic`` credential masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)


def redact_value(value: Any, secrets: Iterable[str | None] = ()) -> Any:
    """Return a copy of JSON-like ``value`` with values under sensitive keys masked."""
    known = tuple(s for s in secrets if s)
    return _redact(value, known)


def _redact(value: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(value, Mapping):
        return {
            key: (
                MASK
                if isinstance(key, str) and is_sensitive_key(key) and value[key] not in (None, "")
                else _redact(value[key], secrets)
            )
            for key in value
        }
    if isinstance(value, list | tuple):
        return [_redact(item, secrets) for item in value]
    if isinstance(value, str):
        return redact_text(value, secrets)
    return value


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """Return the headers as a dict with credential-bearing values masked."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {name: MASK if is_sensitive_key(name) else value for name, value in items}
