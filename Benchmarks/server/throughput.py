"""100 jobs, each one 800 px JPEG into 3 outputs, posted by a client with 4 connections as fast
as it can; jobs per second and p50/p95 from upload to postback; then 30 jobs one at a time
(latency without a queue) beside the same work through `pipeline run`, one job per source.
Usage: throughput.py WORK_DIR [jobs]"""
import concurrent.futures
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from harness import BIN, ROOT, Receiver, Server, peak_rss_mb, percentile

work = sys.argv[1]
jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 100
os.makedirs(f"{work}/sources", exist_ok=True)
# 100 different 800 × 440 JPEGs, cut from the sample photos.
photos = [f"{ROOT}/Samples/fallenleaf_2560x1600.jpg", f"{ROOT}/Samples/kleiber_6028x3391.jpg"]
sources = []
for index in range(jobs):
    path = f"{work}/sources/photo-{index:03d}.jpg"
    if not os.path.exists(path):
        subprocess.run(["vips", "thumbnail", photos[index % 2], path + "[Q=85,strip]", str(800 + index % 7)], check=True)
        subprocess.run(["vips", "crop", path, path + ".tmp.jpg[Q=85,strip]", "0", str(index % 9), "800", "440"], check=True)
        os.replace(path + ".tmp.jpg", path)
    sources.append(path)
config = {"id": "three", "features": [{"type": "resize", "outputs": [{"width": 640}, {"width": 320}, {"width": 160}]}],
          "output": {"format": "jpeg"}}
with open(f"{work}/three.json", "w") as handle:
    json.dump(config, handle)

receiver = Receiver()
server = Server(f"{work}/data")
key, _ = server.key()
server.start()
server.save(key, config)

def post(path):
    started = time.time()
    status, body = server.upload(key, "three", [path], receiver.url)
    assert status == 202, (status, body)
    return body["jobId"], started

# Phase 1: as fast as 4 connections can.
began = time.time()
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    posted = list(pool.map(post, sources))
receiver.wait_for([job for job, _ in posted])
elapsed = time.time() - began
latency = [receiver.arrivals[job][0][0] - started for job, started in posted]
rss = peak_rss_mb(server.process.pid)
print(f"load: {jobs} jobs in {elapsed:.2f} s = {jobs / elapsed:.2f} jobs/s; upload to postback p50 {percentile(latency, 0.5):.3f} s, "
      f"p95 {percentile(latency, 0.95):.3f} s (queueing included); server peak RSS {rss:.0f} MB (target < 300)")

# Phase 2: one at a time, against the CLI on the same files.
sample = sources[:30]
single = []
for path in sample:
    job, started = post(path)
    receiver.wait_for([job])
    single.append(receiver.arrivals[job][0][0] - started)
cli = []
out = tempfile.mkdtemp()
for path in sample:
    started = time.time()
    subprocess.run([f"{BIN}/pipeline", "run", f"{work}/three.json", path, "-o", f"{out}/x.zip"], check=True, capture_output=True)
    cli.append(time.time() - started)
shutil.rmtree(out)
p50s, p50c = statistics.median(single), statistics.median(cli)
print(f"one at a time: server upload to postback p50 {p50s * 1000:.0f} ms (p95 {percentile(single, 0.95) * 1000:.0f} ms); "
      f"pipeline run p50 {p50c * 1000:.0f} ms (process start included); server minus CLI at p50 {(p50s - p50c) * 1000:+.0f} ms (target <= 50)")
print(f"server peak RSS after {jobs + len(sample)} jobs: {peak_rss_mb(server.process.pid):.0f} MB")
server.kill(15)
