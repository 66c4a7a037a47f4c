#!/usr/bin/env bash
# What `--isolate` (a process per source) costs per source, on the server benchmark's job (40
# different 800 × 440 JPEGs into 3 widths) and on the sample photos through responsive-web:
# `pipeline run` with and without it, interleaved, one source at a time (--concurrency 1, as a
# server worker with one core to itself), median of ROUNDS. Release build (or PIPELINE=path).
# Usage: Benchmarks/isolate-cost.sh [rounds]
set -euo pipefail
rounds=${1:-5}
cd "$(dirname "$0")/.."
scripts/install-deps >/dev/null
if [ -z "${PIPELINE:-}" ]; then
  swift build -c release --product pipeline --static-swift-stdlib >/dev/null 2>&1
  PIPELINE=$(swift build -c release --show-bin-path)/pipeline
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/small"
for index in $(seq 0 39); do
  photo=Samples/fallenleaf_2560x1600.jpg
  [ $((index % 2)) -eq 1 ] && photo=Samples/kleiber_6028x3391.jpg
  vips thumbnail "$photo" "$work/t.jpg[Q=85,strip]" $((800 + index % 7))
  vips crop "$work/t.jpg" "$work/small/photo-$(printf %03d "$index").jpg[Q=85,strip]" 0 $((index % 9)) 800 440
done
mkdir -p "$work/photos" && cp Samples/*.jpg Samples/*.png "$work/photos/"   # Samples/ also holds a PDF
echo '{"id": "three", "features": [{"type": "resize", "outputs": [{"width": 640}, {"width": 320}, {"width": 160}]}]}' > "$work/three.json"
python3 - "$PIPELINE" "$work" "$rounds" <<'PY'
import statistics, subprocess, sys, time
pipeline, work, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
jobs = [("3 widths of an 800 px JPEG (40 sources)", f"{work}/three.json", f"{work}/small", 40),
        ("responsive-web, the 3 sample photos", "Configurations/responsive-web.json", f"{work}/photos", 3)]
for name, config, inputs, count in jobs:
    times = {False: [], True: []}
    for _ in range(rounds):
        for isolate in (False, True):
            command = [pipeline, "run", config, inputs, "-o", f"{work}/out.zip", "--concurrency", "1", "--job-id", "job-bench"]
            started = time.perf_counter()
            subprocess.run(command + (["--isolate"] if isolate else []), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[isolate].append((time.perf_counter() - started) / count * 1000)
    plain, isolated = statistics.median(times[False]), statistics.median(times[True])
    print(f"{name}: {plain:.1f} ms per source in process, {isolated:.1f} ms isolated: +{isolated - plain:.1f} ms, x{isolated / plain:.2f}")
PY
