from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.connection_detail import ConnectionDetail
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    connection_id: str,
    *,
    provider_config_key: str,
    force_refresh: bool | Unset = UNSET,
    refresh_token: bool | Unset = UNSET,
    refresh_github_app_jwt_token: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["provider_config_key"] = provider_config_key

    params["force_refresh"] = force_refresh

    params["refresh_token"] = refresh_token

    params["refresh_github_app_jwt_token"] = refresh_github_app_jwt_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/connections/{connection_id}".format(
            connection_id=quote(str(connection_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConnectionDetail | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ConnectionDetail.from_dict(response.json())

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

    if response.status_code == 424:
        response_424 = ErrorResponse.from_dict(response.json())

        return response_424

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ConnectionDetail | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
    provider_config_key: str,
    force_refresh: bool | Unset = UNSET,
    refresh_token: bool | Unset = UNSET,
    refresh_github_app_jwt_token: bool | Unset = UNSET,
) -> Response[ConnectionDetail | ErrorResponse]:
    """Get a connection

     One connection with its credentials, refreshed first when they are about to expire (or always, with
    `force_refresh`).

    Args:
        connection_id (str):
        provider_config_key (str):
        force_refresh (bool | Unset):
        refresh_token (bool | Unset):
        refresh_github_app_jwt_token (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConnectionDetail | ErrorResponse]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        provider_config_key=provider_config_key,
        force_refresh=force_refresh,
        refresh_token=refresh_token,
        refresh_github_app_jwt_token=refresh_github_app_jwt_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
    provider_config_key: str,
    force_refresh: bool | Unset = UNSET,
    refresh_token: bool | Unset = UNSET,
    refresh_github_app_jwt_token: bool | Unset = UNSET,
) -> ConnectionDetail | ErrorResponse | None:
    """Get a connection

     One connection with its credentials, refreshed first when they are about to expire (or always, with
    `force_refresh`).

    Args:
        connection_id (str):
        provider_config_key (str):
        force_refresh (bool | Unset):
        refresh_token (bool | Unset):
        refresh_github_app_jwt_token (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConnectionDetail | ErrorResponse
    """

    return sync_detailed(
        connection_id=connection_id,
        client=client,
        provider_config_key=provider_config_key,
        force_refresh=force_refresh,
        refresh_token=refresh_token,
        refresh_github_app_jwt_token=refresh_github_app_jwt_token,
    ).parsed


async def asyncio_detailed(
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
    provider_config_key: str,
    force_refresh: bool | Unset = UNSET,
    refresh_token: bool | Unset = UNSET,
    refresh_github_app_jwt_token: bool | Unset = UNSET,
) -> Response[ConnectionDetail | ErrorResponse]:
    """Get a connection

     One connection with its credentials, refreshed first when they are about to expire (or always, with
    `force_refresh`).

    Args:
        connection_id (str):
        provider_config_key (str):
        force_refresh (bool | Unset):
        refresh_token (bool | Unset):
        refresh_github_app_jwt_token (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConnectionDetail | ErrorResponse]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        provider_config_key=provider_config_key,
        force_refresh=force_refresh,
        refresh_token=refresh_token,
        refresh_github_app_jwt_token=refresh_github_app_jwt_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
    provider_config_key: str,
    force_refresh: bool | Unset = UNSET,
    refresh_token: bool | Unset = UNSET,
    refresh_github_app_jwt_token: bool | Unset = UNSET,
) -> ConnectionDetail | ErrorResponse | None:
    """Get a connection

     One connection with its credentials, refreshed first when they are about to expire (or always, with
    `force_refresh`).

    Args:
        connection_id (str):
        provider_config_key (str):
        force_refresh (bool | Unset):
        refresh_token (bool | Unset):
        refresh_github_app_jwt_token (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConnectionDetail | ErrorResponse
    """

    return (
        await asyncio_detailed(
            connection_id=connection_id,
            client=client,
            provider_config_key=provider_config_key,
            force_refresh=force_refresh,
            refresh_token=refresh_token,
            refresh_github_app_jwt_token=refresh_github_app_jwt_token,
        )
    ).parsed
