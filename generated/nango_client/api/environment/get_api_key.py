from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_response import ApiKeyResponse
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    environment_uuid: UUID,
    key_uuid: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/environments/{environment_uuid}/api-keys/{key_uuid}".format(
            environment_uuid=quote(str(environment_uuid), safe=""),
            key_uuid=quote(str(key_uuid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiKeyResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ApiKeyResponse.from_dict(response.json())

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
) -> Response[ApiKeyResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    environment_uuid: UUID,
    key_uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiKeyResponse | ErrorResponse]:
    """Get an API key

     One API key, with its secret (as Nango answers).

    Args:
        environment_uuid (UUID):
        key_uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        environment_uuid=environment_uuid,
        key_uuid=key_uuid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    environment_uuid: UUID,
    key_uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> ApiKeyResponse | ErrorResponse | None:
    """Get an API key

     One API key, with its secret (as Nango answers).

    Args:
        environment_uuid (UUID):
        key_uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyResponse | ErrorResponse
    """

    return sync_detailed(
        environment_uuid=environment_uuid,
        key_uuid=key_uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    environment_uuid: UUID,
    key_uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiKeyResponse | ErrorResponse]:
    """Get an API key

     One API key, with its secret (as Nango answers).

    Args:
        environment_uuid (UUID):
        key_uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        environment_uuid=environment_uuid,
        key_uuid=key_uuid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    environment_uuid: UUID,
    key_uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> ApiKeyResponse | ErrorResponse | None:
    """Get an API key

     One API key, with its secret (as Nango answers).

    Args:
        environment_uuid (UUID):
        key_uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            environment_uuid=environment_uuid,
            key_uuid=key_uuid,
            client=client,
        )
    ).parsed
