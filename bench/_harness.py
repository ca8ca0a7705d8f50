"""Shared pieces of the benchmarks: a sandbox in a child process, timing, and the ratio table.

Every benchmark measures a baseline and the candidate side by side in the same run, against the
same local server, over several rounds, and reports the ratio of the medians. Bare wall times are
printed only next to their ratio, never alone.
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def smoke_mode(argv: list[str] | None = None) -> bool:
    """True when the benchmark runs once, tiny, to prove it still works (the test suite does this)."""
    args = sys.argv[1:] if argv is None else argv
    return "--smoke" in args or os.environ.get("NANGO_BENCH_SMOKE") == "1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RemoteSandbox:
    base_url: str
    secret_key: str
    process: subprocess.Popen[bytes]

    def control(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.secret_key}"},
            timeout=60,
        )


@contextmanager
def sandbox_process(*extra: str) -> Iterator[RemoteSandbox]:
    """Start `python -m nango_toolbox.sandbox` in a child process and wait until it answers.

    Its rate limit is off unless `extra` sets one: a real Nango's 200/min would pace every round.
    """
    port = free_port()
    key = str(uuid.uuid4())
    cmd = [sys.executable, "-m", "nango_toolbox.sandbox", "--port", str(port), "--secret-key", key]
    if "--rate-limit" not in extra:
        cmd += ["--rate-limit", "off"]
    proc = subprocess.Popen([*cmd, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"sandbox exited early: {err.strip()[-500:]}")
            try:
                httpx.get(
                    f"{base}/providers", headers={"Authorization": f"Bearer {key}"}, timeout=1
                )
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("sandbox did not start within 30 s") from None
                time.sleep(0.05)
        yield RemoteSandbox(base, key, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def executable(name: str) -> str:
    """The console script ``name`` of this interpreter's environment, else the one on PATH."""
    import shutil

    path = Path(sys.executable).with_name(name)
    return str(path) if path.exists() else shutil.which(name) or name


def command_runner(cmd: list[str]) -> Callable[[], None]:
    """A function that runs ``cmd`` to its end (quietly; a failure raises), for the timers."""

    def run() -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return run


def median_seconds(fn: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def interleaved_medians(fns: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median seconds of each function, run in alternation so drifts in load hit all alike."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([_fmt(cell) for cell in cells])

    def render(self) -> str:
        widths = [len(h) for h in self.headers]
        for row in self.rows:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
        line = "| " + " | ".join(h.ljust(w) for h, w in zip(self.headers, widths, strict=True))
        out = [f"### {self.title}", "", line + " |"]
        out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in self.rows:
            out.append(
                "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
            )
        return "\n".join(out) + "\n"


def _fmt(cell: object) -> str:
    if isinstance(cell, float):
        return f"{cell:.3f}" if cell < 100 else f"{cell:.0f}"
    return str(cell)


def machine_line() -> str:
    return (
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )
