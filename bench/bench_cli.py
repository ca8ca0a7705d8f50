"""CLI start-up against a bare interpreter, and against the official `nango` CLI when node is here.

Usage: python bench/bench_cli.py [--smoke]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (
    ROOT,
    Table,
    command_runner,
    executable,
    interleaved_medians,
    machine_line,
    smoke_mode,
)
from _node import node_cli


def main(argv: list[str] | None = None) -> str:
    smoke = smoke_mode(argv)
    rounds = 1 if smoke else 15
    nango_run = executable("nango-run")
    workflow = str(ROOT / "workflows" / "github_issue.yaml")
    cmds = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "nango-run --version": [nango_run, "--version"],
        "nango-run validate github_issue.yaml": [nango_run, "validate", workflow],
    }
    official = None if smoke else node_cli()
    if official:
        cmds["nango --version (official CLI)"] = [*official, "--version"]
    m = interleaved_medians({k: command_runner(v) for k, v in cmds.items()}, rounds)
    base = m["python -c pass"]
    table = Table(
        "CLI start-up (medians of whole-process runs, interleaved)",
        ["command", "ms", "ratio to python -c pass", "target", "verdict"],
    )
    table.add("python -c pass", base * 1000, 1.0, "baseline", "")
    for name, target in (
        ("nango-run --version", 3.0),
        ("nango-run validate github_issue.yaml", 5.0),
    ):
        ratio = m[name] / base
        table.add(
            name, m[name] * 1000, ratio, f"<= {target:.0f}x", "met" if ratio <= target else "missed"
        )
    if official:
        name = "nango --version (official CLI)"
        table.add(name, m[name] * 1000, m[name] / base, "reference", "")
        table.add(
            "nango-run --version / official nango --version",
            "",
            m["nango-run --version"] / m[name],
            "< 1",
            "met" if m["nango-run --version"] < m[name] else "missed",
        )
    else:
        table.add(
            "nango --version (official CLI)", "n/a", "n/a", "node or the npm package absent", ""
        )
    text = f"{machine_line()}\n\n{table.render()}"
    print(text)
    return text


if __name__ == "__main__":
    main()
