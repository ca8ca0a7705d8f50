"""GET /scripts/config in both formats."""

from __future__ import annotations

from typing import Any

import httpx
from fn_helpers import make_connection
from nango_toolbox.sandbox import Sandbox


def entry_for(config: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(e for e in config if e["providerConfigKey"] == key)


def test_nothing_deployed_is_an_empty_list() -> None:
    """With no integration of a provider that has functions, the config is []."""
    with Sandbox() as sb:
        response = httpx.get(
            f"{sb.base_url}/scripts/config", headers={"Authorization": f"Bearer {sb.secret_key}"}
        )
        assert response.status_code == 200 and response.json() == []


def test_nango_format_lists_actions_and_syncs_per_integration(client: httpx.Client) -> None:
    """Each integration lists its actions and syncs with models and JSON schemas."""
    conn = make_connection(client, "sendgrid")
    entry = entry_for(client.get("/scripts/config").json(), conn.provider_config_key)
    assert entry["provider"] == "sendgrid" and entry["on-events"] == []
    actions = {a["name"]: a for a in entry["actions"]}
    assert {"echo", "refuse", "crash", "charge", "flaky", "raw-list"} <= set(actions)
    assert "only-here" not in actions
    echo = actions["echo"]
    assert echo["type"] == "action" and echo["enabled"] is True
    assert echo["input"] == {
        "name": "EchoInput",
        "fields": [
            {"name": "text", "value": "string", "optional": False},
            {"name": "count", "value": "number", "optional": True},
        ],
    }
    assert echo["returns"] == ["EchoOutput"]
    assert echo["endpoints"] == [{"method": "POST", "path": "/echo"}]
    assert echo["json_schema"]["definitions"]["EchoInput"]["required"] == ["text"]
    syncs = {s["name"]: s for s in entry["syncs"]}
    assert (
        syncs["customers"]["returns"] == ["Customer"] and syncs["customers"]["runs"] == "every hour"
    )
    assert (
        syncs["full-items"]["sync_type"] == "full" and syncs["full-items"]["track_deletes"] is True
    )
    assert syncs["auto"]["auto_start"] is True


def test_builtin_functions_appear_for_their_provider(client: httpx.Client) -> None:
    """A github integration shows the built-in create-issue, list-repos and issues, marked pre_built."""
    conn = make_connection(client, "github")
    entry = entry_for(
        client.get("/scripts/config", params={"format": "nango"}).json(), conn.provider_config_key
    )
    assert [a["name"] for a in entry["actions"]] == ["create-issue", "list-repos"]
    assert [s["name"] for s in entry["syncs"]] == ["issues"]
    assert all(a["pre_built"] for a in entry["actions"])


def test_openai_format(client: httpx.Client) -> None:
    """format=openai answers {data: [...]} function definitions with parameter descriptions."""
    make_connection(client, "sendgrid")
    functions = client.get("/scripts/config", params={"format": "openai"}).json()["data"]
    echo = next(f for f in functions if f["name"] == "echo")
    assert echo["parameters"] == {
        "type": "object",
        "properties": {
            "text": {"type": "string", "description": "what to echo"},
            "count": {"type": "integer", "description": "how many times"},
        },
        "required": ["text"],
    }
    customers = next(f for f in functions if f["name"] == "customers")
    assert customers["parameters"] == {"type": "object", "properties": {}, "required": []}


def test_bad_format_and_unknown_query(client: httpx.Client) -> None:
    """An unknown format or query parameter is 400 invalid_query_params."""
    for params in ({"format": "yaml"}, {"other": "1"}):
        response = client.get("/scripts/config", params=params)
        assert (
            response.status_code == 400
            and response.json()["error"]["code"] == "invalid_query_params"
        )


def test_integration_functions_lists_one_page(client: httpx.Client) -> None:
    """GET /integrations/{key}/functions lists syncs and actions by name with pagination."""
    conn = make_connection(client, "github")
    response = client.get(f"/integrations/{conn.provider_config_key}/functions")
    assert response.status_code == 200
    body = response.json()
    assert body["pagination"] == {"total": 3, "page": 0, "limit": 20}
    assert [(f["name"], f["type"]) for f in body["data"]] == [
        ("create-issue", "action"),
        ("issues", "sync"),
        ("list-repos", "action"),
    ]
    assert (
        body["data"][0]["input"] == "CreateIssueInput" and body["data"][1]["runs"] == "every hour"
    )
    filtered = client.get(
        f"/integrations/{conn.provider_config_key}/functions",
        params={"type": "action", "search": "REPO", "limit": 1},
    ).json()
    assert [f["name"] for f in filtered["data"]] == ["list-repos"]
    assert filtered["pagination"] == {"total": 1, "page": 0, "limit": 1}


def test_integration_functions_errors(client: httpx.Client) -> None:
    """An unknown integration is 404 not_found; an unknown type or query key 400 invalid_query_params."""
    response = client.get("/integrations/does-not-exist/functions")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    conn = make_connection(client, "github")
    for params in ({"type": "job"}, {"env": "dev"}, {"limit": "0"}):
        response = client.get(f"/integrations/{conn.provider_config_key}/functions", params=params)
        assert (
            response.status_code == 400
            and response.json()["error"]["code"] == "invalid_query_params"
        )
