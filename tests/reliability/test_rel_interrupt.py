"""Ctrl+C: nango-run, a real process, interrupted while a later step waits on a slow answer exits
130 at once with one line and a summary of what was done (human and JSON), also from inside a
concurrent for_each whose workers are all inside requests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox

pytestmark = pytest.mark.reliability

NANGO_RUN = str(Path(sys.executable).with_name("nango-run"))
SLOW_MS = 20_000  # far longer than the bound on the exit
EXIT_BOUND = 10.0  # seconds from SIGINT to exit


@pytest.fixture(scope="module")
def sb() -> Iterator[Sandbox]:
    """A sandbox of its own: its faults slow down every GET /connections."""
    with Sandbox(time_scale=0.01) as sandbox:
        yield sandbox


@pytest.fixture
def control(sb: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"}, timeout=30
    ) as client:
        client.delete("/_sandbox/faults").raise_for_status()
        client.post(
            "/_sandbox/faults", json={"route": "GET /connections", "latency_ms": SLOW_MS}
        ).raise_for_status()
        yield client
        client.delete("/_sandbox/faults").raise_for_status()


def workflow(tmp_path: Path, slow_step: str) -> Path:
    """Two quick steps, the slow step, then two steps that never run."""
    key = f"sg-{uuid.uuid4().hex[:8]}"
    flow = tmp_path / "interrupt.yaml"
    flow.write_text(
        f"""version: 1
name: interrupt-me
steps:
  - id: integration
    ensure_integration: {{provider: sendgrid, unique_key: {key}}}
  - id: listed
    discover: {{what: integrations}}
{slow_step}
  - id: after
    discover: {{what: integrations}}
  - id: last
    discover: {{what: integrations}}
""",
        encoding="utf-8",
    )
    return flow


SLOW = """  - id: slow
    discover: {what: connections, integration: '${{ steps.integration.outputs.unique_key }}'}"""
FAN_OUT = """  - id: slow
    for_each:
      items: [a, b, c, d]
      concurrency: 4
      steps:
        - id: look
          discover: {what: connections, integration: '${{ steps.integration.outputs.unique_key }}'}"""


def interrupt(
    sb: Sandbox, control: httpx.Client, flow: Path, in_flight: int, *options: str
) -> tuple[int, str, str, float]:
    """Start nango-run, wait (polling the sandbox) until ``in_flight`` slow requests are being
    answered, send SIGINT; returns exit code, stdout, stderr and seconds from SIGINT to exit."""
    env = {**os.environ, "NANGO_SECRET_KEY": sb.secret_key, "NANGO_SERVER_URL": sb.base_url}
    process = subprocess.Popen(
        [NANGO_RUN, str(flow), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=flow.parent,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            faults = control.get("/_sandbox/faults").json()["faults"]
            if faults and faults[0]["hits"] >= in_flight:
                break
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the slow step never started"
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        sent = time.monotonic()
        out, err = process.communicate(timeout=EXIT_BOUND + 20)
        return process.returncode, out, err, time.monotonic() - sent
    finally:
        process.kill()


def check_stderr(err: str, sb: Sandbox, done: str) -> str:
    assert "Traceback" not in err and sb.secret_key not in err
    lines = [line for line in err.splitlines() if line.startswith("nango-run: interrupted")]
    assert len(lines) == 1, err
    assert lines[0].startswith("nango-run: interrupted (Ctrl+C) during step slow (workflow ")
    assert lines[0].endswith(f"; done: {done}; not run: after, last")
    return lines[0]


def test_interrupt_mid_request_exits_130_with_a_summary(
    sb: Sandbox, control: httpx.Client, tmp_path: Path
) -> None:
    """SIGINT while step 3 waits on a 20 s answer: exit 130 within 10 s, one line naming the
    interrupted step, the steps done and the steps not run; the finished steps' lines before it."""
    code, out, err, took = interrupt(sb, control, workflow(tmp_path, SLOW), 1)
    assert code == 130, err
    assert took < EXIT_BOUND
    check_stderr(err, sb, "integration, listed")
    assert "SUCCESS  integration (ensure_integration)" in err
    assert "SUCCESS  listed (discover)" in err
    assert "INTERRUPTED slow (discover)" in err
    assert out == ""


def test_interrupt_in_json_mode_gives_the_summary_document(
    sb: Sandbox, control: httpx.Client, tmp_path: Path
) -> None:
    """With --output json, stdout is one document: status interrupted, the steps with their
    status, the interrupted step and the steps not run."""
    code, out, err, took = interrupt(sb, control, workflow(tmp_path, SLOW), 1, "--output", "json")
    assert code == 130, err
    assert took < EXIT_BOUND
    check_stderr(err, sb, "integration, listed")
    doc = json.loads(out)
    assert doc["status"] == "interrupted"
    assert doc["workflow"] == "interrupt-me"
    assert doc["error"] == "interrupted (Ctrl+C) during step slow"
    assert doc["interrupted_step"] == "slow"
    assert doc["not_run"] == ["after", "last"]
    assert [(s["id"], s["status"]) for s in doc["steps"]] == [
        ("integration", "success"),
        ("listed", "success"),
        ("slow", "interrupted"),
    ]
    assert sb.secret_key not in out


def test_interrupt_during_a_concurrent_for_each_exits_at_once(
    sb: Sandbox, control: httpx.Client, tmp_path: Path
) -> None:
    """SIGINT while four for_each workers are each inside a 20 s request: exit 130 within 10 s
    (the workers are not waited for), with the same summary."""
    code, out, err, took = interrupt(
        sb, control, workflow(tmp_path, FAN_OUT), 4, "--output", "json"
    )
    assert code == 130, err
    assert took < EXIT_BOUND
    check_stderr(err, sb, "integration, listed")
    doc = json.loads(out)
    assert doc["interrupted_step"] == "slow"
    assert doc["not_run"] == ["after", "last"]
    assert ("slow", "interrupted") in [(s["id"], s["status"]) for s in doc["steps"]]
