"""`python -m nango_toolbox.sandbox` / serve(argv): start-up output, serving, usage errors."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from nango_toolbox.sandbox.__main__ import serve


def test_module_serves_and_prints_url_and_key(tmp_path: Path) -> None:
    """The module prints its base URL, secret key and pickup delay, serves them, and stops on
    SIGINT with 0."""
    key = str(uuid.uuid4())
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nango_toolbox.sandbox",
            "--port",
            "0",
            "--secret-key",
            key,
            "--db",
            str(tmp_path / "s.db"),
            "--pickup-delay",
            "10",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        second = process.stdout.readline()
        url = re.fullmatch(r"Nango sandbox listening on (http://127\.0\.0\.1:\d+)\n", first)
        assert url is not None, first
        assert second == f"Secret key: {key}\n"
        rest = [process.stdout.readline() for _ in range(4)]
        assert rest[2] == (
            "Syncs and actions start 10 s after they are asked for, as Nango's orchestrator "
            "picks jobs up (--pickup-delay 10: as slow as a real Nango can be)\n"
        )
        response = httpx.get(
            url.group(1) + "/providers", headers={"Authorization": f"Bearer {key}"}, timeout=10
        )
        assert response.status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    assert process.stderr is not None
    assert "Traceback" not in process.stderr.read()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--secret-key", "nope"], "--secret-key: expected a UUID"),
        (
            ["--provider-base-url", "github"],
            "--provider-base-url: expected PROVIDER=http(s)://..., got 'github'",
        ),
        (["--faults", "/no/such/faults.yaml"], "/no/such/faults.yaml: cannot read the faults file"),
        (
            ["--providers-file", "/no/such/providers.yaml"],
            "/no/such/providers.yaml: cannot read the providers file",
        ),
        (["--port", "70000"], "--port: expected 0..65535"),
        (
            ["--functions", "no_such_functions_module"],
            "functions module 'no_such_functions_module' not found",
        ),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--pickup-delay", "-1"], "pickup_delay: expected 0 to 60 seconds, got -1.0"),
        (["--pickup-delay", "soon"], "argument --pickup-delay: invalid float value: 'soon'"),
        (["--db", "/no/such/dir/sandbox.db"], "cannot open the database /no/such/dir/sandbox.db"),
        (
            ["--webhook-url", "ftp://example.com/hooks"],
            "webhook URL 'ftp://example.com/hooks': it needs an http:// or https:// scheme",
        ),
        (
            ["--webhook-url", "http://a.test"] * 3,
            "at most two webhook URLs (primary, secondary), got 3",
        ),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad options give exit code 2 and one line on stderr saying what to fix, no traceback."""
    assert serve([*argv, "--port", "0"] if "--port" not in argv else argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("nango-run sandbox: error: ")


_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("option", "content", "message"),
    [
        ("--faults", "- route: 'GET /x'\n  latency_ms: [1\n", ":3:1: not valid YAML: expected ','"),
        ("--faults", '[{"route": ', ":1:12: not valid JSON"),
        ("--providers-file", "github: {auth_mode: [\n", ":2:1: not valid YAML: expected the node"),
        # Bombs are refused before PyYAML's recursive composer or json's decoder sees them.
        ("--faults", _LAUGHS, ":4:36: the aliases expand to more than 10,000 values"),
        ("--providers-file", _LAUGHS, ":4:36: the aliases expand to more than 10,000 values"),
        ("--faults", "[" * 100_000, ":1:1001: nested more than 64 levels deep"),
        ("--faults", '[{"route": ' * 5_000, ":1:"),
        ("--providers-file", "a:\n" + "  " * 0 + "[" * 100_000, ":2:1000: nested more than 64"),
    ],
)
def test_malformed_option_files_are_one_line_with_position(
    option: str, content: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A faults or providers file that does not parse gives one line with file:line:column, exit 2."""
    path = tmp_path / ("faults.json" if content.startswith("[{") else "file.yaml")
    path.write_text(content)
    assert serve([option, str(path), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}{message}" in err, err
