"""The Nango proxy call, written by hand on httpx (the generated proxy operations encode the
path whole and cannot carry per-call headers or raw bodies; see GENERATOR_NOTES.md).

``proxy_spec`` builds the request to ``/proxy/<path>``: caller headers become ``Nango-Proxy-*``,
and the Nango controls ``Connection-Id``, ``Provider-Config-Key``, ``Retries``, ``Retry-On``,
``Base-Url-Override``, ``Decompress`` and ``Forward-Headers-On-Redirect`` are set from keyword arguments.

Two things real Nango does that the caller would not see: a raw body without a Content-Type
reaches the provider **empty** (with a 200), so one is always sent (``text/plain;
charset=utf-8`` for ``str``, ``application/octet-stream`` for ``bytes``); and ``OPTIONS`` is
answered by Nango's own CORS handling (204) without calling the provider, so it is refused here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import unquote

import httpx

from ._errors import InvalidArgumentError
from ._models import ProxyResponse
from ._transport import _UNSET, RequestSpec, Unreadable, decoded_json, remote_backoff

__all__ = ["MAX_RETRIES", "proxy_response", "proxy_spec"]

_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"})
_PREFIX = "nango-proxy-"
# The largest ``retries=`` sent: Nango's back-off chain above it outlasts any timeout (the
# SDK lengthens the call's timeout by that chain; a longer one overflows the clock).
MAX_RETRIES = 20


def proxy_spec(
    method: str,
    path: str,
    *,
    provider_config_key: str,
    connection_id: str,
    params: Any = None,
    json: Any = _UNSET,
    content: bytes | str | None = None,
    headers: Mapping[str, str] | None = None,
    retries: int | None = None,
    retry_on: Sequence[int] | None = None,
    base_url_override: str | None = None,
    decompress: bool | None = None,
    forward_headers_on_redirect: bool | None = None,
    idempotent: bool | None = None,
) -> RequestSpec:
    """The request that asks Nango to call ``method path`` on the provider's API."""
    verb = method.upper()
    if verb == "OPTIONS":
        raise InvalidArgumentError(
            "proxy: OPTIONS is answered by Nango itself (its CORS handling, 204) and never "
            "reaches the provider; call the provider's OPTIONS route directly if you need it"
        )
    if verb not in _METHODS:
        raise InvalidArgumentError(
            f"proxy: unsupported HTTP method {method!r}; use one of {sorted(_METHODS)}"
        )
    if not provider_config_key or not connection_id:
        raise InvalidArgumentError("proxy: provider_config_key and connection_id are both required")
    if json is not _UNSET and content is not None:
        raise InvalidArgumentError("proxy: pass either json= or content=, not both")
    forwarded = {
        name if name.lower().startswith(_PREFIX) else f"Nango-Proxy-{name}": str(value)
        for name, value in (headers or {}).items()
    }
    control = {
        "Connection-Id": connection_id,
        "Provider-Config-Key": provider_config_key,
    }
    if retries is not None:
        if isinstance(retries, bool) or not isinstance(retries, int):
            raise InvalidArgumentError(
                f"proxy: retries must be an int, got {type(retries).__name__}"
            )
        if not 0 <= retries <= MAX_RETRIES:
            raise InvalidArgumentError(
                f"proxy: retries must be from 0 to {MAX_RETRIES}, got {retries} (Nango doubles "
                f"its wait from 3 s each time: retries={MAX_RETRIES} already means up to "
                f"{remote_backoff(MAX_RETRIES) / 86400:.0f} days of retrying)"
            )
        control["Retries"] = str(retries)
    if retry_on:
        control["Retry-On"] = ",".join(str(code) for code in retry_on)
    if base_url_override:
        control["Base-Url-Override"] = base_url_override
    if decompress is not None:
        control["Decompress"] = "true" if decompress else "false"
    if forward_headers_on_redirect is not None:
        control["Forward-Headers-On-Redirect"] = "true" if forward_headers_on_redirect else "false"
    content_type = next(
        (v for k, v in forwarded.items() if k.lower() == "nango-proxy-content-type"), None
    )
    if content is not None:
        if content_type is None:  # Nango would forward an empty body
            content_type = _DEFAULT_TYPES[isinstance(content, str)]
            forwarded["Nango-Proxy-Content-Type"] = content_type
        control["Content-Type"] = content_type
    return RequestSpec(
        method=verb,
        path=_proxy_path(path),
        params=params,
        headers={**forwarded, **control},
        json=json,
        content=content,
        retry=idempotent,
        remote_retries=retries or 0,
    )


_DEFAULT_TYPES = {True: "text/plain; charset=utf-8", False: "application/octet-stream"}


def _proxy_path(path: str) -> str:
    """``/proxy/<path>``; a "." or ".." segment (also percent-encoded, or after a backslash) is
    refused: httpx, a server or a reverse proxy resolves it, and the call would leave /proxy/
    for another Nango route with the secret key."""
    target = path if path.startswith("/") else "/" + path
    segments = target.split("?", 1)[0].split("#", 1)[0].replace("\\", "/").split("/")
    if any(unquote(segment) in (".", "..") for segment in segments):
        raise InvalidArgumentError(
            f"proxy: the path {path!r} has a '.' or '..' segment, which would leave /proxy/; "
            "pass the provider's path without dot segments"
        )
    return "/proxy" + target


def proxy_response(response: httpx.Response) -> ProxyResponse:
    """The provider's status, headers and body: parsed JSON when it answered JSON, text for
    textual answers, bytes for anything else (files, images)."""
    content_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    body: Any = response.text
    if response.content and (content_type.endswith("json") or content_type.endswith("+json")):
        body = decoded_json(response)
        if isinstance(body, Unreadable):  # the provider's broken JSON comes back as text
            body = response.text
    elif response.content and content_type and not _is_textual(content_type):
        body = response.content
    return ProxyResponse(status_code=response.status_code, headers=response.headers, body=body)


def _is_textual(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in _TEXTUAL


_TEXTUAL = frozenset(
    {
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/javascript",
        "application/yaml",
        "application/x-yaml",
    }
)
