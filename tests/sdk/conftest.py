"""Fixtures of the SDK tests: clients on the session sandbox, resources with unique keys,
fault injection that is cleared after each test, and a recorder of retry waits."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from hostile_server import HostileServer
from nango_toolbox import AsyncNango, Nango
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from sandbox_testing import SleepRecorder
from sdk_support import Conn, Control, unique


@pytest.fixture(scope="session")
def hostile_server() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.close()


@pytest.fixture
def hostile(hostile_server: HostileServer) -> HostileServer:
    """The hostile HTTP server (tests/hostile_server.py), emptied for this test."""
    hostile_server.reset()
    return hostile_server


@pytest.fixture
def waits() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def nango(sandbox: Sandbox, waits: SleepRecorder) -> Iterator[Nango]:
    """A sync client on the sandbox whose retry waits are recorded, not slept."""
    with Nango(sandbox.secret_key, sandbox.base_url, sleep=waits) as client:
        yield client


@pytest.fixture
async def anango(sandbox: Sandbox, waits: SleepRecorder) -> AsyncIterator[AsyncNango]:
    """An async client on the sandbox whose retry waits are recorded, not slept."""
    async with AsyncNango(sandbox.secret_key, sandbox.base_url, sleep=waits.async_sleep) as client:
        yield client


@pytest.fixture
def control(sandbox_client: httpx.Client) -> Iterator[Control]:
    ctl = Control(sandbox_client)
    yield ctl
    ctl.clear_faults()


@pytest.fixture
def conn(sandbox_client: httpx.Client, fake_provider: RecordingProvider) -> Conn:
    """A fresh sendgrid integration and API_KEY connection, created with raw HTTP (not the SDK)."""
    key = unique("st")
    connection_id = unique("c")
    created = sandbox_client.post("/integrations", json={"provider": "sendgrid", "unique_key": key})
    assert created.status_code == 200, created.text
    imported = sandbox_client.post(
        "/connections",
        json={
            "provider_config_key": key,
            "connection_id": connection_id,
            "credentials": {"type": "API_KEY", "apiKey": "sk_test_secret"},
        },
    )
    assert imported.status_code == 201, imported.text
    return Conn(key, connection_id)
