from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.function_run_handle import FunctionRunHandle
from ...models.function_source_deployment import FunctionSourceDeployment
from ...models.function_template_deployment import FunctionTemplateDeployment
from ...types import Response


def _get_kwargs(
    *,
    body: FunctionSourceDeployment | FunctionTemplateDeployment,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/functions/deployments",
    }

    if isinstance(body, FunctionSourceDeployment):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FunctionRunHandle | None:
    if response.status_code == 202:
        response_202 = FunctionRunHandle.from_dict(response.json())

        return response_202

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

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ErrorResponse.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | FunctionRunHandle]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FunctionSourceDeployment | FunctionTemplateDeployment,
) -> Response[ErrorResponse | FunctionRunHandle]:
    """Deploy a function

     Deploys a function to an existing integration: `type: function` with TypeScript source, or `type:
    template` with the name of one of the provider's templates (`GET /providers/{provider}/templates`).
    Needs the `environment:deploy` scope. Poll `GET /functions/deployments/{id}` until `status` is
    `success` or `failed`. A template already deployed, or a name shared by a sync and an action without
    `function_type`, is a 409.

    Args:
        body (FunctionSourceDeployment | FunctionTemplateDeployment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FunctionRunHandle]
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
    body: FunctionSourceDeployment | FunctionTemplateDeployment,
) -> ErrorResponse | FunctionRunHandle | None:
    """Deploy a function

     Deploys a function to an existing integration: `type: function` with TypeScript source, or `type:
    template` with the name of one of the provider's templates (`GET /providers/{provider}/templates`).
    Needs the `environment:deploy` scope. Poll `GET /functions/deployments/{id}` until `status` is
    `success` or `failed`. A template already deployed, or a name shared by a sync and an action without
    `function_type`, is a 409.

    Args:
        body (FunctionSourceDeployment | FunctionTemplateDeployment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FunctionRunHandle
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FunctionSourceDeployment | FunctionTemplateDeployment,
) -> Response[ErrorResponse | FunctionRunHandle]:
    """Deploy a function

     Deploys a function to an existing integration: `type: function` with TypeScript source, or `type:
    template` with the name of one of the provider's templates (`GET /providers/{provider}/templates`).
    Needs the `environment:deploy` scope. Poll `GET /functions/deployments/{id}` until `status` is
    `success` or `failed`. A template already deployed, or a name shared by a sync and an action without
    `function_type`, is a 409.

    Args:
        body (FunctionSourceDeployment | FunctionTemplateDeployment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FunctionRunHandle]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FunctionSourceDeployment | FunctionTemplateDeployment,
) -> ErrorResponse | FunctionRunHandle | None:
    """Deploy a function

     Deploys a function to an existing integration: `type: function` with TypeScript source, or `type:
    template` with the name of one of the provider's templates (`GET /providers/{provider}/templates`).
    Needs the `environment:deploy` scope. Poll `GET /functions/deployments/{id}` until `status` is
    `success` or `failed`. A template already deployed, or a name shared by a sync and an action without
    `function_type`, is a 409.

    Args:
        body (FunctionSourceDeployment | FunctionTemplateDeployment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FunctionRunHandle
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
