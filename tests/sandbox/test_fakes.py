"""The built-in fake providers, reached through the proxy with a connection's credentials."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox


def _headers(key: str, connection_id: str) -> dict[str, str]:
    return {"Provider-Config-Key": key, "Connection-Id": connection_id}


@pytest.fixture
def github(sandbox_client: httpx.Client, make_integration) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A GitHub connection made through a connect session (simulated OAuth)."""
    key = make_integration("github")
    token = sandbox_client.post(
        "/connect/sessions", json={"tags": {}, "allowed_integrations": [key]}
    ).json()["data"]["token"]
    return key, sandbox_client.post("/_sandbox/connect/complete", json={"token": token}).json()[
        "connection_id"
    ]


def test_github_user_and_repos(sandbox_client: httpx.Client, github: tuple[str, str]) -> None:
    """GET /user and /user/repos answer like GitHub through the proxy."""
    assert (
        sandbox_client.get("/proxy/user", headers=_headers(*github)).json()["login"]
        == "sandbox-user"
    )
    repos = sandbox_client.get("/proxy/user/repos", headers=_headers(*github)).json()
    assert [r["full_name"] for r in repos][:2] == [
        "octo-org/hello-world",
        "sandbox-user/sandbox-api",
    ]


def test_github_issues_create_then_paginate_with_link(
    sandbox_client: httpx.Client, sandbox, github: tuple[str, str]
) -> None:  # type: ignore[no-untyped-def]
    """Created issues are listed newest first, paginated by per_page with a Link rel=next header."""
    path = f"/proxy/repos/acme/{github[1]}/issues"
    for n in range(3):
        created = sandbox_client.post(path, headers=_headers(*github), json={"title": f"issue {n}"})
        assert created.status_code == 200
        assert created.json()["number"] == n + 1
    issued = {"Authorization": f"Bearer {_access_token(sandbox_client, *github)}"}
    direct = httpx.get(
        f"{sandbox.base_url}/_fake/github/repos/acme/{github[1]}/issues",
        params={"per_page": 2},
        headers=issued,
    )
    assert [i["title"] for i in direct.json()] == ["issue 2", "issue 1"]
    assert 'rel="next"' in direct.headers["link"] and "page=2" in direct.headers["link"]
    page_two = httpx.get(direct.links["next"]["url"], headers=issued)
    assert [i["title"] for i in page_two.json()] == ["issue 0"]
    assert "next" not in page_two.links


def _access_token(client: httpx.Client, key: str, connection_id: str) -> str:
    detail = client.get(f"/connections/{connection_id}", params={"provider_config_key": key})
    return str(detail.json()["credentials"]["access_token"])


@pytest.mark.parametrize(
    ("path", "method", "expected"),
    [
        ("/_fake/github/user", "GET", (401, {"message": "Bad credentials"})),
        ("/_fake/github/repos/octo-org/hello-world/issues", "POST", (401, None)),
        ("/_fake/slack/chat.postMessage", "POST", (200, {"ok": False, "error": "invalid_auth"})),
        ("/_fake/openai/v1/models", "GET", (401, None)),
    ],
)
def test_fakes_refuse_tokens_no_connection_holds(
    sandbox: Sandbox, path: str, method: str, expected: tuple[int, dict[str, Any] | None]
) -> None:
    """From the network the fake providers accept only a token the sandbox issued to a
    connection: anyone else gets the provider's refusal and writes nothing."""
    answer = httpx.request(
        method,
        f"{sandbox.base_url}{path}",
        headers={"Authorization": "Bearer made-up-token"},
        json={"title": "spam", "channel": "C0SANDBOX1", "text": "spam"},
    )
    status, body = expected
    assert answer.status_code == status
    if body is not None:
        assert {k: answer.json()[k] for k in body} == body


def test_github_rejects_missing_title_with_422(
    sandbox_client: httpx.Client, github: tuple[str, str]
) -> None:
    """Creating an issue without a title is GitHub's 422 Validation Failed, passed through."""
    response = sandbox_client.post("/proxy/repos/acme/x/issues", headers=_headers(*github), json={})
    assert response.status_code == 422 and response.json()["message"] == "Validation Failed"


def test_github_fake_requires_a_token(sandbox) -> None:  # type: ignore[no-untyped-def]
    """Without credentials the fake GitHub answers 401 like the real one."""
    assert httpx.get(f"{sandbox.base_url}/_fake/github/user").status_code == 401


def test_slack_post_message(sandbox_client: httpx.Client, make_integration) -> None:  # type: ignore[no-untyped-def]
    """chat.postMessage answers ok with a ts; without a channel ok=false channel_not_found."""
    key = make_integration("slack")
    token = sandbox_client.post(
        "/connect/sessions", json={"tags": {}, "allowed_integrations": [key]}
    ).json()["data"]["token"]
    connection_id = sandbox_client.post("/_sandbox/connect/complete", json={"token": token}).json()[
        "connection_id"
    ]
    ok = sandbox_client.post(
        "/proxy/chat.postMessage",
        headers=_headers(key, connection_id),
        json={"channel": "C1", "text": "hi"},
    ).json()
    assert ok["ok"] is True and ok["channel"] == "C1" and ok["message"]["text"] == "hi"
    bad = sandbox_client.post(
        "/proxy/chat.postMessage", headers=_headers(key, connection_id), json={"text": "hi"}
    ).json()
    assert bad == {"ok": False, "error": "channel_not_found"}


def test_openai_models_with_api_key(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """The API-key fake (OpenAI) lists models and answers chat completions."""
    key = make_integration("openai")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "sk-x"})
    models = sandbox_client.get("/proxy/v1/models", headers=_headers(key, connection_id)).json()
    assert models["object"] == "list" and models["data"][0]["id"] == "gpt-4o-mini"
    chat = sandbox_client.post(
        "/proxy/v1/chat/completions",
        headers=_headers(key, connection_id),
        json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "ping"}]},
    ).json()
    assert chat["choices"][0]["message"]["content"] == "(sandbox) You said: ping"


def test_fake_provider_calls_stay_out_of_the_request_log(
    sandbox_client: httpx.Client, github: tuple[str, str]
) -> None:
    """The request log lists the proxy call but not the internal /_fake call it caused."""
    sandbox_client.delete("/_sandbox/requests")
    sandbox_client.get("/proxy/user", headers=_headers(*github))
    paths = [r["path"] for r in sandbox_client.get("/_sandbox/requests").json()["requests"]]
    assert paths == ["/proxy/user"]
