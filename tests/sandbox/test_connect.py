"""Connect sessions, the connect page and the headless completion endpoint."""

from __future__ import annotations

import re

import httpx
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import unique


def _session(client: httpx.Client, **body: object) -> dict[str, str]:
    if "end_user" not in body and "tags" not in body:
        body["tags"] = {}  # Nango wants one of the two
    response = client.post("/connect/sessions", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, str] = response.json()["data"]
    return data


def _connection(client: httpx.Client, key: str, connection_id: str, **params: str) -> dict:  # type: ignore[type-arg]
    response = client.get(
        f"/connections/{connection_id}", params={"provider_config_key": key, **params}
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_create_session_returns_token_link_and_expiry(
    sandbox_client: httpx.Client, sandbox: Sandbox
) -> None:
    """POST /connect/sessions answers 201 with a token, a connect link on the sandbox and expires_at."""
    data = _session(sandbox_client, tags={"end_user_id": "u1"})
    assert re.fullmatch(r"nango_connect_session_[0-9a-f]{64}", data["token"])
    assert data["connect_link"] == f"{sandbox.base_url}/connect?session_token={data['token']}"
    assert data["expires_at"].endswith("Z")


def test_unknown_allowed_integration_is_400(sandbox_client: httpx.Client) -> None:
    """allowed_integrations naming an unknown integration is refused with 400."""
    response = sandbox_client.post(
        "/connect/sessions", json={"tags": {}, "allowed_integrations": [unique("nope")]}
    )
    assert response.status_code == 400
    assert response.json()["error"]["errors"][0]["path"] == ["allowed_integrations", 0]


def test_headless_completion_creates_tagged_oauth_connection(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """/_sandbox/connect/complete creates an OAuth2 connection with the integration's scopes and the session's tags."""
    key = make_integration("github")
    token = _session(
        sandbox_client,
        end_user={"id": "eu-1", "email": "a@example.com"},
        tags={"team": "core"},
        allowed_integrations=[key],
    )["token"]
    response = sandbox_client.post("/_sandbox/connect/complete", json={"token": token})
    assert response.status_code == 201
    summary = response.json()
    assert summary["provider_config_key"] == key
    assert summary["tags"] == {
        "team": "core",
        "end_user_id": "eu-1",
        "end_user_email": "a@example.com",
    }
    detail = _connection(sandbox_client, key, summary["connection_id"])
    assert detail["credentials"]["type"] == "OAUTH2"
    assert detail["credentials"]["raw"]["scope"] == "repo,user"
    assert detail["connection_config"]["oauth_scopes"] == "repo,user"
    assert "refresh_token" not in detail["credentials"]


def test_headless_completion_with_api_key(sandbox_client: httpx.Client, make_integration) -> None:  # type: ignore[no-untyped-def]
    """An API_KEY integration stores the given apiKey."""
    key = make_integration("openai")
    token = _session(sandbox_client, allowed_integrations=[key])["token"]
    summary = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": token, "credentials": {"apiKey": "sk-test"}}
    ).json()
    assert _connection(sandbox_client, key, summary["connection_id"])["credentials"] == {
        "type": "API_KEY",
        "apiKey": "sk-test",
    }


def test_used_session_cannot_complete_twice(sandbox_client: httpx.Client, make_integration) -> None:  # type: ignore[no-untyped-def]
    """A session completes once; the second attempt is 400 connect_session_used."""
    key = make_integration("openai")
    token = _session(sandbox_client, allowed_integrations=[key])["token"]
    assert (
        sandbox_client.post("/_sandbox/connect/complete", json={"token": token}).status_code == 201
    )
    again = sandbox_client.post("/_sandbox/connect/complete", json={"token": token})
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "connect_session_used"


def test_completion_needs_integration_choice_when_several_allowed(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """With several allowed integrations the headless call must name integration_id."""
    first, second = make_integration("openai"), make_integration("sendgrid")
    token = _session(sandbox_client, allowed_integrations=[first, second])["token"]
    refused = sandbox_client.post("/_sandbox/connect/complete", json={"token": token})
    assert refused.status_code == 400
    assert "integration_id" in refused.json()["error"]["message"]
    done = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": token, "integration_id": second}
    )
    assert done.json()["provider_config_key"] == second


def test_connect_page_api_key_form_creates_connection(
    sandbox_client: httpx.Client, sandbox: Sandbox, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """The connect link shows an API key form whose submission creates the connection."""
    key = make_integration("openai")
    data = _session(sandbox_client, allowed_integrations=[key], end_user={"id": "page-user"})
    page = httpx.get(data["connect_link"])
    assert page.status_code == 200 and "name='apiKey'" in page.text
    result = httpx.post(
        f"{sandbox.base_url}/connect/{data['token']}/submit",
        data={"integration_id": key, "apiKey": "sk-page"},
    )
    assert result.status_code == 200 and "data-state='connected'" in result.text
    connection_id = re.search(r"id='connection-id'>([^<]+)<", result.text).group(1)  # type: ignore[union-attr]
    detail = _connection(sandbox_client, key, connection_id)
    assert detail["credentials"]["apiKey"] == "sk-page"
    assert detail["tags"]["end_user_id"] == "page-user"
    used = httpx.get(data["connect_link"])
    assert used.status_code == 410 and "already used" in used.text


def test_connect_page_basic_form_with_connection_config(
    sandbox_client: httpx.Client, sandbox: Sandbox, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """A BASIC provider shows username/password plus its connection_config fields, and stores both."""
    key = make_integration("freshdesk")
    data = _session(sandbox_client, allowed_integrations=[key])
    page = httpx.get(data["connect_link"]).text
    assert "name='password'" in page and "name='connection_config.subdomain'" in page
    submit = f"{sandbox.base_url}/connect/{data['token']}/submit"
    missing = httpx.post(submit, data={"integration_id": key, "username": "ann", "password": "pw"})
    assert missing.status_code == 400 and "Subdomain is required" in missing.text
    result = httpx.post(
        submit,
        data={
            "integration_id": key,
            "username": "ann",
            "password": "pw",
            "connection_config.subdomain": "acme",
        },
    )
    connection_id = re.search(r"id='connection-id'>([^<]+)<", result.text).group(1)  # type: ignore[union-attr]
    detail = _connection(sandbox_client, key, connection_id)
    assert detail["credentials"] == {"type": "BASIC", "username": "ann", "password": "pw"}
    assert detail["connection_config"] == {"subdomain": "acme"}


def test_headless_completion_checks_config_and_credentials(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """Missing connection_config is 400 naming the field; refused credentials 400 connection_test_failed;
    neither uses up the session."""
    freshdesk = make_integration("freshdesk")
    token = _session(sandbox_client, allowed_integrations=[freshdesk])["token"]
    missing = sandbox_client.post("/_sandbox/connect/complete", json={"token": token})
    assert missing.status_code == 400
    assert missing.json()["error"]["errors"][0]["path"] == ["connection_config", "subdomain"]
    done = sandbox_client.post(
        "/_sandbox/connect/complete",
        json={"token": token, "connection_config": {"subdomain": "acme"}},
    )
    assert done.status_code == 201
    openai = make_integration("openai")
    token = _session(sandbox_client, allowed_integrations=[openai])["token"]
    refused = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": token, "credentials": {"apiKey": "sk-invalid"}}
    )
    assert (
        refused.status_code == 400 and refused.json()["error"]["code"] == "connection_test_failed"
    )
    assert (
        sandbox_client.post(
            "/_sandbox/connect/complete", json={"token": token, "credentials": {"apiKey": "sk-ok"}}
        ).status_code
        == 201
    )


def test_connect_page_oauth_consent_authorize_and_deny(
    sandbox_client: httpx.Client, sandbox: Sandbox, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """OAuth shows the scopes and Authorize/Deny; Deny makes nothing, Authorize issues tokens."""
    key = make_integration("github")
    data = _session(sandbox_client, allowed_integrations=[key])
    page = httpx.get(data["connect_link"]).text
    assert "id='authorize'" in page and "<li>repo</li>" in page and "<li>user</li>" in page
    denied = httpx.post(
        f"{sandbox.base_url}/connect/{data['token']}/submit",
        data={"integration_id": key, "decision": "deny"},
    )
    assert denied.status_code == 403
    assert (
        sandbox_client.get("/connections", params={"integrationId": key}).json()["connections"]
        == []
    )
    result = httpx.post(
        f"{sandbox.base_url}/connect/{data['token']}/submit",
        data={"integration_id": key, "decision": "authorize"},
    )
    connection_id = re.search(r"id='connection-id'>([^<]+)<", result.text).group(1)  # type: ignore[union-attr]
    creds = _connection(sandbox_client, key, connection_id, refresh_token="true")["credentials"]
    assert creds["access_token"] and creds["refresh_token"] and creds["expires_at"]


def test_connect_page_chooser_lists_allowed_integrations(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """With several allowed integrations the page first lists them."""
    first, second = make_integration("openai"), make_integration("sendgrid")
    page = httpx.get(
        _session(sandbox_client, allowed_integrations=[first, second])["connect_link"]
    ).text
    assert f"integration={first}" in page and f"integration={second}" in page


def test_expired_and_unknown_links_give_clear_pages(
    sandbox_client: httpx.Client, sandbox: Sandbox
) -> None:
    """An expired link answers 410 'expired'; an unknown one 404 'not valid'."""
    data = _session(sandbox_client)
    assert sandbox.app is not None
    sandbox.app.ctx.store.execute(
        "UPDATE connect_sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE token = ?",
        (data["token"],),
    )
    expired = httpx.get(data["connect_link"])
    assert expired.status_code == 410 and "expired" in expired.text
    unknown = httpx.get(f"{sandbox.base_url}/connect/nango_connect_session_{'0' * 64}")
    assert unknown.status_code == 404 and "not valid" in unknown.text


def test_reconnect_session_updates_existing_connection(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """A reconnect session replaces the credentials of the same connection id."""
    key = make_integration("openai")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "old"})
    response = sandbox_client.post(
        "/connect/sessions/reconnect", json={"connection_id": connection_id, "integration_id": key}
    )
    assert response.status_code == 201
    token = response.json()["data"]["token"]
    done = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": token, "credentials": {"apiKey": "new"}}
    )
    assert done.json()["connection_id"] == connection_id
    assert _connection(sandbox_client, key, connection_id)["credentials"]["apiKey"] == "new"


def test_reconnect_unknown_connection_is_400(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """Reconnecting a connection that does not exist is refused."""
    key = make_integration("openai")
    response = sandbox_client.post(
        "/connect/sessions/reconnect", json={"connection_id": "nope", "integration_id": key}
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid_body",
            "message": "ConnectionID or IntegrationId does not exists",
        }
    }


def test_reconnect_grants_the_integrations_new_scopes(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """After the integration's scopes change, a reconnect issues tokens with the new scopes."""
    key = make_integration("github")
    token = _session(sandbox_client, allowed_integrations=[key])["token"]
    connection_id = sandbox_client.post("/_sandbox/connect/complete", json={"token": token}).json()[
        "connection_id"
    ]
    before = _connection(sandbox_client, key, connection_id)["credentials"]
    sandbox_client.patch(
        f"/integrations/{key}",
        json={
            "credentials": {
                "type": "OAUTH2",
                "client_id": "cid",
                "client_secret": "csecret",
                "scopes": "repo,user,read:org",
            }
        },
    )
    reconnect = sandbox_client.post(
        "/connect/sessions/reconnect", json={"connection_id": connection_id, "integration_id": key}
    ).json()["data"]["token"]
    assert (
        sandbox_client.post("/_sandbox/connect/complete", json={"token": reconnect}).status_code
        == 201
    )
    after = _connection(sandbox_client, key, connection_id)
    assert after["credentials"]["raw"]["scope"] == "repo,user,read:org"
    assert after["connection_config"]["oauth_scopes"] == "repo,user,read:org"
    assert after["credentials"]["access_token"] != before["access_token"]


def _current_session(sandbox: Sandbox, token: str) -> dict:  # type: ignore[type-arg]
    response = httpx.get(
        sandbox.base_url + "/connect/session", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


def test_current_session_has_nangos_shape(
    sandbox_client: httpx.Client, sandbox: Sandbox, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """GET /connect/session: endUser carries the organization; optional parts appear only when set."""
    key = make_integration("openai")
    token = _session(
        sandbox_client,
        end_user={"id": "eu-9"},
        organization={"id": "org-1", "display_name": "Acme"},
        allowed_integrations=[key],
    )["token"]
    data = _current_session(sandbox, token)
    assert data["endUser"] == {
        "id": "eu-9",
        "display_name": None,
        "email": None,
        "tags": {},
        "organization": {"id": "org-1", "display_name": "Acme"},
    }
    assert data["allowed_integrations"] == [key]
    assert "organization" not in data and "isReconnecting" not in data
    assert "connectUISettings" in data
    tags_only = _current_session(sandbox, _session(sandbox_client, tags={"team": "x"})["token"])
    assert tags_only["endUser"] is None and "allowed_integrations" not in tags_only


def test_reconnect_session_says_it_is_reconnecting(
    sandbox_client: httpx.Client, sandbox: Sandbox, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """A reconnect session's GET /connect/session has isReconnecting true."""
    key = make_integration("openai")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "old"})
    token = sandbox_client.post(
        "/connect/sessions/reconnect", json={"connection_id": connection_id, "integration_id": key}
    ).json()["data"]["token"]
    assert _current_session(sandbox, token)["isReconnecting"] is True


def test_session_organization_reaches_the_connection(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """A connection made through a session records the session's organization on its end user."""
    key = make_integration("openai")
    token = _session(
        sandbox_client,
        end_user={"id": "eu-10", "display_name": "Ada"},
        organization={"id": "org-2"},
        allowed_integrations=[key],
    )["token"]
    done = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": token, "credentials": {"apiKey": "k"}}
    ).json()
    end_user = _connection(sandbox_client, key, done["connection_id"])["end_user"]
    assert end_user["display_name"] == "Ada"
    assert end_user["organization"] == {"id": "org-2", "display_name": None}
    listed = sandbox_client.get("/connections", params={"endUserOrganizationId": "org-2"})
    assert [c["connection_id"] for c in listed.json()["connections"]] == [done["connection_id"]]


def test_session_needs_an_end_user_or_tags(sandbox_client: httpx.Client) -> None:
    """POST /connect/sessions without end_user and without tags is Nango's 400 invalid_body."""
    response = sandbox_client.post("/connect/sessions", json={})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_body"
    assert response.json()["error"]["errors"][0]["path"] == ["end_user"]
    assert sandbox_client.post("/connect/sessions", json={"tags": {}}).status_code == 201


def test_session_tags_derive_from_end_user_and_organization(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """Connection tags: end_user_*, organization_*, the end user's own tags, then the session's tags."""
    key = make_integration("openai")
    token = _session(
        sandbox_client,
        end_user={"id": "eu-3", "email": "e@x.io", "tags": {"Plan": "pro", "team": "a"}},
        organization={"id": "org-3", "display_name": "Org Three"},
        tags={"team": "b"},
        allowed_integrations=[key],
    )["token"]
    done = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": token, "credentials": {"apiKey": "k"}}
    ).json()
    assert done["tags"] == {
        "end_user_id": "eu-3",
        "end_user_email": "e@x.io",
        "organization_id": "org-3",
        "organization_display_name": "Org Three",
        "plan": "pro",
        "team": "b",
    }
