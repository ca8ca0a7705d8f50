"""SDK overhead against raw httpx: sequential calls, async throughput, and record iteration.

Usage: python bench/bench_sdk.py [--smoke]
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import statistics
import sys
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (
    RemoteSandbox,
    Table,
    machine_line,
    sandbox_process,
    smoke_mode,
)
from nango_toolbox import AsyncNango, Nango

PAGE = 100


def connect(sb: RemoteSandbox, integration: str, end_user: str) -> str:
    """Create an API-key integration and one connection through a headless connect session."""
    with sb.control() as http:
        http.post("/integrations", json={"provider": "openai", "unique_key": integration})
        session = http.post(
            "/connect/sessions",
            json={"tags": {"end_user_id": end_user}, "allowed_integrations": [integration]},
        ).raise_for_status()
        token = session.json()["data"]["token"]
        done = http.post(
            "/_sandbox/connect/complete",
            json={"token": token, "credentials": {"apiKey": "sk-bench-" + uuid.uuid4().hex}},
        ).raise_for_status()
        return str(done.json()["connection_id"])


def seed_records(
    sb: RemoteSandbox, integration: str, connection_id: str, model: str, n: int
) -> None:
    with sb.control() as http:
        batch = 20_000
        for start in range(0, n, batch):
            records = [
                {"id": str(i), "title": f"record {i}"} for i in range(start, min(n, start + batch))
            ]
            http.post(
                "/_sandbox/records",
                json={
                    "provider_config_key": integration,
                    "connection_id": connection_id,
                    "model": model,
                    "records": records,
                },
            ).raise_for_status()


def bench_sequential(sb: RemoteSandbox, table: Table, n: int, rounds: int) -> None:
    integration = "bench-seq"
    connection_id = connect(sb, integration, "bench-user")
    headers = {"Authorization": f"Bearer {sb.secret_key}"}
    with (
        httpx.Client(base_url=sb.base_url, headers=headers, timeout=30) as raw,
        Nango(secret_key=sb.secret_key, base_url=sb.base_url, max_retries=0) as nango,
    ):

        def raw_list() -> None:
            for _ in range(n):
                raw.get("/connections").raise_for_status().json()

        def sdk_list() -> None:
            for _ in range(n):
                nango.list_connections()

        def raw_get() -> None:
            for _ in range(n):
                raw.get(
                    f"/connections/{connection_id}", params={"provider_config_key": integration}
                ).raise_for_status().json()

        def sdk_get() -> None:
            for _ in range(n):
                nango.get_connection(integration, connection_id)

        m, cpu = wall_and_cpu_medians(
            {"raw_list": raw_list, "sdk_list": sdk_list, "raw_get": raw_get, "sdk_get": sdk_get},
            rounds,
        )
    for label, raw_key, sdk_key in (
        ("GET /connections", "raw_list", "sdk_list"),
        ("GET /connections/{id}", "raw_get", "sdk_get"),
    ):
        for suffix, medians in (("", m), (", client CPU", cpu)):
            ratio = medians[sdk_key] / medians[raw_key]
            table.add(
                f"{n} sequential {label}{suffix}",
                medians[raw_key] * 1000,
                medians[sdk_key] * 1000,
                ratio,
                "<= 1.10",
                "met" if ratio <= 1.10 else "missed",
            )


def wall_and_cpu_medians(
    fns: dict[str, Callable[[], object]], rounds: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall seconds and median client CPU seconds (``time.process_time``: this process
    only, so neither the server nor the other programs of a shared machine count) of each
    function, run in alternation."""
    wall: dict[str, list[float]] = {name: [] for name in fns}
    cpu: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            fn()
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - cpu_started)
    return (
        {name: statistics.median(values) for name, values in wall.items()},
        {name: statistics.median(values) for name, values in cpu.items()},
    )


def bench_async(sb: RemoteSandbox, table: Table, m_calls: int, rounds: int) -> None:
    headers = {"Authorization": f"Bearer {sb.secret_key}"}

    async def run() -> dict[str, float]:
        # httpx's default pool on both sides: AsyncNango creates its client with the defaults.
        async with (
            httpx.AsyncClient(base_url=sb.base_url, headers=headers, timeout=60) as raw,
            AsyncNango(secret_key=sb.secret_key, base_url=sb.base_url, max_retries=0) as nango,
        ):

            async def raw_one() -> Any:
                r = await raw.get("/connections")
                r.raise_for_status()
                return r.json()

            samples: dict[str, list[float]] = {"raw": [], "sdk": []}
            loop = asyncio.get_running_loop()
            for _ in range(rounds):
                t0 = loop.time()
                await asyncio.gather(*(raw_one() for _ in range(m_calls)))
                samples["raw"].append(loop.time() - t0)
                t0 = loop.time()
                await asyncio.gather(*(nango.list_connections() for _ in range(m_calls)))
                samples["sdk"].append(loop.time() - t0)
        import statistics

        return {k: statistics.median(v) for k, v in samples.items()}

    m = asyncio.run(run())
    throughput_ratio = m["raw"] / m["sdk"]
    table.add(
        f"{m_calls} concurrent GET /connections (async)",
        m["raw"] * 1000,
        m["sdk"] * 1000,
        throughput_ratio,
        ">= 0.90 (throughput)",
        "met" if throughput_ratio >= 0.9 else "missed",
    )


def _records_size(
    sb: RemoteSandbox, integration: str, connection_id: str, size: int, rounds: int
) -> tuple[dict[str, float], int]:
    """Median seconds (raw, SDK) to iterate `size` records, and the SDK loop's peak traced memory."""
    model = f"Item{size}"
    seed_records(sb, integration, connection_id, model, size)
    rheaders = {
        "Authorization": f"Bearer {sb.secret_key}",
        "Connection-Id": connection_id,
        "Provider-Config-Key": integration,
    }
    with (
        httpx.Client(base_url=sb.base_url, headers=rheaders, timeout=60) as raw,
        Nango(secret_key=sb.secret_key, base_url=sb.base_url, max_retries=0) as nango,
    ):

        def raw_loop() -> int:
            count, cursor = 0, None
            while True:
                params: dict[str, Any] = {"model": model, "limit": PAGE}
                if cursor:
                    params["cursor"] = cursor
                body = raw.get("/records", params=params).raise_for_status().json()
                count += len(body["records"])
                cursor = body.get("next_cursor")
                if not cursor:
                    return count

        def sdk_loop() -> int:
            count = 0
            for _ in nango.iter_records(
                provider_config_key=integration,
                connection_id=connection_id,
                model=model,
                limit=PAGE,
            ):
                count += 1
            return count

        if raw_loop() != size or sdk_loop() != size:
            raise RuntimeError(f"expected {size} records from both loops")
        totals: dict[str, list[float]] = {"raw": [], "sdk": []}
        for _ in range(rounds):
            for name, seconds in _page_interleaved(raw, nango, model, integration, connection_id):
                totals[name].append(seconds)
        medians = {name: statistics.median(values) for name, values in totals.items()}
        gc.collect()
        tracemalloc.start()
        sdk_loop()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return medians, peak


def _page_interleaved(
    raw: httpx.Client, nango: Nango, model: str, integration: str, connection_id: str
) -> list[tuple[str, float]]:
    """Total seconds of a raw cursor loop and of iter_records, timed page by page in alternation.

    A whole 100,000-record loop takes seconds; on a shared machine a burst of other work would
    hit one side only. Alternating one page of each spreads such bursts over both.
    """
    records = nango.iter_records(
        provider_config_key=integration, connection_id=connection_id, model=model, limit=PAGE
    )
    spent = {"raw": 0.0, "sdk": 0.0}
    cursor: str | None = None
    raw_done = sdk_done = False
    while not (raw_done and sdk_done):
        if not raw_done:
            start = time.perf_counter()
            params: dict[str, Any] = {"model": model, "limit": PAGE}
            if cursor:
                params["cursor"] = cursor
            body = raw.get("/records", params=params).raise_for_status().json()
            _ = len(body["records"])
            cursor = body.get("next_cursor")
            raw_done = not cursor
            spent["raw"] += time.perf_counter() - start
        if not sdk_done:
            start = time.perf_counter()
            taken = sum(1 for _ in itertools.islice(records, PAGE))
            sdk_done = taken < PAGE
            spent["sdk"] += time.perf_counter() - start
    return list(spent.items())


def bench_records(sb: RemoteSandbox, table: Table, sizes: list[int], rounds: int) -> None:
    integration = "bench-records"
    connection_id = connect(sb, integration, "bench-records-user")
    peaks: dict[int, int] = {}
    for size in sizes:
        m, peaks[size] = _records_size(sb, integration, connection_id, size, rounds)
        ratio = m["raw"] / m["sdk"]
        table.add(
            f"iterate {size} records, pages of {PAGE} (throughput)",
            m["raw"] * 1000,
            m["sdk"] * 1000,
            ratio,
            ">= 0.90 (throughput)",
            "met" if ratio >= 0.9 else "missed",
        )
    small, large = min(sizes), max(sizes)
    growth = peaks[large] / peaks[small]
    table.add(
        f"peak traced memory, {large} vs {small} records",
        f"{peaks[small] / 1024:.0f} KiB",
        f"{peaks[large] / 1024:.0f} KiB",
        growth,
        "about 1 (flat)",
        "met" if growth < 1.5 else "missed",
    )


def main(argv: list[str] | None = None) -> str:
    smoke = smoke_mode(argv)
    table = Table(
        "SDK against raw httpx (same server, same pooling, medians, interleaved rounds)",
        ["scenario", "raw httpx ms", "SDK ms", "ratio", "target", "verdict"],
    )
    with sandbox_process() as sb:
        bench_sequential(sb, table, n=5 if smoke else 300, rounds=1 if smoke else 9)
        bench_async(sb, table, m_calls=5 if smoke else 200, rounds=1 if smoke else 9)
        sizes = [500, 1000] if smoke else [10_000, 100_000]
        bench_records(sb, table, sizes, rounds=1 if smoke else 3)
    text = f"{machine_line()}\n\n{table.render()}"
    print(text)
    print(
        "ratio: SDK/raw for sequential time; raw/SDK time (= SDK/raw throughput) for async and records."
    )
    return text


if __name__ == "__main__":
    main()
