"""Fixtures of the nango-toolbox tests: the command in-process against the session sandbox, and
the sandbox's control endpoints."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from cli.cli_support import CliRun, Control
from nango_toolbox.agent import cli
from nango_toolbox.sandbox import Sandbox


@pytest.fixture
def control(sandbox_client: httpx.Client) -> Iterator[Control]:
    """Control of the session sandbox, with faults cleared afterwards."""
    ctl = Control(sandbox_client)
    yield ctl
    ctl.clear_faults()


@pytest.fixture
def agent_env(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point nango-toolbox at the sandbox through the environment, from an empty directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NANGO_TOOLBOX_SECRET_KEY", raising=False)
    monkeypatch.setenv("NANGO_SECRET_KEY", sandbox.secret_key)
    monkeypatch.setenv("NANGO_SERVER_URL", sandbox.base_url)
    return tmp_path


@pytest.fixture
def toolbox(agent_env: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Call nango-toolbox's main in-process and capture what it printed (stdout is not a
    terminal here, so the output is JSON)."""

    def run(*args: str) -> CliRun:
        capsys.readouterr()
        code = cli.main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
