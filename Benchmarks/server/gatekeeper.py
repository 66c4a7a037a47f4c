"""What the gatekeeper (key, suspension, IP allow-list, rate limit) costs per request: requests
per second and p50 latency over keep-alive connections for GET /healthz (no key: the baseline),
GET /v1/templates with an unlimited account (key and plan lookups), and the same with a plan
that has a rate limit and a 3-entry allow-list (every check runs). Same server, same process,
interleaved rounds. With BEFORE (a folder holding an earlier build's pipeline-server), that
server's keyed GET /v1/templates runs in the same rounds: the change's cost, measured.
With DATABASE set (a postgres:// URL), the server runs on PostgreSQL, where the rate limit's
buckets are rows of the database shared by every API process.
Usage: [DATABASE=postgres://…] gatekeeper.py WORK [requests per round] [BEFORE]"""
import os
import http.client
import statistics
import subprocess
import sys
import threading
import time

from harness import BIN, Server

work, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000
before_bin = sys.argv[3] if len(sys.argv) > 3 else None
database = ["--database", os.environ["DATABASE"]] if os.environ.get("DATABASE") else []
server = Server(f"{work}/data", *database)
key_open, _ = server.key("open")
subprocess.run([f"{BIN}/pipeline-server", "plans", "set", "fenced", "--from", "free", "--requests-per-minute", "100000000",
                "--data", server.data, *database], check=True, capture_output=True)
subprocess.run([f"{BIN}/pipeline-server", "accounts", "create", "fenced", "--plan", "fenced", "--data", server.data, *database],
               check=True, capture_output=True)
key_fenced, _ = server.key("fenced")
server.start()
for address in ["127.0.0.1", "10.0.0.0/8", "192.0.2.1"]:  # its own address first, or it fences itself out
    status, _ = server.request("POST", "/v1/account/ips", key_fenced, f'{{"address": "{address}"}}'.encode(), "application/json")
    assert status == 200, status


before = None
if before_bin:
    before = Server(f"{work}/before", bin=before_bin)
    key_before, _ = before.key("open")
    before.start()


def run(path, key, connections=4, target=server):
    latencies, lock = [], threading.Lock()

    def worker(n):
        connection = http.client.HTTPConnection("127.0.0.1", target.port)
        headers = {"Authorization": "Bearer " + key} if key else {}
        mine = []
        for _ in range(n):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(count // connections,)) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, statistics.median(latencies) * 1000


cases = [("GET /healthz (no key)", "/healthz", None), ("GET /v1/templates, unlimited plan", "/v1/templates", key_open),
         ("GET /v1/templates, rate limit + 3-entry allow-list", "/v1/templates", key_fenced)]
if before:
    cases.append(("before this change: GET /v1/templates", "/v1/templates", key_before))
results = {name: [] for name, _, _ in cases}
run("/healthz", None)  # warm up
for _ in range(3):
    for name, path, key in cases:
        results[name].append(run(path, key, target=before if name.startswith("before") else server))
server.kill()
if before:
    before.kill()
base = statistics.median(r[0] for r in results[cases[0][0]])
print(f"{count} requests per round, 4 connections, median of 3 interleaved rounds, {'PostgreSQL' if database else 'SQLite'}")
for name, _, _ in cases:
    rate = statistics.median(r[0] for r in results[name])
    p50 = statistics.median(r[1] for r in results[name])
    print(f"{name:55s} {rate:8.0f} req/s  p50 {p50:6.2f} ms  {rate / base:5.2f}x the baseline's rate")
