from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...types import File, FileTypes
from ...types import UNSET, Unset
from io import BytesIO
from typing import cast



def _get_kwargs(
    signature: str,
    asset_id: str,
    name: str,
    *,
    expires: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(range_, Unset):
        headers["Range"] = range_

    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    params: dict[str, Any] = {}

    params["expires"] = expires


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "head",
        "url": "/files/{signature}/{asset_id}/{name}".format(signature=quote(str(signature), safe=""),asset_id=quote(str(asset_id), safe=""),name=quote(str(name), safe=""),),
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | File | None:
    if response.status_code == 200:
        response_200 = File(
             payload = BytesIO(response.content)
        )



        return response_200

    if response.status_code == 206:
        response_206 = File(
             payload = BytesIO(response.content)
        )



        return response_206

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 410:
        response_410 = Error.from_dict(response.json())



        return response_410

    if response.status_code == 416:
        response_416 = Error.from_dict(response.json())



        return response_416

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    signature: str,
    asset_id: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    expires: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | Error | File]:
    """  An asset's keyless, signed URL.

    Args:
        signature (str):
        asset_id (str):
        name (str):
        expires (str | Unset):
        range_ (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File]
     """


    kwargs = _get_kwargs(
        signature=signature,
asset_id=asset_id,
name=name,
expires=expires,
range_=range_,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    signature: str,
    asset_id: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    expires: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | Error | File | None:
    """  An asset's keyless, signed URL.

    Args:
        signature (str):
        asset_id (str):
        name (str):
        expires (str | Unset):
        range_ (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File
     """


    return sync_detailed(
        signature=signature,
asset_id=asset_id,
name=name,
client=client,
expires=expires,
range_=range_,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    signature: str,
    asset_id: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    expires: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | Error | File]:
    """  An asset's keyless, signed URL.

    Args:
        signature (str):
        asset_id (str):
        name (str):
        expires (str | Unset):
        range_ (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File]
     """


    kwargs = _get_kwargs(
        signature=signature,
asset_id=asset_id,
name=name,
expires=expires,
range_=range_,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    signature: str,
    asset_id: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    expires: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | Error | File | None:
    """  An asset's keyless, signed URL.

    Args:
        signature (str):
        asset_id (str):
        name (str):
        expires (str | Unset):
        range_ (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File
     """


    return (await asyncio_detailed(
        signature=signature,
asset_id=asset_id,
name=name,
client=client,
expires=expires,
range_=range_,
if_none_match=if_none_match,

    )).parsed
