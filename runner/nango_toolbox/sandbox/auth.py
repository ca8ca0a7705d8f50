"""Authentication of API calls: the secret key, or a connect-session token where Nango allows one."""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from . import clock
from .environments import Environments
from .errors import ApiError
from .state import Store, loads

SESSION_TOKEN_PREFIX = "nango_connect_session_"
_SESSION_TOKEN = re.compile(r"^nango_connect_session_[0-9a-f]{64}$")


def new_session_token() -> str:
    return SESSION_TOKEN_PREFIX + secrets.token_hex(32)


def is_session_token(value: str) -> bool:
    return bool(_SESSION_TOKEN.match(value))


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Caller:
    """Who made a request: the account (secret key) or a connect session (its stored data).

    ``account_scope``: the key may make account-level calls (the sandbox's own secret key);
    keys created through the API have the ``environment:*`` scope only.
    """

    session_token: str | None = None
    session: dict[str, Any] | None = None
    account_scope: bool = False


_MESSAGES = {
    "missing_auth_header": "Authentication failed. The request is missing the Authorization header.",
    "malformed_auth_header": "Authentication failed. The Authorization header is malformed.",
    "unknown_account": "Authentication failed. The provided authorization header does not match any account.",
    "invalid_secret_key_format": "Authentication failed. The provided secret key is not a UUID v4.",
    "invalid_connect_session_token_format": "Authentication failed. The provided connect session token is not following correct format: nango_connect_session_RANDOM)",
    "unknown_connect_session_token": "Authentication failed. The provided connect session token does not match any account.",
}


def auth_error(code: str) -> ApiError:
    """A 401 with Nango's message for ``code`` and an empty payload, as Nango answers."""
    return ApiError(401, code, _MESSAGES[code], payload={})


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization")
    if not header:
        raise auth_error("missing_auth_header")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise auth_error("malformed_auth_header")
    return value.strip()


class Authenticator:
    """Checks `Authorization: Bearer ...` against the secret key, API keys and connect sessions."""

    def __init__(self, secret_key: str, store: Store) -> None:
        self._secret_key = secret_key
        self._store = store
        self.environments = Environments(store)

    def session(self, token: str) -> dict[str, Any] | None:
        """A live (unexpired) connect session's stored data, or None."""
        row = self._store.query_one(
            "SELECT data, expires_at FROM connect_sessions WHERE token = ?", (token,)
        )
        if row is None or clock.parse_iso(row["expires_at"]) < clock.now():
            return None
        data: dict[str, Any] = loads(row["data"])
        return data

    def require(self, request: Request, *, session_token: bool = False) -> Caller:
        """The secret key (or, with ``session_token=True``, a connect-session token too)."""
        value = _bearer(request)
        if session_token and value.startswith(SESSION_TOKEN_PREFIX):
            return self._session_caller(value)
        if not is_uuid(value):
            raise auth_error("invalid_secret_key_format")
        if secrets.compare_digest(value, self._secret_key):
            return Caller(account_scope=True)
        if not self.environments.use_key(value):
            raise auth_error("unknown_account")
        return Caller()

    def require_account_scope(self, request: Request, scope: str) -> Caller:
        """The sandbox's own secret key (an account key); a key made through the API gets
        Nango's 403 naming ``scope``."""
        caller = self.require(request)
        if not caller.account_scope:
            raise ApiError(403, "forbidden", f"Insufficient scope. Required: {scope}")
        return caller

    def require_session(self, request: Request) -> Caller:
        """Only a connect-session token (GET/DELETE /connect/session)."""
        value = _bearer(request)
        if not is_session_token(value):
            raise auth_error("invalid_connect_session_token_format")
        return self._session_caller(value)

    def _session_caller(self, token: str) -> Caller:
        if not is_session_token(token):
            raise auth_error("invalid_connect_session_token_format")
        data = self.session(token)
        if data is None:
            raise auth_error("unknown_connect_session_token")
        return Caller(session_token=token, session=data)
