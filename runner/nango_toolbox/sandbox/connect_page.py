"""The connect page: what an end user sees when opening a connect session's ``connect_link``.

``GET /connect/{token}`` shows, for the session's integration (a chooser first when several
are allowed): a form for the API key (API_KEY), a username/password form (BASIC), or a simulated
consent screen with the integration's scopes and an "Authorize" button (OAuth). The forms post to
``POST /connect/{token}/submit``; success creates the connection (tagged with the session's
tags) and uses up the session. Unknown, expired and used links get a clear page.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qsl, quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from . import connect_flow
from .context import SandboxContext
from .errors import ApiError
from .repo import Integration

_STYLE = """
body{font-family:system-ui,sans-serif;background:#f5f6f8;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:48px 16px;padding:32px;border-radius:12px;max-width:420px;width:100%;
box-shadow:0 2px 12px rgba(0,0,0,.08)}h1{font-size:1.3rem}label{display:block;margin:12px 0 4px}
input{width:100%;padding:8px;box-sizing:border-box}button{margin-top:16px;padding:10px 18px;
border:0;border-radius:6px;background:#00b2e3;color:#fff;font-size:1rem;cursor:pointer}
button.secondary{background:#ddd;color:#222}ul{padding-left:20px}.note{color:#666;font-size:.85rem}
"""

_DEAD = {
    "unknown": (404, "This link is not valid", "Ask the application for a new connect link."),
    "expired": (
        410,
        "This link has expired",
        "Connect links are valid for 30 minutes. Ask the application for a new one.",
    ),
    "used": (
        410,
        "This link was already used",
        "A connection was already made with it. Ask the application for a new link to connect again.",
    ),
}


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} - Nango sandbox</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}"
        "<p class='note'>Nango sandbox: no real provider is contacted.</p></main></body></html>"
    )
    return HTMLResponse(html, status_code=status)


def _dead(state: str) -> HTMLResponse:
    status, title, hint = _DEAD[state]
    return _page(title, f"<p id='status' data-state='{state}'>{escape(hint)}</p>", status)


_CONFIG_PREFIX = "connection_config."


def _config_inputs(ctx: SandboxContext, integration: Integration) -> str:
    """An input per connection_config field the provider asks the end user for."""
    inputs = []
    for name, spec in connect_flow.config_fields(ctx, integration).items():
        field = escape(_CONFIG_PREFIX + name)
        label = escape(str(spec.get("title") or name))
        hint = escape(str(spec.get("example") or ""))
        value = escape(str(spec.get("default_value") or ""))
        required = "" if spec.get("optional") else " required"
        inputs.append(
            f"<label for='{field}'>{label}</label>"
            f"<input id='{field}' name='{field}' placeholder='{hint}' value='{value}'{required}>"
        )
    return "".join(inputs)


def _form(
    ctx: SandboxContext, token: str, integration: Integration, session: dict[str, object]
) -> HTMLResponse:
    provider = ctx.catalog.get(integration.provider)
    mode = provider.auth_mode if provider else "API_KEY"
    name = escape(
        integration.display_name or (provider.display_name if provider else integration.provider)
    )
    action = f"/connect/{quote(token)}/submit"
    hidden = f"<input type='hidden' name='integration_id' value='{escape(integration.unique_key)}'>"
    hidden += _config_inputs(ctx, integration)
    if mode == "API_KEY":
        fields = "<label for='apiKey'>API key</label><input id='apiKey' name='apiKey' type='password' required autocomplete='off'>"
        button = "<button type='submit' id='submit'>Connect</button>"
        intro = f"<p>Enter your {name} API key.</p>"
    elif mode == "BASIC":
        fields = (
            "<label for='username'>Username</label><input id='username' name='username' required>"
            "<label for='password'>Password</label><input id='password' name='password' type='password'>"
        )
        button = "<button type='submit' id='submit'>Connect</button>"
        intro = f"<p>Sign in to {name}.</p>"
    else:
        scopes = connect_flow.requested_scopes(ctx, session, integration)
        items = "".join(f"<li>{escape(s)}</li>" for s in scopes) or "<li>basic access</li>"
        fields = ""
        intro = f"<p><strong>Nango sandbox app</strong> wants to access your {name} account:</p><ul id='scopes'>{items}</ul>"
        button = (
            "<button type='submit' id='authorize' name='decision' value='authorize'>Authorize</button> "
            "<button type='submit' id='deny' class='secondary' name='decision' value='deny'>Deny</button>"
        )
    return _page(
        f"Connect to {name}",
        f"{intro}<form method='post' action='{action}'>{hidden}{fields}{button}</form>",
    )


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    async def show(request: Request) -> Response:
        # Nango's links carry the token as ?session_token=; /connect/<token> is kept for old links.
        token = request.path_params.get("token") or request.query_params.get("session_token", "")
        state, session = connect_flow.session_state(ctx, token)
        if state != "ok" or session is None:
            return _dead(state)
        candidates = connect_flow.candidate_integrations(ctx, session)
        chosen = request.query_params.get("integration")
        if chosen is None and len(candidates) == 1:
            chosen = candidates[0].unique_key
        for integration in candidates:
            if integration.unique_key == chosen:
                return _form(ctx, token, integration, session)
        if not candidates:
            return _page(
                "Nothing to connect", "<p>No integration is available for this link.</p>", 400
            )
        links = "".join(
            f"<li><a href='/connect/{quote(token)}?integration={quote(i.unique_key)}'>{escape(i.display_name or i.provider)}</a> ({escape(i.unique_key)})</li>"
            for i in candidates
        )
        return _page("Choose an integration", f"<ul id='integrations'>{links}</ul>")

    async def submit(request: Request) -> Response:
        token = request.path_params["token"]
        form = dict(
            parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
        )
        if form.get("decision") == "deny":
            return _page(
                "Authorization denied",
                "<p id='status' data-state='denied'>No connection was made. You can close this window.</p>",
                403,
            )
        state, _session = connect_flow.session_state(ctx, token)
        if state != "ok":
            return _dead(state)
        given = {k: v for k, v in form.items() if k in ("apiKey", "username", "password") and v}
        try:
            connection = await connect_flow.complete(
                ctx,
                token,
                integration_key=form.get("integration_id") or None,
                given=given,
                connection_config={
                    k.removeprefix(_CONFIG_PREFIX): v
                    for k, v in form.items()
                    if k.startswith(_CONFIG_PREFIX)
                },
            )
        except ApiError as exc:
            return _page(
                "Could not connect",
                f"<p id='status' data-state='error'>{escape(exc.message or exc.code)}</p>",
                exc.status,
            )
        return _page(
            "Connected",
            f"<p id='status' data-state='connected'>Your account is connected. You can close this window.</p>"
            f"<p class='note'>Connection id: <code id='connection-id'>{escape(connection.connection_id)}</code></p>",
        )

    return [
        Route("/connect", show, methods=["GET"]),
        Route("/connect/{token}", show, methods=["GET"]),
        Route("/connect/{token}/submit", submit, methods=["POST"]),
    ]
