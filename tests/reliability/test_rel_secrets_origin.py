"""The secret key never leaves the Nango base URL's origin, and a proxy path never leaves /proxy/.

Two recording servers on 127.0.0.1: ``nango_side`` is the configured base URL, ``elsewhere``
(another port, so another origin) records whatever reaches it. Redirects of every kind from the
base URL to ``elsewhere`` must arrive there without the secret key; proxy endpoints that look
like URLs or climb with ``..`` must reach the base URL below /proxy/ (or be refused before any
request), through the SDK (sync and async) and through a workflow's ``proxy`` step.
"""

from __future__ import annotations

import asyncio
import socket
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from nango_toolbox import AsyncNango, Nango, NangoError, cli
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from rel_secrets_support import (
    PROVIDER_TOKEN,
    SECRET_KEY,
    TRICKY_ENDPOINTS,
    leaks,
    stays_below_proxy,
)

pytestmark = pytest.mark.reliability

STATUSES = (301, 302, 303, 307, 308)
PROXY = {"provider_config_key": "k", "connection_id": "c"}


def _quick_server() -> RecordingProvider:
    """A RecordingProvider whose answers are not held back by Nagle's algorithm (it writes the
    headers and the body separately: each call would wait ~40 ms for a delayed ACK)."""
    server = RecordingProvider()
    server._server.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return server


@pytest.fixture(scope="module")
def nango_side() -> Iterator[RecordingProvider]:
    server = _quick_server()
    yield server
    server.close()


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[RecordingProvider]:
    server = _quick_server()
    yield server
    server.close()


def _port(server: RecordingProvider) -> int:
    return int(server.url.rsplit(":", 1)[1])


# Each call: a name and a function of a client (sync) - the async variant awaits the same.
CALLS: dict[str, Callable[[Any], Any]] = {
    "GET list_integrations": lambda n: n.list_integrations(),
    "POST trigger_action idempotent": lambda n: n.trigger_action(
        "k", "c", "act", {"a": 1}, idempotent=True
    ),
    "GET proxy": lambda n: n.proxy(
        "GET", "/x", headers={"Authorization": f"Bearer {PROVIDER_TOKEN}"}, **PROXY
    ),
    "POST proxy idempotent": lambda n: n.post(
        "/x",
        json={"a": 1},
        headers={"Authorization": f"Bearer {PROVIDER_TOKEN}"},
        idempotent=True,
        **PROXY,
    ),
}


class Caller:
    """One Nango (sync) or AsyncNango (async, on its own event loop) client for a whole test."""

    def __init__(self, mode: str, base_url: str) -> None:
        self.mode = mode
        self.loop = asyncio.new_event_loop() if mode == "async" else None
        client_class = AsyncNango if mode == "async" else Nango
        self.client: Any = client_class(SECRET_KEY, base_url, max_retries=0)

    def call(self, fn: Callable[[Any], Any]) -> Exception | None:
        """Run ``fn(client)`` (awaited for async); its ValueError or NangoError, else None."""
        try:
            result = fn(self.client)
            if self.loop is not None:
                self.loop.run_until_complete(result)
        except (ValueError, NangoError) as exc:
            return exc
        return None

    def close(self) -> None:
        if self.loop is not None:
            self.loop.run_until_complete(self.client.aclose())
            self.loop.close()
        else:
            self.client.close()


@pytest.fixture(params=["sync", "async"])
def caller(request: pytest.FixtureRequest, nango_side: RecordingProvider) -> Iterator[Caller]:
    caller = Caller(request.param, nango_side.url)
    yield caller
    caller.close()


def test_redirects_to_another_origin_never_carry_the_secret_key(
    nango_side: RecordingProvider, elsewhere: RecordingProvider, caller: Caller
) -> None:
    """301/302/303/307/308 to another port (absolute and scheme-relative Location) or another
    host name of the same server arrive without Authorization, the key or the provider token."""
    other = f"127.0.0.1:{_port(elsewhere)}"
    locations = {
        "absolute": f"http://{other}/landed",
        "scheme-relative": f"//{other}/landed",
    }
    tried = 0
    for status in STATUSES:
        for call_name, call in CALLS.items():
            for form, location in locations.items():
                nango_side.reset()
                elsewhere.reset()
                nango_side.respond(status, {}, {"Location": location})
                caller.call(call)  # the landing server's answer need not parse
                where = f"{caller.mode} {call_name} -> {status} {form}"
                assert len(elsewhere.requests) == 1, where  # the redirect was followed
                assert nango_side.requests[0].headers["authorization"] == f"Bearer {SECRET_KEY}"
                assert leaks(elsewhere.requests, SECRET_KEY, PROVIDER_TOKEN) == [], where
                tried += 1
            # Same server, other host name: another origin too.
            nango_side.reset()
            nango_side.respond(status, {}, {"Location": f"http://localhost:{_port(nango_side)}/l"})
            caller.call(call)
            assert len(nango_side.requests) == 2, f"{caller.mode} {call_name} -> {status} localhost"
            assert leaks(nango_side.requests[1:], SECRET_KEY, PROVIDER_TOKEN) == []
            tried += 1
    assert tried == len(STATUSES) * len(CALLS) * 3


def test_a_same_origin_redirect_keeps_the_secret_key(
    nango_side: RecordingProvider, elsewhere: RecordingProvider, caller: Caller
) -> None:
    """A redirect to a path of the base URL's own origin keeps Authorization (relative and
    absolute Location)."""
    for status in STATUSES:
        for location in ("/landed", f"{nango_side.url}/landed"):
            nango_side.reset()
            elsewhere.reset()
            nango_side.respond(status, {}, {"Location": location})
            caller.call(CALLS["GET list_integrations"])
            assert [r.path for r in nango_side.requests] == ["/integrations", "/landed"]
            assert nango_side.requests[1].headers["authorization"] == f"Bearer {SECRET_KEY}"
            assert elsewhere.requests == []


PROXY_CALLS: dict[str, Callable[[Any, str], Any]] = {
    "proxy GET": lambda n, ep: n.proxy("GET", ep, **PROXY),
    "get": lambda n, ep: n.get(ep, **PROXY),
    "post": lambda n, ep: n.post(ep, json={"a": 1}, **PROXY),
    "proxy DELETE": lambda n, ep: n.proxy("DELETE", ep, **PROXY),
}


def test_proxy_endpoints_that_look_like_urls_stay_below_proxy(
    nango_side: RecordingProvider, elsewhere: RecordingProvider, caller: Caller
) -> None:
    """Every tricky endpoint reaches the base URL below /proxy/ (even once a server resolves
    %2e and dot segments), or is refused before a request; nothing reaches another server."""
    other = f"127.0.0.1:{_port(elsewhere)}"
    escaped: list[str] = []
    refused: list[str] = []
    for template in ("/plain/path", *TRICKY_ENDPOINTS):
        endpoint = template.format(other=other)
        for call_name, call in PROXY_CALLS.items():
            nango_side.reset()
            elsewhere.reset()
            error = caller.call(lambda n, call=call, ep=endpoint: call(n, ep))
            where = f"{caller.mode} {call_name} {endpoint!r}"
            if error is not None:
                assert nango_side.requests == [], f"{where}: {error!r} after a request"
                refused.append(where)
            assert elsewhere.requests == [], f"{where} reached another server"
            escaped += [
                f"{where} -> {r.path}" for r in nango_side.requests if not stays_below_proxy(r.path)
            ]
    assert escaped == []
    assert not any("/plain/path" in r for r in refused)


WORKFLOW = """\
version: 1
name: tricky-proxy
steps:
  - id: call
    proxy:
      connection: {{integration: {key}, connection_id: {conn}}}
      method: GET
      path: {path}
      expect: [400, 404]
"""


def test_a_workflow_proxy_step_keeps_tricky_paths_below_proxy(
    tmp_path: Path,
    elsewhere: RecordingProvider,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """nango-run's proxy step with each tricky path: the sandbox sees it below /proxy/ (or the
    run stops with a one-line error first), and the provider call stays on the provider."""
    provider = _quick_server()
    try:
        with Sandbox(provider_base_urls={"sendgrid": provider.url}, time_scale=0.01) as sb:
            headers = {"Authorization": f"Bearer {sb.secret_key}"}
            with httpx.Client(base_url=sb.base_url, headers=headers, timeout=10) as client:
                client.post(
                    "/integrations", json={"provider": "sendgrid", "unique_key": "sg"}
                ).raise_for_status()
                client.post(
                    "/connections",
                    json={
                        "provider_config_key": "sg",
                        "connection_id": "c1",
                        "credentials": {"type": "API_KEY", "apiKey": PROVIDER_TOKEN},
                    },
                ).raise_for_status()
                monkeypatch.setenv("NANGO_SECRET_KEY", sb.secret_key)
                monkeypatch.delenv("NANGO_TOOLBOX_SECRET_KEY", raising=False)
                monkeypatch.chdir(tmp_path)
                other = f"127.0.0.1:{_port(elsewhere)}"
                escaped: list[str] = []
                for n, template in enumerate(("/plain/path", *TRICKY_ENDPOINTS)):
                    path = template.format(other=other)
                    workflow = tmp_path / f"wf{n}.yaml"
                    quoted = "'" + path.replace("'", "''") + "'"
                    workflow.write_text(
                        textwrap.dedent(WORKFLOW).format(key="sg", conn="c1", path=quoted)
                    )
                    client.delete("/_sandbox/requests").raise_for_status()
                    elsewhere.reset()
                    provider.reset()
                    code = cli.main([str(workflow), "--server-url", sb.base_url, "-q"])
                    out = capsys.readouterr()
                    assert code in (0, 1, 2), (path, out.err)
                    assert "Traceback" not in out.err
                    logged = client.get("/_sandbox/requests").json()["requests"]
                    sent = [r["path"] for r in logged if r["path"] != "/connections/c1"]
                    escaped += [f"{path!r} -> {p}" for p in sent if not stays_below_proxy(p)]
                    assert elsewhere.requests == [], path
                    if template == "/plain/path":
                        assert code == 0 and sent == ["/proxy/plain/path"], (out.err, sent)
                        assert [r.path for r in provider.requests] == ["/plain/path"]
        assert escaped == []
    finally:
        provider.close()
