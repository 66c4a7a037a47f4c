#!/usr/bin/env bash
# The 20-size job (JPEG widths 100, 200, … 2000, quality 80) on the largest sample photo:
# `pipeline run` beside 20 `vipsthumbnail` runs of the same sizes, interleaved, median of N rounds.
# Usage: Benchmarks/twenty-sizes.sh [rounds]   (prints seconds and the ratio)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
scripts/install-deps >/dev/null
swift build -c release --product pipeline --static-swift-stdlib >/dev/null 2>&1
photo=Samples/kleiber_6028x3391.jpg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
pipeline_times=()
thumbnail_times=()
for round in $(seq "$rounds"); do
  start=$(now)
  .build/release/pipeline run Configurations/twenty-widths.json "$photo" -o "$work/out.zip" --job-id bench >/dev/null 2>&1
  pipeline_times+=("$(python3 -c "print($(now) - $start)")")
  start=$(now)
  for width in $(seq 100 100 2000); do
    vipsthumbnail "$photo" --size "${width}x" -o "$work/t_${width}.jpg[Q=80,strip]"
  done
  thumbnail_times+=("$(python3 -c "print($(now) - $start)")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
p=$(median "${pipeline_times[@]}")
t=$(median "${thumbnail_times[@]}")
echo "machine: $(nproc) cores, libvips $(pkg-config --modversion vips), $rounds rounds interleaved"
printf 'pipeline run, 20 widths:      %.3f s (median)\n' "$p"
printf '20 x vipsthumbnail:           %.3f s (median)\n' "$t"
printf 'ratio pipeline / vipsthumbnail: %.3f\n' "$(python3 -c "print($p / $t)")"
