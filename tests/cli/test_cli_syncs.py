"""The sync step against a sandbox with a deployed sync: trigger, wait until done, read records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from cli_support import CliRun, Control, unique
from nango_toolbox import cli
from nango_toolbox.sandbox import Sandbox

FUNCTIONS = str(Path(__file__).with_name("runner_functions.py"))


@pytest.fixture(scope="module")
def sync_sandbox() -> Iterator[Sandbox]:
    """A sandbox with the 'items' sync deployed to sendgrid integrations."""
    with Sandbox(functions=FUNCTIONS) as sb:
        yield sb


def test_sync_trigger_waits_then_records_are_read(
    sync_sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    write_workflow: Callable[[str], Path],
) -> None:
    """sync trigger with wait polls /sync/status until the run is over; records then holds them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NANGO_SECRET_KEY", sync_sandbox.secret_key)
    monkeypatch.setenv("NANGO_SERVER_URL", sync_sandbox.base_url)
    with httpx.Client(
        base_url=sync_sandbox.base_url,
        headers={"Authorization": f"Bearer {sync_sandbox.secret_key}"},
    ) as client:
        control = Control(client)
        key = unique("sendgrid")
        client.post(
            "/integrations", json={"provider": "sendgrid", "unique_key": key}
        ).raise_for_status()
        connection_id = control.connect(key, unique("user"))
        flow = write_workflow(
            f"""
            version: 1
            name: sync-then-read
            steps:
              - id: run
                sync:
                  connection: {{integration: {key}, connection_id: {connection_id}}}
                  operation: trigger
                  syncs: [items]
                  wait: 30s
                  poll_interval: 50ms
              - id: read
                records:
                  connection: {{integration: {key}, connection_id: {connection_id}}}
                  model: Item
            outputs:
              status: ${{{{ steps.run.outputs.syncs[0].status }}}}
              names: ${{{{ steps.read.outputs.records }}}}
            """
        )
        control.reset_requests()
        capsys.readouterr()
        code = cli.main([str(flow), "--output", "json"])
        result = CliRun(code, *capsys.readouterr())
        assert result.code == 0, result.text
        outputs = result.json()["outputs"]
        assert outputs["status"] != "RUNNING"
        assert [r["name"] for r in outputs["names"]] == ["item 0", "item 1", "item 2"]
        requests = control.requests()
        assert requests[0] == ("POST", "/sync/trigger")
        assert requests[-1][1].startswith("/records")
