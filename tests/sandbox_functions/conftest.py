"""Fixtures of the sandbox-functions tests: a sandbox with `sample_functions` deployed."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from spec_conformance import check_response

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


@pytest.fixture(scope="session")
def fn_sandbox(fake_provider_server: RecordingProvider) -> Iterator[Sandbox]:
    """A sandbox with the sample functions, stripe pointed at the recording fake provider."""
    with Sandbox(
        functions=SAMPLE_FUNCTIONS,
        provider_base_urls={"stripe": fake_provider_server.url},
        retry_base_delay=0.01,
    ) as sb:
        yield sb


@pytest.fixture
def client(fn_sandbox: Sandbox) -> Iterator[httpx.Client]:
    """httpx with the secret key; every JSON answer on a spec path is checked against the spec."""
    with httpx.Client(
        base_url=fn_sandbox.base_url,
        headers={"Authorization": f"Bearer {fn_sandbox.secret_key}"},
        timeout=60,
        event_hooks={"response": [check_response]},
    ) as http:
        yield http


@pytest.fixture
def raw_client(fn_sandbox: Sandbox) -> Iterator[httpx.Client]:
    """httpx with the secret key and no spec check (for bulk traffic)."""
    with httpx.Client(
        base_url=fn_sandbox.base_url,
        headers={"Authorization": f"Bearer {fn_sandbox.secret_key}"},
        timeout=120,
    ) as http:
        yield http


def make_connection(
    http: httpx.Client,
    provider: str = "stripe",
    *,
    unique_key: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Conn:
    """Create an integration (unless it exists) and an API-key connection of it."""
    key = unique_key or unique(provider)
    if http.get(f"/integrations/{key}").status_code == 404:
        body: dict[str, Any] = {"unique_key": key, "provider": provider}
        if provider != "stripe":
            body["credentials"] = {"type": "OAUTH2", "client_id": "id", "client_secret": "secret"}
        response = http.post("/integrations", json=body)
        assert response.status_code == 200, response.text
    connection_id = unique("conn")
    credentials = (
        {"type": "API_KEY", "apiKey": "sk_test_123"}
        if provider == "stripe"
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


@pytest.fixture
def conn(client: httpx.Client) -> Conn:
    """A fresh stripe integration and connection."""
    return make_connection(client)
