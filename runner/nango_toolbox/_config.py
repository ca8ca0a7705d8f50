"""Secret key, webhook signing key and base URL resolution: the only place that reads
``os.environ`` or a ``.env`` file.

Resolution order, first match wins:

secret key
    1. the ``secret_key`` argument
    2. ``NANGO_TOOLBOX_SECRET_KEY`` in the environment
    3. ``NANGO_TOOLBOX_SECRET_KEY`` in ``.env`` of the working directory
    4. ``NANGO_SECRET_KEY`` in the environment (compatibility with Nango's own tools)
    5. ``NANGO_SECRET_KEY`` in ``.env``

webhook signing key (optional; verifies the webhooks Nango sends, see `nango_toolbox.webhooks`)
    1. the ``webhook_signing_key`` argument
    2. ``NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY`` in the environment
    3. ``NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY`` in ``.env``
    4. ``NANGO_WEBHOOK_SIGNING_KEY`` in the environment (the name Nango's docs use)
    5. ``NANGO_WEBHOOK_SIGNING_KEY`` in ``.env``
    6. else the secret key: Nango signed webhooks with it in environments created before
       2026-04-20 that never rotated their key (the Node client falls back the same way)

base URL
    1. the ``base_url`` argument
    2. ``NANGO_SERVER_URL`` in the environment
    3. ``NANGO_SERVER_URL`` in ``.env``
    4. ``https://api.nango.dev``

``.env`` is read with python-dotenv's ``dotenv_values``, so ``os.environ`` is never modified.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ._errors import ConfigurationError
from ._key_names import (
    BASE_URL_VAR,
    COMPAT_SECRET_KEY_VAR,
    COMPAT_WEBHOOK_SIGNING_KEY_VAR,
    SECRET_KEY_VAR,
    WEBHOOK_SIGNING_KEY_VAR,
)

__all__ = [
    "BASE_URL_VAR",
    "COMPAT_SECRET_KEY_VAR",
    "COMPAT_WEBHOOK_SIGNING_KEY_VAR",
    "DEFAULT_BASE_URL",
    "SECRET_KEY_VAR",
    "WEBHOOK_SIGNING_KEY_VAR",
    "Settings",
    "resolve_settings",
    "resolve_webhook_signing_key",
    "validate_base_url",
]

DEFAULT_BASE_URL = "https://api.nango.dev"


def _missing_key(argument: str | None) -> str:
    passing = f"pass {argument}, or " if argument else ""
    return (
        f"No Nango secret key: {passing}set {SECRET_KEY_VAR} (or {COMPAT_SECRET_KEY_VAR}) "
        "in the environment or in a .env file of the working directory; the key is in the "
        "Environment settings of the Nango dashboard (https://app.nango.dev, Environment Settings)."
    )


@dataclass(frozen=True)
class Settings:
    """The resolved configuration of one client; ``repr`` never shows a key."""

    secret_key: str = field(repr=False)
    base_url: str
    secret_key_source: str
    webhook_signing_key: str | None = field(default=None, repr=False)
    webhook_signing_key_source: str | None = None

    @property
    def secrets(self) -> list[str]:
        """The keys to mask wherever text is rendered (never shown in output or logs)."""
        return [key for key in (self.secret_key, self.webhook_signing_key) if key]

    @property
    def signing_key_for_webhooks(self) -> str:
        """The key webhooks are verified with: the webhook signing key, else the secret key."""
        return self.webhook_signing_key or self.secret_key


def resolve_settings(
    secret_key: str | None = None,
    base_url: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    secret_key_argument: str | None = "secret_key=...",
    base_url_argument: str = "the base_url argument",
    webhook_signing_key: str | None = None,
) -> Settings:
    """Resolve the secret key, base URL and webhook signing key in the documented order, or
    raise ConfigurationError.

    ``secret_key_argument`` and ``base_url_argument`` name the caller's own way of passing them
    in error messages (a command line says ``--server-url``; None: there is no way)."""
    env = os.environ if environ is None else environ
    dotenv_path = (cwd or Path.cwd()) / ".env"
    dotenv, bad_lines = _read_dotenv(dotenv_path)

    found = _first(_secret_key_candidates(secret_key, env, dotenv, dotenv_path))
    if found is None:
        unread = (
            f" ({dotenv_path} has lines that could not be read: "
            f"{', '.join(str(n) for n in bad_lines)}; check their quoting)"
            if bad_lines
            else ""
        )
        raise ConfigurationError(_missing_key(secret_key_argument) + unread)
    key_source, key = found

    url_candidates = [
        (base_url_argument, base_url),
        (f"environment variable {BASE_URL_VAR}", env.get(BASE_URL_VAR)),
        (f"{BASE_URL_VAR} in {dotenv_path}", dotenv.get(BASE_URL_VAR)),
        ("the default", DEFAULT_BASE_URL),
    ]
    url_found = _first(url_candidates)
    assert url_found is not None  # the default always matches
    url_source, url = url_found
    signing = _first(_signing_key_candidates(webhook_signing_key, env, dotenv, dotenv_path))
    return Settings(
        secret_key=key,
        base_url=validate_base_url(url, source=url_source),
        secret_key_source=key_source,
        webhook_signing_key=None if signing is None else signing[1],
        webhook_signing_key_source=None if signing is None else signing[0],
    )


def resolve_webhook_signing_key(
    webhook_signing_key: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[str, str]:
    """The key to verify webhooks with and where it was found, for code that has no client:
    the webhook signing key in the documented order, else the secret key (older environments),
    else ConfigurationError naming every place."""
    env = os.environ if environ is None else environ
    dotenv_path = (cwd or Path.cwd()) / ".env"
    dotenv, _ = _read_dotenv(dotenv_path)
    found = _first(
        _signing_key_candidates(webhook_signing_key, env, dotenv, dotenv_path)
        + _secret_key_candidates(None, env, dotenv, dotenv_path)
    )
    if found is None:
        raise ConfigurationError(
            "No webhook signing key: pass signing_key=..., or set "
            f"{WEBHOOK_SIGNING_KEY_VAR} (or {COMPAT_WEBHOOK_SIGNING_KEY_VAR}) in the environment "
            "or in a .env file of the working directory; the key is in the Nango dashboard "
            "under Environment Settings > Webhooks > Signing key."
        )
    source, key = found
    return key, source


def _secret_key_candidates(
    argument: str | None, env: Mapping[str, str], dotenv: Mapping[str, str], dotenv_path: Path
) -> list[tuple[str, str | None]]:
    return [
        ("the secret_key argument", argument),
        (f"environment variable {SECRET_KEY_VAR}", env.get(SECRET_KEY_VAR)),
        (f"{SECRET_KEY_VAR} in {dotenv_path}", dotenv.get(SECRET_KEY_VAR)),
        (f"environment variable {COMPAT_SECRET_KEY_VAR}", env.get(COMPAT_SECRET_KEY_VAR)),
        (f"{COMPAT_SECRET_KEY_VAR} in {dotenv_path}", dotenv.get(COMPAT_SECRET_KEY_VAR)),
    ]


def _signing_key_candidates(
    argument: str | None, env: Mapping[str, str], dotenv: Mapping[str, str], dotenv_path: Path
) -> list[tuple[str, str | None]]:
    own, compat = WEBHOOK_SIGNING_KEY_VAR, COMPAT_WEBHOOK_SIGNING_KEY_VAR
    return [
        ("the webhook_signing_key argument", argument),
        (f"environment variable {own}", env.get(own)),
        (f"{own} in {dotenv_path}", dotenv.get(own)),
        (f"environment variable {compat}", env.get(compat)),
        (f"{compat} in {dotenv_path}", dotenv.get(compat)),
    ]


def validate_base_url(url: str, *, source: str = "base_url") -> str:
    """Return ``url`` without its trailing slash, or raise ConfigurationError if it is unusable."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise ConfigurationError(
            f"Invalid Nango base URL {_without_userinfo(url)!r} (from {source}): {exc}; "
            "use a URL such as https://api.nango.dev or http://localhost:3003."
        ) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"Invalid Nango base URL {_without_userinfo(url)!r} (from {source}): it needs an "
            "http:// or https:// "
            "scheme and a host, such as https://api.nango.dev or http://localhost:3003."
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigurationError(
            f"Invalid Nango base URL (from {source}): remove the query string, fragment or "
            "user info; use a URL such as https://api.nango.dev or http://localhost:3003."
        )
    return url.rstrip("/")


def _without_userinfo(url: str) -> str:
    """``url`` with any ``user:password@`` part masked, so an error message never shows it."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    return f"{scheme}{sep}{authority}{slash}{path}"


def _read_dotenv(path: Path) -> tuple[dict[str, str], list[int]]:
    """The values of ``path`` and the numbers of its lines python-dotenv cannot parse (left out
    here rather than logged by python-dotenv, which would print from library code)."""
    if not path.is_file():
        return {}, []
    import io

    from dotenv import dotenv_values
    from dotenv.parser import parse_stream

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise ConfigurationError(f"Cannot read {path} ({reason}); fix or remove it.") from None
    bindings = list(parse_stream(io.StringIO(text)))
    bad = [binding.original.line for binding in bindings if binding.error]
    readable = "".join(binding.original.string for binding in bindings if not binding.error)
    values = dotenv_values(stream=io.StringIO(readable))
    return {name: value for name, value in values.items() if value is not None}, bad


def _first(candidates: list[tuple[str, str | None]]) -> tuple[str, str] | None:
    for source, value in candidates:
        if value is not None and value.strip():
            return source, value.strip()
    return None
