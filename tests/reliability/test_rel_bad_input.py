"""Bad input (issue 8, part 2): over 10,000 malformed or mutated workflow files and mistaken
command lines, run in-process against a counting HTTP server. Each file goes through one of
`nango-run validate FILE` or `nango-run FILE` (human or JSON output, drawn by hypothesis, each
command over 1,000 times; one command per file keeps the 10,000 within the CI time budget, and both
share the loader and validator): every one ends with exit code 2 and one located line per problem,
with no traceback, within a time bound, and without a single request."""

from __future__ import annotations

import io
import json
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from nango_toolbox import cli
from rel_bad_input_strategies import (
    Argv,
    Case,
    argv_cases,
    data_mutation,
    random_file,
    text_mutation,
)

pytestmark = pytest.mark.reliability

SECONDS_PER_COMMAND = 5.0
"""The most time one nango-run command may take on one bad input (in-process); they take
under 0.1 s alone, the margin is for a loaded CI machine."""

MIN_FILES = 10_000
"""How many invalid workflow files the tests of this module must have tried, all told."""

FILES: Counter[str] = Counter()  # invalid files tried, by category
SKIPPED: Counter[str] = Counter()  # mutations that stayed valid (not certain by construction)
ARGVS: Counter[str] = Counter()  # command lines tried, by mistake
COMMANDS: Counter[str] = Counter()  # invalid files tried, by command
SLOWEST: dict[str, float] = {"command": 0.0}

FAST = settings(
    deadline=None,
    database=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)

VALID_WORKFLOW = """\
version: 1
name: minimal
steps:
  - id: integration
    ensure_integration:
      provider: github
"""


class _Counting(BaseHTTPRequestHandler):
    """Answers 500 to anything and counts it: no bad input may ever reach a server."""

    count = 0
    lock = threading.Lock()

    def _any(self) -> None:
        with _Counting.lock:
            _Counting.count += 1
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _any

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An empty working directory, nango-run pointed at a counting server with a fake key."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    path = tmp_path_factory.mktemp("bad input")  # a space in every file name shown
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(path)  # no .env of the repository
        patch.delenv("NANGO_TOOLBOX_SECRET_KEY", raising=False)
        patch.setenv("NANGO_SECRET_KEY", str(uuid.UUID(int=0x5EC2E7)))
        patch.setenv("NANGO_SERVER_URL", f"http://127.0.0.1:{server.server_address[1]}")
        yield path
    server.shutdown()
    server.server_close()
    assert _Counting.count == 0, f"{_Counting.count} requests reached the server"


def nango_run(*args: str) -> tuple[int, str, str]:
    """nango-run in-process: exit code, stdout, stderr; fails past the time bound."""
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(args))
    elapsed = time.perf_counter() - started
    SLOWEST["command"] = max(SLOWEST["command"], elapsed)
    assert elapsed < SECONDS_PER_COMMAND, f"nango-run {args[:3]} took {elapsed:.2f}s"
    assert _Counting.count == 0, f"nango-run {args[:3]} sent a request"
    return code, out.getvalue(), err.getvalue()


_LOCATED = r"(?P<line>\d+):(?P<column>\d+): /.*: \S"  # a pointer may hold ": "
_FILE_LEVEL = ("the file is too large",)


def check_problem_lines(err: str, path: str, file_level: tuple[str, ...] = _FILE_LEVEL) -> int:
    """Every line but the last is one problem naming the file and line:column; returns the count."""
    assert "Traceback" not in err
    lines = err.removesuffix("\n").split("\n")
    assert lines and all(line.isprintable() for line in lines), f"not one line each: {err[:500]!r}"
    count = re.fullmatch(r"(\d+) problems? found", lines[-1])
    assert count, f"no count line: {lines[-1]!r}"
    assert int(count.group(1)) == len(lines) - 1 >= 1, err[:500]
    located = re.compile(re.escape(path) + ":" + _LOCATED)
    for line in lines[:-1]:
        match = located.match(line)
        if match is None:
            assert line.startswith(f"{path}: ") and any(f in line for f in file_level), line[:300]
            continue
        assert int(match["line"]) >= 1 and int(match["column"]) >= 1, line[:300]
        assert len(line) < 1000, f"a problem line of {len(line)} characters"
    return len(lines) - 1


def try_file(workdir: Path, case: Case, command: tuple[str, ...]) -> None:
    """One bad file through one command (validate or run, human or JSON): exit 2, located
    one-line problems, no request. A mutation that may stay valid goes through validate first."""
    path = workdir / "case file.yaml"
    path.write_bytes(case.content)
    name = str(path)
    if not case.certain:
        code, out, err = nango_run("validate", name)
        if code == 0:
            SKIPPED[case.category] += 1
            reject()  # it stayed valid: not a bad input
    args = ["validate", name, *command[1:]] if command[0] == "validate" else [name, *command[1:]]
    code, out, err = nango_run(*args)
    assert code == 2, f"{command} exited {code}: {out[:300]} {err[:300]}"
    assert "Traceback" not in out + err
    if "json" in command:
        doc = json.loads(out)
        assert doc["status"] == "invalid" and doc["problems"], out[:300]
        for problem in doc["problems"]:
            assert problem["file"] == name
            assert problem["line"] >= 1 or any(f in problem["message"] for f in _FILE_LEVEL)
            assert len(problem["message"]) <= 500 and len(problem["pointer"]) <= 200
        assert err == ""
    else:
        assert out == ""
        check_problem_lines(err, name)
    FILES[case.category] += 1
    COMMANDS[" ".join(command)] += 1


commands = st.sampled_from(
    [
        ("validate",),
        ("validate", "--output", "json"),
        ("run",),
        ("run", "--dry-run"),
        ("run", "--output", "json"),
        ("run", "-q", "--no-wait"),
    ]
)


@settings(FAST, max_examples=1600)
@given(case=data_mutation(), command=commands)
def test_mutated_data_is_refused(workdir: Path, case: Case, command: tuple[str, ...]) -> None:
    """Examples with deleted, unknown, retyped, huge, deep or unicode fields or broken
    expressions and step references: exit 2, located problems, no request."""
    try_file(workdir, case, command)


@settings(FAST, max_examples=3800)
@given(case=text_mutation(), command=commands)
def test_mutated_text_is_refused(workdir: Path, case: Case, command: tuple[str, ...]) -> None:
    """Examples truncated, with tabs, control characters, bad UTF-8, duplicate keys, alias bombs,
    several documents or a root that is not a mapping: exit 2, located problems, no request."""
    try_file(workdir, case, command)


@settings(FAST, max_examples=4800)
@given(case=random_file(), command=commands)
def test_random_files_are_refused(workdir: Path, case: Case, command: tuple[str, ...]) -> None:
    """Random bytes and text: exit 2, located problems, no request."""
    try_file(workdir, case, command)


@settings(FAST, max_examples=300)
@given(data=st.data())
def test_mistaken_command_lines_are_refused(workdir: Path, data: st.DataObject) -> None:
    """A command line with one mistake: exit 2 and one `nango-run: error:` line naming the
    argument (or the problem lines of a missing file), no request."""
    valid = workdir / "valid.yaml"
    valid.write_text(VALID_WORKFLOW, encoding="utf-8")
    argv: Argv = data.draw(argv_cases(str(valid), str(workdir)))
    code, out, err = nango_run(*argv.args)
    assert code == 2, f"{argv.args} exited {code}: {err[:300]}"
    assert "Traceback" not in err and out == ""
    lines = err.splitlines()
    if lines[0].startswith("nango-run: error: "):
        assert len(lines) == 1, err
    else:  # a missing or unreadable workflow file is a problem of that file
        check_problem_lines(err, argv.names, ("file not found", "cannot read the file"))
    assert argv.names in err, f"{argv.names!r} not named in {err!r}"
    ARGVS[argv.category] += 1


def test_the_valid_workflow_of_the_command_lines_is_valid(workdir: Path) -> None:
    """The workflow the command-line cases start from is valid, so each refusal is the mistake's."""
    valid = workdir / "valid.yaml"
    valid.write_text(VALID_WORKFLOW, encoding="utf-8")
    assert nango_run("validate", str(valid)) == (0, f"{valid}: valid\n", "")


def test_zz_counts(workdir: Path) -> None:
    """The tests above tried at least 10,000 invalid files and every kind of mistake."""
    total = sum(FILES.values())
    print(
        f"\nbad input: {total} invalid files ({dict(sorted(FILES.items()))}), "
        f"{sum(SKIPPED.values())} mutations stayed valid and were skipped "
        f"({dict(SKIPPED)}), {sum(ARGVS.values())} command lines ({dict(sorted(ARGVS.items()))}), "
        f"by command {dict(COMMANDS)}, slowest command {SLOWEST['command']:.3f}s, requests sent {_Counting.count}"
    )
    assert total >= MIN_FILES
    assert len(ARGVS) >= 15
    assert min(COMMANDS.values()) >= 1000 and len(COMMANDS) == 6
    assert _Counting.count == 0
