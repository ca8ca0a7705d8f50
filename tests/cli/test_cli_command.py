"""The nango-run command: step controls, dry runs, output formats, exit codes, secrets, start-up."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import GITHUB_CLIENT_SECRET, REPO, WORKFLOWS, CliRun, Control, unique
from nango_toolbox.sandbox import Sandbox

RunCli = Callable[..., CliRun]
Write = Callable[[str], Path]
NANGO_RUN = str(Path(sys.executable).with_name("nango-run"))


def _integration(control: Control) -> str:
    key = unique("sendgrid")
    control.client.post(
        "/integrations", json={"provider": "sendgrid", "unique_key": key}
    ).raise_for_status()
    return key


def _steps(result: CliRun) -> list[tuple[str, str]]:
    return [(s["id"], s["status"]) for s in result.json()["steps"]]


# -- step controls --------------------------------------------------------------------------


def test_if_skips_steps(nango_run: RunCli, control: Control, write_workflow: Write) -> None:
    """A false if (with or without ${{ }}) skips the step; a true one runs it."""
    key = _integration(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        inputs:
          go: {{type: boolean, default: false}}
        steps:
          - id: a
            if: ${{{{ inputs.go }}}}
            discover: {{what: integrations}}
          - id: b
            if: "!inputs.go"
            discover: {{what: connections, integration: {key}}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    assert _steps(result) == [("a", "skipped"), ("b", "success")]
    assert _steps(nango_run(flow, "--input", "go=true", "--output", "json")) == [
        ("a", "success"),
        ("b", "skipped"),
    ]


def test_retries_rerun_a_failed_step(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """A step with retries runs again after a failure and succeeds on the next attempt."""
    key = _integration(control)
    control.fault(
        route=f"GET /integrations/{key}", times=3, status=503, headers={"retry-after": "0"}
    )
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: i
            retries: 1
            retry_delay: 0
            ensure_integration: {{provider: sendgrid, unique_key: {key}}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    step = result.json()["steps"][0]
    assert (step["status"], step["attempts"]) == ("success", 2)


def test_timeout_fails_the_step(nango_run: RunCli, control: Control, write_workflow: Write) -> None:
    """A step that outlives its timeout fails with exit code 1 and says so."""
    key = _integration(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: c
            timeout: 300ms
            connection: {{integration: {key}, end_user: {{id: nobody}}, wait: 1m, poll_interval: 50ms}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 1
    assert "timed out after 0.3s" in result.json()["error"]


def test_continue_on_error_records_the_failure_and_goes_on(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """A failing step with continue_on_error is recorded as failed and the workflow succeeds."""
    key = _integration(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: bad
            continue_on_error: true
            connection: {{integration: {key}, connection_id: missing-1}}
          - id: after
            if: ${{{{ steps.bad.status == 'failed' }}}}
            discover: {{what: integrations}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    assert _steps(result) == [("bad", "failed"), ("after", "success")]
    assert "does not exist" in result.json()["steps"][0]["error"]


def test_runtime_reference_errors_name_the_reference(
    nango_run: RunCli, write_workflow: Write
) -> None:
    """An output reading a field the step did not produce fails naming the reference."""
    flow = write_workflow(
        """
        version: 1
        name: t
        steps:
          - id: all
            discover: {what: integrations}
        outputs:
          first: ${{ steps.all.outputs.nothing_here }}
        """
    )
    result = nango_run(flow)
    assert result.code == 1
    assert "outputs.first: unknown reference steps.all.outputs.nothing_here" in result.err
    assert "Traceback" not in result.err


# -- dry run --------------------------------------------------------------------------------


def test_dry_run_reads_only_and_prints_the_plan(
    nango_run: RunCli, control: Control, github_ready: str
) -> None:
    """--dry-run performs only reads and lists the writes it would make."""
    control.reset_requests()
    result = nango_run(
        str(WORKFLOWS / "github_issue.yaml"),
        "--input",
        "repo=o/r",
        "--input",
        "title=t",
        "--input",
        f"user_id={unique('user')}",
        "--dry-run",
        "--output",
        "json",
    )
    assert result.code == 0, result.text
    doc = result.json()
    assert [w["path"] for w in doc["plan"]] == ["/connect/sessions"]
    assert _steps(result) == [
        ("integration", "success"),
        ("github", "planned"),
        ("scopes", "planned"),
        ("issue", "planned"),
    ]
    assert all(method == "GET" for method, _ in control.requests())


def test_dry_run_human_output_lists_planned_writes(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """In human mode the plan is printed on stdout, one write per line."""
    key = unique("sendgrid")
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration: {{provider: sendgrid, unique_key: {key}}}
        """
    )
    result = nango_run(flow, "--dry-run")
    assert result.code == 0, result.text
    assert (
        f"  - POST /integrations: create the integration '{key}' (provider sendgrid)" in result.out
    )
    assert control.client.get(f"/integrations/{key}").status_code == 404


# -- output formats and secrets ------------------------------------------------------------


def test_human_output_has_one_line_per_step(nango_run: RunCli, write_workflow: Write) -> None:
    """Human mode prints one status line per step on stderr and the outputs on stdout."""
    flow = write_workflow(
        """
        version: 1
        name: demo
        steps:
          - id: all
            discover: {what: integrations}
          - id: again
            discover: {what: integrations}
        outputs:
          n: ${{ steps.all.outputs.count >= 0 }}
        """.replace(" >= 0", "")
    )
    result = nango_run(flow)
    assert result.code == 0, result.text
    lines = result.err.splitlines()
    assert lines[0].startswith("SUCCESS  all (discover) ") and lines[0].endswith("s")
    assert lines[1].startswith("SUCCESS  again (discover) ")
    assert lines[2].startswith("workflow demo succeeded in ")
    assert result.out.startswith("n: ")


def test_quiet_hides_successful_steps(nango_run: RunCli, write_workflow: Write) -> None:
    """-q prints no step lines for successful steps."""
    flow = write_workflow(
        """
        version: 1
        name: demo
        steps:
          - id: all
            discover: {what: integrations}
        """
    )
    result = nango_run(flow, "-q")
    assert result.code == 0
    assert "SUCCESS" not in result.err


def test_no_secret_reaches_the_output(
    nango_run: RunCli, control: Control, sandbox: Sandbox, write_workflow: Write
) -> None:
    """Neither the secret key, nor an access token, nor a secret from the environment appears in
    human (-v) or JSON output, even when a workflow outputs them on purpose (reading the secret
    key itself is refused by validation: tests/cli/test_cli_secret_rules.py)."""
    key = unique("gh")
    control.client.post(
        "/integrations",
        json={
            "provider": "github",
            "unique_key": key,
            "credentials": {"type": "OAUTH2", "client_id": "i", "client_secret": "s"},
        },
    ).raise_for_status()
    connection_id = control.connect(key, unique("user"))
    token = control.client.get(
        f"/connections/{connection_id}", params={"provider_config_key": key}
    ).json()["credentials"]["access_token"]
    flow = write_workflow(
        f"""
        version: 1
        name: leaky
        steps:
          - id: c
            connection: {{integration: {key}, connection_id: {connection_id}}}
          - id: echo
            proxy:
              connection: c
              path: /user
              headers: {{X-Debug: "${{{{ env.GITHUB_CLIENT_SECRET }}}}"}}
        outputs:
          secret: ${{{{ env.GITHUB_CLIENT_SECRET }}}}
        """
    )
    for mode in (["-v"], ["--output", "json"]):
        result = nango_run(flow, *mode)
        assert result.code == 0, result.text
        for secret in (sandbox.secret_key, token, GITHUB_CLIENT_SECRET):
            assert secret not in result.text
        assert "***" in result.text
        assert '"login": "sandbox-user"' in result.text  # -v shows outputs, as JSON does


def test_json_output_is_one_document(nango_run: RunCli, github_ready: str) -> None:
    """--output json prints exactly one JSON document with status, steps and outputs."""
    result = nango_run(
        str(WORKFLOWS / "github_issue.yaml"),
        "--input",
        "repo=o/r",
        "--input",
        "title=t",
        "--input",
        f"user_id={unique('user')}",
        "--no-wait",
        "--output",
        "json",
    )
    doc = json.loads(result.out)
    assert set(doc) >= {"workflow", "status", "steps", "outputs", "connect_link"}
    assert result.err == ""


# -- inputs and usage errors ----------------------------------------------------------------


def test_inputs_from_a_file_and_from_stdin(
    nango_run: RunCli, write_workflow: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--inputs reads a YAML/JSON file or stdin; --input wins over it."""
    flow = write_workflow(
        """
        version: 1
        name: t
        inputs:
          n: {type: integer, required: true}
          word: {type: string, default: x}
        steps:
          - id: all
            discover: {what: integrations}
        outputs:
          n: ${{ inputs.n }}
          word: ${{ inputs.word }}
        """
    )
    values = tmp_path / "inputs.yaml"
    values.write_text("n: 4\nword: from-file\n", encoding="utf-8")
    from_file = nango_run(flow, "--inputs", values, "--input", "word=cli", "--output", "json")
    assert from_file.json()["outputs"] == {"n": 4, "word": "cli"}
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"n": 9}'))
    from_stdin = nango_run(flow, "--inputs", "-", "--output", "json")
    assert from_stdin.json()["outputs"] == {"n": 9, "word": "x"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--input", "novalue"], "--input expects NAME=VALUE, got 'novalue'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (
            ["--sandbox", "--server-url", "http://x"],
            "--sandbox and --server-url cannot be used together",
        ),
        (
            ["--inputs", "/nonexistent.yaml"],
            "--inputs: /nonexistent.yaml: cannot read the inputs file",
        ),
    ],
)
def test_usage_errors_exit_2_in_one_line(nango_run: RunCli, args: list[str], message: str) -> None:
    """Bad command lines exit with code 2 and one line on stderr."""
    result = nango_run(str(WORKFLOWS / "fanout.yaml"), *args)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_missing_secret_key_is_a_usage_error(
    nango_run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a secret key the run exits with code 2 saying where to set one."""
    monkeypatch.delenv("NANGO_SECRET_KEY")
    result = nango_run(str(WORKFLOWS / "fanout.yaml"))
    assert result.code == 2
    assert "No Nango secret key" in result.err and "NANGO_SECRET_KEY" in result.err


def test_unreachable_server_fails_the_step_cleanly(nango_run: RunCli) -> None:
    """An unreachable Nango server fails the first step in one line, without a traceback."""
    result = nango_run(str(WORKFLOWS / "fanout.yaml"), "--server-url", "http://127.0.0.1:9")
    assert result.code == 1
    assert "FAILED   all (discover)" in result.err
    assert "Traceback" not in result.err


def test_missing_workflow_file(nango_run: RunCli) -> None:
    """A workflow path that does not exist is an exit code 2 naming the path."""
    result = nango_run("no/such/flow.yaml")
    assert result.code == 2
    assert "no/such/flow.yaml: file not found; check the path" in result.err


def test_help_exits_0(nango_run: RunCli) -> None:
    """--help prints the usage with the exit codes and exits 0."""
    result = nango_run("--help")
    assert result.code == 0
    assert "Exit codes: 0 success" in result.out and "130 interrupted" in result.out


def test_sandbox_subcommand_reports_bad_options(nango_run: RunCli) -> None:
    """nango-run sandbox hands its options to the sandbox server, which refuses a bad port."""
    result = nango_run("sandbox", "--port", "70000")
    assert result.code == 2
    assert "--port" in result.err


# -- processes ------------------------------------------------------------------------------

HEAVY = ("httpx", "jsonschema", "nango_client", "starlette", "attrs", "yaml")


def _imported_after(code: str) -> set[str]:
    script = (
        "import sys\nfrom nango_toolbox.cli import main\n"
        f"{code}\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    return set(out.strip().splitlines()[-1].split(","))


def test_version_imports_nothing_heavy() -> None:
    """nango-run --version imports none of httpx, jsonschema, yaml, attrs, starlette, nango_client."""
    assert _imported_after("main(['--version'])").isdisjoint(HEAVY)


def test_toolbox_version_and_help_import_nothing_heavy() -> None:
    """nango-toolbox --version and --help import nothing heavy either (nor mcp, nor argparse)."""
    code = "from nango_toolbox.agent.cli import main as tb\ntb(['--version'])\ntb(['--help'])"
    assert _imported_after(code).isdisjoint({*HEAVY, "mcp", "argparse"})


def test_toolbox_mcp_help_does_not_import_the_mcp_sdk() -> None:
    """nango-toolbox mcp --help prints its options without importing the MCP SDK or httpx."""
    code = "from nango_toolbox.agent.cli import main as tb\ntb(['mcp', '--help'])"
    assert _imported_after(code).isdisjoint({*HEAVY, "mcp", "mcp_types"})


def test_validate_does_not_import_the_http_stack() -> None:
    """nango-run validate imports neither httpx nor nango_client, nor jsonschema for a valid file."""
    modules = _imported_after("main(['validate', 'workflows/github_issue.yaml'])")
    assert modules.isdisjoint({"httpx", "nango_client", "starlette", "jsonschema"})


def test_validate_of_a_valid_file_imports_no_start_up_weight() -> None:
    """A valid file is checked without dataclasses, typing, pathlib, json or argparse, which
    together cost more than the bare interpreter's start (bench/bench_cli.py measures it)."""
    modules = _imported_after(
        "main(['validate', 'workflows/github_issue.yaml', '--output', 'human'])"
    )
    assert modules.isdisjoint({"dataclasses", "typing", "pathlib", "json", "argparse", "inspect"})


def test_validate_explains_an_invalid_file_with_jsonschema(tmp_path: Path) -> None:
    """An invalid file is explained by jsonschema: each located problem, all in one run."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 2\nname: ''\nsteps:\n  - id: a\n    sleep: 1\n")
    modules = _imported_after(f"main(['validate', {str(bad)!r}])")
    assert "jsonschema" in modules
    done = subprocess.run(
        [NANGO_RUN, "validate", str(bad)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert f"{bad}:1:10: /version: must be 1" in done.stderr
    assert f"{bad}:2:7: /name:" in done.stderr
    assert f"{bad}:5:5: /steps/0/sleep: unknown field 'sleep'" in done.stderr


def test_version_of_the_installed_command() -> None:
    """The installed nango-run prints its version."""
    from nango_toolbox import __version__

    out = subprocess.run(
        [NANGO_RUN, "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == f"nango-run {__version__}"


def test_sandbox_run_on_a_fresh_machine(tmp_path: Path) -> None:
    """nango-run --sandbox runs github_issue with no account, no key and no network."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NANGO", "GITHUB"))}
    result = subprocess.run(
        [
            NANGO_RUN,
            "--sandbox",
            str(WORKFLOWS / "github_issue.yaml"),
            "--input",
            "repo=octo-org/hello-world",
            "--input",
            "title=Hello from nango-run",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "running against a throw-away sandbox" in result.stderr
    assert "(sandbox: completing it now as the end user)" in result.stderr
    assert "issue_url: https://github.com/octo-org/hello-world/issues/1" in result.stdout


def test_invalid_workflow_in_a_subprocess(tmp_path: Path) -> None:
    """An invalid workflow exits with code 2 and located problems, without a traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: x\nsteps: []\n", encoding="utf-8")
    result = subprocess.run([NANGO_RUN, "validate", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert f"{bad}:3:8: /steps:" in result.stderr
    assert "Traceback" not in result.stderr


def test_interrupt_exits_130(sandbox: Sandbox, tmp_path: Path) -> None:
    """Ctrl+C while waiting for the end user exits with code 130."""
    flow = tmp_path / "wait.yaml"
    flow.write_text(
        "version: 1\nname: w\nsteps:\n  - id: i\n    ensure_integration: {provider: sendgrid, unique_key: "
        + unique("sendgrid")
        + "}\n  - id: c\n    connection: {integration: '${{ steps.i.outputs.unique_key }}', "
        "end_user: {id: nobody}, wait: 10m, poll_interval: 100ms}\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "NANGO_SECRET_KEY": sandbox.secret_key,
        "NANGO_SERVER_URL": sandbox.base_url,
    }
    process = subprocess.Popen(
        [NANGO_RUN, str(flow)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith(">>> It expires at"):
            break
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "nango-run: interrupted" in err
