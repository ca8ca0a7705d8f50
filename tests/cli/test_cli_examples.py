"""The example workflows run against the sandbox, with the exact Nango requests each one makes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import WORKFLOWS, CliRun, Control, unique
from nango_toolbox.sandbox import Sandbox

GITHUB_ISSUE = str(WORKFLOWS / "github_issue.yaml")

RunCli = Callable[..., CliRun]


def _issue_inputs(user: str) -> list[str]:
    return [
        "--input",
        "repo=octo-org/hello-world",
        "--input",
        "title=Hi",
        "--input",
        f"user_id={user}",
    ]


def _connected_user(nango_run: RunCli, control: Control) -> str:
    """Run github_issue once with --no-wait, complete the link, and return the end user id."""
    user = unique("user")
    first = nango_run(GITHUB_ISSUE, *_issue_inputs(user), "--no-wait", "--output", "json")
    assert first.code == 3, first.text
    control.complete(first.json()["connect_link"]["url"])
    return user


def test_github_issue_first_run_waits_for_the_end_user(
    nango_run: RunCli, github_ready: str
) -> None:
    """A new end user gets a connect link; with --no-wait the run stops with exit code 3."""
    result = nango_run(
        GITHUB_ISSUE, *_issue_inputs(unique("user")), "--no-wait", "--output", "json"
    )
    assert result.code == 3
    doc = result.json()
    assert doc["status"] == "waiting"
    assert doc["connect_link"]["integration"] == "github"
    assert "/connect?session_token=nango_connect_session_" in doc["connect_link"]["url"]
    assert doc["connect_link"]["expires_at"]
    assert [(s["id"], s["status"]) for s in doc["steps"]] == [
        ("integration", "success"),
        ("github", "waiting"),
    ]


def test_github_issue_on_a_connected_account_uses_the_action_in_6_requests(
    nango_run: RunCli, control: Control, github_ready: str
) -> None:
    """Once connected, github_issue makes 6 Nango requests: integration, its provider (for
    auth_mode), connections, connection, scripts config, and the create-issue action."""
    user = _connected_user(nango_run, control)
    control.reset_requests()
    result = nango_run(GITHUB_ISSUE, *_issue_inputs(user), "--output", "json")
    assert result.code == 0, result.text
    doc = result.json()
    assert doc["outputs"]["created_with"] == "action"
    assert doc["outputs"]["issue_url"].startswith("https://github.com/octo-org/hello-world/issues/")
    requests = control.requests()
    assert [m for m, _ in requests] == ["GET", "GET", "GET", "GET", "GET", "POST"]
    assert [p.split("?")[0] for _, p in requests][:3] == [
        "/integrations/github",
        "/providers/github",
        "/connections",
    ]
    assert requests[4][1].startswith("/scripts/config")
    assert requests[5][1] == "/action/trigger"


def test_github_issue_through_the_proxy_in_5_requests(
    nango_run: RunCli, control: Control, github_ready: str, write_workflow: Callable[[str], Path]
) -> None:
    """The same task with a proxy step on a connected account makes exactly 5 Nango requests."""
    user = _connected_user(nango_run, control)
    text = (WORKFLOWS / "github_issue.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: issue")
    proxy_only = text[:start] + (
        "  - id: issue\n"
        "    proxy:\n"
        "      connection: github\n"
        "      method: POST\n"
        "      path: /repos/${{ inputs.repo }}/issues\n"
        "      json: {title: '${{ inputs.title }}'}\n"
        "outputs:\n"
        "  issue_url: ${{ steps.issue.outputs.body.html_url }}\n"
    )
    path = write_workflow(proxy_only)
    control.reset_requests()
    result = nango_run(path, *_issue_inputs(user), "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["outputs"]["issue_url"].startswith(
        "https://github.com/octo-org/hello-world/issues/"
    )
    requests = control.requests()
    assert len(requests) == 5, requests
    assert requests[:2] == [("GET", "/integrations/github"), ("GET", "/providers/github")]
    assert requests[2][1].startswith("/connections")
    assert requests[3][1].startswith("/connections/")
    assert requests[4] == ("POST", "/proxy/repos/octo-org/hello-world/issues")


def test_call_falls_back_to_the_proxy_when_the_action_is_not_deployed(
    nango_run: RunCli, control: Control, github_ready: str, write_workflow: Callable[[str], Path]
) -> None:
    """call takes the proxy path when the action is not deployed, after one scripts config read."""
    user = _connected_user(nango_run, control)
    text = (WORKFLOWS / "github_issue.yaml").read_text(encoding="utf-8")
    path = write_workflow(text.replace("name: create-issue", "name: create-issue-v9"))
    control.reset_requests()
    result = nango_run(path, *_issue_inputs(user), "--output", "json")
    assert result.code == 0, result.text
    doc = result.json()
    assert doc["outputs"]["created_with"] == "proxy"
    assert doc["outputs"]["issue_url"].startswith("https://github.com/octo-org/hello-world/issues/")
    methods_paths = control.requests()
    assert len(methods_paths) == 6
    assert [p for _, p in methods_paths].count("/scripts/config") + sum(
        p.startswith("/scripts/config?") for _, p in methods_paths
    ) == 1
    assert methods_paths[-1] == ("POST", "/proxy/repos/octo-org/hello-world/issues")


def test_slack_message(
    nango_run: RunCli, control: Control, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Slack example posts through the deployed send-message action once connected."""
    monkeypatch.setenv("SLACK_CLIENT_ID", "slack-id")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "slack-secret-value")
    slack = str(WORKFLOWS / "slack_message.yaml")
    inputs = ["--input", "text=hello", "--input", f"user_id={unique('user')}"]
    first = nango_run(slack, *inputs, "--no-wait", "--output", "json")
    assert first.code == 3, first.text
    control.complete(first.json()["connect_link"]["url"])
    control.reset_requests()
    result = nango_run(slack, *inputs, "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["outputs"]["sent_with"] == "action"
    assert result.json()["outputs"]["channel"] == "general"
    assert len(control.requests()) == 6
    assert "slack-secret-value" not in result.text


def test_api_key_provider_connects_through_the_connect_page_form(
    nango_run: RunCli, control: Control, github_ready: str
) -> None:
    """The API-key example creates the integration without an OAuth app, then the end user's key
    (entered on the connect page) is used by the proxy call."""
    user = unique("user")
    flow = str(WORKFLOWS / "api_key_connection.yaml")
    first = nango_run(flow, "--input", f"user_id={user}", "--input", "wait=0", "--output", "json")
    assert first.code == 3, first.text
    control.complete(first.json()["connect_link"]["url"], {"apiKey": "sk-test-abcdef123456"})
    control.reset_requests()
    result = nango_run(flow, "--input", f"user_id={user}", "--output", "json")
    assert result.code == 0, result.text
    doc = result.json()
    assert doc["outputs"]["credentials_type"] == "API_KEY"
    assert [m["id"] for m in doc["outputs"]["models"]] == [
        "gpt-4o-mini",
        "gpt-4o",
        "text-embedding-3-small",
    ]
    assert "sk-test-abcdef123456" not in result.text
    assert len(control.requests()) == 5


def test_records_export_writes_every_page_to_a_file(
    nango_run: RunCli, control: Control, nango_env: Path, github_ready: str
) -> None:
    """The records example follows the cursor through every page and writes JSON lines."""
    user = _connected_user(nango_run, control)
    connection_id = control.client.get(
        "/connections", params={"integrationId": "github", "tags[end_user_id]": user}
    ).json()["connections"][0]["connection_id"]
    records = [{"id": str(i), "title": f"issue {i}"} for i in range(7)]
    control.seed_records("github", connection_id, "GithubIssue", records)
    control.reset_requests()
    result = nango_run(
        str(WORKFLOWS / "records_export.yaml"),
        "--input",
        f"connection_id={connection_id}",
        "--input",
        "page_size=3",
        "--input",
        "file=out/issues.jsonl",
        "--output",
        "json",
    )
    assert result.code == 0, result.text
    assert result.json()["outputs"] == {"file": "out/issues.jsonl", "count": 7}
    lines = (nango_env / "out" / "issues.jsonl").read_text(encoding="utf-8").splitlines()
    written = [json.loads(line) for line in lines]
    assert [r["id"] for r in written] == [str(i) for i in range(7)]
    paths = [p for _, p in control.requests()]
    assert len(paths) == 4  # the connection, then 3 pages of records
    assert sum(p.startswith("/records") for p in paths) == 3


def test_fanout_runs_every_connection_and_records_failures(
    nango_run: RunCli, control: Control, sandbox: Sandbox
) -> None:
    """The fan-out example calls the provider once per connection of an integration and keeps
    going when one of them fails."""
    key = unique("gh")
    control.client.post(
        "/integrations",
        json={
            "provider": "github",
            "unique_key": key,
            "credentials": {"type": "OAUTH2", "client_id": "i", "client_secret": "s"},
        },
    ).raise_for_status()
    ids = [control.connect(key, unique("user")) for _ in range(3)][::-1]  # listed newest first
    # The SDK makes 3 attempts of a GET; with one item at a time, all three hit the first item.
    control.fault(
        route="GET /proxy/user",
        times=3,
        status=503,
        body={"message": "try later"},
        headers={"retry-after": "0"},
    )
    result = nango_run(
        str(WORKFLOWS / "fanout.yaml"),
        "--input",
        f"integration={key}",
        "--input",
        "concurrency=1",
        "--output",
        "json",
    )
    assert result.code == 0, result.text
    outputs = result.json()["outputs"]
    assert (outputs["connections"], outputs["succeeded"], outputs["failed"]) == (3, 2, 1)
    assert [r["item"]["connection_id"] for r in outputs["results"]] == ids
    assert [r["status"] for r in outputs["results"]] == ["failed", "success", "success"]
    assert "503" in outputs["results"][0]["error"] and "try later" in outputs["results"][0]["error"]
    assert all(
        r["outputs"]["whoami"]["body"]["login"] == "sandbox-user" for r in outputs["results"][1:]
    )


def test_fanout_with_concurrency_keeps_item_order(nango_run: RunCli, control: Control) -> None:
    """With several items at a time, every connection is called once and results keep item order."""
    key = unique("gh")
    control.client.post(
        "/integrations",
        json={
            "provider": "github",
            "unique_key": key,
            "credentials": {"type": "OAUTH2", "client_id": "i", "client_secret": "s"},
        },
    ).raise_for_status()
    ids = [control.connect(key, unique("user")) for _ in range(5)][::-1]  # listed newest first
    control.reset_requests()
    result = nango_run(
        str(WORKFLOWS / "fanout.yaml"),
        "--input",
        f"integration={key}",
        "--input",
        "concurrency=3",
        "--output",
        "json",
    )
    assert result.code == 0, result.text
    outputs = result.json()["outputs"]
    assert (outputs["succeeded"], outputs["failed"]) == (5, 0)
    assert [r["item"]["connection_id"] for r in outputs["results"]] == ids
    assert [r["index"] for r in outputs["results"]] == [0, 1, 2, 3, 4]
    assert len(control.requests()) == 6  # list connections, then one proxy call per connection


def test_oauth_app_variables_are_only_read_when_creating(
    nango_run: RunCli, control: Control, github_ready: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the integration in place, github_issue runs without GITHUB_CLIENT_ID/SECRET set."""
    user = _connected_user(nango_run, control)
    monkeypatch.delenv("GITHUB_CLIENT_ID")
    monkeypatch.delenv("GITHUB_CLIENT_SECRET")
    result = nango_run(GITHUB_ISSUE, *_issue_inputs(user), "--output", "json")
    assert result.code == 0, result.text


def test_fanout_concurrency_out_of_range_fails_naming_the_bound(nango_run: RunCli) -> None:
    """A for_each concurrency above 64 given through an input fails the step; it is not clamped."""
    result = nango_run(
        str(WORKFLOWS / "fanout.yaml"), "--input", "concurrency=65", "--output", "json"
    )
    assert result.code == 1, result.text
    assert "for_each.concurrency: expected 1 to 64, got 65" in result.text
