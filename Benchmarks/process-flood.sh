#!/usr/bin/env bash
# Issue 24, bad input: 200 POST /v1/process requests at once on a server with two slots. Each
# must be answered 200 or 503 PROCESS_BUSY with Retry-After (nothing else, no 5xx), and the
# server's memory must stay bounded (its peak RSS, VmHWM, is printed against an idle server's).
#
#     Benchmarks/process-flood.sh [REQUESTS]      (release build, or SERVER=path)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-200}
if [ -z "${SERVER:-}" ]; then
  swift build -c release --product pipeline-server >/dev/null
  SERVER=$(swift build -c release --show-bin-path)/pipeline-server
fi
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
vips thumbnail Samples/kleiber_6028x3391.jpg "$work/photo.jpg[Q=90]" 2000
key=$("$SERVER" keys create --data "$work/data" | sed -n 's/^api key: //p')
"$SERVER" serve --data "$work/data" --port 0 --log-level notice --process-slots 2 --process-wait 5 >"$work/log" 2>&1 &
pid=$!
port=""
for _ in $(seq 200); do
  port=$(grep -o "address=http://127.0.0.1:[0-9]*" "$work/log" | head -1 | sed "s/.*://" || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/log"; echo "the server did not start"; exit 1; }
idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
started=$(date +%s.%N)
seq "$requests" | xargs -P "$requests" -I{} curl -s -o /dev/null -m 120 -D "$work/h{}" -H "Authorization: Bearer $key" \
  -F "file=@$work/photo.jpg" -F width=1200 -F format=webp "http://127.0.0.1:$port/v1/process" || true
elapsed=$(python3 -c "import time; print(round(time.time() - $started, 1))")
peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
python3 - "$work" "$requests" "$elapsed" "$idle" "$peak" <<'PY'
import collections, glob, sys
work, requests, elapsed, idle, peak = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
statuses, retry = collections.Counter(), 0
for path in glob.glob(f"{work}/h*"):
    lines = open(path, errors="replace").read().splitlines()
    status = lines[0].split()[1] if lines and lines[0].startswith("HTTP/") else "no answer"
    statuses[status] += 1
    if status == "503" and any(line.lower().startswith("retry-after:") for line in lines): retry += 1
missing = requests - sum(statuses.values())
if missing: statuses["no answer"] += missing
print(f"{requests} requests at once, 2 slots, 5 s wait: {dict(statuses)} in {elapsed} s; 503s with Retry-After: {retry}")
print(f"server RSS: idle {idle / 1024:.0f} MB, peak {peak / 1024:.0f} MB")
ok = set(statuses) <= {"200", "503"} and retry == statuses["503"]
print("every answer 200 or 503 with Retry-After" if ok else "FAILED: answers other than 200 and 503 with Retry-After")
sys.exit(0 if ok else 1)
PY
grep -q "request failed" "$work/log" && { grep "request failed" "$work/log" | head -3; echo "the server logged failures"; exit 1; } || true
