"""Nango's error bodies, raised as `ApiError` from handlers and rendered by one exception handler.

The three families of NANGO_FACTS.md:

- validation: ``{"error": {"code": "invalid_body", "errors": [{"code", "message", "path"}]}}``
- simple: ``{"error": {"code": "not_found", "message": "..."}}`` (message optional)
- with payload: ``{"error": {"message", "code", "payload": {}}}``
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response


class ApiError(Exception):
    """An HTTP error answered with a Nango-shaped JSON body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str | None = None,
        *,
        errors: list[dict[str, Any]] | None = None,
        payload: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message or ''}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.payload = payload
        self.headers = headers

    def body(self) -> dict[str, Any]:
        """The JSON body Nango sends for this error."""
        error: dict[str, Any] = {"code": self.code}
        if self.message is not None:
            error["message"] = self.message
        if self.errors is not None:
            error["errors"] = self.errors
        if self.payload is not None:
            error["payload"] = self.payload
        return {"error": error}

    def response(self) -> Response:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def field_error(path: list[str | int], message: str, code: str = "custom") -> dict[str, Any]:
    """One item of a validation error's ``errors`` list (zod-like, as Nango sends)."""
    return {"code": code, "message": message, "path": list(path)}


def invalid_body(*errors: dict[str, Any]) -> ApiError:
    return ApiError(400, "invalid_body", errors=list(errors))


def invalid_query(*errors: dict[str, Any]) -> ApiError:
    return ApiError(400, "invalid_query_params", errors=list(errors))


def invalid_headers(*errors: dict[str, Any]) -> ApiError:
    return ApiError(400, "invalid_headers", errors=list(errors))


def invalid_uri(*errors: dict[str, Any]) -> ApiError:
    return ApiError(400, "invalid_uri_params", errors=list(errors))


def not_found(message: str | None = None, code: str = "not_found") -> ApiError:
    return ApiError(404, code, message)


async def handle_api_error(request: Request, exc: Exception) -> Response:
    """Starlette exception handler for `ApiError`."""
    assert isinstance(exc, ApiError)
    return exc.response()
