"""Sandbox robustness: a bounded soak of mixed traffic from several processes.

``nango-run sandbox --db FILE --request-log FILE`` serves CLIENTS client processes (see
``rel_load_support.py soak``) for NANGO_TOOLBOX_SOAK_SECONDS (default 60) seconds. The test asserts
that every answer had the status its call expects, that every call the clients sent is in the
request log file, that the in-memory log stays within its window, and that the sandbox's resident
memory grew less than RSS_GROWTH_BOUND_MB between the end of the warm-up and the end of the soak.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.__main__ import serve
from nango_toolbox.sandbox.requestlog import DEFAULT_WINDOW, LoggedRequest, RequestLog
from rel_load_support import (
    SOAK_API_KEY_INTEGRATION,
    SOAK_INTEGRATION,
    SOAK_KINDS,
    Soak,
    child_env,
    prepare_soak,
    read_request_log_file,
    script_command,
    start_sandbox,
)

pytestmark = pytest.mark.reliability

SECONDS = float(os.environ.get("NANGO_TOOLBOX_SOAK_SECONDS", "60"))
CLIENTS = 4
WARM_UP_ROUNDS = 30  # of every kind of call, before the first memory sample
# Bound on the sandbox's resident memory growth from the end of the warm-up to the end of the soak.
# The state the soak adds is bounded by design (10 connection ids per client, metadata keys cycling
# over 50, a fake OpenAI that keeps nothing; connect sessions add rows to the SQLite file, not to
# memory). What may grow: the in-memory request log up to its 10,000-call window (measured about
# 0.4 kB a call, so at most ~4 MB), SQLite's page cache (at most 2 MB) and allocator noise. Measured
# on 2 cores: +3.1 MB over 60 s and 8,211 calls. 20 MB leaves room for a loaded CI machine and
# still fails on a leak of about 2.5 kB per call or more at that rate.
RSS_GROWTH_BOUND_MB = 20
LOG_SETTLE_SECONDS = 5  # the log line of a call is written just after its answer is sent


def test_soak_mixed_traffic_no_errors_bounded_memory_every_request_logged(
    tmp_path: Path,
) -> None:
    """CLIENTS processes of mixed traffic: expected statuses only, bounded memory, all logged."""
    log_file = tmp_path / "requests.jsonl"
    sandbox = start_sandbox("--db", str(tmp_path / "soak.db"), "--request-log", str(log_file))
    stopped = False
    try:
        with sandbox.client() as http:
            prepare_soak(http, CLIENTS + 1)
            warm = Soak(http, CLIENTS, seed=0)  # the extra connection, not a client's
            for _ in range(WARM_UP_ROUNDS):
                for kind in SOAK_KINDS:
                    warm.step(kind)
            assert warm.unexpected == []
            http.delete("/_sandbox/requests").raise_for_status()
            logged_before = len(read_request_log_file(log_file))
            rss_start = sandbox.rss_kb()
            samples = [rss_start]
            done = threading.Event()

            def sample() -> None:
                while not done.wait(1.0):
                    samples.append(sandbox.rss_kb())

            sampler = threading.Thread(target=sample, daemon=True)
            env = child_env(sandbox.base_url, sandbox.secret_key)
            started = time.monotonic()
            sampler.start()
            clients = [
                subprocess.Popen(
                    script_command("soak", sandbox.base_url, str(1000 + i), str(SECONDS), str(i)),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env,
                )
                for i in range(CLIENTS)
            ]
            outputs = [client.communicate(timeout=SECONDS + 60) for client in clients]
            elapsed = time.monotonic() - started
            done.set()
            sampler.join(5)
            rss_end = sandbox.rss_kb()
            samples.append(rss_end)
            assert [c.returncode for c in clients] == [0] * CLIENTS, [e for _o, e in outputs]
            results = [json.loads(out) for out, _err in outputs]
            sent = sum(r["sent"] for r in results)
            logged = _logged_since(log_file, logged_before, sent)
            window = http.get("/_sandbox/requests").json()["requests"]
            _check_final_state(http, results)
        sandbox_err = sandbox.stop()
        stopped = True
    finally:
        if not stopped:
            sandbox.process.kill()
            sandbox.process.wait(10)

    unexpected = [u for r in results for u in r["unexpected"]]
    assert sum(r["unexpected_count"] for r in results) == 0, unexpected
    assert "Traceback" not in sandbox_err and "ERROR" not in sandbox_err, sandbox_err

    # Every call the clients sent is in the log file, with the status they got.
    assert len(logged) == sent
    by_call: Counter[str] = Counter()
    for result in results:
        by_call.update(result["by_call"])
    assert Counter(e["method"] for e in logged) == Counter(
        {
            "GET": sum(by_call[k] for k in ("list_connections", "get_connection", "proxy_get"))
            + by_call["list_records"],
            "PATCH": by_call["update_metadata"],
            "POST": sum(
                by_call[k]
                for k in ("set_metadata", "create_connect_session", "proxy_post", "action_trigger")
            ),
        }
    )
    assert all(e["status"] < 400 for e in logged)
    # The in-memory log holds only the latest calls.
    assert len(window) == min(sent, DEFAULT_WINDOW)

    growth_mb = (rss_end - rss_start) / 1024
    print(
        f"soak: {CLIENTS} client processes, {elapsed:.1f}s, {sent} requests sent, "
        f"{len(logged)} logged, {sent / elapsed:.0f} req/s; sandbox RSS {rss_start / 1024:.1f} MB "
        f"after warm-up, {rss_end / 1024:.1f} MB at the end (peak {max(samples) / 1024:.1f} MB), "
        f"growth {growth_mb:.1f} MB (bound {RSS_GROWTH_BOUND_MB} MB); by call {dict(by_call)}"
    )
    assert growth_mb < RSS_GROWTH_BOUND_MB


def _logged_since(log_file: Path, before: int, expected: int) -> list[dict[str, Any]]:
    """The log file's entries after the first ``before``, once ``expected`` are there (or 5 s)."""
    deadline = time.monotonic() + LOG_SETTLE_SECONDS
    while True:
        logged = read_request_log_file(log_file)[before:]
        if len(logged) >= expected or time.monotonic() > deadline:
            return logged
        time.sleep(0.05)


def _check_final_state(http: httpx.Client, results: list[dict[str, Any]]) -> None:
    """Each client's writes are what the sandbox holds: its metadata, its end users' API keys."""
    for result in results:
        connection = http.get(
            f"/connections/soak-{result['index']}", params={"provider_config_key": SOAK_INTEGRATION}
        ).json()
        assert connection["metadata"] == result["metadata"]
        for user, api_key in result["api_keys"].items():
            detail = http.get(
                f"/connections/{user}", params={"provider_config_key": SOAK_API_KEY_INTEGRATION}
            ).json()
            assert detail["end_user"]["id"] == user
            assert detail["credentials"]["apiKey"] == api_key
    connected = http.get("/connections", params={"integrationId": SOAK_API_KEY_INTEGRATION})
    users = {c["connection_id"] for c in connected.json()["connections"]}
    assert users >= {u for r in results for u in r["api_keys"]}


def test_request_log_keeps_a_bounded_window_and_counts_everything() -> None:
    """The in-memory log keeps the latest ``window`` calls and the total of all of them."""
    log = RequestLog(window=3)
    for i in range(10):
        log.add(LoggedRequest("GET", f"/connections/{i}", 200, 1.0))
    assert log.total == 10
    assert [e["path"] for e in log.to_list()] == [f"/connections/{i}" for i in (7, 8, 9)]
    log.clear()
    assert (log.total, log.to_list()) == (0, [])


def test_request_log_file_gets_every_call_and_survives_a_reset(tmp_path: Path) -> None:
    """Sandbox(request_log=FILE) appends each API call as a JSON line; DELETE keeps the file."""
    path = tmp_path / "log.jsonl"
    with (
        Sandbox(request_log=str(path)) as sb,
        httpx.Client(
            base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"}
        ) as http,
    ):
        http.get("/integrations")
        http.delete("/_sandbox/requests")
        http.get("/integrations/missing")
        assert [e["path"] for e in http.get("/_sandbox/requests").json()["requests"]] == [
            "/integrations/missing"
        ]
    entries = read_request_log_file(path)
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("GET", "/integrations", 200),
        ("GET", "/integrations/missing", 404),
    ]
    assert all(e["at"] > 0 and e["duration_ms"] >= 0 for e in entries)


def test_unwritable_request_log_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--request-log in a missing directory exits 2 with one line naming the file."""
    assert serve(["--port", "0", "--request-log", "/no/such/dir/log.jsonl"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "nango-run sandbox: error: cannot open the request log /no/such/dir/log.jsonl"
        " (No such file or directory)\n"
    )
