from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.integration_detail_response import IntegrationDetailResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    unique_key: str,
    *,
    include: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_include: list[str] | Unset = UNSET
    if not isinstance(include, Unset):
        json_include = include

    params["include"] = json_include

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/integrations/{unique_key}".format(
            unique_key=quote(str(unique_key), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | IntegrationDetailResponse | None:
    if response.status_code == 200:
        response_200 = IntegrationDetailResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | IntegrationDetailResponse]:
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
    include: list[str] | Unset = UNSET,
) -> Response[ErrorResponse | IntegrationDetailResponse]:
    """Get an integration

     One integration. Sensitive parts are only returned when asked for with `include` (repeat the
    parameter for several values; a comma-separated value is rejected).

    Args:
        unique_key (str):
        include (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | IntegrationDetailResponse]
    """

    kwargs = _get_kwargs(
        unique_key=unique_key,
        include=include,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unique_key: str,
    *,
    client: AuthenticatedClient | Client,
    include: list[str] | Unset = UNSET,
) -> ErrorResponse | IntegrationDetailResponse | None:
    """Get an integration

     One integration. Sensitive parts are only returned when asked for with `include` (repeat the
    parameter for several values; a comma-separated value is rejected).

    Args:
        unique_key (str):
        include (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | IntegrationDetailResponse
    """

    return sync_detailed(
        unique_key=unique_key,
        client=client,
        include=include,
    ).parsed


async def asyncio_detailed(
    unique_key: str,
    *,
    client: AuthenticatedClient | Client,
    include: list[str] | Unset = UNSET,
) -> Response[ErrorResponse | IntegrationDetailResponse]:
    """Get an integration

     One integration. Sensitive parts are only returned when asked for with `include` (repeat the
    parameter for several values; a comma-separated value is rejected).

    Args:
        unique_key (str):
        include (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | IntegrationDetailResponse]
    """

    kwargs = _get_kwargs(
        unique_key=unique_key,
        include=include,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unique_key: str,
    *,
    client: AuthenticatedClient | Client,
    include: list[str] | Unset = UNSET,
) -> ErrorResponse | IntegrationDetailResponse | None:
    """Get an integration

     One integration. Sensitive parts are only returned when asked for with `include` (repeat the
    parameter for several values; a comma-separated value is rejected).

    Args:
        unique_key (str):
        include (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | IntegrationDetailResponse
    """

    return (
        await asyncio_detailed(
            unique_key=unique_key,
            client=client,
            include=include,
        )
    ).parsed
