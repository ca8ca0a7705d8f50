from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.integration_response import IntegrationResponse
from ...models.update_integration_request import UpdateIntegrationRequest
from ...types import Response


def _get_kwargs(
    unique_key: str,
    *,
    body: UpdateIntegrationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/integrations/{unique_key}".format(
            unique_key=quote(str(unique_key), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | IntegrationResponse | None:
    if response.status_code == 200:
        response_200 = IntegrationResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | IntegrationResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unique_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateIntegrationRequest,
) -> Response[ErrorResponse | IntegrationResponse]:
    """Update an integration

     Changes the key, display name, credentials or webhook forwarding of an integration.

    Args:
        unique_key (str):
        body (UpdateIntegrationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | IntegrationResponse]
    """

    kwargs = _get_kwargs(
        unique_key=unique_key,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unique_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateIntegrationRequest,
) -> ErrorResponse | IntegrationResponse | None:
    """Update an integration

     Changes the key, display name, credentials or webhook forwarding of an integration.

    Args:
        unique_key (str):
        body (UpdateIntegrationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | IntegrationResponse
    """

    return sync_detailed(
        unique_key=unique_key,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    unique_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateIntegrationRequest,
) -> Response[ErrorResponse | IntegrationResponse]:
    """Update an integration

     Changes the key, display name, credentials or webhook forwarding of an integration.

    Args:
        unique_key (str):
        body (UpdateIntegrationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | IntegrationResponse]
    """

    kwargs = _get_kwargs(
        unique_key=unique_key,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unique_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateIntegrationRequest,
) -> ErrorResponse | IntegrationResponse | None:
    """Update an integration

     Changes the key, display name, credentials or webhook forwarding of an integration.

    Args:
        unique_key (str):
        body (UpdateIntegrationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | IntegrationResponse
    """

    return (
        await asyncio_detailed(
            unique_key=unique_key,
            client=client,
            body=body,
        )
    ).parsed
