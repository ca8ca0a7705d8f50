"""One function of an integration (get, code, delete) and a provider's templates."""

from __future__ import annotations

import httpx
from fn_helpers import make_connection


def test_get_function_is_the_list_entry(client: httpx.Client) -> None:
    """GET /integrations/{key}/functions/{name} answers {"data": <the list endpoint's entry>}."""
    key = make_connection(client, "github").provider_config_key
    listed = client.get(f"/integrations/{key}/functions").json()["data"]
    response = client.get(f"/integrations/{key}/functions/create-issue")
    assert response.status_code == 200
    assert response.json() == {"data": next(f for f in listed if f["name"] == "create-issue")}
    sync = client.get(f"/integrations/{key}/functions/issues", params={"type": "sync"}).json()
    assert sync["data"]["type"] == "sync" and sync["data"]["runs"] == "every hour"


def test_get_function_errors(client: httpx.Client) -> None:
    """Unknown integration or function is 404 not_found; a bad type or extra key is 400."""
    key = make_connection(client, "github").provider_config_key
    for path, params in (
        ("/integrations/does-not-exist/functions/create-issue", {}),
        (f"/integrations/{key}/functions/nope", {}),
        (f"/integrations/{key}/functions/create-issue", {"type": "sync"}),
    ):
        response = client.get(path, params=params)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    for params in ({"type": "job"}, {"env": "dev"}):
        response = client.get(f"/integrations/{key}/functions/create-issue", params=params)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_query_params"


def test_function_code_is_the_source(client: httpx.Client) -> None:
    """GET .../functions/{name}/code answers {type, code} with the function's source."""
    key = make_connection(client).provider_config_key
    response = client.get(f"/integrations/{key}/functions/charge/code")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "action" and 'nango.post("/v1/charges"' in body["code"]


def test_function_code_of_a_shared_name_needs_a_type(client: httpx.Client) -> None:
    """A sync and an action with one name: 409 ambiguous_function listing both, unless typed."""
    key = make_connection(client, unique_key="twin-names").provider_config_key
    response = client.get(f"/integrations/{key}/functions/customers/code")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "ambiguous_function"
    assert error["payload"]["matches"] == [
        {"type": "sync", "name": "customers"},
        {"type": "action", "name": "customers"},
    ]
    typed = client.get(f"/integrations/{key}/functions/customers/code", params={"type": "action"})
    assert typed.status_code == 200 and "shares" in typed.json()["code"]
    missing = client.get(f"/integrations/{key}/functions/nope/code")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_delete_function_removes_it_from_that_integration_only(client: httpx.Client) -> None:
    """DELETE .../functions/{name}?type=action undeploys it there; other integrations keep it."""
    key = make_connection(client).provider_config_key
    other = make_connection(client).provider_config_key
    path = f"/integrations/{key}/functions/charge"
    response = client.delete(path, params={"type": "action"})
    assert response.status_code == 200 and response.json() == {"data": {"success": True}}
    assert client.get(path).status_code == 404
    names = [f["name"] for f in client.get(f"/integrations/{key}/functions").json()["data"]]
    assert "charge" not in names
    assert client.get(f"/integrations/{other}/functions/charge").status_code == 200
    again = client.delete(path, params={"type": "action"})
    assert again.status_code == 404 and again.json()["error"]["code"] == "not_found"


def test_delete_function_needs_a_runnable_type(client: httpx.Client) -> None:
    """DELETE without type, or with on-event, is 400 invalid_query_params; nothing is removed."""
    key = make_connection(client).provider_config_key
    path = f"/integrations/{key}/functions/echo"
    for params in ({}, {"type": "on-event"}):
        response = client.delete(path, params=params)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_query_params"
    assert client.get(path).status_code == 200


def test_provider_templates(client: httpx.Client) -> None:
    """GET /providers/{provider}/templates lists the sandbox's catalogue (functions without
    deployment details; [] for a provider without templates); an unknown provider is 404."""
    response = client.get("/providers/github/templates")
    assert response.status_code == 200
    templates = {t["name"]: t for t in response.json()["data"]}
    assert sorted(templates) == ["get-issue", "get-user"]
    assert templates["get-issue"] == {
        "name": "get-issue",
        "type": "action",
        "description": "One issue of a repository.\n- repo: the repository as owner/name\n"
        "- number: the issue number",
        "scopes": ["repo"],
        "returns": ["GithubIssueSummary"],
        "json_schema": templates["get-issue"]["json_schema"],
        "input": "GetIssueInput",
    }
    assert client.get("/providers/sendgrid/templates").json() == {"data": []}
    unknown = client.get("/providers/no-such-provider/templates")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
