"""Run every benchmark and write bench/RESULTS.md (`make bench`). `--smoke` runs each tiny, once."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cli
import bench_node
import bench_sdk
import bench_workflows
from _harness import machine_line, smoke_mode


def main() -> None:
    args = sys.argv[1:]
    sections = [mod.main(args) for mod in (bench_sdk, bench_node, bench_cli, bench_workflows)]
    if smoke_mode(args):
        return
    out = Path(__file__).with_name("RESULTS.md")
    out.write_text(
        "# Benchmark results\n\n"
        f"Measured by `make bench` on {machine_line()}.\n"
        "Every figure is a ratio of medians measured side by side in the same run, against the same "
        "local server; the milliseconds next to a ratio only show what it was computed from.\n\n"
        + "\n".join(sections)
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
