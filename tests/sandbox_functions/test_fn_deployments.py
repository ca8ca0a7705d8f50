"""The function API over raw HTTP: template deployments end to end, and the TypeScript limit."""

from __future__ import annotations

import uuid

import httpx
from fn_helpers import make_connection
from nango_toolbox.sandbox.api_deployments import NO_TYPESCRIPT

TS = "export default createAction({ exec: async () => ({}) });"


def test_template_deployment_end_to_end(client: httpx.Client) -> None:
    """Deploying the slack list-channels template answers 202 with a finished deployment; the
    action then runs through /action/trigger, shows in /scripts/config, and can be deleted and
    deployed again."""
    conn = make_connection(client, "slack")
    body = {
        "type": "template",
        "integration_id": conn.provider_config_key,
        "template": "list-channels",
    }
    created = client.post("/functions/deployments", json=body)
    assert created.status_code == 202
    handle = created.json()
    assert set(handle) == {"id", "status", "created_at"} and handle["status"] == "success"
    record = client.get(f"/functions/deployments/{handle['id']}").json()
    assert {k: record[k] for k in ("id", "status", "integration_id", "function_name")} == {
        "id": handle["id"],
        "status": "success",
        "integration_id": conn.provider_config_key,
        "function_name": "list-channels",
    }
    assert record["function_type"] == "action" and record["deployed"] is True
    assert record["deployed_functions"] == [{"name": "list-channels", "version": "1.0.0"}]
    assert record["output"] == "Successfully deployed the functions:\n- list-channels@1.0.0"
    ran = client.post(
        "/action/trigger", headers=conn.headers, json={"action_name": "list-channels"}
    )
    assert ran.status_code == 200, ran.text
    assert [c["name"] for c in ran.json()["channels"]][:1] == ["general"]
    config = {e["providerConfigKey"]: e for e in client.get("/scripts/config").json()}
    assert [a["name"] for a in config[conn.provider_config_key]["actions"]] == [
        "list-channels",
        "send-message",
    ]
    again = client.post("/functions/deployments", json=body)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "template_already_deployed"
    path = f"/integrations/{conn.provider_config_key}/functions/list-channels"
    assert client.delete(path, params={"type": "action"}).status_code == 200
    assert client.post("/functions/deployments", json=body).status_code == 202


def test_deployment_requests_are_checked(client: httpx.Client) -> None:
    """A bad type or missing template is 400 invalid_body, an unknown integration 404
    integration_not_found, an unknown template 404 template_not_found, a non-UUID id 400."""
    conn = make_connection(client, "github")
    key = conn.provider_config_key
    cases = [
        ({"type": "zip", "integration_id": key}, 400, "invalid_body"),
        ({"type": "template", "integration_id": key}, 400, "invalid_body"),
        (
            {"type": "template", "integration_id": "nope", "template": "get-user"},
            404,
            "integration_not_found",
        ),
        (
            {"type": "template", "integration_id": key, "template": "nope"},
            404,
            "template_not_found",
        ),
        (
            {
                "type": "template",
                "integration_id": key,
                "template": "get-user",
                "function_type": "sync",
            },
            404,
            "template_not_found",
        ),
    ]
    for body, status, code in cases:
        answer = client.post("/functions/deployments", json=body)
        assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), body
    for path in ("/functions/deployments/not-a-uuid", "/functions/dryruns/not-a-uuid"):
        answer = client.get(path)
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_uri_params"
    unknown = client.get(f"/functions/deployments/{uuid.uuid4()}")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "deployment_not_found"


def test_typescript_source_answers_the_documented_limit(client: httpx.Client) -> None:
    """A valid compile, dry run or source deployment answers 503 execution_environment_unavailable
    with the sandbox's explanation; invalid ones are still checked first."""
    conn = make_connection(client, "github")
    key = conn.provider_config_key
    requests = [
        ("/functions/compile", {"code": TS}),
        (
            "/functions/dryruns",
            {
                "integration_id": key,
                "function_type": "action",
                "code": TS,
                "connection_id": conn.connection_id,
            },
        ),
        (
            "/functions/deployments",
            {
                "type": "function",
                "integration_id": key,
                "function_name": "mine",
                "function_type": "action",
                "code": TS,
            },
        ),
    ]
    for path, body in requests:
        answer = client.post(path, json=body)
        assert answer.status_code == 503, path
        assert answer.json() == {
            "error": {"code": "execution_environment_unavailable", "message": NO_TYPESCRIPT}
        }
    assert client.post("/functions/compile", json={"code": ""}).status_code == 400
    missing = client.post(
        "/functions/dryruns",
        json={"integration_id": key, "function_type": "action", "code": TS, "connection_id": "x"},
    )
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "connection_not_found"
