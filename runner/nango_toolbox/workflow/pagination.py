"""Follow a provider's pagination through the proxy, with the keys of Nango's providers.yaml
(``proxy.paginate``): link (Link header or a URL in the body), cursor, or offset."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .errors import StepFailed
from .gateway import ProxyResult

__all__ = ["Page", "Request", "follow", "items_of"]

_LINK = re.compile(r"<([^>]*)>\s*;([^,]*)")


@dataclass
class Request:
    """One proxy request: where, what, and an optional base URL override."""

    path: str
    params: dict[str, Any] = field(default_factory=dict)
    json: Any = None
    base_url_override: str | None = None


@dataclass
class Page:
    """The pages fetched and the items collected."""

    results: list[ProxyResult]
    items: list[Any]


def _dig(data: Any, path: str | None) -> Any:
    if not path:
        return data
    for part in path.split("."):
        if isinstance(data, Mapping) and part in data:
            data = data[part]
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def items_of(body: Any, config: Mapping[str, Any]) -> list[Any]:
    """The items of one page: ``response_path`` in the body, or the body when it is a list."""
    found = _dig(body, config.get("response_path"))
    return list(found) if isinstance(found, list) else []


def _next_link(result: ProxyResult, config: Mapping[str, Any]) -> str | None:
    body_path = config.get("link_path_in_response_body")
    if body_path:
        found = _dig(result.body, str(body_path))
        return str(found) if found else None
    rel = str(config.get("link_rel_in_response_header") or "next")
    header = result.headers.get("link") or ""
    for url, params in _LINK.findall(header):
        if re.search(rf'rel="?{re.escape(rel)}"?', params):
            return str(url)
    return None


def _put(request: Request, config: Mapping[str, Any], in_body: bool, name: str, value: Any) -> None:
    if in_body:
        request.json = {**(request.json if isinstance(request.json, dict) else {}), name: value}
    else:
        request.params[name] = value


def follow(
    send: Callable[[Request], ProxyResult],
    first: Request,
    config: Mapping[str, Any],
    *,
    method: str,
    max_pages: int,
    max_items: int | None,
    ok: Callable[[ProxyResult], None],
) -> Page:
    """Fetch pages until the provider has no more, or ``max_pages``/``max_items`` is reached."""
    kind = config.get("type")
    if kind not in ("link", "cursor", "offset"):
        raise StepFailed(
            f"proxy.paginate: unknown pagination type {kind!r}; give paginate.type "
            "(link, cursor or offset) in the step"
        )
    in_body = bool(config.get("in_body", method in ("POST", "PUT", "PATCH")))
    request = first
    if config.get("limit") and config.get("limit_name_in_request"):
        _put(request, config, in_body, str(config["limit_name_in_request"]), config["limit"])
    offset = int(config.get("offset_start_value") or 0)
    if kind == "offset":
        _put(
            request, config, in_body, str(config.get("offset_name_in_request") or "offset"), offset
        )
    results: list[ProxyResult] = []
    items: list[Any] = []
    while len(results) < max_pages:
        result = send(request)
        ok(result)
        results.append(result)
        page_items = items_of(result.body, config)
        items.extend(page_items)
        if max_items is not None and len(items) >= max_items:
            del items[max_items:]
            break
        if not page_items:
            break
        following = _following(request, result, config, kind, in_body, len(page_items), offset)
        if following is None:
            break
        request, offset = following
    return Page(results, items)


def _following(
    request: Request,
    result: ProxyResult,
    config: Mapping[str, Any],
    kind: str,
    in_body: bool,
    count: int,
    offset: int,
) -> tuple[Request, int] | None:
    if kind == "link":
        link = _next_link(result, config)
        if not link and _header_links_hidden(result, config):
            return _next_page_number(request, config, in_body, count, offset)
        if not link:
            return None
        parts = urlsplit(link)
        if parts.scheme and parts.netloc:
            base = f"{parts.scheme}://{parts.netloc}"
            return Request(parts.path, dict(parse_qsl(parts.query)), request.json, base), offset
        return Request(
            parts.path, dict(parse_qsl(parts.query)), request.json, request.base_url_override
        ), offset
    if kind == "cursor":
        cursor = _dig(result.body, str(config.get("cursor_path_in_response") or ""))
        if not cursor:
            return None
        nxt = Request(request.path, dict(request.params), request.json, request.base_url_override)
        _put(nxt, config, in_body, str(config.get("cursor_name_in_request") or "cursor"), cursor)
        return nxt, offset
    limit = config.get("limit")
    if isinstance(limit, int) and count < limit:
        return None
    step = 1 if config.get("offset_calculation_method") == "per-page" else count
    offset += step
    nxt = Request(request.path, dict(request.params), request.json, request.base_url_override)
    _put(nxt, config, in_body, str(config.get("offset_name_in_request") or "offset"), offset)
    return nxt, offset


def _header_links_hidden(result: ProxyResult, config: Mapping[str, Any]) -> bool:
    """Nango's proxy passes only content-type back on a 2xx, so a Link header never arrives."""
    return not config.get("link_path_in_response_body") and "link" not in result.headers


def _next_page_number(
    request: Request, config: Mapping[str, Any], in_body: bool, count: int, page: int
) -> tuple[Request, int] | None:
    """Without the Link header, ask for the next page number while pages come back full."""
    limit = config.get("limit")
    if isinstance(limit, int) and count < limit:
        return None
    number = max(page, 1) + 1
    nxt = Request(request.path, dict(request.params), request.json, request.base_url_override)
    _put(nxt, config, in_body, str(config.get("page_name_in_request") or "page"), number)
    return nxt, number
