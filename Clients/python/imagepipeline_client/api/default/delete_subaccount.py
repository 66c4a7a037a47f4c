from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.delete_subaccount_delete_data import DeleteSubaccountDeleteData
from ...models.error import Error
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    account_id: str,
    *,
    delete_data: DeleteSubaccountDeleteData | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_delete_data: str | Unset = UNSET
    if not isinstance(delete_data, Unset):
        json_delete_data = delete_data.value

    params["deleteData"] = json_delete_data


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/subaccounts/{account_id}".format(account_id=quote(str(account_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())



        return response_409

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    delete_data: DeleteSubaccountDeleteData | Unset = UNSET,

) -> Response[Any | Error]:
    """ delete a sub-account: its keys revoked, no longer listed, its name free; with deleteData=true its
    jobs' archives, results and uploads, its library and its configurations first

    Args:
        account_id (str):
        delete_data (DeleteSubaccountDeleteData | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
     """


    kwargs = _get_kwargs(
        account_id=account_id,
delete_data=delete_data,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    delete_data: DeleteSubaccountDeleteData | Unset = UNSET,

) -> Any | Error | None:
    """ delete a sub-account: its keys revoked, no longer listed, its name free; with deleteData=true its
    jobs' archives, results and uploads, its library and its configurations first

    Args:
        account_id (str):
        delete_data (DeleteSubaccountDeleteData | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
     """


    return sync_detailed(
        account_id=account_id,
client=client,
delete_data=delete_data,

    ).parsed

async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    delete_data: DeleteSubaccountDeleteData | Unset = UNSET,

) -> Response[Any | Error]:
    """ delete a sub-account: its keys revoked, no longer listed, its name free; with deleteData=true its
    jobs' archives, results and uploads, its library and its configurations first

    Args:
        account_id (str):
        delete_data (DeleteSubaccountDeleteData | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
     """


    kwargs = _get_kwargs(
        account_id=account_id,
delete_data=delete_data,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    delete_data: DeleteSubaccountDeleteData | Unset = UNSET,

) -> Any | Error | None:
    """ delete a sub-account: its keys revoked, no longer listed, its name free; with deleteData=true its
    jobs' archives, results and uploads, its library and its configurations first

    Args:
        account_id (str):
        delete_data (DeleteSubaccountDeleteData | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
     """


    return (await asyncio_detailed(
        account_id=account_id,
client=client,
delete_data=delete_data,

    )).parsed
