"""The built-in functions against the sandbox's fake GitHub and Slack APIs."""

from __future__ import annotations

import httpx
from fn_helpers import Conn, make_connection, wait_for


def trigger(http: httpx.Client, conn: Conn, name: str, input: object = None) -> httpx.Response:
    return http.post(
        "/action/trigger", headers=conn.headers, json={"action_name": name, "input": input}
    )


def test_github_create_issue_creates_it_in_the_fake_api(client: httpx.Client) -> None:
    """create-issue posts the issue through the proxy logic; the fake GitHub then lists it."""
    conn = make_connection(client, "github")
    response = trigger(
        client, conn, "create-issue", {"repo": "octo-org/hello", "title": "Bug", "body": "It broke"}
    )
    assert response.status_code == 200, response.text
    issue = response.json()
    assert issue["title"] == "Bug" and issue["body"] == "It broke" and issue["state"] == "open"
    assert issue["url"].endswith(f"/octo-org/hello/issues/{issue['number']}")
    listed = client.get("/proxy/repos/octo-org/hello/issues", headers=conn.headers).json()
    assert issue["number"] in [i["number"] for i in listed]


def test_github_create_issue_input_errors_are_action_errors(client: httpx.Client) -> None:
    """A bad create-issue input answers 500 action_script_runtime_error saying which field."""
    conn = make_connection(client, "github")
    response = trigger(client, conn, "create-issue", {"repo": "no-slash", "title": "x"})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "action_script_runtime_error"
    assert "input.repo" in response.json()["error"]["payload"]["message"]


def test_github_list_repos_follows_every_page(client: httpx.Client) -> None:
    """list-repos returns the user's repositories with owner and full_name."""
    conn = make_connection(client, "github")
    repos = trigger(client, conn, "list-repos").json()["repos"]
    assert len(repos) >= 5 and len({r["id"] for r in repos}) == len(repos)
    assert all(r["full_name"] == f"{r['owner']}/{r['name']}" for r in repos)


def test_github_issues_sync_saves_issues(client: httpx.Client) -> None:
    """The issues sync saves the issues of the user's repositories as GithubIssue records,
    the README demo's octo-org/hello-world included."""
    conn = make_connection(client, "github")
    repos = [r["full_name"] for r in trigger(client, conn, "list-repos").json()["repos"]]
    assert repos[0] == "octo-org/hello-world"
    repo = repos[0]
    created = trigger(client, conn, "create-issue", {"repo": repo, "title": "Synced"}).json()
    body = {
        "provider_config_key": conn.provider_config_key,
        "connection_id": conn.connection_id,
        "syncs": ["issues"],
    }
    assert client.post("/sync/trigger", json=body).json() == {"success": True}

    def synced() -> list[dict[str, object]]:
        records = client.get(
            "/records", params={"model": "GithubIssue"}, headers=conn.headers
        ).json()["records"]
        return [r for r in records if r["id"] == created["id"]]

    record = wait_for(synced)[0]
    assert record["repo"] == repo and record["title"] == "Synced"


def test_slack_send_message(client: httpx.Client) -> None:
    """send-message posts to chat.postMessage and returns the channel and ts."""
    conn = make_connection(client, "slack")
    response = trigger(client, conn, "send-message", {"channel": "C0SANDBOX1", "text": "hello"})
    assert response.status_code == 200, response.text
    assert (
        response.json()["ok"] is True
        and response.json()["channel"] == "C0SANDBOX1"
        and response.json()["ts"]
    )


def test_slack_refusal_is_an_action_error(client: httpx.Client) -> None:
    """Slack's ok:false answer becomes an action_script_runtime_error with Slack's error."""
    conn = make_connection(client, "slack")
    response = trigger(client, conn, "send-message", {"channel": "C1"})
    assert response.status_code == 500
    assert "input.text" in response.json()["error"]["payload"]["message"]


def test_builtins_are_deployed_only_to_their_provider(client: httpx.Client) -> None:
    """A sendgrid integration does not get the github actions."""
    conn = make_connection(client, "sendgrid")
    assert trigger(client, conn, "create-issue", {}).status_code == 404
