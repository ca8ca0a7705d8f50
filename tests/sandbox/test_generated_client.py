"""The generated nango_client works against the sandbox end to end."""

from __future__ import annotations

import httpx
from nango_client import AuthenticatedClient
from nango_client.api.connect import create_connect_session
from nango_client.api.connections import delete_connection, get_connection, list_connections
from nango_client.api.integrations import create_integration, get_integration, list_integrations
from nango_client.api.metadata import set_metadata
from nango_client.models import (
    ConnectionDetail,
    ConnectionListResponse,
    ConnectSessionInput,
    ConnectSessionResponse,
    CreateIntegrationRequest,
    EndUser,
    IntegrationCredentials,
    IntegrationDetailResponse,
    IntegrationListResponse,
    IntegrationResponse,
    MetadataRequest,
    OAuth2Credentials,
)
from nango_client.models.json_object import JsonObject
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import unique


def test_generated_client_round_trip(sandbox: Sandbox, sandbox_client: httpx.Client) -> None:
    """Create an integration, connect, list, get credentials, set metadata and delete with nango_client."""
    client = AuthenticatedClient(base_url=sandbox.base_url, token=sandbox.secret_key)
    key = unique("gen")
    created = create_integration.sync(
        client=client,
        body=CreateIntegrationRequest(
            unique_key=key,
            provider="github",
            credentials=IntegrationCredentials(
                type_="OAUTH2", client_id="c", client_secret="s", scopes="repo"
            ),
        ),
    )
    assert isinstance(created, IntegrationResponse) and created.data.unique_key == key
    listed = list_integrations.sync(client=client)
    assert isinstance(listed, IntegrationListResponse) and key in {
        i.unique_key for i in listed.data
    }
    detail = get_integration.sync(key, client=client, include=["credentials"])
    assert isinstance(detail, IntegrationDetailResponse)
    session = create_connect_session.sync(
        client=client,
        body=ConnectSessionInput(end_user=EndUser(id="gen-user"), allowed_integrations=[key]),
    )
    assert isinstance(session, ConnectSessionResponse)
    connection_id = sandbox_client.post(
        "/_sandbox/connect/complete", json={"token": session.data.token}
    ).json()["connection_id"]
    connections = list_connections.sync(client=client, integration_id=key)
    assert (
        isinstance(connections, ConnectionListResponse)
        and connections.connections[0].connection_id == connection_id
    )
    connection = get_connection.sync(
        connection_id, client=client, provider_config_key=key, refresh_token=True
    )
    assert isinstance(connection, ConnectionDetail)
    assert (
        isinstance(connection.credentials, OAuth2Credentials)
        and connection.credentials.refresh_token
    )
    metadata = JsonObject.from_dict({"team": "core"})
    assert (
        set_metadata.sync_detailed(
            client=client,
            body=MetadataRequest(
                connection_id=connection_id, provider_config_key=key, metadata=metadata
            ),
        ).status_code
        == 201
    )
    assert (
        delete_connection.sync_detailed(
            connection_id, client=client, provider_config_key=key
        ).status_code
        == 200
    )


def test_generated_client_parses_sandbox_errors(sandbox: Sandbox, make_integration) -> None:  # type: ignore[no-untyped-def]
    """Error answers parse into the generated ErrorResponse with Nango's codes."""
    from nango_client.models import ErrorResponse

    client = AuthenticatedClient(base_url=sandbox.base_url, token=sandbox.secret_key)
    key = make_integration("openai")
    missing = get_connection.sync("nope", client=client, provider_config_key=key)
    assert (
        isinstance(missing, ErrorResponse) and missing.error and missing.error.code == "not_found"
    )
    duplicate = create_integration.sync(
        client=client, body=CreateIntegrationRequest(unique_key=key, provider="openai")
    )
    assert (
        isinstance(duplicate, ErrorResponse)
        and duplicate.error
        and duplicate.error.code == "invalid_body"
    )
    unauthorized = AuthenticatedClient(base_url=sandbox.base_url, token="not-a-uuid")
    refused = list_integrations.sync(client=unauthorized)
    assert (
        isinstance(refused, ErrorResponse)
        and refused.error
        and refused.error.code == "invalid_secret_key_format"
    )
