from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_environment_request import CreateEnvironmentRequest
from ...models.created_environment_response import CreatedEnvironmentResponse
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CreateEnvironmentRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/environments",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreatedEnvironmentResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CreatedEnvironmentResponse.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreatedEnvironmentResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateEnvironmentRequest,
) -> Response[CreatedEnvironmentResponse | ErrorResponse]:
    """Create an environment

     Creates an environment in the account and answers its numeric `id` (used by the other account-level
    calls). Needs a key with the `account:environments:create` scope (else 403 `forbidden`). The name is
    lowercase letters, digits, `_` and `-`; an existing name is a 409 `conflict`.

    Args:
        body (CreateEnvironmentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedEnvironmentResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateEnvironmentRequest,
) -> CreatedEnvironmentResponse | ErrorResponse | None:
    """Create an environment

     Creates an environment in the account and answers its numeric `id` (used by the other account-level
    calls). Needs a key with the `account:environments:create` scope (else 403 `forbidden`). The name is
    lowercase letters, digits, `_` and `-`; an existing name is a 409 `conflict`.

    Args:
        body (CreateEnvironmentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedEnvironmentResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateEnvironmentRequest,
) -> Response[CreatedEnvironmentResponse | ErrorResponse]:
    """Create an environment

     Creates an environment in the account and answers its numeric `id` (used by the other account-level
    calls). Needs a key with the `account:environments:create` scope (else 403 `forbidden`). The name is
    lowercase letters, digits, `_` and `-`; an existing name is a 409 `conflict`.

    Args:
        body (CreateEnvironmentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedEnvironmentResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateEnvironmentRequest,
) -> CreatedEnvironmentResponse | ErrorResponse | None:
    """Create an environment

     Creates an environment in the account and answers its numeric `id` (used by the other account-level
    calls). Needs a key with the `account:environments:create` scope (else 403 `forbidden`). The name is
    lowercase letters, digits, `_` and `-`; an existing name is a 409 `conflict`.

    Args:
        body (CreateEnvironmentRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedEnvironmentResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
