from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.json_object import JsonObject
from ...types import Response


def _get_kwargs(
    connection_id: str,
    *,
    body: JsonObject,
    provider_config_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Provider-Config-Key"] = provider_config_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/connection/{connection_id}/metadata".format(
            connection_id=quote(str(connection_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | JsonObject | None:
    if response.status_code == 201:
        response_201 = JsonObject.from_dict(response.json())

        return response_201

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | JsonObject]:
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
    body: JsonObject,
    provider_config_key: str,
) -> Response[ErrorResponse | JsonObject]:
    """Replace the metadata of one connection (per-connection form)

     Replaces the metadata of the connection named in the path; the integration is given in the
    `Provider-Config-Key` header and the body is the metadata itself.

    Args:
        connection_id (str):
        provider_config_key (str):
        body (JsonObject): A free-form JSON object; every key is kept in `additional_properties`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JsonObject]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        body=body,
        provider_config_key=provider_config_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: JsonObject,
    provider_config_key: str,
) -> ErrorResponse | JsonObject | None:
    """Replace the metadata of one connection (per-connection form)

     Replaces the metadata of the connection named in the path; the integration is given in the
    `Provider-Config-Key` header and the body is the metadata itself.

    Args:
        connection_id (str):
        provider_config_key (str):
        body (JsonObject): A free-form JSON object; every key is kept in `additional_properties`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JsonObject
    """

    return sync_detailed(
        connection_id=connection_id,
        client=client,
        body=body,
        provider_config_key=provider_config_key,
    ).parsed


async def asyncio_detailed(
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: JsonObject,
    provider_config_key: str,
) -> Response[ErrorResponse | JsonObject]:
    """Replace the metadata of one connection (per-connection form)

     Replaces the metadata of the connection named in the path; the integration is given in the
    `Provider-Config-Key` header and the body is the metadata itself.

    Args:
        connection_id (str):
        provider_config_key (str):
        body (JsonObject): A free-form JSON object; every key is kept in `additional_properties`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JsonObject]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        body=body,
        provider_config_key=provider_config_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: JsonObject,
    provider_config_key: str,
) -> ErrorResponse | JsonObject | None:
    """Replace the metadata of one connection (per-connection form)

     Replaces the metadata of the connection named in the path; the integration is given in the
    `Provider-Config-Key` header and the body is the metadata itself.

    Args:
        connection_id (str):
        provider_config_key (str):
        body (JsonObject): A free-form JSON object; every key is kept in `additional_properties`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JsonObject
    """

    return (
        await asyncio_detailed(
            connection_id=connection_id,
            client=client,
            body=body,
            provider_config_key=provider_config_key,
        )
    ).parsed
