from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.success_response import SuccessResponse
from ...models.sync_variant_request import SyncVariantRequest
from ...types import Response


def _get_kwargs(
    name: str,
    variant: str,
    *,
    body: SyncVariantRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/sync/{name}/variant/{variant}".format(
            name=quote(str(name), safe=""),
            variant=quote(str(variant), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SuccessResponse | None:
    if response.status_code == 200:
        response_200 = SuccessResponse.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | SuccessResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    variant: str,
    *,
    client: AuthenticatedClient | Client,
    body: SyncVariantRequest,
) -> Response[ErrorResponse | SuccessResponse]:
    """Delete a sync variant

     Removes a sync variant of one connection.

    Args:
        name (str):
        variant (str):
        body (SyncVariantRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SuccessResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        variant=variant,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    variant: str,
    *,
    client: AuthenticatedClient | Client,
    body: SyncVariantRequest,
) -> ErrorResponse | SuccessResponse | None:
    """Delete a sync variant

     Removes a sync variant of one connection.

    Args:
        name (str):
        variant (str):
        body (SyncVariantRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SuccessResponse
    """

    return sync_detailed(
        name=name,
        variant=variant,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    variant: str,
    *,
    client: AuthenticatedClient | Client,
    body: SyncVariantRequest,
) -> Response[ErrorResponse | SuccessResponse]:
    """Delete a sync variant

     Removes a sync variant of one connection.

    Args:
        name (str):
        variant (str):
        body (SyncVariantRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SuccessResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        variant=variant,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    variant: str,
    *,
    client: AuthenticatedClient | Client,
    body: SyncVariantRequest,
) -> ErrorResponse | SuccessResponse | None:
    """Delete a sync variant

     Removes a sync variant of one connection.

    Args:
        name (str):
        variant (str):
        body (SyncVariantRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SuccessResponse
    """

    return (
        await asyncio_detailed(
            name=name,
            variant=variant,
            client=client,
            body=body,
        )
    ).parsed
