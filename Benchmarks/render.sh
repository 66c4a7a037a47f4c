#!/usr/bin/env bash
# Issue 23, acceptance 2: on-the-fly rendering against thumbor 7.8 and vipsthumbnail, in one
# run on loopback, driven by wrk (Debian) from a second process.
#
#   hits:   a 1080² JPEG result served from the render cache (one URL, 8 connections)
#   misses: the cache off (--render-cache-bytes 0), a 12 MP JPEG into a 1080² cover with
#           attention, and into an 800 px width; every request a different result (the size
#           moves by a pixel per request, so no two coalesce): latency with 2 connections (2
#           cores), rate with 8 for both servers (with 2, the kernel sometimes gave both of
#           thumbor's connections to one of its two processes: 16.6 or 35.2 req/s between runs)
#   thumbor: the same two jobs (result storage off, smart on for the cover) and a hit-sized job
#           (the 1080² image to 1080²), each in thumbor's better arrangement on these cores
#           (one process with a thread pool, or one process per core; see below)
#   vipsthumbnail: one process per image, 20 runs each; its median
#
#     Benchmarks/render.sh [SECONDS]        (release build, or SERVER=path; THUMBOR=venv/bin/thumbor)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
if [ -z "${SERVER:-}" ]; then
  swift build -c release --product pipeline-server >/dev/null
  SERVER=$(swift build -c release --show-bin-path)/pipeline-server
fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 2; }
work=$(mktemp -d)
pids=()
# Each service runs in a process group of its own (setsid): thumbor's worker processes go with it.
cleanup() { for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "${THUMBOR:-}" ]; then
  python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q thumbor==7.8.0 >/dev/null
  THUMBOR=$work/venv/bin/thumbor
fi
cores=$(nproc)

# The images: the 12 MP photo (4000 × 3000, cut from kleiber's middle) and a 1080² JPEG.
vips crop Samples/kleiber_6028x3391.jpg "$work/mid.v" 753 0 4521 3391
vips resize "$work/mid.v" "$work/photo.jpg[Q=90]" 0.88476
vips thumbnail Samples/fallenleaf_2560x1600.jpg "$work/square.jpg[Q=90]" 1080 --height 1080 --crop centre
vipsheader "$work/photo.jpg" "$work/square.jpg"

start_server() { # name, extra args…; sets port_<name>
  local name=$1; shift
  setsid "$SERVER" serve --data "$work/data-$name" --port 0 --log-level notice "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  local port=""
  for _ in $(seq 200); do
    port=$(grep -o "address=http://127.0.0.1:[0-9]*" "$work/$name.log" | head -1 | sed "s/.*://" || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$work/$name.log"; echo "the server did not start"; exit 1; }
  eval "port_$name=$port"
}
setup_account() { # data folder → prints key
  "$SERVER" keys create --data "$1" | sed -n 's/^api key: //p'
}
key_hits=$(setup_account "$work/data-hits")
key_miss=$(setup_account "$work/data-miss")
start_server hits
start_server miss --render-cache-bytes 0
for name in hits miss; do
  eval "port=\$port_$name; key=\$key_$name"
  curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"realtimeRendering": true, "unsignedRendering": true}' -X PATCH "http://127.0.0.1:$port/v1/account"
  curl -sf -o "$work/upload-$name.json" -H "Authorization: Bearer $key" -F folder=/bench -F "files=@$work/photo.jpg" -F "files=@$work/square.jpg" "http://127.0.0.1:$port/v1/assets"
done
account_hits=$(curl -sf -H "Authorization: Bearer $key_hits" "http://127.0.0.1:$port_hits/v1/account" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accountId"])')
account_miss=$(curl -sf -H "Authorization: Bearer $key_miss" "http://127.0.0.1:$port_miss/v1/account" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accountId"])')
asset_id=$(python3 -c 'import json,sys; print([a["assetId"] for a in json.load(open(sys.argv[1]))["assets"] if a["name"] == "square.jpg"][0])' "$work/upload-hits.json")
# A signed URL, as a page would carry it: a 1080² cover of the 1080² JPEG (the hit case).
hit_url=$(curl -sf -H "Authorization: Bearer $key_hits" "http://127.0.0.1:$port_hits/v1/assets/$asset_id/render-url?options=w:1080,h:1080,fit:cover" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
curl -sf -o /dev/null -D - "$hit_url" | grep -i x-render
curl -sf -o /dev/null -D - "$hit_url" | grep -i x-render

# wrk's report: requests/s and the 50th and 99th percentiles (ms).
report() { python3 Benchmarks/wrk_report.py "$1" "${@:2}"; }  # label, wrk output file(s)
# A Lua script that moves the size by one pixel per request, so that no two requests in flight
# share a result. Each of wrk's threads runs the script in a Lua state of its own: the sizes are
# interleaved by thread (thread i of n takes base + i, base + i + n, …). With one counter per
# thread and no offset, the two threads asked for the same sizes at the same moment and half of
# the "misses" were coalesced into the other half's renders (255 of 512 in one run), which made
# our rate look twice what a render costs.
moving() { # url with WIDTH and HEIGHT placeholders, base width, base height
  cat >"$work/moving.lua" <<LUA
local threads = 0
setup = function(thread)
  thread:set("id", threads)
  threads = threads + 1
end
counter = 0
request = function()
  counter = counter + 1
  local step = (counter * 2 + (id or 0)) % 500
  local w = $2 + step
  local h = $3 > 0 and ($3 + step) or 0
  local path = string.gsub(string.gsub("$1", "WIDTH", tostring(w)), "HEIGHT", tostring(h))
  return wrk.format("GET", path)
end
LUA
  echo "$work/moving.lua"
}

echo
echo -e "case\treq/s\tp50 ms\tp99 ms\tnon-2xx\tsocket errors"
wrk -t2 -c8 -d"${seconds}s" --latency "$hit_url" >"$work/hits.txt"; report "pipeline hits (1080² JPEG, cached)" "$work/hits.txt"
base_miss="http://127.0.0.1:$port_miss"
wrk -t2 -c2 -d"${seconds}s" --latency -s "$(moving "/r/_/$account_miss/_/w:WIDTH,h:HEIGHT,fit:cover,g:attention/bench/photo.jpg" 1080 1080)" "$base_miss" >"$work/miss-cover.txt"
report "pipeline misses (12 MP → 1080² cover, attention)" "$work/miss-cover.txt"
wrk -t2 -c2 -d"${seconds}s" --latency -s "$(moving "/r/_/$account_miss/_/w:WIDTH/bench/photo.jpg" 800 0)" "$base_miss" >"$work/miss-800.txt"
report "pipeline misses (12 MP → 800 px wide)" "$work/miss-800.txt"
wrk -t2 -c8 -d"${seconds}s" --latency -s "$(moving "/r/_/$account_miss/_/w:WIDTH,h:HEIGHT,fit:cover,g:attention/bench/photo.jpg" 1080 1080)" "$base_miss" >"$work/rate-cover.txt"
report "pipeline misses, 8 connections (cover)" "$work/rate-cover.txt"
wrk -t2 -c8 -d"${seconds}s" --latency -s "$(moving "/r/_/$account_miss/_/w:WIDTH/bench/photo.jpg" 800 0)" "$base_miss" >"$work/rate-800.txt"
report "pipeline misses, 8 connections (800 px)" "$work/rate-800.txt"
# Every miss must have been a render of its own: the server counts coalesced requests.
coalesced=$(curl -sf "$base_miss/metrics" | sed -n 's/^pipeline_render_coalesced_total //p')
echo "misses coalesced into another request's render: ${coalesced:-?} (must be 0)"
[ "${coalesced:-1}" = 0 ] || { echo "the miss cases shared renders: their rates are not renders"; exit 1; }

# thumbor: result storage off, serving the same files. It is measured in the two ways a
# deployment on these cores would run it, each case in both, and its better rate kept:
#   pool:      one process whose engine runs on a pool of one thread per core (Pillow lets go of
#              the GIL while it decodes and resizes), one wrk with 8 connections;
#   processes: one single-threaded process per core, each on its own port and loaded by its own
#              wrk with 8/cores connections at the same time, rates summed (what a balancer in
#              front gives). `--processes N` shares one socket instead, and the kernel gave all of
#              wrk's keep-alive connections to one process in 2 runs of 3 (17 req/s, not 33).
mkdir -p "$work/thumbor-files"
cp "$work/photo.jpg" "$work/square.jpg" "$work/thumbor-files/"
cat >"$work/thumbor.conf" <<CONF
LOADER = 'thumbor.loaders.file_loader'
FILE_LOADER_ROOT_PATH = '$work/thumbor-files'
ALLOW_UNSAFE_URL = True
RESULT_STORAGE = None
STORAGE = 'thumbor.storages.no_storage'
CONF
{ cat "$work/thumbor.conf"; echo "ENGINE_THREADPOOL_SIZE = $cores"; } >"$work/thumbor-pool.conf"
next_port=$((20000 + RANDOM % 20000))
start_thumbor() { # config; sets thumbor_port (ports chosen here: a subshell repeats $RANDOM)
  thumbor_port=$next_port
  next_port=$((next_port + 1))
  setsid "$THUMBOR" -p "$thumbor_port" -c "$1" >>"$work/thumbor.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$thumbor_port/healthcheck" && return; sleep 0.2; done
  cat "$work/thumbor.log"; echo "thumbor did not start on port $thumbor_port"; exit 1
}
start_thumbor "$work/thumbor-pool.conf"
thumbor_pool=$thumbor_port
thumbor_ports=()
for _ in $(seq "$cores"); do start_thumbor "$work/thumbor.conf"; thumbor_ports+=("$thumbor_port"); done
thumbor_case() { # name, label, path or "moving" script…: both arrangements, the better kept
  local name=$1 label=$2; shift 2
  local script=() path=$1
  if [ "$1" = "-s" ]; then script=(-s "$2"); path=/; fi
  wrk -t2 -c8 -d"${seconds}s" --latency "${script[@]}" "http://127.0.0.1:$thumbor_pool$path" >"$work/$name-pool.txt"
  report "thumbor, $label, pool of $cores threads" "$work/$name-pool.txt"
  local files=() waits=()
  for port in "${thumbor_ports[@]}"; do
    files+=("$work/$name-process-$port.txt")
    wrk -t1 -c$((8 / cores)) -d"${seconds}s" --latency "${script[@]}" "http://127.0.0.1:$port$path" >"$work/$name-process-$port.txt" &
    waits+=($!)
  done
  wait "${waits[@]}"
  report "thumbor, $label, $cores processes" "${files[@]}"
  if python3 -c 'import sys; a, b = (float(open(f).read().split()[0]) for f in sys.argv[1:]); sys.exit(a < b)' "$work/$name-pool.txt.tsv" "${files[0]}.tsv"; then
    cp "$work/$name-pool.txt.tsv" "$work/$name.txt.tsv"
  else
    cp "${files[0]}.tsv" "$work/$name.txt.tsv"
  fi
}
thumbor_case thumbor-hits "the hit case rendered (1080² → 1080²)" /unsafe/1080x1080/square.jpg
thumbor_case thumbor-cover "12 MP → 1080² smart" -s "$(moving "/unsafe/WIDTHxHEIGHT/smart/photo.jpg" 1080 1080)"
thumbor_case thumbor-800 "12 MP → 800 px wide" -s "$(moving "/unsafe/WIDTHx0/photo.jpg" 800 0)"

# vipsthumbnail: one process per image.
vt() { # label, args…
  local label=$1; shift
  python3 - "$label" "$work" "$@" <<'PY'
import statistics, subprocess, sys, time
label, work, args = sys.argv[1], sys.argv[2], sys.argv[3:]
times = []
for i in range(20):
    start = time.perf_counter()
    subprocess.run(["vipsthumbnail", f"{work}/photo.jpg", *args, "-o", f"{work}/vt-%s.jpg[Q=80]"], check=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"{label}\t\t{statistics.median(times):.2f}\t{sorted(times)[-1]:.2f}")
open(f"{work}/vt-{label.split()[1]}.tsv", "w").write(f"{statistics.median(times)}\n")
PY
}
vt "vipsthumbnail cover (1080², attention)" -s 1080x1080 -m attention
vt "vipsthumbnail width (800 px)" -s 800

echo
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
def row(name): return [float(x) for x in open(f"{w}/{name}.txt.tsv").read().split()]
hits, cover, wide = row("hits"), row("miss-cover"), row("miss-800")
rate_cover, rate_wide = row("rate-cover"), row("rate-800")
t_hits, t_cover, t_wide = row("thumbor-hits"), row("thumbor-cover"), row("thumbor-800")
vt_cover = float(open(f"{w}/vt-cover.tsv").read()); vt_wide = float(open(f"{w}/vt-width.tsv").read())
checks = [
    ("hits req/s", hits[0], ">= 5000", hits[0] >= 5000),
    ("hits p99 ms", hits[2], "<= 5", hits[2] <= 5),
    ("hits ÷ thumbor (hit case) req/s", hits[0] / t_hits[0], ">= 10", hits[0] / t_hits[0] >= 10),
    ("cover misses ÷ thumbor's best req/s (8 connections each)", rate_cover[0] / t_cover[0], ">= 2", rate_cover[0] / t_cover[0] >= 2),
    ("800 px misses ÷ thumbor's best req/s (8 connections each)", rate_wide[0] / t_wide[0], ">= 2", rate_wide[0] / t_wide[0] >= 2),
    ("cover miss p50 − vipsthumbnail ms", cover[1] - vt_cover, "<= 10", cover[1] - vt_cover <= 10),
    ("800 px miss p50 − vipsthumbnail ms", wide[1] - vt_wide, "<= 10", wide[1] - vt_wide <= 10),
]
print("ratio\tvalue\ttarget")
for name, value, target, ok in checks:
    print(f"{name}\t{value:.2f}\t{target} {'ok' if ok else 'missed'}")
PY
