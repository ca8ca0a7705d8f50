"""The sync step against a sandbox with a deployed sync: trigger, wait until done, read records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from cli_support import CliRun, Control, unique
from nango_toolbox import cli
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider

FUNCTIONS = str(Path(__file__).with_name("runner_functions.py"))


@pytest.fixture(scope="module")
def sync_sandbox() -> Iterator[Sandbox]:
    """A sandbox with the 'items' sync deployed to sendgrid integrations."""
    with Sandbox(functions=FUNCTIONS) as sb:
        yield sb


@pytest.fixture
def sync_control(
    sync_sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Control]:
    """nango-run pointed at the sync sandbox (from an empty directory), and its control."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NANGO_SECRET_KEY", sync_sandbox.secret_key)
    monkeypatch.setenv("NANGO_SERVER_URL", sync_sandbox.base_url)
    with httpx.Client(
        base_url=sync_sandbox.base_url,
        headers={"Authorization": f"Bearer {sync_sandbox.secret_key}"},
    ) as client:
        yield Control(client)


def _connected(control: Control) -> tuple[str, str]:
    """A new sendgrid integration (the syncs are deployed to them) and one connection."""
    key = unique("sendgrid")
    control.client.post(
        "/integrations", json={"provider": "sendgrid", "unique_key": key}
    ).raise_for_status()
    return key, control.connect(key, unique("user"))


def test_sync_trigger_waits_then_records_are_read(
    sync_control: Control,
    capsys: pytest.CaptureFixture[str],
    write_workflow: Callable[[str], Path],
) -> None:
    """sync trigger with wait polls /sync/status until the triggered run is over; records then
    holds what it saved."""
    control = sync_control
    key, connection_id = _connected(control)
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
    requests = [(m, p.split("?")[0]) for m, p in control.requests()]
    assert requests[:3] == [
        ("GET", "/sync/status"),  # the previous run, to tell the triggered one from it
        ("POST", "/sync/trigger"),
        ("GET", "/sync/status"),
    ]
    assert requests[-1][1].startswith("/records")


def _sync_flow(
    write_workflow: Callable[[str], Path], key: str, connection_id: str, sync: str
) -> Path:
    return write_workflow(
        f"""
        version: 1
        name: sync
        steps:
          - id: run
            sync:
              connection: {{integration: {key}, connection_id: {connection_id}}}
              operation: trigger
              syncs: [{sync}]
              wait: 30s
              poll_interval: 20ms
        """
    )


def test_a_sync_ending_in_error_fails_the_step_naming_it(
    sync_control: Control,
    capsys: pytest.CaptureFixture[str],
    write_workflow: Callable[[str], Path],
) -> None:
    """With wait, a sync whose run ends in ERROR fails the step, naming the sync and the
    connection; the outputs keep the statuses."""
    key, connection_id = _connected(sync_control)
    capsys.readouterr()
    code = cli.main(
        [str(_sync_flow(write_workflow, key, connection_id, "broken")), "--output", "json"]
    )
    result = CliRun(code, *capsys.readouterr())
    assert result.code == 1, result.text
    step = result.json()["steps"][0]
    assert step["error"] == (
        f"the sync 'broken' of connection {connection_id!r} ended in ERROR (see its logs in the "
        "Nango dashboard); set continue_on_error: true to go on anyway (the outputs keep the "
        "statuses)"
    )
    assert [s["status"] for s in step["outputs"]["syncs"]] == ["ERROR"]


def _status(status: str, finished_at: str | None) -> dict[str, object]:
    sync = {"id": "s1", "connection_id": "c1", "name": "items", "variant": "base"}
    return {"syncs": [{**sync, "status": status, "finishedAt": finished_at}]}


def test_wait_ignores_the_previous_run_nango_reports_until_the_job_is_picked_up(
    fake_provider: RecordingProvider,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    write_workflow: Callable[[str], Path],
) -> None:
    """Against a server that, like real Nango, reports the previous run (SUCCESS, its
    finishedAt) after the trigger, the step waits until the triggered run has finished."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NANGO_SECRET_KEY", "5b0a3a4e-2f6c-4d8e-9a1b-3c4d5e6f7a8b")
    monkeypatch.setenv("NANGO_SERVER_URL", fake_provider.url)
    old, new = "2026-12-04T10:00:00.000Z", "2026-12-04T10:05:00.000Z"
    fake_provider.respond(200, _status("SUCCESS", old))  # before the trigger
    fake_provider.respond(200, {"success": True})  # POST /sync/trigger
    fake_provider.respond(200, _status("SUCCESS", old), times=2)  # not picked up yet
    fake_provider.respond(200, _status("RUNNING", old))
    fake_provider.respond(200, _status("SUCCESS", new))
    capsys.readouterr()
    code = cli.main([str(_sync_flow(write_workflow, "k", "c1", "items")), "--output", "json"])
    result = CliRun(code, *capsys.readouterr())
    assert result.code == 0, result.text
    assert result.json()["steps"][0]["outputs"]["syncs"][0]["finishedAt"] == new
    assert [(r.method, r.path.split("?")[0]) for r in fake_provider.requests] == [
        ("GET", "/sync/status"),
        ("POST", "/sync/trigger"),
        *[("GET", "/sync/status")] * 4,
    ]
