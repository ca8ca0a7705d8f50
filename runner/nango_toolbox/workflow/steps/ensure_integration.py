"""ensure_integration: get the integration, or create it when it is absent and can be created.

Runs racing on the same unique key (several runners at once) all succeed: the one whose create
wins reports ``created: true``; the others get Nango's 400 "Unique key already exists", read the
integration again and go on with it (``created: false``) when its provider is the one asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..._errors import BadRequestError, NotFoundError
from ..errors import AppCredentialsNeeded, ExpressionError, StepFailed
from ..gateway import Gateway
from ..runtime import Args, StepContext

__all__ = ["AppCredentials", "ensure", "run"]

# Auth modes whose integration needs the developer's own app (client id and secret).
_NEEDS_APP = frozenset({"OAUTH1", "OAUTH2"})


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs the integration: unique_key, provider, display_name, auth_mode, created."""
    provider = args.require_string("provider")
    unique_key = args.string("unique_key") or provider

    def app(auth_mode: str) -> AppCredentials | None:  # read only when an app is needed
        credentials = args.child("credentials")
        if credentials is None:
            return None
        try:
            return AppCredentials(
                credentials.string("client_id"),
                credentials.string("client_secret"),
                credentials.string_list("scopes"),
            )
        except ExpressionError as exc:
            raise StepFailed(f"{_app_hint(provider, unique_key, auth_mode)} ({exc})") from None

    return ensure(
        ctx.gateway,
        provider=provider,
        unique_key=unique_key,
        display_name=args.string("display_name"),
        app=app,
    )


@dataclass(frozen=True)
class AppCredentials:
    """The developer's own OAuth app, for providers whose integration needs one."""

    client_id: str | None
    client_secret: str | None
    scopes: list[str] = field(default_factory=list)


def ensure(
    gateway: Gateway,
    *,
    provider: str,
    unique_key: str,
    display_name: str | None = None,
    app: AppCredentials | Callable[[str], AppCredentials | None] | None = None,
) -> dict[str, Any]:
    """The integration ``unique_key``, created when absent (AppCredentialsNeeded when its OAuth
    provider needs an app and none was given; StepFailed for an unknown provider). ``app`` may
    be a function of the auth mode, called only when the provider needs an app."""
    existing = gateway.get_integration(unique_key)
    if existing is not None:
        _check_provider(existing, unique_key, provider)
        # Nango's integration has no auth mode: its provider has (one more read, cached).
        return _outputs(existing, auth_mode=_auth_mode_of(gateway, provider), created=False)
    try:
        info = gateway.get_provider(provider)
    except NotFoundError as exc:
        if exc.code is None:  # not Nango's JSON: not an answer about the provider
            raise
        _check_nango_api_root(gateway)
        raise StepFailed(
            f"unknown provider {provider!r}; see the provider names at "
            "https://nango.dev/docs/integrations/overview (or GET /providers)"
        ) from None
    auth_mode = str(info.get("auth_mode") or "")
    fields: dict[str, Any] = {"provider": provider, "unique_key": unique_key}
    if display_name:
        fields["display_name"] = display_name
    if auth_mode in _NEEDS_APP:
        given = app(auth_mode) if callable(app) else app
        fields["credentials"] = _app_credentials(given, provider, unique_key, auth_mode)
    try:
        created = gateway.create_integration(**fields)
    except BadRequestError as exc:
        if not _unique_key_taken(exc):
            raise
        # Another run created it between our read and our create: use theirs.
        gateway.forget("integration", unique_key)
        existing = gateway.get_integration(unique_key)
        if existing is None:
            raise StepFailed(
                f"integration {unique_key!r} was reported as existing by POST /integrations "
                f"but GET /integrations/{unique_key} does not find it (deleted since?); run again"
            ) from None
        _check_provider(existing, unique_key, provider)
        return _outputs(existing, auth_mode=auth_mode, created=False)
    return _outputs(created, auth_mode=auth_mode, created=True)


def _auth_mode_of(gateway: Gateway, provider: str) -> str | None:
    try:
        mode = gateway.get_provider(provider).get("auth_mode")
    except NotFoundError:  # a provider this server no longer lists: the integration still works
        return None
    return str(mode) if mode else None


def _check_nango_api_root(gateway: Gateway) -> None:
    """Before calling a provider unknown: a server URL with a wrong path (``http://host/api``)
    answers 404 to every route, so GET /integrations, which every Nango has, must work."""
    try:
        gateway.list_integrations()
    except NotFoundError as exc:
        raise StepFailed(
            f"the server at {gateway.server_url} does not answer Nango's API routes "
            f"(GET /integrations: {exc.status_code} {exc.message}); check --server-url or "
            "NANGO_SERVER_URL: it must be the root of the Nango API, e.g. http://localhost:3003 "
            "or https://api.nango.dev, without a path Nango does not serve"
        ) from None


def _check_provider(existing: dict[str, Any], unique_key: str, provider: str) -> None:
    if existing.get("provider") != provider:
        raise StepFailed(
            f"integration {unique_key!r} exists for provider {existing.get('provider')!r}, "
            f"not {provider!r}; set unique_key to another name"
        )


def _unique_key_taken(exc: BadRequestError) -> bool:
    """Nango's answer to a create whose unique key exists: 400 invalid_body, "uniqueKey: Unique
    key already exists" (the SDK's message lists validation errors as ``path: message``)."""
    return exc.code == "invalid_body" and "unique key already exists" in exc.message.lower()


def _app_hint(provider: str, unique_key: str, auth_mode: str) -> str:
    return (
        f"integration {unique_key!r} does not exist and {provider} uses {auth_mode}: create an "
        f"OAuth app at {provider} (callback URL https://api.nango.dev/oauth/callback, or your "
        "Nango server's /oauth/callback) and pass its client id and secret in "
        "ensure_integration.credentials (e.g. from ${{ env.X }}), or create the integration in "
        "the Nango dashboard, using Nango's developer app where the provider offers one"
    )


def _app_credentials(
    app: AppCredentials | None, provider: str, unique_key: str, auth_mode: str
) -> dict[str, Any]:
    if app is None or not app.client_id or not app.client_secret:
        raise AppCredentialsNeeded(
            _app_hint(provider, unique_key, auth_mode), provider=provider, auth_mode=auth_mode
        )
    result: dict[str, Any] = {
        "type": auth_mode,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }
    if app.scopes:
        result["scopes"] = ",".join(app.scopes)
    return result


def _outputs(
    integration: dict[str, Any], *, auth_mode: str | None, created: bool
) -> dict[str, Any]:
    return {
        "unique_key": integration.get("unique_key"),
        "provider": integration.get("provider"),
        "display_name": integration.get("display_name"),
        "auth_mode": auth_mode,
        "created": created,
    }
