"""The generated nango_client against a real HTTP server answering spec-shaped JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ._canned_server import CannedServer
from .conftest import SECRET_KEY

INTEGRATION = {
    "unique_key": "github-prod",
    "provider": "github",
    "display_name": "GitHub",
    "logo": "https://app.nango.dev/images/template-logos/github.svg",
    "forward_webhooks": True,
    "created_at": "2026-11-02T10:11:12.345Z",
    "updated_at": "2026-11-03T08:00:00.000Z",
}

CONNECTION_BASE = {
    "id": 42,
    "connection_id": "conn-1",
    "provider_config_key": "github-prod",
    "provider": "github",
    "errors": [],
    "end_user": {"id": "user-1", "email": "ada@example.com", "display_name": None, "tags": {}},
    "tags": {"end_user_id": "user-1"},
    "metadata": {"team": "core"},
    "connection_config": {"oauth_scopes": "repo,user"},
    "webhook_url_override": None,
    "created_at": "2026-11-02T10:11:12.345Z",
    "updated_at": "2026-11-02T10:11:12.345Z",
    "last_fetched_at": None,
}


def _connection(credentials: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {**CONNECTION_BASE, "credentials": credentials, **extra}


def test_list_integrations_parses_and_sends_the_secret_key(
    server: CannedServer, client: Any
) -> None:
    """GET /integrations returns Integration models and carries `Authorization: Bearer <key>`."""
    from nango_client.api.integrations import list_integrations
    from nango_client.models import IntegrationListResponse

    server.add("GET", "/integrations", 200, {"data": [INTEGRATION]})

    result = list_integrations.sync(client=client)

    assert isinstance(result, IntegrationListResponse)
    [integration] = result.data
    assert integration.unique_key == "github-prod"
    assert integration.forward_webhooks is True
    assert integration.created_at == dt.datetime(2026, 11, 2, 10, 11, 12, 345000, tzinfo=dt.UTC)
    assert server.requests[0].headers["authorization"] == f"Bearer {SECRET_KEY}"


def test_get_integration_repeats_include_and_parses_credentials(
    server: CannedServer, client: Any
) -> None:
    """`include` is sent once per value and the integration's credentials and webhook URL are parsed."""
    from nango_client.api.integrations import get_integration
    from nango_client.models import IntegrationCredentials, IntegrationDetailResponse

    body = {
        "data": {
            **INTEGRATION,
            "webhook_url": "https://api.nango.dev/webhook/abc/github-prod",
            "credentials": {
                "type": "OAUTH2",
                "client_id": "cid",
                "client_secret": "csecret",
                "scopes": "repo,user",
                "webhook_secret": None,
            },
        }
    }
    server.add("GET", "/integrations/github-prod", 200, body)

    result = get_integration.sync("github-prod", client=client, include=["credentials", "webhook"])

    assert isinstance(result, IntegrationDetailResponse)
    assert server.requests[0].query == {"include": ["credentials", "webhook"]}
    assert isinstance(result.data.credentials, IntegrationCredentials)
    assert result.data.credentials.scopes == "repo,user"
    assert result.data.credentials.webhook_secret is None
    assert result.data.webhook_url == "https://api.nango.dev/webhook/abc/github-prod"


def test_get_connection_with_oauth2_credentials(server: CannedServer, client: Any) -> None:
    """OAUTH2 credentials parse as OAuth2Credentials with the token, expiry and raw response."""
    from nango_client.api.connections import get_connection
    from nango_client.models import ConnectionDetail, OAuth2Credentials

    credentials = {
        "type": "OAUTH2",
        "access_token": "gho_token",
        "expires_at": "2026-11-02T11:11:12.345Z",
        "raw": {"access_token": "gho_token", "scope": "repo,user", "token_type": "bearer"},
    }
    server.add("GET", "/connections/conn-1", 200, _connection(credentials))

    result = get_connection.sync(
        "conn-1", client=client, provider_config_key="github-prod", refresh_token=True
    )

    assert isinstance(result, ConnectionDetail)
    assert isinstance(result.credentials, OAuth2Credentials)
    assert result.credentials.access_token == "gho_token"
    assert result.credentials.expires_at == "2026-11-02T11:11:12.345Z"
    assert result.credentials.raw is not None
    assert result.credentials.raw.additional_properties["scope"] == "repo,user"
    assert result.end_user is not None and result.end_user.id == "user-1"
    assert result.to_dict()["credentials"] == credentials
    assert server.requests[0].query == {
        "provider_config_key": ["github-prod"],
        "refresh_token": ["true"],
    }


def test_get_connection_with_api_key_credentials(server: CannedServer, client: Any) -> None:
    """API_KEY credentials parse as ApiKeyCredentials with the key under `api_key`."""
    from nango_client.api.connections import get_connection
    from nango_client.models import ApiKeyCredentials

    server.add(
        "GET", "/connections/conn-1", 200, _connection({"type": "API_KEY", "apiKey": "sk_live_1"})
    )

    result = get_connection.sync("conn-1", client=client, provider_config_key="github-prod")

    assert isinstance(result.credentials, ApiKeyCredentials)
    assert result.credentials.api_key == "sk_live_1"


def test_get_connection_with_basic_credentials(server: CannedServer, client: Any) -> None:
    """BASIC credentials parse as BasicCredentials with username and password."""
    from nango_client.api.connections import get_connection
    from nango_client.models import BasicCredentials

    server.add(
        "GET",
        "/connections/conn-1",
        200,
        _connection({"type": "BASIC", "username": "ada", "password": "s3cret"}),
    )

    result = get_connection.sync("conn-1", client=client, provider_config_key="github-prod")

    assert isinstance(result.credentials, BasicCredentials)
    assert (result.credentials.username, result.credentials.password) == ("ada", "s3cret")


def test_create_connect_session_returns_201_with_token(server: CannedServer, client: Any) -> None:
    """POST /connect/sessions sends the tags and parses the 201 session (token, link, expiry)."""
    from nango_client.api.connect import create_connect_session
    from nango_client.models import ConnectSessionInput, ConnectSessionResponse, Tags

    token = "nango_connect_session_" + "ab" * 32
    server.add(
        "POST",
        "/connect/sessions",
        201,
        {
            "data": {
                "token": token,
                "connect_link": f"https://connect.nango.dev?session_token={token}",
                "expires_at": "2026-11-02T10:41:12.345Z",
            }
        },
    )
    tags = Tags.from_dict({"end_user_id": "user-1"})
    body = ConnectSessionInput(tags=tags, allowed_integrations=["github-prod"])

    result = create_connect_session.sync(client=client, body=body)

    assert isinstance(result, ConnectSessionResponse)
    assert result.data.token == token
    assert result.data.expires_at == dt.datetime(2026, 11, 2, 10, 41, 12, 345000, tzinfo=dt.UTC)
    assert server.requests[0].body == {
        "tags": {"end_user_id": "user-1"},
        "allowed_integrations": ["github-prod"],
    }


def test_list_records_sends_headers_and_parses_metadata(server: CannedServer, client: Any) -> None:
    """GET /records passes Connection-Id/Provider-Config-Key headers; record fields are kept."""
    from nango_client.api.records import list_records
    from nango_client.models import RecordsResponse

    record = {
        "id": "123",
        "title": "Bug",
        "_nango_metadata": {
            "first_seen_at": "2026-11-01T00:00:00.000Z",
            "last_modified_at": "2026-11-01T00:00:00.000Z",
            "last_action": "ADDED",
            "deleted_at": None,
            "pruned_at": None,
            "cursor": "MjAyNi0xMS0wMQ==",
        },
    }
    server.add("GET", "/records", 200, {"records": [record], "next_cursor": "MjAyNi0xMS0wMg=="})

    result = list_records.sync(
        client=client,
        connection_id="conn-1",
        provider_config_key="github-prod",
        model="Issue",
        limit=10,
    )

    assert isinstance(result, RecordsResponse)
    assert result.next_cursor == "MjAyNi0xMS0wMg=="
    [parsed] = result.records
    assert parsed.additional_properties == {"id": "123", "title": "Bug"}
    assert parsed.field_nango_metadata.last_action == "ADDED"
    assert parsed.to_dict() == record
    sent = server.requests[0]
    assert (sent.headers["connection-id"], sent.headers["provider-config-key"]) == (
        "conn-1",
        "github-prod",
    )
    assert sent.query == {"model": ["Issue"], "limit": ["10"]}


def test_trigger_action_returns_raw_output(server: CannedServer, client: Any) -> None:
    """A synchronous action's 200 body comes back as plain JSON, whatever its shape."""
    from nango_client.api.actions import trigger_action
    from nango_client.models import TriggerActionRequest

    server.add(
        "POST", "/action/trigger", 200, [{"number": 7, "url": "https://github.com/o/r/issues/7"}]
    )

    result = trigger_action.sync(
        client=client,
        connection_id="conn-1",
        provider_config_key="github-prod",
        body=TriggerActionRequest(action_name="create-issue", input_={"title": "Hello"}),
    )

    assert result == [{"number": 7, "url": "https://github.com/o/r/issues/7"}]
    assert server.requests[0].body == {"action_name": "create-issue", "input": {"title": "Hello"}}


def test_trigger_action_async_returns_a_handle(server: CannedServer, client: Any) -> None:
    """With X-Async the 202 answer parses as AsyncActionHandle and the header is sent as `true`."""
    from nango_client.api.actions import trigger_action
    from nango_client.models import AsyncActionHandle, TriggerActionRequest

    server.add("POST", "/action/trigger", 202, {"id": "a1b2", "statusUrl": "/action/a1b2"})

    result = trigger_action.sync(
        client=client,
        connection_id="conn-1",
        provider_config_key="github-prod",
        x_async=True,
        x_max_retries=2,
        body=TriggerActionRequest(action_name="create-issue"),
    )

    assert isinstance(result, AsyncActionHandle)
    assert (result.id, result.status_url) == ("a1b2", "/action/a1b2")
    assert (server.requests[0].headers["x-async"], server.requests[0].headers["x-max-retries"]) == (
        "true",
        "2",
    )


def test_validation_error_body_parses(server: CannedServer, client: Any) -> None:
    """A 400 validation error parses into ErrorResponse with its field-level issues."""
    from nango_client.api.integrations import create_integration
    from nango_client.models import CreateIntegrationRequest, ErrorResponse

    server.add(
        "POST",
        "/integrations",
        400,
        {
            "error": {
                "code": "invalid_body",
                "errors": [
                    {
                        "code": "invalid_string",
                        "message": "Unique key already exists",
                        "path": ["uniqueKey"],
                    }
                ],
            }
        },
    )

    result = create_integration.sync(
        client=client, body=CreateIntegrationRequest(unique_key="github-prod", provider="github")
    )

    assert isinstance(result, ErrorResponse)
    assert result.error.code == "invalid_body"
    [issue] = result.error.errors
    assert (issue.message, issue.path) == ("Unique key already exists", ["uniqueKey"])


def test_error_bodies_without_message_or_with_payload_parse(
    server: CannedServer, client: Any
) -> None:
    """The simple family (message may be absent) and the payload family both parse."""
    from nango_client.api.actions import get_async_action_result
    from nango_client.api.connections import delete_connection
    from nango_client.models import ErrorResponse
    from nango_client.types import UNSET

    server.add("DELETE", "/connections/gone", 400, {"error": {"code": "unknown_connection"}})
    server.add(
        "GET",
        "/action/a1b2",
        500,
        {"error": {"code": "action_script_failure", "message": "boom", "payload": {"reason": "x"}}},
    )

    missing = delete_connection.sync("gone", client=client, provider_config_key="github-prod")
    failed = get_async_action_result.sync("a1b2", client=client)

    assert isinstance(missing, ErrorResponse) and missing.error.code == "unknown_connection"
    assert missing.error.message is UNSET
    assert isinstance(failed, ErrorResponse)
    assert (failed.error.code, failed.error.payload) == ("action_script_failure", {"reason": "x"})


def test_unknown_credentials_type_is_kept(server: CannedServer, client: Any) -> None:
    """A credentials `type` the client does not know parses as UnknownCredentials with every field."""
    from nango_client.api.connections import get_connection
    from nango_client.models import UnknownCredentials

    credentials = {"type": "MCP_OAUTH3", "session_token": "t0k", "ttl": 30}
    server.add("GET", "/connections/conn-1", 200, _connection(credentials))

    result = get_connection.sync("conn-1", client=client, provider_config_key="github-prod")

    assert isinstance(result.credentials, UnknownCredentials)
    assert result.credentials.type_ == "MCP_OAUTH3"
    assert result.credentials.additional_properties == {"session_token": "t0k", "ttl": 30}
    assert result.credentials.to_dict() == credentials


def test_extra_fields_are_kept_not_dropped(server: CannedServer, client: Any) -> None:
    """Fields a newer server adds survive parsing, at top level and in nested models."""
    from nango_client.api.connections import list_connections

    item = {
        "id": 42,
        "connection_id": "conn-1",
        "provider_config_key": "github-prod",
        "provider": "github",
        "errors": [{"type": "auth", "log_id": "abc", "since": "yesterday"}],
        "end_user": None,
        "tags": {},
        "metadata": {},
        "created": "2026-11-02T10:11:12.345Z",
        "health": "degraded",
    }
    server.add("GET", "/connections", 200, {"connections": [item], "next_page": 2})

    result = list_connections.sync(client=client, integration_id="github-prod", limit=5)

    assert result.additional_properties == {"next_page": 2}
    [conn] = result.connections
    assert conn.additional_properties == {"health": "degraded"}
    assert conn.errors[0].additional_properties == {"since": "yesterday"}
    assert conn.to_dict() == item
    assert server.requests[0].query == {"integrationId": ["github-prod"], "limit": ["5"]}


def test_unknown_enum_like_values_do_not_raise(server: CannedServer, client: Any) -> None:
    """New sync statuses, record actions and auth modes parse as plain strings."""
    from nango_client.api.providers import list_providers
    from nango_client.api.syncs import get_sync_status

    server.add(
        "GET",
        "/sync/status",
        200,
        {
            "syncs": [
                {
                    "id": "s1",
                    "connection_id": "conn-1",
                    "name": "issues",
                    "variant": "base",
                    "type": "FULL_REBUILD",
                    "status": "QUEUED_FOR_LATER",
                    "frequency": "every hour",
                    "finishedAt": None,
                    "nextScheduledSyncAt": None,
                    "latestResult": {"Issue": {"added": 1, "updated": 0, "deleted": 0}},
                    "latestExecutionStatus": "WAITING",
                    "recordCount": {"Issue": 1},
                    "checkpoint": None,
                }
            ]
        },
    )
    server.add(
        "GET",
        "/providers",
        200,
        {"data": [{"name": "newco", "auth_mode": "PASSKEY", "categories": []}]},
    )

    status = get_sync_status.sync(client=client, provider_config_key="github-prod", syncs="*")
    providers = list_providers.sync(client=client, search="new")

    [sync] = status.syncs
    assert (sync.status, sync.type_, sync.latest_execution_status) == (
        "QUEUED_FOR_LATER",
        "FULL_REBUILD",
        "WAITING",
    )
    assert sync.record_count.additional_properties == {"Issue": 1}
    assert providers.data[0].auth_mode == "PASSKEY"


def test_proxy_passes_provider_bodies_through_untyped(server: CannedServer, client: Any) -> None:
    """Proxy answers of any shape (success or a provider's own error) come back unparsed, never raising."""
    from nango_client.api.proxy import proxy_get

    server.add("GET", "/proxy/user", 200, {"login": "octocat"})
    ok = proxy_get.sync_detailed(
        "user", client=client, connection_id="conn-1", provider_config_key="github-prod", retries=2
    )
    server.add("GET", "/proxy/user", 404, ["provider", "says", "no"])
    missing = proxy_get.sync_detailed(
        "user", client=client, connection_id="conn-1", provider_config_key="github-prod"
    )

    assert (ok.status_code, json.loads(ok.content)) == (200, {"login": "octocat"})
    assert (missing.status_code, json.loads(missing.content)) == (404, ["provider", "says", "no"])
    assert server.requests[0].headers["retries"] == "2"


def test_known_type_missing_its_usual_fields_falls_back_without_loss(
    server: CannedServer, client: Any
) -> None:
    """An OAUTH2 body without `access_token` parses as UnknownCredentials and keeps every field."""
    from nango_client.api.connections import get_connection
    from nango_client.models import UnknownCredentials

    credentials = {"type": "OAUTH2", "token": "moved-here", "raw": {"scope": "repo"}}
    server.add("GET", "/connections/conn-1", 200, _connection(credentials))

    result = get_connection.sync("conn-1", client=client, provider_config_key="github-prod")

    assert isinstance(result.credentials, UnknownCredentials)
    assert result.credentials.to_dict() == credentials


def test_current_session_end_user_without_tags_parses(server: CannedServer, client: Any) -> None:
    """GET /connect/session as Nango sends it: endUser tags and organization may be null."""
    from nango_client.api.connect import get_connect_session
    from nango_client.models import ConnectionEndUser, ConnectSessionDetailsResponse

    body = {
        "data": {
            "endUser": {
                "id": "user-1",
                "display_name": None,
                "email": None,
                "tags": None,
                "organization": {"id": "org-1", "display_name": None},
            },
            "connectUISettings": {"showWatermark": True},
            "allowed_integrations": ["github-prod"],
            "isReconnecting": True,
        }
    }
    server.add("GET", "/connect/session", 200, body)

    result = get_connect_session.sync(client=client)

    assert isinstance(result, ConnectSessionDetailsResponse)
    assert isinstance(result.data.end_user, ConnectionEndUser)
    assert result.data.end_user.tags is None
    assert result.data.is_reconnecting is True


def test_connection_with_null_tags_and_metadata_parses(server: CannedServer, client: Any) -> None:
    """A connection that never had tags comes back with `tags: null`, as Nango sends it."""
    from nango_client.api.connections import get_connection, list_connections
    from nango_client.models import ConnectionDetail, ConnectionListResponse

    detail = _connection({"type": "API_KEY", "apiKey": "k"}, tags=None, metadata=None)
    server.add("GET", "/connections/conn-1", 200, detail)
    summary = {k: v for k, v in detail.items() if k in CONNECTION_BASE} | {"created": "x"}
    server.add("GET", "/connections", 200, {"connections": [summary]})

    one = get_connection.sync("conn-1", client=client, provider_config_key="github-prod")
    listed = list_connections.sync(client=client)

    assert isinstance(one, ConnectionDetail) and one.tags is None and one.metadata is None
    assert isinstance(listed, ConnectionListResponse) and listed.connections[0].tags is None
