"""Calls to a provider on behalf of a connection: base URL, injected credentials, retries.

Used by the proxy route and, through `SandboxContext.call_provider`, by sandbox functions.
"""

from __future__ import annotations

import asyncio
import base64
import re
import time
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import httpx

from .providers import Provider
from .repo import Connection

_TEMPLATE = re.compile(r"\$\{([A-Za-z0-9_.]+)\}")
RETRIABLE = frozenset({429, 401})
MAX_REDIRECTS = 10
ATTEMPT_SECONDS = 60.0
"""The total deadline of one attempt at a provider: connect, send, read the whole answer."""
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The largest provider answer the sandbox reads (64 MiB); a larger one is an error."""


class ProviderUnreachable(Exception):
    """The provider could not be reached (connection refused, DNS, reset, timeout)."""

    def __init__(self, method: str, url: str, reason: str) -> None:
        super().__init__(reason)
        self.method = method
        self.url = url
        self.reason = reason


class ProviderResponseTooLarge(ProviderUnreachable):
    """The provider's answer is larger than the sandbox reads (``MAX_RESPONSE_BYTES``)."""

    def __init__(self, method: str, url: str) -> None:
        super().__init__(method, url, f"the answer is larger than {MAX_RESPONSE_BYTES:,} bytes")


def _lookup(name: str, connection: Connection) -> str | None:
    creds = connection.credentials
    if name.startswith("connectionConfig."):
        value = connection.connection_config.get(name.split(".", 1)[1])
    elif name.startswith("credentials."):
        value = creds.get(name.split(".", 1)[1])
    elif name.startswith("metadata."):
        value = connection.metadata.get(name.split(".", 1)[1])
    elif name in ("accessToken", "access_token"):
        value = creds.get("access_token") or creds.get("token")
    else:
        value = creds.get(name)
    return None if value is None else str(value)


def resolve(template: str, connection: Connection) -> str | None:
    """Fill ``${apiKey}``, ``${connectionConfig.x}``, ``${credentials.x}``, ``${accessToken}``;
    None when a referenced value is missing. ``A || B`` (providers.yaml's fallback) gives B
    when A refers to a missing value."""
    for option in template.split(" || "):
        missing = False

        def value(match: re.Match[str]) -> str:
            nonlocal missing
            found = _lookup(match.group(1), connection)
            missing = missing or not found
            return found or ""

        result = _TEMPLATE.sub(value, option)
        if not missing:
            return result
    return None


def credential_headers(provider: Provider | None, connection: Connection) -> dict[str, str]:
    """The headers that carry the connection's credentials, the way the provider expects them."""
    creds = connection.credentials
    templates = (provider.proxy.get("headers") if provider else None) or {}
    headers = {}
    for name, template in templates.items():
        value = resolve(str(template), connection)
        if value is not None:  # a header whose value is missing is not sent
            headers[str(name).lower()] = value
    kind = creds.get("type")
    if "authorization" not in headers:
        if kind == "BASIC":
            raw = f"{creds.get('username', '')}:{creds.get('password', '')}".encode()
            headers["authorization"] = "Basic " + base64.b64encode(raw).decode()
        elif kind in ("OAUTH2", "OAUTH2_CC", "APP") and (
            creds.get("access_token") or creds.get("token")
        ):
            headers["authorization"] = f"Bearer {creds.get('access_token') or creds.get('token')}"
        elif kind == "API_KEY" and not templates and creds.get("apiKey"):
            headers["authorization"] = f"Bearer {creds['apiKey']}"
    return headers


def credential_query(provider: Provider | None, connection: Connection) -> list[tuple[str, str]]:
    query = (provider.proxy.get("query") if provider else None) or {}
    pairs = [(str(k), resolve(str(v), connection)) for k, v in query.items()]
    return [(k, v) for k, v in pairs if v is not None]


def join_url(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def retry_header_names(provider: Provider | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The provider's ``proxy.retry.after`` (seconds) and ``proxy.retry.at`` (epoch) header names."""
    retry = (provider.proxy.get("retry") if provider else None) or {}

    def names(value: Any) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value] if value else []
        return tuple(str(v).lower() for v in items)

    return names(retry.get("after")), names(retry.get("at"))


def retry_delay(
    attempt: int,
    response: httpx.Response,
    base_delay: float,
    after: tuple[str, ...] = (),
    at: tuple[str, ...] = (),
) -> float:
    """Back-off before the next attempt: a header the provider's config names, else exponential.

    Like Nango, a provider's wait header is honoured only when providers.yaml names it
    (``proxy.retry.after``: seconds to wait, ``proxy.retry.at``: epoch seconds to wait until).
    """
    for name in after:
        value = response.headers.get(name)
        if value is not None:
            try:
                return min(max(float(value), 0.0), 60.0)
            except ValueError:
                continue
    for name in at:
        value = response.headers.get(name)
        if value is not None:
            try:
                return min(max(float(value) - time.time(), 0.0), 60.0)
            except ValueError:
                continue
    return float(base_delay * (2**attempt))


async def send(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    query: str | Sequence[tuple[str, str]] | Mapping[str, Any] | None = None,
    headers: Mapping[str, str],
    content: bytes | None = None,
    retries: int = 0,
    retry_on: frozenset[int] = frozenset(),
    base_delay: float = 0.5,
    wait_headers: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
    forward_on_redirect: bool = False,
    deadline: float = ATTEMPT_SECONDS,
) -> httpx.Response:
    """Send with up to ``retries`` extra attempts on 5xx, 429, 401 and ``retry_on`` statuses, and
    on a provider that cannot be reached or drops the connection."""
    if query is not None and not isinstance(query, str):
        items = query.items() if isinstance(query, Mapping) else query
        query = urlencode(list(items), doseq=True)
    if query:
        url = f"{url}{'&' if '?' in url else '?'}{query}"
    attempt = 0
    while True:
        try:
            response = await _follow(
                client, method, url, dict(headers), content, forward_on_redirect, deadline
            )
        except ProviderResponseTooLarge:
            raise  # the same answer would come again
        except ProviderUnreachable:
            # Like Nango, a connection that broke (reset, timeout) is retried too.
            if attempt >= retries:
                raise
            await asyncio.sleep(float(base_delay * (2**attempt)))
            attempt += 1
            continue
        status = response.status_code
        retriable = status >= 500 or status in RETRIABLE or status in retry_on
        if attempt >= retries or not retriable:
            return response
        await asyncio.sleep(retry_delay(attempt, response, base_delay, *wait_headers))
        attempt += 1


async def _follow(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    headers: dict[str, str],
    content: bytes | None,
    forward_on_redirect: bool,
    deadline: float,
) -> httpx.Response:
    """Send, following redirects as Nango's HTTP client does: the headers (credentials included)
    go along to the same host or a subdomain of it; to another host ``authorization``,
    ``proxy-authorization`` and ``cookie`` are dropped unless ``forward_on_redirect``.

    Each attempt has a total deadline (``deadline``, 60 s by default: connecting, sending and
    reading the whole answer) and reads at most ``MAX_RESPONSE_BYTES`` of the answer: a provider
    that drips or floods becomes `ProviderUnreachable` / `ProviderResponseTooLarge`, never a
    stuck request or a sandbox that grows with the provider's answer."""
    try:
        async with asyncio.timeout(deadline):
            return await _follow_redirects(
                client, method, url, headers, content, forward_on_redirect
            )
    except TimeoutError:
        raise ProviderUnreachable(method, url, "ETIMEDOUT") from None


async def _follow_redirects(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    headers: dict[str, str],
    content: bytes | None,
    forward_on_redirect: bool,
) -> httpx.Response:
    for _ in range(MAX_REDIRECTS + 1):
        request = client.build_request(method, url, headers=headers, content=content)
        try:
            response = await client.send(request, stream=True, follow_redirects=False)
        except httpx.TransportError as exc:
            raise ProviderUnreachable(method, url, _reason(exc)) from None
        try:
            location = response.headers.get("location")
            if response.status_code not in (301, 302, 303, 307, 308) or not location:
                await _read_bounded(response, method, url)
                return response
        finally:
            await response.aclose()
        target = response.url.join(location)
        if not forward_on_redirect and not _same_or_subdomain(target.host, response.url.host):
            headers = {k: v for k, v in headers.items() if k.lower() not in _CROSS_HOST_DROPPED}
        url = str(target)
        if response.status_code == 303 or (response.status_code in (301, 302) and method == "POST"):
            method, content = "GET", None
            headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    return response


_CROSS_HOST_DROPPED = frozenset({"authorization", "proxy-authorization", "cookie"})


def _same_or_subdomain(host: str, previous: str) -> bool:
    return host == previous or host.endswith("." + previous)


async def _read_bounded(response: httpx.Response, method: str, url: str) -> None:
    """Read the answer into ``response`` (``.content``), at most MAX_RESPONSE_BYTES of it."""
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
        raise ProviderResponseTooLarge(method, url)
    parts: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise ProviderResponseTooLarge(method, url)
            parts.append(chunk)
    except httpx.TransportError as exc:
        raise ProviderUnreachable(method, url, _reason(exc)) from None
    response._content = b"".join(parts)  # what httpx's own aread() sets


def _reason(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "ECONNREFUSED"
    if isinstance(exc, httpx.TimeoutException):
        return "ETIMEDOUT"
    return "ECONNRESET"
