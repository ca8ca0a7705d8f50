"""Run every benchmark and write bench/RESULTS.md (`make bench`). `--smoke` runs each tiny, once."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_agent
import bench_cli
import bench_node
import bench_sdk
import bench_workflows
from _harness import machine_line, smoke_mode

NOTES = """
### Where the time goes (py-spy / cProfile / -X importtime)

- Fan-out (issue 17): measured against bench/_fast_nango.py, a raw-asyncio fake Nango, not our
  sandbox; bare asyncio sockets reach ~0.85 of the ideal speed-up at concurrency 50 against it,
  so the gap left is the client's: ~1 ms of client CPU per call at concurrency 50 (httpx's sync
  client alone is ~0.4 ms per call on one thread here; the runner's own work ~0.04 ms), which
  makes 200 calls CPU-bound at ~200 ms against an 80 ms latency floor. nango-run lends each
  request in flight its own small pool (workflow/http.py): the shared pool's lock and
  idle-connection scans, and its 20 kept-alive connections for 50 threads (~170 reconnects per
  200 calls), cost more than that. The AsyncNango column bounds any redesign: the same calls
  from 50 tasks on one event loop, on the SDK's fastest transport, no runner and no threads,
  reach ~0.6-0.7 at 50 (~0.45 ms of client CPU per call), short of 0.8 too. Threads are a small
  part: the same calls as greenlets on one thread spent ~15% less CPU per call and took about
  as long; a longer GIL switch interval (sys.setswitchinterval) gained ~5% in the runner.
- `nango-run validate` (a valid file): PyYAML's import is most of what is left above a bare
  interpreter (its reader compiles a regex over all of Unicode, ~4 ms; its resolver more), then
  `re` and `enum`, which PyYAML needs anyway. jsonschema is imported only for an invalid file (a
  check compiled from the schema decides first), and the path imports no dataclasses, typing,
  pathlib, json or argparse. Without the package's .pyc files, compiling its modules adds ~2x.
- Concurrent AsyncNango (issue 17): on aiohttp (httpx-aiohttp's transport) a call costs ~0.45 ms
  of client CPU at 2,000 in flight, against ~1.2 ms on httpx's own asyncio pool (httpcore on
  anyio); at 2,000 the client is CPU-bound, the rest being httpx's request building (URL parsing,
  build_request), aiohttp's `_request` and reading the body through httpx's stream.
- Sequential calls: `get_connection` costs what raw httpx costs (callgrind: +7k instructions of
  ~2.2M); `list_connections` builds a model per connection, which the raw loop does not.
- Records: the SDK's own CPU per page is below a raw httpx loop's (no model per record);
  the remaining differences are the shared machine's noise and the sandbox's /records.
- MCP `proxy_request` (nango-toolbox mcp over stdio, the SDK's own client): on stdio, after the
  handshake, a plain `tools/call` is answered by a fast lane (FastCalls: the same ToolCalls
  code, without the SDK's per-request machinery). Per call the server spends ~0.1 ms of CPU
  beyond the SDK call it makes; most of what is left is the official MCP client (~0.45 ms of
  CPU for a proxy_request answer, ~0.2 ms for an unknown tool: the JSON-RPC parse, the
  CallToolResult model, the output-schema check) and the two pipe hops. Against the sandbox
  answering in ~1 ms that is ~1.5x; against a real Nango (tens of ms) it is within a few percent.
"""

HISTORY = "## History: dated before/after measurements (`make bench` keeps this part as it is)"


def main() -> None:
    args = sys.argv[1:]
    sections = [
        mod.main(args) for mod in (bench_sdk, bench_node, bench_cli, bench_workflows, bench_agent)
    ]
    if smoke_mode(args):
        return
    out = Path(__file__).with_name("RESULTS.md")
    out.write_text(
        "# Benchmark results\n\n"
        f"Measured by `make bench` on {machine_line()}.\n"
        "Every figure is a ratio of medians measured side by side in the same run, against the same "
        "local server; the milliseconds next to a ratio only show what it was computed from.\n\n"
        + "\n".join(sections)
        + NOTES
        + "\n"
        + history(out)
    )
    print(f"wrote {out}")


def history(results: Path) -> str:
    """The dated before/after measurements below HISTORY in RESULTS.md, kept as they are."""
    text = results.read_text() if results.exists() else ""
    at = text.find(HISTORY)
    return text[at:] if at >= 0 else HISTORY + "\n"


if __name__ == "__main__":
    main()
