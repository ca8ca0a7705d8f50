"""Helpers of the SDK tests (importable as ``sdk_support``: tests/sdk is on sys.path)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx


def unique(prefix: str = "t") -> str:
    """A fresh identifier: the session sandbox is shared, never assume empty state."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class Control:
    """The sandbox's /_sandbox control endpoints: faults, request log, record seeding."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def fault(self, **rule: Any) -> None:
        response = self.client.post("/_sandbox/faults", json=rule)
        assert response.status_code < 300, response.text

    def clear_faults(self) -> None:
        self.client.delete("/_sandbox/faults")

    def requests(self, path: str) -> list[dict[str, Any]]:
        """Logged API requests whose path is ``path``."""
        log = self.client.get("/_sandbox/requests").json()["requests"]
        return [r for r in log if r["path"].split("?")[0] == path]

    def seed(
        self, provider_config_key: str, connection_id: str, model: str, records: list[Any]
    ) -> None:
        response = self.client.post(
            "/_sandbox/records",
            json={
                "provider_config_key": provider_config_key,
                "connection_id": connection_id,
                "model": model,
                "records": records,
            },
        )
        assert response.status_code < 300, response.text


@dataclass(frozen=True)
class Conn:
    """An API_KEY connection to the recording fake provider (sendgrid integration)."""

    integration: str
    connection_id: str
