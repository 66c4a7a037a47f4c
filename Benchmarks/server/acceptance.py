"""The server's acceptance runs (issue 13), on release builds over loopback:

  kill      30 jobs of 2 sources; the server killed with SIGKILL three times while it works,
            1-2 s apart, restarted each time: every job must end succeeded, reach the receiver
            under one webhook-id, and leave no temporary file in DATA.
  down      20 jobs while the receiver is stopped for 120 s: which attempt delivered each, when.
  413       a 41 MB upload against the 40 MB limit: the answer's time, and DATA's size before and after.

Usage: acceptance.py WORK_DIR kill|down|413"""
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request

from harness import ROOT, Receiver, Server

work, what = sys.argv[1], sys.argv[2]
samples = [f"{ROOT}/Samples/fallenleaf_2560x1600.jpg", f"{ROOT}/Samples/arc-colors-transparent_2140x1200.png"]
config = json.load(open(f"{ROOT}/Configurations/thumbnails.json"))


def job_state(server, key, job):
    return server.request("GET", f"/v1/jobs/{job}", key)[1]


def folder_bytes(path):
    return sum(os.path.getsize(os.path.join(folder, name)) for folder, _, names in os.walk(path) for name in names)


if what == "kill":
    receiver = Receiver()
    server = Server(f"{work}/data")
    key, _ = server.key()
    server.start()
    server.save(key, config)
    jobs = [server.upload(key, "thumbnails", samples, receiver.url)[1]["jobId"] for _ in range(30)]
    print(f"queued 30 jobs of 2 sources")
    rng = random.Random(13)
    for kill in range(3):
        time.sleep(1 + rng.random())
        done = sum(1 for job in jobs if job_state(server, key, job)["status"] == "succeeded")
        server.kill(signal.SIGKILL)
        print(f"kill -9 #{kill + 1} with {done} of 30 jobs succeeded")
        server.start()
    deadline = time.time() + 600
    while time.time() < deadline:
        states = [job_state(server, key, job)["status"] for job in jobs]
        if all(state == "succeeded" for state in states):
            break
        time.sleep(0.5)
    states = [job_state(server, key, job) for job in jobs]
    ok = sum(1 for state in states if state["status"] == "succeeded")
    ids = {job: {webhook for _, webhook in receiver.arrivals.get(job, [])} for job in jobs}
    one_id = sum(1 for job in jobs if len(ids[job]) == 1)
    posts = sum(len(receiver.arrivals.get(job, [])) for job in jobs)
    requeued = open(server.log).read().count("job lease expired") + sum(
        int(n) for n in __import__("re").findall(r"requeued=(\d+)", open(server.log).read()))
    server.kill(signal.SIGTERM)
    leftovers = os.listdir(f"{work}/data/blobs/.tmp")
    print(f"succeeded: {ok} of 30; reached the receiver under one webhook-id: {one_id} of 30 ({posts} posts in all); "
          f"jobs put back in the queue after a kill: {requeued}; temporary files left in DATA: {len(leftovers)}")
    sys.exit(0 if ok == 30 and one_id == 30 and not leftovers else 1)

if what == "down":
    receiver = Receiver()
    port = receiver.server.server_address[1]
    server = Server(f"{work}/data")
    key, _ = server.key()
    server.start()
    server.save(key, config)
    receiver.server.shutdown()
    receiver.server.server_close()
    stopped = time.time()
    jobs = [server.upload(key, "thumbnails", samples[:1], receiver.url)[1]["jobId"] for _ in range(20)]
    print(f"receiver stopped; 20 jobs queued")
    time.sleep(max(0, 120 - (time.time() - stopped)))
    restarted = Receiver.__new__(Receiver)
    restarted.arrivals, restarted.lock, restarted.down = receiver.arrivals, receiver.lock, False
    import http.server, threading
    handler = receiver.server.RequestHandlerClass
    restarted.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=restarted.server.serve_forever, daemon=True).start()
    print(f"receiver back after {time.time() - stopped:.0f} s")
    deadline = time.time() + 900
    while time.time() < deadline:
        states = [job_state(server, key, job) for job in jobs]
        if all(state["delivery"]["state"] == "delivered" for state in states):
            break
        time.sleep(1)
    rows = []
    for state in states:
        attempts = state["delivery"]["attempts"]
        delivered = [index for index, attempt in enumerate(attempts, 1) if attempt.get("httpStatus") == 200]
        rows.append((len(attempts), delivered[0] if delivered else None, attempts[-1]["at"]))
    by_attempt = {}
    for _, attempt, _ in rows:
        by_attempt[attempt] = by_attempt.get(attempt, 0) + 1
    first = min(row[2] for row in rows)
    last = max(row[2] for row in rows)
    print(f"delivered: {sum(1 for row in rows if row[1])} of 20; by the attempt that delivered: {dict(sorted(by_attempt.items(), key=str))}; "
          f"deliveries from {first} to {last} (the receiver was back {time.strftime('%H:%M:%S', time.gmtime(stopped + 120))}Z)")
    server.kill(signal.SIGTERM)
    sys.exit(0 if all(row[1] for row in rows) else 1)

if what == "413":
    server = Server(f"{work}/data")
    key, _ = server.key()
    server.start()
    server.save(key, config)
    big = f"{work}/big.jpg"
    with open(big, "wb") as handle:
        handle.write(open(samples[0], "rb").read())
        handle.write(os.urandom(41 * 1024 * 1024))
    before = folder_bytes(f"{work}/data")
    # As curl sends it (Content-Length, Expect: 100-continue), without Expect, and chunked (no
    # Content-Length: refused once the limit is passed while reading).
    for label, extra in (("content-length", []), ("content-length, no Expect", ["-H", "Expect:"]),
                         ("chunked", ["-H", "Transfer-Encoding: chunked"])):
        result = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total} %{size_upload}", *extra,
                                 "-H", "Authorization: Bearer " + key, "-F", "configId=thumbnails", "-F", f"sources=@{big}",
                                 server.base + "/v1/jobs"], capture_output=True, text=True)
        status, seconds, sent = result.stdout.split()
        print(f"{label}: {status} in {float(seconds):.3f} s ({int(float(sent))} bytes sent before the answer)")
    after = folder_bytes(f"{work}/data")
    print(f"DATA before {before} bytes, after {after} bytes (the database file may grow by a page; no blob is kept)")
    print(f"temporary files in DATA: {len(os.listdir(f'{work}/data/blobs/.tmp'))}")
    server.kill(signal.SIGTERM)
