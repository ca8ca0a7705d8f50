"""Nango's API rate limit in the sandbox: N requests per window per key, 429 too_many_request with
Retry-After rounded down, x-ratelimit-* on every answer; off unless asked for."""

from __future__ import annotations

import io
import uuid

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox, SandboxError
from nango_toolbox.sandbox.__main__ import build_parser, serve
from nango_toolbox.sandbox.ratelimit import NOMINAL, RateLimit, RateLimiter, parse_rate_limit


def _client(sandbox: Sandbox, key: str | None = None) -> httpx.Client:
    return httpx.Client(
        base_url=sandbox.base_url,
        headers={"Authorization": f"Bearer {key or sandbox.secret_key}"},
    )


def test_over_the_limit_is_429_too_many_request_with_nango_headers() -> None:
    """The fourth request of a 3-per-hour key is 429 too_many_request with Retry-After and the
    x-ratelimit-* headers; the first three count down x-ratelimit-remaining."""
    with Sandbox(rate_limit="3/3600s") as sb, _client(sb) as client:
        answers = [client.get("/providers") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["x-ratelimit-remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert {a.headers["x-ratelimit-limit"] for a in answers} == {"3"}
    assert len({a.headers["x-ratelimit-reset"] for a in answers}) == 1
    refused = answers[3]
    assert refused.json()["error"]["code"] == "too_many_request"
    assert "3/3600s" in refused.json()["error"]["message"]
    # Rounded down: less than an hour is left, so 3599 (3598 on a machine slower than a second).
    assert int(refused.headers["retry-after"]) in (3598, 3599)


def test_the_limit_is_per_key() -> None:
    """Another key has its own count: it is not refused when the first key is."""
    with Sandbox(rate_limit="1/3600s") as sb, _client(sb) as client:
        assert client.get("/providers").status_code == 200
        assert client.get("/providers").status_code == 429
        with _client(sb, str(uuid.uuid4())) as stranger:
            other = stranger.get("/providers")
    assert other.status_code == 401  # its own window: refused for the key, not for the rate
    assert other.headers["x-ratelimit-remaining"] == "0"
    assert other.headers["x-ratelimit-limit"] == "1"


def test_sandbox_control_and_fake_providers_are_not_counted() -> None:
    """/_sandbox/* and /_fake/* calls neither count nor carry the headers (they are not Nango's)."""
    with Sandbox(rate_limit="1/3600s") as sb, _client(sb) as client:
        control = [client.get("/_sandbox/requests") for _ in range(3)]
        fake = client.get("/_fake/github/user")
        first = client.get("/providers")
    assert [c.status_code for c in control] == [200, 200, 200]
    assert all("x-ratelimit-limit" not in c.headers for c in [*control, fake])
    assert first.status_code == 200
    assert first.headers["x-ratelimit-remaining"] == "0"


def test_no_limit_by_default_in_python() -> None:
    """Sandbox() enforces none: the headers count against a nominal 10,000 and nothing is 429."""
    with Sandbox() as sb, _client(sb) as client:
        answers = [client.get("/providers") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert answers[0].headers["x-ratelimit-limit"] == str(NOMINAL)
    assert int(answers[2].headers["x-ratelimit-remaining"]) == NOMINAL - 3


def test_retry_after_rounds_down_so_an_exact_sleep_is_early() -> None:
    """A client that sleeps exactly Retry-After arrives before the window ends: 429 again with
    Retry-After 0; the window's end lets it through."""
    limiter = RateLimiter(RateLimit(3, 2.0))
    opened = 100.3
    assert [limiter.take("k", opened + i / 10).allowed for i in range(3)] == [True] * 3
    refused = limiter.take("k", 100.6)
    assert (refused.allowed, refused.retry_after, refused.reset) == (False, 1, 103)
    early = limiter.take("k", 100.6 + refused.retry_after)
    assert (early.allowed, early.retry_after, early.remaining) == (False, 0, 0)
    later = limiter.take("k", 102.3)
    assert (later.allowed, later.remaining, later.reset) == (True, 2, 105)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("200/60s", RateLimit(200, 60.0)),
        ("3/2s", RateLimit(3, 2.0)),
        ("100/1m", RateLimit(100, 60.0)),
        ("5/1.5", RateLimit(5, 1.5)),
        ("1000/1h", RateLimit(1000, 3600.0)),
        ("off", None),
    ],
)
def test_rate_limit_forms(text: str, expected: RateLimit | None) -> None:
    """N/WINDOW takes s, m, h or bare seconds; off means none."""
    assert parse_rate_limit(text) == expected


@pytest.mark.parametrize("text", ["200", "200/", "a/60s", "0/60s", "10/0s", "10/60d"])
def test_bad_rate_limit_is_a_value_error(text: str) -> None:
    """A malformed limit names the expected form."""
    with pytest.raises(ValueError, match=r"N/WINDOW|must be positive"):
        parse_rate_limit(text)


def test_bad_rate_limit_in_python_is_a_sandbox_error() -> None:
    """Sandbox(rate_limit='x') raises SandboxError naming the argument."""
    with pytest.raises(SandboxError, match=r"^rate_limit: expected N/WINDOW"):
        Sandbox(rate_limit="x")


def test_the_command_defaults_to_nangos_limit() -> None:
    """nango-run sandbox enforces 200 a minute unless told otherwise."""
    assert build_parser().parse_args([]).rate_limit == "200/60s"


def test_bad_rate_limit_option_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """--rate-limit 3 is a usage error on one line, exit code 2."""
    assert serve(["--rate-limit", "3", "--port", "0"], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err == (
        "nango-run sandbox: error: --rate-limit: expected N/WINDOW such as 200/60s, 3/2s or"
        " 100/1m, or off; got '3'\n"
    )
