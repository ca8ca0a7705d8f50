"""Secret values the tests use as literals, registered with the secret guard (tests/secret_guard.py).

Most secrets are found while the suite runs: every Sandbox's secret key, every credential stored
in a sandbox (access and refresh tokens, API keys, passwords, client secrets, API keys of
environments, the webhook signing key), every secret key given to Nango/AsyncNango and every
environment variable with a credential name set through ``monkeypatch.setenv``. This list holds
the literals that reach the code under test some other way (workflow inputs, files, CLI flags,
unit tests on httpx.MockTransport). Values shorter than ``MIN_LENGTH`` are ignored: too short to
mean anything when found in text.
"""

from __future__ import annotations

MIN_LENGTH = 8

GITHUB_CLIENT_SECRET = "gh-client-secret-for-tests-7c1d"

# (kind, value): the kind names the secret in a guard failure (the value is never shown).
LITERALS: tuple[tuple[str, str], ...] = (
    ("client secret", GITHUB_CLIENT_SECRET),
    ("client secret", "slack-secret-value"),
    ("API key", "tok-9f8e7d"),
    ("API key", "sk_test_secret"),
    ("API key", "sk-test-abcdef123456"),
    ("API key", "sk_test_pagination"),
    ("access token", "gho_token"),
    ("access token", "hub-token"),
)
