from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET, Unset
from ... import errors

from ...models.error import Error
from ...models.process_image_files_body import ProcessImageFilesBody
from ...models.process_image_json_body import ProcessImageJsonBody
from ...models.processed import Processed
from ...models.processed_set import ProcessedSet
from typing import cast



def _get_kwargs(
    *,
    body:    ProcessImageFilesBody  |     ProcessImageJsonBody  | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/process",
    }

    if isinstance(body, ProcessImageFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"
    if isinstance(body, ProcessImageJsonBody):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Processed | ProcessedSet | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.content)
        return response_200

    if response.status_code == 201:
        def _parse_response_201(data: object) -> Processed | ProcessedSet:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_201_type_0 = Processed.from_dict(data)



                return response_201_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_201_type_1 = ProcessedSet.from_dict(data)



            return response_201_type_1

        response_201 = _parse_response_201(response.json())

        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Processed | ProcessedSet | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body:    ProcessImageFilesBody  |     ProcessImageJsonBody  | Unset = UNSET,

) -> Response[Error | Processed | ProcessedSet | str]:
    """ one image and its work in the request, the result in the answer (no job, no postback)

     Say what to make with one of configId, configuration, or the shortcut fields. One output: the image
    itself (a PDF source: the smaller PDF, worked on in a pipeline process of its own); several: the ZIP
    a job would make. With Accept: application/json, 201 with the figures.

    Args:
        body (ProcessImageFilesBody):
        body (ProcessImageJsonBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Processed | ProcessedSet | str]
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
    body:    ProcessImageFilesBody  |     ProcessImageJsonBody  | Unset = UNSET,

) -> Error | Processed | ProcessedSet | str | None:
    """ one image and its work in the request, the result in the answer (no job, no postback)

     Say what to make with one of configId, configuration, or the shortcut fields. One output: the image
    itself (a PDF source: the smaller PDF, worked on in a pipeline process of its own); several: the ZIP
    a job would make. With Accept: application/json, 201 with the figures.

    Args:
        body (ProcessImageFilesBody):
        body (ProcessImageJsonBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Processed | ProcessedSet | str
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body:    ProcessImageFilesBody  |     ProcessImageJsonBody  | Unset = UNSET,

) -> Response[Error | Processed | ProcessedSet | str]:
    """ one image and its work in the request, the result in the answer (no job, no postback)

     Say what to make with one of configId, configuration, or the shortcut fields. One output: the image
    itself (a PDF source: the smaller PDF, worked on in a pipeline process of its own); several: the ZIP
    a job would make. With Accept: application/json, 201 with the figures.

    Args:
        body (ProcessImageFilesBody):
        body (ProcessImageJsonBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Processed | ProcessedSet | str]
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
    body:    ProcessImageFilesBody  |     ProcessImageJsonBody  | Unset = UNSET,

) -> Error | Processed | ProcessedSet | str | None:
    """ one image and its work in the request, the result in the answer (no job, no postback)

     Say what to make with one of configId, configuration, or the shortcut fields. One output: the image
    itself (a PDF source: the smaller PDF, worked on in a pipeline process of its own); several: the ZIP
    a job would make. With Accept: application/json, 201 with the figures.

    Args:
        body (ProcessImageFilesBody):
        body (ProcessImageJsonBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Processed | ProcessedSet | str
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
