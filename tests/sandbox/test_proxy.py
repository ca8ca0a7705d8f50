"""The proxy against a recording fake provider: credentials, headers, bodies, responses, retries."""

from __future__ import annotations

import base64
import socket

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider


@pytest.fixture
def sendgrid(make_integration, make_connection) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """An API_KEY (sendgrid) connection whose provider is the recording fake provider."""
    key = make_integration("sendgrid")
    return key, make_connection(key, {"type": "API_KEY", "apiKey": "sk_test_123"})


def _headers(key: str, connection_id: str, **extra: str) -> dict[str, str]:
    return {"Provider-Config-Key": key, "Connection-Id": connection_id, **extra}


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_all_methods_reach_provider_with_injected_api_key(
    sandbox_client: httpx.Client,
    fake_provider: RecordingProvider,
    sendgrid: tuple[str, str],
    method: str,
) -> None:
    """Every method is forwarded with the provider's header template filled and never the secret key."""
    response = sandbox_client.request(method, "/proxy/v1/customers", headers=_headers(*sendgrid))
    assert response.status_code == 200
    seen = fake_provider.last
    assert seen.method == method and seen.path == "/v1/customers"
    assert seen.headers["authorization"] == "Bearer sk_test_123"
    assert all(
        str(sandbox_client.headers["authorization"]).split()[1] not in v
        for v in seen.headers.values()
    )


def test_oauth2_connection_sends_bearer_access_token(
    sandbox_client: httpx.Client,
    fake_provider: RecordingProvider,
    make_integration,
    make_connection,
) -> None:  # type: ignore[no-untyped-def]
    """An OAuth2 connection is sent as Authorization: Bearer <access_token>."""
    key = make_integration("hubspot")
    connection_id = make_connection(
        key,
        {"type": "OAUTH2", "access_token": "hub-token", "expires_at": "2099-01-01T00:00:00.000Z"},
    )
    sandbox_client.get("/proxy/crm/v3/objects/contacts", headers=_headers(key, connection_id))
    assert fake_provider.last.headers["authorization"] == "Bearer hub-token"


def test_basic_connection_and_base_url_override_with_path(
    sandbox_client: httpx.Client,
    fake_provider: RecordingProvider,
    make_integration,
    make_connection,
) -> None:  # type: ignore[no-untyped-def]
    """BASIC sends Basic base64(user:pass); Base-Url-Override replaces the base URL and keeps its path."""
    key = make_integration("freshdesk")
    connection_id = make_connection(key, {"type": "BASIC", "username": "ann", "password": "pw"})
    response = sandbox_client.get(
        "/proxy/tickets",
        headers=_headers(
            key, connection_id, **{"Base-Url-Override": fake_provider.url + "/api/v2"}
        ),
    )
    assert response.status_code == 200
    assert fake_provider.last.path == "/api/v2/tickets"
    assert (
        fake_provider.last.headers["authorization"]
        == "Basic " + base64.b64encode(b"ann:pw").decode()
    )


def test_path_and_query_string_pass_unchanged(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """Percent-encoding, repeated keys, empty values and UTF-8 arrive as sent."""
    sandbox_client.get(
        "/proxy/v1/a%2Fb/caf%C3%A9?x=1&x=2&empty=&q=%C3%A9t%C3%A9", headers=_headers(*sendgrid)
    )
    assert fake_provider.last.path == "/v1/a%2Fb/caf%C3%A9?x=1&x=2&empty=&q=%C3%A9t%C3%A9"


def test_only_nango_proxy_headers_are_forwarded(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """Nango-Proxy-* headers arrive without the prefix; other client headers do not."""
    sandbox_client.get(
        "/proxy/v1/x",
        headers=_headers(
            *sendgrid,
            **{"Nango-Proxy-X-Custom": "yes", "X-Not-Forwarded": "no", "User-Agent": "my-agent"},
        ),
    )
    seen = fake_provider.last.headers
    assert seen["x-custom"] == "yes"
    assert "x-not-forwarded" not in seen and seen.get("user-agent") != "my-agent"
    assert "provider-config-key" not in seen and "connection-id" not in seen


def test_nango_proxy_authorization_replaces_injected_credentials(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """Nango-Proxy-Authorization wins over the injected credentials."""
    sandbox_client.get(
        "/proxy/v1/x", headers=_headers(*sendgrid, **{"Nango-Proxy-Authorization": "Token custom"})
    )
    assert fake_provider.last.headers["authorization"] == "Token custom"


def test_body_rules(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """JSON is re-serialised; a form body arrives as JSON; text arrives form-encoded unless a content type is given."""
    sandbox_client.post("/proxy/v1/json", headers=_headers(*sendgrid), json={"a": [1, 2]})
    assert fake_provider.last.json() == {"a": [1, 2]}
    assert fake_provider.last.headers["content-type"] == "application/json"
    sandbox_client.post("/proxy/v1/form", headers=_headers(*sendgrid), data={"name": "x", "n": "1"})
    assert fake_provider.last.json() == {"name": "x", "n": "1"}
    sandbox_client.post(
        "/proxy/v1/text",
        headers=_headers(*sendgrid, **{"content-type": "text/plain"}),
        content=b"hello",
    )
    assert fake_provider.last.headers["content-type"] == "application/x-www-form-urlencoded"
    sandbox_client.post(
        "/proxy/v1/text",
        headers=_headers(*sendgrid, **{"Nango-Proxy-Content-Type": "text/csv"}),
        content=b"a,b",
    )
    assert (
        fake_provider.last.headers["content-type"] == "text/csv"
        and fake_provider.last.body == b"a,b"
    )


def test_success_keeps_only_content_type_and_201_becomes_200(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """A provider 201 reaches the client as 200 with content-type but not other provider headers."""
    fake_provider.respond(201, {"id": "cus_1"}, {"x-provider-thing": "1", "x-request-id": "req-9"})
    response = sandbox_client.post("/proxy/v1/customers", headers=_headers(*sendgrid), json={})
    assert response.status_code == 200 and response.json() == {"id": "cus_1"}
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"] == "req-9"
    assert "x-provider-thing" not in response.headers


def test_errors_pass_through_with_all_headers(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """A provider 4xx comes back with its status, body and headers (retry-after included)."""
    fake_provider.respond(
        429, {"error": "slow down"}, {"retry-after": "7", "x-provider-thing": "1"}
    )
    response = sandbox_client.get("/proxy/v1/x", headers=_headers(*sendgrid))
    assert response.status_code == 429 and response.json() == {"error": "slow down"}
    assert response.headers["retry-after"] == "7" and response.headers["x-provider-thing"] == "1"


def test_retries_on_5xx_and_429_honouring_retry_after(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """Retries: 2 makes up to 3 attempts over 503 and 429 (Retry-After: 0) until success."""
    fake_provider.respond(503, {"e": 1})
    fake_provider.respond(429, {"e": 2}, {"retry-after": "0"})
    response = sandbox_client.get("/proxy/v1/x", headers=_headers(*sendgrid, Retries="2"))
    assert response.status_code == 200
    assert len(fake_provider.requests) == 3


def test_no_retry_on_404_unless_retry_on(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """A 404 is retried only when Retry-On names it; a plain 400 never."""
    fake_provider.respond(404, {"e": 1}, times=2)
    assert (
        sandbox_client.get("/proxy/v1/x", headers=_headers(*sendgrid, Retries="3")).status_code
        == 404
    )
    assert len(fake_provider.requests) == 1
    assert (
        sandbox_client.get(
            "/proxy/v1/x", headers=_headers(*sendgrid, Retries="3", **{"Retry-On": "404"})
        ).status_code
        == 200
    )
    assert len(fake_provider.requests) == 3


def test_a_retry_on_that_is_not_ascii_digits_is_400(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """Retry-On: a superscript digit (a Unicode digit int() refuses) is 400 invalid_headers, not
    a 500, and the provider is never called."""
    headers = [
        (b"Provider-Config-Key", sendgrid[0].encode()),
        (b"Connection-Id", sendgrid[1].encode()),
        (b"Retry-On", "\u00b2".encode("latin-1")),
    ]
    answer = sandbox_client.get("/proxy/v1/x", headers=headers)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_headers"
    assert fake_provider.requests == []


def test_unreachable_provider_is_500_econnrefused(
    sandbox_client: httpx.Client, sendgrid: tuple[str, str]
) -> None:
    """A provider that refuses connections gives 500 {message, code: ECONNREFUSED, method}."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    response = sandbox_client.get(
        "/proxy/v1/x",
        headers=_headers(*sendgrid, **{"Base-Url-Override": f"http://127.0.0.1:{port}"}),
    )
    assert response.status_code == 500
    assert response.json() == {
        "message": f"connect ECONNREFUSED 127.0.0.1:{port}",
        "code": "ECONNREFUSED",
        "method": "get",
    }


def test_missing_headers_unknown_connection_and_integration(
    sandbox_client: httpx.Client, sendgrid: tuple[str, str]
) -> None:
    """Missing headers 400 invalid_headers; unknown connection 400; unknown integration 404 unknown_provider_config."""
    missing = sandbox_client.get("/proxy/v1/x")
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "invalid_headers"
    unknown_connection = sandbox_client.get("/proxy/v1/x", headers=_headers(sendgrid[0], "nope"))
    assert unknown_connection.status_code == 400
    assert unknown_connection.json()["error"] == {
        "code": "server_error",
        "message": "Failed to get connection",
    }
    unknown_integration = sandbox_client.get(
        "/proxy/v1/x", headers=_headers("no-such-integration", sendgrid[1])
    )
    assert unknown_integration.status_code == 404
    assert unknown_integration.json()["error"]["code"] == "unknown_provider_config"


def test_provider_base_url_option_routes_the_provider(fake_provider: RecordingProvider) -> None:
    """Sandbox(provider_base_urls=...) sends that provider's proxy calls to the given URL."""
    with Sandbox(provider_base_urls={"openai": fake_provider.url + "/openai-root"}) as sb:
        client = httpx.Client(
            base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"}
        )
        client.post("/integrations", json={"unique_key": "oa", "provider": "openai"})
        client.post(
            "/connections",
            json={
                "provider_config_key": "oa",
                "connection_id": "c",
                "credentials": {"type": "API_KEY", "apiKey": "sk"},
            },
        )
        assert client.get("/proxy/v1/models", headers=_headers("oa", "c")).status_code == 200
    assert fake_provider.last.path == "/openai-root/v1/models"


def test_wait_header_is_honoured_only_when_the_provider_names_it() -> None:
    """The back-off uses proxy.retry.after / retry.at headers named in providers.yaml, else exponential."""
    from nango_toolbox.sandbox.upstream import retry_delay

    response = httpx.Response(429, headers={"retry-after": "9", "x-ratelimit-retry-after": "2"})
    assert retry_delay(1, response, 0.5) == 1.0
    assert retry_delay(1, response, 0.5, ("x-ratelimit-retry-after",)) == 2.0
    assert retry_delay(0, response, 0.5, ("retry-after",)) == 9.0
    reset = httpx.Response(403, headers={"x-ratelimit-reset": "0"})
    assert retry_delay(0, reset, 0.5, (), ("x-ratelimit-reset",)) == 0.0


def test_redirects_are_followed_with_credentials_kept(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """A provider redirect is followed and the injected credentials reach the new location."""
    fake_provider.respond(302, "", {"location": "/v1/moved?x=1"})
    response = sandbox_client.get("/proxy/v1/old", headers=_headers(*sendgrid))
    assert response.status_code == 200
    assert [r.path for r in fake_provider.requests] == ["/v1/old", "/v1/moved?x=1"]
    assert fake_provider.last.headers["authorization"] == "Bearer sk_test_123"


def test_cross_host_redirects_drop_credentials_unless_forwarded(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: tuple[str, str]
) -> None:
    """To another host the credentials are dropped (Nango's HTTP client does so) unless
    Forward-Headers-On-Redirect: true; a value other than true/false is 400 invalid_headers."""
    elsewhere = fake_provider.url.replace("127.0.0.1", "localhost") + "/v1/moved"
    for flag, expected in ((None, None), ("false", None), ("true", "Bearer sk_test_123")):
        fake_provider.requests.clear()
        fake_provider.respond(302, "", {"location": elsewhere})
        extra = {} if flag is None else {"Forward-Headers-On-Redirect": flag}
        response = sandbox_client.get("/proxy/v1/old", headers=_headers(*sendgrid, **extra))
        assert response.status_code == 200
        assert [r.path for r in fake_provider.requests] == ["/v1/old", "/v1/moved"]
        assert fake_provider.last.headers.get("authorization") == expected, flag
    bad = sandbox_client.get(
        "/proxy/v1/old", headers=_headers(*sendgrid, **{"Forward-Headers-On-Redirect": "yes"})
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_headers"


def test_header_template_fallback_and_provider_retry_codes(
    sandbox_client: httpx.Client,
    fake_provider: RecordingProvider,
    make_integration,
    make_connection,
) -> None:  # type: ignore[no-untyped-def]
    """github-pat fills '${connectionConfig.version} || 2022-11-28' with the fallback, and its
    retry.error_code makes a 403 retriable."""
    key = make_integration("github-pat")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "ghp_x"})
    fake_provider.respond(403, {"message": "rate limited"})
    headers = _headers(key, connection_id, Retries="1", **{"Base-Url-Override": fake_provider.url})
    assert sandbox_client.get("/proxy/user", headers=headers).status_code == 200
    assert len(fake_provider.requests) == 2
    seen = fake_provider.last.headers
    assert seen["authorization"] == "Bearer ghp_x"
    assert seen["x-github-api-version"] == "2022-11-28"
    assert seen["accept"] == "application/vnd.github+json"


def test_template_with_missing_values(
    sandbox_client: httpx.Client,
    fake_provider: RecordingProvider,
    make_integration,
    make_connection,
) -> None:  # type: ignore[no-untyped-def]
    """A header template naming a missing value is not sent; a base URL needing one is a clear 400
    (here from the import's verification request)."""
    key = make_integration("stripe-api-key")
    connection_id = make_connection(key, {"type": "BASIC", "username": "sk_live", "password": ""})
    sandbox_client.get(
        "/proxy/v1/balance",
        headers=_headers(key, connection_id, **{"Base-Url-Override": fake_provider.url}),
    )
    assert "stripe-context" not in fake_provider.last.headers
    with_context = make_connection(
        key,
        {"type": "BASIC", "username": "sk_live", "password": ""},
        connection_config={"context": "acct_1"},
    )
    sandbox_client.get(
        "/proxy/v1/balance",
        headers=_headers(key, with_context, **{"Base-Url-Override": fake_provider.url}),
    )
    assert fake_provider.last.headers["stripe-context"] == "acct_1"
    campaign = make_integration("active-campaign")
    body = {"provider_config_key": campaign, "credentials": {"type": "API_KEY", "apiKey": "k"}}
    response = sandbox_client.post("/connections", json=body)  # its verification needs the host
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "missing_connection_config"
