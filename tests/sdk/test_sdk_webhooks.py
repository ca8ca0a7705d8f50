"""Webhook verification and typed parsing against signatures computed independently in the test."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime

import pytest
from nango_toolbox import InvalidArgumentError, Nango, NangoError
from nango_toolbox._errors import WebhookPayloadError, WebhookVerificationError
from nango_toolbox.webhooks import (
    AsyncActionWebhook,
    AuthWebhook,
    ForwardWebhook,
    SyncCheckpoints,
    SyncResults,
    SyncWebhook,
    UnknownWebhook,
    WebhookEndUser,
    WebhookErrorDetail,
    parse_webhook,
    verify_incoming_webhook_request,
)

KEY = str(uuid.uuid4())
BODY = json.dumps({"type": "auth", "connectionId": "c1", "success": True}).encode()


def sign(body: bytes, key: str = KEY) -> str:
    return hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def test_valid_signature_is_accepted() -> None:
    """The X-Nango-Hmac-Sha256 of the raw body under the key verifies."""
    headers = {"X-Nango-Hmac-Sha256": sign(BODY), "Content-Type": "application/json"}
    assert verify_incoming_webhook_request(BODY, headers, signing_key=KEY) is True


def test_header_name_is_case_insensitive_and_pairs_work() -> None:
    """Headers as a lower-case dict or as (name, value) pairs both verify."""
    assert verify_incoming_webhook_request(
        BODY, {"x-nango-hmac-sha256": sign(BODY)}, signing_key=KEY
    )
    assert verify_incoming_webhook_request(
        BODY, [("X-NANGO-HMAC-SHA256", sign(BODY))], signing_key=KEY
    )


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Nango-Hmac-Sha256": ""},
        {"X-Nango-Hmac-Sha256": sign(BODY, "another-key")},
        {"X-Nango-Hmac-Sha256": sign(BODY + b" ")},
        {"X-Nango-Signature": sign(BODY)},
    ],
)
def test_wrong_or_missing_signature_is_refused(headers: dict[str, str]) -> None:
    """A missing, empty, wrongly keyed or other-body signature does not verify."""
    assert verify_incoming_webhook_request(BODY, headers, signing_key=KEY) is False


def test_tampered_body_is_refused() -> None:
    """Changing one byte of the body invalidates the signature."""
    tampered = BODY.replace(b"true", b"fals")
    assert not verify_incoming_webhook_request(
        tampered, {"X-Nango-Hmac-Sha256": sign(BODY)}, signing_key=KEY
    )


def test_client_method_uses_the_secret_key() -> None:
    """Nango.verify_incoming_webhook_request signs with the client's key, str bodies too."""
    with Nango(KEY, "http://localhost:3003") as client:
        assert client.verify_incoming_webhook_request(
            BODY.decode(), {"X-Nango-Hmac-Sha256": sign(BODY)}
        )
        other = sign(BODY, "webhook-signing-key")
        assert client.verify_incoming_webhook_request(
            BODY, {"X-Nango-Hmac-Sha256": other}, signing_key="webhook-signing-key"
        )
        assert not client.verify_incoming_webhook_request(BODY, {"X-Nango-Hmac-Sha256": other})


# -- typed parsing --------------------------------------------------------------------------


def signed(payload: object, key: str = KEY) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return body, {"X-Nango-Hmac-Sha256": sign(body, key), "Content-Type": "application/json"}


AUTH_REFRESH_FAILED = {
    "from": "nango",
    "type": "auth",
    "operation": "refresh",
    "success": False,
    "connectionId": "c1",
    "providerConfigKey": "github",
    "provider": "github",
    "authMode": "OAUTH2",
    "environment": "prod",
    "tags": {"end_user_id": "u1"},
    "endUser": {"endUserId": "u1", "endUserEmail": "u1@example.com", "tags": {"plan": "pro"}},
    "error": {"type": "refresh_token_external_error", "description": "invalid_grant"},
    "addedLater": [1, 2],
}


def test_auth_refresh_failure_is_parsed_with_every_field() -> None:
    """A refresh-failure auth webhook becomes an AuthWebhook; unknown fields stay in raw."""
    body, headers = signed(AUTH_REFRESH_FAILED)
    hook = parse_webhook(body, headers, signing_key=KEY)
    assert hook == AuthWebhook(
        connection_id="c1",
        provider_config_key="github",
        operation="refresh",
        success=False,
        provider="github",
        environment="prod",
        auth_mode="OAUTH2",
        error=WebhookErrorDetail(type="refresh_token_external_error", description="invalid_grant"),
        tags={"end_user_id": "u1"},
        end_user=WebhookEndUser(end_user_id="u1", email="u1@example.com", tags={"plan": "pro"}),
        sender="nango",
    )
    assert (hook.is_refresh_failure, hook.is_creation, hook.is_reconnection) == (True, False, False)
    assert hook.raw["addedLater"] == [1, 2]


def test_auth_creation_and_override_flags() -> None:
    """operation creation/override with success true read as creation and reconnection."""
    base = {k: v for k, v in AUTH_REFRESH_FAILED.items() if k not in ("error", "endUser")}
    created = parse_webhook(
        *signed({**base, "operation": "creation", "success": True}), signing_key=KEY
    )
    override = parse_webhook(
        *signed({**base, "operation": "override", "success": True}), signing_key=KEY
    )
    assert isinstance(created, AuthWebhook) and isinstance(override, AuthWebhook)
    assert (created.is_creation, created.is_reconnection, created.end_user) == (True, False, None)
    assert (override.is_creation, override.is_reconnection) == (False, True)


def test_sync_success_and_failure_are_parsed() -> None:
    """Sync webhooks give counts and times on success, the error and times on failure."""
    common = {
        "from": "nango",
        "type": "sync",
        "connectionId": "c1",
        "providerConfigKey": "github",
        "syncName": "issues",
        "syncVariant": "base",
        "model": "Issue",
        "syncType": "INCREMENTAL",
    }
    ok = parse_webhook(
        *signed(
            {
                **common,
                "success": True,
                "modifiedAfter": "2026-12-04T10:00:00.000Z",
                "responseResults": {"added": 3, "updated": 1, "deleted": 0},
                "checkpoints": {"from": None, "to": {"page": 2}},
            }
        ),
        signing_key=KEY,
    )
    assert isinstance(ok, SyncWebhook)
    assert (ok.sync_name, ok.model, ok.sync_variant, ok.success) == (
        "issues",
        "Issue",
        "base",
        True,
    )
    assert ok.results == SyncResults(added=3, updated=1, deleted=0)
    assert ok.modified_after == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert ok.checkpoints == SyncCheckpoints(before=None, after={"page": 2})
    failed = parse_webhook(
        *signed(
            {
                **common,
                "success": False,
                "error": {"type": "script_error", "description": "boom", "payload": {"x": 1}},
                "startedAt": "2026-12-04T10:00:00.000Z",
                "failedAt": "2026-12-04T10:00:05.000Z",
            }
        ),
        signing_key=KEY,
    )
    assert isinstance(failed, SyncWebhook)
    assert failed.error == WebhookErrorDetail("script_error", "boom", payload={"x": 1})
    assert (failed.results, failed.failed_at) == (None, datetime(2026, 12, 4, 10, 0, 5, tzinfo=UTC))


def test_async_action_and_forward_are_parsed() -> None:
    """async_action gives the action id and status URL; forward keeps the provider's payload."""
    action = parse_webhook(
        *signed(
            {
                "from": "nango",
                "type": "async_action",
                "connectionId": "c1",
                "providerConfigKey": "github",
                "payload": {"id": "a-1", "statusUrl": "/action/a-1"},
            }
        ),
        signing_key=KEY,
    )
    assert action == AsyncActionWebhook(
        connection_id="c1",
        provider_config_key="github",
        action_id="a-1",
        status_url="/action/a-1",
        sender="nango",
    )
    forward = parse_webhook(
        *signed(
            {
                "from": "slack",
                "type": "forward",
                "providerConfigKey": "slack",
                "connectionId": "c2",
                "payload": {"event": {"type": "message"}},
            }
        ),
        signing_key=KEY,
    )
    assert forward == ForwardWebhook(
        provider_config_key="slack",
        payload={"event": {"type": "message"}},
        connection_id="c2",
        sender="slack",
    )


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        ({"type": "connection_deleted", "connectionId": "c1"}, "connection_deleted"),
        ({"event": "provider body forwarded without a connection"}, None),
        ([1, 2, 3], None),
    ],
)
def test_unknown_bodies_are_kept_whole(payload: object, kind: str | None) -> None:
    """A new type, an untyped forwarded body or a non-object keeps its decoded JSON in raw."""
    hook = parse_webhook(*signed(payload), signing_key=KEY)
    assert isinstance(hook, UnknownWebhook)
    assert (hook.type, hook.raw) == (kind, payload)


def test_invalid_signature_raises_a_typed_error_without_the_key() -> None:
    """A wrong key or a tampered body raises WebhookVerificationError, a NangoError."""
    body, headers = signed(AUTH_REFRESH_FAILED, key="another-signing-key")
    with pytest.raises(WebhookVerificationError) as caught:
        parse_webhook(body, headers, signing_key=KEY)
    assert str(caught.value).startswith(
        "Webhook refused: its X-Nango-Hmac-Sha256 does not match the body under the signing key "
        "(key from the signing_key argument)."
    )
    assert isinstance(caught.value, NangoError) and KEY not in str(caught.value)
    good_body, good_headers = signed(AUTH_REFRESH_FAILED)
    with pytest.raises(WebhookVerificationError):
        parse_webhook(good_body.replace(b"c1", b"c2"), good_headers, signing_key=KEY)
    with pytest.raises(WebhookVerificationError, match="the request has no X-Nango-Hmac-Sha256"):
        parse_webhook(good_body, {"X-Nango-Signature": "x"}, signing_key=KEY)


def test_verified_body_that_is_not_json_or_malformed_raises_payload_error() -> None:
    """A signed non-JSON body, or a known type with a wrong field, raises WebhookPayloadError."""
    text = b"not json"
    with pytest.raises(WebhookPayloadError, match=r"^Webhook body is not JSON"):
        parse_webhook(text, {"X-Nango-Hmac-Sha256": sign(text)}, signing_key=KEY)
    with pytest.raises(WebhookPayloadError) as caught:
        parse_webhook(*signed({**AUTH_REFRESH_FAILED, "connectionId": 42}), signing_key=KEY)
    assert (
        str(caught.value) == "auth webhook: field 'connectionId' should be a string, got a number"
    )
    with pytest.raises(WebhookPayloadError) as missing:
        parse_webhook(*signed({"type": "async_action", "connectionId": "c"}), signing_key=KEY)
    assert str(missing.value) == (
        "async_action webhook: field 'payload' should be an object, got nothing"
    )


def test_empty_signing_key_is_an_argument_error() -> None:
    """signing_key='' is refused before anything is checked."""
    with pytest.raises(InvalidArgumentError, match=r"^signing_key is empty"):
        parse_webhook(BODY, {}, signing_key=" ")


def test_client_verifies_with_its_webhook_signing_key() -> None:
    """A client given webhook_signing_key parses webhooks signed with it and refuses the secret
    key's signature, naming where its key came from."""
    signing_key = "client-webhook-signing-key"
    body, headers = signed(AUTH_REFRESH_FAILED, key=signing_key)
    with Nango(KEY, "http://localhost:3003", webhook_signing_key=signing_key) as client:
        assert isinstance(client.parse_webhook(body, headers), AuthWebhook)
        assert client.verify_incoming_webhook_request(body, headers)
        assert signing_key not in repr(client)
        with pytest.raises(WebhookVerificationError, match="key from the webhook_signing_key arg"):
            client.parse_webhook(*signed(AUTH_REFRESH_FAILED))


def test_client_without_signing_key_says_it_used_the_secret_key() -> None:
    """Without a signing key the client verifies with the secret key and its refusal says so."""
    with Nango(KEY, "http://localhost:3003") as client:
        assert isinstance(client.parse_webhook(*signed(AUTH_REFRESH_FAILED)), AuthWebhook)
        with pytest.raises(WebhookVerificationError) as caught:
            client.parse_webhook(*signed(AUTH_REFRESH_FAILED, key="rotated-signing-key"))
    assert (
        "(key from the secret key (the secret_key argument), as no webhook signing key is set)"
        in (str(caught.value))
    )


def test_standalone_parse_reads_the_signing_key_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """parse_webhook without signing_key uses NANGO_WEBHOOK_SIGNING_KEY from the environment."""
    monkeypatch.setenv("NANGO_WEBHOOK_SIGNING_KEY", "environment-signing-key")
    body, headers = signed(AUTH_REFRESH_FAILED, key="environment-signing-key")
    assert isinstance(parse_webhook(body, headers), AuthWebhook)
    assert verify_incoming_webhook_request(body, headers)


def test_deeply_nested_body_is_a_payload_error() -> None:
    """A signed body nested beyond what json can read is a WebhookPayloadError, no traceback."""
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(WebhookPayloadError, match=r"nested too deeply"):
        parse_webhook(deep, {"X-Nango-Hmac-Sha256": sign(deep)}, signing_key=KEY)
