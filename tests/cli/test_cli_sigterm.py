"""SIGTERM (timeout, systemd, docker stop, CI cancellation) ends a nango-run process as Ctrl+C
does: the summary of what was done, the JSON document, and exit code 143."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from cli_support import unique
from nango_toolbox.sandbox import Sandbox

NANGO_RUN = str(Path(sys.executable).with_name("nango-run"))


def _waiting_run(sandbox: Sandbox, tmp_path: Path, *options: str) -> subprocess.Popen[str]:
    """nango-run waiting (up to 10 minutes) for an end user, after one step that succeeded."""
    flow = tmp_path / "wait.yaml"
    flow.write_text(
        "version: 1\nname: w\nsteps:\n  - id: i\n    ensure_integration: {provider: sendgrid, "
        f"unique_key: {unique('sendgrid')}}}\n  - id: c\n    connection: {{integration: "
        "'${{ steps.i.outputs.unique_key }}', end_user: {id: nobody}, wait: 10m, "
        "poll_interval: 100ms}\n  - id: after\n    discover: {what: integrations}\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "NANGO_SECRET_KEY": sandbox.secret_key,
        "NANGO_SERVER_URL": sandbox.base_url,
    }
    return subprocess.Popen(
        [NANGO_RUN, str(flow), *options],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )


def _terminate_when(process: subprocess.Popen[str], marker: str) -> tuple[str, str]:
    """Send SIGTERM once stderr shows ``marker``; return stdout and the rest of stderr."""
    assert process.stderr is not None
    for line in process.stderr:
        if marker in line:
            break
    process.send_signal(signal.SIGTERM)
    try:
        return process.communicate(timeout=60)  # a hang guard: the wait lasts 10 minutes
    finally:
        process.kill()


def test_sigterm_in_json_mode_prints_the_interrupted_document_and_exits_143(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Under --output json, SIGTERM gives one document with status interrupted and signal
    SIGTERM, the summary line on stderr, and exit code 143."""
    process = _waiting_run(sandbox, tmp_path, "--output", "json")
    out, err = _terminate_when(process, '"event": "waiting_for_end_user"')
    assert process.returncode == 143
    document = json.loads(out)
    assert document["status"] == "interrupted"
    assert document["signal"] == "SIGTERM"
    assert document["error"] == "terminated (SIGTERM) during step c"
    assert document["interrupted_step"] == "c"
    assert document["not_run"] == ["after"]
    assert [(s["id"], s["status"]) for s in document["steps"]] == [
        ("i", "success"),
        ("c", "interrupted"),
    ]
    assert err.startswith("nango-run: terminated (SIGTERM) during step c (workflow w, after ")
    assert err.rstrip().endswith("done: i; not run: after")


def test_sigterm_in_human_mode_says_what_was_done_and_exits_143(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """In human mode SIGTERM prints the one summary line (done, not run) and exits with 143."""
    process = _waiting_run(sandbox, tmp_path)
    out, err = _terminate_when(process, ">>> It expires at")
    assert process.returncode == 143
    assert out == ""
    summary = [line for line in err.splitlines() if line.startswith("nango-run:")]
    assert len(summary) == 1
    assert summary[0].startswith("nango-run: terminated (SIGTERM) during step c (workflow w, ")
    assert summary[0].endswith("done: i; not run: after")
    assert "Traceback" not in err


def test_quiet_run_waiting_for_an_end_user_shows_the_link_on_one_line(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """With -q a run that waits for a real end user prints the link on one '>>>' line (no block,
    no progress lines), and SIGTERM still ends it with the summary and 143."""
    process = _waiting_run(sandbox, tmp_path, "-q")
    assert process.stderr is not None
    first = process.stderr.readline()
    assert first.startswith(">>> waiting for the end user to connect sendgrid-")
    assert ": http" in first and "(expires " in first
    process.send_signal(signal.SIGTERM)  # nothing more comes on stderr while it waits
    try:
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 143
    assert err.splitlines()[0].startswith("nango-run: terminated (SIGTERM) during step c")
