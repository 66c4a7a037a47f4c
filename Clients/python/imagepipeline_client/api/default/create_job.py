from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET, Unset
from ... import errors

from ...models.accepted import Accepted
from ...models.create_job_files_body import CreateJobFilesBody
from ...models.create_job_json_body import CreateJobJsonBody
from ...models.error import Error
from typing import cast



def _get_kwargs(
    *,
    body:    CreateJobFilesBody  |     CreateJobJsonBody  | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/jobs",
    }

    if isinstance(body, CreateJobFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"
    if isinstance(body, CreateJobJsonBody):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Accepted | Error | None:
    if response.status_code == 202:
        response_202 = Accepted.from_dict(response.json())



        return response_202

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if response.status_code == 402:
        response_402 = Error.from_dict(response.json())



        return response_402

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Accepted | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body:    CreateJobFilesBody  |     CreateJobJsonBody  | Unset = UNSET,

) -> Response[Accepted | Error]:
    """ upload sources against a saved configuration, or give their URLs

    Args:
        body (CreateJobFilesBody): configId or configuration
        body (CreateJobJsonBody): configId or configuration; sourceUrls, assetIds or folder: one
            kind of source per job

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Error]
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
    body:    CreateJobFilesBody  |     CreateJobJsonBody  | Unset = UNSET,

) -> Accepted | Error | None:
    """ upload sources against a saved configuration, or give their URLs

    Args:
        body (CreateJobFilesBody): configId or configuration
        body (CreateJobJsonBody): configId or configuration; sourceUrls, assetIds or folder: one
            kind of source per job

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Error
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body:    CreateJobFilesBody  |     CreateJobJsonBody  | Unset = UNSET,

) -> Response[Accepted | Error]:
    """ upload sources against a saved configuration, or give their URLs

    Args:
        body (CreateJobFilesBody): configId or configuration
        body (CreateJobJsonBody): configId or configuration; sourceUrls, assetIds or folder: one
            kind of source per job

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Error]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body:    CreateJobFilesBody  |     CreateJobJsonBody  | Unset = UNSET,

) -> Accepted | Error | None:
    """ upload sources against a saved configuration, or give their URLs

    Args:
        body (CreateJobFilesBody): configId or configuration
        body (CreateJobJsonBody): configId or configuration; sourceUrls, assetIds or folder: one
            kind of source per job

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Error
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
