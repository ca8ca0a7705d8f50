"""Nango's rate limit slows a whole for_each instead of failing its items: against a sandbox that
limits like Nango (few requests per window, 429 too_many_request, Retry-After rounded down), every
item of a concurrent fan-out of writes succeeds, and each write reaches the provider once; a call
whose SDK retries ran out on 429s is sent again by the runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from cli_support import CliRun, unique
from nango_toolbox import cli
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider

ITEMS = 12
CONCURRENCY = 4


@pytest.fixture(scope="module")
def limited(fake_provider_server: RecordingProvider) -> Iterator[Sandbox]:
    """A sandbox allowing 6 requests per second, sendgrid pointed at the recording provider."""
    with Sandbox(
        provider_base_urls={"sendgrid": fake_provider_server.url}, rate_limit="6/1s"
    ) as sb:
        yield sb


def test_concurrent_writes_wait_for_the_window_instead_of_failing(
    limited: Sandbox,
    fake_provider: RecordingProvider,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    write_workflow: Callable[[str], Path],
) -> None:
    """12 proxy POSTs, 4 at a time, against 6 requests a second: all succeed, none is sent to
    the provider twice, and Nango's 429s did happen (the run's one client held every worker
    until the window reopened)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NANGO_SECRET_KEY", limited.secret_key)
    monkeypatch.setenv("NANGO_SERVER_URL", limited.base_url)
    key, connection_id = unique("sendgrid"), unique("c")
    with httpx.Client(
        base_url=limited.base_url, headers={"Authorization": f"Bearer {limited.secret_key}"}
    ) as http:
        http.post("/integrations", json={"provider": "sendgrid", "unique_key": key})
        http.post(
            "/connections",
            json={
                "provider_config_key": key,
                "connection_id": connection_id,
                "credentials": {"type": "API_KEY", "apiKey": "sk-rate-limit-test"},
            },
        ).raise_for_status()
        http.delete("/_sandbox/requests").raise_for_status()
        flow = write_workflow(
            f"""
            version: 1
            name: fan
            steps:
              - id: each
                for_each:
                  items: {list(range(ITEMS))}
                  concurrency: {CONCURRENCY}
                  steps:
                    - id: send
                      proxy:
                        connection: {{integration: {key}, connection_id: {connection_id}}}
                        method: POST
                        path: /v3/mail/send
                        json: {{n: "${{{{ item }}}}"}}
            outputs:
              succeeded: ${{{{ steps.each.outputs.succeeded }}}}
              failed: ${{{{ steps.each.outputs.failed }}}}
            """
        )
        fake_provider.reset()
        capsys.readouterr()
        code = cli.main([str(flow)])
        result = CliRun(code, *capsys.readouterr())
        log = http.get("/_sandbox/requests").json()["requests"]
    assert result.code == 0, result.text
    assert result.out.splitlines() == [f"succeeded: {ITEMS}", "failed: 0"]
    sent = sorted(r.json()["n"] for r in fake_provider.requests)
    assert sent == list(range(ITEMS))
    refused = [r for r in log if r["status"] == 429]
    assert refused, "the rate limit was never reached: the test proves nothing"
    # Once a 429 closed the gate only the requests already in flight can be refused in that
    # window: at most CONCURRENCY per window, and the 12 writes (plus the set-up) span 3.
    assert len(refused) <= 3 * CONCURRENCY
    assert len([r for r in log if r["status"] == 200]) == ITEMS


def test_a_call_still_refused_after_the_sdk_retries_is_sent_again(
    fake_provider: RecordingProvider,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    write_workflow: Callable[[str], Path],
) -> None:
    """Against a server answering Nango's 429 three times in a row (one more than the SDK's
    retries), the runner sends the write again and the step succeeds."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NANGO_SECRET_KEY", "0f6c3a1e-8b2d-4e5f-9a7b-1c2d3e4f5a6b")
    monkeypatch.setenv("NANGO_SERVER_URL", fake_provider.url)
    limited = {"error": {"code": "too_many_request", "message": "Too many requests"}}
    fake_provider.respond(429, limited, {"retry-after": "0"}, times=3)
    fake_provider.respond(200, {"sent": True})
    flow = write_workflow(
        """
        version: 1
        name: once
        steps:
          - id: send
            proxy:
              connection: {integration: sendgrid, connection_id: c1}
              method: POST
              path: /v3/mail/send
              json: {n: 1}
        outputs:
          body: ${{ steps.send.outputs.body }}
        """
    )
    capsys.readouterr()
    code = cli.main([str(flow), "--output", "json"])
    result = CliRun(code, *capsys.readouterr())
    assert result.code == 0, result.text
    assert result.json()["outputs"] == {"body": {"sent": True}}
    assert [(r.method, r.path) for r in fake_provider.requests] == [
        ("POST", "/proxy/v3/mail/send")
    ] * 4
