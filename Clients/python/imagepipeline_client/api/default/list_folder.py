from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.folder_page import FolderPage
from ...models.list_folder_order import ListFolderOrder
from ...models.list_folder_origin import ListFolderOrigin
from ...models.list_folder_sort import ListFolderSort
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    path: str,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: ListFolderSort | Unset = UNSET,
    order: ListFolderOrder | Unset = UNSET,
    q: str | Unset = UNSET,
    origin: ListFolderOrigin | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["path"] = path

    params["limit"] = limit

    params["after"] = after

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["q"] = q

    json_origin: str | Unset = UNSET
    if not isinstance(origin, Unset):
        json_origin = origin.value

    params["origin"] = json_origin


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/folders",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | FolderPage | None:
    if response.status_code == 200:
        response_200 = FolderPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | FolderPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    path: str,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: ListFolderSort | Unset = UNSET,
    order: ListFolderOrder | Unset = UNSET,
    q: str | Unset = UNSET,
    origin: ListFolderOrigin | Unset = UNSET,

) -> Response[Error | FolderPage]:
    """ 
    Args:
        path (str):
        limit (int | Unset):
        after (str | Unset):
        sort (ListFolderSort | Unset):
        order (ListFolderOrder | Unset):
        q (str | Unset):
        origin (ListFolderOrigin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FolderPage]
     """


    kwargs = _get_kwargs(
        path=path,
limit=limit,
after=after,
sort=sort,
order=order,
q=q,
origin=origin,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    path: str,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: ListFolderSort | Unset = UNSET,
    order: ListFolderOrder | Unset = UNSET,
    q: str | Unset = UNSET,
    origin: ListFolderOrigin | Unset = UNSET,

) -> Error | FolderPage | None:
    """ 
    Args:
        path (str):
        limit (int | Unset):
        after (str | Unset):
        sort (ListFolderSort | Unset):
        order (ListFolderOrder | Unset):
        q (str | Unset):
        origin (ListFolderOrigin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FolderPage
     """


    return sync_detailed(
        client=client,
path=path,
limit=limit,
after=after,
sort=sort,
order=order,
q=q,
origin=origin,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    path: str,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: ListFolderSort | Unset = UNSET,
    order: ListFolderOrder | Unset = UNSET,
    q: str | Unset = UNSET,
    origin: ListFolderOrigin | Unset = UNSET,

) -> Response[Error | FolderPage]:
    """ 
    Args:
        path (str):
        limit (int | Unset):
        after (str | Unset):
        sort (ListFolderSort | Unset):
        order (ListFolderOrder | Unset):
        q (str | Unset):
        origin (ListFolderOrigin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FolderPage]
     """


    kwargs = _get_kwargs(
        path=path,
limit=limit,
after=after,
sort=sort,
order=order,
q=q,
origin=origin,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    path: str,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: ListFolderSort | Unset = UNSET,
    order: ListFolderOrder | Unset = UNSET,
    q: str | Unset = UNSET,
    origin: ListFolderOrigin | Unset = UNSET,

) -> Error | FolderPage | None:
    """ 
    Args:
        path (str):
        limit (int | Unset):
        after (str | Unset):
        sort (ListFolderSort | Unset):
        order (ListFolderOrder | Unset):
        q (str | Unset):
        origin (ListFolderOrigin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FolderPage
     """


    return (await asyncio_detailed(
        client=client,
path=path,
limit=limit,
after=after,
sort=sort,
order=order,
q=q,
origin=origin,

    )).parsed
