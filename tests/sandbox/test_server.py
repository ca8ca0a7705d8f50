"""The Sandbox Python API: start, stop, ports, persistence, rate-limit headers."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox, SandboxError


def test_port_zero_picks_a_free_port_and_stop_closes_it() -> None:
    """A sandbox on port 0 serves on a real free port and refuses connections once stopped."""
    with Sandbox() as sb:
        assert sb.port != 0
        assert sb.base_url == f"http://127.0.0.1:{sb.port}"
        response = httpx.get(
            sb.base_url + "/providers", headers={"Authorization": f"Bearer {sb.secret_key}"}
        )
        assert response.status_code == 200
        url = sb.base_url
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/providers")


def test_generated_secret_key_is_a_uuid4_and_a_given_one_is_kept() -> None:
    """Without a key the sandbox makes a UUID v4; a given key is used as is."""
    assert uuid.UUID(Sandbox().secret_key).version == 4
    key = str(uuid.uuid4())
    assert Sandbox(secret_key=key).secret_key == key


def test_start_and_stop_methods_work_without_context_manager() -> None:
    """start() returns the running sandbox and stop() can be called twice."""
    sb = Sandbox().start()
    try:
        assert httpx.get(sb.base_url + "/providers").status_code == 401
    finally:
        sb.stop()
        sb.stop()


def test_port_in_use_is_a_clear_error(sandbox: Sandbox) -> None:
    """Starting on a taken port raises SandboxError naming the address."""
    with pytest.raises(SandboxError, match=f"cannot listen on 127.0.0.1:{sandbox.port}"):
        Sandbox(port=sandbox.port).start()


def test_every_response_carries_rate_limit_headers(sandbox_client: httpx.Client) -> None:
    """Successful and failed answers both carry x-ratelimit-limit/remaining/reset."""
    for response in (sandbox_client.get("/providers"), sandbox_client.get("/integrations/nope")):
        assert int(response.headers["x-ratelimit-limit"]) > 0
        assert (
            0
            <= int(response.headers["x-ratelimit-remaining"])
            < int(response.headers["x-ratelimit-limit"])
        )
        assert int(response.headers["x-ratelimit-reset"]) > 1_700_000_000


def test_db_file_keeps_state_and_secret_key_across_restarts(tmp_path: Path) -> None:
    """A restart on the same --db file keeps integrations, connections and the secret key."""
    db = str(tmp_path / "sandbox.db")
    with Sandbox(db=db) as first:
        key = first.secret_key
        client = httpx.Client(base_url=first.base_url, headers={"Authorization": f"Bearer {key}"})
        assert (
            client.post(
                "/integrations", json={"unique_key": "keep-me", "provider": "openai"}
            ).status_code
            == 200
        )
        created = client.post(
            "/connections",
            json={
                "provider_config_key": "keep-me",
                "connection_id": "c1",
                "credentials": {"type": "API_KEY", "apiKey": "k1"},
            },
        )
        assert created.status_code == 201
    with Sandbox(db=db) as second:
        assert second.secret_key == key
        client = httpx.Client(base_url=second.base_url, headers={"Authorization": f"Bearer {key}"})
        assert client.get("/integrations/keep-me").json()["data"]["provider"] == "openai"
        got = client.get("/connections/c1", params={"provider_config_key": "keep-me"})
        assert got.json()["credentials"] == {"type": "API_KEY", "apiKey": "k1"}


def test_unknown_route_is_a_nango_not_found(sandbox_client: httpx.Client) -> None:
    """An unknown path answers 404 with a Nango error body."""
    response = sandbox_client.get("/no/such/route")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_wildcard_host_is_reached_on_loopback() -> None:
    """Listening on 0.0.0.0 gives a base URL on 127.0.0.1 that answers."""
    with Sandbox(host="0.0.0.0") as sb:
        assert sb.base_url.startswith("http://127.0.0.1:")
        assert httpx.get(sb.base_url + "/providers").status_code == 401
