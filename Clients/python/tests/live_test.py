"""The Python client against a live server (issue 24, acceptance 5): the generated client is
not stale, ``pip install ./Clients/python`` works in a fresh virtual environment, and the
README's example runs against a real ``pipeline-server`` on loopback.

    python3 Clients/python/tests/live_test.py      (after swift build; scripts/test runs it)
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request

here = os.path.dirname(os.path.abspath(__file__))
client_folder = os.path.dirname(here)
repo = os.path.dirname(os.path.dirname(client_folder))
server_bin = os.environ.get("PIPELINE_SERVER", os.path.join(repo, ".build", "debug", "pipeline-server"))

subprocess.run([os.path.join(client_folder, "generate.sh"), "--check"], check=True)

work = tempfile.mkdtemp(prefix="python-client-")
server = None
try:
    venv = os.path.join(work, "venv")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = os.path.join(venv, "bin", "python")
    subprocess.run([python, "-m", "pip", "install", "-q", client_folder], check=True)

    data = os.path.join(work, "data")
    created = subprocess.run([server_bin, "keys", "create", "--data", data, "--account", "python"], check=True, capture_output=True, text=True).stdout
    key = re.search(r"api key: (\S+)", created).group(1)
    secret = re.search(r"webhook secret: (\S+)", created).group(1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([server_bin, "serve", "--data", data, "--port", str(port), "--log-level", "warning"], start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)

    # The README's example, then what it promises, checked.
    example = textwrap.dedent(f"""
        import io, json, zipfile
        from imagepipeline import Pipeline, PipelineError, verify_postback

        pipeline = Pipeline("{base}", "{key}")
        result = pipeline.process("{repo}/Samples/fallenleaf_2560x1600.jpg", compression_type="lossy")
        print(result.content_type, result.size_before, result.size_after, round(result.saved, 3))
        assert result.content_type == "image/jpeg" and result.size_after == len(result.content) < result.size_before
        assert (result.width, result.height) == (2560, 1600)

        small = pipeline.process("{repo}/Samples/fallenleaf_2560x1600.jpg", width=400, format="webp", gravity="NorthWest")
        assert small.content_type == "image/webp" and small.width == 400 and small.content[8:12] == b"WEBP"

        pipeline.save_configuration(json.load(open("{repo}/Configurations/thumbnails.json")))
        job = pipeline.run_job("thumbnails", ["{repo}/Samples/fallenleaf_2560x1600.jpg", "{repo}/Samples/arc-colors-transparent_2140x1200.png"])
        assert job["status"] == "succeeded", job
        names = zipfile.ZipFile(io.BytesIO(pipeline.archive(job["jobId"]))).namelist()
        assert names[:2] == ["configuration/thumbnails.json", "configuration/manifest.json"] and len(names) == 14, names

        try:
            pipeline.process(b"not an image", name="notes.txt", width=10)
            raise SystemExit("a text file was processed")
        except PipelineError as error:
            assert (error.status, error.code) == (415, "UNSUPPORTED_FORMAT"), error
        try:
            pipeline.process("{repo}/Samples/fallenleaf_2560x1600.jpg", width=0)
            raise SystemExit("width 0 was processed")
        except PipelineError as error:
            assert error.status == 422 and error.issues[0]["path"] == "width", error

        # A postback as the server signs it (Standard Webhooks), verified; a changed body is not.
        from standardwebhooks import Webhook
        from datetime import datetime, timezone
        body = json.dumps({{"type": "job.completed", "data": {{"jobId": job["jobId"]}}}}).encode()
        now = datetime.now(timezone.utc)
        headers = {{"Webhook-Id": "msg_1", "Webhook-Timestamp": str(int(now.timestamp())),
                    "Webhook-Signature": Webhook("{secret}").sign("msg_1", now, body.decode())}}
        assert verify_postback("{secret}", headers, body)["data"]["jobId"] == job["jobId"]
        try:
            verify_postback("{secret}", headers, body.replace(b"completed", b"failed"))
            raise SystemExit("a changed postback was verified")
        except Exception as error:
            assert type(error).__name__ == "WebhookVerificationError", error
        print("the Python client works against a live server")
    """)
    subprocess.run([python, "-c", example], check=True, cwd=work)
finally:
    if server is not None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)
