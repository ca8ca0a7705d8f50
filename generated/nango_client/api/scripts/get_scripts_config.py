from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.open_ai_function_list import OpenAIFunctionList
from ...models.scripts_config_integration import ScriptsConfigIntegration
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    format_: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["format"] = format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/scripts/config",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> list[ScriptsConfigIntegration] | OpenAIFunctionList:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                response_200_type_0 = []
                _response_200_type_0 = data
                for componentsschemas_scripts_config_list_item_data in _response_200_type_0:
                    componentsschemas_scripts_config_list_item = ScriptsConfigIntegration.from_dict(
                        componentsschemas_scripts_config_list_item_data
                    )

                    response_200_type_0.append(componentsschemas_scripts_config_list_item)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = OpenAIFunctionList.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: str | Unset = UNSET,
) -> Response[ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList]:
    """Get the configuration of deployed functions

     By default (`format=nango`) a list with one entry per integration that has deployed functions (`[]`
    when there is none). With `format=openai`, the functions as OpenAI tool definitions under `data`.

    Args:
        format_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList]
    """

    kwargs = _get_kwargs(
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    format_: str | Unset = UNSET,
) -> ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList | None:
    """Get the configuration of deployed functions

     By default (`format=nango`) a list with one entry per integration that has deployed functions (`[]`
    when there is none). With `format=openai`, the functions as OpenAI tool definitions under `data`.

    Args:
        format_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList
    """

    return sync_detailed(
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: str | Unset = UNSET,
) -> Response[ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList]:
    """Get the configuration of deployed functions

     By default (`format=nango`) a list with one entry per integration that has deployed functions (`[]`
    when there is none). With `format=openai`, the functions as OpenAI tool definitions under `data`.

    Args:
        format_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList]
    """

    kwargs = _get_kwargs(
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    format_: str | Unset = UNSET,
) -> ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList | None:
    """Get the configuration of deployed functions

     By default (`format=nango`) a list with one entry per integration that has deployed functions (`[]`
    when there is none). With `format=openai`, the functions as OpenAI tool definitions under `data`.

    Args:
        format_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | list[ScriptsConfigIntegration] | OpenAIFunctionList
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
        )
    ).parsed
