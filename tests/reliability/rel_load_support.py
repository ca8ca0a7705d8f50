"""Helpers of the concurrency and soak tests: a sandbox in its own process, and the client processes.

Run as a script, this module is one of those client processes:

- ``python rel_load_support.py run-on-go ARGS...`` imports nango-run's modules, waits for one line
  on stdin (the start signal the test sends to every runner at once), then runs
  ``nango_toolbox.cli.main(ARGS)`` and exits with its code - ``nango-run ARGS`` with the start-up
  cost paid before the barrier, so that all runners really race.
- ``python rel_load_support.py soak BASE_URL SEED SECONDS`` sends a seeded mix of API calls for
  SECONDS and prints one JSON line: how many calls it sent, per route, and every answer whose
  status was not the one the call expects. The secret key comes from ``NANGO_SECRET_KEY``.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent


def nango_run() -> str:
    """The nango-run console script of this environment."""
    beside = Path(sys.executable).parent / "nango-run"
    found = str(beside) if beside.exists() else shutil.which("nango-run")
    assert found, "nango-run is not installed in this environment"
    return found


@dataclass
class SandboxProcess:
    """``nango-run sandbox`` serving in a child process."""

    process: subprocess.Popen[str]
    base_url: str
    secret_key: str
    output: list[str] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def client(self, timeout: float = 30) -> httpx.Client:
        """A client sending the secret key."""
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.secret_key}"},
            timeout=timeout,
        )

    def rss_kb(self) -> int:
        """Resident memory of the sandbox process (VmRSS), in kB."""
        return rss_kb(self.pid)

    def stop(self) -> str:
        """SIGINT, wait, and return what it wrote to stderr (asserting it exits 0)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            raise AssertionError("the sandbox did not stop within 20 s of SIGINT") from None
        assert self.process.stderr is not None
        err = self.process.stderr.read()
        assert code == 0, f"the sandbox exited with {code}: {err}"
        return err


def start_sandbox(*options: str, secret_key: str | None = None) -> SandboxProcess:
    """Start ``nango-run sandbox --port 0 OPTIONS``; returns once it printed its URL. Load tests
    measure the server, not Nango's 200-a-minute limit: ``--rate-limit off`` unless given."""
    key = secret_key or str(uuid.uuid4())
    limit = () if "--rate-limit" in options else ("--rate-limit", "off")
    process = subprocess.Popen(
        [nango_run(), "sandbox", "--port", "0", "--secret-key", key, *limit, *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    found = re.fullmatch(r"Nango sandbox listening on (http://127\.0\.0\.1:\d+)\n", first)
    if found is None:
        process.kill()
        _out, err = process.communicate(timeout=10)
        raise AssertionError(f"the sandbox did not start: {first!r} {err}")
    return SandboxProcess(process, found.group(1), key, [first])


def rss_kb(pid: int) -> int:
    """VmRSS of a process from /proc, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for process {pid}")


def child_env(base_url: str, secret_key: str) -> dict[str, str]:
    """The environment of a client process: this one's, plus the sandbox's URL and key."""
    env = dict(os.environ)
    env["NANGO_SERVER_URL"] = base_url
    env["NANGO_SECRET_KEY"] = secret_key
    env.pop("NANGO_HOST", None)
    return env


def script_command(*args: str) -> list[str]:
    """The command running this module as a script."""
    return [sys.executable, str(Path(__file__).resolve()), *args]


def read_request_log_file(path: Path) -> list[dict[str, Any]]:
    """The JSON lines of a ``--request-log`` file."""
    return [json.loads(line) for line in path.read_text().splitlines()]


# -- soak workload -----------------------------------------------------------------------------

SOAK_KINDS = [
    "list",
    "get",
    "patch",
    "set",
    "connect",
    "proxy_get",
    "proxy_post",
    "records",
    "action",
]
SOAK_WEIGHTS = [2, 3, 3, 1, 1, 3, 1, 2, 1]
SOAK_INTEGRATION = "soak-github"
SOAK_API_KEY_INTEGRATION = "soak-openai"


def prepare_soak(http: httpx.Client, clients: int) -> None:
    """The integrations and one connection per client process that the soak workload uses."""
    for body in (
        {
            "unique_key": SOAK_INTEGRATION,
            "provider": "github",
            "credentials": {"type": "OAUTH2", "client_id": "soak-id", "client_secret": "soak-cs"},
        },
        {"unique_key": SOAK_API_KEY_INTEGRATION, "provider": "openai"},
    ):
        response = http.post("/integrations", json=body)
        assert response.status_code == 200, response.text
    for index in range(clients):
        response = http.post(
            "/connections",
            json={
                "provider_config_key": SOAK_INTEGRATION,
                "connection_id": f"soak-{index}",
                "credentials": {"type": "OAUTH2", "access_token": f"soak-token-{index}"},
                "metadata": {"client": index},
            },
        )
        assert response.status_code == 201, response.text
        response = http.post(
            "/connections",
            json={
                "provider_config_key": SOAK_API_KEY_INTEGRATION,
                "connection_id": f"soak-oa-{index}",
                "credentials": {"type": "API_KEY", "apiKey": f"sk-soak-{index}"},
            },
        )
        assert response.status_code == 201, response.text


class Soak:
    """One client process's loop over a seeded mix of calls, counting every call it sends."""

    def __init__(self, http: httpx.Client, index: int, seed: int) -> None:
        self.http = http
        self.index = index
        self.rng = random.Random(seed)
        self.sent: Counter[str] = Counter()
        self.unexpected: list[str] = []
        self.connection = f"soak-{index}"
        self.headers = {"Connection-Id": self.connection, "Provider-Config-Key": SOAK_INTEGRATION}
        self.openai = {
            "Connection-Id": f"soak-oa-{index}",
            "Provider-Config-Key": SOAK_API_KEY_INTEGRATION,
        }
        self.counter = 0
        # What this client's own writes must have left: its connection's metadata (nobody else
        # writes it) and, per end user it connected, the API key of the latest completion.
        self.metadata: dict[str, Any] = {"client": index}
        self.api_keys: dict[str, str] = {}

    def call(
        self, name: str, expected: int, method: str, path: str, **kwargs: Any
    ) -> httpx.Response:
        """Send one logged API call; an answer with another status is recorded as unexpected."""
        self.sent[name] += 1
        response = self.http.request(method, path, **kwargs)
        if response.status_code != expected:
            self.unexpected.append(
                f"{method} {path}: {response.status_code} (expected {expected}) "
                f"{response.text[:200]}"
            )
        return response

    def step(self, kind: str | None = None) -> None:
        """One call (or two, for a connect session) of the given kind, or of a seeded random one."""
        self.counter += 1
        kind = kind or self.rng.choices(SOAK_KINDS, weights=SOAK_WEIGHTS)[0]
        getattr(self, kind)()

    def list(self) -> None:
        self.call("list_connections", 200, "GET", "/connections", params={"search": "soak"})

    def get(self) -> None:
        self.call(
            "get_connection",
            200,
            "GET",
            f"/connections/{self.connection}",
            params={"provider_config_key": SOAK_INTEGRATION},
        )

    def patch(self) -> None:
        body = {
            "provider_config_key": SOAK_INTEGRATION,
            "connection_id": self.connection,
            "metadata": {f"k{self.counter % 50}": self.counter},
        }
        if self.call(
            "update_metadata", 200, "PATCH", "/connections/metadata", json=body
        ).is_success:
            self.metadata.update(body["metadata"])

    def set(self) -> None:
        body = {
            "provider_config_key": SOAK_INTEGRATION,
            "connection_id": self.connection,
            "metadata": {"client": self.index, "reset_at": self.counter},
        }
        if self.call("set_metadata", 201, "POST", "/connections/metadata", json=body).is_success:
            self.metadata = dict(body["metadata"])

    def connect(self) -> None:
        user = f"soak-user-{self.index}-{self.counter % 10}"
        response = self.call(
            "create_connect_session",
            201,
            "POST",
            "/connect/sessions",
            json={
                "end_user": {"id": user},
                "allowed_integrations": [SOAK_API_KEY_INTEGRATION],
            },
        )
        if response.status_code != 201:
            return
        token = response.json()["data"]["token"]
        # Control route: not in the request log, so not counted. A fixed connection id per
        # user keeps the number of connections bounded (the second completion updates it).
        api_key = f"sk-soak-{self.index}-{self.counter}"
        done = self.http.post(
            "/_sandbox/connect/complete",
            json={"token": token, "connection_id": user, "credentials": {"apiKey": api_key}},
        )
        if done.status_code == 201:
            self.api_keys[user] = api_key
        else:
            self.unexpected.append(f"POST /_sandbox/connect/complete: {done.status_code}")

    def proxy_get(self) -> None:
        self.call("proxy_get", 200, "GET", "/proxy/user", headers=self.headers)

    def proxy_post(self) -> None:
        # The fake OpenAI keeps nothing, so the soak's state stays the same size.
        self.call(
            "proxy_post",
            200,
            "POST",
            "/proxy/v1/chat/completions",
            headers=self.openai,
            json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "soak"}]},
        )

    def records(self) -> None:
        self.call(
            "list_records",
            200,
            "GET",
            "/records",
            params={"model": "GithubIssue", "limit": "10"},
            headers=self.headers,
        )

    def action(self) -> None:
        self.call(
            "action_trigger",
            200,
            "POST",
            "/action/trigger",
            headers=self.headers,
            json={"action_name": "list-repos", "input": {}},
        )


def soak_main(base_url: str, seed: int, seconds: float, index: int) -> dict[str, Any]:
    """Send the mix until ``seconds`` have passed; the counts and the unexpected answers."""
    key = os.environ["NANGO_SECRET_KEY"]
    with httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30
    ) as http:
        soak = Soak(http, index, seed)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                soak.step()
            except httpx.HTTPError as exc:  # a transport error is a failure of the soak too
                soak.unexpected.append(f"transport error: {type(exc).__name__}: {exc}")
    return {
        "index": index,
        "sent": sum(soak.sent.values()),
        "by_call": dict(soak.sent),
        "unexpected": soak.unexpected[:20],
        "unexpected_count": len(soak.unexpected),
        "metadata": soak.metadata,
        "api_keys": soak.api_keys,
    }


def _run_on_go(argv: list[str]) -> int:
    from nango_toolbox import cli
    from nango_toolbox.client import Nango  # noqa: F401 - paid before the barrier
    from nango_toolbox.workflow import executor, validate  # noqa: F401 - same

    sys.stderr.write("ready\n")
    sys.stderr.flush()
    sys.stdin.readline()
    return cli.main(argv)


if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "run-on-go":
        raise SystemExit(_run_on_go(rest))
    if command == "soak":
        result = soak_main(rest[0], int(rest[1]), float(rest[2]), int(rest[3]))
        print(json.dumps(result))
        raise SystemExit(0)
    raise SystemExit(f"unknown command {command!r}")
