"""Fixtures of the CLI tests: nango-run in-process against the session sandbox, its control
endpoints, and workflow files written for one test."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import GITHUB_CLIENT_SECRET, CliRun, Control, in_process, point_at_sandbox
from cli_support import control as control  # the fixture
from nango_toolbox import cli
from nango_toolbox.sandbox import Sandbox


@pytest.fixture
def nango_env(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point nango-run at the sandbox through the environment, from an empty working directory."""
    monkeypatch.setenv("GITHUB_CLIENT_ID", "gh-client-id")
    monkeypatch.setenv("GITHUB_CLIENT_SECRET", GITHUB_CLIENT_SECRET)
    return point_at_sandbox(sandbox, monkeypatch, tmp_path)


@pytest.fixture
def nango_run(nango_env: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Call cli.main in-process and capture what it printed."""
    return in_process(cli.main, capsys)


@pytest.fixture
def write_workflow(tmp_path: Path) -> Callable[[str], Path]:
    """Write a workflow (dedented YAML) to a file and return its path."""
    counter = iter(range(1000))

    def write(text: str) -> Path:
        path = tmp_path / f"workflow-{next(counter)}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def github_ready(control: Control) -> str:
    """The shared 'github' integration of the session sandbox, with the repo scope configured
    (other tests may have created it first), as the example workflows expect."""
    found = control.client.get("/integrations/github", params={"include": "credentials"})
    credentials = {
        "type": "OAUTH2",
        "client_id": "gh-client-id",
        "client_secret": GITHUB_CLIENT_SECRET,
    }
    if found.status_code == 404:
        control.client.post(
            "/integrations",
            json={
                "provider": "github",
                "unique_key": "github",
                "credentials": {**credentials, "scopes": "repo"},
            },
        ).raise_for_status()
    else:
        scopes = (found.json()["data"].get("credentials") or {}).get("scopes") or ""
        if "repo" not in scopes.split(","):
            control.client.patch(
                "/integrations/github", json={"credentials": {**credentials, "scopes": "repo"}}
            ).raise_for_status()
    return "github"
