"""Factories for sandbox tests: unique integrations and connections on the shared sandbox."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sandbox_testing import unique

OAUTH = {"type": "OAUTH2", "client_id": "cid", "client_secret": "csecret", "scopes": "repo,user"}

MakeIntegration = Callable[..., str]
MakeConnection = Callable[..., str]


@pytest.fixture
def make_integration(sandbox_client: httpx.Client) -> MakeIntegration:
    """Create an integration with a unique key; returns the key."""

    def make(provider: str = "github", **fields: Any) -> str:
        key = unique(provider)
        body: dict[str, Any] = {"unique_key": key, "provider": provider, **fields}
        if "credentials" not in fields and provider in {
            "github",
            "slack",
            "hubspot",
            "notion",
            "linear",
        }:
            body["credentials"] = OAUTH
        response = sandbox_client.post("/integrations", json=body)
        assert response.status_code == 200, response.text
        return key

    return make


@pytest.fixture
def make_connection(sandbox_client: httpx.Client) -> MakeConnection:
    """Import a connection into an integration; returns its connection_id."""

    def make(provider_config_key: str, credentials: dict[str, Any], **fields: Any) -> str:
        body = {
            "provider_config_key": provider_config_key,
            "connection_id": fields.pop("connection_id", unique("conn")),
            "credentials": credentials,
            **fields,
        }
        response = sandbox_client.post("/connections", json=body)
        assert response.status_code == 201, response.text
        return str(response.json()["connection_id"])

    return make
