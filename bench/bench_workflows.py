"""Requests per example workflow against the minimum it needs, and for_each fan-out speed-up.

Usage: python bench/bench_workflows.py [--smoke]

Both run `nango-run` as a user would (a child process with --server-url). The request counts
come from a sandbox in another child process, on an account that is already connected (its
request log, GET /_sandbox/requests, shows what the run asked of Nango). The fan-out runs against
bench/_fast_nango.py instead, a minimal raw-asyncio fake Nango in a child process, so that its
ceiling is not our sandbox: the runner is compared with the latency floor, with raw httpx threads,
with the SDK's AsyncNango on one event loop (what any design of for_each on our SDK could reach)
and with bare asyncio sockets against the same server in the same run.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (
    ROOT,
    RemoteSandbox,
    Table,
    free_port,
    machine_line,
    sandbox_process,
    smoke_mode,
)

WORKFLOWS = ROOT / "workflows"
END_USER = "demo-user"
LATENCY_MS = 20.0  # the provider's answer time behind the fast fake Nango's proxy


def nango_run() -> str:
    local = Path(sys.executable).with_name("nango-run")
    return str(local) if local.exists() else shutil.which("nango-run") or "nango-run"


def connect(http: Any, integration: str, end_user: str, **credentials: Any) -> str:
    session = http.post(
        "/connect/sessions",
        json={"tags": {"end_user_id": end_user}, "allowed_integrations": [integration]},
    ).raise_for_status()
    body: dict[str, Any] = {"token": session.json()["data"]["token"]}
    if credentials:
        body["credentials"] = credentials
    done = http.post("/_sandbox/connect/complete", json=body).raise_for_status()
    return str(done.json()["connection_id"])


def oauth_integration(http: Any, provider: str, key: str, scopes: str) -> None:
    http.post(
        "/integrations",
        json={
            "provider": provider,
            "unique_key": key,
            "credentials": {
                "type": "OAUTH2",
                "client_id": f"{provider}-bench-client",
                "client_secret": f"{provider}-bench-secret",
                "scopes": scopes,
            },
        },
    ).raise_for_status()


def run_workflow(base_url: str, key: str, cwd: str, name: str, *inputs: str) -> dict[str, Any]:
    args = [nango_run(), str(WORKFLOWS / name), "--server-url", base_url, "--output", "json"]
    for item in inputs:
        args += ["--input", item]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NANGO_")}
    env["NANGO_SECRET_KEY"] = key
    done = subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} exited {done.returncode}: {done.stderr.strip()[-400:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def counted(
    sb: RemoteSandbox, http: Any, cwd: str, name: str, *inputs: str
) -> tuple[int, list[str]]:
    http.delete("/_sandbox/requests").raise_for_status()
    run_workflow(sb.base_url, sb.secret_key, cwd, name, *inputs)
    log = http.get("/_sandbox/requests").raise_for_status().json()["requests"]
    return len(log), [f"{r['method']} {r['path']}" for r in log]


def bench_requests(sb: RemoteSandbox, table: Table, cwd: str) -> list[str]:
    details = []
    with sb.control() as http:
        oauth_integration(http, "github", "github", "repo")
        oauth_integration(http, "slack", "slack", "chat:write")
        http.post(
            "/integrations", json={"provider": "openai", "unique_key": "openai"}
        ).raise_for_status()
        github_id = connect(http, "github", END_USER, scopes=["repo"])
        connect(http, "slack", END_USER, scopes=["chat:write"])
        connect(http, "openai", END_USER)
        connect(http, "github", "second-user", scopes=["repo"])
        records = [{"id": str(i), "title": f"issue {i}"} for i in range(250)]
        http.post(
            "/_sandbox/records",
            json={
                "provider_config_key": "github",
                "connection_id": github_id,
                "model": "GithubIssue",
                "records": records,
            },
        ).raise_for_status()
        connections = len(
            http.get("/connections", params={"integrationId": "github"}).json()["connections"]
        )
        cases = [
            (
                "github_issue.yaml (deployed create-issue action)",
                "get integration, its provider (the step outputs auth_mode), list connections, get connection (scopes), scripts config, trigger action",
                6,
                ("github_issue.yaml", "repo=octo-org/hello-world", "title=bench"),
            ),
            (
                "slack_message.yaml (deployed send-message action)",
                "get integration, its provider (the step outputs auth_mode), list connections, get connection (scopes), scripts config, trigger action",
                6,
                ("slack_message.yaml", "text=bench"),
            ),
            (
                "api_key_connection.yaml",
                "get integration, its provider (auth_mode), list connections, get connection (the step outputs credentials_type), one proxy call",
                5,
                ("api_key_connection.yaml",),
            ),
            (
                "records_export.yaml (250 records, pages of 100)",
                "find the connection, 3 record pages",
                4,
                ("records_export.yaml", f"connection_id={github_id}", "file=export.json"),
            ),
            (
                f"fanout.yaml ({connections} github connections)",
                f"list connections, {connections} proxy calls",
                1 + connections,
                ("fanout.yaml",),
            ),
        ]
        for label, why, minimum, (name, *inputs) in cases:
            count, log = counted(sb, http, cwd, name, *inputs)
            table.add(
                label, count, minimum, count / minimum, "met" if count == minimum else "missed", why
            )
            details.append(f"- {name}: " + ", ".join(log))
    return details


@contextmanager
def fast_nango(n: int, latency_ms: float) -> Iterator[tuple[str, str]]:
    """bench/_fast_nango.py in a child process: (base URL, secret key), ``n`` connections of the
    integration ``fan``, every proxy call answered after ``latency_ms``."""
    port, key = free_port(), str(uuid.uuid4())
    cmd = [sys.executable, str(Path(__file__).with_name("_fast_nango.py")), "--port", str(port)]
    cmd += ["--secret-key", key, "--connections", str(n), "--latency-ms", str(latency_ms)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != b"ready":
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"the fast fake Nango did not start: {err.strip()[-500:]}")
        yield f"http://127.0.0.1:{port}", key
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def raw_httpx_fanout(base_url: str, key: str, ids: list[str], level: int) -> float:
    """Seconds for the same proxy calls issued by raw httpx threads (what a blocking client can
    do at this concurrency, with a pool as large as the concurrency)."""
    import httpx

    limits = httpx.Limits(max_connections=level, max_keepalive_connections=level)
    auth = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base_url, headers=auth, limits=limits, timeout=60) as client:

        def one(connection_id: str) -> None:
            headers = {"Connection-Id": connection_id, "Provider-Config-Key": "fan"}
            client.get("/proxy/user", headers=headers).raise_for_status()

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=level) as pool:
            list(pool.map(one, ids))
        return time.perf_counter() - start


def raw_socket_fanout(base_url: str, key: str, ids: list[str], level: int) -> float:
    """Seconds for the same proxy calls from ``level`` bare asyncio connections writing HTTP/1.1
    by hand: the upstream's ceiling on this machine (no HTTP client can do better)."""
    host, port = base_url.removeprefix("http://").split(":")

    async def fan() -> None:
        todo = list(ids)

        async def worker() -> None:
            reader, writer = await asyncio.open_connection(host, int(port))
            while todo:
                request = (
                    f"GET /proxy/user HTTP/1.1\r\nhost: {host}\r\nauthorization: Bearer {key}"
                    f"\r\nconnection-id: {todo.pop()}\r\nprovider-config-key: fan\r\n\r\n"
                )
                writer.write(request.encode())
                head = await reader.readuntil(b"\r\n\r\n")
                if not head.startswith(b"HTTP/1.1 200"):
                    raise RuntimeError(f"fast fake Nango answered {head[:40]!r}")
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
            writer.close()

        await asyncio.gather(*(worker() for _ in range(level)))

    start = time.perf_counter()
    asyncio.run(fan())
    return time.perf_counter() - start


def async_sdk_fanout(base_url: str, key: str, ids: list[str], level: int) -> float:
    """Seconds for the same proxy calls from ``level`` tasks sharing one AsyncNango (its default
    aiohttp transport) on one event loop: no runner and no threads, so this is the ceiling of
    any for_each built on our SDK at this concurrency on this machine."""
    from nango_toolbox import AsyncNango

    async def fan() -> float:
        async with AsyncNango(secret_key=key, base_url=base_url) as nango:
            todo = list(ids)

            async def worker() -> None:
                while todo:
                    await nango.proxy(
                        "GET", "/user", connection_id=todo.pop(), provider_config_key="fan"
                    )

            start = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(level)))
            return time.perf_counter() - start

    return asyncio.run(fan())


def runner_fanout(base_url: str, key: str, cwd: str, n: int, level: int) -> float:
    """Seconds of the fanout.yaml for_each step (its own duration, as nango-run reports it)."""
    result = run_workflow(
        base_url, key, cwd, "fanout.yaml", "integration=fan", f"concurrency={level}"
    )
    step = next(s for s in result["steps"] if s["id"] == "each")
    if step["outputs"]["succeeded"] != n:
        raise RuntimeError(f"fan-out at concurrency {level}: {step['outputs']['failed']} failed")
    return float(step["duration_ms"]) / 1000


def bench_fanout(
    table: Table, cwd: str, n: int, levels: list[int], rounds: int, latency_ms: float
) -> None:
    """The runner's for_each against a fast upstream that is not our sandbox: each level's
    runner, raw httpx, AsyncNango and raw socket times, interleaved round by round (medians)."""
    ids = [f"fast-conn-{i}" for i in range(n)]
    samples: dict[tuple[str, int], list[float]] = {}
    with fast_nango(n, latency_ms) as (base_url, key):
        for level in levels:
            runs: dict[str, Callable[[], float]] = {
                "runner": partial(runner_fanout, base_url, key, cwd, n, level),
                "httpx": partial(raw_httpx_fanout, base_url, key, ids, level),
                "async sdk": partial(async_sdk_fanout, base_url, key, ids, level),
                "socket": partial(raw_socket_fanout, base_url, key, ids, level),
            }
            # Concurrency 1 is ~n x latency per run: once is enough, its noise is relative.
            for _ in range(1 if level == 1 else rounds):
                for name, run in runs.items():
                    samples.setdefault((name, level), []).append(run())
    median = {key: statistics.median(values) for key, values in samples.items()}
    for level in levels:
        runner, httpx_s, async_s, socket_s = (
            median[(name, level)] for name in ("runner", "httpx", "async sdk", "socket")
        )
        speedup = median[("runner", levels[0])] / runner
        floor = math.ceil(n / level) * latency_ms / 1000
        table.add(
            f"for_each over {n} connections, concurrency {level}",
            round(runner * 1000),
            round(httpx_s * 1000),
            round(async_s * 1000),
            round(socket_s * 1000),
            round(floor * 1000),
            speedup,
            level,
            speedup / level,
            median[("async sdk", levels[0])] / async_s / level,
            median[("socket", levels[0])] / socket_s / level,
        )


def main(argv: list[str] | None = None) -> str:
    smoke = smoke_mode(argv)
    requests = Table(
        "HTTP requests per example workflow on an already-connected account (sandbox request log)",
        ["workflow", "requests", "minimum", "ratio", "verdict", "the minimum"],
    )
    fanout = Table(
        f"for_each fan-out against a fast fake Nango (bench/_fast_nango.py: raw asyncio, "
        f"{LATENCY_MS:g} ms on every proxy call), medians of interleaved rounds: the runner's "
        "step (nango-run fanout.yaml), the same proxy calls from raw httpx threads, from "
        "AsyncNango tasks on one event loop (our SDK's own ceiling) and from bare asyncio sockets "
        "(the upstream's ceiling) at the same concurrency, and the latency floor (rounds x "
        "latency). Efficiency: speed-up over concurrency 1 / ideal speed-up",
        [
            "scenario",
            "runner ms",
            "raw httpx ms",
            "AsyncNango ms",
            "raw socket ms",
            "floor ms",
            "runner speed-up",
            "ideal",
            "runner efficiency",
            "AsyncNango efficiency",
            "raw socket efficiency",
        ],
    )
    with tempfile.TemporaryDirectory() as cwd:
        with sandbox_process() as sb:
            details = bench_requests(sb, requests, cwd)
        n, levels, rounds = (10, [1, 5], 1) if smoke else (200, [1, 10, 50], 5)
        bench_fanout(fanout, cwd, n, levels, rounds, LATENCY_MS)
    text = (
        f"{machine_line()}\n\n{requests.render()}\nRequests seen:\n"
        + "\n".join(details)
        + f"\n\n{fanout.render()}"
    )
    print(text)
    return text


if __name__ == "__main__":
    main()
