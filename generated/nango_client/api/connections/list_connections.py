from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.connection_list_response import ConnectionListResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    connection_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    end_user_id: str | Unset = UNSET,
    end_user_organization_id: str | Unset = UNSET,
    integration_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["connectionId"] = connection_id

    params["search"] = search

    params["endUserId"] = end_user_id

    params["endUserOrganizationId"] = end_user_organization_id

    params["integrationId"] = integration_id

    params["limit"] = limit

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/connections",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConnectionListResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ConnectionListResponse.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ConnectionListResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    connection_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    end_user_id: str | Unset = UNSET,
    end_user_organization_id: str | Unset = UNSET,
    integration_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[ConnectionListResponse | ErrorResponse]:
    """List connections

     Connections of the environment, without credentials. The server also filters on tags with
    `tags[<key>]=<value>` parameters, which are not described here because the generator cannot
    serialise them (the hand-written SDK adds them). Unknown query parameters are rejected with 400
    `invalid_query_params`.

    Args:
        connection_id (str | Unset):
        search (str | Unset):
        end_user_id (str | Unset):
        end_user_organization_id (str | Unset):
        integration_id (str | Unset):
        limit (int | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConnectionListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        search=search,
        end_user_id=end_user_id,
        end_user_organization_id=end_user_organization_id,
        integration_id=integration_id,
        limit=limit,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    connection_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    end_user_id: str | Unset = UNSET,
    end_user_organization_id: str | Unset = UNSET,
    integration_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
) -> ConnectionListResponse | ErrorResponse | None:
    """List connections

     Connections of the environment, without credentials. The server also filters on tags with
    `tags[<key>]=<value>` parameters, which are not described here because the generator cannot
    serialise them (the hand-written SDK adds them). Unknown query parameters are rejected with 400
    `invalid_query_params`.

    Args:
        connection_id (str | Unset):
        search (str | Unset):
        end_user_id (str | Unset):
        end_user_organization_id (str | Unset):
        integration_id (str | Unset):
        limit (int | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConnectionListResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        connection_id=connection_id,
        search=search,
        end_user_id=end_user_id,
        end_user_organization_id=end_user_organization_id,
        integration_id=integration_id,
        limit=limit,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    connection_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    end_user_id: str | Unset = UNSET,
    end_user_organization_id: str | Unset = UNSET,
    integration_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[ConnectionListResponse | ErrorResponse]:
    """List connections

     Connections of the environment, without credentials. The server also filters on tags with
    `tags[<key>]=<value>` parameters, which are not described here because the generator cannot
    serialise them (the hand-written SDK adds them). Unknown query parameters are rejected with 400
    `invalid_query_params`.

    Args:
        connection_id (str | Unset):
        search (str | Unset):
        end_user_id (str | Unset):
        end_user_organization_id (str | Unset):
        integration_id (str | Unset):
        limit (int | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConnectionListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        search=search,
        end_user_id=end_user_id,
        end_user_organization_id=end_user_organization_id,
        integration_id=integration_id,
        limit=limit,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    connection_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    end_user_id: str | Unset = UNSET,
    end_user_organization_id: str | Unset = UNSET,
    integration_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
) -> ConnectionListResponse | ErrorResponse | None:
    """List connections

     Connections of the environment, without credentials. The server also filters on tags with
    `tags[<key>]=<value>` parameters, which are not described here because the generator cannot
    serialise them (the hand-written SDK adds them). Unknown query parameters are rejected with 400
    `invalid_query_params`.

    Args:
        connection_id (str | Unset):
        search (str | Unset):
        end_user_id (str | Unset):
        end_user_organization_id (str | Unset):
        integration_id (str | Unset):
        limit (int | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConnectionListResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            connection_id=connection_id,
            search=search,
            end_user_id=end_user_id,
            end_user_organization_id=end_user_organization_id,
            integration_id=integration_id,
            limit=limit,
            page=page,
        )
    ).parsed
