from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_list_response import ApiKeyListResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    environment_uuid: UUID,
    *,
    display_name: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["display_name"] = display_name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/environments/{environment_uuid}/api-keys".format(
            environment_uuid=quote(str(environment_uuid), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiKeyListResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ApiKeyListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiKeyListResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    environment_uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    display_name: str | Unset = UNSET,
) -> Response[ApiKeyListResponse | ErrorResponse]:
    """List API keys

     The environment's API keys, without their secrets.

    Args:
        environment_uuid (UUID):
        display_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        environment_uuid=environment_uuid,
        display_name=display_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    environment_uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    display_name: str | Unset = UNSET,
) -> ApiKeyListResponse | ErrorResponse | None:
    """List API keys

     The environment's API keys, without their secrets.

    Args:
        environment_uuid (UUID):
        display_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyListResponse | ErrorResponse
    """

    return sync_detailed(
        environment_uuid=environment_uuid,
        client=client,
        display_name=display_name,
    ).parsed


async def asyncio_detailed(
    environment_uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    display_name: str | Unset = UNSET,
) -> Response[ApiKeyListResponse | ErrorResponse]:
    """List API keys

     The environment's API keys, without their secrets.

    Args:
        environment_uuid (UUID):
        display_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        environment_uuid=environment_uuid,
        display_name=display_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    environment_uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    display_name: str | Unset = UNSET,
) -> ApiKeyListResponse | ErrorResponse | None:
    """List API keys

     The environment's API keys, without their secrets.

    Args:
        environment_uuid (UUID):
        display_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyListResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            environment_uuid=environment_uuid,
            client=client,
            display_name=display_name,
        )
    ).parsed
