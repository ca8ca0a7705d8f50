"""The gateway and Nango's rate limit, on a client whose transport always answers Nango's 429:
calls are sent again a bounded number of times, and a proxy call never passes Nango's own
refusal off as the provider's answer."""

from __future__ import annotations

import httpx
import pytest
from nango_toolbox import Nango, RateLimitError
from nango_toolbox.workflow.gateway import MAX_RESENDS, Gateway

KEY = "2a7e9c1d-4b3f-4e6a-8d5c-9f0b1a2c3d4e"


def _always_limited(sent: list[str]) -> httpx.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        return httpx.Response(
            429,
            json={"error": {"code": "too_many_request", "message": "Too many requests"}},
            headers={"retry-after": "0"},
        )

    return httpx.Client(transport=httpx.MockTransport(answer))


def test_a_proxy_write_refused_by_nango_fails_as_nangos_429_after_bounded_resends() -> None:
    """Each call gets the SDK's 3 attempts, sent again MAX_RESENDS times, then Nango's
    RateLimitError is raised (not a 429 'from the provider')."""
    sent: list[str] = []
    slept: list[float] = []
    nango = Nango(KEY, "http://nango.test", http_client=_always_limited(sent), sleep=slept.append)
    gateway = Gateway(nango)
    with pytest.raises(RateLimitError) as info:
        gateway.proxy("POST", "/v3/mail/send", provider_config_key="k", connection_id="c")
    assert info.value.code == "too_many_request"
    assert sent == ["POST /proxy/v3/mail/send"] * (3 * (MAX_RESENDS + 1))
    assert all(wait > 0 for wait in slept)  # never sent again "now"


def test_a_providers_429_through_the_proxy_stays_the_providers_answer() -> None:
    """A provider's own 429 (any other code) is data for the step, sent once."""
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        return httpx.Response(429, json={"message": "slow down"})

    client = httpx.Client(transport=httpx.MockTransport(answer))
    nango = Nango(KEY, "http://nango.test", http_client=client, sleep=lambda _s: None)
    result = Gateway(nango).proxy("POST", "/x", provider_config_key="k", connection_id="c")
    assert (result.status, result.body) == (429, {"message": "slow down"})
    assert sent == ["POST"]


def test_an_action_whose_polling_is_refused_by_nango_is_triggered_once() -> None:
    """When Nango's 429 outlasts the retries of the result polling, the error is raised and the
    action is not triggered again (a resend of the whole wait would run it twice)."""
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        if request.method == "POST":
            return httpx.Response(202, json={"id": "a1", "statusUrl": "/action/a1"})
        return httpx.Response(
            429,
            json={"error": {"code": "too_many_request", "message": "Too many requests"}},
            headers={"retry-after": "0"},
        )

    client = httpx.Client(transport=httpx.MockTransport(answer))
    nango = Nango(KEY, "http://nango.test", http_client=client, sleep=lambda _s: None)
    with pytest.raises(RateLimitError):
        Gateway(nango).trigger_action_and_wait("k", "c", "send", {"n": 1}, timeout=5)
    assert sent == ["POST /action/trigger"] + ["GET /action/a1"] * 3


def test_nangos_429_asking_longer_than_the_sdk_waits_is_not_sent_again() -> None:
    """A Retry-After beyond what the SDK waits (it raises at once, its gate stays open) is not
    sent again by the gateway: that resend would go out at once and be refused again."""
    sent: list[str] = []
    slept: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        return httpx.Response(
            429,
            json={"error": {"code": "too_many_request", "message": "Too many requests"}},
            headers={"retry-after": "120"},
        )

    client = httpx.Client(transport=httpx.MockTransport(answer))
    nango = Nango(KEY, "http://nango.test", http_client=client, sleep=slept.append)
    with pytest.raises(RateLimitError) as info:
        Gateway(nango).list_integrations()
    assert info.value.retry_after == 120
    assert sent == ["GET /integrations"]
    assert slept == []
