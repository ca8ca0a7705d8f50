"""Async parity: the same scenarios through AsyncNango against the sandbox."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from nango_toolbox import (
    APIConnectionError,
    APITimeoutError,
    AsyncNango,
    AuthenticationError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
)
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from sandbox_testing import SleepRecorder
from sdk_support import Conn, Control, unique

FUNCTIONS = str(Path(__file__).with_name("sdk_functions.py"))


async def test_providers_and_integrations(anango: AsyncNango) -> None:
    """Providers and the integration lifecycle work through AsyncNango."""
    assert (await anango.get_provider("github")).name == "github"
    assert "github" in [p.name for p in await anango.list_providers(search="github")]
    key = unique("st")
    await anango.create_integration(provider="sendgrid", unique_key=key, display_name="S")
    assert key in [i.unique_key for i in await anango.list_integrations()]
    assert (await anango.get_integration(key)).display_name == "S"
    assert (await anango.update_integration(key, display_name="T")).display_name == "T"
    await anango.delete_integration(key)
    with pytest.raises(NotFoundError):
        await anango.get_integration(key)


async def test_connections_metadata_and_sessions(anango: AsyncNango, conn: Conn) -> None:
    """Connections, tokens, metadata and connect sessions work through AsyncNango."""
    key, cid = conn.integration, conn.connection_id
    assert [c.connection_id for c in await anango.list_connections(integration_id=key)] == [cid]
    assert (await anango.get_connection(key, cid)).provider == "sendgrid"
    assert await anango.get_token(key, cid) == {"type": "API_KEY", "apiKey": "sk_test_secret"}
    assert await anango.get_raw_token_response(key, cid) == {}
    await anango.set_metadata(key, cid, {"a": 1})
    await anango.update_metadata(key, [cid], {"b": 2})
    assert await anango.get_metadata(key, cid) == {"a": 1, "b": 2}
    await anango.patch_connection(key, cid, tags={"k": "v"})
    second = unique("c")
    await anango.import_connection(
        key, connection_id=second, credentials={"type": "API_KEY", "apiKey": "x"}
    )
    session = await anango.create_connect_session(
        tags={"end_user_id": "u"}, allowed_integrations=[key]
    )
    assert (await anango.get_connect_session(session.token)).allowed_integrations == [key]
    reconnect = await anango.create_reconnect_session(connection_id=cid, integration_id=key)
    assert reconnect.token != session.token
    await anango.delete_connect_session(session.token)
    await anango.delete_connection(key, second)
    with pytest.raises(NotFoundError):
        await anango.get_connection(key, second)


async def test_proxy(anango: AsyncNango, conn: Conn, fake_provider: RecordingProvider) -> None:
    """The proxy and its shortcuts work through AsyncNango."""
    ids = {"provider_config_key": conn.integration, "connection_id": conn.connection_id}
    response = await anango.get("/v1/a", params={"q": "1"}, headers={"X-A": "b"}, **ids)
    assert response.body == {"ok": True, "path": "/v1/a?q=1"}
    assert fake_provider.last.headers["x-a"] == "b"
    await anango.post("/v1/a", json={"x": 1}, **ids)
    assert fake_provider.last.json() == {"x": 1}
    await anango.put("/v1/a", json={}, **ids)
    await anango.patch("/v1/a", json={}, **ids)
    await anango.delete("/v1/a", **ids)
    assert [r.method for r in fake_provider.requests] == ["GET", "POST", "PUT", "PATCH", "DELETE"]


async def test_errors(sandbox: Sandbox, anango: AsyncNango, conn: Conn) -> None:
    """Status errors map to the same classes through AsyncNango."""
    with pytest.raises(NotFoundError):
        await anango.get_connection(conn.integration, "nope")
    async with AsyncNango(str(uuid.uuid4()), sandbox.base_url) as stranger:
        with pytest.raises(AuthenticationError):
            await stranger.list_integrations()


async def test_retry_after_honoured(
    anango: AsyncNango, control: Control, waits: SleepRecorder
) -> None:
    """A 503 with Retry-After is retried after that many seconds through AsyncNango."""
    control.fault(route="GET /providers/slack", times=1, status=503, headers={"Retry-After": "4"})
    assert (await anango.get_provider("slack")).name == "slack"
    assert waits.waits == [4.0]


async def test_retries_stop_at_the_budget(
    anango: AsyncNango, control: Control, waits: SleepRecorder
) -> None:
    """An always-429 route is tried max_retries + 1 times through AsyncNango, waiting
    Retry-After plus the 1 s margin each time."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", status=429, headers={"Retry-After": "1"})
    with pytest.raises(RateLimitError):
        await anango.get_provider(provider, max_retries=2)
    assert waits.waits == [2.0, 2.0]
    assert len(control.requests(f"/providers/{provider}")) == 3


async def test_post_not_retried(
    anango: AsyncNango, conn: Conn, control: Control, waits: SleepRecorder
) -> None:
    """A POST answered 503 is not retried through AsyncNango."""
    control.fault(route="POST /action/trigger", times=1, status=503)
    with pytest.raises(InternalServerError):
        await anango.trigger_action(conn.integration, conn.connection_id, "x")
    assert waits.waits == []


async def test_transport_faults(waits: SleepRecorder) -> None:
    """Connection errors are retried then raised as APIConnectionError (MockTransport)."""
    calls: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ConnectError("refused", request=request)

    http = httpx.AsyncClient(transport=httpx.MockTransport(refuse))
    async with AsyncNango(
        str(uuid.uuid4()), "http://nango.test", http_client=http, sleep=waits.async_sleep
    ) as c:
        with pytest.raises(APIConnectionError):
            await c.list_providers()
    await http.aclose()
    assert len(calls) == 3


async def test_timeouts(anango: AsyncNango, control: Control) -> None:
    """A per-call timeout raises APITimeoutError through AsyncNango."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", latency_ms=2000)
    with pytest.raises(APITimeoutError):
        await anango.get_provider(provider, timeout=0.2, max_retries=0)


async def test_wait_for_connection_times_out(anango: AsyncNango, waits: SleepRecorder) -> None:
    """wait_for_connection polls and then raises APITimeoutError through AsyncNango."""
    with pytest.raises(APITimeoutError):
        await anango.wait_for_connection(integration_id=unique("none"), timeout=3, poll_interval=1)
    assert waits.waits == [1, 1, 1]


async def test_actions_syncs_scripts(fake_provider_server: RecordingProvider) -> None:
    """Actions (sync and async), syncs and scripts config through AsyncNango."""
    urls = {"sendgrid": fake_provider_server.url}
    with Sandbox(provider_base_urls=urls, functions=FUNCTIONS) as sb:
        async with AsyncNango(sb.secret_key, sb.base_url) as client:
            key = unique("st")
            await client.create_integration(provider="sendgrid", unique_key=key)
            await client.import_connection(
                key, connection_id="c", credentials={"type": "API_KEY", "apiKey": "k"}
            )
            assert await client.trigger_action(key, "c", "echo", 1) == {
                "echo": 1,
                "connection_id": "c",
            }
            assert await client.trigger_action_and_wait(
                key, "c", "echo", 2, timeout=20, poll_interval=0.05
            ) == {
                "echo": 2,
                "connection_id": "c",
            }
            handle = await client.trigger_action_async(key, "c", "echo", 3)
            assert handle.id
            status = await client.sync_status(key, syncs=["charges"], connection_id="c")
            assert status[0].status == "PAUSED"
            await client.start_sync(key, syncs=["charges"], connection_id="c")
            await client.pause_sync(key, syncs=["charges"], connection_id="c")
            await client.trigger_sync(key, syncs=["charges"], connection_id="c")
            freq = await client.update_sync_frequency(
                key, "c", sync_name="charges", frequency="every 3 hours"
            )
            assert freq.frequency == "every 3 hours"
            await client.create_sync_variant(key, "c", sync_name="charges", variant="v2")
            await client.delete_sync_variant(key, "c", sync_name="charges", variant="v2")
            configs = {c.provider_config_key: c for c in await client.get_scripts_config()}
            assert {a.name for a in configs[key].actions} == {"echo", "fail"}


async def test_integration_functions(anango: AsyncNango) -> None:
    """The function methods work through AsyncNango on the built-in github functions."""
    key = unique("gh")
    credentials = {"type": "OAUTH2", "client_id": "id", "client_secret": "secret"}
    await anango.create_integration(provider="github", unique_key=key, credentials=credentials)
    page = await anango.list_functions(key, type="action", search="issue")
    assert [f.name for f in page.data] == ["create-issue"] and page.pagination.total == 1
    assert (await anango.get_function(key, "issues")).type_ == "sync"
    code = await anango.get_function_code(key, "create-issue", type="action")
    assert code.type_ == "action" and "def " in code.code
    await anango.delete_function(key, "create-issue", type="action")
    with pytest.raises(NotFoundError):
        await anango.get_function_code(key, "create-issue")
    assert "create-issue" not in [f.name for f in (await anango.list_functions(key)).data]


async def test_provider_templates_and_quickstart_integration(anango: AsyncNango) -> None:
    """get_provider_templates and create_quickstart_integration work through AsyncNango."""
    assert [t.name for t in await anango.get_provider_templates("slack")] == ["list-channels"]
    with pytest.raises(NotFoundError):
        await anango.get_provider_templates("no-such-provider")
    key = unique("qs")
    created = await anango.create_quickstart_integration(provider="github", unique_key=key)
    assert (created.unique_key, created.provider) == (key, "github")
    assert (await anango.get_integration(key)).provider == "github"
