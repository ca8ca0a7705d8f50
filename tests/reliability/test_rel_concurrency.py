"""Concurrency: runners racing on one integration, many connect sessions at once, no lost writes.

The sandbox runs as its own process (``nango-run sandbox --db FILE``: SQLite file, WAL journal);
the runners are separate processes of nango-run released together by a barrier.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import textwrap
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from nango_toolbox import cli
from nango_toolbox.client import AsyncNango
from rel_load_support import SandboxProcess, child_env, script_command, start_sandbox

pytestmark = pytest.mark.reliability

RUNNERS = 20
SESSIONS = 50
FORM_SESSIONS = 5  # of the SESSIONS, completed through the HTML connect page's form
WRITERS = 8
WRITES_PER_WRITER = 25
REPLACERS = 2
REPLACES_PER_REPLACER = 25
CREATE_LATENCY_MS = 1500


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("concurrency") / "sandbox.db"


@pytest.fixture(scope="module")
def sandbox(db_file: Path) -> Iterator[SandboxProcess]:
    """``nango-run sandbox`` in its own process, state in a SQLite file."""
    process = start_sandbox("--db", str(db_file))
    yield process
    assert "Traceback" not in process.stop()


@pytest.fixture
def http(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    with sandbox.client() as client:
        yield client
        client.delete("/_sandbox/faults").raise_for_status()


def _workflow(tmp_path: Path, unique_key: str, provider: str = "openai") -> Path:
    path = tmp_path / f"ensure-{unique_key}.yaml"
    path.write_text(
        textwrap.dedent(f"""\
            version: 1
            name: ensure-race
            steps:
              - id: integration
                ensure_integration:
                  provider: {provider}
                  unique_key: {unique_key}
            outputs:
              created: ${{{{ steps.integration.outputs.created }}}}
              provider: ${{{{ steps.integration.outputs.provider }}}}
            """),
        encoding="utf-8",
    )
    return path


def _logged(http: httpx.Client, method: str, path: str) -> list[int]:
    entries = http.get("/_sandbox/requests").json()["requests"]
    return [e["status"] for e in entries if e["method"] == method and e["path"] == path]


# -- ensure_integration ------------------------------------------------------------------------


def test_twenty_runner_processes_ensure_one_integration(
    sandbox: SandboxProcess, http: httpx.Client, tmp_path: Path
) -> None:
    """20 nango-run processes released at once all succeed; one integration, one created it."""
    key = f"race-{uuid.uuid4().hex[:8]}"
    workflow = _workflow(tmp_path, key)
    # A slow create (as from a loaded Nango) keeps the window between read and create open, so
    # the runners' reads all see no integration and their creates really race.
    http.post(
        "/_sandbox/faults", json={"route": "POST /integrations", "latency_ms": CREATE_LATENCY_MS}
    ).raise_for_status()
    http.delete("/_sandbox/requests").raise_for_status()
    env = child_env(sandbox.base_url, sandbox.secret_key)
    runners = [
        subprocess.Popen(
            script_command("run-on-go", str(workflow), "--output", "json"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        for _ in range(RUNNERS)
    ]
    try:
        for runner in runners:  # every one has paid its start-up and waits at the barrier
            assert runner.stderr is not None
            assert runner.stderr.readline() == "ready\n"
        for runner in runners:
            assert runner.stdin is not None
            runner.stdin.write("go\n")
            runner.stdin.flush()
        results = [runner.communicate(timeout=60) for runner in runners]
    finally:
        for runner in runners:
            if runner.poll() is None:
                runner.kill()
    codes = [runner.returncode for runner in runners]
    assert codes == [0] * RUNNERS, [err for _out, err in results]
    documents = [json.loads(out) for out, _err in results]
    assert [d["outputs"]["provider"] for d in documents] == ["openai"] * RUNNERS
    assert sorted(d["outputs"]["created"] for d in documents) == [False] * (RUNNERS - 1) + [True]
    assert all("Traceback" not in err for _out, err in results)

    matching = [i for i in http.get("/integrations").json()["data"] if i["unique_key"] == key]
    assert len(matching) == 1 and matching[0]["provider"] == "openai"
    creates = _logged(http, "POST", "/integrations")
    # The sandbox's create is atomic: exactly one 200; every other racer got the 400 and recovered.
    assert creates.count(200) == 1
    assert sorted(creates) == [200] + [400] * (len(creates) - 1)
    assert len(creates) >= 2, f"no race happened: {creates}"
    print(f"{RUNNERS} runners: {len(creates)} creates raced, 1 won, {len(creates) - 1} recovered")


def _unique_key_answer(http: httpx.Client, key: str) -> dict[str, Any]:
    """What the sandbox answers to a second create of ``key`` (Nango's shape)."""
    response = http.post("/integrations", json={"unique_key": key, "provider": "openai"})
    assert response.status_code == 400
    body: dict[str, Any] = response.json()
    return body


def test_losing_create_reads_the_winner_and_succeeds(
    sandbox: SandboxProcess,
    http: httpx.Client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A runner whose read missed an integration created meanwhile gets the 400 and uses it."""
    key = f"lost-{uuid.uuid4().hex[:8]}"
    assert http.post("/integrations", json={"unique_key": key, "provider": "openai"}).is_success
    assert _unique_key_answer(http, key) == {
        "error": {
            "code": "invalid_body",
            "errors": [
                {
                    "code": "invalid_string",
                    "message": "Unique key already exists",
                    "path": ["uniqueKey"],
                }
            ],
        }
    }
    _miss_first_read(http, key)
    http.delete("/_sandbox/requests").raise_for_status()
    monkeypatch.setenv("NANGO_SECRET_KEY", sandbox.secret_key)
    monkeypatch.setenv("NANGO_SERVER_URL", sandbox.base_url)
    code = cli.main([str(_workflow(tmp_path, key)), "--output", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["outputs"] == {"created": False, "provider": "openai"}
    assert _logged(http, "GET", f"/integrations/{key}") == [404, 200]
    assert _logged(http, "POST", "/integrations") == [400]


def test_losing_create_for_another_provider_fails_the_step(
    sandbox: SandboxProcess,
    http: httpx.Client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """When the racer that won created the key for another provider, the step fails saying so."""
    key = f"other-{uuid.uuid4().hex[:8]}"
    assert http.post("/integrations", json={"unique_key": key, "provider": "sendgrid"}).is_success
    _miss_first_read(http, key)
    monkeypatch.setenv("NANGO_SECRET_KEY", sandbox.secret_key)
    monkeypatch.setenv("NANGO_SERVER_URL", sandbox.base_url)
    code = cli.main([str(_workflow(tmp_path, key))])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"integration '{key}' exists for provider 'sendgrid', not 'openai'" in err
    assert "Traceback" not in out + err


def _miss_first_read(http: httpx.Client, key: str) -> None:
    """The next GET of the integration answers Nango's 404, as if it did not exist yet."""
    http.post(
        "/_sandbox/faults",
        json={
            "route": f"GET /integrations/{key}",
            "times": 1,
            "status": 404,
            "body": {
                "error": {
                    "code": "unknown_provider_config",
                    "message": "There is no Provider Configuration matching this key.",
                }
            },
        },
    ).raise_for_status()


# -- connect sessions --------------------------------------------------------------------------


def test_fifty_concurrent_connect_sessions_all_complete(
    sandbox: SandboxProcess, http: httpx.Client
) -> None:
    """50 sessions for 50 end users, created and completed at once, give 50 right connections."""
    key = f"sessions-{uuid.uuid4().hex[:8]}"
    assert http.post("/integrations", json={"unique_key": key, "provider": "openai"}).is_success
    users = [f"user-{key}-{i}" for i in range(SESSIONS)]

    async def scenario() -> list[Any]:
        async with (
            AsyncNango(secret_key=sandbox.secret_key, base_url=sandbox.base_url) as nango,
            httpx.AsyncClient(
                base_url=sandbox.base_url,
                headers={"Authorization": f"Bearer {sandbox.secret_key}"},
                timeout=30,
            ) as raw,
        ):
            sessions = await asyncio.gather(
                *(
                    nango.create_connect_session(
                        end_user={"id": user, "email": f"{user}@example.com"},
                        allowed_integrations=[key],
                        tags={"batch": key},
                    )
                    for user in users
                )
            )

            async def complete(i: int, token: str) -> None:
                if i < FORM_SESSIONS:  # the end user submits the connect page's form
                    response = await raw.post(
                        f"/connect/{token}/submit",
                        content=f"apiKey=sk-form-{i}",
                        headers={"Content-Type": "application/x-www-form-urlencoded"},
                    )
                    assert response.status_code == 200, response.text
                    assert "data-state='connected'" in response.text
                else:
                    response = await raw.post(
                        "/_sandbox/connect/complete",
                        json={"token": token, "credentials": {"apiKey": f"sk-headless-{i}"}},
                    )
                    assert response.status_code == 201, response.text

            await asyncio.gather(*(complete(i, s.token) for i, s in enumerate(sessions)))
            listed = await nango.list_connections(integration_id=key)
            details = await asyncio.gather(
                *(nango.get_connection(key, c.connection_id) for c in listed)
            )
            return [listed, details]

    listed, details = asyncio.run(scenario())
    assert len(listed) == SESSIONS
    by_user = {c.end_user.id: c for c in listed}
    assert sorted(by_user) == sorted(users)
    for connection in listed:
        assert connection.tags["end_user_id"] == connection.end_user.id
        assert connection.tags["batch"] == key
    keys = {}
    for detail in details:
        credentials = detail.credentials.to_dict()
        assert credentials["type"] == "API_KEY"
        keys[detail.end_user.id] = credentials["apiKey"]
    assert keys == {
        user: f"sk-form-{i}" if i < FORM_SESSIONS else f"sk-headless-{i}"
        for i, user in enumerate(users)
    }


# -- metadata ----------------------------------------------------------------------------------


def test_concurrent_metadata_writes_are_never_lost(
    sandbox: SandboxProcess, http: httpx.Client, db_file: Path
) -> None:
    """Merges from many threads through two sandboxes on one --db file all land; replaces stay whole."""
    key = f"meta-{uuid.uuid4().hex[:8]}"
    assert http.post("/integrations", json={"unique_key": key, "provider": "openai"}).is_success
    connections = ["merged", *(f"replaced-{r}" for r in range(REPLACERS))]
    for connection_id in connections:
        response = http.post(
            "/connections",
            json={
                "provider_config_key": key,
                "connection_id": connection_id,
                "credentials": {"type": "API_KEY", "apiKey": "sk-meta"},
                "metadata": {"seed": True},
            },
        )
        assert response.status_code == 201, response.text
    # A second sandbox process on the same database file: its writes interleave with the first's
    # in SQLite itself, where a read-modify-write outside one transaction would lose updates.
    second = start_sandbox("--db", str(db_file), secret_key=sandbox.secret_key)
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(WRITERS + REPLACERS)

    def merge(writer: int) -> None:
        target = sandbox if writer % 2 == 0 else second
        with target.client() as client:
            start.wait()
            for i in range(WRITES_PER_WRITER):
                response = client.patch(
                    "/connections/metadata",
                    json={
                        "provider_config_key": key,
                        "connection_id": "merged",
                        "metadata": {f"w{writer}-{i}": i},
                    },
                )
                if response.status_code != 200:
                    with lock:
                        failures.append(f"PATCH {response.status_code} {response.text}")

    def replace(replacer: int) -> None:
        with (sandbox if replacer % 2 == 0 else second).client() as client:
            start.wait()
            for i in range(REPLACES_PER_REPLACER):
                whole = {f"field{n}": f"{replacer}-{i}" for n in range(5)}
                response = client.post(
                    "/connections/metadata",
                    json={
                        "provider_config_key": key,
                        "connection_id": f"replaced-{replacer}",
                        "metadata": whole,
                    },
                )
                if response.status_code != 201:
                    with lock:
                        failures.append(f"POST {response.status_code} {response.text}")

    try:
        with ThreadPoolExecutor(WRITERS + REPLACERS) as pool:
            jobs = [pool.submit(merge, w) for w in range(WRITERS)]
            jobs += [pool.submit(replace, r) for r in range(REPLACERS)]
            for job in jobs:
                job.result(timeout=60)
    finally:
        assert "Traceback" not in second.stop()
    assert failures == []
    metadata = http.get("/connections/merged", params={"provider_config_key": key}).json()[
        "metadata"
    ]
    expected = {f"w{w}-{i}": i for w in range(WRITERS) for i in range(WRITES_PER_WRITER)}
    missing = sorted(set(expected) - set(metadata))
    assert missing == [], f"{len(missing)} of {len(expected)} merged keys lost: {missing[:10]}"
    assert metadata == {"seed": True, **expected}
    for replacer in range(REPLACERS):
        final = http.get(
            f"/connections/replaced-{replacer}", params={"provider_config_key": key}
        ).json()["metadata"]
        last = f"{replacer}-{REPLACES_PER_REPLACER - 1}"
        assert final == {f"field{n}": last for n in range(5)}
