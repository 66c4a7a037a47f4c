#!/usr/bin/env python3
"""A postback receiver for ImagePipeline in plain Python (standard library only).

    python3 receiver.py [--port 9000] [--secret whsec_...] [--out inbox]

It does what `pipeline receive` does, in a few readable steps, so you can write your own in
any language:

 1. read the whole body (the exact bytes that were signed);
 2. verify the Standard Webhooks signature: base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>"))
    must equal one of the "v1,<sig>" entries of webhook-signature, and the timestamp must be
    within 5 minutes; the key is the base64 part of the secret after "whsec_";
 3. skip a webhook-id already stored (retries reuse it) but still answer 200;
 4. take the multipart parts outputZipFile, jobId, configId, status;
 5. check every output in configuration/manifest.json against its sha256;
 6. unpack into OUT/<jobId>/ through a temporary folder, then answer 200.

Any answer other than 2xx makes ImagePipeline retry later (410 Gone makes it stop).
"""
import argparse
import base64
import email.parser
import email.policy
import hashlib
import hmac
import io
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60
JOB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def verify(secret, webhook_id, timestamp, signatures, body):
    """Raises ValueError unless the request is signed with `secret` and recent."""
    if not (webhook_id and timestamp and signatures):
        raise ValueError("webhook-id, webhook-timestamp and webhook-signature are required")
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("webhook-timestamp is more than 5 minutes away from now")
    key = base64.b64decode(secret[len("whsec_"):])
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for entry in signatures.split(" "):
        version, _, value = entry.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return
    raise ValueError("no signature matches")


def parse_multipart(content_type, body):
    """The parts of a multipart/form-data body, by name."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise ValueError("expected multipart/form-data")
    return {part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
            for part in message.iter_parts()}


def store(out, job_id, config_id, archive):
    """Checks the ZIP against its manifest and unpacks it into out/<jobId>/, atomically."""
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        manifest = json.loads(bundle.read("configuration/manifest.json"))
        if manifest["jobId"] != job_id or manifest["configId"] != config_id:
            raise ValueError("the manifest is for another job or configuration")
        for name in bundle.namelist():
            parts = name.split("/")
            if parts[0] not in ("configuration", "output") or any(p in ("", ".", "..") for p in parts):
                raise ValueError(f"unsafe entry name {name!r}")
        for output in manifest["outputs"]:
            if hashlib.sha256(bundle.read(output["path"])).hexdigest() != output["sha256"]:
                raise ValueError(f"{output['path']} does not match its sha256")
        staging = tempfile.mkdtemp(prefix=f".{job_id}.", dir=out)
        try:
            bundle.extractall(staging)
            final = os.path.join(out, job_id)
            if os.path.exists(final):
                shutil.rmtree(final)
            os.rename(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return final, len(bundle.namelist())


class Receiver(BaseHTTPRequestHandler):
    secret = None
    out = "inbox"
    seen = set()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        webhook_id = self.headers.get("webhook-id")
        if self.secret:
            try:
                verify(self.secret, webhook_id, self.headers.get("webhook-timestamp"),
                       self.headers.get("webhook-signature"), body)
            except (ValueError, TypeError) as error:
                return self.answer(401, {"error": f"signature rejected: {error}"})
        if webhook_id in self.seen:
            return self.answer(200, {"duplicate": True})
        try:
            parts = parse_multipart(self.headers.get("Content-Type", ""), body)
            job_id = (parts.get("jobId") or b"").decode()
            if not JOB_ID.match(job_id) or "outputZipFile" not in parts:
                return self.answer(400, {"error": "jobId or outputZipFile missing"})
            folder, files = store(self.out, job_id, (parts.get("configId") or b"").decode(), parts["outputZipFile"])
        except (ValueError, KeyError, zipfile.BadZipFile) as error:
            return self.answer(422, {"error": str(error)})
        self.seen.add(webhook_id)
        print(f"received {job_id} ({(parts.get('status') or b'?').decode()}): {files} files -> {folder}", flush=True)
        return self.answer(200, {"jobId": job_id, "files": files})

    def answer(self, status, document):
        data = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret", default=os.environ.get("PIPELINE_POSTBACK_SECRET"))
    parser.add_argument("--out", default="inbox")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # stop on SIGTERM even if the parent ignored it
    os.makedirs(args.out, exist_ok=True)
    Receiver.secret, Receiver.out = args.secret, args.out
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Receiver)
    print(f"Receiving on http://127.0.0.1:{server.server_address[1]}/ into {os.path.abspath(args.out)}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
