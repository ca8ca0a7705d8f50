"""Fixtures of the nango-toolbox tests: the command in-process against the session sandbox, and
the sandbox's control endpoints (the fixtures the nango-run tests use too, from cli_support)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli.cli_support import CliRun, in_process, point_at_sandbox
from cli.cli_support import control as control  # the fixture
from nango_toolbox.agent import cli
from nango_toolbox.sandbox import Sandbox


@pytest.fixture
def agent_env(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point nango-toolbox at the sandbox through the environment, from an empty directory."""
    return point_at_sandbox(sandbox, monkeypatch, tmp_path)


@pytest.fixture
def toolbox(agent_env: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Call nango-toolbox's main in-process and capture what it printed (stdout is not a
    terminal here, so the output is JSON)."""
    return in_process(cli.main, capsys)
