"""Signed webhooks sent by the sandbox over HTTP to a receiver that verifies and parses them with
the SDK: each type, the environment's URLs, wrong keys, tampering, retries and bad requests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from nango_toolbox import AsyncNango, Nango, WebhookVerificationError
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.webhooks import (
    AsyncActionWebhook,
    AuthWebhook,
    ForwardWebhook,
    SyncResults,
    SyncWebhook,
    UnknownWebhook,
    Webhook,
    WebhookEndUser,
    WebhookErrorDetail,
    parse_webhook,
)
from sdk_support import Conn
from webhook_receiver import WebhookReceiver


@pytest.fixture
def signing_key(nango: Nango) -> str:
    """A fresh webhook signing key of the sandbox's environment (rotated through the SDK)."""
    return nango.rotate_webhook_signing_key()


@pytest.fixture
def receiver(sandbox: Sandbox, signing_key: str) -> Iterator[WebhookReceiver]:
    """A receiver whose client holds the environment's webhook signing key."""
    client = Nango(sandbox.secret_key, sandbox.base_url, webhook_signing_key=signing_key)
    server = WebhookReceiver(client)
    yield server
    server.close()
    client.close()


def send(client: httpx.Client, **body: Any) -> dict[str, Any]:
    response = client.post("/_sandbox/webhooks", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_auth_creation_reaches_the_receiver_with_the_end_user(
    sandbox_client: httpx.Client, receiver: WebhookReceiver, conn: Conn
) -> None:
    """A connection made through a connect session is announced with its tags and end user."""
    session = sandbox_client.post(
        "/connect/sessions",
        json={
            "end_user": {"id": "user-7", "email": "user7@example.com"},
            "allowed_integrations": [conn.integration],
        },
    ).json()["data"]
    made = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": session["token"], "connection_id": "c-7"}
    )
    assert made.status_code == 201, made.text
    answer = send(
        sandbox_client,
        type="auth",
        url=receiver.url,
        provider_config_key=conn.integration,
        connection_id="c-7",
    )
    assert answer["deliveries"] == [
        {"url": receiver.url, "type": "auth", "status": 200, "attempts": 1, "error": None}
    ]
    hook = receiver.last.webhook
    assert hook == AuthWebhook(
        connection_id="c-7",
        provider_config_key=conn.integration,
        operation="creation",
        success=True,
        provider="sendgrid",
        environment="prod",
        auth_mode="API_KEY",
        tags={"end_user_id": "user-7", "end_user_email": "user7@example.com"},
        end_user=WebhookEndUser(end_user_id="user-7", email="user7@example.com"),
        sender="nango",
    )
    assert isinstance(hook, AuthWebhook) and hook.is_creation


def test_refresh_failure_and_reconnection(
    sandbox_client: httpx.Client, receiver: WebhookReceiver, conn: Conn
) -> None:
    """operation refresh is a failure with Nango's error; override is a reconnection."""
    common = {"type": "auth", "url": receiver.url, "provider_config_key": conn.integration}
    send(sandbox_client, **common, connection_id=conn.connection_id, operation="refresh")
    failed = receiver.last.webhook
    assert isinstance(failed, AuthWebhook) and failed.is_refresh_failure
    assert failed.error == WebhookErrorDetail(
        type="refresh_token_external_error",
        description="The external API returned an error when trying to refresh the access "
        "token. Please try again later.",
    )
    send(sandbox_client, **common, connection_id=conn.connection_id, operation="override")
    recovered = receiver.last.webhook
    assert isinstance(recovered, AuthWebhook)
    assert (recovered.is_reconnection, recovered.error) == (True, None)


def test_sync_success_and_failure(
    sandbox_client: httpx.Client, receiver: WebhookReceiver, conn: Conn
) -> None:
    """Sync webhooks carry the counts of a run, or Nango's script_error."""
    common = {
        "type": "sync",
        "url": receiver.url,
        "provider_config_key": conn.integration,
        "connection_id": conn.connection_id,
        "sync_name": "contacts",
        "model": "Contact",
    }
    send(sandbox_client, **common, results={"added": 2, "updated": 1})
    done = receiver.last.webhook
    assert isinstance(done, SyncWebhook)
    assert (done.success, done.sync_variant, done.sync_type) == (True, "base", "INCREMENTAL")
    assert done.results == SyncResults(added=2, updated=1, deleted=0)
    assert done.modified_after is not None and done.modified_after.tzinfo is not None
    send(
        sandbox_client, **common, success=False, error={"type": "script_error", "description": "x"}
    )
    failed = receiver.last.webhook
    assert isinstance(failed, SyncWebhook)
    assert (failed.success, failed.results) == (False, None)
    assert failed.error == WebhookErrorDetail(type="script_error", description="x")
    assert failed.started_at is not None and failed.failed_at is not None


def test_async_action_result(
    sandbox_client: httpx.Client, receiver: WebhookReceiver, conn: Conn
) -> None:
    """An async_action webhook names the action id and its status URL."""
    send(
        sandbox_client,
        type="async_action",
        url=receiver.url,
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
        action_id="act-1",
    )
    assert receiver.last.webhook == AsyncActionWebhook(
        connection_id=conn.connection_id,
        provider_config_key=conn.integration,
        action_id="act-1",
        status_url="/action/act-1",
        sender="nango",
    )


def test_forwarded_webhook_with_and_without_connection(
    sandbox_client: httpx.Client, receiver: WebhookReceiver, conn: Conn
) -> None:
    """A forwarded provider webhook is wrapped for a connection, with the provider's headers
    (less those Nango drops); without a connection the provider's body arrives as is."""
    payload = {"event": "bounce", "email": "a@example.com"}
    send(
        sandbox_client,
        type="forward",
        url=receiver.url,
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
        payload=payload,
        headers={"X-Provider-Event": "bounce", "Authorization": "Bearer provider-token-123"},
    )
    assert receiver.last.webhook == ForwardWebhook(
        provider_config_key=conn.integration,
        payload=payload,
        connection_id=conn.connection_id,
        sender="sendgrid",
    )
    names = {name.lower(): value for name, value in receiver.last.headers}
    assert names["x-provider-event"] == "bounce"
    assert "authorization" not in names
    send(
        sandbox_client,
        type="forward",
        url=receiver.url,
        provider_config_key=conn.integration,
        payload=payload,
    )
    unattributed = receiver.last.webhook
    assert isinstance(unattributed, UnknownWebhook)
    assert (unattributed.type, unattributed.raw) == (None, payload)


def test_extra_fields_and_new_types_are_kept(
    sandbox_client: httpx.Client, receiver: WebhookReceiver, conn: Conn
) -> None:
    """extra merges fields into the body: unknown fields stay in raw, a new type is Unknown."""
    common = {"url": receiver.url, "provider_config_key": conn.integration}
    send(
        sandbox_client,
        **common,
        type="async_action",
        connection_id=conn.connection_id,
        extra={"attempt": 2},
    )
    hook = receiver.last.webhook
    assert isinstance(hook, AsyncActionWebhook) and hook.raw["attempt"] == 2
    send(
        sandbox_client,
        **common,
        type="auth",
        connection_id=conn.connection_id,
        extra={"type": "connection_deleted"},
    )
    new = receiver.last.webhook
    assert isinstance(new, UnknownWebhook) and new.type == "connection_deleted"
    assert new.raw["connectionId"] == conn.connection_id


def test_wrong_key_is_refused_and_tampering_detected(
    sandbox: Sandbox, sandbox_client: httpx.Client, signing_key: str, conn: Conn
) -> None:
    """A receiver holding only the secret key refuses the webhook (401, not retried); the
    signing key accepts the captured request, and refuses it once one byte changes."""
    with Nango(sandbox.secret_key, sandbox.base_url) as client:
        stale = WebhookReceiver(client)
        try:
            answer = send(
                sandbox_client,
                type="auth",
                url=stale.url,
                provider_config_key=conn.integration,
                connection_id=conn.connection_id,
            )
        finally:
            stale.close()
    assert answer["deliveries"][0]["status"] == 401
    assert answer["deliveries"][0]["attempts"] == 1
    captured = stale.last
    assert isinstance(captured.error, WebhookVerificationError)
    assert captured.webhook is None
    assert isinstance(
        parse_webhook(captured.body, captured.headers, signing_key=signing_key), AuthWebhook
    )
    tampered = captured.body.replace(b'"success":true', b'"success":false')
    assert tampered != captured.body
    with pytest.raises(WebhookVerificationError):
        parse_webhook(tampered, captured.headers, signing_key=signing_key)


async def test_async_client_parses_what_the_sandbox_sent(
    sandbox: Sandbox,
    sandbox_client: httpx.Client,
    receiver: WebhookReceiver,
    signing_key: str,
    conn: Conn,
) -> None:
    """AsyncNango.parse_webhook gives the same model as Nango's for a delivered webhook."""
    send(
        sandbox_client,
        type="auth",
        url=receiver.url,
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
    )
    got = receiver.last
    async with AsyncNango(
        sandbox.secret_key, sandbox.base_url, webhook_signing_key=signing_key
    ) as client:
        assert client.parse_webhook(got.body, got.headers) == got.webhook


def test_environment_urls_receive_every_webhook(
    sandbox: Sandbox, sandbox_client: httpx.Client, signing_key: str, conn: Conn
) -> None:
    """Without url, the webhook goes to the environment's primary and secondary URLs."""
    client = Nango(sandbox.secret_key, sandbox.base_url, webhook_signing_key=signing_key)
    first, second = WebhookReceiver(client), WebhookReceiver(client)
    try:
        settings = {"primary_url": first.url, "secondary_url": second.url}
        assert sandbox_client.put("/_sandbox/webhook-settings", json=settings).json() == settings
        assert sandbox_client.get("/_sandbox/webhook-settings").json() == settings
        answer = send(
            sandbox_client,
            type="auth",
            provider_config_key=conn.integration,
            connection_id=conn.connection_id,
        )
        assert [d["url"] for d in answer["deliveries"]] == [first.url, second.url]

        def mine(hook: Webhook) -> bool:  # the shared sandbox's syncs may send theirs too
            return isinstance(hook, AuthWebhook) and hook.connection_id == conn.connection_id

        assert first.wait_for(mine) == second.wait_for(mine)
        assert first.wait_for(mine).raw == answer["body"]
    finally:
        sandbox_client.put("/_sandbox/webhook-settings", json={})
        first.close()
        second.close()
        client.close()


def test_server_errors_are_retried_and_unreachable_urls_reported(
    sandbox: Sandbox, sandbox_client: httpx.Client, signing_key: str, conn: Conn
) -> None:
    """A receiver answering 500 gets three attempts; a closed port is reported, not raised."""
    client = Nango(sandbox.secret_key, sandbox.base_url, webhook_signing_key=signing_key)
    failing = WebhookReceiver(client, status=500)
    common = {"type": "auth", "provider_config_key": conn.integration}
    try:
        answer = send(sandbox_client, **common, connection_id=conn.connection_id, url=failing.url)
        assert len(failing.received) == 3
    finally:
        failing.close()
        client.close()
    assert answer["deliveries"][0] | {"error": None} == {
        "url": failing.url,
        "type": "auth",
        "status": 500,
        "attempts": 3,
        "error": None,
    }
    with socket.socket() as probe:  # a port nothing listens on once the socket is closed
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/webhooks"
    gone = send(sandbox_client, **common, connection_id=conn.connection_id, url=closed)
    (delivery,) = gone["deliveries"]
    assert (delivery["status"], delivery["attempts"]) == (None, 3)
    assert delivery["error"].startswith("ConnectError")
    log = sandbox_client.get("/_sandbox/webhooks").json()["deliveries"]
    assert log[-1] == delivery


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (
            {"type": "nope", "provider_config_key": "x"},
            400,
            {
                "code": "invalid_enum_value",
                "message": "Expected one of: auth, sync, async_action, forward",
                "path": ["type"],
            },
        ),
        (
            {
                "type": "auth",
                "provider_config_key": "{key}",
                "connection_id": "missing",
                "url": "http://127.0.0.1:9",
            },
            404,
            None,
        ),
        (
            {
                "type": "auth",
                "provider_config_key": "{key}",
                "connection_id": "{conn}",
                "url": "ftp://x",
            },
            400,
            {
                "code": "invalid_string",
                "message": "Invalid URL: it needs an http:// or https:// scheme and a host",
                "path": ["url"],
            },
        ),
        (
            {"type": "auth", "provider_config_key": "{key}", "connection_id": "{conn}"},
            400,
            {
                "code": "custom",
                "message": "No webhook URL: give url, or set the environment's with PUT /_sandbox/webhook-settings",
                "path": ["url"],
            },
        ),
        (
            {
                "type": "auth",
                "provider_config_key": "{key}",
                "connection_id": "{conn}",
                "url": "http://127.0.0.1:9",
                "success": False,
            },
            400,
            {
                "code": "custom",
                "message": "Required when a creation or override fails: {type, description}",
                "path": ["error"],
            },
        ),
        (
            {
                "type": "sync",
                "provider_config_key": "{key}",
                "connection_id": "{conn}",
                "sync_name": "s",
                "model": "M",
                "url": "http://127.0.0.1:9",
                "results": {"added": -1},
            },
            400,
            {
                "code": "invalid_type",
                "message": "Expected a count (integer >= 0)",
                "path": ["results", "added"],
            },
        ),
    ],
)
def test_bad_requests_name_the_field(
    sandbox_client: httpx.Client, conn: Conn, body: dict[str, Any], status: int, error: Any
) -> None:
    """A bad type, URL, count or an unknown connection is refused before anything is sent."""
    filled = {
        k: v.format(key=conn.integration, conn=conn.connection_id) if isinstance(v, str) else v
        for k, v in body.items()
    }
    before = len(sandbox_client.get("/_sandbox/webhooks").json()["deliveries"])
    response = sandbox_client.post("/_sandbox/webhooks", json=filled)
    assert response.status_code == status, response.text
    if error is not None:
        assert response.json()["error"]["errors"] == [error]
    else:
        assert response.json()["error"]["code"] == "unknown_connection"
    assert len(sandbox_client.get("/_sandbox/webhooks").json()["deliveries"]) == before
