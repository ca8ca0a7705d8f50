"""The benchmarks run once, tiny (--smoke), so they cannot rot; no timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_benchmark_runs_in_smoke_mode() -> None:
    """bench/run_all.py --smoke exits 0 and prints every table, the fan-out's baselines (raw httpx
    threads, AsyncNango on one loop and bare sockets against the fast fake Nango) included."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for title in (
        "SDK against raw httpx",
        "CLI start-up",
        "HTTP requests per example workflow",
        "for_each fan-out",
        "raw httpx ms",
        "AsyncNango ms",
        "raw socket ms",
        "nango-toolbox: start-up and MCP round trip",
    ):
        assert title in done.stdout, title
