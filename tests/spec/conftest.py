"""Fixtures for the spec and generated-client tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from ._canned_server import CannedServer

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "nango.yaml"
SECRET_KEY = "6a1f0b9e-3c1d-4b7a-9a55-2f3f6c0d8e11"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The parsed OpenAPI document."""
    with SPEC_PATH.open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = yaml.safe_load(fh)
    return loaded


@pytest.fixture
def server() -> Iterator[CannedServer]:
    """A real HTTP server on 127.0.0.1 answering canned JSON."""
    srv = CannedServer()
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def client(server: CannedServer) -> Iterator[Any]:
    """The generated client pointed at the canned server, with the secret key as bearer token."""
    from nango_client import AuthenticatedClient

    with AuthenticatedClient(
        base_url=server.base_url,
        token=SECRET_KEY,
        timeout=httpx.Timeout(10.0),
        raise_on_unexpected_status=True,
    ) as c:
        yield c
