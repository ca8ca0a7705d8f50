"""nango-toolbox: start-up of --version/--help against a bare interpreter, and one MCP
proxy_request round trip (SDK client over stdio to `nango-toolbox mcp`) against the same proxy
call made with the SDK directly, in the same run, on the same sandbox.

Usage: python bench/bench_agent.py [--smoke]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import anyio
from _harness import (
    Table,
    command_runner,
    executable,
    interleaved_medians,
    machine_line,
    sandbox_process,
    smoke_mode,
)
from bench_sdk import connect
from nango_toolbox import Nango


def bench_startup(table: Table, rounds: int) -> None:
    toolbox = executable("nango-toolbox")
    cmds = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "nango-toolbox --version": [toolbox, "--version"],
        "nango-toolbox --help": [toolbox, "--help"],
    }
    m = interleaved_medians({k: command_runner(v) for k, v in cmds.items()}, rounds)
    base = m["python -c pass"]
    table.add("python -c pass", base * 1000, 1.0, "baseline", "")
    for name in ("nango-toolbox --version", "nango-toolbox --help"):
        ratio = m[name] / base
        table.add(name, m[name] * 1000, ratio, "<= 3x", "met" if ratio <= 3 else "missed")


def bench_mcp_proxy(table: Table, rounds: int) -> None:
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    with sandbox_process() as sb:
        key = "bench-mcp"
        connection_id = connect(sb, key, "bench-user")
        env = {k: v for k, v in os.environ.items() if not k.startswith("NANGO")}
        env.update(NANGO_SECRET_KEY=sb.secret_key, NANGO_SERVER_URL=sb.base_url)
        server = StdioServerParameters(command=executable("nango-toolbox"), args=["mcp"], env=env)
        arguments = {
            "integration_id": key,
            "connection_id": connection_id,
            "method": "GET",
            "path": "/v1/models",
        }
        samples: dict[str, list[float]] = {"sdk": [], "mcp": [], "stack": []}

        async def measure() -> None:
            with Nango(secret_key=sb.secret_key, base_url=sb.base_url) as nango:
                async with Client(server, read_timeout_seconds=60) as client:
                    for _ in range(3):  # warm both paths (imports, connections, validators)
                        await client.call_tool("proxy_request", arguments)
                        nango.proxy("GET", "/v1/models", provider_config_key=key,
                                    connection_id=connection_id)  # fmt: skip
                    for _ in range(rounds):
                        start = time.perf_counter()
                        nango.proxy("GET", "/v1/models", provider_config_key=key,
                                    connection_id=connection_id)  # fmt: skip
                        samples["sdk"].append(time.perf_counter() - start)
                        start = time.perf_counter()
                        result = await client.call_tool("proxy_request", arguments)
                        samples["mcp"].append(time.perf_counter() - start)
                        assert not result.is_error, result.content
                        start = time.perf_counter()  # the MCP stack alone: no Nango call
                        await client.call_tool("unknown_tool", {})
                        samples["stack"].append(time.perf_counter() - start)

        anyio.run(measure)
    import statistics

    sdk, mcp_, stack = (statistics.median(samples[k]) for k in ("sdk", "mcp", "stack"))
    table.add("Nango().proxy GET (SDK directly)", sdk * 1000, 1.0, "baseline", "")
    ratio = mcp_ / sdk
    table.add(
        "MCP proxy_request over stdio (SDK client)",
        mcp_ * 1000,
        ratio,
        "<= 1.5x",
        "met" if ratio <= 1.5 else "missed",
    )
    table.add("MCP's own cost per call (difference)", (mcp_ - sdk) * 1000, "", "", "")
    table.add("MCP round trip of an unknown tool (the stack alone)", stack * 1000, "", "", "")


def main(argv: list[str] | None = None) -> str:
    smoke = smoke_mode(argv)
    table = Table(
        "nango-toolbox: start-up and MCP round trip (medians, same run)",
        ["measure", "ms", "ratio to baseline", "target", "verdict"],
    )
    bench_startup(table, 1 if smoke else 15)
    bench_mcp_proxy(table, 2 if smoke else 200)
    text = f"{machine_line()}\n\n{table.render()}"
    print(text)
    return text


if __name__ == "__main__":
    main()
