"""Requests per example workflow against the minimum it needs, and for_each fan-out speed-up.

Usage: python bench/bench_workflows.py [--smoke]

Both run `nango-run` as a user would (a child process with --server-url) against a sandbox in
another child process, on an account that is already connected, and read the sandbox's request
log (GET /_sandbox/requests) to count what the run asked of Nango.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import ROOT, RemoteSandbox, Table, machine_line, sandbox_process, smoke_mode
from nango_toolbox.workflow.steps.for_each import MAX_CONCURRENCY

WORKFLOWS = ROOT / "workflows"
END_USER = "demo-user"


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


def run_workflow(sb: RemoteSandbox, cwd: str, name: str, *inputs: str) -> dict[str, Any]:
    args = [nango_run(), str(WORKFLOWS / name), "--server-url", sb.base_url, "--output", "json"]
    for item in inputs:
        args += ["--input", item]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NANGO_")}
    env["NANGO_SECRET_KEY"] = sb.secret_key
    done = subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} exited {done.returncode}: {done.stderr.strip()[-400:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def counted(
    sb: RemoteSandbox, http: Any, cwd: str, name: str, *inputs: str
) -> tuple[int, list[str]]:
    http.delete("/_sandbox/requests").raise_for_status()
    run_workflow(sb, cwd, name, *inputs)
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
                "get integration, list connections, get connection (scopes), scripts config, trigger action",
                5,
                ("github_issue.yaml", "repo=octo-org/hello-world", "title=bench"),
            ),
            (
                "slack_message.yaml (deployed send-message action)",
                "get integration, list connections, get connection (scopes), scripts config, trigger action",
                5,
                ("slack_message.yaml", "text=bench"),
            ),
            (
                "api_key_connection.yaml",
                "get integration, list connections, get connection (the step outputs credentials_type), one proxy call",
                4,
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


def raw_fanout(sb: RemoteSandbox, key: str, ids: list[str], level: int) -> float:
    """Seconds for the same proxy calls issued by raw httpx threads: the server's ceiling."""
    import httpx

    limits = httpx.Limits(max_connections=level, max_keepalive_connections=level)
    auth = {"Authorization": f"Bearer {sb.secret_key}"}
    with httpx.Client(base_url=sb.base_url, headers=auth, limits=limits, timeout=60) as client:

        def one(connection_id: str) -> None:
            headers = {"Connection-Id": connection_id, "Provider-Config-Key": key}
            client.get("/proxy/user", headers=headers).raise_for_status()

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=level) as pool:
            list(pool.map(one, ids))
        return time.perf_counter() - start


def bench_fanout(sb: RemoteSandbox, table: Table, cwd: str, n: int, levels: list[int]) -> None:
    with sb.control() as http:
        oauth_integration(http, "github", "fan", "repo")
        ids = [connect(http, "fan", f"fan-user-{i}", scopes=["repo"]) for i in range(n)]
        http.post(
            "/_sandbox/faults", json={"route": "GET /proxy/*", "latency_ms": 20}
        ).raise_for_status()
        try:
            times: dict[int, float] = {}
            raw: dict[int, float] = {}
            for level in levels:
                # for_each caps concurrency at MAX_CONCURRENCY: the baseline uses the same cap.
                raw[level] = raw_fanout(sb, "fan", ids, min(level, MAX_CONCURRENCY))
                result = run_workflow(
                    sb, cwd, "fanout.yaml", "integration=fan", f"concurrency={level}"
                )
                step = next(s for s in result["steps"] if s["id"] == "each")
                if step["outputs"]["succeeded"] != n:
                    raise RuntimeError(
                        f"fan-out at concurrency {level}: {step['outputs']['failed']} failed"
                    )
                times[level] = step["duration_ms"] / 1000
        finally:
            http.delete("/_sandbox/faults").raise_for_status()
    for level in levels:
        effective = min(level, MAX_CONCURRENCY)
        speedup = times[levels[0]] / times[level]
        raw_speedup = raw[levels[0]] / raw[level]
        table.add(
            f"for_each over {n} connections, concurrency {level}"
            + (f" (capped at {effective})" if effective != level else ""),
            round(times[level] * 1000),
            round(raw[level] * 1000),
            raw[level] / times[level],
            speedup,
            raw_speedup,
            effective,
            speedup / effective,
        )


def main(argv: list[str] | None = None) -> str:
    smoke = smoke_mode(argv)
    requests = Table(
        "HTTP requests per example workflow on an already-connected account (sandbox request log)",
        ["workflow", "requests", "minimum", "ratio", "verdict", "the minimum"],
    )
    fanout = Table(
        "for_each fan-out, 20 ms injected latency on every proxy call: the runner's step against "
        "the same proxy calls from raw httpx threads at the same concurrency (the server's "
        "ceiling); speed-ups are against concurrency 1",
        [
            "scenario",
            "runner ms",
            "raw httpx ms",
            "raw/runner",
            "runner speed-up",
            "raw speed-up",
            "ideal",
            "runner efficiency",
        ],
    )
    with tempfile.TemporaryDirectory() as cwd, sandbox_process() as sb:
        details = bench_requests(sb, requests, cwd)
        n, levels = (10, [1, 5]) if smoke else (200, [1, 10, 50])
        bench_fanout(sb, fanout, cwd, n, levels)
    text = (
        f"{machine_line()}\n\n{requests.render()}\nRequests seen:\n"
        + "\n".join(details)
        + f"\n\n{fanout.render()}"
    )
    print(text)
    return text


if __name__ == "__main__":
    main()
