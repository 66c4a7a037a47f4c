#!/usr/bin/env bash
# Tiny sources with extreme aspect ratios through every social template (one template per job,
# JPEG): each source's time as `pipeline run` measures it, the slowest, and the same figures for
# an ordinary photo made in the same run as the baseline. Such a file is a few hundred bytes;
# before the smart crop was chosen on a bounded preview, a 1x1892 strip took past the 60 s limit.
# Usage: Benchmarks/extreme-aspect.sh [rounds]   (the median of `rounds` runs per pair; default 1)
#        SINGLE_CORE=1 Benchmarks/extreme-aspect.sh   (each job with --concurrency 1)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-1}
scripts/install-deps >/dev/null
swift build -c release --product pipeline --static-swift-stdlib >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sources" "$work/configs"

# Noise (nothing to compress away, everything to look at), in every still format that is read.
strip() { # name width height
  vips gaussnoise "$work/n.v" "$2" "$3" --mean 128 --sigma 50
  vips cast "$work/n.v" "$work/u.v" uchar
  vips bandjoin "$work/u.v $work/u.v $work/u.v" "$work/rgb.v"
  for ext in jpg png webp gif tif; do vips copy "$work/rgb.v" "$work/sources/$1.$ext"; done
}
strip 1x2000 1 2000
strip 2000x1 2000 1
strip 12x2058 12 2058
strip 256x4 256 4
vips tiffsave "$work/u.v" "$work/sources/256x4-1bit.tif" --bitdepth 1
vips thumbnail Samples/fallenleaf_2560x1600.jpg "$work/sources/baseline-photo_1280x800.jpg" 1280
templates=$(.build/release/pipeline templates --json | python3 -c 'import json,sys; print(" ".join(t["name"] for t in json.load(sys.stdin)["templates"]))')
for template in $templates; do
  printf '{"id": "%s", "features": [{"type": "resize", "outputs": [{"template": "%s"}]}], "output": {"format": "jpeg"}}\n' \
    "$template" "$template" >"$work/configs/$template.json"
done

# One job per source and template, as a user runs one upload (`pipeline run CONFIG FILE`, default
# settings); each time is that source's own work as the runner prints it, without process start.
# With --single-core, one worker and libvips on one thread (the server's case when it is busy).
extra=()
[ "${SINGLE_CORE:-0}" = 1 ] && extra=(--concurrency 1)
for round in $(seq "$rounds"); do
  for template in $templates; do
    for source in "$work"/sources/*; do
      .build/release/pipeline run "$work/configs/$template.json" "$source" -o "$work/out.zip" "${extra[@]}" \
        2>>"$work/$template.$round.err" >>"$work/$template.$round.out" || true
    done
  done
done

python3 - "$work" "$rounds" $templates <<'PY'
import re, statistics, sys
work, rounds, templates = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times, failures = {}, []
for template in templates:
    for round in range(1, rounds + 1):
        for line in open(f"{work}/{template}.{round}.err"):
            match = re.match(r"(done|failed) +(\S+) in ([0-9.]+) s", line)
            if match:
                times.setdefault(match.group(2), {}).setdefault(template, []).append(float(match.group(3)))
                if match.group(1) == "failed":
                    failures.append(f"{match.group(2)} × {template}: {line.strip()}")
print(f"{'source':<30} {'median of all':>13} {'slowest template':>24} {'its time':>9}")
slowest = (0, "", "")
for source in sorted(times, key=lambda s: (s.startswith("baseline"), s)):
    medians = {t: statistics.median(v) for t, v in times[source].items()}
    worst = max(medians, key=medians.get)
    print(f"{source:<30} {statistics.median(medians.values()):>11.3f} s {worst:>24} {medians[worst]:>7.3f} s")
    if not source.startswith("baseline") and medians[worst] > slowest[0]:
        slowest = (medians[worst], source, worst)
baseline = max(statistics.median(v) for v in times["baseline-photo_1280x800.jpg"].values())
print(f"\nslowest extreme source: {slowest[1]} × {slowest[2]}: {slowest[0]:.3f} s (target <= 0.2 s)")
print(f"baseline photo's slowest template: {baseline:.3f} s; ratio {slowest[0] / baseline:.2f}")
print(f"sources × templates: {len(times)} × {len(templates)}, {rounds} rounds; failures: {len(failures)}")
for failure in failures[:10]:
    print("  " + failure)
PY
