"""Helpers of the origin tests (test_rel_secrets_origin.py): where a request landed, and whether
a path that arrived at Nango stays below /proxy/."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import unquote

from recording_provider import RecordedRequest

SECRET_KEY = "rel-origin-secret-key-3a9d51c7"
PROVIDER_TOKEN = "rel-provider-token-88e2f0b4"

# Endpoints that look like a URL or climb out of /proxy/ (the list and a few neighbours).
TRICKY_ENDPOINTS = (
    "https://elsewhere/x",
    "http://{other}/x",
    "//elsewhere/x",
    "//{other}/x",
    "../..",
    "..",
    "/../../x",
    "x/../../y",
    "%2e%2e/x",
    "%2E%2E/%2e%2e/x",
    ".%2e/x",
    "\\\\elsewhere",
    "/\\elsewhere/x",
)


def stays_below_proxy(raw_path: str) -> bool:
    """Whether a path, decoded and with its dot segments resolved (as a server or a reverse proxy
    in front of Nango may do), is still below /proxy/."""
    path = raw_path.split("?", 1)[0]
    resolved = posixpath.normpath(unquote(path).replace("\\", "/"))
    return path.startswith("/proxy/") and (resolved + "/").startswith("/proxy/")


def leaks(requests: Iterable[RecordedRequest], *secrets: str) -> list[str]:
    """Where a credential appears in requests another origin received: an Authorization
    header, or a secret in any header, the URL or the body."""
    found: list[str] = []
    for request in requests:
        if "authorization" in request.headers:
            found.append(f"{request.method} {request.path}: Authorization header")
        text = "\n".join([request.path, *request.headers.values()]) + request.body.decode(
            "utf-8", "replace"
        )
        for secret in secrets:
            if secret in text:
                found.append(f"{request.method} {request.path}: secret {secret[:8]}...")
    return found
