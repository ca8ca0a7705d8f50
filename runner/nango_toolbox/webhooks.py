"""Verification of webhooks sent by Nango to your application.

Nango signs each webhook with ``X-Nango-Hmac-Sha256``: the hex HMAC-SHA256 of the raw request
body, keyed with the environment's secret key (Environment Settings of the Nango dashboard).
Verify the raw bytes as received: a re-serialised JSON body will not match.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping

from ._errors import InvalidArgumentError

__all__ = ["SIGNATURE_HEADER", "compute_signature", "verify_incoming_webhook_request"]

SIGNATURE_HEADER = "X-Nango-Hmac-Sha256"


def compute_signature(body: bytes | str, signing_key: str) -> str:
    """The hex HMAC-SHA256 of ``body`` keyed with ``signing_key``, as Nango computes it."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return hmac.new(signing_key.encode("utf-8"), raw, hashlib.sha256).hexdigest()


def verify_incoming_webhook_request(
    body: bytes | str,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    *,
    signing_key: str,
) -> bool:
    """Whether ``headers`` carry a valid Nango signature of the raw ``body`` (constant-time)."""
    if not signing_key:
        raise InvalidArgumentError(
            "verify_incoming_webhook_request needs the signing key (your secret key)"
        )
    items = headers.items() if isinstance(headers, Mapping) else headers
    wanted = SIGNATURE_HEADER.lower()
    received = next((value for name, value in items if name.lower() == wanted), None)
    if not received:
        return False
    expected = compute_signature(body, signing_key)
    return hmac.compare_digest(expected.encode("ascii"), received.strip().lower().encode("utf-8"))
