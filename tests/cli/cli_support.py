"""Helpers of the CLI tests (nango-run's and nango-toolbox's): the result of an in-process run, the
sandbox control endpoints and the fixture that clears their faults, and the environment that points
a command at the session sandbox."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from known_secrets import GITHUB_CLIENT_SECRET
from nango_toolbox.sandbox import Sandbox

__all__ = [
    "GITHUB_CLIENT_SECRET",
    "REPO",
    "WORKFLOWS",
    "CliRun",
    "Control",
    "control",
    "in_process",
    "point_at_sandbox",
    "unique",
]

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / "workflows"


@dataclass
class CliRun:
    """The result of one nango-run invocation."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """stdout parsed as the one JSON document of --output json."""
        return json.loads(self.out)

    @property
    def text(self) -> str:
        """stdout and stderr together."""
        return self.out + self.err


class Control:
    """The sandbox's /_sandbox control endpoints."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def reset_requests(self) -> None:
        self.client.delete("/_sandbox/requests").raise_for_status()

    def requests(self) -> list[tuple[str, str]]:
        response = self.client.get("/_sandbox/requests")
        response.raise_for_status()
        return [(r["method"], r["path"]) for r in response.json()["requests"]]

    def complete(self, link_url: str, credentials: dict[str, Any] | None = None) -> Any:
        # /connect/<token> or Nango's /connect?session_token=<token>
        found = re.search(r"nango_connect_session_[0-9a-f]+", link_url)
        assert found, f"no connect session token in {link_url!r}"
        token = found.group(0)
        body: dict[str, Any] = {"token": token}
        if credentials:
            body["credentials"] = credentials
        response = self.client.post("/_sandbox/connect/complete", json=body)
        response.raise_for_status()
        return response.json()

    def seed_records(self, key: str, connection_id: str, model: str, records: list[Any]) -> None:
        response = self.client.post(
            "/_sandbox/records",
            json={
                "provider_config_key": key,
                "connection_id": connection_id,
                "model": model,
                "records": records,
            },
        )
        response.raise_for_status()

    def fault(self, **rule: Any) -> None:
        self.client.post("/_sandbox/faults", json=rule).raise_for_status()

    def clear_faults(self) -> None:
        self.client.delete("/_sandbox/faults").raise_for_status()

    def connect(self, integration: str, end_user_id: str, **credentials: Any) -> str:
        """Create a connection for an end user through a connect session; returns its id."""
        response = self.client.post(
            "/connect/sessions",
            json={"tags": {"end_user_id": end_user_id}, "allowed_integrations": [integration]},
        )
        response.raise_for_status()
        token = response.json()["data"]["token"]
        body: dict[str, Any] = {"token": token}
        if credentials:
            body["credentials"] = credentials
        done = self.client.post("/_sandbox/connect/complete", json=body)
        done.raise_for_status()
        return str(done.json()["connection_id"])

    def api_key_connection(self, api_key: str, end_user: str | None = None) -> tuple[str, str]:
        """A sendgrid (API_KEY) integration, answered by the recording fake provider, and one
        connection of it holding ``api_key``: (integration, connection id)."""
        key, connection_id = unique("sendgrid"), unique("c")
        self.client.post(
            "/integrations", json={"provider": "sendgrid", "unique_key": key}
        ).raise_for_status()
        body: dict[str, Any] = {
            "provider_config_key": key,
            "connection_id": connection_id,
            "credentials": {"type": "API_KEY", "apiKey": api_key},
        }
        if end_user is not None:
            body["end_user"] = {"id": end_user}
        self.client.post("/connections", json=body).raise_for_status()
        return key, connection_id


def unique(prefix: str = "t") -> str:
    """A fresh identifier, so tests sharing the session sandbox never collide."""
    import uuid

    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def control(sandbox_client: httpx.Client) -> Iterator[Control]:
    """Control of the session sandbox, with faults cleared afterwards."""
    ctl = Control(sandbox_client)
    yield ctl
    ctl.clear_faults()


def point_at_sandbox(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point a command at the sandbox through the environment, from the empty ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NANGO_TOOLBOX_SECRET_KEY", raising=False)
    monkeypatch.setenv("NANGO_SECRET_KEY", sandbox.secret_key)
    monkeypatch.setenv("NANGO_SERVER_URL", sandbox.base_url)
    return tmp_path


def in_process(
    main: Callable[[list[str]], int], capsys: pytest.CaptureFixture[str]
) -> Callable[..., CliRun]:
    """A function that calls ``main`` with its arguments and returns what it printed."""

    def run(*args: Any) -> CliRun:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
