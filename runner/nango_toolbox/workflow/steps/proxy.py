"""proxy: call the provider's API through the Nango proxy, optionally following its pagination."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import StepFailed
from ..gateway import ProxyResult
from ..pagination import Request, follow
from ..runtime import Args, ConnectionRef, StepContext

__all__ = ["perform", "run"]


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs status, headers and body; with paginate also items and pages."""
    return perform(ctx, ctx.connection(args), args)


def perform(ctx: StepContext, connection: ConnectionRef, args: Args) -> dict[str, Any]:
    """Make the proxy request described by ``args`` (also used by the call step)."""
    method = (args.string("method", "GET") or "GET").upper()
    path = args.require_string("path")
    if not path.startswith("/"):
        path = "/" + path
    params = args.mapping("params") or {}
    body_json = args.value("json")
    body_text = args.string("body")
    if body_json is not None and body_text is not None:
        raise StepFailed(f"{args.where}: give json or body, not both")
    headers = {str(k): str(v) for k, v in (args.mapping("headers") or {}).items()}
    expect = {int(s) for s in args.value("expect", []) or []}
    options: dict[str, Any] = {
        "provider_config_key": connection.provider_config_key,
        "connection_id": connection.connection_id,
    }
    if headers:
        options["headers"] = headers
    if args.has("retries"):
        options["retries"] = args.integer("retries", 0)
    if args.has("retry_on"):
        options["retry_on"] = [int(s) for s in args.value("retry_on") or []]
    if body_text is not None:
        options["content"] = body_text

    def send(request: Request) -> ProxyResult:
        extra = dict(options)
        if request.params:
            extra["params"] = request.params
        if request.json is not None:
            extra["json"] = request.json
        if request.base_url_override:
            extra["base_url_override"] = request.base_url_override
        return ctx.gateway.proxy(method, request.path, **extra)

    def check(result: ProxyResult) -> None:
        if not 200 <= result.status < 300 and result.status not in expect:
            raise StepFailed(
                f"{method} {path} through the proxy: the provider answered {result.status}: "
                f"{_provider_message(result.body)} (list {result.status} in expect to accept it)"
            )

    first = Request(path, dict(params), body_json, args.string("base_url_override"))
    paginate = args.value("paginate", False)
    if paginate in (False, None):
        result = send(first)
        check(result)
        return {"status": result.status, "headers": result.headers, "body": result.body}
    config = _pagination_config(ctx, connection, paginate)
    page = follow(
        send,
        first,
        config,
        method=method,
        max_pages=max(1, args.integer("max_pages", 10)),
        max_items=args.integer("max_items", 0) or None,
        ok=check,
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
