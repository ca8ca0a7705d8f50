"""Environments, API keys and the webhook signing key over raw HTTP."""

from __future__ import annotations

import uuid

import httpx
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.environments import CURRENT_UUID


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_lists_the_sandbox_prod_environment(sandbox_client: httpx.Client) -> None:
    """GET /environments lists the sandbox's own `prod` environment with its stable uuid."""
    answer = sandbox_client.get("/environments", params={"name": "prod"})
    assert answer.status_code == 200
    assert answer.json() == {
        "data": [{"id": 1, "uuid": CURRENT_UUID, "name": "prod", "is_production": True}]
    }


def test_creates_lists_and_deletes_an_environment(sandbox_client: httpx.Client) -> None:
    """POST /environments answers {id, uuid, name}; the environment is listed, then deleted (204)."""
    name = _unique("staging")
    created = sandbox_client.post("/environments", json={"name": name})
    assert created.status_code == 200
    data = created.json()["data"]
    assert set(data) == {"id", "uuid", "name"} and data["name"] == name
    listed = sandbox_client.get("/environments", params={"name": name}).json()["data"]
    assert listed == [{**data, "is_production": False}]
    assert sandbox_client.delete(f"/environments/{data['uuid']}").status_code == 204
    assert sandbox_client.get("/environments", params={"name": name}).json() == {"data": []}
    gone = sandbox_client.delete(f"/environments/{data['uuid']}")
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"


def test_duplicate_environment_name_is_a_conflict(sandbox_client: httpx.Client) -> None:
    """Creating an environment whose name exists answers 409 conflict as Nango does."""
    answer = sandbox_client.post("/environments", json={"name": "prod"})
    assert answer.status_code == 409
    assert answer.json()["error"] == {"code": "conflict", "message": "Environment already exists"}


def test_environment_name_is_validated(sandbox_client: httpx.Client) -> None:
    """A name with upper case or spaces, or an unknown field, is a 400 invalid_body."""
    for body in ({"name": "My Env"}, {"name": ""}, {"name": "ok", "colour": "red"}):
        answer = sandbox_client.post("/environments", json=body)
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "invalid_body"


def test_prod_environment_cannot_be_deleted(sandbox_client: httpx.Client) -> None:
    """DELETE of the prod environment answers 400 cannot_delete_prod_environment."""
    answer = sandbox_client.delete(f"/environments/{CURRENT_UUID}")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "cannot_delete_prod_environment"


def test_non_uuid_environment_is_invalid_uri_params(sandbox_client: httpx.Client) -> None:
    """A path environmentUuid that is not a UUID is a 400 invalid_uri_params."""
    answer = sandbox_client.get("/environments/not-a-uuid/api-keys")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_uri_params"


def test_rotating_the_signing_key_returns_a_new_one(sandbox_client: httpx.Client) -> None:
    """Each rotation answers a fresh webhook signing key."""
    first = sandbox_client.post("/environment/webhook-signing-key/rotate")
    second = sandbox_client.post("/environment/webhook-signing-key/rotate")
    assert first.status_code == second.status_code == 200
    keys = {
        first.json()["data"]["webhook_signing_key"],
        second.json()["data"]["webhook_signing_key"],
    }
    assert len(keys) == 2


def test_api_key_lifecycle_and_secret_visibility(
    sandbox: Sandbox, sandbox_client: httpx.Client
) -> None:
    """A created key's secret is shown on create and get, never in the list; it authenticates
    until deleted, then is refused with 401 unknown_account."""
    path = f"/environments/{CURRENT_UUID}/api-keys"
    name = _unique("ci")
    created = sandbox_client.post(path, json={"display_name": name})
    assert created.status_code == 200
    key = created.json()["data"]
    assert key["scopes"] == ["environment:*"] and key["display_name"] == name
    secret = key["secret"]
    listed = sandbox_client.get(path, params={"display_name": name}).json()["data"]
    assert len(listed) == 1 and "secret" not in listed[0]
    headers = {"Authorization": f"Bearer {secret}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as other:
        assert other.get("/integrations").status_code == 200
        detail = sandbox_client.get(f"{path}/{key['uuid']}").json()["data"]
        assert detail["secret"] == secret and detail["last_used_at"] is not None
        deleted = sandbox_client.delete(f"{path}/{key['uuid']}")
        assert deleted.status_code == 200 and deleted.json() == {"success": True}
        refused = other.get("/integrations")
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "unknown_account"
    assert sandbox_client.get(f"{path}/{key['uuid']}").status_code == 404


def test_duplicate_api_key_name_is_a_conflict(sandbox_client: httpx.Client) -> None:
    """A second key with the same display name answers 409 conflict."""
    path = f"/environments/{CURRENT_UUID}/api-keys"
    name = _unique("dup")
    assert sandbox_client.post(path, json={"display_name": name}).status_code == 200
    again = sandbox_client.post(path, json={"display_name": name})
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "A key with this name already exists"


def test_api_key_of_another_environment_does_not_authenticate(
    sandbox: Sandbox, sandbox_client: httpx.Client
) -> None:
    """A key made for another environment is not accepted for the sandbox's own data."""
    env = sandbox_client.post("/environments", json={"name": _unique("other")}).json()["data"]
    made = sandbox_client.post(
        f"/environments/{env['uuid']}/api-keys", json={"display_name": "k"}
    ).json()["data"]
    headers = {"Authorization": f"Bearer {made['secret']}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as other:
        assert other.get("/integrations").status_code == 401
    unknown = sandbox_client.get(f"/environments/{uuid.uuid4()}/api-keys")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == "Environment not found"
