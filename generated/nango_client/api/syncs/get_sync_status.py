from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.sync_status_response import SyncStatusResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    provider_config_key: str,
    syncs: str,
    connection_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["provider_config_key"] = provider_config_key

    params["syncs"] = syncs

    params["connection_id"] = connection_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sync/status",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SyncStatusResponse | None:
    if response.status_code == 200:
        response_200 = SyncStatusResponse.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | SyncStatusResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    provider_config_key: str,
    syncs: str,
    connection_id: str | Unset = UNSET,
) -> Response[ErrorResponse | SyncStatusResponse]:
    """Get sync status

     State, schedule and last results of syncs, per connection.

    Args:
        provider_config_key (str):
        syncs (str):
        connection_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SyncStatusResponse]
    """

    kwargs = _get_kwargs(
        provider_config_key=provider_config_key,
        syncs=syncs,
        connection_id=connection_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    provider_config_key: str,
    syncs: str,
    connection_id: str | Unset = UNSET,
) -> ErrorResponse | SyncStatusResponse | None:
    """Get sync status

     State, schedule and last results of syncs, per connection.

    Args:
        provider_config_key (str):
        syncs (str):
        connection_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SyncStatusResponse
    """

    return sync_detailed(
        client=client,
        provider_config_key=provider_config_key,
        syncs=syncs,
        connection_id=connection_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    provider_config_key: str,
    syncs: str,
    connection_id: str | Unset = UNSET,
) -> Response[ErrorResponse | SyncStatusResponse]:
    """Get sync status

     State, schedule and last results of syncs, per connection.

    Args:
        provider_config_key (str):
        syncs (str):
        connection_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SyncStatusResponse]
    """

    kwargs = _get_kwargs(
        provider_config_key=provider_config_key,
        syncs=syncs,
        connection_id=connection_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    provider_config_key: str,
    syncs: str,
    connection_id: str | Unset = UNSET,
) -> ErrorResponse | SyncStatusResponse | None:
    """Get sync status

     State, schedule and last results of syncs, per connection.

    Args:
        provider_config_key (str):
        syncs (str):
        connection_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SyncStatusResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            provider_config_key=provider_config_key,
            syncs=syncs,
            connection_id=connection_id,
        )
    ).parsed
