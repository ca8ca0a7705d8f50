"""The sandbox serves calls to its own URL (the built-in fake providers) in-process."""

from __future__ import annotations

import httpx
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.app import create_app
from nango_toolbox.sandbox.loopback import LoopbackTransport, own_origin


def _connected(client: httpx.Client) -> dict[str, str]:
    client.post(
        "/integrations",
        json={
            "unique_key": "gh",
            "provider": "github",
            "credentials": {"type": "OAUTH2", "client_id": "c", "client_secret": "s"},
        },
    ).raise_for_status()
    token = client.post(
        "/connect/sessions", json={"tags": {}, "allowed_integrations": ["gh"]}
    ).json()["data"]["token"]
    done = client.post("/_sandbox/connect/complete", json={"token": token}).json()
    return {"Provider-Config-Key": "gh", "Connection-Id": done["connection_id"]}


def test_own_origin_needs_a_port() -> None:
    """Only a base URL with a known port is mounted, so other local servers stay on the network."""
    assert own_origin("http://127.0.0.1:8123") == "http://127.0.0.1:8123"
    assert own_origin("http://[::1]:8123") == "http://[::1]:8123"
    assert own_origin("http://127.0.0.1") is None


async def test_loopback_transport_answers_without_a_server() -> None:
    """LoopbackTransport runs a request through the whole app, middleware and fault rules included."""
    app = create_app(secret_key="00000000-0000-0000-0000-000000000001")
    transport = LoopbackTransport(app)
    headers = {"Authorization": "Bearer 00000000-0000-0000-0000-000000000001"}
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:9") as client:
        answer = await client.get("/providers/github", headers=headers)
        assert answer.status_code == 200 and answer.json()["data"]["name"] == "github"
        assert "x-ratelimit-limit" in answer.headers
        await client.post(
            "/_sandbox/faults",
            headers=headers,
            json={"route": "GET /providers/*", "status": 418, "times": 1},
        )
        assert (await client.get("/providers/github", headers=headers)).status_code == 418


def test_dropped_fake_answer_is_a_reset_through_the_proxy() -> None:
    """A drop rule on /_fake/github/* reaches the proxy caller as Nango's 500 ECONNRESET body."""
    with Sandbox() as sandbox:
        url = httpx.URL(sandbox.base_url)
        auth = {"Authorization": f"Bearer {sandbox.secret_key}"}
        with httpx.Client(base_url=sandbox.base_url, headers=auth, timeout=10) as client:
            headers = _connected(client)
            assert client.get("/proxy/user", headers=headers).status_code == 200
            client.post(
                "/_sandbox/faults",
                json={"route": "GET /_fake/github/*", "drop": True, "times": 1},
            ).raise_for_status()
            failed = client.get("/proxy/user", headers=headers)
    assert failed.status_code == 500
    assert failed.json() == {
        "message": f"connect ECONNRESET {url.host}:{url.port}",
        "code": "ECONNRESET",
        "method": "get",
    }
