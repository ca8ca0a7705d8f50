from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.records_response import RecordsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    model: str,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    filter_: str | Unset = UNSET,
    modified_after: str | Unset = UNSET,
    delta: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    variant: str | Unset = UNSET,
    connection_id: str,
    provider_config_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Connection-Id"] = connection_id

    headers["Provider-Config-Key"] = provider_config_key

    params: dict[str, Any] = {}

    params["model"] = model

    params["cursor"] = cursor

    params["limit"] = limit

    params["filter"] = filter_

    params["modified_after"] = modified_after

    params["delta"] = delta

    json_ids: list[str] | Unset = UNSET
    if not isinstance(ids, Unset):
        json_ids = ids

    params["ids"] = json_ids

    params["variant"] = variant

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/records",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RecordsResponse | None:
    if response.status_code == 200:
        response_200 = RecordsResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | RecordsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    model: str,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    filter_: str | Unset = UNSET,
    modified_after: str | Unset = UNSET,
    delta: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    variant: str | Unset = UNSET,
    connection_id: str,
    provider_config_key: str,
) -> Response[ErrorResponse | RecordsResponse]:
    """List records

     Records of one model stored for a connection, oldest change first, one page at a time. Pass the
    returned `next_cursor` as `cursor` to get the next page; an unknown model gives an empty page.

    Args:
        model (str):
        cursor (str | Unset):
        limit (int | Unset):
        filter_ (str | Unset):
        modified_after (str | Unset):
        delta (str | Unset):
        ids (list[str] | Unset):
        variant (str | Unset):
        connection_id (str):
        provider_config_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RecordsResponse]
    """

    kwargs = _get_kwargs(
        model=model,
        cursor=cursor,
        limit=limit,
        filter_=filter_,
        modified_after=modified_after,
        delta=delta,
        ids=ids,
        variant=variant,
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
    model: str,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    filter_: str | Unset = UNSET,
    modified_after: str | Unset = UNSET,
    delta: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    variant: str | Unset = UNSET,
    connection_id: str,
    provider_config_key: str,
) -> ErrorResponse | RecordsResponse | None:
    """List records

     Records of one model stored for a connection, oldest change first, one page at a time. Pass the
    returned `next_cursor` as `cursor` to get the next page; an unknown model gives an empty page.

    Args:
        model (str):
        cursor (str | Unset):
        limit (int | Unset):
        filter_ (str | Unset):
        modified_after (str | Unset):
        delta (str | Unset):
        ids (list[str] | Unset):
        variant (str | Unset):
        connection_id (str):
        provider_config_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RecordsResponse
    """

    return sync_detailed(
        client=client,
        model=model,
        cursor=cursor,
        limit=limit,
        filter_=filter_,
        modified_after=modified_after,
        delta=delta,
        ids=ids,
        variant=variant,
        connection_id=connection_id,
        provider_config_key=provider_config_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    model: str,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    filter_: str | Unset = UNSET,
    modified_after: str | Unset = UNSET,
    delta: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    variant: str | Unset = UNSET,
    connection_id: str,
    provider_config_key: str,
) -> Response[ErrorResponse | RecordsResponse]:
    """List records

     Records of one model stored for a connection, oldest change first, one page at a time. Pass the
    returned `next_cursor` as `cursor` to get the next page; an unknown model gives an empty page.

    Args:
        model (str):
        cursor (str | Unset):
        limit (int | Unset):
        filter_ (str | Unset):
        modified_after (str | Unset):
        delta (str | Unset):
        ids (list[str] | Unset):
        variant (str | Unset):
        connection_id (str):
        provider_config_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RecordsResponse]
    """

    kwargs = _get_kwargs(
        model=model,
        cursor=cursor,
        limit=limit,
        filter_=filter_,
        modified_after=modified_after,
        delta=delta,
        ids=ids,
        variant=variant,
        connection_id=connection_id,
        provider_config_key=provider_config_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    model: str,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    filter_: str | Unset = UNSET,
    modified_after: str | Unset = UNSET,
    delta: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    variant: str | Unset = UNSET,
    connection_id: str,
    provider_config_key: str,
) -> ErrorResponse | RecordsResponse | None:
    """List records

     Records of one model stored for a connection, oldest change first, one page at a time. Pass the
    returned `next_cursor` as `cursor` to get the next page; an unknown model gives an empty page.

    Args:
        model (str):
        cursor (str | Unset):
        limit (int | Unset):
        filter_ (str | Unset):
        modified_after (str | Unset):
        delta (str | Unset):
        ids (list[str] | Unset):
        variant (str | Unset):
        connection_id (str):
        provider_config_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RecordsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            model=model,
            cursor=cursor,
            limit=limit,
            filter_=filter_,
            modified_after=modified_after,
            delta=delta,
            ids=ids,
            variant=variant,
            connection_id=connection_id,
            provider_config_key=provider_config_key,
        )
    ).parsed
