"""proxy: call the provider's API through the Nango proxy, optionally following its pagination."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import StepFailed
from ..gateway import ProxyResult
from ..pagination import Request, follow
from ..runtime import Args, ConnectionRef, StepContext

__all__ = ["ProxyCall", "perform", "run", "send"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs status, headers and body; with paginate also items and pages."""
    return perform(ctx, ctx.connection(args), args)


def perform(ctx: StepContext, connection: ConnectionRef, args: Args) -> dict[str, Any]:
    """Make the proxy request described by ``args`` (also used by the call step)."""
    method = (args.string("method", "GET") or "GET").upper()
    path = args.require_string("path")
    if not path.startswith("/"):
        path = "/" + path
    body_json = args.value("json")
    body_text = args.string("body")
    if body_json is not None and body_text is not None:
        raise StepFailed(f"{args.where}: give json or body, not both")
    expect = {int(s) for s in args.value("expect", []) or []}
    call = ProxyCall(
        method=method,
        path=path,
        params=args.mapping("params") or {},
        json=body_json,
        content=body_text,
        headers={str(k): str(v) for k, v in (args.mapping("headers") or {}).items()},
        retries=args.integer("retries", 0) if args.has("retries") else None,
        retry_on=[int(s) for s in args.value("retry_on") or []] if args.has("retry_on") else None,
        base_url_override=args.string("base_url_override"),
        paginate=args.value("paginate", False),
    )
    if call.paginate not in (False, None):
        call.max_pages = max(1, args.integer("max_pages", 10))
        call.max_items = args.integer("max_items", 0) or None

    def check(result: ProxyResult) -> None:
        if not 200 <= result.status < 300 and result.status not in expect:
            raise StepFailed(
                f"{method} {path} through the proxy: the provider answered {result.status}: "
                f"{_provider_message(result.body)} (list {result.status} in expect to accept it)"
            )

    return send(ctx, connection, call, check)


@dataclass
class ProxyCall:
    """One proxy request as plain data (``paginate``: False, True or a pagination config)."""

    method: str
    path: str
    params: dict[str, Any] = field(default_factory=dict)
    json: Any = None
    content: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    retries: int | None = None
    retry_on: list[int] | None = None
    base_url_override: str | None = None
    paginate: Any = False
    max_pages: int = 10
    max_items: int | None = None


def send(
    ctx: StepContext,
    connection: ConnectionRef,
    call: ProxyCall,
    check: Callable[[ProxyResult], None] | None = None,
) -> dict[str, Any]:
    """Send ``call`` (following the provider's pagination when asked): outputs status, headers
    and body, with pagination also items and pages; ``check`` judges each answer."""
    method = call.method.upper()
    path = call.path if call.path.startswith("/") else "/" + call.path
    options: dict[str, Any] = {
        "provider_config_key": connection.provider_config_key,
        "connection_id": connection.connection_id,
    }
    if call.headers:
        options["headers"] = call.headers
    if call.retries is not None:
        options["retries"] = call.retries
    if call.retry_on is not None:
        options["retry_on"] = call.retry_on
    if call.content is not None:
        options["content"] = call.content

    def one(request: Request) -> ProxyResult:
        extra = dict(options)
        if request.params:
            extra["params"] = request.params
        if request.json is not None:
            extra["json"] = request.json
        if request.base_url_override:
            extra["base_url_override"] = request.base_url_override
        return ctx.gateway.proxy(method, request.path, **extra)

    def judge(result: ProxyResult) -> None:
        if check is not None:
            check(result)

    first = Request(path, dict(call.params), call.json, call.base_url_override)
    if call.paginate in (False, None):
        result = one(first)
        judge(result)
        return {"status": result.status, "headers": result.headers, "body": result.body}
    config = _pagination_config(ctx, connection, call.paginate)
    page = follow(
        one,
        first,
        config,
        method=method,
        max_pages=max(1, call.max_pages),
        max_items=call.max_items,
        ok=judge,
    )
    last = page.results[-1]
    return {
        "status": last.status,
        "headers": last.headers,
        "body": last.body,
        "items": page.items,
        "pages": len(page.results),
    }


def _pagination_config(
    ctx: StepContext, connection: ConnectionRef, paginate: Any
) -> dict[str, Any]:
    given = dict(paginate) if isinstance(paginate, Mapping) else {}
    if given.get("type"):
        return given
    provider = ctx.provider_of(connection)
    info = ctx.gateway.get_provider(provider)
    proxy = info.get("proxy") if isinstance(info.get("proxy"), Mapping) else {}
    declared = proxy.get("paginate") if isinstance(proxy, Mapping) else None
    if not isinstance(declared, Mapping):
        raise StepFailed(
            f"proxy.paginate: provider {provider!r} declares no pagination; give it in the step "
            "(paginate: {type: link|cursor|offset, ...})"
        )
    return {**declared, **given}


def _provider_message(body: Any) -> str:
    if isinstance(body, Mapping):
        for key in ("message", "error_description", "error"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, Mapping) and isinstance(value.get("message"), str):
                return str(value["message"])
    text = body if isinstance(body, str) else str(body)
    return text[:200] or "(no body)"
