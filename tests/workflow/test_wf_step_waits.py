"""The waits a step leaves to the SDK (a sync trigger's ``wait``, an async action's result) end
with the step's ``timeout``: the SDK's polling cannot be cancelled, so it must not outlive the
step (on a client whose sleeps are recorded, not slept)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from nango_toolbox import Nango
from nango_toolbox.workflow.executor import Executor
from nango_toolbox.workflow.gateway import Gateway
from nango_toolbox.workflow.runtime import RunOptions
from nango_toolbox.workflow.validate import load_workflow

KEY = "2a7e9c1d-4b3f-4e6a-8d5c-9f0b1a2c3d4e"
RUNNING: dict[str, Any] = {
    "id": "s1",
    "connection_id": "c",
    "name": "issues",
    "variant": "base",
    "status": "RUNNING",
    "type": "INCREMENTAL",
    "finishedAt": None,
    "nextScheduledSyncAt": None,
    "frequency": "every hour",
    "latestResult": {},
    "recordCount": {},
}

DEPLOYED: dict[str, Any] = {
    "providerConfigKey": "k",
    "provider": "github",
    "syncs": [],
    "actions": [{"name": "send", "enabled": True}],
    "on-events": [],
}


def _never_done(sent: list[str]) -> Callable[[httpx.Request], httpx.Response]:
    """Nango where a triggered sync runs forever and an async action never has a result."""

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        if request.url.path == "/scripts/config":
            return httpx.Response(200, json=[DEPLOYED])
        if request.url.path == "/action/trigger":
            return httpx.Response(202, json={"id": "a1", "statusUrl": "/action/a1"})
        if request.url.path == "/action/a1":
            return httpx.Response(404, json={"error": {"code": "not_found", "message": "..."}})
        if request.method == "POST":
            return httpx.Response(200, json={"success": True})
        return httpx.Response(200, json={"syncs": [RUNNING]})

    return answer


def _run(tmp_path: Path, step: str) -> tuple[str, list[str], list[float]]:
    """Run a one-step workflow with a 5 s step timeout; its status, the requests, the sleeps."""
    sent: list[str] = []
    slept: list[float] = []
    client = httpx.Client(transport=httpx.MockTransport(_never_done(sent)))
    nango = Nango(KEY, "http://nango.test", http_client=client, sleep=slept.append)
    flow = tmp_path / "flow.yaml"
    flow.write_text(
        textwrap.dedent(
            f"""
            version: 1
            name: waits
            steps:
              - id: s
                timeout: 5s
                {step}
            """
        ),
        encoding="utf-8",
    )
    result = Executor(Gateway(nango), RunOptions()).run(load_workflow(str(flow), {}))
    return result.status, sent, slept


def test_a_sync_wait_longer_than_the_step_timeout_stops_polling_with_the_step(
    tmp_path: Path,
) -> None:
    """wait: 600s under timeout: 5s polls for at most 5 s, after one trigger."""
    connection = "{integration: k, connection_id: c}"
    status, sent, slept = _run(
        tmp_path,
        f"sync: {{connection: {connection}, operation: trigger, syncs: [issues], wait: 600s}}",
    )
    assert status == "failed"
    assert sent.count("POST /sync/trigger") == 1
    assert 0 < sum(slept) <= 5


def test_an_async_action_wait_longer_than_the_step_timeout_stops_polling_with_the_step(
    tmp_path: Path,
) -> None:
    """An async action with wait: 600s under timeout: 5s polls for at most 5 s, after one
    trigger."""
    connection = "{integration: k, connection_id: c}"
    status, sent, slept = _run(
        tmp_path,
        f"action: {{connection: {connection}, name: send, async: true, wait: 600s}}",
    )
    assert status == "failed"
    assert sent.count("POST /action/trigger") == 1
    assert 0 < sum(slept) <= 5
