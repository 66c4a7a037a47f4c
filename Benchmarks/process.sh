#!/usr/bin/env bash
# Issue 24, acceptance 2: POST /v1/process of an 800 px JPEG into one 400 px WebP, 4
# connections (wrk, Debian), against `pipeline run` of the same work (one process per image, its
# median wall time) and thumbor 7.8 (PyPI) doing the same resize, in one run on loopback.
# Target: the server's p50 ≤ the CLI's time.
#
#     Benchmarks/process.sh [SECONDS]      (release builds, or SERVER= and CLI= paths; THUMBOR=venv/bin/thumbor)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
if [ -z "${SERVER:-}" ] || [ -z "${CLI:-}" ]; then
  swift build -c release --product pipeline-server >/dev/null
  swift build -c release --product pipeline >/dev/null
  SERVER=$(swift build -c release --show-bin-path)/pipeline-server
  CLI=$(swift build -c release --show-bin-path)/pipeline
fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "${THUMBOR:-}" ]; then
  python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q thumbor==7.8.0 >/dev/null
  THUMBOR=$work/venv/bin/thumbor
fi
cores=$(nproc)

mkdir -p "$work/in"
vips thumbnail Samples/fallenleaf_2560x1600.jpg "$work/in/photo.jpg[Q=90]" 800
vipsheader "$work/in/photo.jpg"
echo '{"id": "web400", "features": [{"type": "resize", "outputs": [{"width": 400}]}], "output": {"format": "webp"}}' >"$work/web400.json"

# The server, its key, and the request body wrk sends (multipart: the image, width, format).
key=$("$SERVER" keys create --data "$work/data" | sed -n 's/^api key: //p')
setsid "$SERVER" serve --data "$work/data" --port 0 --log-level notice >"$work/server.log" 2>&1 &
pids+=($!)
port=""
for _ in $(seq 200); do
  port=$(grep -o "address=http://127.0.0.1:[0-9]*" "$work/server.log" | head -1 | sed "s/.*://" || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/server.log"; echo "the server did not start"; exit 1; }
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
boundary = "----bench-boundary"
image = open(f"{work}/in/photo.jpg", "rb").read()
parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"\r\n\r\n{v}\r\n'.encode() for n, v in (("width", "400"), ("format", "webp"))]
parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode() + image + b"\r\n")
open(f"{work}/body", "wb").write(b"".join(parts) + f"--{boundary}--\r\n".encode())
PY
cat >"$work/post.lua" <<LUA
local f = io.open("$work/body", "rb")
wrk.method = "POST"
wrk.body = f:read("*all")
f:close()
wrk.headers["Content-Type"] = "multipart/form-data; boundary=----bench-boundary"
wrk.headers["Authorization"] = "Bearer $key"
LUA
# One request by curl: the same bytes as the CLI's output.
curl -sf -o "$work/server.webp" -H "Authorization: Bearer $key" -F "file=@$work/in/photo.jpg" -F width=400 -F format=webp "http://127.0.0.1:$port/v1/process"
"$CLI" run "$work/web400.json" "$work/in" -o "$work/cli.zip" >/dev/null 2>&1
unzip -p "$work/cli.zip" 'output/*' >"$work/cli.webp"
cmp "$work/server.webp" "$work/cli.webp" && echo "server and CLI outputs are byte-identical ($(stat -c %s "$work/cli.webp") bytes)"

report() { python3 Benchmarks/wrk_report.py "$1" "$2"; }  # label, wrk output file

echo
echo -e "case\treq/s\tp50 ms\tp99 ms\tnon-2xx\tsocket errors"
wrk -t2 -c4 -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/v1/process" >"$work/server.txt"
report "POST /v1/process (800 px JPEG → 400 px WebP)" "$work/server.txt"

# thumbor: the same resize from its file loader, one process per core, no result storage.
cp "$work/in/photo.jpg" "$work/thumbor-photo.jpg"
cat >"$work/thumbor.conf" <<CONF
LOADER = 'thumbor.loaders.file_loader'
FILE_LOADER_ROOT_PATH = '$work'
ALLOW_UNSAFE_URL = True
RESULT_STORAGE = None
STORAGE = 'thumbor.storages.no_storage'
CONF
thumbor_port=$((20000 + RANDOM % 20000))
setsid "$THUMBOR" -p "$thumbor_port" -c "$work/thumbor.conf" --processes "$cores" >"$work/thumbor.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$thumbor_port/healthcheck" && break; sleep 0.2; done
wrk -t2 -c4 -d"${seconds}s" --latency "http://127.0.0.1:$thumbor_port/unsafe/400x0/filters:format(webp)/thumbor-photo.jpg" >"$work/thumbor.txt"
report "thumbor 7.8 (the same resize, format(webp))" "$work/thumbor.txt"

# pipeline run: one process per image, as a script would call it.
python3 - "$CLI" "$work" <<'PY'
import statistics, subprocess, sys, time
cli, work = sys.argv[1], sys.argv[2]
times = []
for i in range(20):
    start = time.perf_counter()
    subprocess.run([cli, "run", f"{work}/web400.json", f"{work}/in", "-o", f"{work}/run-{i}.zip"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - start) * 1000)
print(f"pipeline run (one process per image, 20 runs)\t{1000 / statistics.median(times):.1f}\t{statistics.median(times):.2f}\t{max(times):.2f}\t0")
open(f"{work}/cli.tsv", "w").write(f"{statistics.median(times)}\n")
PY

echo
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
server = [float(x) for x in open(f"{w}/server.txt.tsv").read().split()]
thumbor = [float(x) for x in open(f"{w}/thumbor.txt.tsv").read().split()]
cli = float(open(f"{w}/cli.tsv").read())
print("ratio\tvalue\ttarget")
print(f"server p50 ÷ pipeline run median\t{server[1] / cli:.2f}\t<= 1 {'ok' if server[1] <= cli else 'missed'}")
print(f"server req/s ÷ thumbor req/s\t{server[0] / thumbor[0]:.2f}")
print(f"server p50 ÷ thumbor p50\t{server[1] / thumbor[1]:.2f}")
PY
