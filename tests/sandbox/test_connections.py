"""Connections: list filters, credentials per auth mode, refresh, import, patch, delete, metadata."""

from __future__ import annotations

from urllib.parse import quote

import httpx
from sandbox_testing import unique

OAUTH_CREDS = {
    "type": "OAUTH2",
    "access_token": "at-1",
    "refresh_token": "rt-1",
    "expires_at": "2099-01-01T00:00:00.000Z",
    "raw": {"scope": "repo"},
}


def _get(client: httpx.Client, key: str, connection_id: str, **params: str) -> httpx.Response:
    return client.get(
        f"/connections/{connection_id}", params={"provider_config_key": key, **params}
    )


def test_import_returns_201_with_credentials_and_upserts(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """POST /connections answers 201 with credentials; re-posting replaces tags, metadata and config."""
    key = make_integration("openai")
    body = {
        "provider_config_key": key,
        "connection_id": "imp-1",
        "credentials": {"type": "API_KEY", "apiKey": "k1"},
        "metadata": {"a": 1},
        "tags": {"x": "1"},
    }
    first = sandbox_client.post("/connections", json=body)
    assert first.status_code == 201
    assert first.json()["credentials"] == {"type": "API_KEY", "apiKey": "k1"}
    second = sandbox_client.post(
        "/connections",
        json={**body, "metadata": {"b": 2}, "tags": {"y": "2"}, "connection_config": {"c": 3}},
    )
    assert second.status_code == 201
    assert second.json()["id"] == first.json()["id"]
    detail = _get(sandbox_client, key, "imp-1").json()
    assert (
        detail["metadata"] == {"b": 2}
        and detail["tags"] == {"y": "2"}
        and detail["connection_config"] == {"c": 3}
    )


def test_import_without_connection_id_generates_uuid(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """connection_id is optional on import: a UUID is generated."""
    key = make_integration("openai")
    response = sandbox_client.post(
        "/connections",
        json={"provider_config_key": key, "credentials": {"type": "API_KEY", "apiKey": "k"}},
    )
    assert response.status_code == 201
    assert len(response.json()["connection_id"]) == 36


def test_import_into_unknown_integration_is_404(sandbox_client: httpx.Client) -> None:
    """Importing into an unknown integration is refused with 404."""
    response = sandbox_client.post(
        "/connections",
        json={"provider_config_key": unique(), "credentials": {"type": "API_KEY", "apiKey": "k"}},
    )
    assert response.status_code == 404


def test_import_with_incomplete_credentials_is_400(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """API_KEY credentials without apiKey are refused naming credentials.apiKey."""
    key = make_integration("openai")
    response = sandbox_client.post(
        "/connections", json={"provider_config_key": key, "credentials": {"type": "API_KEY"}}
    )
    assert response.status_code == 400
    assert response.json()["error"]["errors"][0]["path"] == ["credentials", "apiKey"]


def test_credentials_shape_per_auth_mode(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """BASIC gives username/password; OAUTH2 hides refresh_token unless refresh_token=true."""
    basic_key = make_integration("freshdesk")
    basic_id = make_connection(basic_key, {"type": "BASIC", "username": "u", "password": "p"})
    assert _get(sandbox_client, basic_key, basic_id).json()["credentials"] == {
        "type": "BASIC",
        "username": "u",
        "password": "p",
    }
    oauth_key = make_integration("github")
    oauth_id = make_connection(oauth_key, OAUTH_CREDS)
    hidden = _get(sandbox_client, oauth_key, oauth_id).json()["credentials"]
    assert (
        hidden["access_token"] == "at-1"
        and "refresh_token" not in hidden
        and hidden["raw"]["scope"] == "repo"
    )
    shown = _get(sandbox_client, oauth_key, oauth_id, refresh_token="true").json()["credentials"]
    assert shown["refresh_token"] == "rt-1"


def test_expired_oauth_token_is_refreshed_on_read(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """An expired OAuth2 access token is replaced (new token, later expires_at), refresh token kept."""
    key = make_integration("github")
    connection_id = make_connection(key, {**OAUTH_CREDS, "expires_at": "2001-01-01T00:00:00.000Z"})
    creds = _get(sandbox_client, key, connection_id, refresh_token="true").json()["credentials"]
    assert creds["access_token"] != "at-1"
    assert creds["expires_at"] > "2020"
    assert creds["refresh_token"] == "rt-1"
    assert creds["raw"]["scope"] == "repo"


def test_force_refresh_issues_new_token(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """force_refresh=true replaces a still-valid access token."""
    key = make_integration("github")
    connection_id = make_connection(key, OAUTH_CREDS)
    assert _get(sandbox_client, key, connection_id).json()["credentials"]["access_token"] == "at-1"
    refreshed = _get(sandbox_client, key, connection_id, force_refresh="true").json()["credentials"]
    assert refreshed["access_token"] != "at-1"


def test_get_errors(sandbox_client: httpx.Client, make_integration) -> None:  # type: ignore[no-untyped-def]
    """No provider_config_key 400; unknown integration 400 unknown_provider_config; unknown connection 404."""
    key = make_integration("openai")
    missing_key = sandbox_client.get("/connections/whatever")
    assert missing_key.status_code == 400
    assert missing_key.json()["error"]["code"] == "invalid_query_params"
    unknown = _get(sandbox_client, key, "nope")
    assert unknown.status_code == 404
    assert unknown.json() == {
        "error": {"code": "not_found", "message": "Failed to find connection"}
    }
    no_integration = _get(sandbox_client, "no-such-integration", "nope")
    assert no_integration.status_code == 400
    assert no_integration.json() == {
        "error": {"code": "unknown_provider_config", "message": "Provider does not exists"}
    }


def test_list_filters(sandbox_client: httpx.Client, make_integration, make_connection) -> None:  # type: ignore[no-untyped-def]
    """integrationId, connectionId, endUserId, search, tags[k] and limit filter the list."""
    key = make_integration("openai")
    cred = {"type": "API_KEY", "apiKey": "k"}
    a = make_connection(
        key, cred, end_user={"id": "eu-a", "email": "alice@example.com"}, tags={"team": "red"}
    )
    b = make_connection(key, cred, tags={"team": "blue"})

    def ids(**params: str) -> list[str]:
        response = sandbox_client.get("/connections", params=params)
        assert response.status_code == 200
        return [c["connection_id"] for c in response.json()["connections"]]

    assert ids(integrationId=key) == [b, a]  # newest first
    assert ids(connectionId=b) == [b]
    assert ids(integrationId=key, endUserId="eu-a") == [a]
    assert ids(integrationId=key, search="alice") == [a]
    assert ids(integrationId=key, **{"tags[team]": "blue"}) == [b]
    assert ids(integrationId=key, limit="1") == [b]
    item = sandbox_client.get("/connections", params={"connectionId": a}).json()["connections"][0]
    assert set(item) == {
        "id",
        "connection_id",
        "provider_config_key",
        "provider",
        "errors",
        "end_user",
        "tags",
        "metadata",
        "created",
    }
    assert item["tags"] == {
        "team": "red",
        "end_user_id": "eu-a",
        "end_user_email": "alice@example.com",
    }


def test_patch_replaces_tags_and_end_user(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """PATCH /connections/{id} answers {success: true} and replaces tags / end user."""
    key = make_integration("openai")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "k"}, tags={"old": "1"})
    response = sandbox_client.patch(
        f"/connections/{connection_id}",
        params={"provider_config_key": key},
        json={"tags": {"new": "2"}},
    )
    assert response.status_code == 200 and response.json() == {"success": True}
    assert _get(sandbox_client, key, connection_id).json()["tags"] == {"new": "2"}
    unknown = sandbox_client.patch(
        "/connections/nope", params={"provider_config_key": key}, json={"tags": {}}
    )
    assert unknown.status_code == 404
    assert unknown.json() == {
        "error": {"code": "not_found", "message": "Failed to find connection"}
    }
    no_integration = sandbox_client.patch(
        "/connections/nope", params={"provider_config_key": "no-such-key"}, json={"tags": {}}
    )
    assert no_integration.status_code == 400
    assert no_integration.json()["error"]["code"] == "unknown_provider_config"


def test_delete_twice_gives_unknown_connection(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """DELETE answers 200 {success: true}; the second DELETE 400 unknown_connection."""
    key = make_integration("openai")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "k"})
    first = sandbox_client.delete(
        f"/connections/{connection_id}", params={"provider_config_key": key}
    )
    assert first.status_code == 200 and first.json() == {"success": True}
    second = sandbox_client.delete(
        f"/connections/{connection_id}", params={"provider_config_key": key}
    )
    assert second.status_code == 400
    assert second.json() == {"error": {"code": "unknown_connection"}}  # no message, as Nango


def test_metadata_set_replaces_and_update_merges(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """POST /connections/metadata (201) replaces, PATCH (200) merges, both echo the request, lists allowed."""
    key = make_integration("openai")
    one = make_connection(key, {"type": "API_KEY", "apiKey": "k"}, metadata={"old": True})
    two = make_connection(key, {"type": "API_KEY", "apiKey": "k"})
    body = {"provider_config_key": key, "connection_id": [one, two], "metadata": {"a": 1}}
    set_response = sandbox_client.post("/connections/metadata", json=body)
    assert set_response.status_code == 201 and set_response.json() == body
    patch = {"provider_config_key": key, "connection_id": one, "metadata": {"b": 2}}
    update_response = sandbox_client.patch("/connections/metadata", json=patch)
    assert update_response.status_code == 200 and update_response.json() == patch
    assert _get(sandbox_client, key, one).json()["metadata"] == {"a": 1, "b": 2}
    assert _get(sandbox_client, key, two).json()["metadata"] == {"a": 1}


def test_metadata_unknown_connection_is_404(sandbox_client: httpx.Client, make_integration) -> None:  # type: ignore[no-untyped-def]
    """Metadata for an unknown connection answers 404 unknown_connection."""
    key = make_integration("openai")
    response = sandbox_client.patch(
        "/connections/metadata",
        json={"provider_config_key": key, "connection_id": "nope", "metadata": {}},
    )
    assert response.status_code == 404
    message = (
        f"Connection with connection id nope and provider config key {key} not found."
        " Please make sure the connection exists in the Nango dashboard"
    )
    assert response.json() == {"error": {"code": "unknown_connection", "message": message}}
    several = sandbox_client.post(
        "/connections/metadata",
        json={"provider_config_key": key, "connection_id": ["nope", "nope2"], "metadata": {}},
    )
    assert several.status_code == 404
    assert several.json()["error"]["message"].endswith(
        "No actions were taken on any of the connections as a result of this failure."
    )


def test_per_connection_metadata_form(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """POST/PATCH /connection/{id}/metadata with Provider-Config-Key take the metadata as body."""
    key = make_integration("openai")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "k"})
    headers = {"Provider-Config-Key": key}
    assert (
        sandbox_client.post(
            f"/connection/{connection_id}/metadata", headers=headers, json={"x": 1}
        ).status_code
        == 201
    )
    assert (
        sandbox_client.patch(
            f"/connection/{connection_id}/metadata", headers=headers, json={"y": 2}
        ).status_code
        == 200
    )
    assert _get(sandbox_client, key, connection_id).json()["metadata"] == {"x": 1, "y": 2}
    missing = sandbox_client.post(f"/connection/{connection_id}/metadata", json={"x": 1})
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "invalid_headers"


def test_import_runs_the_provider_verification_request(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """An API_KEY import is checked against the provider's verification endpoint: refused -> 400 connection_test_failed."""
    key = make_integration("openai")
    refused = sandbox_client.post(
        "/connections",
        json={
            "provider_config_key": key,
            "connection_id": "bad",
            "credentials": {"type": "API_KEY", "apiKey": "sk-invalid"},
        },
    )
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "connection_test_failed" and "sk-invalid" not in refused.text
    assert (
        sandbox_client.get("/connections/bad", params={"provider_config_key": key}).status_code
        == 404
    )
    accepted = sandbox_client.post(
        "/connections",
        json={"provider_config_key": key, "credentials": {"type": "API_KEY", "apiKey": "sk-good"}},
    )
    assert accepted.status_code == 201


def test_legacy_import_takes_top_level_credentials(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """POST /connection (older form) builds credentials from access_token / expires_in per auth mode."""
    key = make_integration("github")
    response = sandbox_client.post(
        "/connection",
        json={
            "provider_config_key": key,
            "connection_id": "legacy",
            "access_token": "at",
            "refresh_token": "rt",
            "expires_in": 3600,
        },
    )
    assert response.status_code == 201
    creds = _get(sandbox_client, key, "legacy", refresh_token="true").json()["credentials"]
    assert (
        creds["access_token"] == "at"
        and creds["refresh_token"] == "rt"
        and creds["expires_at"] > "2020"
    )


def test_environment_variables_default_empty_and_settable() -> None:
    """GET /environment-variables is [] until PUT /_sandbox/environment-variables sets a list."""
    from nango_toolbox.sandbox import Sandbox

    with Sandbox() as sb:
        client = httpx.Client(
            base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"}
        )
        assert client.get("/environment-variables").json() == []
        variables = [{"name": "REGION", "value": "eu"}]
        assert client.put("/_sandbox/environment-variables", json=variables).status_code == 200
        assert client.get("/environment-variables").json() == variables
        assert client.put("/_sandbox/environment-variables", json=[{"name": 1}]).status_code == 400


def test_concurrent_metadata_merges_lose_nothing(
    sandbox_client: httpx.Client, sandbox, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """20 concurrent PATCH /connections/metadata calls with different keys all land."""
    import concurrent.futures

    key = make_integration("openai")
    connection_id = make_connection(key, {"type": "API_KEY", "apiKey": "k"})
    headers = {"Authorization": f"Bearer {sandbox.secret_key}"}

    def merge(n: int) -> int:
        body = {
            "provider_config_key": key,
            "connection_id": connection_id,
            "metadata": {f"k{n}": n},
        }
        return httpx.patch(
            sandbox.base_url + "/connections/metadata", json=body, headers=headers, timeout=30
        ).status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        assert set(pool.map(merge, range(20))) == {200}
    assert _get(sandbox_client, key, connection_id).json()["metadata"] == {
        f"k{n}": n for n in range(20)
    }


def test_import_refuses_an_organization_inside_end_user(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """POST /connections with end_user.organization is 400 Unrecognized key, as on Nango (an
    import takes no organization), and nothing is stored."""
    key = make_integration("sendgrid")
    created = sandbox_client.post(
        "/connections",
        json={
            "provider_config_key": key,
            "connection_id": "with-org",
            "credentials": {"type": "API_KEY", "apiKey": "k"},
            "end_user": {"id": "u-1", "organization": {"id": "o-1", "display_name": "Org"}},
        },
    )
    assert created.status_code == 400
    assert created.json() == {
        "error": {
            "code": "invalid_body",
            "errors": [
                {
                    "code": "unrecognized_keys",
                    "message": 'Unrecognized key: "organization"',
                    "path": ["end_user"],
                }
            ],
        }
    }
    assert sandbox_client.get("/connections", params={"integrationId": key}).json() == {
        "connections": []
    }


def test_import_with_credentials_of_another_auth_mode_is_400(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """OAUTH2 credentials for an API_KEY provider are refused like Nango does, nothing stored."""
    key = make_integration("sendgrid")
    response = sandbox_client.post(
        "/connections",
        json={
            "provider_config_key": key,
            "connection_id": "wrong-mode",
            "credentials": {"type": "OAUTH2", "access_token": "t"},
        },
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid_body",
            "message": "Provider API_KEY does not support OAUTH2 auth",
        }
    }
    listed = sandbox_client.get("/connections", params={"integrationId": key}).json()
    assert listed["connections"] == []


def test_connection_id_with_an_encoded_slash_is_one_path_segment(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """An id holding '/' sent as %2F reaches GET, PATCH and DELETE /connections/{id} as one id."""
    key = make_integration("openai")
    connection_id = f"team/{unique('slash')} x"
    body = {
        "provider_config_key": key,
        "connection_id": connection_id,
        "credentials": {"type": "API_KEY", "apiKey": "k"},
    }
    assert sandbox_client.post("/connections", json=body).status_code == 201
    path = "/connections/" + quote(connection_id, safe="")
    got = sandbox_client.get(path, params={"provider_config_key": key})
    assert got.status_code == 200 and got.json()["connection_id"] == connection_id
    patched = sandbox_client.patch(
        path, params={"provider_config_key": key}, json={"tags": {"a": "b"}}
    )
    assert patched.status_code == 200, patched.text
    deleted = sandbox_client.delete(path, params={"provider_config_key": key})
    assert deleted.status_code == 200 and deleted.json() == {"success": True}


def test_a_webhook_url_override_that_is_not_a_url_is_400(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """A webhook_url_override urlsplit cannot parse (a broken IPv6 host) is 400 invalid_body, not 500."""
    key = make_integration("openai")
    for url in ("http://[::1", "ftp://example.com/hooks"):
        answer = sandbox_client.post(
            "/connections",
            json={
                "provider_config_key": key,
                "connection_id": "bad-hook",
                "credentials": {"type": "API_KEY", "apiKey": "k1"},
                "webhook_url_override": url,
            },
        )
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "invalid_body"
        assert answer.json()["error"]["errors"][0]["path"] == ["webhook_url_override"]
