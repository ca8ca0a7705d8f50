"""The secret guard (tests/secret_guard.py) fails a test that prints, logs or raises a secret.

An inner suite run by pytester leaks a secret in each way the guard watches, next to clean tests
that handle the same secrets without showing them; the guard must fail exactly the leaking ones,
name the kind of secret and where it appeared, and never show the secret in its report.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from known_secrets import GITHUB_CLIENT_SECRET

pytestmark = pytest.mark.reliability

TESTS_DIR = Path(__file__).resolve().parents[1]
DYNAMIC = "dyn-token-5b0e9c41aa"  # registered by the inner tests, not a known literal

INNER = f"""
import json
import logging
import os
import subprocess
import sys

import httpx
import pytest
import secret_guard
from known_secrets import GITHUB_CLIENT_SECRET as SECRET
from nango_toolbox import Nango
from nango_toolbox.sandbox import Sandbox

DYNAMIC = {DYNAMIC!r}


def test_leak_print():
    print("client secret is", SECRET)


def test_leak_stderr():
    print(SECRET, file=sys.stderr)


def test_leak_debug_log():
    logging.getLogger("some.library").debug("calling with %s", SECRET)


def test_leak_log_traceback():
    try:
        raise ValueError(f"bad credentials {{SECRET}}")
    except ValueError:
        logging.getLogger("x").exception("request failed")


def test_leak_caught_exception():
    with pytest.raises(RuntimeError):
        raise RuntimeError("token " + SECRET)


def test_leak_exception_cause():
    with pytest.raises(KeyError):
        try:
            raise OSError(SECRET)
        except OSError as exc:
            raise KeyError("wrapped") from exc


def test_leak_failing_exception():
    raise RuntimeError("refused " + SECRET)


def test_leak_capsys(capsys):
    print(json.dumps({{"client_secret": SECRET}}))
    assert "client_secret" in capsys.readouterr().out


def test_leak_subprocess():
    subprocess.run([sys.executable, "-c", f"print({{SECRET!r}})"], capture_output=True, check=True)


def test_leak_collected_result():
    secret_guard.add_secret(DYNAMIC, "access token")
    result = {{"credentials": {{"access_token": DYNAMIC}}}}
    secret_guard.collect("a JSON result", json.dumps(result))


def test_leak_env_secret(monkeypatch):
    monkeypatch.setenv("MY_SERVICE_API_TOKEN", "env-token-77d1c0e2")
    logging.getLogger("x").warning("token=%s", os.environ["MY_SERVICE_API_TOKEN"])


def test_leak_sandbox_key_and_stored_credential():
    with Sandbox() as sb:
        headers = {{"Authorization": f"Bearer {{sb.secret_key}}"}}
        with httpx.Client(base_url=sb.base_url, headers=headers) as client:
            client.post("/integrations", json={{"provider": "sendgrid", "unique_key": "sg"}})
            client.post(
                "/connections",
                json={{
                    "provider_config_key": "sg",
                    "connection_id": "c1",
                    "credentials": {{"type": "API_KEY", "apiKey": "stored-api-key-c0ffee"}},
                }},
            )
        print("sandbox at", sb.base_url, "key", sb.secret_key)
        print("and a key stored in it: stored-api-key-c0ffee")


def test_leak_sdk_secret_key():
    with Nango("sdk-secret-key-4e5f6a7b", "http://127.0.0.1:9") as nango:
        logging.getLogger("app").info("client key %s", nango._settings.secret_key)


def test_clean_handles_secrets_without_showing_them(capsys, monkeypatch):
    monkeypatch.setenv("MY_SERVICE_API_TOKEN", "env-token-77d1c0e2")
    with Nango(SECRET, "http://127.0.0.1:9") as nango:
        print(repr(nango))
    logging.getLogger("x").debug("calling with %s", "***")
    with pytest.raises(ValueError):
        raise ValueError("bad credentials (redacted)")
    assert SECRET.startswith("gh-")
    assert capsys.readouterr().out.startswith("Nango(")


def test_clean_short_values_are_ignored():
    secret_guard.add_secret("pw-1", "password")
    print("pw-1")
"""

LEAKS = {
    "test_leak_print": ("client secret", "captured stdout call"),
    "test_leak_stderr": ("client secret", "captured stderr call"),
    "test_leak_debug_log": ("client secret", "log record (some.library DEBUG)"),
    "test_leak_log_traceback": ("client secret", "log record (x ERROR)"),
    "test_leak_caught_exception": ("client secret", "exception caught by pytest.raises"),
    "test_leak_exception_cause": ("client secret", "exception caught by pytest.raises (KeyError)"),
    "test_leak_failing_exception": ("client secret", "the exception the test call failed with"),
    "test_leak_capsys": ("client secret", "stdout read through capsys/capfd"),
    "test_leak_subprocess": ("client secret", "stdout of subprocess"),
    "test_leak_collected_result": ("access token", "a JSON result"),
    "test_leak_env_secret": ("environment variable MY_SERVICE_API_TOKEN", "log record (x WARNING)"),
    "test_leak_sandbox_key_and_stored_credential": ("sandbox secret key", "captured stdout call"),
    "test_leak_sdk_secret_key": ("Nango secret key", "log record (app INFO)"),
}


def test_guard_fails_every_leaking_inner_test_and_passes_the_clean_ones(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each way of leaking fails its test with the secret's kind and place, masked; clean
    tests pass."""
    monkeypatch.setenv("PYTHONPATH", str(TESTS_DIR))
    for variable in ("CI", "BUILD_NUMBER"):  # pytest's CI mode changes the summary's lines
        monkeypatch.delenv(variable, raising=False)
    pytester.makeconftest('pytest_plugins = ["secret_guard"]\n')
    pytester.makepyfile(test_inner=textwrap.dedent(INNER))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q", timeout=120)
    result.assert_outcomes(passed=2, failed=len(LEAKS))
    output = result.stdout.str() + result.stderr.str()
    for name in LEAKS:
        assert f"FAILED test_inner.py::{name}" in output
    # The failure reports only: the short summary repeats the messages in full when pytest
    # sees CI=true (as on CI), which would count each failure twice.
    reports = output.split("short test summary info", 1)[0]
    sections = reports.split("secret guard: a secret appeared in what this test produced")
    assert len(sections) == len(LEAKS) + 1
    for kind, where in LEAKS.values():
        assert any(f"{kind} '" in s and f"appeared in {where}" in s for s in sections[1:]), (
            kind,
            where,
        )
    assert "access token 'dyn...' (20 chars) appeared in a JSON result" in output
    # Neither the secrets nor the captured output that held them reach the report.
    for value in (GITHUB_CLIENT_SECRET, DYNAMIC, "env-token-77d1c0e2", "stored-api-key-c0ffee"):
        assert value not in output
    assert "sdk-secret-key-4e5f6a7b" not in output
    assert "and a key stored in it: 'sto...' (21 chars)" in output
    assert f"secret guard: {len(LEAKS) + 2} tests guarded" in output
    assert f"{len(LEAKS)} leaks in" in output or f"in {len(LEAKS)} tests" in output
