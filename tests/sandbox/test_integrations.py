"""Integrations: create, list, get with include, patch, delete, and their error bodies."""

from __future__ import annotations

import concurrent.futures

import httpx
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import unique

OAUTH = {"type": "OAUTH2", "client_id": "cid", "client_secret": "csecret", "scopes": "repo, user"}


def test_create_oauth_integration_keeps_client_and_scopes(sandbox_client: httpx.Client) -> None:
    """POST /integrations answers 200; include=credentials shows the client and comma-joined scopes."""
    key = unique("gh")
    created = sandbox_client.post(
        "/integrations",
        json={
            "unique_key": key,
            "provider": "github",
            "credentials": OAUTH,
            "display_name": "My GH",
        },
    )
    assert created.status_code == 200
    data = created.json()["data"]
    assert (
        data["unique_key"] == key
        and data["provider"] == "github"
        and data["display_name"] == "My GH"
    )
    assert "credentials" not in data
    detail = sandbox_client.get(
        f"/integrations/{key}", params=[("include", "credentials"), ("include", "webhook")]
    ).json()["data"]
    assert detail["credentials"] == {
        "type": "OAUTH2",
        "client_id": "cid",
        "client_secret": "csecret",
        "scopes": "repo,user",
        "webhook_secret": None,
    }
    assert detail["webhook_url"] is None  # GitHub (User OAuth) routes no webhooks in Nango


def test_webhook_url_names_the_provider_when_it_routes_webhooks(
    sandbox_client: httpx.Client, sandbox: Sandbox, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """include=webhook gives <base>/webhook/<environment>/<provider> for a provider with webhook routing."""
    key = make_integration("slack")
    detail = sandbox_client.get(f"/integrations/{key}", params={"include": "webhook"}).json()
    url = detail["data"]["webhook_url"]
    assert url.startswith(sandbox.base_url + "/webhook/") and url.endswith("/slack")


def test_get_without_include_hides_secrets(sandbox_client: httpx.Client, make_integration) -> None:  # type: ignore[no-untyped-def]
    """GET /integrations/{key} without include does not show the client secret."""
    key = make_integration("github")
    response = sandbox_client.get(f"/integrations/{key}")
    assert "csecret" not in response.text


def test_include_comma_form_is_rejected(sandbox_client: httpx.Client, make_integration) -> None:  # type: ignore[no-untyped-def]
    """include=credentials,webhook is refused like Nango does (repeat include instead)."""
    key = make_integration("github")
    response = sandbox_client.get(f"/integrations/{key}", params={"include": "credentials,webhook"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_query_params"


def test_duplicate_unique_key_is_400_invalid_body(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """A duplicate unique_key answers 400 invalid_body on path uniqueKey, not 409."""
    key = make_integration("openai")
    response = sandbox_client.post("/integrations", json={"unique_key": key, "provider": "openai"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_body"
    assert error["errors"] == [
        {"code": "invalid_string", "message": "Unique key already exists", "path": ["uniqueKey"]}
    ]


def test_unknown_provider_is_400_invalid_provider(sandbox_client: httpx.Client) -> None:
    """An unknown provider is a validation error of the body, as on Nango: 400 invalid_body with
    path ["provider"] "Invalid provider" (not 404)."""
    response = sandbox_client.post(
        "/integrations", json={"unique_key": unique(), "provider": "no-such-provider"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid_body",
            "errors": [
                {"code": "invalid_string", "message": "Invalid provider", "path": ["provider"]}
            ],
        }
    }


def test_oauth_provider_without_credentials_is_400(sandbox_client: httpx.Client) -> None:
    """An OAuth provider needs credentials: 400 Missing credentials."""
    response = sandbox_client.post(
        "/integrations", json={"unique_key": unique(), "provider": "github"}
    )
    assert response.status_code == 400
    assert response.json() == {"error": {"code": "invalid_body", "message": "Missing credentials"}}


def test_oauth_credentials_on_api_key_provider_is_400(sandbox_client: httpx.Client) -> None:
    """OAuth credentials on an API_KEY provider are refused with 400."""
    response = sandbox_client.post(
        "/integrations", json={"unique_key": unique(), "provider": "openai", "credentials": OAUTH}
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid_body",
            "message": "incompatible credentials auth type and provider auth",
        }
    }


def test_list_contains_created_integrations(sandbox_client: httpx.Client, make_integration) -> None:  # type: ignore[no-untyped-def]
    """GET /integrations lists the created integrations in Nango's shape."""
    key = make_integration("sendgrid")
    items = {i["unique_key"]: i for i in sandbox_client.get("/integrations").json()["data"]}
    assert set(items[key]) == {
        "unique_key",
        "provider",
        "display_name",
        "logo",
        "forward_webhooks",
        "created_at",
        "updated_at",
    }


def test_patch_updates_display_name_scopes_and_key(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """PATCH changes display name, scopes (keeping the secret) and can rename the key."""
    key = make_integration("github")
    new_key = unique("renamed")
    response = sandbox_client.patch(
        f"/integrations/{key}",
        json={
            "display_name": "Renamed",
            "unique_key": new_key,
            "credentials": {
                "type": "OAUTH2",
                "client_id": "cid",
                "client_secret": "csecret",
                "scopes": "repo,read:org",
            },
        },
    )
    assert response.status_code == 200
    detail = sandbox_client.get(
        f"/integrations/{new_key}", params={"include": "credentials"}
    ).json()["data"]
    assert detail["display_name"] == "Renamed"
    assert detail["credentials"]["scopes"] == "repo,read:org"
    assert sandbox_client.get(f"/integrations/{key}").status_code == 404


def test_delete_cascades_to_connections(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """DELETE answers 200 {success: true} and removes the integration's connections."""
    key = make_integration("openai")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "k"})
    response = sandbox_client.delete(f"/integrations/{key}")
    assert response.status_code == 200 and response.json() == {"success": True}
    assert sandbox_client.get(f"/integrations/{key}").status_code == 404
    assert (
        sandbox_client.get("/connections", params={"connectionId": connection_id}).json()[
            "connections"
        ]
        == []
    )
    assert sandbox_client.delete(f"/integrations/{key}").status_code == 404


def test_twenty_concurrent_creations_make_exactly_one(sandbox: Sandbox) -> None:
    """20 concurrent creations of one key give one 200 and 19 clean 400 duplicates."""
    key = unique("race")
    headers = {"Authorization": f"Bearer {sandbox.secret_key}"}

    def create(_: int) -> httpx.Response:
        return httpx.post(
            sandbox.base_url + "/integrations",
            headers=headers,
            json={"unique_key": key, "provider": "openai"},
            timeout=30,
        )

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(create, range(20)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [400] * 19
    assert all(
        r.json()["error"]["errors"][0]["path"] == ["uniqueKey"]
        for r in responses
        if r.status_code == 400
    )
    listed = [
        i
        for i in httpx.get(sandbox.base_url + "/integrations", headers=headers).json()["data"]
        if i["unique_key"] == key
    ]
    assert len(listed) == 1


def test_quickstart_integration_uses_a_developer_app(sandbox_client: httpx.Client) -> None:
    """POST /integrations/quickstart makes an OAuth integration without client credentials; API-key providers are refused."""
    key = unique("qs")
    created = sandbox_client.post(
        "/integrations/quickstart", json={"unique_key": key, "provider": "github"}
    )
    assert created.status_code == 200 and created.json()["data"]["provider"] == "github"
    creds = sandbox_client.get(f"/integrations/{key}", params={"include": "credentials"}).json()[
        "data"
    ]["credentials"]
    assert creds["type"] == "OAUTH2" and creds["client_id"] == "nango-dev-app-github"
    refused = sandbox_client.post(
        "/integrations/quickstart", json={"unique_key": unique("qs"), "provider": "openai"}
    )
    assert refused.status_code == 400 and refused.json()["error"]["errors"][0]["path"] == [
        "provider"
    ]
