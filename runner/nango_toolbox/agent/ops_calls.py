"""Decisions that call the provider: the proxy, deployed actions, synced records, the scripts.

Large answers come back as bounded previews (``preview.bounded``): the whole value when it fits,
else its head, its total size and how to get the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import APIStatusError
from ..workflow.steps import action, proxy
from .core import Toolbox, ToolboxError, decide, missing_connection, ok, unknown_integration
from .ops_setup import pick_connection
from .preview import DEFAULT_MAX_BYTES, PreviewError, bounded

__all__ = ["READ_METHODS", "action_trigger", "proxy_request", "records_list", "scripts_list"]

READ_METHODS = frozenset({"GET", "HEAD"})


def _bounded(value: Any, **options: Any) -> dict[str, Any]:
    try:
        return bounded(value, **options)
    except PreviewError as exc:
        raise ToolboxError(str(exc), usage=True) from None


def _nango_error(body: Any) -> tuple[str | None, str]:
    """The code and message of a Nango error body (``{"error": {"code", "message"}}``)."""
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        return None, ""
    code = error.get("code")
    return (str(code) if code else None), str(error.get("message") or "")


def proxy_request(
    tb: Toolbox,
    *,
    integration_id: str,
    method: str,
    path: str,
    connection_id: str | None = None,
    end_user_id: str | None = None,
    query_params: Mapping[str, Any] | None = None,
    headers: Mapping[str, Any] | None = None,
    body: Any = None,
    base_url_override: str | None = None,
    retries: int | None = None,
    retry_on: list[int] | None = None,
    all_pages: bool = False,
    max_pages: int = 10,
    select: str | None = None,
    save_to: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """``method path`` on the provider's API through Nango's proxy: ``{status, headers, body}``
    (the body bounded), with ``all_pages`` the items of every page (the provider's declared
    pagination); a JSON body is sent as JSON, a string as text."""
    verb = method.upper()
    if verb not in READ_METHODS:
        tb.writing(f"{verb} {path} on the provider")
    call = proxy.ProxyCall(
        method=verb,
        path=path,
        params=dict(query_params or {}),
        json=None if isinstance(body, str) else body,
        content=body if isinstance(body, str) else None,
        headers={str(k): str(v) for k, v in (headers or {}).items()},
        retries=retries,
        retry_on=list(retry_on) if retry_on is not None else None,
        base_url_override=base_url_override,
        paginate=bool(all_pages),
        max_pages=max_pages,
    )

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        ref = pick_connection(tb, gateway, integration_id, connection_id, end_user_id)
        if tb.dry_run:
            request = {
                "method": verb,
                "path": call.path,
                "integration_id": integration_id,
                "connection_id": ref.connection_id,
                "query_params": call.params,
                "headers": call.headers,  # masked with the result (Redactor, CLI and MCP)
                "body": body,
            }
            return {
                "outcome": "dry_run",
                "message": f"would send {verb} {call.path} to the provider",
                "request": request,
            }
        try:
            result = proxy.send(tb.context(gateway, "proxy_request", wait=0), ref, call)
        finally:  # the answer, or an error quoting it, may repeat the connection's key
            tb.learn_credentials(gateway, integration_id, ref.connection_id)
        code, message = _nango_error(result["body"])
        if result["status"] == 404 and code == "unknown_provider_config":
            raise unknown_integration(tb, gateway, integration_id)
        if result["status"] == 400 and message == "Failed to get connection":
            raise missing_connection(tb, gateway, integration_id, ref.connection_id)
        shown = result.get("items") if all_pages else result["body"]
        more = "ask for fewer items (the provider's limit parameter in query_params)"
        preview = _bounded(
            shown, max_bytes=max_bytes, select_path=select, save_to=save_to, more=more
        )
        out = ok(
            status=result["status"],
            headers=result["headers"],
            body=preview.pop("value"),
            connection_id=ref.connection_id,
        )
        if all_pages:
            out["pages"] = result.get("pages")
        return {**out, **preview}

    return decide(run)


def action_trigger(
    tb: Toolbox,
    *,
    integration_id: str,
    action_name: str,
    connection_id: str | None = None,
    end_user_id: str | None = None,
    input: Any = None,
    async_run: bool = False,
    wait: float | None = None,
    select: str | None = None,
    save_to: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Trigger a deployed action: its output (bounded); with ``async_run`` its id, or with
    ``wait`` its output once it has run in the background."""
    tb.writing(f"triggering the action {action_name!r}")

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        ref = pick_connection(tb, gateway, integration_id, connection_id, end_user_id)
        ctx = tb.context(gateway, "action_trigger", wait=0)
        if not action.deployed(ctx, integration_id, action_name):
            names = action.deployed_names(ctx, integration_id)
            raise ToolboxError(
                f"action {action_name!r} is not deployed for integration {integration_id!r} "
                f"(deployed: {', '.join(names) or 'none'}); call the provider with proxy, or "
                "deploy an action through the function API"
            )
        key, cid = ref.provider_config_key, ref.connection_id
        try:
            if async_run and not wait:
                handle = gateway.trigger_action_async(key, cid, action_name, input)
                return ok(connection_id=cid, **handle)
            if async_run:
                output = gateway.trigger_action_and_wait(
                    key, cid, action_name, input, wait or 300.0
                )
            else:
                output = gateway.trigger_action(key, cid, action_name, input)
        except APIStatusError as exc:
            if exc.code != "unknown_connection":
                raise
            raise missing_connection(tb, gateway, integration_id, cid) from None
        finally:  # an action's output may hold the connection's token
            if not (async_run and not wait):
                tb.learn_credentials(gateway, integration_id, cid)
        preview = _bounded(output, max_bytes=max_bytes, select_path=select, save_to=save_to)
        return ok(connection_id=cid, result=preview.pop("value"), **preview)

    return decide(run)


def records_list(
    tb: Toolbox,
    *,
    integration_id: str,
    model: str,
    connection_id: str | None = None,
    end_user_id: str | None = None,
    limit: int = 100,
    cursor: str | None = None,
    modified_after: str | None = None,
    filter: str | None = None,
    variant: str | None = None,
    select: str | None = None,
    save_to: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """One page of the records a sync stored (bounded), and the cursor of the next page."""

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        ref = pick_connection(tb, gateway, integration_id, connection_id, end_user_id)
        query: dict[str, Any] = {
            "provider_config_key": integration_id,
            "connection_id": ref.connection_id,
            "model": model,
            "limit": limit,
        }
        for name, value in (
            ("cursor", cursor),
            ("modified_after", modified_after),
            ("filter", filter),
            ("variant", variant),
        ):
            if value:
                query[name] = value
        try:
            page = gateway.list_records(**query)
        except APIStatusError as exc:  # Nango: 400 unknown_connection
            if exc.status_code != 404 and exc.code != "unknown_connection":
                raise
            raise missing_connection(tb, gateway, integration_id, ref.connection_id) from None
        records = page.get("records") or []
        next_cursor = page.get("next_cursor")
        more = f"pass cursor={next_cursor!r} for the next page, or a smaller limit"
        preview = _bounded(
            records, max_bytes=max_bytes, select_path=select, save_to=save_to, more=more
        )
        return ok(
            connection_id=ref.connection_id,
            records=preview.pop("value"),
            count=len(records),
            next_cursor=next_cursor,
            **preview,
        )

    return decide(run)


_SCRIPT_FIELDS = ("name", "description", "input", "returns", "scopes", "enabled", "version")


def scripts_list(tb: Toolbox, *, integration_id: str | None = None) -> dict[str, Any]:
    """The actions and syncs deployed per integration (what can be called instead of the proxy)."""

    def run() -> dict[str, Any]:
        gateway = tb.gateway()
        if integration_id:
            tb.allow(integration_id)
        entries = tb.allowed(gateway.scripts_config(), lambda e: e.get("providerConfigKey"))
        out = []
        for entry in entries:
            if integration_id and entry.get("providerConfigKey") != integration_id:
                continue
            out.append(
                {
                    "integration_id": entry.get("providerConfigKey"),
                    "provider": entry.get("provider"),
                    "actions": [_script(s) for s in entry.get("actions") or []],
                    "syncs": [
                        {**_script(s), "models": _model_names(s.get("models"))}
                        for s in entry.get("syncs") or []
                    ],
                }
            )
        return ok(scripts=out)

    return decide(run)


def _model_names(models: Any) -> list[Any]:
    return [m.get("name") if isinstance(m, Mapping) else m for m in models or []]


def _script(script: Mapping[str, Any]) -> dict[str, Any]:
    return {name: script.get(name) for name in _SCRIPT_FIELDS if name in script}
