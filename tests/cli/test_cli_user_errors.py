"""What a user who gets the command line or its configuration wrong sees: one line, no secret."""

from __future__ import annotations

import functools
import io
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cli_support import WORKFLOWS, CliRun, unique
from nango_toolbox.sandbox import Sandbox

RunCli = Callable[..., CliRun]
Write = Callable[[str], Path]
FANOUT = str(WORKFLOWS / "fanout.yaml")
NANGO_RUN = str(Path(sys.executable).with_name("nango-run"))


def test_malformed_inputs_file_is_one_line_with_its_position(
    nango_run: RunCli, tmp_path: Path
) -> None:
    """A --inputs file that is not JSON or YAML is named with line:column on one line."""
    broken = tmp_path / "inputs.json"
    broken.write_text('{"integration": "github",\n  "x": [1,\n', encoding="utf-8")
    result = nango_run(FANOUT, "--inputs", str(broken))
    assert result.code == 2
    assert result.err.startswith(
        f"nango-run: error: --inputs: {broken}:3:1: not valid JSON: Expecting value"
    )
    assert len(result.err.strip().splitlines()) == 1


def test_malformed_stdin_inputs_is_one_line(
    nango_run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad YAML on stdin with --inputs - is reported as stdin:line:column on one line."""
    monkeypatch.setattr("sys.stdin", io.StringIO("a: 1\n b: 2\n"))
    result = nango_run(FANOUT, "--inputs", "-")
    assert result.code == 2
    assert "--inputs: stdin:2:3: not valid YAML: mapping values are not allowed here" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_stdin_inputs_that_are_not_utf8_is_one_line(
    nango_run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytes that are not UTF-8 on stdin with --inputs - are one line naming where, no traceback."""
    stdin = io.TextIOWrapper(io.BytesIO(b"a: 1\nb: \xff\xfe\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    result = nango_run(FANOUT, "--inputs", "-")
    assert result.code == 2
    assert result.err == (
        "nango-run: error: --inputs: stdin:2:4: the inputs file is not UTF-8 text; save it as "
        "UTF-8\n"
    )


def test_stdin_inputs_with_stdin_closed_is_one_line(
    nango_run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--inputs - in a process started with stdin closed (sys.stdin is None) is one line."""
    monkeypatch.setattr("sys.stdin", None)
    result = nango_run(FANOUT, "--inputs", "-")
    assert result.code == 2
    assert result.err == (
        "nango-run: error: --inputs: stdin: cannot read the inputs file (standard input is "
        "closed)\n"
    )


def test_missing_secret_key_speaks_of_the_command_line(
    nango_run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a key nango-run names the two variables and never the SDK's secret_key=..."""
    monkeypatch.delenv("NANGO_SECRET_KEY")
    result = nango_run(FANOUT)
    assert result.code == 2
    assert "secret_key=" not in result.err
    assert "set NANGO_TOOLBOX_SECRET_KEY (or NANGO_SECRET_KEY)" in result.err


def test_bad_server_url_names_the_option_and_hides_the_password(nango_run: RunCli) -> None:
    """A bad --server-url is blamed on --server-url, without its user info's password."""
    result = nango_run(FANOUT, "--server-url", "http://me:hunter2pw@nango.example:99999")
    assert result.code == 2
    assert "(from --server-url)" in result.err
    assert "hunter2pw" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_wrong_secret_key_says_which_key_to_check(
    nango_run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key the server refuses fails the step saying where the key came from, without it."""
    monkeypatch.setenv("NANGO_SECRET_KEY", "11111111-2222-4333-8444-555555555555")
    result = nango_run(FANOUT, "--output", "json")
    assert result.code == 1
    error = result.json()["error"]
    assert "401 unknown_account" in error
    assert "check the secret key (from environment variable NANGO_SECRET_KEY)" in error
    assert "11111111-2222-4333-8444-555555555555" not in result.text


def test_type_errors_use_the_right_article(nango_run: RunCli, write_workflow: Write) -> None:
    """A value of the wrong type is described as "an integer", a step kind as "an ensure_integration step"."""
    flow = write_workflow(
        """
        version: 1
        name: 5
        steps:
          - id: i
            ensure_integration: {provider: github}
          - id: p
            proxy: {connection: i, method: GET, path: /user}
        """
    )
    result = nango_run("validate", flow)
    assert result.code == 2
    assert "/name: 5 is an integer, expected string" in result.err
    assert "step 'i' is an ensure_integration step, not a connection step" in result.err


def test_usage_error_in_json_mode_still_prints_one_document(
    nango_run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --output json a usage error also gives stdout its one document, status invalid."""
    monkeypatch.delenv("NANGO_SECRET_KEY")
    result = nango_run(FANOUT, "--output", "json")
    assert result.code == 2
    assert result.json()["status"] == "invalid"
    assert result.json()["error"].startswith("No Nango secret key")


def test_json_mode_shows_the_link_while_waiting_and_reports_an_interrupt(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """In JSON mode the connect link being waited on is on stderr at once, and Ctrl+C gives
    stdout a document with status interrupted and exit code 130."""
    flow = tmp_path / "wait.yaml"
    flow.write_text(
        "version: 1\nname: w\nsteps:\n  - id: i\n    ensure_integration: {provider: sendgrid, "
        f"unique_key: {unique('sendgrid')}}}\n  - id: c\n    connection: {{integration: "
        "'${{ steps.i.outputs.unique_key }}', end_user: {id: nobody}, wait: 20s, "
        "poll_interval: 100ms}\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "NANGO_SECRET_KEY": sandbox.secret_key,
        "NANGO_SERVER_URL": sandbox.base_url,
    }
    process = subprocess.Popen(
        [NANGO_RUN, str(flow), "--output", "json"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert process.stderr is not None
    event = json.loads(process.stderr.readline())
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=60)
    assert event["event"] == "waiting_for_end_user"
    assert event["url"].startswith(f"{sandbox.base_url}/connect")
    assert "nango_connect_session_" in event["url"]
    assert process.returncode == 130
    assert json.loads(out)["status"] == "interrupted"
    assert sandbox.secret_key not in out + event["url"]


def test_control_character_in_a_workflow_is_a_located_problem(
    nango_run: RunCli, tmp_path: Path
) -> None:
    """A character YAML forbids is reported at its line and column, not as a traceback."""
    flow = tmp_path / "bell.yaml"
    flow.write_text("version: 1\nname: a\x07b\nsteps: []\n", encoding="utf-8")
    result = nango_run("validate", flow)
    assert result.code == 2
    assert f"{flow}:2:8: /: YAML syntax error: character #x0007 is not allowed" in result.err


def test_unclosed_bracket_names_where_it_opened(nango_run: RunCli, write_workflow: Write) -> None:
    """A YAML error found at the end of the file also names where the unclosed part began."""
    flow = write_workflow("version: 1\nname: x\nsteps:\n  - id: a\n    proxy: [unclosed\n")
    result = nango_run("validate", flow)
    assert result.code == 2
    assert f"{flow}:6:1: /: YAML syntax error: expected ',' or ']', but got '<stream end>' " in (
        result.err
    )
    assert "(while parsing a flow sequence at 5:12)" in result.err


def test_binary_inputs_file_is_a_usage_error(nango_run: RunCli, tmp_path: Path) -> None:
    """A --inputs file that is not UTF-8 text is one line and exit code 2."""
    binary = tmp_path / "inputs.bin"
    binary.write_bytes(b"\xff\xfe\x00\xd0garbage")
    result = nango_run(FANOUT, "--inputs", str(binary))
    assert result.code == 2
    assert (
        result.err
        == f"nango-run: error: --inputs: {binary}:1:1: the inputs file is not UTF-8 text;"
        " save it as UTF-8\n"
    )


def test_input_under_a_credential_name_is_masked(nango_run: RunCli, write_workflow: Write) -> None:
    """The value of an input named like a credential (api_token) is masked wherever it shows."""
    flow = write_workflow(
        """
        version: 1
        name: t
        inputs:
          api_token: {type: integer, required: true}
          note: {type: integer, required: true}
        steps:
          - id: all
            discover: {what: integrations}
        """
    )
    result = nango_run(flow, "--input", "api_token=tok-9f8e7d", "--input", "note=plain-words")
    assert result.code == 2
    assert "tok-9f8e7d" not in result.text
    assert "input 'api_token': expected an integer, got \"***\"" in result.err
    assert 'got "plain-words"' in result.err


def test_subcommand_usage_error_points_at_its_own_help(nango_run: RunCli) -> None:
    """A bad nango-run validate or schema command line points at that command's --help."""
    assert nango_run("validate").err == (
        "nango-run: error: the following arguments are required: FILE "
        "(see nango-run validate --help)\n"
    )
    assert "(see nango-run schema --help)" in nango_run("schema", "extra").err


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[str]:
    """A plain web server on 127.0.0.1 (not Nango): it answers HTML 404 pages."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


def test_server_url_of_a_web_site_is_one_line_about_the_url(
    nango_run: RunCli, write_workflow: Write, web_server: str
) -> None:
    """A --server-url that is a web site, not Nango, fails in one line naming the URL, and the
    integration step does not misreport it as an unknown provider."""
    flow = write_workflow(
        """
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration: {provider: github}
        """
    )
    result = nango_run(flow, "--server-url", web_server, "--output", "json")
    assert result.code == 1
    assert result.json()["steps"][0]["error"] == (
        "GET /integrations/github failed with 404: File not found (an HTML page, not Nango's "
        f"JSON); the server at {web_server} has no route GET /integrations/github: it may be an "
        "older or newer Nango than this SDK expects, or not a Nango server"
    )


def test_non_finite_numbers_are_refused_as_inputs(
    nango_run: RunCli, write_workflow: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1e400 or a YAML .inf is not accepted as a number input, since JSON output cannot hold it."""
    flow = write_workflow(
        """
        version: 1
        name: t
        inputs:
          n: {type: number, required: true}
        steps:
          - id: all
            discover: {what: integrations}
        outputs:
          n: ${{ inputs.n }}
        """
    )
    result = nango_run(flow, "--input", "n=1e400", "--output", "json")
    assert result.code == 2
    assert result.json()["problems"][0]["message"] == (
        "input 'n': expected a finite number, got \"1e400\""
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("n: .inf\n"))
    assert nango_run(flow, "--inputs", "-").code == 2


def test_interrupt_stops_a_concurrent_for_each_at_once(sandbox: Sandbox, tmp_path: Path) -> None:
    """Ctrl+C while for_each items wait in parallel for end users exits with 130 instead of
    waiting for every item's wait to run out."""
    key = unique("sendgrid")
    flow = tmp_path / "fan.yaml"
    flow.write_text(
        f"version: 1\nname: f\nsteps:\n  - id: i\n    ensure_integration: {{provider: sendgrid, "
        f"unique_key: {key}}}\n  - id: each\n    for_each:\n      items: [u1, u2]\n"
        "      concurrency: 2\n      steps:\n        - id: c\n          connection: "
        "{integration: '${{ steps.i.outputs.unique_key }}', end_user: {id: '${{ item }}'}, "
        "wait: 10m}\n",
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
    links = 0
    for line in process.stderr:
        links += line.startswith(">>> It expires at")
        if links == 2:
            break
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=60)  # a hang guard: the waits last 10 minutes
    finally:
        process.kill()
    assert process.returncode == 130
    assert "nango-run: interrupted" in err


def test_reader_leaving_early_is_not_a_traceback(
    sandbox: Sandbox, tmp_path: Path, write_workflow: Write
) -> None:
    """When the reader of stdout goes away (nango-run ... | head), there is no traceback."""
    flow = write_workflow(
        """
        version: 1
        name: big
        inputs:
          numbers: {type: array, default: []}
        steps:
          - id: all
            discover: {what: integrations}
        outputs:
          numbers: ${{ inputs.numbers }}
        """
    )
    values = tmp_path / "big.json"
    values.write_text(json.dumps({"numbers": list(range(100_000))}), encoding="utf-8")
    env = {
        **os.environ,
        "NANGO_SECRET_KEY": sandbox.secret_key,
        "NANGO_SERVER_URL": sandbox.base_url,
    }
    process = subprocess.Popen(
        [NANGO_RUN, str(flow), "--inputs", str(values), "--output", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10) == b'{\n  "workf'
    process.stdout.close()  # far less than the output, which is larger than a pipe's buffer
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_bad_step_control_fails_like_any_step(nango_run: RunCli, write_workflow: Write) -> None:
    """A step control (retries) with a bad value fails the run with the usual 'step X failed:'."""
    flow = write_workflow(
        """
        version: 1
        name: t
        inputs:
          r: {type: string, default: many}
        steps:
          - id: all
            retries: ${{ inputs.r }}
            discover: {what: integrations}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 1
    assert result.json()["error"] == (
        "step all failed: step all.retries: expected a non-negative integer, got 'many'"
    )


def test_mistyped_command_is_named_as_such(nango_run: RunCli) -> None:
    """A mistyped command (valdate) is reported as an unknown command with the closest one."""
    result = nango_run("valdate", FANOUT)
    assert result.code == 2
    assert result.err == (
        "nango-run: error: unknown command 'valdate' and no such workflow file; did you mean "
        "'nango-run validate'? commands: validate, schema, sandbox, or give a workflow FILE\n"
    )


def test_whole_environment_cannot_be_referenced(nango_run: RunCli, write_workflow: Write) -> None:
    """${{ env }} alone is refused before any request: it would print every variable, including
    secrets whose names the redaction does not recognise (MY_DB_PASS)."""
    flow = write_workflow(
        """
        version: 1
        name: t
        steps:
          - id: all
            discover: {what: integrations}
        outputs:
          everything: ${{ env }}
          home: ${{ env.HOME }}
        """
    )
    result = nango_run("validate", flow)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{flow}:8:15: /outputs/everything: env: name one environment variable, as in env.NAME",
        "1 problem found",
    ]


def test_empty_steps_says_what_is_needed(nango_run: RunCli, write_workflow: Write) -> None:
    """An empty steps list is reported in plain words, not as jsonschema's '[] should be non-empty'."""
    flow = write_workflow("version: 1\nname: t\nsteps: []\n")
    result = nango_run("validate", flow)
    assert result.code == 2
    assert result.err.splitlines()[0] == f"{flow}:3:8: /steps: needs at least 1 item"
