"""CLI start-up against a bare interpreter, and against the official `nango` CLI when node is here.

Usage: python bench/bench_cli.py [--smoke]

nango_toolbox is byte-compiled first, as pip does when it installs the wheel: without its .pyc
files (an editable install under PYTHONDONTWRITEBYTECODE, say) every start compiles the package's
modules again, which the last row measures on a throw-away copy. Both wall time and the child's
CPU time (user + system) are reported: on a shared machine the CPU ratio moves less.
"""

from __future__ import annotations

import compileall
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import ROOT, Table, executable, machine_line, smoke_mode
from _node import node_cli

VALIDATE = "nango-run validate github_issue.yaml"
NO_BYTECODE = f"{VALIDATE}, package without .pyc (compiled at every start)"


def _package_dir() -> Path:
    spec = importlib.util.find_spec("nango_toolbox")
    assert spec is not None and spec.submodule_search_locations is not None
    return Path(next(iter(spec.submodule_search_locations)))


def _run(cmd: list[str], env: dict[str, str] | None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd`` (a failure raises)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu


def _medians(
    cmds: dict[str, tuple[list[str], dict[str, str] | None]], rounds: int
) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command, run in alternation (one warm-up round)."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for round_ in range(rounds + 1):
        for name, (cmd, env) in cmds.items():
            sample = _run(cmd, env)
            if round_:
                samples[name].append(sample)
    return {
        name: (statistics.median(s[0] for s in got), statistics.median(s[1] for s in got))
        for name, got in samples.items()
    }


def main(argv: list[str] | None = None) -> str:
    smoke = smoke_mode(argv)
    rounds = 1 if smoke else 15
    package = _package_dir()
    compileall.compile_dir(str(package), quiet=1)
    nango_run = executable("nango-run")
    workflow = str(ROOT / "workflows" / "github_issue.yaml")
    launcher = "import sys; from nango_toolbox.cli import main; sys.exit(main())"
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "nango_toolbox"
        shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
        no_pyc = {**os.environ, "PYTHONPATH": tmp, "PYTHONDONTWRITEBYTECODE": "1"}
        cmds: dict[str, tuple[list[str], dict[str, str] | None]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], None),
            "nango-run --version": ([nango_run, "--version"], None),
            VALIDATE: ([nango_run, "validate", workflow], None),
            NO_BYTECODE: ([sys.executable, "-c", launcher, "validate", workflow], no_pyc),
        }
        official = None if smoke else node_cli()
        if official:
            cmds["nango --version (official CLI)"] = ([*official, "--version"], None)
        m = _medians(cmds, rounds)
    base_wall, base_cpu = m["python -c pass"]
    table = Table(
        "CLI start-up (medians of whole-process runs, interleaved; nango_toolbox byte-compiled "
        "as an installed wheel is)",
        ["command", "ms", "ratio to python -c pass", "CPU ratio", "target", "verdict"],
    )
    table.add("python -c pass", base_wall * 1000, 1.0, 1.0, "baseline", "")
    for name, target in (("nango-run --version", 3.0), (VALIDATE, 5.0), (NO_BYTECODE, None)):
        wall, cpu = m[name]
        ratio = wall / base_wall
        if target is None:
            goal, verdict = "reference", ""
        else:
            goal, verdict = f"<= {target:.0f}x", "met" if ratio <= target else "missed"
        table.add(name, wall * 1000, ratio, cpu / base_cpu, goal, verdict)
    if official:
        name = "nango --version (official CLI)"
        wall, cpu = m[name]
        table.add(name, wall * 1000, wall / base_wall, cpu / base_cpu, "reference", "")
        version = m["nango-run --version"][0]
        table.add(
            "nango-run --version / official nango --version",
            "",
            version / wall,
            "",
            "< 1",
            "met" if version < wall else "missed",
        )
    else:
        table.add(
            "nango --version (official CLI)", "n/a", "n/a", "", "node or the npm package absent", ""
        )
    text = f"{machine_line()}\n\n{table.render()}"
    print(text)
    return text


if __name__ == "__main__":
    main()
