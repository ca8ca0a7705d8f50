"""The fields of issue 15 through Nango and AsyncNango: what they send, and what the sandbox
does with them."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from nango_toolbox import AsyncNango, BadRequestError, InternalServerError, Nango, NotFoundError
from sdk_support import unique

SECRET = "6a1f0b9e-3c1d-4b7a-9a55-2f3f6c0d8e11"
APP = {
    "type": "APP",
    "app_id": "123",
    "app_link": "https://github.com/apps/x",
    "private_key": "pem",
}
NOWHERE = "http://127.0.0.1:9/hooks"  # the discard port: deliveries fail, and are logged


class Recorder:
    """A MockTransport that keeps every request and answers ``answer``."""

    def __init__(self, answer: Any) -> None:
        self.requests: list[httpx.Request] = []
        self.answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json=self.answer)

    def body(self) -> Any:
        return json.loads(self.requests[-1].content)


@pytest.fixture
def wire() -> Iterator[tuple[Nango, Recorder]]:
    recorder = Recorder({"success": True})
    with (
        httpx.Client(transport=httpx.MockTransport(recorder)) as http,
        Nango(SECRET, "http://nango.test", http_client=http) as nango,
    ):
        yield nango, recorder


def test_new_fields_travel_as_nango_names_them(wire: tuple[Nango, Recorder]) -> None:
    """reset/empty_cache become opts {reset, emptyCache}; the proxy sends
    Forward-Headers-On-Redirect; get_connection sends refresh_github_app_jwt_token."""
    nango, recorder = wire
    nango.trigger_sync("gh", syncs=["issues"], reset=True, empty_cache=True)
    assert recorder.body() == {
        "provider_config_key": "gh",
        "syncs": ["issues"],
        "opts": {"reset": True, "emptyCache": True},
    }
    nango.get(
        "/user", provider_config_key="gh", connection_id="c", forward_headers_on_redirect=False
    )
    assert recorder.requests[-1].headers["Forward-Headers-On-Redirect"] == "false"
    recorder.answer = {
        "id": 1,
        "connection_id": "c",
        "provider_config_key": "gh",
        "provider": "github-app",
        "credentials": {"type": "APP", "access_token": "t"},
    }
    assert nango.get_connection("gh", "c", refresh_github_app_jwt_token=True).id == 1
    assert recorder.requests[-1].url.params["refresh_github_app_jwt_token"] == "true"


def test_mixing_opts_and_sync_mode_is_refused_before_sending(wire: tuple[Nango, Recorder]) -> None:
    """reset=/empty_cache= with the older sync_mode= is a one-line ValueError, nothing is sent."""
    nango, recorder = wire
    with pytest.raises(ValueError, match=r"^trigger_sync: pass reset=/empty_cache= or the older"):
        nango.trigger_sync("gh", syncs=["issues"], reset=True, sync_mode="full_refresh")
    assert recorder.requests == []


def test_integration_credentials_are_checked_by_type(nango: Nango) -> None:
    """Credentials must name a known type and carry that type's fields; integration_config is
    checked by the server against the provider's schema."""
    with pytest.raises(
        ValueError, match=r"^create_integration: credentials must be a mapping whose type"
    ):
        nango.create_integration(
            provider="github", unique_key=unique("g"), credentials={"type": "X"}
        )
    with pytest.raises(ValueError, match=r"missing field 'client_secret'"):
        nango.create_integration(
            provider="github",
            unique_key=unique("g"),
            credentials={"type": "OAUTH2", "client_id": "i"},
        )
    with pytest.raises(
        BadRequestError, match="This provider does not accept integration configuration"
    ):
        nango.create_integration(
            provider="sendgrid", unique_key=unique("s"), integration_config={"keyName": "x"}
        )


def test_webhook_url_override_on_import_and_patch(
    nango: Nango, sandbox_client: httpx.Client
) -> None:
    """An imported connection keeps its webhook_url_override, its auth webhook goes there only,
    and patch_connection changes or clears it."""
    key, connection_id = unique("sg"), unique("c")
    nango.create_integration(provider="sendgrid", unique_key=key)
    sandbox_client.delete("/_sandbox/webhooks")
    imported = nango.import_connection(
        key,
        connection_id=connection_id,
        credentials={"type": "API_KEY", "apiKey": "sk_x"},
        webhook_url_override=NOWHERE,
    )
    assert imported.webhook_url_override == NOWHERE

    def delivered() -> list[str]:
        deliveries = sandbox_client.get("/_sandbox/webhooks").json()["deliveries"]
        return [d["url"] for d in deliveries if d["type"] == "auth"]

    for _ in range(200):  # the auth webhook is sent in the background
        if delivered():
            break
        time.sleep(0.05)
    assert delivered() == [NOWHERE]
    nango.patch_connection(key, connection_id, webhook_url_override="https://example.com/h")
    assert nango.get_connection(key, connection_id).webhook_url_override == "https://example.com/h"
    nango.patch_connection(key, connection_id, webhook_url_override="")
    assert nango.get_connection(key, connection_id).webhook_url_override is None


def test_connect_session_carries_webhook_url_override(
    nango: Nango, sandbox_client: httpx.Client
) -> None:
    """A connection made through a session with webhook_url_override has it; a reconnect
    session can set a new one."""
    key = unique("oa")
    nango.create_integration(provider="openai", unique_key=key)
    session = nango.create_connect_session(
        tags={"end_user_id": "u1"}, allowed_integrations=[key], webhook_url_override=NOWHERE
    )
    made = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": session.token, "credentials": {"apiKey": "sk"}}
    ).json()
    assert nango.get_connection(key, made["connection_id"]).webhook_url_override == NOWHERE
    again = nango.create_reconnect_session(
        connection_id=made["connection_id"],
        integration_id=key,
        webhook_url_override="https://e.x/h",
    )
    sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": again.token, "credentials": {"apiKey": "sk2"}}
    )
    assert nango.get_connection(key, made["connection_id"]).webhook_url_override == "https://e.x/h"


def test_github_app_import(nango: Nango) -> None:
    """A GitHub App connection is imported from app_id and installation_id: Nango makes its
    installation token and keeps the ids in connection_config."""
    key, connection_id = unique("ghapp"), unique("c")
    nango.create_integration(provider="github-app", unique_key=key, credentials=APP)
    imported = nango.import_connection(
        key,
        connection_id=connection_id,
        credentials={"type": "APP", "app_id": "123", "installation_id": "456"},
    )
    credentials = imported.credentials.to_dict()
    assert credentials["type"] == "APP" and credentials["access_token"].startswith("sbx_at_")
    assert imported.connection_config.to_dict() == {"app_id": "123", "installation_id": "456"}
    user = nango.get("/user", provider_config_key=key, connection_id=connection_id).body
    assert user["login"] == "sandbox-user"
    bare = unique("ghapp")
    nango.create_integration(
        provider="github-app", unique_key=bare, credentials={**APP, "private_key": ""}
    )
    with pytest.raises(InternalServerError, match="GitHub App credentials creation failed"):
        nango.import_connection(
            bare, credentials={"type": "APP", "app_id": "1", "installation_id": "2"}
        )


def test_oauth_import_keeps_config_override(nango: Nango) -> None:
    """An OAuth 2 import's credentials.config_override (the connection's own client) reads back."""
    key, connection_id = unique("gh"), unique("c")
    nango.create_integration(
        provider="github",
        unique_key=key,
        credentials={"type": "OAUTH2", "client_id": "i", "client_secret": "s"},
    )
    override = {"client_id": "own-id", "client_secret": "own-secret"}
    nango.import_connection(
        key,
        connection_id=connection_id,
        credentials={"type": "OAUTH2", "access_token": "tok", "config_override": override},
    )
    credentials = nango.get_connection(key, connection_id).credentials
    assert credentials.config_override.to_dict() == override  # type: ignore[union-attr]


def test_status_url_fetches_the_async_result(nango: Nango) -> None:
    """get_async_action_result takes the status_url trigger_action_async returned."""
    key, connection_id = unique("gh"), unique("c")
    nango.create_integration(
        provider="github",
        unique_key=key,
        credentials={"type": "OAUTH2", "client_id": "i", "client_secret": "s"},
    )
    nango.import_connection(
        key, connection_id=connection_id, credentials={"type": "OAUTH2", "access_token": "t"}
    )
    handle = nango.trigger_action_async(key, connection_id, "list-repos")
    result: Any = None
    for _ in range(400):
        try:
            result = nango.get_async_action_result(handle.status_url)
            break
        except NotFoundError:  # until the background run is done
            time.sleep(0.05)
    assert len(result["repos"]) == 5
    with pytest.raises(ValueError, match=r"^get_async_action_result: pass the id or the statusUrl"):
        nango.get_async_action_result("/action/a/b")


async def test_async_new_fields(anango: AsyncNango) -> None:
    """The same keywords work through AsyncNango: webhook_url_override, GitHub App import,
    integration_config, reset/empty_cache."""
    key, connection_id = unique("ghapp"), unique("c")
    await anango.create_integration(provider="github-app", unique_key=key, credentials=APP)
    imported = await anango.import_connection(
        key,
        connection_id=connection_id,
        credentials={"type": "APP", "app_id": "1", "installation_id": "2"},
        webhook_url_override=NOWHERE,
    )
    assert imported.webhook_url_override == NOWHERE
    await anango.patch_connection(key, connection_id, webhook_url_override="")
    assert (await anango.get_connection(key, connection_id)).webhook_url_override is None
    with pytest.raises(BadRequestError, match="does not accept integration configuration"):
        await anango.update_integration(key, integration_config={"keyName": "x"})
    with pytest.raises(BadRequestError, match="no_syncs_found"):
        await anango.trigger_sync(key, syncs=["no-such-sync"], reset=True, empty_cache=True)
