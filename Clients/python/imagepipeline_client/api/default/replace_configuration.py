from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.configuration import Configuration
from ...models.error import Error
from ...models.replace_configuration_body import ReplaceConfigurationBody
from typing import cast



def _get_kwargs(
    config_id: str,
    *,
    body: ReplaceConfigurationBody,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/configurations/{config_id}".format(config_id=quote(str(config_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Configuration | Error | None:
    if response.status_code == 200:
        response_200 = Configuration.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Configuration | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    config_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReplaceConfigurationBody,

) -> Response[Configuration | Error]:
    """ save a new version

    Args:
        config_id (str):
        body (ReplaceConfigurationBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Configuration | Error]
     """


    kwargs = _get_kwargs(
        config_id=config_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    config_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReplaceConfigurationBody,

) -> Configuration | Error | None:
    """ save a new version

    Args:
        config_id (str):
        body (ReplaceConfigurationBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Configuration | Error
     """


    return sync_detailed(
        config_id=config_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    config_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReplaceConfigurationBody,

) -> Response[Configuration | Error]:
    """ save a new version

    Args:
        config_id (str):
        body (ReplaceConfigurationBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Configuration | Error]
     """


    kwargs = _get_kwargs(
        config_id=config_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    config_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReplaceConfigurationBody,

) -> Configuration | Error | None:
    """ save a new version

    Args:
        config_id (str):
        body (ReplaceConfigurationBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Configuration | Error
     """


    return (await asyncio_detailed(
        config_id=config_id,
client=client,
body=body,

    )).parsed
