"""The webhooks Nango sends to your application: signature verification and typed parsing.

Nango signs each webhook with ``X-Nango-Hmac-Sha256``: the hex HMAC-SHA256 of the raw request
body keyed with the environment's **webhook signing key** (Environment Settings > Webhooks >
Signing key in the Nango dashboard; ``rotate_webhook_signing_key()`` replaces it). Environments
created before 2026-04-20 that never rotated their secret key sign with the secret key (the two
keys are then the same value), which is why the key falls back to the secret key. Verify the raw
bytes as received: a re-serialised JSON body will not match. The older ``X-Nango-Signature``
header (plain SHA-256 of key + body, open to length extension) is sent too but never checked here.

The key, when not passed: see `nango_toolbox._config` (``NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY``,
``NANGO_WEBHOOK_SIGNING_KEY``, in the environment or ``.env``, then the secret key).

``parse_webhook`` verifies, then returns one of the models of `nango_toolbox._webhook_models`
(re-exported here): `AuthWebhook`, `SyncWebhook`, `AsyncActionWebhook`, `ForwardWebhook`,
`UnknownWebhook`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping

from . import _webhook_models
from ._config import resolve_webhook_signing_key
from ._errors import InvalidArgumentError, WebhookPayloadError, WebhookVerificationError
from ._webhook_models import *  # noqa: F403  (the models, re-exported: their __all__)
from ._webhook_models import Webhook, webhook_from_json

__all__ = [
    "LEGACY_SIGNATURE_HEADER",
    "SIGNATURE_HEADER",
    "compute_legacy_signature",
    "compute_signature",
    "parse_webhook",
    "verify_incoming_webhook_request",
]
__all__ += _webhook_models.__all__

SIGNATURE_HEADER = "X-Nango-Hmac-Sha256"
LEGACY_SIGNATURE_HEADER = "X-Nango-Signature"

Headers = Mapping[str, str] | Iterable[tuple[str, str]]


def compute_signature(body: bytes | str, signing_key: str) -> str:
    """The hex HMAC-SHA256 of ``body`` keyed with ``signing_key``, as Nango computes it."""
    return hmac.new(signing_key.encode("utf-8"), _raw(body), hashlib.sha256).hexdigest()


def compute_legacy_signature(body: bytes | str, signing_key: str) -> str:
    """The deprecated ``X-Nango-Signature``: hex SHA-256 of the key followed by the body
    (sent by Nango for old receivers; never used for verification here)."""
    return hashlib.sha256(signing_key.encode("utf-8") + _raw(body)).hexdigest()


def verify_incoming_webhook_request(
    body: bytes | str, headers: Headers, *, signing_key: str | None = None
) -> bool:
    """Whether ``headers`` carry a valid ``X-Nango-Hmac-Sha256`` of the raw ``body``
    (constant-time); the key defaults to the configured webhook signing key."""
    key, _ = chosen_signing_key(signing_key, resolve_webhook_signing_key)
    return signature_problem(body, headers, key) is None


def parse_webhook(
    body: bytes | str, headers: Headers, *, signing_key: str | None = None
) -> Webhook:
    """Verify a webhook from Nango and return its typed model.

    Raises `WebhookVerificationError` when the signature is missing or wrong (answer 401) and
    `WebhookPayloadError` when a verified body is not JSON or a known type is malformed."""
    key, source = chosen_signing_key(signing_key, resolve_webhook_signing_key)
    return parse_with_key(body, headers, key, source)


def parse_with_key(body: bytes | str, headers: Headers, key: str, source: str) -> Webhook:
    """`parse_webhook` with a resolved key; ``source`` names where the key came from (errors
    say it, never the key)."""
    problem = signature_problem(body, headers, key)
    if problem is not None:
        raise WebhookVerificationError(
            f"Webhook refused: {problem} (key from {source}). Check that you pass the raw body "
            "bytes as received and the webhook signing key of this environment (Environment "
            "Settings > Webhooks > Signing key; older environments sign with the secret key)."
        )
    try:
        value = json.loads(_raw(body))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WebhookPayloadError(
            f"Webhook body is not JSON ({exc}); Nango always sends application/json"
        ) from None
    except RecursionError:
        raise WebhookPayloadError(
            "Webhook body is JSON nested too deeply to read; Nango never sends such bodies"
        ) from None
    return webhook_from_json(value)


def signature_problem(body: bytes | str, headers: Headers, signing_key: str) -> str | None:
    """Why the request's signature does not verify, or None when it does."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    wanted = SIGNATURE_HEADER.lower()
    received = next((value for name, value in items if name.lower() == wanted), None)
    if not received:
        return f"the request has no {SIGNATURE_HEADER} header"
    expected = compute_signature(body, signing_key).encode("ascii")
    if not hmac.compare_digest(expected, received.strip().lower().encode("utf-8")):
        return f"its {SIGNATURE_HEADER} does not match the body under the signing key"
    return None


def chosen_signing_key(
    signing_key: str | None, configured: Callable[[], tuple[str, str]]
) -> tuple[str, str]:
    """The key to verify with and where it came from: the ``signing_key`` argument when given
    (InvalidArgumentError when it is blank), else ``configured()``."""
    if signing_key is None:
        return configured()
    if not signing_key.strip():
        raise InvalidArgumentError(
            "signing_key is empty: pass the webhook signing key of the environment "
            "(Environment Settings > Webhooks > Signing key), or leave it out to use the "
            "configured one"
        )
    return signing_key, "the signing_key argument"


def _raw(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body
