"""repr() and str() of clients, results and errors never show a secret.

Connections holding every kind of credential, an integration with a client secret and a new
environment API key are read back through Nango and AsyncNango; every object is rendered and
handed to the secret guard, and checked here as well.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
import secret_guard
from nango_toolbox import AsyncNango, Nango, NangoError
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.environments import CURRENT_ID
from recording_provider import RecordingProvider

pytestmark = pytest.mark.reliability


def _secret(kind: str) -> str:
    return f"rel-repr-{kind}-{uuid.uuid4().hex[:12]}"


class World:
    """Integrations and connections with credentials in the session sandbox."""

    def __init__(self, client: httpx.Client) -> None:
        self.secrets = {
            "client secret": _secret("client-secret"),
            "API key": _secret("api-key"),
            "access token": _secret("access-token"),
            "refresh token": _secret("refresh-token"),
            "password": _secret("password"),
        }
        tag = uuid.uuid4().hex[:8]
        self.github = f"gh-{tag}"
        self.keys = {"API_KEY": f"sg-{tag}", "OAUTH2": f"hs-{tag}", "BASIC": f"fd-{tag}"}
        credentials = {
            "type": "OAUTH2",
            "client_id": "cid",
            "client_secret": self.secrets["client secret"],
        }
        _ok(
            client.post(
                "/integrations",
                json={"provider": "github", "unique_key": self.github, "credentials": credentials},
            )
        )
        connection_credentials = {
            "API_KEY": {"type": "API_KEY", "apiKey": self.secrets["API key"]},
            "OAUTH2": {
                "type": "OAUTH2",
                "access_token": self.secrets["access token"],
                "refresh_token": self.secrets["refresh token"],
            },
            "BASIC": {"type": "BASIC", "username": "user", "password": self.secrets["password"]},
        }
        providers = [("API_KEY", "sendgrid"), ("OAUTH2", "hubspot"), ("BASIC", "freshdesk")]
        for kind, provider in providers:
            key = self.keys[kind]
            body: dict[str, Any] = {"provider": provider, "unique_key": key}
            if kind == "OAUTH2":
                body["credentials"] = credentials
            _ok(client.post("/integrations", json=body))
            _ok(
                client.post(
                    "/connections",
                    json={
                        "provider_config_key": key,
                        "connection_id": "c1",
                        "credentials": connection_credentials[kind],
                    },
                )
            )


def _ok(response: httpx.Response) -> None:
    assert response.status_code < 300, response.text


@pytest.fixture
def world(sandbox_client: httpx.Client, fake_provider: RecordingProvider) -> World:
    return World(sandbox_client)


def _render(rendered: list[str], *objects: Any) -> None:
    for obj in objects:
        rendered += [repr(obj), str(obj)]


def _sync_objects(sandbox: Sandbox, world: World) -> tuple[list[str], list[str]]:
    """Renderings of everything a sync client gives back, and the secrets it could show."""
    rendered: list[str] = []
    extra: list[str] = []
    with Nango(sandbox.secret_key, sandbox.base_url) as nango:
        _render(rendered, nango, nango._settings)
        for key in world.keys.values():
            _render(rendered, nango.get_connection(key, "c1"))
            _render(rendered, nango.list_connections(integration_id=key))
        _render(rendered, nango.get_integration(world.github, include=["credentials"]))
        _render(rendered, nango.list_integrations())
        created = nango.create_api_key(CURRENT_ID, display_name=f"rel-{uuid.uuid4().hex[:8]}")
        extra.append(created.secret)
        _render(rendered, created)
        _render(rendered, nango.get("/v3/ok", **_conn(world)))
        with pytest.raises(NangoError) as missing:
            nango.get_connection(world.keys["API_KEY"], "nope")
        _render(rendered, missing.value)
    with Nango("rel-repr-wrong-secret-key", sandbox.base_url) as wrong:
        with pytest.raises(NangoError) as refused:
            wrong.list_integrations()
        _render(rendered, refused.value, wrong)
    extra.append("rel-repr-wrong-secret-key")
    return rendered, extra


def _conn(world: World) -> dict[str, str]:
    return {"provider_config_key": world.keys["API_KEY"], "connection_id": "c1"}


async def _async_objects(sandbox: Sandbox, world: World) -> list[str]:
    rendered: list[str] = []
    async with AsyncNango(sandbox.secret_key, sandbox.base_url) as nango:
        _render(rendered, nango)
        for key in world.keys.values():
            _render(rendered, await nango.get_connection(key, "c1"))
        _render(rendered, await nango.get_integration(world.github, include=["credentials"]))
        _render(rendered, await nango.get("/v3/ok", **_conn(world)))
    return rendered


async def test_reprs_of_clients_results_and_errors_hold_no_secret(
    sandbox: Sandbox, world: World
) -> None:
    """Clients, connections (API key, OAuth2, basic), integrations with a client secret, new
    API keys, proxy responses and errors render without any of their secrets."""
    rendered, extra = _sync_objects(sandbox, world)
    rendered += await _async_objects(sandbox, world)
    secrets = [*world.secrets.values(), *extra, sandbox.secret_key]
    for text in rendered:
        secret_guard.collect("repr()/str() of an SDK object", text)
    shown = sorted(
        {
            f"{text.split('(', 1)[0]}: {secret[:12]}..."
            for text in rendered
            for secret in secrets
            if secret in text
        }
    )
    assert shown == []
    assert len(rendered) >= 40
    # The renderings are about the right objects: their credentials are masked, not missing.
    assert any("apiKey" in t or "api_key" in t for t in rendered)
    assert any("'***'" in t for t in rendered)


def test_redacted_repr_masks_credential_fields_and_nested_data() -> None:
    """_redact.redacted_repr masks credential fields, credential keys in dicts and additional
    properties, and keeps every other field as attrs shows it."""
    import datetime

    from nango_client.models import ApiKeyCredentials, CreatedApiKey
    from nango_toolbox._redact import redacted_repr

    created = CreatedApiKey(
        id=7,
        display_name="ci",
        scopes=["environment:*"],
        secret="rel-unit-api-key-0a1b2c3d",
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    created.additional_properties = {"raw": {"refresh_token": "rel-unit-refresh-99"}, "n": 1}
    text = redacted_repr(created)
    assert text.startswith("CreatedApiKey(id=7, display_name='ci', ")
    assert "secret='***'" in text
    assert "{'raw': {'refresh_token': '***'}, 'n': 1}" in text
    assert "rel-unit" not in text
    assert redacted_repr(ApiKeyCredentials(type_="API_KEY", api_key="rel-unit-key-77")) == (
        "ApiKeyCredentials(type_='API_KEY', api_key='***', additional_properties={})"
    )
