"""Several processes on one PostgreSQL (issue 15's acceptance run): one API process and three
worker processes on a shared data folder; 200 jobs (one small JPEG each, 3 outputs) posted by
4 connections; one worker killed with -9 twice while they run, and started again. Then every
job must have succeeded, reached the receiver once under one webhook-id with the ZIP whose
SHA-256 is the archive's, and the claims table must show no two leases of a job overlapping.
Then throughput: jobs per minute with 1 and with 2 worker processes (fresh databases).
Usage: scaleout.py WORK DATABASE_URL_OF_THE_SERVER [jobs]"""
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse

from harness import Receiver, Server, percentile

work, server_url = sys.argv[1], sys.argv[2]
jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 200
parsed = urllib.parse.urlparse(server_url)
photos = ["fallenleaf_2560x1600.jpg", "kleiber_6028x3391.jpg"]
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def psql(database, query):
    return subprocess.run(["psql", "-h", parsed.hostname, "-p", str(parsed.port), "-U", parsed.username, "-d", database, "-At", "-c", query],
                          check=True, capture_output=True, text=True).stdout.strip()


def new_database(name):
    psql("postgres", f"CREATE DATABASE {name}")
    return f"postgres://{parsed.username}@{parsed.hostname}:{parsed.port}/{name}"


os.makedirs(f"{work}/sources", exist_ok=True)
sources = []
for index in range(jobs):
    path = f"{work}/sources/photo-{index:03d}.jpg"
    if not os.path.exists(path):
        subprocess.run(["vips", "thumbnail", f"{root}/Samples/{photos[index % 2]}", path + "[Q=85,strip]", str(800 + index % 7)], check=True)
    sources.append(path)
config = {"id": "three", "features": [{"type": "resize", "outputs": [{"width": 640}, {"width": 320}, {"width": 160}]}],
          "output": {"format": "jpeg"}}


def cluster(name, workers):
    database = new_database(name)
    data = f"{work}/{name}"
    api = Server(data, "--database", database, "--role", "api", name="api")
    key, _ = api.key()
    api.start()
    api.save(key, config)
    processes = [Server(data, "--database", database, "--role", "worker", name=f"worker{index}") for index in range(workers)]
    for process in processes:
        process.start()
    return database, api, key, processes


def submit(api, key, receiver, paths):
    def post(path):
        status, body = api.upload(key, "three", [path], receiver.url)
        assert status == 202, (status, body)
        return body["jobId"], time.time()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(post, paths))


# 1. Acceptance: 1 API + 3 workers, a worker killed -9 twice.
receiver = Receiver()
database, api, key, workers = cluster("accept", 3)
kills = []


def killer():
    for threshold in (jobs // 5, jobs // 2):
        while len(receiver.arrivals) < threshold:
            time.sleep(0.01)
        workers[0].kill()
        kills.append(len(receiver.arrivals))
        workers[0].start()


thread = threading.Thread(target=killer)
thread.start()
began = time.time()
posted = submit(api, key, receiver, sources)
ids = [job for job, _ in posted]
receiver.wait_for(ids, 900)
thread.join()
elapsed = time.time() - began
time.sleep(2)  # let the last deliveries' states land

problems = []
reruns = 0
for job in ids:
    status, body = api.request("GET", f"/v1/jobs/{job}", key)
    if body.get("status") != "succeeded" or body["delivery"]["state"] != "delivered":
        problems.append(f"{job}: {body.get('status')} / {body['delivery']['state']}")
    arrivals = receiver.arrivals.get(job, [])
    hooks = {hook for _, hook in arrivals}
    if len(hooks) != 1 or hooks != {body["delivery"].get("webhookId")}:
        problems.append(f"{job}: webhook-ids {hooks} (delivery {body['delivery'].get('webhookId')})")
    sha = psql(database.rsplit("/", 1)[1], f"SELECT archive_sha256 FROM jobs WHERE id = '{job}'")
    on_disk = hashlib.sha256(open(f"{work}/accept/blobs/archives/{job}.zip", "rb").read()).hexdigest()
    received = set(receiver.zips.get(job, []))
    if received != {sha} or on_disk != sha:
        problems.append(f"{job}: archive sha256 {sha}, on disk {on_disk}, received {received}")
name = database.rsplit("/", 1)[1]
claims = psql(name, "SELECT COUNT(*) FROM job_claims")
expired = psql(name, "SELECT COUNT(*) FROM job_claims WHERE outcome = 'expired'")
reruns = int(psql(name, "SELECT COUNT(*) FROM jobs WHERE runs > 1"))
completed_once = psql(name, "SELECT COUNT(*) FROM (SELECT job_id FROM job_claims WHERE outcome = 'completed' GROUP BY job_id HAVING COUNT(*) = 1) c")
overlaps = psql(name, """SELECT COUNT(*) FROM job_claims a JOIN job_claims b ON a.job_id = b.job_id AND a.run < b.run
                          WHERE b.claimed_at < COALESCE(a.ended_at, a.lease_until)""")
open_claims = psql(name, "SELECT COUNT(*) FROM job_claims WHERE ended_at IS NULL")
owners = psql(name, "SELECT COUNT(DISTINCT owner) FROM job_claims")
print(f"acceptance: {jobs} jobs, 1 API + 3 worker processes, worker 0 killed -9 after {kills[0]} and {kills[1]} postbacks and restarted")
print(f"  all done in {elapsed:.1f} s; problems: {len(problems)}" + "".join(f"\n    {p}" for p in problems[:10]))
print(f"  claims {claims} by {owners} owners; {expired} expired and taken back; {reruns} jobs ran more than once; "
      f"{completed_once} jobs completed by exactly one claim; {overlaps} overlapping claims; {open_claims} claims left open")
print(f"  every job delivered once under one webhook-id with the archive's sha256: {'yes' if not problems else 'NO'}")
for process in [api, *workers]:
    process.kill()

# 2. Throughput with 1 and 2 worker processes.
rates = {}
batch = sources[:100]
for count in (1, 2):
    receiver = Receiver()
    database, api, key, workers = cluster(f"rate{count}", count)
    began = time.time()
    posted = submit(api, key, receiver, batch)
    receiver.wait_for([job for job, _ in posted], 900)
    elapsed = time.time() - began
    latency = [receiver.arrivals[job][0][0] - started for job, started in posted]
    rates[count] = len(batch) / elapsed * 60
    print(f"throughput, {count} worker process{'es' if count > 1 else ''}: {len(batch)} jobs in {elapsed:.1f} s = {rates[count]:.0f} jobs/min; "
          f"upload to postback p50 {percentile(latency, 0.5):.2f} s")
    for process in [api, *workers]:
        process.kill()
print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}x (2 cores: the API, PostgreSQL and the client share them with the workers)")
sys.exit(1 if problems or overlaps != "0" else 0)
