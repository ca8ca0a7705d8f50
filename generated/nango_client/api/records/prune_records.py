from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.prune_records_request import PruneRecordsRequest
from ...models.prune_records_response import PruneRecordsResponse
from ...types import Response


def _get_kwargs(
    *,
    body: PruneRecordsRequest,
    connection_id: str,
    provider_config_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Connection-Id"] = connection_id

    headers["Provider-Config-Key"] = provider_config_key

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/records/prune",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PruneRecordsResponse | None:
    if response.status_code == 200:
        response_200 = PruneRecordsResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | PruneRecordsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PruneRecordsRequest,
    connection_id: str,
    provider_config_key: str,
) -> Response[ErrorResponse | PruneRecordsResponse]:
    """Prune records

     Empties the payload of stored records up to and including a cursor, keeping their `_nango_metadata`.

    Args:
        connection_id (str):
        provider_config_key (str):
        body (PruneRecordsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PruneRecordsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        connection_id=connection_id,
        provider_config_key=provider_config_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PruneRecordsRequest,
    connection_id: str,
    provider_config_key: str,
) -> ErrorResponse | PruneRecordsResponse | None:
    """Prune records

     Empties the payload of stored records up to and including a cursor, keeping their `_nango_metadata`.

    Args:
        connection_id (str):
        provider_config_key (str):
        body (PruneRecordsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PruneRecordsResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        connection_id=connection_id,
        provider_config_key=provider_config_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PruneRecordsRequest,
    connection_id: str,
    provider_config_key: str,
) -> Response[ErrorResponse | PruneRecordsResponse]:
    """Prune records

     Empties the payload of stored records up to and including a cursor, keeping their `_nango_metadata`.

    Args:
        connection_id (str):
        provider_config_key (str):
        body (PruneRecordsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PruneRecordsResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        connection_id=connection_id,
        provider_config_key=provider_config_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PruneRecordsRequest,
    connection_id: str,
    provider_config_key: str,
) -> ErrorResponse | PruneRecordsResponse | None:
    """Prune records

     Empties the payload of stored records up to and including a cursor, keeping their `_nango_metadata`.

    Args:
        connection_id (str):
        provider_config_key (str):
        body (PruneRecordsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PruneRecordsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            connection_id=connection_id,
            provider_config_key=provider_config_key,
        )
    ).parsed
