#!/usr/bin/env bash
# `pipeline run` over the hostile corpus (PngSuite, truncations, bombs, lies, SVG tricks and
# 300 seeded mutations: about 540 files), measured as a user would: exit code, every source
# accounted for in the manifest, the slowest source against the time limit, leftover
# temporary files, and peak RSS (/usr/bin/time -v) of the whole run and of a bombs-only run;
# then the same corpus through one smart-cropped template (the one-output path), checked alike,
# SQUARE_ROUNDS times (3): each round's slowest source, the slowest of each source's best, and
# the bytes of the GIF outputs.
# Usage: [SQUARE_ROUNDS=N] Benchmarks/hostile-run.sh [timeout-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
timeout=${1:-10}
scripts/install-deps >/dev/null
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product pipeline --static-swift-stdlib >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Tests/Hostile/make_corpus.py "$work/corpus/files" --mutations 300 --seed 2026 >/dev/null
tmp=${TMPDIR:-/tmp}
before=$(find "$tmp" -maxdepth 1 -name 'imagepipeline-*' | wc -l)

measure() { # name, then the pipeline arguments
  local name=$1; shift
  set +e
  /usr/bin/time -v .build/release/pipeline run "$@" >"$work/$name.out" 2>"$work/$name.err"
  echo $? >"$work/$name.code"
  set -e
}
measure all Configurations/responsive-web.json "$work/corpus/files" -o "$work/all.zip" --timeout "$timeout"
# The same corpus through the simplest configuration there is: one smart-cropped template.
printf '{"id": "square", "features": [{"type": "resize", "outputs": [{"template": "instagram-square"}]}]}\n' >"$work/square.json"
# Several rounds: a stall of a shared machine adds tenths of a second to whichever sources are
# running, so the per-source best of the rounds is reported beside each round's raw slowest.
rounds=${SQUARE_ROUNDS:-3}
measure square "$work/square.json" "$work/corpus/files" -o "$work/square.zip" --timeout "$timeout"
for round in $(seq 2 "$rounds"); do
  measure "square$round" "$work/square.json" "$work/corpus/files" -o "$work/square$round.zip" --timeout "$timeout"
done
mkdir -p "$work/bombs"
cp "$work"/corpus/files/bomb-* "$work"/corpus/files/animation-5000-* "$work/bombs/"
measure bombs Configurations/responsive-web.json "$work/bombs" -o "$work/bombs.zip" --timeout "$timeout"
after=$(find "$tmp" -maxdepth 1 -name 'imagepipeline-*' | wc -l)

python3 - "$work" "$timeout" "$before" "$after" "$rounds" <<'PY'
import json, re, sys, zipfile
work, timeout, before, after, rounds = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
expected = json.load(open(f"{work}/corpus/expected.json"))
def peak(name):
    text = open(f"{work}/{name}.err").read()
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
def wall(name):
    text = open(f"{work}/{name}.err").read()
    return re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
def outcome(name):
    manifest = json.loads(zipfile.ZipFile(f"{work}/{name}.zip").read("configuration/manifest.json"))
    failures = {f["source"]: f["code"] for f in manifest["failures"]}
    seconds = [float(s) for s in re.findall(r" in ([0-9.]+) s[:]", open(f"{work}/{name}.err").read())]
    mismatch = [s["source"] for s in manifest["sources"]
                if expected[s["source"]] not in ("any", failures.get(s["source"], "ok"))]
    return manifest, failures, seconds, mismatch
manifest, failures, seconds, mismatch = outcome("all")
square, square_failures, square_seconds, square_mismatch = outcome("square")
codes = {}
for code in failures.values():
    codes[code] = codes.get(code, 0) + 1
print(f"files in corpus:            {len(expected)}")
print(f"sources in manifest:        {len(manifest['sources'])} ({len(manifest['sources']) - len(failures)} succeeded, failures by code: {codes})")
print(f"outputs in ZIP:             {len(manifest['outputs'])}")
print(f"exit code:                  {open(f'{work}/all.code').read().strip()} (4 = partial)")
print(f"codes not as expected:      {len(mismatch)} {mismatch[:5]}")
print(f"slowest source:             {max(seconds):.2f} s (limit {timeout:g} s; {len(seconds)} sources timed)")
print(f"wall time:                  {wall('all')}")
print(f"one smart-cropped output:   {len(square['outputs'])} outputs, exit {open(f'{work}/square.code').read().strip()}, "
      f"codes not as expected: {len(square_mismatch)} {square_mismatch[:5]}, slowest source {max(square_seconds):.2f} s, wall {wall('square')}")
names = ["square"] + [f"square{r}" for r in range(2, rounds + 1)]
best, raw = {}, []
for name in names:
    _, _, _, mismatched = outcome(name)
    if mismatched:
        print(f"  {name}: codes not as expected: {mismatched[:5]}")
    timed = re.findall(r"(\S+) in ([0-9.]+) s[:]", open(f"{work}/{name}.err").read())
    raw.append(max(float(s) for _, s in timed))
    for source, s in timed:
        best[source] = min(best.get(source, float("inf")), float(s))
slowest = max(best, key=best.get)
gif_bytes = sum(i.file_size for i in zipfile.ZipFile(f"{work}/square.zip").infolist()
                if i.filename.startswith("output/") and i.filename.endswith(".gif"))
print(f"  {rounds} rounds: slowest per round {', '.join(f'{r:.2f}' for r in raw)} s; slowest of each source's best "
      f"{best[slowest]:.2f} s ({slowest}); walls {', '.join(wall(n) for n in names)}; GIF output bytes {gif_bytes:,}")
print(f"peak RSS, whole run:        {peak('all'):.0f} MB (target < 500)")
print(f"peak RSS, bombs only:       {peak('bombs'):.0f} MB (target < 200), exit {open(f'{work}/bombs.code').read().strip()}")
print(f"temporary folders left:     {after - before}")
PY
