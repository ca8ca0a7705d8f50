"""AsyncNango's HTTP transport (nango_toolbox._http): aiohttp by default, plain httpx as the
fallback and by choice, with the same answers and the same errors on both, against the hostile
server (tests/hostile_server.py) and a closed port."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from hostile_server import HostileServer
from nango_toolbox import (
    APIConnectionError,
    APITimeoutError,
    AsyncNango,
    ResponseTooLargeError,
)
from nango_toolbox._http import default_http_client
from recording_provider import RecordingProvider

KEY = str(uuid.uuid4())
Client = Callable[..., "AsyncIterator[AsyncNango]"]


@asynccontextmanager
async def default(base_url: str, **kwargs: object) -> AsyncIterator[AsyncNango]:
    async with AsyncNango(KEY, base_url, max_retries=0, **kwargs) as nango:  # type: ignore[arg-type]
        yield nango


@asynccontextmanager
async def plain(base_url: str, **kwargs: object) -> AsyncIterator[AsyncNango]:
    timeout = kwargs.get("timeout", 30.0)
    async with (
        httpx.AsyncClient(timeout=timeout) as http,  # type: ignore[arg-type]
        AsyncNango(KEY, base_url, max_retries=0, http_client=http, **kwargs) as nango,  # type: ignore[arg-type]
    ):
        yield nango


TRANSPORTS = pytest.mark.parametrize("client", [default, plain], ids=["aiohttp", "httpx"])


def test_async_default_is_aiohttp_and_sync_stays_on_httpx() -> None:
    """An AsyncNango's own client sends through aiohttp; a Nango's through httpx's transport."""
    async_client = default_http_client(httpx.AsyncClient, 5.0)
    sync_client = default_http_client(httpx.Client, 5.0)
    assert type(async_client._transport).__module__ == "nango_toolbox._http"
    assert isinstance(sync_client._transport, httpx.HTTPTransport)
    assert async_client.timeout == sync_client.timeout == httpx.Timeout(5.0)
    assert not async_client.follow_redirects and not sync_client.follow_redirects
    sync_client.close()


def test_without_aiohttp_async_falls_back_to_plain_httpx() -> None:
    """When aiohttp cannot be imported, AsyncNango's own client is a plain httpx one."""
    code = (
        "import sys; sys.modules['aiohttp'] = None\n"
        "import httpx\n"
        "from nango_toolbox._http import default_http_client\n"
        "client = default_http_client(httpx.AsyncClient, 5.0)\n"
        "print(type(client._transport).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.strip() == "AsyncHTTPTransport"


@TRANSPORTS
async def test_answers_and_headers_are_the_same(client: Client, hostile: HostileServer) -> None:
    """A call sends the same request and reads the same answer on either transport."""
    async with client(f"{hostile.url}/echo") as nango:
        answer = await nango.proxy(
            "POST",
            "/things",
            provider_config_key="github",
            connection_id="c1",
            json={"name": "é"},
            headers={"X-Extra": "1"},
        )
    assert answer.status_code == 200
    assert answer.body == {"ok": True, "path": "/echo/proxy/things"}
    sent = hostile.requests[-1]
    assert sent.method == "POST"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.headers["user-agent"].startswith("nango-toolbox/")
    assert json.loads(sent.body) == {"name": "é"}
    assert sent.headers["nango-proxy-x-extra"] == "1"


@TRANSPORTS
async def test_a_closed_port_cannot_be_reached(client: Client) -> None:
    """Nothing listening: APIConnectionError saying Nango could not be reached."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with client(f"http://127.0.0.1:{port}") as nango:
        with pytest.raises(APIConnectionError) as caught:
            await nango.list_connections()
    assert "could not reach Nango" in str(caught.value)
    assert not isinstance(caught.value, APITimeoutError)


@TRANSPORTS
async def test_a_body_cut_off_is_a_broken_connection(
    client: Client, hostile: HostileServer
) -> None:
    """A body shorter than its Content-Length: APIConnectionError, the connection broke."""
    async with client(f"{hostile.url}/cut/size=100/sent=10") as nango:
        with pytest.raises(APIConnectionError) as caught:
            await nango.list_connections()
    assert "the connection to Nango broke" in str(caught.value)
    assert not isinstance(caught.value, APITimeoutError)


@TRANSPORTS
async def test_dripped_headers_time_out(client: Client, hostile: HostileServer) -> None:
    """Headers a line every half second: APITimeoutError at the whole-attempt bound."""
    async with client(f"{hostile.url}/drip-headers/lines=10", timeout=1) as nango:
        with pytest.raises(APITimeoutError, match="no whole answer within 1s"):
            await nango.list_connections()


@TRANSPORTS
async def test_a_large_answer_is_refused(client: Client, hostile: HostileServer) -> None:
    """A chunked answer past max_response_size: ResponseTooLargeError, the rest unread."""
    async with client(
        f"{hostile.url}/huge/chunked=1/type=application/json", max_response_size=100_000
    ) as nango:
        with pytest.raises(ResponseTooLargeError):
            await nango.list_connections()
    assert hostile.sent["/huge"] < 100 * 1024 * 1024


@TRANSPORTS
async def test_a_stream_is_read_in_chunks(client: Client, hostile: HostileServer) -> None:
    """proxy_stream hands the provider's body over in chunks, on either transport."""
    async with (
        client(f"{hostile.url}/huge/size=300000") as nango,
        nango.proxy_stream(
            "GET", "/file", provider_config_key="github", connection_id="c1"
        ) as stream,
    ):
        size = 0
        async for chunk in stream.aiter_bytes():
            size += len(chunk)
    assert size == 300_000


async def test_both_transports_send_the_same_request(hostile: HostileServer) -> None:
    """aiohttp and plain httpx send the same method, path, headers and body for one call."""
    seen = []
    for client in (default, plain):
        async with client(f"{hostile.url}/echo") as nango:
            await nango.proxy(
                "PUT", "/a b", provider_config_key="k", connection_id="c", content=b"x" * 100
            )
        seen.append(hostile.requests[-1])
    assert seen[0] == seen[1]


async def test_own_clients_send_no_cookie_back(fake_provider: RecordingProvider) -> None:
    """A Set-Cookie in an answer is not sent back by the client AsyncNango makes; the one
    Nango makes keeps no cookie either."""
    cookie = {"Set-Cookie": "theme=dark; Path=/"}  # not a secret (httpcore's DEBUG log shows it)
    fake_provider.respond(200, {"data": {"name": "github"}}, cookie, times=2)
    async with AsyncNango(KEY, fake_provider.url) as nango:
        await nango.get_provider("github")
        await nango.get_provider("github")
    assert len(fake_provider.requests) == 2
    assert all("cookie" not in r.headers for r in fake_provider.requests)
    with default_http_client(httpx.Client, 5.0) as blocking:
        answer = httpx.Response(
            200, headers=cookie, request=httpx.Request("GET", fake_provider.url)
        )
        blocking.cookies.extract_cookies(answer)
        assert not blocking.cookies


def test_a_client_serves_two_event_loops_quietly(
    hostile: HostileServer, caplog: pytest.LogCaptureFixture
) -> None:
    """An AsyncNango used under two asyncio.run calls answers under both, and clients dropped
    without aclose() log no error (aiohttp's "Unclosed client session" stays unsaid)."""

    async def ask(nango: AsyncNango) -> Any:
        answer = await nango.proxy("GET", "/x", provider_config_key="k", connection_id="c")
        return answer.body

    nango = AsyncNango(KEY, f"{hostile.url}/echo")
    assert (
        asyncio.run(ask(nango)) == asyncio.run(ask(nango)) == {"ok": True, "path": "/echo/proxy/x"}
    )
    del nango
    asyncio.run(ask(AsyncNango(KEY, f"{hostile.url}/echo")))
    gc.collect()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


@TRANSPORTS
async def test_a_short_read_phase_still_times_out(client: Client, hostile: HostileServer) -> None:
    """An httpx.Timeout whose read phase is shorter than the attempt bound ends a body that
    pauses longer than it (the phase timer, not the deadline)."""
    timeout = httpx.Timeout(20.0, read=0.3)
    started = time.monotonic()
    async with client(f"{hostile.url}/drip-body/size=20/rate=2", timeout=timeout) as nango:
        with pytest.raises(APITimeoutError, match="ReadTimeout"):
            await nango.list_connections()
    assert time.monotonic() - started < 5
