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
    path: str,
    *,
    accept: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept, Unset):
        headers["Accept"] = accept

    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "head",
        "url": "/r/{path}".format(path=quote(str(path), safe=""),),
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | File | None:
    if response.status_code == 200:
        response_200 = File(
             payload = BytesIO(response.content)
        )



        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())



        return response_400

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())



        return response_422

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    if response.status_code == 504:
        response_504 = Error.from_dict(response.json())



        return response_504

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
    path: str,
    *,
    client: AuthenticatedClient | Client,
    accept: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | Error | File]:
    """ one output of a saved configuration or of ad-hoc options, rendered from a library asset (SPEC §10)

     The path after /r/ is {signature}/{accountId}/{configId}/{outputPath}/{assetPath} or
    {signature}/{accountId}/_/{options}/{assetPath}: outputPath as under output/ in the configuration's
    ZIP (instagram-square/jpeg), assetPath the asset's folders and name or id/{assetId}, options such as
    w:400,h:300,fit:cover,g:attention,f:webp,q:78. The signature is HMAC-SHA256 of the rest of the path
    (from the / before the account id, percent-decoded) with the account's URL key, unpadded base64url,
    at least its first 32 characters; _ for an unsigned URL where the account allows them. GET
    /v1/assets/{assetId}/render-url builds them.

    Args:
        path (str):
        accept (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File]
     """


    kwargs = _get_kwargs(
        path=path,
accept=accept,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    accept: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | Error | File | None:
    """ one output of a saved configuration or of ad-hoc options, rendered from a library asset (SPEC §10)

     The path after /r/ is {signature}/{accountId}/{configId}/{outputPath}/{assetPath} or
    {signature}/{accountId}/_/{options}/{assetPath}: outputPath as under output/ in the configuration's
    ZIP (instagram-square/jpeg), assetPath the asset's folders and name or id/{assetId}, options such as
    w:400,h:300,fit:cover,g:attention,f:webp,q:78. The signature is HMAC-SHA256 of the rest of the path
    (from the / before the account id, percent-decoded) with the account's URL key, unpadded base64url,
    at least its first 32 characters; _ for an unsigned URL where the account allows them. GET
    /v1/assets/{assetId}/render-url builds them.

    Args:
        path (str):
        accept (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File
     """


    return sync_detailed(
        path=path,
client=client,
accept=accept,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    accept: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | Error | File]:
    """ one output of a saved configuration or of ad-hoc options, rendered from a library asset (SPEC §10)

     The path after /r/ is {signature}/{accountId}/{configId}/{outputPath}/{assetPath} or
    {signature}/{accountId}/_/{options}/{assetPath}: outputPath as under output/ in the configuration's
    ZIP (instagram-square/jpeg), assetPath the asset's folders and name or id/{assetId}, options such as
    w:400,h:300,fit:cover,g:attention,f:webp,q:78. The signature is HMAC-SHA256 of the rest of the path
    (from the / before the account id, percent-decoded) with the account's URL key, unpadded base64url,
    at least its first 32 characters; _ for an unsigned URL where the account allows them. GET
    /v1/assets/{assetId}/render-url builds them.

    Args:
        path (str):
        accept (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File]
     """


    kwargs = _get_kwargs(
        path=path,
accept=accept,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    path: str,
    *,
    client: AuthenticatedClient | Client,
    accept: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | Error | File | None:
    """ one output of a saved configuration or of ad-hoc options, rendered from a library asset (SPEC §10)

     The path after /r/ is {signature}/{accountId}/{configId}/{outputPath}/{assetPath} or
    {signature}/{accountId}/_/{options}/{assetPath}: outputPath as under output/ in the configuration's
    ZIP (instagram-square/jpeg), assetPath the asset's folders and name or id/{assetId}, options such as
    w:400,h:300,fit:cover,g:attention,f:webp,q:78. The signature is HMAC-SHA256 of the rest of the path
    (from the / before the account id, percent-decoded) with the account's URL key, unpadded base64url,
    at least its first 32 characters; _ for an unsigned URL where the account allows them. GET
    /v1/assets/{assetId}/render-url builds them.

    Args:
        path (str):
        accept (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File
     """


    return (await asyncio_detailed(
        path=path,
client=client,
accept=accept,
if_none_match=if_none_match,

    )).parsed
