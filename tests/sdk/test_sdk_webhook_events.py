"""The sandbox's own events reach the environment's webhook URL, signed, as Nango sends them:
connections created and re-authorised, background actions finished and sync runs ended."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from nango_toolbox import Nango
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.webhooks import (
    AsyncActionWebhook,
    AuthWebhook,
    SyncResults,
    SyncWebhook,
    Webhook,
)
from recording_provider import RecordingProvider
from sdk_support import unique
from webhook_receiver import WebhookReceiver

FUNCTIONS = str(Path(__file__).with_name("sdk_functions.py"))


@pytest.fixture(scope="module")
def receiver() -> Iterator[WebhookReceiver]:
    """The receiver (its client gets the sandbox's signing key once the sandbox runs)."""
    server = WebhookReceiver(Nango(str(uuid.uuid4()), "http://127.0.0.1:9"))
    yield server
    server.close()


@pytest.fixture(scope="module")
def esb(fake_provider_server: RecordingProvider, receiver: WebhookReceiver) -> Iterator[Sandbox]:
    """A sandbox of its own whose webhook URL is the receiver (Sandbox(webhook_urls=...)),
    with the SDK test functions; the receiver verifies with its rotated signing key."""
    with Sandbox(
        provider_base_urls={"sendgrid": fake_provider_server.url},
        functions=FUNCTIONS,
        webhook_urls=[receiver.url],
    ) as sb:
        with Nango(sb.secret_key, sb.base_url) as admin:
            key = admin.rotate_webhook_signing_key()
        receiver.client.close()
        receiver.client = Nango(sb.secret_key, sb.base_url, webhook_signing_key=key)
        yield sb
        receiver.client.close()


@pytest.fixture(scope="module")
def client(esb: Sandbox) -> Iterator[Nango]:
    with Nango(esb.secret_key, esb.base_url) as nango:
        yield nango


@pytest.fixture
def integration(client: Nango) -> str:
    key = unique("ev")
    client.create_integration(provider="sendgrid", unique_key=key)
    return key


def about(connection_id: str, kind: type) -> Callable[[Webhook], bool]:
    return lambda hook: (
        isinstance(hook, kind) and getattr(hook, "connection_id", None) == connection_id
    )


def test_import_sends_creation_then_override(
    client: Nango, receiver: WebhookReceiver, integration: str
) -> None:
    """Importing a new connection announces a creation; importing it again an override."""
    credentials = {"type": "API_KEY", "apiKey": "sk_event_key"}
    client.import_connection(integration, credentials=credentials, connection_id="imp-1")
    created = receiver.wait_for(about("imp-1", AuthWebhook))
    assert created == AuthWebhook(
        connection_id="imp-1",
        provider_config_key=integration,
        operation="creation",
        success=True,
        provider="sendgrid",
        environment="prod",
        auth_mode="API_KEY",
        sender="nango",
    )
    client.import_connection(integration, credentials=credentials, connection_id="imp-1")
    again = receiver.wait_for(
        lambda h: (
            isinstance(h, AuthWebhook) and h.connection_id == "imp-1" and h.operation == "override"
        )
    )
    assert isinstance(again, AuthWebhook) and again.is_reconnection


def test_connect_session_sends_creation_with_the_end_user_and_reconnect_an_override(
    esb: Sandbox, client: Nango, receiver: WebhookReceiver, integration: str
) -> None:
    """A completed session announces the connection with its end user; a reconnect session
    announces an override of the same connection."""
    session = client.create_connect_session(
        end_user={"id": "eu-1", "email": "eu1@example.com"}, allowed_integrations=[integration]
    )
    with httpx.Client(
        base_url=esb.base_url, headers={"Authorization": f"Bearer {esb.secret_key}"}
    ) as raw:
        done = raw.post(
            "/_sandbox/connect/complete", json={"token": session.token, "connection_id": "cs-1"}
        )
        assert done.status_code == 201, done.text
        created = receiver.wait_for(about("cs-1", AuthWebhook))
        assert isinstance(created, AuthWebhook) and created.is_creation
        assert created.end_user is not None and created.end_user.end_user_id == "eu-1"
        assert created.tags["end_user_id"] == "eu-1"
        again = client.create_reconnect_session(connection_id="cs-1", integration_id=integration)
        redone = raw.post("/_sandbox/connect/complete", json={"token": again.token})
        assert redone.status_code == 201, redone.text
    override = receiver.wait_for(
        lambda h: (
            isinstance(h, AuthWebhook) and h.connection_id == "cs-1" and h.operation == "override"
        )
    )
    assert isinstance(override, AuthWebhook) and override.success


def test_background_action_sends_async_action(
    client: Nango, receiver: WebhookReceiver, integration: str
) -> None:
    """A background action's webhook names the action whose result the SDK then fetches;
    a failing one is announced too."""
    client.import_connection(
        integration,
        credentials={"type": "API_KEY", "apiKey": "sk_event_key"},
        connection_id="act-c",
    )
    handle = client.trigger_action_async(integration, "act-c", "echo", {"n": 1})
    hook = receiver.wait_for(
        lambda h: isinstance(h, AsyncActionWebhook) and h.action_id == handle.id
    )
    assert hook == AsyncActionWebhook(
        connection_id="act-c",
        provider_config_key=integration,
        action_id=handle.id,
        status_url=f"/action/{handle.id}",
        sender="nango",
    )
    assert client.get_async_action_result(hook.action_id) == {
        "echo": {"n": 1},
        "connection_id": "act-c",
    }
    failing = client.trigger_action_async(integration, "act-c", "fail", {})
    receiver.wait_for(lambda h: isinstance(h, AsyncActionWebhook) and h.action_id == failing.id)


def test_sync_run_sends_one_webhook_per_model(
    client: Nango, receiver: WebhookReceiver, integration: str
) -> None:
    """A sync run ends with a sync webhook carrying the model's counts (a first run: INITIAL)."""
    client.import_connection(
        integration,
        credentials={"type": "API_KEY", "apiKey": "sk_event_key"},
        connection_id="sync-c",
    )
    client.trigger_sync(integration, syncs=["charges"], connection_id="sync-c")
    hook = receiver.wait_for(about("sync-c", SyncWebhook))
    assert isinstance(hook, SyncWebhook)
    assert (hook.sync_name, hook.model, hook.success, hook.sync_type) == (
        "charges",
        "Charge",
        True,
        "INITIAL",
    )
    assert hook.results == SyncResults(added=3, updated=0, deleted=0)


def test_stopping_does_not_wait_for_a_receiver_that_hangs(
    fake_provider: RecordingProvider,
) -> None:
    """A background webhook to a receiver that never answers is cancelled when the sandbox
    stops, instead of holding it for three 20 s timeouts."""
    sandbox = Sandbox(
        provider_base_urls={"sendgrid": fake_provider.url},
        webhook_urls=[fake_provider.url + "/hooks"],
    )
    sandbox.start()
    with Nango(sandbox.secret_key, sandbox.base_url) as nango:
        key = unique("hang")
        nango.create_integration(provider="sendgrid", unique_key=key)
        fake_provider.reset()
        fake_provider.respond(200, {}, delay=30)
        nango.import_connection(key, credentials={"type": "API_KEY", "apiKey": "sk_hang_key"})
    for _ in range(200):
        if fake_provider.count("POST", "/hooks"):
            break
        threading.Event().wait(0.05)
    assert fake_provider.count("POST", "/hooks") == 1
    server_thread = sandbox._thread
    assert server_thread is not None
    sandbox.stop()  # gives up on the server thread after 10 s: it must have ended by then
    assert not server_thread.is_alive()
