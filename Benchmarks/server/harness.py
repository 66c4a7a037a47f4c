"""Shared pieces of the server benchmarks: start `pipeline-server`, make a key, save a
configuration, upload, and a postback receiver that records when each job's postback arrived.
Standard library only. Every process listens on 127.0.0.1."""
import hashlib
import http.server
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, ".build", "release")


class Server:
    def __init__(self, data, *extra, bin=BIN, name=None):
        self.data, self.extra, self.process, self.port, self.bin = data, list(extra), None, 0, bin
        # Processes sharing a data folder (several on one PostgreSQL) keep a log each.
        self.log = data + (f".{name}" if name else "") + ".log"

    def key(self, account="bench"):
        database = self.extra[self.extra.index("--database") + 1:][:1] if "--database" in self.extra else []
        out = subprocess.run([f"{self.bin}/pipeline-server", "keys", "create", "--data", self.data, "--account", account,
                              *(["--database", *database] if database else [])],
                             check=True, capture_output=True, text=True).stdout
        key = re.search(r"api key: (\S+)", out).group(1)
        secret = re.search(r"webhook secret: (\S+)", out).group(1)
        return key, secret

    def start(self):
        before = os.path.getsize(self.log) if os.path.exists(self.log) else 0
        log = open(self.log, "ab")
        self.process = subprocess.Popen([f"{self.bin}/pipeline-server", "serve", "--data", self.data, "--port", str(self.port),
                                         "--allow-private-addresses", *self.extra], stdout=log, stderr=log)
        deadline = time.time() + 60
        while time.time() < deadline:
            with open(self.log, "rb") as handle:
                handle.seek(before)
                text = handle.read()
            match = re.search(rb"listening on 127\.0\.0\.1:(\d+)", text)
            if match:
                self.port = int(match.group(1))
                return
            if "worker" in self.extra and b"[PipelineServer] working" in text:
                return  # a worker process serves no HTTP
            time.sleep(0.05)
        raise SystemExit("the server did not start: " + open(self.log).read()[-2000:])

    def kill(self, sig=signal.SIGKILL):
        self.process.send_signal(sig)
        return self.process.wait()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, key, body=None, content_type=None):
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={"Authorization": "Bearer " + key, **({"Content-Type": content_type} if content_type else {})})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def save(self, key, document):
        status, body = self.request("POST", "/v1/configurations", key, json.dumps(document).encode(), "application/json")
        assert status in (201, 409), (status, body)

    def upload(self, key, config_id, files, postback):
        boundary = "bench" + uuid.uuid4().hex
        parts = []
        for name, value in (("configId", config_id), ("postbackUrl", postback)):
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for path in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="sources"; filename="{os.path.basename(path)}"\r\n'
                         f'Content-Type: image/jpeg\r\n\r\n'.encode() + open(path, "rb").read() + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", "/v1/jobs", key, b"".join(parts), f"multipart/form-data; boundary={boundary}")


def zip_sha256(headers, body):
    """The SHA-256 of a multipart postback's outputZipFile part (None for a JSON postback)."""
    boundary = re.search(r"boundary=([^;]+)", headers.get("Content-Type", ""))
    if not boundary:
        return None
    for part in body.split(b"--" + boundary.group(1).strip('"').encode()):
        head, _, content = part.partition(b"\r\n\r\n")
        if b'name="outputZipFile"' in head:
            return hashlib.sha256(content[:-2] if content.endswith(b"\r\n") else content).hexdigest()
    return None


class Receiver:
    """Answers postbacks (200, or 503 while `down`), recording per job the arrival times and webhook-ids."""

    def wait_for(self, ids, limit=600):
        """Returns once every job in `ids` has a postback; exits the benchmark after `limit` s."""
        deadline = time.time() + limit
        while time.time() < deadline:
            with self.lock:
                if all(job in self.arrivals for job in ids):
                    return
            time.sleep(0.01)
        missing = [job for job in ids if job not in self.arrivals]
        raise SystemExit(f"{len(missing)} postbacks missing, e.g. {missing[:3]}")

    def __init__(self):
        self.arrivals, self.zips, self.lock, self.down = {}, {}, threading.Lock(), False
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                job = re.search(rb'name="jobId"\r\n\r\n([A-Za-z0-9_-]+)', body) or re.search(rb'"jobId":"([A-Za-z0-9_-]+)"', body)
                if receiver.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                with receiver.lock:
                    receiver.arrivals.setdefault(job.group(1).decode() if job else "?", []).append(
                        (time.time(), self.headers.get("webhook-id")))
                    receiver.zips.setdefault(job.group(1).decode() if job else "?", []).append(zip_sha256(self.headers, body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1)) / 1024


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
