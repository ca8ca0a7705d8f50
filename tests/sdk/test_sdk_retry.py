"""Retries: which requests, on what, how long (Retry-After, backoff, caps), against the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from nango_toolbox import APIConnectionError, InternalServerError, Nango, RateLimitError
from nango_toolbox._retry import RetryPolicy, parse_retry_after
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from sandbox_testing import SleepRecorder
from sdk_support import Conn, Control, unique


def test_retry_after_seconds_is_honoured(
    nango: Nango, control: Control, waits: SleepRecorder
) -> None:
    """Two 503s with Retry-After: 7 are retried after exactly 7 s each, then the call succeeds."""
    control.fault(route="GET /providers/github", times=2, status=503, headers={"Retry-After": "7"})
    assert nango.get_provider("github").name == "github"
    assert waits.waits == [7.0, 7.0]


def test_retries_stop_at_max_retries(
    sandbox: Sandbox, control: Control, waits: SleepRecorder
) -> None:
    """A route that always answers 429 is tried max_retries + 1 times (waiting Retry-After plus
    the 1 s margin), then RateLimitError."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", status=429, headers={"Retry-After": "1"})
    client = Nango(sandbox.secret_key, sandbox.base_url, max_retries=3, sleep=waits)
    with client, pytest.raises(RateLimitError) as info:
        client.get_provider(provider)
    assert waits.waits == [2.0, 2.0, 2.0]
    assert info.value.retry_after == 1.0
    assert len(control.requests(f"/providers/{provider}")) == 4


def test_retry_after_above_cap_is_not_waited(
    nango: Nango, control: Control, waits: SleepRecorder
) -> None:
    """A Retry-After longer than the cap (60 s) raises at once, carrying the server's hint."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(RateLimitError) as info:
        nango.get_provider(provider)
    assert waits.waits == []
    assert info.value.retry_after == 3600.0


def test_backoff_without_retry_after_is_exponential_and_capped(
    nango: Nango, control: Control, waits: SleepRecorder
) -> None:
    """Without Retry-After, waits grow from 0.5 s, double, and never exceed the 8 s cap."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", status=502)
    with pytest.raises(InternalServerError):
        nango.get_provider(provider, max_retries=6)
    assert len(waits.waits) == 6
    for attempt, wait in enumerate(waits.waits):
        nominal = min(8.0, 0.5 * 2**attempt)
        assert nominal * 0.75 <= wait <= nominal


def test_backoff_stays_capped_after_thousands_of_attempts() -> None:
    """The 1,025th retry waits the capped 8 s like the 10th (the doubling no longer overflows)."""
    policy = RetryPolicy(random=lambda: 0.0)
    assert [policy.backoff(n) for n in (9, 1024, 5000)] == [8.0, 8.0, 8.0]


def test_post_is_not_retried_by_default(
    nango: Nango, conn: Conn, control: Control, waits: SleepRecorder
) -> None:
    """A POST that gets 503 is sent once and the error is raised."""
    control.fault(route="POST /action/trigger", times=1, status=503)
    control.client.delete("/_sandbox/requests")
    with pytest.raises(InternalServerError):
        nango.trigger_action(conn.integration, conn.connection_id, "anything")
    assert waits.waits == []
    assert len(control.requests("/action/trigger")) == 1


def test_post_is_retried_when_the_caller_opts_in(
    nango: Nango,
    conn: Conn,
    control: Control,
    waits: SleepRecorder,
    fake_provider: RecordingProvider,
) -> None:
    """proxy POST with idempotent=True is retried after a 503 and then reaches the provider."""
    control.fault(route="POST /proxy/v1/refunds", times=1, status=503, headers={"Retry-After": "0"})
    response = nango.post(
        "/v1/refunds",
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
        json={"amount": 1},
        idempotent=True,
    )
    assert response.status_code == 200
    assert waits.waits == [0.0]
    assert [r.method for r in fake_provider.requests] == ["POST"]


def test_per_call_max_retries_overrides_the_client(
    nango: Nango, control: Control, waits: SleepRecorder
) -> None:
    """max_retries=0 on one call disables retries for that call only."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", status=503)
    with pytest.raises(InternalServerError):
        nango.get_provider(provider, max_retries=0)
    assert waits.waits == []


def test_dropped_connections_are_retried_for_get(
    nango: Nango, control: Control, waits: SleepRecorder
) -> None:
    """A GET whose connection is dropped twice is retried and succeeds on the third attempt."""
    control.fault(route="GET /providers/slack", times=2, drop=True)
    assert nango.get_provider("slack").name == "slack"
    assert len(waits.waits) == 2


def test_connect_errors_are_retried_then_raised(waits: SleepRecorder) -> None:
    """Transport faults are retried up to the budget, then APIConnectionError (MockTransport)."""
    attempts: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        raise httpx.ConnectError("connection refused", request=request)

    http = httpx.Client(transport=httpx.MockTransport(refuse))
    client = Nango(
        "11111111-1111-4111-8111-111111111111", "http://nango.test", http_client=http, sleep=waits
    )
    with client, pytest.raises(APIConnectionError, match="could not reach Nango"):
        client.list_integrations()
    assert len(attempts) == 3
    assert len(waits.waits) == 2
    http.close()


def test_retry_after_http_date() -> None:
    """Retry-After given as an HTTP date is read as the seconds until that date."""
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(later, now=now) == 30.0
    assert (
        parse_retry_after(format_datetime(now - timedelta(seconds=5), usegmt=True), now=now) == 0.0
    )
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after("2.5") == 2.5


def test_policy_allows_only_idempotent_methods_unless_told() -> None:
    """GET/HEAD/PUT/DELETE are retried by default; POST/PATCH only when opted in."""
    policy = RetryPolicy()
    assert [policy.allows(m, None) for m in ("GET", "HEAD", "PUT", "DELETE", "POST", "PATCH")] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    assert policy.allows("POST", True) is True
    assert policy.allows("GET", False) is False
    assert policy.delay_for_status(0, 500, None) is None
    assert policy.delay_for_status(0, 404, 1.0) is None
