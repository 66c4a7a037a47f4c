from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.get_render_url_signed import GetRenderUrlSigned
from ...models.render_url import RenderURL
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    asset_id: str,
    *,
    config_id: str | Unset = UNSET,
    output: str | Unset = UNSET,
    options: str | Unset = UNSET,
    signed: GetRenderUrlSigned | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["configId"] = config_id

    params["output"] = output

    params["options"] = options

    json_signed: str | Unset = UNSET
    if not isinstance(signed, Unset):
        json_signed = signed.value

    params["signed"] = json_signed


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/assets/{asset_id}/render-url".format(asset_id=quote(str(asset_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | RenderURL | None:
    if response.status_code == 200:
        response_200 = RenderURL.from_dict(response.json())



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

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | RenderURL]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    asset_id: str,
    *,
    client: AuthenticatedClient | Client,
    config_id: str | Unset = UNSET,
    output: str | Unset = UNSET,
    options: str | Unset = UNSET,
    signed: GetRenderUrlSigned | Unset = UNSET,

) -> Response[Error | RenderURL]:
    """ the asset's rendering URLs for one output of a saved configuration (configId and output) or for ad-
    hoc options

    Args:
        asset_id (str):
        config_id (str | Unset):
        output (str | Unset):
        options (str | Unset):
        signed (GetRenderUrlSigned | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RenderURL]
     """


    kwargs = _get_kwargs(
        asset_id=asset_id,
config_id=config_id,
output=output,
options=options,
signed=signed,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    asset_id: str,
    *,
    client: AuthenticatedClient | Client,
    config_id: str | Unset = UNSET,
    output: str | Unset = UNSET,
    options: str | Unset = UNSET,
    signed: GetRenderUrlSigned | Unset = UNSET,

) -> Error | RenderURL | None:
    """ the asset's rendering URLs for one output of a saved configuration (configId and output) or for ad-
    hoc options

    Args:
        asset_id (str):
        config_id (str | Unset):
        output (str | Unset):
        options (str | Unset):
        signed (GetRenderUrlSigned | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RenderURL
     """


    return sync_detailed(
        asset_id=asset_id,
client=client,
config_id=config_id,
output=output,
options=options,
signed=signed,

    ).parsed

async def asyncio_detailed(
    asset_id: str,
    *,
    client: AuthenticatedClient | Client,
    config_id: str | Unset = UNSET,
    output: str | Unset = UNSET,
    options: str | Unset = UNSET,
    signed: GetRenderUrlSigned | Unset = UNSET,

) -> Response[Error | RenderURL]:
    """ the asset's rendering URLs for one output of a saved configuration (configId and output) or for ad-
    hoc options

    Args:
        asset_id (str):
        config_id (str | Unset):
        output (str | Unset):
        options (str | Unset):
        signed (GetRenderUrlSigned | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RenderURL]
     """


    kwargs = _get_kwargs(
        asset_id=asset_id,
config_id=config_id,
output=output,
options=options,
signed=signed,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    asset_id: str,
    *,
    client: AuthenticatedClient | Client,
    config_id: str | Unset = UNSET,
    output: str | Unset = UNSET,
    options: str | Unset = UNSET,
    signed: GetRenderUrlSigned | Unset = UNSET,

) -> Error | RenderURL | None:
    """ the asset's rendering URLs for one output of a saved configuration (configId and output) or for ad-
    hoc options

    Args:
        asset_id (str):
        config_id (str | Unset):
        output (str | Unset):
        options (str | Unset):
        signed (GetRenderUrlSigned | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RenderURL
     """


    return (await asyncio_detailed(
        asset_id=asset_id,
client=client,
config_id=config_id,
output=output,
options=options,
signed=signed,

    )).parsed
