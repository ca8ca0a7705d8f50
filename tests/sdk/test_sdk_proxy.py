"""The proxy: what the SDK sends to Nango, what reaches the provider, what comes back."""

from __future__ import annotations

import httpx
import pytest
from nango_toolbox import InvalidArgumentError, Nango, NotFoundError
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from sandbox_testing import SleepRecorder
from sdk_support import Conn


def test_headers_params_and_controls(
    sandbox: Sandbox, conn: Conn, fake_provider: RecordingProvider
) -> None:
    """Caller headers go as Nango-Proxy-*, controls as Nango headers, params as the query."""
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    with Nango(sandbox.secret_key, sandbox.base_url, http_client=http) as client:
        response = client.get(
            "/v1/charges?expand=all",
            provider_config_key=conn.integration,
            connection_id=conn.connection_id,
            params={"limit": "3"},
            headers={"X-Custom": "1"},
            retries=2,
            retry_on=[404, 500],
            decompress=True,
        )
    http.close()
    request = sent[-1]
    assert request.url.path == "/proxy/v1/charges"
    assert request.headers["Nango-Proxy-X-Custom"] == "1"
    assert request.headers["Connection-Id"] == conn.connection_id
    assert request.headers["Provider-Config-Key"] == conn.integration
    assert (request.headers["Retries"], request.headers["Retry-On"]) == ("2", "404,500")
    assert request.headers["Decompress"] == "true"
    received = fake_provider.last
    assert received.path == "/v1/charges?expand=all&limit=3"
    assert received.headers["x-custom"] == "1"
    assert response.status_code == 200
    assert response.body == {"ok": True, "path": "/v1/charges?expand=all&limit=3"}
    assert response.headers["content-type"] == "application/json"


def test_json_and_raw_bodies(nango: Nango, conn: Conn, fake_provider: RecordingProvider) -> None:
    """json= arrives as JSON; content= with a Content-Type header arrives as is."""
    ids = {"provider_config_key": conn.integration, "connection_id": conn.connection_id}
    nango.post("/v1/items", json={"name": "x", "tags": [1, 2]}, **ids)
    assert fake_provider.last.json() == {"name": "x", "tags": [1, 2]}
    nango.put("/v1/items/1", content="plain words", headers={"Content-Type": "text/plain"}, **ids)
    assert (fake_provider.last.method, fake_provider.last.body) == ("PUT", b"plain words")
    assert fake_provider.last.headers["content-type"].startswith("text/plain")
    nango.patch("/v1/items/1", json=[{"op": "replace"}], **ids)
    assert fake_provider.last.json() == [{"op": "replace"}]
    nango.delete("/v1/items/1", **ids)
    assert fake_provider.last.method == "DELETE"


@pytest.mark.parametrize(
    ("content", "content_type"),
    [("plain words", "text/plain; charset=utf-8"), (b"\x89PNG\r\n", "application/octet-stream")],
)
def test_untyped_raw_body_arrives(
    nango: Nango,
    conn: Conn,
    fake_provider: RecordingProvider,
    content: str | bytes,
    content_type: str,
) -> None:
    """content= without a Content-Type reaches the provider whole, with the SDK's default type
    (the sandbox, like real Nango, forwards an untyped body empty)."""
    ids = {"provider_config_key": conn.integration, "connection_id": conn.connection_id}
    nango.post("/v1/upload", content=content, **ids)
    expected = content.encode() if isinstance(content, str) else content
    assert (fake_provider.last.body, fake_provider.last.headers["content-type"]) == (
        expected,
        content_type,
    )


def test_percent_encoding_in_path_is_kept(
    nango: Nango, conn: Conn, fake_provider: RecordingProvider
) -> None:
    """An encoded slash in the path reaches the provider still encoded."""
    nango.proxy(
        "get",
        "/v1/files/a%2Fb",
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
    )
    assert fake_provider.last.path == "/v1/files/a%2Fb"


def test_text_answers_stay_text(nango: Nango, conn: Conn, fake_provider: RecordingProvider) -> None:
    """A provider answer that is not JSON comes back as text."""
    fake_provider.respond(200, "hello", {"content-type": "text/plain"})
    response = nango.get(
        "/hello", provider_config_key=conn.integration, connection_id=conn.connection_id
    )
    assert response.body == "hello"


def test_base_url_override(nango: Nango, conn: Conn, fake_provider: RecordingProvider) -> None:
    """base_url_override sends the call to another base URL, keeping its path."""
    nango.get(
        "/v2/x",
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
        base_url_override=f"{fake_provider.url}/prefix",
    )
    assert fake_provider.last.path == "/prefix/v2/x"


def test_provider_errors_raise_with_the_provider_body(
    nango: Nango, conn: Conn, fake_provider: RecordingProvider
) -> None:
    """A provider 404 comes back as NotFoundError carrying the provider's body."""
    fake_provider.respond(404, {"message": "no such charge"})
    with pytest.raises(NotFoundError) as info:
        nango.get(
            "/v1/charges/ch_x",
            provider_config_key=conn.integration,
            connection_id=conn.connection_id,
        )
    assert info.value.body == {"message": "no such charge"}
    assert info.value.message == "no such charge"
    assert info.value.path == "/proxy/v1/charges/ch_x"


def test_provider_rate_limit_is_retried_with_its_retry_after(
    nango: Nango, conn: Conn, fake_provider: RecordingProvider, waits: SleepRecorder
) -> None:
    """A provider 429 with Retry-After passes through Nango and the SDK waits that long plus
    the 1 s rate-limit margin."""
    fake_provider.respond(429, {"message": "slow"}, {"Retry-After": "3"})
    response = nango.get(
        "/v1/limited", provider_config_key=conn.integration, connection_id=conn.connection_id
    )
    assert response.status_code == 200
    assert waits.waits == [4.0]
    assert len(fake_provider.requests) == 2


def test_proxy_argument_errors_are_clear(nango: Nango, conn: Conn) -> None:
    """An unknown method or both json and content raise ValueError before any request."""
    ids = {"provider_config_key": conn.integration, "connection_id": conn.connection_id}
    with pytest.raises(ValueError, match="unsupported HTTP method"):
        nango.proxy("FETCH", "/x", **ids)
    with pytest.raises(ValueError, match="either json= or content="):
        nango.post("/x", json={}, content="x", **ids)


def test_proxy_retries_above_the_bound_are_refused(nango: Nango, conn: Conn) -> None:
    """A retries= whose back-off chain no timeout can hold is one line, not an OverflowError."""
    ids = {"provider_config_key": conn.integration, "connection_id": conn.connection_id}
    with pytest.raises(InvalidArgumentError) as caught:
        nango.get("/x", retries=1100, **ids)
    assert str(caught.value) == (
        "proxy: retries must be from 0 to 20, got 1100 (Nango doubles its wait from 3 s each "
        "time: retries=20 already means up to 36 days of retrying)"
    )
    with pytest.raises(InvalidArgumentError, match="retries must be from 0 to 20, got -1"):
        nango.get("/x", retries=-1, **ids)


def test_binary_answers_stay_bytes(
    nango: Nango, conn: Conn, fake_provider: RecordingProvider
) -> None:
    """A provider answer with a binary content type comes back as bytes, not mangled text."""
    fake_provider.respond(200, "PNGDATA", {"content-type": "image/png"})
    response = nango.get(
        "/logo.png", provider_config_key=conn.integration, connection_id=conn.connection_id
    )
    assert response.body == b"PNGDATA"


def test_unsendable_header_is_a_clear_error(nango: Nango, conn: Conn) -> None:
    """A header value HTTP cannot carry raises ValueError without quoting the value."""
    with pytest.raises(ValueError, match="cannot be sent") as info:
        nango.get(
            "/x",
            provider_config_key=conn.integration,
            connection_id=conn.connection_id,
            headers={"Authorization": "Bearer tök-秘密"},
        )
    assert "秘密" not in str(info.value)
