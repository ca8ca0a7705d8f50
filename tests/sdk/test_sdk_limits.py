"""Limits every call has, against the hostile server (tests/hostile_server.py): the attempt
deadline, Nango-side proxy retries, unreadable bodies, Nango's rate limit, proxy bodies."""

from __future__ import annotations

import asyncio
import tracemalloc

import httpx
import pytest
from hostile_server import HostileServer
from nango_toolbox import (
    APIConnectionError,
    APITimeoutError,
    AsyncNango,
    BadRequestError,
    InternalServerError,
    InvalidArgumentError,
    Nango,
    NangoError,
    RateLimitError,
    RateLimitGate,
    ResponseTooLargeError,
)
from nango_toolbox._deadline import overall_seconds
from nango_toolbox._retry import RetryPolicy
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import SleepRecorder

KEY = "4b0a9e1c-8d3e-4f6a-9b2c-1d2e3f4a5b6c"
IDS = {"provider_config_key": "k", "connection_id": "c"}


def test_dripped_headers_end_at_the_timeout(hostile: HostileServer) -> None:
    """Headers dripped a line every 0.5 s for 5 s end in APITimeoutError at timeout=1 (each
    read alone is well within it)."""
    with (
        Nango(KEY, f"{hostile.url}/drip-headers/lines=10", timeout=1, max_retries=0) as nango,
        pytest.raises(APITimeoutError) as info,
    ):
        nango.get("/x", **IDS)
    assert "no whole answer within 1s" in str(info.value)


async def test_dripped_headers_end_at_the_timeout_async(hostile: HostileServer) -> None:
    """AsyncNango gives up on dripped headers at timeout=1 too."""
    url = f"{hostile.url}/drip-headers/lines=10"
    async with AsyncNango(KEY, url, timeout=1, max_retries=0) as nango:
        with pytest.raises(APITimeoutError) as info:
            await nango.get("/x", **IDS)
    assert "no whole answer within 1s" in str(info.value)


def test_callers_http_client_is_bounded_too(hostile: HostileServer) -> None:
    """A caller's own httpx.Client (httpx's transport) gets the whole-attempt bound as well,
    and still serves the caller's other requests."""
    url = f"{hostile.url}/drip-headers/lines=10"
    with httpx.Client() as http:
        with (
            Nango(KEY, url, timeout=1, max_retries=0, http_client=http) as nango,
            pytest.raises(APITimeoutError),
        ):
            nango.get("/x", **IDS)
        assert http.get(f"{hostile.url}/echo/own").json() == {"ok": True, "path": "/echo/own"}


def test_dripped_body_ends_at_the_timeout(hostile: HostileServer) -> None:
    """A 20-byte body sent 2 bytes a second ends in APITimeoutError at timeout=1."""
    with (
        Nango(KEY, f"{hostile.url}/drip-body/size=20", timeout=1, max_retries=0) as nango,
        pytest.raises(APITimeoutError),
    ):
        nango.get("/x", **IDS)
    assert hostile.sent["/drip-body"] < 20


async def test_dripped_body_ends_at_the_timeout_async(hostile: HostileServer) -> None:
    """AsyncNango gives up on a dripped body at timeout=1 too."""
    async with AsyncNango(KEY, f"{hostile.url}/drip-body/size=20", timeout=1, max_retries=0) as n:
        with pytest.raises(APITimeoutError):
            await n.get("/x", **IDS)
    assert hostile.sent["/drip-body"] < 20


def test_a_timeout_is_retried_within_the_budget(hostile: HostileServer) -> None:
    """A GET that outlasts its deadline is retried like any timeout: 2 attempts with
    max_retries=1, each bounded, and the error counts them."""
    waits = SleepRecorder()
    url = f"{hostile.url}/drip-headers/lines=10"
    with (
        Nango(KEY, url, timeout=0.5, max_retries=1, sleep=waits) as nango,
        pytest.raises(APITimeoutError) as info,
    ):
        nango.get("/x", **IDS)
    assert "timed out (ReadTimeout) after 2 attempts" in str(info.value)
    assert hostile.hits("/drip-headers") == 2


def test_nango_side_retries_get_a_deadline_covering_them(hostile: HostileServer) -> None:
    """retries=1 against an always-503 provider: the SDK waits out Nango's 3 s back-off although
    timeout=1, gets the provider's 503, and never re-sends (2 provider calls, 1 proxy call)."""
    with (
        Nango(KEY, hostile.url, timeout=1, max_retries=2) as nango,
        pytest.raises(InternalServerError) as info,
    ):
        nango.get("/x", retries=1, **IDS)
    assert info.value.status_code == 503
    assert hostile.hits("/proxy") == 1
    assert hostile.provider_hits == 2
    assert info.value.hint == (
        "the provider (through Nango's proxy) may be down or overloaded; not re-sent by the SDK: "
        "Nango retries it itself (retries=1, 3s of back-off)"
    )


def test_nango_side_retries_are_not_resent_after_a_timeout(hostile: HostileServer) -> None:
    """With the caller's own timeout=1, a call Nango retries itself times out once, is not
    re-sent by the SDK, and the error says why."""
    with (
        Nango(KEY, hostile.url, max_retries=2) as nango,
        pytest.raises(APITimeoutError) as info,
    ):
        nango.get("/x", retries=1, timeout=1, **IDS)
    assert hostile.hits("/proxy") == 1
    assert "not re-sent by the SDK: Nango retries it itself (retries=1" in str(info.value)


def test_deeply_nested_json_is_a_nango_error(hostile: HostileServer) -> None:
    """A 200 of 100,000 nested arrays is a NangoError saying so, never a RecursionError, and is
    not retried (it would come back the same)."""
    with (
        Nango(KEY, f"{hostile.url}/deep", max_retries=2, sleep=SleepRecorder()) as nango,
        pytest.raises(NangoError) as info,
    ):
        nango.list_connections()
    assert str(info.value) == (
        "GET /connections returned 200 with a body the SDK cannot read (JSON nested too deeply "
        "to decode); check that the base URL points at a Nango server"
    )
    assert hostile.hits("/deep") == 1


async def test_deeply_nested_error_body_is_kept_as_text(hostile: HostileServer) -> None:
    """A 400 whose body is nested 100,000 deep is a BadRequestError carrying the text."""
    async with AsyncNango(KEY, f"{hostile.url}/deep/status=400", max_retries=0) as nango:
        with pytest.raises(BadRequestError) as info:
            await nango.list_connections()
    assert info.value.body == "[" * 500


def test_deeply_nested_proxy_answer_comes_back_as_text(hostile: HostileServer) -> None:
    """A provider's JSON nested 100,000 deep comes back through the proxy as text."""
    with Nango(KEY, f"{hostile.url}/deep/depth=100000") as nango:
        response = nango.get("/x", **IDS)
    assert response.body == "[" * 100_000 + "]" * 100_000


def test_rate_limited_call_succeeds_once_the_window_opens(hostile: HostileServer) -> None:
    """Under defaults, a call refused by Nango's rate limit (Retry-After rounded down) waits
    for the window and succeeds, instead of arriving early and meeting Retry-After: 0."""
    hostile.rate_limit(1, 1.5)
    with Nango(KEY, f"{hostile.url}/limited") as nango:
        assert nango.get("/first", **IDS).status_code == 200
        assert nango.get("/second", **IDS).status_code == 200
    assert hostile.limited_answers == [200, 429, 200]


@pytest.mark.parametrize(
    ("retry_after", "reset_in", "wait"),
    [
        (29.0, 29.6, 30.6),  # Retry-After rounded down: the reset is later, and believed
        (29.0, None, 30.0),
        (0.0, None, 1.0),  # Retry-After: 0 on a 429 is never "now"
        (29.0, 3600.0, 30.0),  # a reset far from Retry-After (clock skew) is not believed
        (None, 5.0, 6.0),
        (61.0, None, None),  # above the 60 s cap: raise at once
    ],
)
def test_rate_limit_wait(
    retry_after: float | None, reset_in: float | None, wait: float | None
) -> None:
    """The wait after a 429 is the later of Retry-After and x-ratelimit-reset plus 1 s."""
    assert RetryPolicy().delay_for_rate_limit(0, retry_after, reset_in) == wait


def test_nango_rate_limit_is_shared_by_every_call_of_the_client(hostile: HostileServer) -> None:
    """After Nango's 429, the client's next call waits for the window before it is sent, and a
    proxy POST refused by Nango's rate limiter is retried (it was never handled)."""
    waits = SleepRecorder()
    hostile.rate_limit(1, 30)
    with Nango(KEY, f"{hostile.url}/limited", max_retries=1, sleep=waits) as nango:
        nango.get("/first", **IDS)
        with pytest.raises(RateLimitError) as info:
            nango.post("/second", content="x", **IDS)  # refused, waited, refused again
        assert info.value.hint == (
            "rate limited by Nango, after 2 attempts; slow down and retry later, or raise "
            "max_retries="
        )
        assert len(waits.waits) == 1 and 30.0 <= waits.waits[0] <= 32.0
        with pytest.raises(RateLimitError):
            nango.get("/third", max_retries=0, **IDS)
    assert len(waits.waits) == 2 and 29.0 <= waits.waits[1] <= waits.waits[0]
    assert [r.path.split("/")[-1] for r in hostile.requests] == [
        "first",
        "second",
        "second",
        "third",
    ]


async def test_nango_rate_limit_is_shared_async(hostile: HostileServer) -> None:
    """AsyncNango's calls share the wait for Nango's rate limit window too."""
    waits = SleepRecorder()
    hostile.rate_limit(1, 30)
    url = f"{hostile.url}/limited"
    async with AsyncNango(KEY, url, max_retries=0, sleep=waits.async_sleep) as nango:
        await nango.get("/first", **IDS)
        with pytest.raises(RateLimitError):
            await nango.get("/second", **IDS)
        assert waits.waits == []
        with pytest.raises(RateLimitError):
            await nango.get("/third", **IDS)
    assert len(waits.waits) == 1 and 29.0 <= waits.waits[0] <= 32.0


@pytest.mark.parametrize(
    ("content", "content_type"),
    [("hello", "text/plain; charset=utf-8"), (b"\x00\x01", "application/octet-stream")],
)
def test_proxy_body_gets_a_default_content_type(
    hostile: HostileServer, content: str | bytes, content_type: str
) -> None:
    """A raw proxy body without a Content-Type is sent with one (to Nango and for the provider),
    since real Nango forwards an untyped body empty."""
    with Nango(KEY, f"{hostile.url}/echo") as nango:
        nango.post("/v1/upload", content=content, **IDS)
    (request,) = hostile.requests
    assert request.headers["content-type"] == content_type
    assert request.headers["nango-proxy-content-type"] == content_type
    assert request.body == (content.encode() if isinstance(content, str) else content)


def test_proxy_body_keeps_the_callers_content_type(hostile: HostileServer) -> None:
    """A Content-Type the caller gave is the one sent."""
    with Nango(KEY, f"{hostile.url}/echo") as nango:
        nango.post("/v1/x", content="a=1", headers={"Content-Type": "text/csv"}, **IDS)
    (request,) = hostile.requests
    assert request.headers["content-type"] == "text/csv"
    assert request.headers["nango-proxy-content-type"] == "text/csv"


def test_proxy_options_is_refused_locally(hostile: HostileServer) -> None:
    """proxy("OPTIONS", ...) raises InvalidArgumentError naming Nango's CORS answer, and sends
    nothing."""
    with (
        Nango(KEY, f"{hostile.url}/echo") as nango,
        pytest.raises(InvalidArgumentError) as info,
    ):
        nango.proxy("OPTIONS", "/v1/x", **IDS)
    assert "OPTIONS is answered by Nango itself (its CORS handling, 204)" in str(info.value)
    assert hostile.requests == []


GIB = 1 << 30
MIB = 1 << 20


def test_declared_size_above_the_default_limit_is_refused_unread(hostile: HostileServer) -> None:
    """A 1 GiB answer (Content-Length) raises ResponseTooLargeError under the default 100 MiB
    limit, naming the call, the limit and how to raise it or stream."""
    with (
        Nango(KEY, f"{hostile.url}/huge/size={GIB}") as nango,
        pytest.raises(ResponseTooLargeError) as info,
    ):
        nango.get("/file", **IDS)
    assert (info.value.limit, info.value.size) == (100 * MIB, GIB)
    assert str(info.value) == (
        "GET /proxy/file: the answer is larger than max_response_size=104,857,600 bytes (it "
        "declares 1,073,741,824 bytes); the rest was not read. Pass max_response_size= (bytes, "
        "or None for no limit) to the client or to this call; or download it in chunks with "
        "proxy_stream()"
    )


def test_head_answer_is_not_held_to_its_content_length(hostile: HostileServer) -> None:
    """A HEAD answer declaring 1 GiB (the size of a body it does not have) is no size error."""
    with Nango(KEY, f"{hostile.url}/huge/size={GIB}") as nango:
        response = nango.proxy("HEAD", "/file", **IDS)
    assert (response.status_code, response.headers["content-length"]) == (200, str(GIB))


@pytest.mark.parametrize(
    ("timeout", "bound"),
    [
        (5.0, 5.0),
        (None, None),
        (httpx.Timeout(5.0), 5.0),
        (httpx.Timeout(5.0, connect=2.0, pool=9.0), 9.0),
        (httpx.Timeout(None, connect=2.0), None),  # reads unbounded: the attempt too
    ],
)
def test_attempt_bound_of_a_timeout(
    timeout: float | httpx.Timeout | None, bound: float | None
) -> None:
    """A number bounds the whole attempt; an httpx.Timeout by its largest phase, unless a
    phase is unbounded."""
    assert overall_seconds(timeout) == bound


async def test_streamed_body_past_the_limit_is_cut(hostile: HostileServer) -> None:
    """A chunked 1 GiB answer (no Content-Length) stops at a per-call max_response_size of
    1 MiB with ResponseTooLargeError (size unknown), through AsyncNango."""
    url = f"{hostile.url}/huge/size={GIB}/chunked=1"
    async with AsyncNango(KEY, url) as nango:
        with pytest.raises(ResponseTooLargeError) as info:
            await nango.get("/file", max_response_size=MIB, **IDS)
    assert (info.value.limit, info.value.size) == (MIB, None)
    assert "(it ran past it)" in str(info.value)


def test_constructor_limit_applies_to_api_calls(hostile: HostileServer) -> None:
    """max_response_size= on the client bounds Nango API answers too (GET /connections)."""
    with (
        Nango(KEY, f"{hostile.url}/huge/size={2 * MIB}", max_response_size=MIB) as nango,
        pytest.raises(ResponseTooLargeError) as info,
    ):
        nango.list_connections()
    assert info.value.path == "/connections"
    assert "or download it in chunks" not in str(info.value)


def test_no_limit_reads_a_large_answer(hostile: HostileServer) -> None:
    """max_response_size=None reads an answer above the default limit whole."""
    with Nango(KEY, f"{hostile.url}/huge/size={101 * MIB}") as nango:
        response = nango.get("/file", max_response_size=None, **IDS)
    assert len(response.body) == 101 * MIB


def test_bad_size_limit_is_an_argument_error(hostile: HostileServer) -> None:
    """A max_response_size that is not a positive int is refused before sending."""
    with (
        Nango(KEY, f"{hostile.url}/echo") as nango,
        pytest.raises(InvalidArgumentError) as info,
    ):
        nango.get("/x", max_response_size=0, **IDS)
    assert "max_response_size must be a number of bytes > 0, or None for no limit, got 0" in str(
        info.value
    )
    assert hostile.requests == []


def test_proxy_stream_downloads_in_bounded_memory(hostile: HostileServer) -> None:
    """proxy_stream() hands 256 MiB over in chunks (written to a file-like sink) with the
    traced memory staying far below the body's size."""
    size = 256 * MIB
    sink = _CountingSink()
    with Nango(KEY, f"{hostile.url}/huge/size={size}") as nango:
        tracemalloc.start()
        with nango.proxy_stream("GET", "/big.bin", **IDS) as stream:
            assert stream.status_code == 200
            assert stream.headers["content-length"] == str(size)
            for chunk in stream.iter_bytes():
                sink.write(chunk)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert sink.size == size
    assert peak < 16 * MIB


async def test_proxy_stream_async(hostile: HostileServer) -> None:
    """AsyncNango.proxy_stream() yields the whole chunked body in chunks."""
    url = f"{hostile.url}/huge/size={3 * MIB}/chunked=1"
    async with (
        AsyncNango(KEY, url) as nango,
        nango.proxy_stream("GET", "/big.bin", **IDS) as stream,
    ):
        received = [len(chunk) async for chunk in stream.aiter_bytes()]
    assert sum(received) == 3 * MIB


def test_proxy_stream_raises_an_error_status(hostile: HostileServer) -> None:
    """proxy_stream() raises the provider's error status as proxy() does, before any chunk."""
    with (
        Nango(KEY, hostile.url, max_retries=0) as nango,
        pytest.raises(InternalServerError) as info,
        nango.proxy_stream("GET", "/x", **IDS),
    ):
        pass
    assert info.value.status_code == 503


def test_proxy_stream_reports_a_broken_body(hostile: HostileServer) -> None:
    """A body that stops before its Content-Length raises APIConnectionError while reading."""
    with (
        Nango(KEY, f"{hostile.url}/cut/size=100000/sent=10") as nango,
        nango.proxy_stream("GET", "/x", **IDS) as stream,
        pytest.raises(APIConnectionError) as info,
    ):
        b"".join(stream.iter_bytes())
    assert str(info.value).startswith(
        f"GET /proxy/x ({hostile.url}/cut/size=100000/sent=10) failed:"
    )


def test_clients_can_share_a_rate_limit_gate(hostile: HostileServer) -> None:
    """Two clients built with one RateLimitGate wait for the window the other one learnt."""
    waits = SleepRecorder()
    gate = RateLimitGate()
    hostile.rate_limit(1, 30)
    url = f"{hostile.url}/limited"
    with (
        Nango(KEY, url, max_retries=0, rate_limit_gate=gate, sleep=waits) as first,
        Nango(KEY, url, max_retries=0, rate_limit_gate=gate, sleep=waits) as second,
    ):
        first.get("/a", **IDS)
        with pytest.raises(RateLimitError):
            first.get("/b", **IDS)
        assert waits.waits == []
        with pytest.raises(RateLimitError):
            second.get("/c", **IDS)
    assert len(waits.waits) == 1 and 29.0 <= waits.waits[0] <= 32.0


class _CountingSink:
    """A file-like object that counts what is written and keeps nothing."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)


def test_sandbox_rate_limit_is_waited_out_sync_and_async() -> None:
    """Against the sandbox's Nango rate limit (3 requests per 1.5 s), 4 quick calls of Nango and
    4 of AsyncNango under defaults all succeed: the refused ones wait for the window."""
    with Sandbox(rate_limit="3/1.5s") as sb:
        with Nango(sb.secret_key, sb.base_url) as nango:
            assert [len(nango.list_integrations()) for _ in range(4)] == [0, 0, 0, 0]

        async def four_calls() -> list[int]:
            async with AsyncNango(sb.secret_key, sb.base_url) as anango:
                return [len(await anango.list_integrations()) for _ in range(4)]

        assert asyncio.run(four_calls()) == [0, 0, 0, 0]
        statuses = [
            r["status"]
            for r in httpx.get(
                f"{sb.base_url}/_sandbox/requests",
                headers={"Authorization": f"Bearer {sb.secret_key}"},
            ).json()["requests"]
            if r["path"] == "/integrations"
        ]
    assert statuses.count(429) >= 2
    assert statuses.count(200) == 8
