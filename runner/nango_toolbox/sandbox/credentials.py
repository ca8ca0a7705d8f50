"""Connection credentials per auth mode: issuing and refreshing simulated OAuth tokens, API shape."""

from __future__ import annotations

import secrets
from typing import Any

from . import clock

TOKEN_LIFETIME_SECONDS = 3600


def issue_oauth2(scopes: list[str], *, kind: str = "OAUTH2") -> dict[str, Any]:
    """Fresh simulated OAuth2 tokens, granted ``scopes`` recorded in ``raw.scope`` like providers do."""
    access = "sbx_at_" + secrets.token_hex(16)
    expires_at = clock.in_seconds(TOKEN_LIFETIME_SECONDS)
    credentials: dict[str, Any] = {
        "type": kind,
        "access_token": access,
        "expires_at": expires_at,
        "raw": {
            "access_token": access,
            "token_type": "bearer",
            "expires_in": TOKEN_LIFETIME_SECONDS,
            "scope": ",".join(scopes),
        },
    }
    if kind == "OAUTH2_CC":
        credentials["token"] = credentials.pop("access_token")
    if kind == "OAUTH2":
        refresh = "sbx_rt_" + secrets.token_hex(16)
        credentials["refresh_token"] = refresh
        credentials["raw"]["refresh_token"] = refresh
    return credentials


def refreshed(credentials: dict[str, Any]) -> dict[str, Any]:
    """New access token and expiry; the refresh token and granted scopes are kept."""
    scope = str((credentials.get("raw") or {}).get("scope") or "")
    new = issue_oauth2([s for s in scope.split(",") if s], kind=str(credentials.get("type")))
    if credentials.get("refresh_token"):
        new["refresh_token"] = credentials["refresh_token"]
        new["raw"]["refresh_token"] = credentials["refresh_token"]
    return new


def is_expired(credentials: dict[str, Any], *, margin_seconds: float = 15 * 60) -> bool:
    """OAuth tokens expiring within the margin count as expired (Nango refreshes ahead)."""
    if credentials.get("type") not in ("OAUTH2", "OAUTH2_CC", "APP"):
        return False
    expires_at = credentials.get("expires_at")
    if not expires_at:
        return False
    remaining = (clock.parse_iso(str(expires_at)) - clock.now()).total_seconds()
    return remaining < margin_seconds


def to_api(credentials: dict[str, Any], *, include_refresh_token: bool) -> dict[str, Any]:
    """The ``credentials`` object of ``GET /connections/{id}``."""
    data = dict(credentials)
    if not include_refresh_token:
        data.pop("refresh_token", None)
        if isinstance(data.get("raw"), dict):
            data["raw"] = {k: v for k, v in data["raw"].items() if k != "refresh_token"}
    return data
