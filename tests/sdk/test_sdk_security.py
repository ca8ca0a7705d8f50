"""Security and logging: the key only goes to the base URL's origin, logs never show it."""

from __future__ import annotations

import logging
import socket
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from nango_toolbox import APIConnectionError, AsyncNango, Nango
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider

KEY = str(uuid.uuid4())


class Redirector:
    """A Nango stand-in that redirects: ``/away`` to another origin, ``/here`` to itself."""

    def __init__(self, elsewhere: str) -> None:
        self.seen: list[tuple[str, str | None]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner.seen.append((self.path, self.headers.get("Authorization")))
                if self.path.startswith("/providers/away"):
                    self._answer(307, b"", {"Location": f"{elsewhere}/providers/github"})
                elif self.path.startswith("/providers/here"):
                    self._answer(302, b"", {"Location": "/providers/final"})
                else:
                    self._answer(
                        200, b'{"data": {"name": "github"}}', {"Content-Type": "application/json"}
                    )

            def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def redirector(fake_provider: RecordingProvider) -> Iterator[Redirector]:
    server = Redirector(fake_provider.url.replace("127.0.0.1", "localhost"))
    yield server
    server.close()


def test_no_key_on_a_redirect_to_another_host(
    redirector: Redirector, fake_provider: RecordingProvider
) -> None:
    """Following a redirect to another origin drops the Authorization header."""
    fake_provider.respond(200, {"data": {"name": "github"}})
    with Nango(KEY, redirector.url) as client:
        assert client.get_provider("away").name == "github"
    assert redirector.seen == [("/providers/away", f"Bearer {KEY}")]
    assert fake_provider.last.path == "/providers/github"
    assert "authorization" not in fake_provider.last.headers


def test_key_kept_on_a_same_origin_redirect(redirector: Redirector) -> None:
    """A redirect within the base URL's origin keeps the Authorization header."""
    with Nango(KEY, redirector.url) as client:
        assert client.get_provider("here").name == "github"
    assert redirector.seen == [
        ("/providers/here", f"Bearer {KEY}"),
        ("/providers/final", f"Bearer {KEY}"),
    ]


def test_debug_log_line_per_request_without_the_key(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    """Each request logs method, path, status and duration at DEBUG on nango_toolbox, never the key."""
    caplog.set_level(logging.DEBUG, logger="nango_toolbox")
    with Nango(sandbox.secret_key, sandbox.base_url) as client:
        client.get_provider("github")
    lines = [r.getMessage() for r in caplog.records if r.name == "nango_toolbox"]
    assert len(lines) == 1
    assert lines[0].startswith("GET /providers/github -> 200 in ")
    assert lines[0].endswith(" ms")
    assert all(sandbox.secret_key not in r.getMessage() for r in caplog.records)


def test_tls_verification_is_on_by_default() -> None:
    """The client's own connection pool verifies TLS certificates."""
    with Nango(KEY, "https://api.nango.dev") as client:
        transport = client._http._transport
        assert transport._pool._ssl_context.verify_mode.name == "CERT_REQUIRED"


async def test_async_client_drops_the_key_off_origin(
    redirector: Redirector, fake_provider: RecordingProvider
) -> None:
    """AsyncNango also drops Authorization when a redirect leaves the base URL's origin."""
    fake_provider.respond(200, {"data": {"name": "github"}})
    async with AsyncNango(KEY, redirector.url) as client:
        assert (await client.get_provider("away")).name == "github"
    assert "authorization" not in fake_provider.last.headers


def test_connection_error_path_leaves_out_the_query() -> None:
    """An error raised before any answer carries the path without its query string, as a status
    error does (a proxied query may hold a provider's key)."""
    with socket.socket() as probe:  # a port nothing listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = Nango(KEY, f"http://127.0.0.1:{port}", max_retries=0)
    with client, pytest.raises(APIConnectionError) as info:
        client.get("/v1/items?api_key=provider-key", provider_config_key="a", connection_id="b")
    assert info.value.path == "/proxy/v1/items"
    assert "provider-key" not in str(info.value)
