#!/usr/bin/env bash
# Issue 22, acceptance 4: a ZIP of 1,000 stored files of about 1 MB each, streamed by
# POST /v1/archives, with the server's resident memory measured before and at its peak
# (VmHWM); the ZIP is checked with unzip -t. Release build (or SERVER=path).
#
#     Benchmarks/library-zip.sh [FILES]
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-1000}
if [ -z "${SERVER:-}" ]; then
  swift build -c release --product pipeline-server >/dev/null
  SERVER=$(swift build -c release --show-bin-path)/pipeline-server
fi
server=$SERVER
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
key=$("$server" keys create --data "$work/data" | sed -n 's/^api key: //p')
"$server" serve --data "$work/data" --port 0 --max-upload-bytes 300000000 --log-level notice >"$work/log" 2>&1 &
pid=$!
port=""
for _ in $(seq 100); do
  port=$(grep -o "address=http://127.0.0.1:[0-9]*" "$work/log" | head -1 | sed "s/.*://" || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/log"; echo "the server did not start"; exit 1; }
base="http://127.0.0.1:$port"
rss() { awk -v field="$1" '$1 == field":" { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
# Ten different noise images of about 1 MB (PNG does not compress noise), uploaded round-robin.
for i in $(seq 0 9); do vips gaussnoise "$work/n$i.v" 1000 1000 --sigma 80 --mean 128 && vips copy "$work/n$i.v" "$work/noise-$i.png"; done
ls -l "$work"/noise-0.png | awk '{ printf "one file: %d bytes\n", $5 }'
echo "server: $server (pid $pid); resident at start $(rss VmRSS) MB"
uploaded=0
while [ "$uploaded" -lt "$files" ]; do
  args=()
  for n in $(seq 1 100); do
    [ "$uploaded" -ge "$files" ] && break
    args+=(-F "files=@$work/noise-$((uploaded % 10)).png;filename=f$uploaded.png")
    uploaded=$((uploaded + 1))
  done
  curl -sf -o /dev/null -H "Authorization: Bearer $key" -F folder=/big "${args[@]}" "$base/v1/assets"
done
echo "uploaded $uploaded files; resident $(rss VmRSS) MB, peak so far $(rss VmHWM) MB"
before=$(rss VmHWM)
start=$(date +%s.%N)
curl -sf -o "$work/big.zip" -H "Authorization: Bearer $key" -H "Content-Type: application/json" -d '{"folder": "/big"}' "$base/v1/archives"
end=$(date +%s.%N)
size=$(stat -c %s "$work/big.zip")
echo "ZIP: $size bytes in $(echo "$end - $start" | bc) s; resident after $(rss VmRSS) MB; peak $(rss VmHWM) MB (peak before the ZIP: $before MB; target: under 150 MB)"
unzip -tq "$work/big.zip"
