"""doctor: probe the configured Nango server and say, in one table, what works and what does not.

Checks, in order: the server answers and the secret key is valid (``GET /integrations``), the
provider catalog (``GET /providers``), deployed scripts (``GET /scripts/config``), the function
API (``GET /integrations/{key}/functions``, newer servers), Nango's per-connection MCP endpoint
(``/mcp``), and the host of connect links (a connect session is created and deleted at once, so
that the link end users will get is shown; skipped in read-only and dry-run sessions).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from .._errors import APIConnectionError, APIStatusError, NangoError
from ..workflow.plain import to_plain
from .core import Toolbox, ok

__all__ = ["doctor"]


def _check(name: str, ok_: bool | None, detail: str) -> dict[str, Any]:
    return {"check": name, "ok": ok_, "detail": detail}


def _probe(name: str, call: Callable[[], str], absent: str = "") -> dict[str, Any]:
    """``call``'s answer as a passed check; a 404 says the server lacks it (``absent`` adds
    what to do instead), another error is the failed check's detail."""
    try:
        return _check(name, True, call())
    except APIStatusError as exc:
        if exc.status_code == 404:
            instead = f": {absent}" if absent else ""
            return _check(
                name, False, f"not on this server (404 on {exc.method} {exc.path}){instead}"
            )
        return _check(name, False, str(exc))
    except NangoError as exc:
        return _check(name, False, str(exc))


def doctor(tb: Toolbox) -> dict[str, Any]:
    """One row per check: ``{check, ok (true, false or null when not checked), detail}``."""
    client = tb.client
    base_url = str(getattr(getattr(client, "_settings", None), "base_url", ""))
    checks = [_check("server", True, base_url)] if base_url else []
    try:
        integrations = to_plain(client.list_integrations())
    except APIConnectionError as exc:
        checks.append(_check("reachable", False, str(exc)))
        return ok(checks=checks, working=False)
    except NangoError as exc:
        checks.append(_check("secret key", False, str(exc)))
        return ok(checks=checks, working=False)
    keys = [str(i.get("unique_key")) for i in tb.allowed(integrations, lambda i: i["unique_key"])]
    checks.append(_check("secret key", True, f"valid; {len(keys)} integration(s)"))
    checks.append(
        _probe(
            "providers",
            lambda: f"{len(client.list_providers())} providers in the catalog",
        )
    )
    checks.append(
        _probe(
            "deployed scripts",
            lambda: f"scripts deployed for {len(client.get_scripts_config())} integration(s)",
        )
    )
    if keys:

        def functions() -> str:
            client.list_functions(keys[0], limit=1)
            return "present: deploy an action through it when none fits"

        absent = "deploy actions with the Nango CLI instead"
        checks.append(_probe("function API", functions, absent))
    else:
        checks.append(_check("function API", None, "not checked: no integration yet"))
    checks.append(_mcp_check(client, base_url))
    checks.append(_connect_check(tb, keys))
    return ok(checks=checks, working=True)  # the server answers and takes the key


def _mcp_check(client: Any, base_url: str) -> dict[str, Any]:
    import httpx

    secret_key = getattr(getattr(client, "_settings", None), "secret_key", None)
    if not base_url or not secret_key:
        return _check("Nango MCP (/mcp)", None, "not checked")
    try:
        response = httpx.get(
            f"{base_url}/mcp", headers={"Authorization": f"Bearer {secret_key}"}, timeout=10
        )
    except httpx.HTTPError as exc:
        return _check("Nango MCP (/mcp)", False, f"no answer ({type(exc).__name__})")
    if response.status_code == 404:
        return _check(
            "Nango MCP (/mcp)",
            False,
            "not on this server; nango-toolbox mcp serves the same tools and more",
        )
    return _check("Nango MCP (/mcp)", True, f"present (GET /mcp answered {response.status_code})")


def _connect_check(tb: Toolbox, keys: list[str]) -> dict[str, Any]:
    name = "connect links"
    if tb.read_only or tb.dry_run:
        return _check(name, None, "not checked in a read-only or dry-run session")
    if not keys:
        return _check(name, None, "not checked: no integration yet")
    try:
        session = to_plain(
            tb.client.create_connect_session(
                tags={"end_user_id": "nango-toolbox-doctor"}, allowed_integrations=[keys[0]]
            )
        )
    except NangoError as exc:
        return _check(name, False, str(exc))
    with contextlib.suppress(NangoError):  # else it expires by itself within 30 minutes
        tb.client.delete_connect_session(str(session.get("token")))
    link = str(session.get("connect_link") or "")
    host = urlsplit(link).netloc
    local = host.split(":")[0] in ("localhost", "127.0.0.1", "::1", "[::1]")
    note = " (a local address: end users elsewhere cannot open it)" if local else ""
    return _check(name, True, f"end users are sent to {host}{note}")
