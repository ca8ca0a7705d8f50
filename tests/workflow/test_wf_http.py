"""The run's HTTP client (nango_toolbox.workflow.http): one pool per request in flight, against
real servers on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from hostile_server import HostileServer
from nango_toolbox import APITimeoutError, Nango
from nango_toolbox._deadline import DeadlineBackend
from nango_toolbox.workflow.http import PoolPerRequest, run_http_client

KEY = "4b0a9e1c-8d3e-4f6a-9b2c-1d2e3f4a5b6c"


class _PortRecorder(BaseHTTPRequestHandler):
    """Answers every GET with 200 and records the client's port (one per TCP connection)."""

    protocol_version = "HTTP/1.1"
    ports: ClassVar[list[int]] = []
    lock = threading.Lock()

    def do_GET(self) -> None:
        with self.lock:
            self.ports.append(self.client_address[1])
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[int]]]:
    """A keep-alive server on 127.0.0.1 and the client port of each request it answered."""
    _PortRecorder.ports = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PortRecorder)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _PortRecorder.ports
    server.shutdown()
    server.server_close()


def test_requests_one_after_another_keep_one_connection(
    recorder: tuple[str, list[int]],
) -> None:
    """Five calls in a row go over a single kept-alive connection."""
    url, ports = recorder
    with run_http_client() as http:
        for _ in range(5):
            assert http.get(f"{url}/x").json() == {"ok": True}
    assert len(ports) == 5
    assert len(set(ports)) == 1


def test_concurrent_requests_open_no_more_connections_than_threads(
    recorder: tuple[str, list[int]],
) -> None:
    """Eight threads making 40 calls through one client open at most eight connections, and
    every call gets its answer."""
    url, ports = recorder
    with run_http_client() as http, ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: http.get(f"{url}/x").json(), range(40)))
    assert answers == [{"ok": True}] * 40
    assert len(ports) == 40
    assert 1 <= len(set(ports)) <= 8


def test_an_open_response_holds_its_connection_until_closed(
    recorder: tuple[str, list[int]],
) -> None:
    """A response still being read keeps its connection: a second call meanwhile uses another
    one, and once the first is closed a third call reuses a connection already open."""
    url, ports = recorder
    with run_http_client() as http:
        with http.stream("GET", f"{url}/x") as first:
            assert http.get(f"{url}/x").status_code == 200
            first.read()
        assert http.get(f"{url}/x").status_code == 200
    assert len(set(ports[:2])) == 2
    assert ports[2] in ports[:2]


def test_a_closed_client_sends_nothing() -> None:
    """Closing the client closes its connections; httpx refuses to send on it afterwards."""
    http = run_http_client()
    http.close()
    with pytest.raises(RuntimeError):
        http.get("http://127.0.0.1:9/x")


def test_the_sdk_attempt_deadline_bounds_these_connections() -> None:
    """A Nango client on this HTTP client gives up on headers dripped for 5 s at timeout=1
    (each read alone is within it), and every per-request pool opens its connections through
    the SDK's deadline backend (not only the body's chunk-by-chunk check)."""
    server = HostileServer()
    try:
        url = f"{server.url}/drip-headers/lines=10"
        with (
            run_http_client() as http,
            Nango(KEY, url, timeout=1, max_retries=0, http_client=http) as nango,
        ):
            with pytest.raises(APITimeoutError) as info:
                nango.get("/x", provider_config_key="k", connection_id="c")
            assert isinstance(http._transport, PoolPerRequest)
            pools = [t._pool for t in http._transport._all]
            assert pools
            assert all(isinstance(p._network_backend, DeadlineBackend) for p in pools)
        assert "no whole answer within 1s" in str(info.value)
    finally:
        server.close()
