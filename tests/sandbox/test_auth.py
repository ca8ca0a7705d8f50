"""Authentication: secret key on the API, connect-session token where Nango accepts one."""

from __future__ import annotations

import uuid

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "missing_auth_header"),
        ({"Authorization": "Bearer not-a-uuid"}, "invalid_secret_key_format"),
        ({"Authorization": f"Bearer {uuid.uuid4()}"}, "unknown_account"),
    ],
)
def test_bad_secret_key_is_401_with_nango_code(
    sandbox: Sandbox, headers: dict[str, str], code: str
) -> None:
    """Missing, malformed and unknown keys give 401 with Nango's error codes."""
    response = httpx.get(sandbox.base_url + "/integrations", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == code
    assert sandbox.secret_key not in response.text


def test_connect_session_token_reads_its_session(
    sandbox_client: httpx.Client, sandbox: Sandbox
) -> None:
    """GET /connect/session with the session token returns its details; DELETE revokes it (204)."""
    token = sandbox_client.post("/connect/sessions", json={"end_user": {"id": "auth-user"}}).json()[
        "data"
    ]["token"]
    as_session = {"Authorization": f"Bearer {token}"}
    got = httpx.get(sandbox.base_url + "/connect/session", headers=as_session)
    assert got.status_code == 200
    assert got.json()["data"]["endUser"]["id"] == "auth-user"
    assert (
        httpx.delete(sandbox.base_url + "/connect/session", headers=as_session).status_code == 204
    )
    again = httpx.get(sandbox.base_url + "/connect/session", headers=as_session)
    assert again.status_code == 401


def test_secret_key_is_refused_on_connect_session(sandbox_client: httpx.Client) -> None:
    """The secret key does not authenticate GET /connect/session."""
    response = sandbox_client.get("/connect/session")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_connect_session_token_format"


def test_session_token_lists_only_allowed_integrations(
    sandbox_client: httpx.Client, sandbox: Sandbox, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """GET /integrations with a session token is limited to the session's allowed integrations."""
    allowed, other = make_integration("openai"), make_integration("sendgrid")
    token = sandbox_client.post(
        "/connect/sessions", json={"tags": {}, "allowed_integrations": [allowed]}
    ).json()["data"]["token"]
    response = httpx.get(
        sandbox.base_url + "/integrations", headers={"Authorization": f"Bearer {token}"}
    )
    keys = {i["unique_key"] for i in response.json()["data"]}
    assert allowed in keys and other not in keys


def test_session_token_cannot_create_integrations(
    sandbox_client: httpx.Client, sandbox: Sandbox
) -> None:
    """A connect-session token is not a secret key for write calls."""
    token = sandbox_client.post("/connect/sessions", json={"tags": {}}).json()["data"]["token"]
    response = httpx.post(
        sandbox.base_url + "/integrations",
        headers={"Authorization": f"Bearer {token}"},
        json={"unique_key": "x", "provider": "openai"},
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_secret_key_format"


def test_auth_errors_carry_nango_messages_and_empty_payload(sandbox: Sandbox) -> None:
    """Auth failures use the with-payload family: code, Nango's message and payload {}."""
    malformed = httpx.get(
        sandbox.base_url + "/integrations", headers={"Authorization": "Basic abc"}
    )
    assert malformed.status_code == 401
    assert malformed.json() == {
        "error": {
            "code": "malformed_auth_header",
            "message": "Authentication failed. The Authorization header is malformed.",
            "payload": {},
        }
    }
    unknown = httpx.get(
        sandbox.base_url + "/integrations", headers={"Authorization": f"Bearer {uuid.uuid4()}"}
    )
    assert (
        unknown.json()["error"]["message"]
        == "Authentication failed. The provided authorization header does not match any account."
    )
