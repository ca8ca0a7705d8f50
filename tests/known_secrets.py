"""Secret values the tests use as literals, registered with the secret guard (tests/secret_guard.py).

Most secrets are found while the suite runs: every Sandbox's secret key, every credential stored
in a sandbox (access and refresh tokens, API keys, passwords, client secrets, API keys of
environments, the webhook signing key), every secret key given to Nango/AsyncNango and every
environment variable with a credential name set through ``monkeypatch.setenv``. This list holds
the literals that reach the code under test some other way (workflow inputs, files, CLI flags,
unit tests on httpx.MockTransport), and `literal_secrets` finds every string literal the tests
put under a credential name (a dict key or a keyword argument): those of a test_*.py file are
secrets for the tests of that file only (``"not-a-uuid"`` is a bad secret key in test_auth.py and
an ordinary identifier elsewhere), those of support modules and conftests for every test. Values
shorter than ``MIN_LENGTH`` are ignored: too short to
mean anything when found in text.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MIN_LENGTH = 8
_SCHEME = re.compile(r"(?i)^(bearer|basic|token)\s+")

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


def literal_secrets(root: Path) -> Iterator[tuple[str, str, str]]:
    """(kind, value, file name) of every string literal the tests under ``root`` put under a
    credential name: a dict key (``{"access_token": "..."}``) or a keyword argument
    (``api_key="..."``)."""
    from nango_toolbox._redact import is_sensitive_key

    for path in sorted(root.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            pairs: list[tuple[Any, Any]] = []
            if isinstance(node, ast.Dict):
                pairs = [
                    (k.value, v)
                    for k, v in zip(node.keys, node.values, strict=True)
                    if isinstance(k, ast.Constant)
                ]
            elif isinstance(node, ast.Call):
                pairs = [(k.arg, k.value) for k in node.keywords if k.arg]
            for name, value in pairs:
                if (
                    isinstance(name, str)
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                    and is_sensitive_key(name)
                ):
                    secret = _SCHEME.sub("", value.value)
                    if "${" not in secret:  # a template, not a value
                        yield f"credential {name!r} of {path.name}", secret, path.name
