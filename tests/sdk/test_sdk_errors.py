"""The error tree: each class from a real HTTP answer of the sandbox, messages, redaction."""

from __future__ import annotations

import socket
import uuid
from typing import Any

import httpx
import pytest
from nango_toolbox import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncNango,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    FailedDependencyError,
    InternalServerError,
    Nango,
    NangoError,
    NotFoundError,
    RateLimitError,
    UnprocessableEntityError,
)
from nango_toolbox.sandbox import Sandbox
from sdk_support import Conn, Control, unique


def test_unknown_key_is_an_authentication_error(sandbox: Sandbox) -> None:
    """A well-formed key unknown to the server gives AuthenticationError with Nango's code."""
    other_key = str(uuid.uuid4())
    with Nango(other_key, sandbox.base_url) as client, pytest.raises(AuthenticationError) as info:
        client.list_integrations()
    error = info.value
    assert (error.status_code, error.code, error.method, error.path) == (
        401,
        "unknown_account",
        "GET",
        "/integrations",
    )
    assert other_key not in str(error)
    assert other_key not in repr(error.body)


def test_refused_key_error_says_what_to_do(sandbox: Sandbox) -> None:
    """A 401 for the secret key says where the key came from and which server refused it."""
    client = Nango("not-a-uuid-at-all", sandbox.base_url)
    with client, pytest.raises(AuthenticationError) as info:
        client.list_integrations()
    assert info.value.message == "Authentication failed. The provided secret key is not a UUID v4."
    assert str(info.value).endswith(
        "not a UUID v4; check the secret key (from the secret_key argument): it must be a "
        f"secret key of the Nango environment at {sandbox.base_url} (Environment settings of "
        "the Nango dashboard)"
    )
    assert "not-a-uuid-at-all" not in str(info.value)


def test_validation_error_lists_each_problem(nango: Nango, conn: Conn) -> None:
    """A duplicate unique_key (400 invalid_body) is a BadRequestError naming the field."""
    with pytest.raises(BadRequestError) as info:
        nango.create_integration(provider="sendgrid", unique_key=conn.integration)
    assert info.value.code == "invalid_body"
    assert "uniqueKey" in info.value.message
    assert str(info.value).startswith("POST /integrations failed with 400 invalid_body: ")


def test_unknown_connection_is_not_found(nango: Nango, conn: Conn) -> None:
    """GET of an unknown connection is a NotFoundError carrying method, path and code."""
    with pytest.raises(NotFoundError) as info:
        nango.get_connection(conn.integration, "does-not-exist")
    assert (info.value.status_code, info.value.code) == (404, "not_found")
    assert info.value.path == "/connections/does-not-exist"


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (424, FailedDependencyError),
        (500, InternalServerError),
        (501, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_maps_to_its_class(
    nango: Nango, control: Control, status: int, cls: type[APIStatusError]
) -> None:
    """Each documented status becomes its own APIStatusError subclass, with code and message."""
    provider = unique("p")
    body = {"error": {"code": f"code_{status}", "message": f"message {status}", "payload": {}}}
    control.fault(route=f"GET /providers/{provider}", status=status, body=body)
    with pytest.raises(cls) as info:
        nango.get_provider(provider)
    assert type(info.value) is cls
    assert (info.value.status_code, info.value.code, info.value.message) == (
        status,
        f"code_{status}",
        f"message {status}",
    )


def test_rate_limit_error_carries_retry_after(nango: Nango, control: Control) -> None:
    """A 429 that is not retried surfaces as RateLimitError with the server's Retry-After."""
    provider = unique("p")
    control.fault(
        route=f"GET /providers/{provider}",
        status=429,
        headers={"Retry-After": "12"},
        body={"error": {"code": "too_many_requests", "message": "slow down"}},
    )
    with pytest.raises(RateLimitError) as info:
        nango.get_provider(provider, max_retries=0)
    assert info.value.retry_after == 12.0


def test_message_missing_falls_back_to_code(nango: Nango, control: Control) -> None:
    """The simple family without a message (``{"error": {"code": ...}}``) still reads well."""
    provider = unique("p")
    control.fault(
        route=f"GET /providers/{provider}",
        status=400,
        body={"error": {"code": "unknown_connection"}},
    )
    with pytest.raises(BadRequestError) as info:
        nango.get_provider(provider)
    assert (info.value.code, info.value.message) == ("unknown_connection", "unknown_connection")


def test_error_body_is_redacted(nango: Nango, control: Control, sandbox: Sandbox) -> None:
    """Credentials and the secret key inside an error body never reach the exception."""
    provider = unique("p")
    body = {
        "error": {
            "code": "leak",
            "message": f"key {sandbox.secret_key} rejected",
            "payload": {"access_token": "tok-123", "nested": [{"password": "pw-456"}]},
        }
    }
    control.fault(route=f"GET /providers/{provider}", status=400, body=body)
    with pytest.raises(BadRequestError) as info:
        nango.get_provider(provider)
    text = f"{info.value} {info.value.body!r}"
    for secret in (sandbox.secret_key, "tok-123", "pw-456"):
        assert secret not in text
    assert info.value.body["error"]["payload"]["access_token"] == "***"


def test_non_json_error_body_keeps_status(nango: Nango, control: Control) -> None:
    """An error answer that is not JSON still becomes the right class with its text."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", status=502, body="upstream broke")
    with pytest.raises(InternalServerError) as info:
        nango.get_provider(provider, max_retries=0)
    assert info.value.status_code == 502
    assert "upstream broke" in info.value.message


def test_html_error_page_is_one_line_pointing_at_the_base_url(
    nango: Nango, control: Control, sandbox: Sandbox
) -> None:
    """An HTML 404 page (not Nango's JSON) gives a one-line message naming the route the server
    at the base URL lacks."""
    provider = unique("p")
    page = "<!DOCTYPE html>\n<html>\n<body><h1>Not Found</h1>\n</body>\n</html>\n"
    control.fault(
        route=f"GET /providers/{provider}",
        status=404,
        body=page,
        headers={"content-type": "text/html; charset=utf-8"},
    )
    with pytest.raises(NotFoundError) as info:
        nango.get_provider(provider)
    assert str(info.value) == (
        f"GET /providers/{provider} failed with 404: Not Found (an HTML page, not Nango's JSON); "
        f"the server at {sandbox.base_url} has no route GET /providers/{provider}: it may be an "
        "older or newer Nango than this SDK expects, or not a Nango server"
    )
    assert info.value.body == page


def test_malformed_success_body_is_a_nango_error(nango: Nango, control: Control) -> None:
    """A 200 with a truncated JSON body raises NangoError, never JSONDecodeError or KeyError."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", malformed=True)
    with pytest.raises(NangoError) as info:
        nango.get_provider(provider)
    assert not isinstance(info.value, APIStatusError)
    assert "GET /providers/" in str(info.value)


def test_unexpected_shape_is_a_nango_error(nango: Nango, control: Control) -> None:
    """A 200 whose body lacks required fields raises NangoError naming the operation."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", status=200, body={"unexpected": True})
    with pytest.raises(NangoError, match=r"GET /providers/.* could not read"):
        nango.get_provider(provider)


def test_connection_refused_is_api_connection_error() -> None:
    """Nothing listening on the port gives APIConnectionError (not an httpx exception)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = Nango(str(uuid.uuid4()), f"http://127.0.0.1:{port}", max_retries=0)
    with client, pytest.raises(APIConnectionError) as info:
        client.list_integrations()
    assert not isinstance(info.value, APITimeoutError)
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert "GET /integrations" in str(info.value)


def test_slow_answer_is_api_timeout_error(nango: Nango, control: Control) -> None:
    """An answer slower than the per-call timeout gives APITimeoutError."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", latency_ms=2000)
    with pytest.raises(APITimeoutError, match="timed out"):
        nango.get_provider(provider, timeout=0.2, max_retries=0)


def test_dropped_connection_is_api_connection_error(nango: Nango, control: Control) -> None:
    """A connection closed without an answer gives APIConnectionError."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", drop=True)
    with pytest.raises(APIConnectionError):
        nango.get_provider(provider, max_retries=0)


def test_all_errors_share_one_root() -> None:
    """Every public error class derives from NangoError."""
    for cls in (
        APIConnectionError,
        APITimeoutError,
        APIStatusError,
        BadRequestError,
        AuthenticationError,
        NotFoundError,
        ConflictError,
        UnprocessableEntityError,
        FailedDependencyError,
        RateLimitError,
        InternalServerError,
    ):
        assert issubclass(cls, NangoError)


def test_client_timeout_applies_to_every_call(sandbox: Sandbox, control: Control) -> None:
    """A timeout set on the client (not per call) also ends a slow request with APITimeoutError."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", latency_ms=2000)
    client = Nango(sandbox.secret_key, sandbox.base_url, timeout=0.2, max_retries=0)
    with client, pytest.raises(APITimeoutError):
        client.get_provider(provider)


@pytest.mark.parametrize(
    "call",
    [
        lambda n: n.get_connection("github", ""),
        lambda n: n.delete_connection("github", ""),
        lambda n: n.get_integration(""),
    ],
)
def test_empty_identifier_fails_before_any_request(call: Any) -> None:
    """An empty path identifier raises ConfigurationError instead of reaching another route."""
    client = Nango(str(uuid.uuid4()), "http://127.0.0.1:9", max_retries=0)  # nothing listens
    with client, pytest.raises(ConfigurationError, match=r"identifier in the path .* is empty"):
        call(client)


async def test_call_on_a_closed_client_is_a_nango_error() -> None:
    """Calling a closed Nango or AsyncNango raises NangoError saying so, not httpx's RuntimeError."""
    client = Nango(str(uuid.uuid4()), "http://127.0.0.1:9")
    client.close()
    with pytest.raises(NangoError, match="GET /integrations: this client is closed"):
        client.list_integrations()
    aclient = AsyncNango(str(uuid.uuid4()), "http://127.0.0.1:9")
    await aclient.aclose()
    with pytest.raises(NangoError, match="GET /integrations: this client is closed"):
        await aclient.list_integrations()


@pytest.mark.parametrize(
    "timeout", ["30", -1, 0, float("inf"), 1e12, httpx.Timeout(5.0, read=float("inf"))]
)
def test_unusable_timeout_is_refused_up_front(timeout: Any) -> None:
    """A timeout that is not seconds > 0 up to a year is a one-line ValueError at construction
    and per call (an infinite or huge one overflowed the blocking client's clock)."""
    with pytest.raises(ValueError, match=r"timeout must be a number"):
        Nango(str(uuid.uuid4()), "http://127.0.0.1:9", timeout=timeout)
    client = Nango(str(uuid.uuid4()), "http://127.0.0.1:9", max_retries=0)
    with client, pytest.raises(ValueError, match=r"timeout must be a number"):
        client.list_integrations(timeout=timeout)


def test_bad_arguments_are_nango_errors_and_value_errors() -> None:
    """Arguments that cannot make a request raise InvalidArgumentError before sending: catchable
    as NangoError (like every SDK error) and as ValueError (as before it existed)."""
    from nango_toolbox import InvalidArgumentError

    with Nango(str(uuid.uuid4()), "http://127.0.0.1:9", max_retries=0) as client:
        for call in (
            lambda: client.proxy(
                "GET", "../../integrations", provider_config_key="gh", connection_id="c1"
            ),
            lambda: client.proxy("BREW", "/x", provider_config_key="gh", connection_id="c1"),
            lambda: client.list_integrations(timeout=-1),
        ):
            with pytest.raises(InvalidArgumentError) as caught:
                call()
            assert isinstance(caught.value, NangoError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("timeout", "poll_interval", "problem"),
    [
        (-1.0, 1.0, "timeout must be >= 0 seconds"),
        (float("nan"), 1.0, "timeout must be >= 0 seconds"),
        (0.0, float("nan"), "poll_interval must be > 0 seconds"),
    ],
)
def test_waiting_helpers_refuse_a_deadline_that_never_ends(
    timeout: float, poll_interval: float, problem: str
) -> None:
    """A negative or NaN timeout, or a NaN poll interval, of a waiting helper is a one-line
    InvalidArgumentError, never a poll loop without end."""
    from nango_toolbox import InvalidArgumentError

    calls: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, json={"connections": []})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = Nango(str(uuid.uuid4()), "http://127.0.0.1:9", http_client=http, sleep=lambda s: None)
    with client, pytest.raises(InvalidArgumentError) as info:
        client.wait_for_connection(
            integration_id="github", timeout=timeout, poll_interval=poll_interval
        )
    assert str(info.value) == problem
