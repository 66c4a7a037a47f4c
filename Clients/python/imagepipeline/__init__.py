"""A few calls for the common cases, over the generated client (``imagepipeline_client``).

    from imagepipeline import Pipeline, verify_postback

    pipeline = Pipeline("http://127.0.0.1:8080", api_key)
    result = pipeline.process("photo.jpg", width=800, format="webp")   # the image, in the answer
    open("photo.webp", "wb").write(result.content)
    job = pipeline.run_job("thumbnails", ["a.jpg", "b.png"])           # upload, wait, the status
    archive = pipeline.archive(job["jobId"])                            # the result ZIP's bytes
    event = verify_postback(webhook_secret, request_headers, request_body)

Everything else is the generated client: ``pipeline.client`` is its ``AuthenticatedClient``.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import Any, Iterable

from imagepipeline_client import AuthenticatedClient
from imagepipeline_client.api.default import create_configuration, create_job, get_archive, get_job, process_image
from imagepipeline_client.models.create_configuration_body import CreateConfigurationBody
from imagepipeline_client.models.create_job_files_body import CreateJobFilesBody
from imagepipeline_client.models.process_image_files_body import ProcessImageFilesBody
from imagepipeline_client.models.process_image_files_body_compression_type import ProcessImageFilesBodyCompressionType
from imagepipeline_client.types import UNSET, File

__all__ = ["Pipeline", "Processed", "PipelineError", "verify_postback"]


class PipelineError(Exception):
    """An error answer: its status, its code (``RATE_LIMIT_EXCEEDED``, …) and its message."""

    def __init__(self, status: int, code: str, message: str, issues: list | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.issues = status, code, message, issues or []


@dataclass
class Processed:
    """What ``POST /v1/process`` answered: the image (or the ZIP of several outputs) and its figures."""

    content: bytes
    content_type: str
    size_before: int
    size_after: int
    width: int | None
    height: int | None

    @property
    def saved(self) -> float:
        """The fraction of the source's bytes saved (negative when the output is larger)."""
        return (self.size_before - self.size_after) / self.size_before if self.size_before else 0.0


def _check(response) -> None:
    if int(response.status_code) < 400:
        return
    try:
        error = json.loads(response.content)["error"]
    except (ValueError, KeyError, TypeError):
        raise PipelineError(int(response.status_code), "UNKNOWN", response.content[:200].decode(errors="replace")) from None
    raise PipelineError(int(response.status_code), error.get("code", ""), error.get("message", ""), error.get("issues"))


def _file(source: str | os.PathLike | bytes, name: str | None) -> File:
    if isinstance(source, (bytes, bytearray)):
        return File(payload=bytes(source), file_name=name or "image")
    with open(source, "rb") as handle:
        return File(payload=handle.read(), file_name=name or os.path.basename(os.fspath(source)))


class Pipeline:
    """One server and one API key."""

    def __init__(self, base_url: str, api_key: str, *, timeout: float = 120.0):
        self.client = AuthenticatedClient(base_url=base_url.rstrip("/"), token=api_key, timeout=timeout, raise_on_unexpected_status=False)

    def process(self, source: str | os.PathLike | bytes, *, name: str | None = None, config_id: str | None = None,
                configuration: dict | None = None, width: int | None = None, height: int | None = None, fit: str | None = None,
                gravity: str | None = None, format: str | None = None, quality: int | float | None = None,
                compression_type: str | None = None) -> Processed:
        """One image through a saved configuration, a configuration document, or the shortcut
        fields (``width``, ``height``, ``fit``, ``gravity``, ``format``, ``quality``,
        ``compression_type``: ``lossy`` or ``lossless``), answered with the result."""
        def text(value: Any) -> Any:
            return UNSET if value is None else str(value)
        body = ProcessImageFilesBody(
            file=_file(source, name), width=text(width), height=text(height), fit=text(fit), gravity=text(gravity),
            format_=text(format), quality=text(quality), config_id=text(config_id),
            configuration=UNSET if configuration is None else json.dumps(configuration),
            compression_type=UNSET if compression_type is None else ProcessImageFilesBodyCompressionType(compression_type))
        response = process_image.sync_detailed(client=self.client, body=body)
        _check(response)
        headers = response.headers
        return Processed(content=response.content, content_type=headers.get("content-type", ""),
                         size_before=int(headers.get("x-size-before", "0")), size_after=int(headers.get("x-size-after", len(response.content))),
                         width=int(headers["x-width"]) if "x-width" in headers else None,
                         height=int(headers["x-height"]) if "x-height" in headers else None)

    def save_configuration(self, document: dict) -> dict:
        """Saves a configuration document; its normalised form, id and plan."""
        response = create_configuration.sync_detailed(client=self.client, body=CreateConfigurationBody.from_dict(document))
        _check(response)
        return json.loads(response.content)

    def run_job(self, config_id: str, sources: Iterable[str | os.PathLike], *, wait: bool = True, timeout: float = 600.0,
                postback_url: str | None = None) -> dict:
        """Uploads files against a saved configuration; with ``wait``, polls until the job has
        run and returns its status document (``status``: succeeded, partial or failed)."""
        body = CreateJobFilesBody(sources=[_file(path, None) for path in sources], config_id=config_id,
                                  postback_url=UNSET if postback_url is None else postback_url)
        response = create_job.sync_detailed(client=self.client, body=body)
        _check(response)
        job_id = json.loads(response.content)["jobId"]
        deadline = time.monotonic() + timeout
        while True:
            status = self.job(job_id)
            if not wait or status["status"] in ("succeeded", "partial", "failed"):
                return status
            if time.monotonic() > deadline:
                raise TimeoutError(f"job {job_id} is still {status['status']} after {timeout} s")
            time.sleep(0.5)

    def job(self, job_id: str) -> dict:
        response = get_job.sync_detailed(job_id, client=self.client)
        _check(response)
        return json.loads(response.content)

    def archive(self, job_id: str) -> bytes:
        """The result ZIP of a job that has run."""
        response = get_archive.sync_detailed(job_id, client=self.client)
        _check(response)
        return response.content


def verify_postback(secret: str, headers: dict, body: bytes) -> dict:
    """Checks a JSON postback's Standard Webhooks signature (``webhook-id``,
    ``webhook-timestamp``, ``webhook-signature``) with the account's ``whsec_…`` secret and
    returns the notification; raises ``standardwebhooks.WebhookVerificationError`` otherwise."""
    from standardwebhooks import Webhook
    return Webhook(secret).verify(body, {key.lower(): value for key, value in headers.items()})
