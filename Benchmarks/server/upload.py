"""How fast the server takes an upload in: MB/s from the first byte sent to the 202, for one
multipart part of 1, 8 and 32 MB (random bytes: as dense in CR bytes as compressed image data)
and for the 4.4 MB sample photo. Baseline, in the same script: the same bytes written to a file
in the data folder and fsync'd (what the disk allows; the server also writes and fsyncs each
upload once). With BEFORE (a folder holding an earlier build's pipeline-server), that server
takes the same uploads in the same rounds. The uploads' jobs fail quickly (random bytes are no
image), so the worker hardly competes for the cores.
Usage: upload.py WORK [rounds] [BEFORE]"""
import os
import statistics
import sys
import time
import uuid

from harness import BIN, ROOT, Server

work, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
before_bin = sys.argv[3] if len(sys.argv) > 3 else None
megabyte = 1024 * 1024

servers = {"now": Server(f"{work}/now", "--max-upload-bytes", str(64 * megabyte))}
if before_bin:
    servers["before"] = Server(f"{work}/before", "--max-upload-bytes", str(64 * megabyte), bin=before_bin)
keys = {}
for name, server in servers.items():
    keys[name], _ = server.key()
    server.start()
    server.save(keys[name], {"id": "thumb", "features": [{"type": "resize", "outputs": [{"width": 64}]}]})

photo = os.path.join(ROOT, "Samples", "kleiber_6028x3391.jpg")
payloads = [(f"{size} MB random", os.urandom(size * megabyte)) for size in (1, 8, 32)]
payloads.append(("4.4 MB photo", open(photo, "rb").read()))


def body(data):
    boundary = "bench" + uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="configId"\r\n\r\nthumb\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="sources"; filename="source.jpg"\r\n'
            f'Content-Type: image/jpeg\r\n\r\n').encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def disk(data):
    path = f"{work}/now/disk-baseline"
    started = time.perf_counter()
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    elapsed = time.perf_counter() - started
    os.remove(path)
    return elapsed


print(f"{'upload':<16} {'disk MB/s':>10} " + " ".join(f"{name + ' MB/s':>12}" for name in servers)
      + (f" {'now/before':>11}" if before_bin else "") + f" {'now/disk':>9}")
for label, data in payloads:
    payload, content_type = body(data)
    times = {name: [] for name in servers}
    disk_times = []
    for _ in range(rounds):
        disk_times.append(disk(data))
        for name, server in servers.items():
            started = time.perf_counter()
            status, answer = server.request("POST", "/v1/jobs", keys[name], payload, content_type)
            times[name].append(time.perf_counter() - started)
            assert status == 202, (name, status, answer)
    size = len(data) / megabyte
    rates = {name: size / statistics.median(values) for name, values in times.items()}
    disk_rate = size / statistics.median(disk_times)
    print(f"{label:<16} {disk_rate:>10.1f} " + " ".join(f"{rates[name]:>12.1f}" for name in servers)
          + (f" {rates['now'] / rates['before']:>10.2f}x" if before_bin else "") + f" {rates['now'] / disk_rate:>8.2f}x")
print(f"(median of {rounds} rounds each; MB = 2^20 bytes)")
for server in servers.values():
    server.kill()
