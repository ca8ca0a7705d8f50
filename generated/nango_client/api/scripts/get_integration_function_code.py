from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.function_code import FunctionCode
from ...types import UNSET, Response, Unset


def _get_kwargs(
    unique_key: str,
    name: str,
    *,
    type_: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["type"] = type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/integrations/{unique_key}/functions/{name}/code".format(
            unique_key=quote(str(unique_key), safe=""),
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FunctionCode | None:
    if response.status_code == 200:
        response_200 = FunctionCode.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | FunctionCode]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unique_key: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
) -> Response[ErrorResponse | FunctionCode]:
    """Get the source code of a function

     The source of a deployed function with its kind. Without `type`, a name shared by several kinds of
    function is a 409 `ambiguous_function` listing the matches.

    Args:
        unique_key (str):
        name (str):
        type_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FunctionCode]
    """

    kwargs = _get_kwargs(
        unique_key=unique_key,
        name=name,
        type_=type_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unique_key: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
) -> ErrorResponse | FunctionCode | None:
    """Get the source code of a function

     The source of a deployed function with its kind. Without `type`, a name shared by several kinds of
    function is a 409 `ambiguous_function` listing the matches.

    Args:
        unique_key (str):
        name (str):
        type_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FunctionCode
    """

    return sync_detailed(
        unique_key=unique_key,
        name=name,
        client=client,
        type_=type_,
    ).parsed


async def asyncio_detailed(
    unique_key: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
) -> Response[ErrorResponse | FunctionCode]:
    """Get the source code of a function

     The source of a deployed function with its kind. Without `type`, a name shared by several kinds of
    function is a 409 `ambiguous_function` listing the matches.

    Args:
        unique_key (str):
        name (str):
        type_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FunctionCode]
    """

    kwargs = _get_kwargs(
        unique_key=unique_key,
        name=name,
        type_=type_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unique_key: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
) -> ErrorResponse | FunctionCode | None:
    """Get the source code of a function

     The source of a deployed function with its kind. Without `type`, a name shared by several kinds of
    function is a 409 `ambiguous_function` listing the matches.

    Args:
        unique_key (str):
        name (str):
        type_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FunctionCode
    """

    return (
        await asyncio_detailed(
            unique_key=unique_key,
            name=name,
            client=client,
            type_=type_,
        )
    ).parsed
