"""The sandbox is safe when exposed: it says where it listens, bounds what it reads from clients
and providers, stops provider calls nobody waits for, keeps its database's key, and explains a
missing extra in one line."""

from __future__ import annotations

import contextlib
import io
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hostile_server import HostileServer
from nango_toolbox.sandbox import Sandbox, SandboxError
from nango_toolbox.sandbox.__main__ import serve
from nango_toolbox.sandbox.middleware import MAX_BODY_BYTES
from nango_toolbox.sandbox.upstream import MAX_RESPONSE_BYTES
from sandbox_testing import unique

NANGO_RUN = str(Path(sys.executable).with_name("nango-run"))


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.close()


def _client(sb: Sandbox) -> httpx.Client:
    return httpx.Client(base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"})


def _proxy_headers(client: httpx.Client) -> dict[str, str]:
    """An openai (API key) connection; its provider is wherever the sandbox points openai."""
    key = unique("oa")
    client.post("/integrations", json={"unique_key": key, "provider": "openai"}).raise_for_status()
    made = client.post(
        "/connections",
        json={"provider_config_key": key, "credentials": {"type": "API_KEY", "apiKey": "sk-1"}},
    )
    made.raise_for_status()
    return {"Provider-Config-Key": key, "Connection-Id": made.json()["connection_id"]}


def _start(*options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [NANGO_RUN, "sandbox", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=20)
    return process.returncode, err


# -- what it says ----------------------------------------------------------------------------


def test_listening_on_every_interface_says_so() -> None:
    """--host 0.0.0.0: the banner shows the real address and stderr warns that the network can
    reach it; it stops cleanly."""
    process = _start("--host", "0.0.0.0")
    assert process.stdout is not None
    first = process.stdout.readline()
    here = first.rsplit("(this machine: ", 1)[-1].rstrip(")\n")
    assert httpx.get(f"{here}/providers").status_code == 401  # serving (then Ctrl+C)
    code, err = _stop(process)
    assert first.startswith("Nango sandbox listening on http://0.0.0.0:")
    assert "(this machine: http://127.0.0.1:" in first
    assert (
        "nango-run sandbox: warning: listening on every interface (0.0.0.0), reachable from the"
        " network" in err
    )
    assert code == 0 and "Traceback" not in err


def test_missing_sandbox_extra_is_one_line_and_exit_2() -> None:
    """Without uvicorn, nango-run sandbox (and its --help) name the extra in one line, exit 2."""
    script = (
        "import sys; sys.modules['uvicorn'] = None; from nango_toolbox.cli import main; "
        "raise SystemExit(main(sys.argv[1:]))"
    )
    for argv in (["sandbox"], ["sandbox", "--help"]):
        child = subprocess.run(
            [sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=30
        )
        assert child.returncode == 2
        assert child.stderr == (
            "nango-run sandbox: error: the sandbox needs the sandbox extra (uvicorn is missing):"
            " pip install 'nango-toolbox[sandbox]'\n"
        )
        assert child.stdout == ""


# -- what it reads ---------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413(sandbox_client: httpx.Client) -> None:
    """A request body over 10 MiB is refused 413 payload_too_large, declared or chunked."""
    big = b"x" * (MAX_BODY_BYTES + 1)
    declared = sandbox_client.post(
        "/connections", content=big, headers={"content-type": "application/json"}
    )

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 1024 * 1024):
            yield big[start : start + 1024 * 1024]

    chunked = sandbox_client.post(
        "/connections", content=chunks(), headers={"content-type": "application/json"}
    )
    for answer in (declared, chunked):
        assert answer.status_code == 413
        assert answer.json()["error"]["code"] == "payload_too_large"
    fits = sandbox_client.post("/connections", content=b"{}")
    assert fits.status_code == 400  # read and validated, not refused for its size


def test_a_provider_answer_over_the_limit_is_an_error(hostile: HostileServer) -> None:
    """A provider answer over 64 MiB (no Content-Length) becomes 502 provider_response_too_large
    instead of growing the sandbox with it."""
    size = MAX_RESPONSE_BYTES + 8 * 1024 * 1024
    with Sandbox(provider_base_urls={"openai": hostile.url}) as sb, _client(sb) as client:
        headers = _proxy_headers(client)
        answer = client.get(f"/proxy/huge?size={size}&chunked=1", headers=headers)
    assert answer.status_code == 502
    assert answer.json()["error"]["code"] == "provider_response_too_large"


def test_a_provider_slower_than_the_deadline_is_etimedout(hostile: HostileServer) -> None:
    """An attempt past provider_timeout (a provider dripping its body) ends in Nango's 500
    ETIMEDOUT shape instead of holding the request."""
    with (
        Sandbox(provider_base_urls={"openai": hostile.url}, provider_timeout=0.5) as sb,
        _client(sb) as client,
    ):
        headers = _proxy_headers(client)
        answer = client.get("/proxy/drip-body?size=100&rate=2", headers=headers)
    assert answer.status_code == 500
    assert answer.json()["code"] == "ETIMEDOUT"


def test_a_client_that_leaves_cancels_the_provider_call(hostile: HostileServer) -> None:
    """When the client disconnects, the provider call stops at once: the proxy request is logged
    as 499 long before the provider (dripping for 50 s) would have finished."""
    with Sandbox(provider_base_urls={"openai": hostile.url}) as sb, _client(sb) as client:
        headers = _proxy_headers(client)
        with pytest.raises(httpx.ReadTimeout):
            client.get("/proxy/drip-body?size=100&rate=2", headers=headers, timeout=0.5)
        logged: list[int] = []
        for _ in range(100):
            logged = [
                r["status"]
                for r in client.get("/_sandbox/requests").json()["requests"]
                if r["path"].startswith("/proxy/drip-body")
            ]
            if logged:
                break
            time.sleep(0.05)
    assert logged == [499]


def test_stopping_with_a_provider_call_in_flight_prints_no_traceback(
    hostile: HostileServer,
) -> None:
    """Ctrl+C while a proxy call waits on a slow provider: exit 0 and no traceback."""
    key = str(uuid.uuid4())
    process = _start("--secret-key", key, "--provider-base-url", f"openai={hostile.url}")
    assert process.stdout is not None
    url = process.stdout.readline().split()[-1]
    client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30)
    headers = _proxy_headers(client)

    def wait_on_the_provider() -> None:
        with contextlib.suppress(httpx.HTTPError):
            client.get("/proxy/drip-body?size=100&rate=2", headers=headers)

    waiting = threading.Thread(target=wait_on_the_provider)
    waiting.start()
    time.sleep(0.5)
    code, err = _stop(process)
    waiting.join(30)
    client.close()
    assert code == 0
    assert "Traceback" not in err and "Error" not in err


# -- its database's key ----------------------------------------------------------------------


def test_db_keeps_the_key_it_was_created_with(tmp_path: Path) -> None:
    """A database created with --secret-key K keeps K: a restart without a key accepts K, and a
    different key is refused in one line (exit 2) instead of locking K out."""
    db = str(tmp_path / "keep.db")
    key = str(uuid.uuid4())
    with Sandbox(db=db, secret_key=key):
        pass
    with Sandbox(db=db) as again:
        assert again.secret_key == key
    with pytest.raises(SandboxError, match="was created with another secret key"):
        Sandbox(db=db, secret_key=str(uuid.uuid4())).start()
    err = io.StringIO()
    code = serve(["--db", db, "--secret-key", str(uuid.uuid4()), "--port", "0"], out=err)
    assert code == 2
    with Sandbox(db=db, secret_key=key) as same:
        assert same.secret_key == key
