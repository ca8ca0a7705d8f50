from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, Response, Unset


def _get_kwargs(
    any_path: str,
    *,
    body: Any | Unset = UNSET,
    connection_id: str,
    provider_config_key: str,
    retries: int | Unset = UNSET,
    retry_on: str | Unset = UNSET,
    base_url_override: str | Unset = UNSET,
    decompress: bool | Unset = UNSET,
    forward_headers_on_redirect: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Connection-Id"] = connection_id

    headers["Provider-Config-Key"] = provider_config_key

    if not isinstance(retries, Unset):
        headers["Retries"] = str(retries)

    if not isinstance(retry_on, Unset):
        headers["Retry-On"] = retry_on

    if not isinstance(base_url_override, Unset):
        headers["Base-Url-Override"] = base_url_override

    if not isinstance(decompress, Unset):
        headers["Decompress"] = "true" if decompress else "false"

    if not isinstance(forward_headers_on_redirect, Unset):
        headers["Forward-Headers-On-Redirect"] = "true" if forward_headers_on_redirect else "false"

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/proxy/{any_path}".format(
            any_path=quote(str(any_path), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | None:
    if response.status_code == 200:
        return None

    if response.status_code == 400:
        return None

    if response.status_code == 401:
        return None

    if response.status_code == 403:
        return None

    if response.status_code == 404:
        return None

    if response.status_code == 429:
        return None

    if response.status_code == 500:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    any_path: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
    connection_id: str,
    provider_config_key: str,
    retries: int | Unset = UNSET,
    retry_on: str | Unset = UNSET,
    base_url_override: str | Unset = UNSET,
    decompress: bool | Unset = UNSET,
    forward_headers_on_redirect: bool | Unset = UNSET,
) -> Response[Any]:
    """Proxy a PATCH request

     Sends the request to the provider's API with the connection's credentials injected. The path after
    `/proxy` and the whole query string are passed on unchanged; only request headers named `Nango-
    Proxy-<Name>` are forwarded (as `<Name>`), and `Nango-Proxy-Authorization` replaces the injected
    credentials. The provider's status and body come back as they are for 4xx and 5xx; on success only a
    few headers are kept. Only the JSON form of the body is described here: form and raw bodies are also
    accepted, and the generated operation percent-encodes `/` in the path, so the hand-written SDK makes
    proxy calls itself.

    Args:
        any_path (str):
        connection_id (str):
        provider_config_key (str):
        retries (int | Unset):
        retry_on (str | Unset):
        base_url_override (str | Unset):
        decompress (bool | Unset):
        forward_headers_on_redirect (bool | Unset):
        body (Any | Unset): Any JSON value, kept as parsed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        any_path=any_path,
        body=body,
        connection_id=connection_id,
        provider_config_key=provider_config_key,
        retries=retries,
        retry_on=retry_on,
        base_url_override=base_url_override,
        decompress=decompress,
        forward_headers_on_redirect=forward_headers_on_redirect,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    any_path: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
    connection_id: str,
    provider_config_key: str,
    retries: int | Unset = UNSET,
    retry_on: str | Unset = UNSET,
    base_url_override: str | Unset = UNSET,
    decompress: bool | Unset = UNSET,
    forward_headers_on_redirect: bool | Unset = UNSET,
) -> Response[Any]:
    """Proxy a PATCH request

     Sends the request to the provider's API with the connection's credentials injected. The path after
    `/proxy` and the whole query string are passed on unchanged; only request headers named `Nango-
    Proxy-<Name>` are forwarded (as `<Name>`), and `Nango-Proxy-Authorization` replaces the injected
    credentials. The provider's status and body come back as they are for 4xx and 5xx; on success only a
    few headers are kept. Only the JSON form of the body is described here: form and raw bodies are also
    accepted, and the generated operation percent-encodes `/` in the path, so the hand-written SDK makes
    proxy calls itself.

    Args:
        any_path (str):
        connection_id (str):
        provider_config_key (str):
        retries (int | Unset):
        retry_on (str | Unset):
        base_url_override (str | Unset):
        decompress (bool | Unset):
        forward_headers_on_redirect (bool | Unset):
        body (Any | Unset): Any JSON value, kept as parsed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        any_path=any_path,
        body=body,
        connection_id=connection_id,
        provider_config_key=provider_config_key,
        retries=retries,
        retry_on=retry_on,
        base_url_override=base_url_override,
        decompress=decompress,
        forward_headers_on_redirect=forward_headers_on_redirect,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
