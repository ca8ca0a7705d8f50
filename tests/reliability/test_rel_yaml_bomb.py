"""YAML bombs, huge files and absurd nesting (issue 8, part 2): each is refused by nango-run with
exit code 2 and one clear line, in a child process whose peak memory and time are measured and
bounded (the child also runs under a 1 GiB address-space limit, so a regression fails instead of
eating the machine), with no crash of the C YAML parser."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from nango_toolbox._user_yaml import (
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    structure_problem,
)
from nango_toolbox.workflow.validate import load_workflow

pytestmark = pytest.mark.reliability

REPO = Path(__file__).resolve().parents[2]
MAX_RSS_MB = 200
"""Peak resident memory allowed to one refusing nango-run process (it needs about 40 MB)."""
MAX_SECONDS = 10.0
"""Time allowed to one refusing nango-run process, start-up included (it needs well under 1 s)."""
ADDRESS_SPACE = 1024**3

HEAD = "version: 1\nname: limits\n"
STEP = "steps:\n  - id: integration\n    ensure_integration: {provider: github}\n"


@dataclass
class Child:
    """What one nango-run process did."""

    code: int
    out: str
    err: str
    seconds: float
    rss_mb: float


# The child's own peak RSS (VmHWM of its address space after exec; wait4's ru_maxrss would also
# count the parent's pages at fork), written to a file when it ends.
_CHILD = f"""
import os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))
try:
    from nango_toolbox.cli import main
    code = main(sys.argv[1:])
finally:
    with open("/proc/self/status") as status, open(os.environ["REL_RSS_FILE"], "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM")))
sys.exit(code)
"""


def nango_run(*args: str) -> Child:
    """nango-run in a child process under the memory limit, timed, with its peak RSS."""
    env = {**os.environ, "NANGO_SECRET_KEY": "00000000-0000-0000-0000-000000000000"}
    env["NANGO_SERVER_URL"] = "http://127.0.0.1:9"  # discard port: nothing may be sent anyway
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        env["REL_RSS_FILE"] = rss_file = os.path.join(scratch, "rss")
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, *args], stdout=out, stderr=err, env=env
        )
        timer = threading.Timer(60, proc.kill)  # a hang fails below, it never blocks the suite
        timer.start()
        try:
            _, status = os.waitpid(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return Child(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            int(Path(rss_file).read_text()) / 1024,  # VmHWM is in kB
        )


def assert_refused(child: Child, path: Path | str, *words: str) -> None:
    """Exit 2, one problem line naming the file and the limit, within the memory and time bounds."""
    assert child.code == 2, f"exit {child.code} (negative: killed by a signal): {child.err[-500:]}"
    assert "Traceback" not in child.err
    lines = child.err.splitlines()
    assert lines[-1] == "1 problem found", child.err[:500]
    assert len(lines) == 2 and lines[0].startswith(f"{path}:"), child.err[:500]
    assert len(lines[0]) < 1000
    for word in words:
        assert word in lines[0], lines[0]
    assert child.rss_mb < MAX_RSS_MB, f"peak RSS {child.rss_mb:.0f} MB"
    assert child.seconds < MAX_SECONDS, f"{child.seconds:.1f}s"


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    text = HEAD + STEP + 'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for level in range(1, levels):
        text += f"lol{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]\n"
    return text


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("billion_laughs", billion_laughs(), ("aliases expand to more than 10,000 values",)),
        (
            "laughs_in_mappings",
            HEAD
            + STEP
            + "outputs:\n  a: &a {x: 1, y: 2, z: 3, w: 4}\n"
            + "".join(
                f"  {chr(98 + i)}: &{chr(98 + i)} {{p: *{chr(97 + i)}, q: *{chr(97 + i)}, "
                f"r: *{chr(97 + i)}, s: *{chr(97 + i)}}}\n"
                for i in range(12)
            ),
            ("aliases expand",),
        ),
        (
            "one_big_anchor_many_aliases",
            HEAD + STEP + "big: &big [" + ", ".join(["1"] * 5000) + "]\n"
            "copies: [" + ", ".join(["*big"] * 200) + "]\n",
            ("aliases expand",),
        ),
        (
            "alias_chain_deepens",
            HEAD
            + STEP
            + "a0: &a0 [1]\n"
            + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 100)),
            (f"more than {MAX_DEPTH} levels deep",),
        ),
        ("deep_flow_lists", "[" * 100_000 + "]" * 100_000, ("levels deep",)),
        ("deep_flow_unclosed", "[" * 100_000, ("levels deep",)),
        ("deep_flow_mappings", "{a: " * 100_000 + "1" + "}" * 100_000, ("levels deep",)),
        ("deep_block_lists", "- " * 50_000 + "x\n", ("levels deep",)),
        (
            "deep_block_mappings",
            "".join(" " * i + "k:\n" for i in range(1_000)) + " " * 1_000 + "k: 1\n",
            ("levels deep",),
        ),
        (
            "expression_100k_parentheses",
            HEAD + STEP + 'outputs:\n  x: "${{ ' + "(" * 100_000 + "1" + ")" * 100_000 + ' }}"\n',
            ("too long (more than 1000",),
        ),
        (
            "expression_100k_negations",
            HEAD + STEP + 'outputs:\n  x: "${{ ' + "!" * 100_000 + 'true }}"\n',
            ("too long (more than 1000",),
        ),
        (
            "expression_nested_33_deep",
            HEAD + STEP + 'outputs:\n  x: "${{ ' + "(" * 33 + "1" + ")" * 33 + ' }}"\n',
            ("nested more than 32 deep",),
        ),
        (
            "expression_50k_operators",
            HEAD + STEP + 'outputs:\n  x: "${{ ' + " || ".join(["true"] * 50_000) + ' }}"\n',
            ("too long",),
        ),
        (
            "one_megabyte_unknown_key",
            HEAD + STEP + "? " + "k" * 1_000_000 + "\n: 1\n",  # an explicit key: no 1024 limit
            ("unknown field 'kkkk", "...; allowed"),
        ),
        (
            "one_megabyte_value_in_wrong_place",
            HEAD + STEP + "version_x: " + "v" * 1_000_000 + "\n",
            ("unknown field 'version_x'",),
        ),
    ],
)
def test_bombs_and_deep_files_are_refused(
    tmp_path: Path, name: str, text: str, words: tuple[str, ...]
) -> None:
    """A YAML bomb or an absurdly deep or long construct: exit 2, one line, bounded memory/time."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= MAX_FILE_BYTES  # each one passes the size limit
    for args in (["validate", str(path)], [str(path)]):
        assert_refused(nango_run(*args), path, *words)


def test_fifty_megabyte_file_is_refused_unread(tmp_path: Path) -> None:
    """A 50 MB workflow is refused from its size before it is read (peak memory stays small)."""
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEAD + STEP)
        chunk = ("# " + "x" * 98 + "\n") * 10_000  # 1 MB, written 50 times
        for _ in range(50):
            stream.write(chunk)
    for args in (["validate", str(path)], [str(path)]):
        child = nango_run(*args)
        assert child.err.startswith(f"{path}: the file is too large ({path.stat().st_size:,} bytes")
        assert_refused(child, path, "1 MiB", "keep large data out of the workflow")
        assert child.rss_mb < 100, f"peak RSS {child.rss_mb:.0f} MB: the file was read"


def test_endless_device_is_refused_after_the_limit() -> None:
    """/dev/zero as a workflow is read no further than the limit, then refused."""
    child = nango_run("validate", "/dev/zero")
    assert_refused(child, "/dev/zero", "too large", "1 MiB")


def test_the_size_limit_is_exact(tmp_path: Path) -> None:
    """A file of exactly MAX_FILE_BYTES is read (and found not to be a workflow); one byte more
    is too large."""
    at_limit = tmp_path / "at-limit.yaml"
    at_limit.write_bytes(b"#" * (MAX_FILE_BYTES - 1) + b"\n")
    over = tmp_path / "over.yaml"
    over.write_bytes(b"#" * MAX_FILE_BYTES + b"\n")
    assert_refused(nango_run("validate", str(at_limit)), at_limit, "a workflow is a mapping")
    assert_refused(nango_run("validate", str(over)), over, "too large (1,048,577 bytes")


def test_a_one_megabyte_description_is_still_valid(tmp_path: Path) -> None:
    """A valid workflow with a 1 MB single-line value passes, quickly and in bounded memory."""
    path = tmp_path / "long.yaml"
    path.write_text(HEAD + "description: " + "d" * 1_000_000 + "\n" + STEP, encoding="utf-8")
    child = nango_run("validate", str(path))
    assert (child.code, child.out, child.err) == (0, f"{path}: valid\n", "")
    assert child.rss_mb < MAX_RSS_MB and child.seconds < MAX_SECONDS


def test_inputs_files_have_the_same_limits(tmp_path: Path) -> None:
    """--inputs FILE with a bomb, deep nesting or a huge size is one usage error, exit 2."""
    workflow = tmp_path / "wf.yaml"
    workflow.write_text(HEAD + STEP, encoding="utf-8")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"a: 1\n" + b"#" * (2 * MAX_FILE_BYTES) + b"\n")
    cases = [(bomb, "aliases expand"), (deep, "levels deep"), (huge, "too large")]
    for inputs, words in cases:
        child = nango_run(str(workflow), "--inputs", str(inputs))
        assert child.code == 2 and "Traceback" not in child.err, child.err[-500:]
        assert child.err.startswith(f"nango-run: error: --inputs: {inputs}")
        assert words in child.err and len(child.err.splitlines()) == 1, child.err
        assert child.rss_mb < MAX_RSS_MB and child.seconds < MAX_SECONDS


def test_the_limits_pass_the_largest_example() -> None:
    """The structure check passes the largest example, which loads; its cost is measured in
    bench/bench_cli.py, not asserted here (a test asserts no timing)."""
    path = REPO / "workflows" / "github_issue.yaml"
    assert structure_problem(path.read_text(encoding="utf-8")) is None
    assert load_workflow(str(path)).data["steps"]
    assert MAX_ALIAS_VALUES == 10_000 and MAX_DEPTH == 64 and MAX_FILE_BYTES == 1024 * 1024


def test_a_few_aliases_and_unusual_scalars_still_load(tmp_path: Path) -> None:
    """Anchors and aliases under the limit, standard tags and dates load as before (an impossible
    date stays text); an unknown tag or an unreadable !!int is a located problem, no traceback."""
    path = tmp_path / "anchors.yaml"
    path.write_text(
        HEAD + STEP + "outputs:\n  a: &pair [1, !!str 2]\n  b: *pair\n  c: 2024-01-31\n",
        encoding="utf-8",
    )
    assert load_workflow(str(path)).data["outputs"] == {
        "a": [1, "2"],
        "b": [1, "2"],
        "c": "2024-01-31",
    }
    path.write_text(
        HEAD + STEP + "outputs:\n  a: !foo 1\n  b: !!int x\n  c: 2024-13-45\n", encoding="utf-8"
    )
    child = nango_run("validate", str(path))
    assert child.code == 2 and "Traceback" not in child.err
    assert child.err.splitlines() == [
        f"{path}:7:6: /outputs/a: unsupported tag '!foo'; remove it (workflows hold plain data)",
        f"{path}:8:6: /outputs/b: the value cannot be read as !!int: invalid literal for int() "
        "with base 10: 'x'",
        "2 problems found",
    ]
