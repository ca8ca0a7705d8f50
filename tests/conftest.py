"""Shared fixtures: a started sandbox, an httpx client for it, and a recording fake provider.

``from recording_provider import RecordingProvider`` (tests/ is on sys.path) for annotations.

The ``sandbox`` fixture is session-scoped and shared by every test: never assume empty state,
create integrations and connections with unique keys
(``from sandbox_testing import unique``; ``unique("gh")``).

Every test runs under the secret guard (tests/secret_guard.py): it fails when a secret appears
in what the test printed, logged, raised or captured.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from spec_conformance import check_response

# pytester: the secret guard's own test runs an inner suite. secret_guard: see its docstring.
pytest_plugins = ["pytester", "secret_guard"]


@pytest.fixture(scope="session")
def fake_provider_server() -> Iterator[RecordingProvider]:
    server = RecordingProvider()
    yield server
    server.close()


@pytest.fixture
def fake_provider(fake_provider_server: RecordingProvider) -> RecordingProvider:
    """The recording fake provider, emptied for this test."""
    fake_provider_server.reset()
    return fake_provider_server


@pytest.fixture(scope="session")
def sandbox(fake_provider_server: RecordingProvider) -> Iterator[Sandbox]:
    """A started sandbox: github/slack/openai answered by its own /_fake APIs, and sendgrid
    (API_KEY), hubspot (OAUTH2) and freshdesk (BASIC) pointed at the recording fake provider."""
    with Sandbox(
        provider_base_urls={
            "sendgrid": fake_provider_server.url,
            "hubspot": fake_provider_server.url,
            "freshdesk": fake_provider_server.url,
        },
        time_scale=0.01,
    ) as sb:
        yield sb


@pytest.fixture
def sandbox_client(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """Raw httpx against the sandbox, authenticated with its secret key; every JSON answer on a
    path of openapi/nango.yaml is checked against the spec's schema for its status code."""
    with httpx.Client(
        base_url=sandbox.base_url,
        headers={"Authorization": f"Bearer {sandbox.secret_key}"},
        timeout=30,
        event_hooks={"response": [check_response]},
    ) as client:
        yield client
