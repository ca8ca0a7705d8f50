"""Fixtures of the sandbox-functions tests: a sandbox with `sample_functions` deployed."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fn_helpers import SAMPLE_FUNCTIONS, Conn, make_connection
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from spec_conformance import check_response


@pytest.fixture(scope="session")
def fn_sandbox(fake_provider_server: RecordingProvider) -> Iterator[Sandbox]:
    """A sandbox with the sample functions, sendgrid pointed at the recording fake provider."""
    with Sandbox(
        functions=SAMPLE_FUNCTIONS,
        provider_base_urls={"sendgrid": fake_provider_server.url},
        time_scale=0.01,
    ) as sb:
        yield sb


@pytest.fixture
def client(fn_sandbox: Sandbox) -> Iterator[httpx.Client]:
    """httpx with the secret key; every JSON answer on a spec path is checked against the spec."""
    with httpx.Client(
        base_url=fn_sandbox.base_url,
        headers={"Authorization": f"Bearer {fn_sandbox.secret_key}"},
        timeout=60,
        event_hooks={"response": [check_response]},
    ) as http:
        yield http


@pytest.fixture
def raw_client(fn_sandbox: Sandbox) -> Iterator[httpx.Client]:
    """httpx with the secret key and no spec check (for bulk traffic)."""
    with httpx.Client(
        base_url=fn_sandbox.base_url,
        headers={"Authorization": f"Bearer {fn_sandbox.secret_key}"},
        timeout=120,
    ) as http:
        yield http


@pytest.fixture
def conn(client: httpx.Client) -> Conn:
    """A fresh sendgrid integration and connection."""
    return make_connection(client)
