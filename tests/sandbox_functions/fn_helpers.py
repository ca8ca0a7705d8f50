"""Helpers of the sandbox-functions tests: connections, unique names, polling."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

SAMPLE_FUNCTIONS = str(Path(__file__).with_name("sample_functions.py"))


def unique(prefix: str = "t") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def wait_for(check: Callable[[], Any], timeout: float = 15.0) -> Any:
    """Poll ``check`` until it returns a truthy value (background runs); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s: last value {value!r}")
        time.sleep(0.05)


@dataclass
class Conn:
    """An integration and one connection of it, with the headers naming the connection."""

    provider_config_key: str
    connection_id: str

    @property
    def headers(self) -> dict[str, str]:
        return {
            "Connection-Id": self.connection_id,
            "Provider-Config-Key": self.provider_config_key,
        }


def make_connection(
    http: httpx.Client,
    provider: str = "sendgrid",
    *,
    unique_key: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Conn:
    """Create an integration (unless it exists) and an API-key connection of it."""
    key = unique_key or unique(provider)
    if http.get(f"/integrations/{key}").status_code == 404:
        body: dict[str, Any] = {"unique_key": key, "provider": provider}
        if provider != "sendgrid":
            body["credentials"] = {"type": "OAUTH2", "client_id": "id", "client_secret": "secret"}
        response = http.post("/integrations", json=body)
        assert response.status_code == 200, response.text
    connection_id = unique("conn")
    credentials = (
        {"type": "API_KEY", "apiKey": "sk_test_123"}
        if provider == "sendgrid"
        else {"type": "OAUTH2", "access_token": "tok_123"}
    )
    body = {
        "provider_config_key": key,
        "connection_id": connection_id,
        "credentials": credentials,
    }
    if metadata is not None:
        body["metadata"] = metadata
    response = http.post("/connections", json=body)
    assert response.status_code == 201, response.text
    return Conn(key, connection_id)
