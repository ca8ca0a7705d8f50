"""Webhook verification against signatures computed independently in the test."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid

import pytest
from nango_toolbox import Nango
from nango_toolbox.webhooks import verify_incoming_webhook_request

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
