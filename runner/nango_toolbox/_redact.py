"""The one place where secrets are masked before anything is shown to a human or written to a log.

Three helpers: :func:`redact_value` walks JSON-like data and masks values under sensitive keys
(tokens, passwords, API keys, client secrets, ...); :func:`redact_text` removes known secret
strings from free text; :func:`redact_headers` masks credential-bearing HTTP headers. And
:func:`mask_model_reprs` gives the generated models (``nango_client.models``, attrs classes whose
own repr shows every field) :func:`redacted_repr`, so a connection, an integration or a created
API key printed, logged or shown in a traceback never holds its credentials.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

__all__ = [
    "MASK",
    "credential_values",
    "is_sensitive_key",
    "mask_model_reprs",
    "redact_dumped",
    "redact_headers",
    "redact_text",
    "redact_value",
    "redacted_repr",
    "redacts_nothing",
]

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
# "bot_token", "db_password", "openai_api_key", "webhook_signing_key"); a bare "key" does not
# ("unique_key").
_SENSITIVE_SUFFIXES = (
    "secret",
    "password",
    "token",
    "apikey",
    "secretkey",
    "privatekey",
    "signingkey",
    "hmackey",
)
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
    if "b" not in text and "B" not in text:  # no "bearer" or "basic" in any case: no match
        return text
    return _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)


def redact_value(
    value: Any, secrets: Iterable[str | None] = (), *, whole: Iterable[str] = ()
) -> Any:
    """Return a copy of JSON-like ``value`` with values under sensitive keys masked, ``secrets``
    masked wherever they appear in a string, and strings equal to one of ``whole`` masked (for
    secrets too short to be masked inside other text without garbling it)."""
    known = tuple(sorted((s for s in secrets if s), key=len, reverse=True))
    return _redact(value, known, frozenset(whole))


_SCALARS = frozenset({int, float, bool, type(None)})
# json.dumps(value, ensure_ascii=False, default=str), without building an encoder per call
_SHOWN = json.JSONEncoder(ensure_ascii=False, default=str)


def redact_dumped(
    value: Any, secrets: Iterable[str | None] = (), *, whole: Iterable[str] = ()
) -> tuple[Any, str]:
    """:func:`redact_value` of ``value`` and its JSON text (``json.dumps(..., ensure_ascii=False,
    default=str)``): when nothing in it needs masking (the usual answer), ``value`` itself and
    the one dump, without copying it."""
    secrets, whole = tuple(secrets), tuple(whole)  # each is gone through twice
    text = _SHOWN.encode(value)
    if redacts_nothing(value, text, secrets, whole=whole):
        return value, text
    shown = redact_value(value, secrets, whole=whole)
    return shown, _SHOWN.encode(shown)


_SUSPECT = re.compile(r"(?i)bearer|basic")  # what every _BEARER match holds, anywhere


def redacts_nothing(
    value: Any, text: str, secrets: Iterable[str | None] = (), *, whole: Iterable[str] = ()
) -> bool:
    """True only when :func:`redact_value` would return ``value`` unchanged, ``text`` being
    ``json.dumps(value, ensure_ascii=False, default=str)`` (then the caller may show both as they
    are, without the copying walk). False whenever it may not: a sensitive key anywhere, a secret
    or a quoted whole value or "bearer"/"basic" anywhere in the text (keys included), a container
    other than dict and list. JSON escapes each character on its own, so a secret inside a string
    is inside its escaped form in the text."""
    if not _plain_keys(value):
        return False
    for secret in secrets:
        if secret and _quoted(secret)[1:-1] in text:
            return False
    for short in whole:
        if _quoted(short) in text:
            return False
    if text.isascii():  # no other character folds to these letters
        lowered = text.lower()
        return "bearer" not in lowered and "basic" not in lowered
    return _SUSPECT.search(text) is None


@lru_cache(maxsize=256)
def _quoted(secret: str) -> str:
    """``secret`` as a JSON string, as ``json.dumps(..., ensure_ascii=False)`` writes it."""
    return json.dumps(secret, ensure_ascii=False)


_JSON_SCALARS = _SCALARS | {str}


def _plain_keys(value: Any) -> bool:
    """Only dicts, lists and JSON scalars, no key :func:`is_sensitive_key` (nor a key that is
    not a string)."""
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or is_sensitive_key(key):
                return False
            if type(item) not in _JSON_SCALARS and not _plain_keys(item):
                return False
        return True
    if kind is list:
        for item in value:
            if type(item) not in _JSON_SCALARS and not _plain_keys(item):
                return False
        return True
    return kind in _JSON_SCALARS


def _redact(value: Any, secrets: tuple[str, ...], whole: frozenset[str]) -> Any:
    kind = type(value)  # the plain JSON kinds first: the ABC checks below are slow
    if kind is str:
        return MASK if value in whole else redact_text(value, secrets)
    if kind in _SCALARS:
        return value
    if isinstance(value, Mapping):
        return {
            key: (
                MASK
                if isinstance(key, str) and is_sensitive_key(key) and value[key] not in (None, "")
                else _redact(value[key], secrets, whole)
            )
            for key in value
        }
    if isinstance(value, list | tuple):
        return [_redact(item, secrets, whole) for item in value]
    if isinstance(value, str):
        return MASK if value in whole else redact_text(value, secrets)
    return value


def credential_values(credentials: Any) -> list[str]:
    """The secret strings of a connection's ``credentials`` object (access and refresh tokens,
    an API key, a password, anything under a sensitive key, ``raw`` included), so that they can
    be masked where a provider repeats them in free text (``"invalid key sk-..."``)."""
    found: list[str] = []

    def walk(value: Any, sensitive: bool) -> None:
        if isinstance(value, str):
            if sensitive and value:
                found.append(value)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                walk(item, sensitive or (isinstance(key, str) and is_sensitive_key(key)))
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, sensitive)

    walk(credentials, False)
    return found


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """Return the headers as a dict with credential-bearing values masked."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {name: MASK if is_sensitive_key(name) else value for name, value in items}


def redacted_repr(self: Any) -> str:
    """The attrs repr of a generated model, with values under credential fields masked (nested
    models use their own redacted repr; dicts and lists go through :func:`redact_value`)."""
    import attrs

    parts = []
    for attribute in attrs.fields(type(self)):
        value = getattr(self, attribute.name)
        if isinstance(value, str) and value and is_sensitive_key(attribute.name):
            value = MASK
        elif isinstance(value, Mapping | list | tuple):
            value = redact_value(value)
        parts.append(f"{attribute.name}={value!r}")
    return f"{type(self).__name__}({', '.join(parts)})"


def mask_model_reprs() -> None:
    """Give every generated model class :func:`redacted_repr` (idempotent; imports the models,
    so call it where they are imported anyway, never on the CLI's start-up path)."""
    import attrs
    import nango_client.models as models

    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type) and attrs.has(cls):
            setattr(cls, "__repr__", redacted_repr)  # noqa: B010 - mypy refuses a direct assignment
