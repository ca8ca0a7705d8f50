"""Environments, API keys and the webhook signing key over raw HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.environments import CURRENT_ID


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def api_key_client(sandbox: Sandbox, sandbox_client: httpx.Client) -> Iterator[httpx.Client]:
    """A client authenticated with a key created through POST /environment/api-keys."""
    made = sandbox_client.post(
        "/environment/api-keys", json={"environment_id": CURRENT_ID, "display_name": _unique("k")}
    )
    assert made.status_code == 200, made.text
    headers = {"Authorization": f"Bearer {made.json()['data']['secret']}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as client:
        yield client


def test_creates_and_deletes_an_environment_by_numeric_id(sandbox_client: httpx.Client) -> None:
    """POST /environments answers {id, name} with an integer id; DELETE by that id is a 204, then
    a 404 not_found."""
    name = _unique("staging")
    created = sandbox_client.post("/environments", json={"name": name})
    assert created.status_code == 200
    data = created.json()["data"]
    assert set(data) == {"id", "name"} and data["name"] == name
    assert isinstance(data["id"], int) and data["id"] > CURRENT_ID
    assert sandbox_client.delete(f"/environments/{data['id']}").status_code == 204
    gone = sandbox_client.delete(f"/environments/{data['id']}")
    assert gone.status_code == 404
    assert gone.json()["error"] == {"code": "not_found", "message": "Environment not found"}


def test_the_dashboard_only_routes_are_not_served(sandbox_client: httpx.Client) -> None:
    """GET /environments and /environments/{uuid}/api-keys exist only on Nango's dashboard API."""
    assert sandbox_client.get("/environments").status_code == 405
    assert sandbox_client.get(f"/environments/{uuid.uuid4()}/api-keys").status_code == 404


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


def test_a_callback_url_that_is_not_a_url_is_400(sandbox_client: httpx.Client) -> None:
    """A callback_url without a scheme, or one urlsplit cannot parse (http://[::1), is 400
    invalid_body, not a 500."""
    for url in ("no-scheme", "http://[::1"):
        answer = sandbox_client.post("/environments", json={"name": "cb", "callback_url": url})
        assert answer.status_code == 400
        assert answer.json()["error"]["errors"][0]["path"] == ["callback_url"]


def test_environment_takes_the_otlp_and_hmac_fields(sandbox_client: httpx.Client) -> None:
    """hmac_key, otlp_endpoint and otlp_headers are accepted on POST /environments."""
    body = {
        "name": _unique("otel"),
        "hmac_key": "legacy-hmac",
        "otlp_endpoint": "https://otel.example.com/v1",
        "otlp_headers": [{"name": "x-team", "value": "a"}],
    }
    answer = sandbox_client.post("/environments", json=body)
    assert answer.status_code == 200, answer.text


def test_prod_environment_cannot_be_deleted(sandbox_client: httpx.Client) -> None:
    """DELETE of the prod environment answers 400 cannot_delete_prod_environment."""
    answer = sandbox_client.delete(f"/environments/{CURRENT_ID}")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "cannot_delete_prod_environment"


def test_non_numeric_environment_id_is_invalid_uri_params(sandbox_client: httpx.Client) -> None:
    """A UUID, 0 or a Unicode digit int() refuses (superscript 2) as environmentId is a 400
    invalid_uri_params, as on Nango."""
    for bad in (str(uuid.uuid4()), "0", "%C2%B2"):
        answer = sandbox_client.delete(f"/environments/{bad}")
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


def test_api_key_lifecycle(sandbox: Sandbox, sandbox_client: httpx.Client) -> None:
    """A created key answers {id, display_name, scopes, secret, created_at}; it authenticates
    until deleted by its numeric id, then is refused with 401 unknown_account."""
    name = _unique("ci")
    created = sandbox_client.post(
        "/environment/api-keys", json={"environment_id": CURRENT_ID, "display_name": name}
    )
    assert created.status_code == 200
    key = created.json()["data"]
    assert set(key) == {"id", "display_name", "scopes", "secret", "created_at"}
    assert key["scopes"] == ["environment:*"] and key["display_name"] == name
    headers = {"Authorization": f"Bearer {key['secret']}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as other:
        assert other.get("/integrations").status_code == 200
        deleted = sandbox_client.request(
            "DELETE",
            "/environment/api-keys",
            json={"environment_id": CURRENT_ID, "key_id": key["id"]},
        )
        assert deleted.status_code == 200 and deleted.json() == {"success": True}
        refused = other.get("/integrations")
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "unknown_account"
    again = sandbox_client.request(
        "DELETE", "/environment/api-keys", json={"environment_id": CURRENT_ID, "key_id": key["id"]}
    )
    assert again.status_code == 404
    assert again.json()["error"] == {"code": "not_found", "message": "API key not found"}


def test_api_key_bodies_are_validated(sandbox_client: httpx.Client) -> None:
    """Ids must be positive integers (digit strings are coerced, as zod does); an unknown
    environment is a 404; a duplicate display name a 409."""
    bad = sandbox_client.post(
        "/environment/api-keys", json={"environment_id": "prod", "display_name": "x"}
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["errors"][0]["path"] == ["environment_id"]
    missing = sandbox_client.request("DELETE", "/environment/api-keys", json={"environment_id": 1})
    assert missing.status_code == 400
    assert [e["path"] for e in missing.json()["error"]["errors"]] == [["key_id"]]
    unknown = sandbox_client.post(
        "/environment/api-keys", json={"environment_id": 999999, "display_name": "x"}
    )
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == "Environment not found"
    name = _unique("dup")
    body = {"environment_id": str(CURRENT_ID), "display_name": name}
    assert sandbox_client.post("/environment/api-keys", json=body).status_code == 200
    again = sandbox_client.post("/environment/api-keys", json=body)
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "A key with this name already exists"


def test_api_key_of_another_environment_does_not_authenticate(
    sandbox: Sandbox, sandbox_client: httpx.Client
) -> None:
    """A key made for another environment is not accepted for the sandbox's own data."""
    env = sandbox_client.post("/environments", json={"name": _unique("other")}).json()["data"]
    made = sandbox_client.post(
        "/environment/api-keys", json={"environment_id": env["id"], "display_name": "k"}
    ).json()["data"]
    headers = {"Authorization": f"Bearer {made['secret']}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as other:
        assert other.get("/integrations").status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "body", "scope"),
    [
        ("POST", "/environments", {"name": "nope"}, "account:environments:create"),
        ("DELETE", "/environments/2", None, "account:environments:delete"),
        (
            "POST",
            "/environment/api-keys",
            {"environment_id": 1, "display_name": "x"},
            "account:environments:api_keys:create",
        ),
        (
            "DELETE",
            "/environment/api-keys",
            {"environment_id": 1, "key_id": 1},
            "account:environments:api_keys:delete",
        ),
    ],
)
def test_an_environment_key_cannot_make_account_calls(
    api_key_client: httpx.Client, method: str, path: str, body: object, scope: str
) -> None:
    """A key created through the API (scope environment:*) gets Nango's 403 forbidden naming the
    account scope the call needs."""
    answer = api_key_client.request(method, path, json=body)
    assert answer.status_code == 403
    assert answer.json() == {
        "error": {"code": "forbidden", "message": f"Insufficient scope. Required: {scope}"}
    }
