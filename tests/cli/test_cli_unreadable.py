"""A server answer the SDK cannot read is a step failure of nango-run, never "a bug"."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from cli_support import WORKFLOWS, CliRun
from hostile_server import HostileServer


@pytest.fixture
def deep_server() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.close()


def test_deeply_nested_answer_fails_the_step_with_what_was_sent(
    nango_run: Callable[..., CliRun], deep_server: HostileServer
) -> None:
    """A 200 of JSON nested 100,000 deep fails the first step (exit 1) with one line saying
    so, not as an unexpected error of nango-run."""
    result = nango_run(
        "--server-url",
        f"{deep_server.url}/deep",
        WORKFLOWS / "api_key_connection.yaml",
        "--input",
        "user_id=u1",
    )
    assert result.code == 1
    assert (
        "step integration failed: GET /integrations/openai returned 200 with a body the SDK "
        "cannot read (JSON nested too deeply to decode); check that the base URL points at a "
        "Nango server"
    ) in result.err + result.out
    assert "bug" not in result.err + result.out
