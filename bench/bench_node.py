"""Our SDK against the official Node client (@nangohq/node), same scenarios, same server, same run.

Usage: python bench/bench_node.py [--smoke]

The concurrent rows run AsyncNango twice: with its default transport (aiohttp, through
httpx-aiohttp) and with plain httpx (``http_client=httpx.AsyncClient()``, the fallback), so the
transport's effect is measured in the same run as Node's.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from _harness import Table, machine_line, sandbox_process, smoke_mode
from _node import node_client
from bench_sdk import connect
from nango_toolbox import AsyncNango, Nango

SCRIPT = Path(__file__).with_name("node_client_bench.cjs")


def python_round(
    base: str, key: str, integration: str, cid: str, n: int, m: int, big: int
) -> dict[str, float]:
    out: dict[str, float] = {}
    with Nango(secret_key=key, base_url=base, max_retries=0) as nango:
        nango.list_connections()
        t0 = time.perf_counter()
        for _ in range(n):
            nango.list_connections()
        out["sequential_list"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(n):
            nango.get_connection(integration, cid)
        out["sequential_get"] = time.perf_counter() - t0

    async def concurrent(count: int, plain: bool) -> float:
        http = httpx.AsyncClient(timeout=30.0) if plain else None
        async with AsyncNango(secret_key=key, base_url=base, max_retries=0, http_client=http) as a:
            await a.list_connections()
            t = time.perf_counter()
            await asyncio.gather(*(a.list_connections() for _ in range(count)))
            elapsed = time.perf_counter() - t
        if http is not None:
            await http.aclose()
        return elapsed

    for plain in (False, True):
        suffix = "_httpx" if plain else ""
        out["concurrent_list" + suffix] = asyncio.run(concurrent(m, plain))
        out["concurrent_list_big" + suffix] = asyncio.run(concurrent(big, plain))
    return out


def main(argv: list[str] | None = None) -> str:
    smoke = smoke_mode(argv)
    n, m, big, rounds = (5, 5, 20, 1) if smoke else (300, 200, 2000, 7)
    cache = node_client()
    if cache is None:
        text = "node/npm absent or @nangohq/node could not be installed: Node-client comparison skipped\n"
        print(text)
        return text
    env = {**os.environ, "NODE_PATH": str(cache / "node_modules")}
    samples: dict[str, dict[str, list[float]]] = {"python": {}, "node": {}}
    with sandbox_process() as sb:
        integration = "bench-node"
        cid = connect(sb, integration, "bench-node-user")
        for _ in range(rounds):
            py = python_round(sb.base_url, sb.secret_key, integration, cid, n, m, big)
            args = [sb.base_url, sb.secret_key, integration, cid, str(n), str(m), str(big)]
            done = subprocess.run(
                ["node", str(SCRIPT), *args],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"node client bench failed: {done.stderr.strip()[-300:]}")
            js = json.loads(done.stdout)
            for side, values in (("python", py), ("node", js)):
                for k, v in values.items():
                    samples[side].setdefault(k, []).append(v)
    table = Table(
        "nango-toolbox against the official Node client @nangohq/node (medians)",
        ["scenario", "Node ms", "Python SDK ms", "Python/Node time", "aim", "verdict"],
    )
    labels = {
        "sequential_list": f"{n} sequential GET /connections",
        "sequential_get": f"{n} sequential GET /connections/{{id}}",
        "concurrent_list": f"{m} concurrent GET /connections",
        "concurrent_list_big": f"{big} concurrent GET /connections",
    }
    plain = " (AsyncNango on plain httpx, the fallback)"
    rows = [(key, key, label, True) for key, label in labels.items()] + [
        (key, key + "_httpx", labels[key] + plain, False)
        for key in ("concurrent_list", "concurrent_list_big")
    ]
    for node_key, py_key, label, aimed in rows:
        node_t = statistics.median(samples["node"][node_key])
        py_t = statistics.median(samples["python"][py_key])
        ratio = py_t / node_t
        verdict = ("met" if ratio <= 1.0 else "missed") if aimed else "for comparison"
        table.add(label, node_t * 1000, py_t * 1000, ratio, "<= 1.0" if aimed else "-", verdict)
    text = f"{machine_line()}\n\n{table.render()}"
    print(text)
    return text


if __name__ == "__main__":
    main()
