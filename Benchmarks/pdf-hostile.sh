#!/usr/bin/env bash
# Issue 25, acceptance 4: qpdf's own test files (qpdf/qpdf at a fixed commit, qpdf/qtest/qpdf/*.pdf:
# about 625 documents, many deliberately damaged: broken cross-reference tables, loops, bad
# streams, wrong lengths, odd encryption; Apache-2.0; see Benchmarks/pdf-corpus.md) through
# `pipeline run` with a lossy and a lossless output, each PDF in its own worker process, measured
# as a user would: every file a result or a code, no worker that died, no source over the time
# limit, nothing left in the temporary folder, the run's peak RSS.
#
#     Benchmarks/pdf-hostile.sh [FOLDER] [timeout-seconds]   (release build, or PIPELINE=path;
#                                                             a FOLDER replaces the clone)
set -euo pipefail
cd "$(dirname "$0")/.."
timeout=${2:-10}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if [ -z "${PIPELINE:-}" ]; then
  swift build -c release --product pipeline --static-swift-stdlib >/dev/null
  PIPELINE=$PWD/.build/release/pipeline
fi
folder=${1:-}
if [ -z "$folder" ]; then
  folder=.build/pdf-hostile/files
  commit=dfd251125cadb59fe04836f9197c3ef94f99cf55
  if [ ! -d "$folder" ]; then
    rm -rf .build/pdf-hostile && mkdir -p "$folder"
    git clone -q https://github.com/qpdf/qpdf .build/pdf-hostile/repo
    git -C .build/pdf-hostile/repo checkout -q "$commit"
    cp .build/pdf-hostile/repo/qpdf/qtest/qpdf/*.pdf "$folder/"
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tmp=${TMPDIR:-/tmp}
before=$(find "$tmp" -maxdepth 1 -name 'imagepipeline-*' | wc -l)
printf '{"id": "hostile", "features": [{"type": "compress", "outputs": [{"quality": 75}, {"lossless": true}]}]}\n' >"$work/c.json"
set +e
/usr/bin/time -v "$PIPELINE" run "$work/c.json" "$folder" -o "$work/out.zip" --timeout "$timeout" >"$work/out.txt" 2>"$work/err.txt"
code=$?
set -e
after=$(find "$tmp" -maxdepth 1 -name 'imagepipeline-*' | wc -l)
python3 - "$work" "$folder" "$timeout" "$code" "$before" "$after" <<'PY'
import collections, json, os, re, sys, zipfile
work, folder, timeout, code, before, after = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
files = sorted(name for name in os.listdir(folder) if name.lower().endswith(".pdf"))
err = open(f"{work}/err.txt").read()
seconds = {m.group(2): float(m.group(3)) for m in re.finditer(r"^(done  |failed) (.+?) in ([0-9.]+) s", err, re.M)}
peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
manifest = json.loads(zipfile.ZipFile(f"{work}/out.zip").read("configuration/manifest.json"))
sources = {s["source"]: s for s in manifest["sources"]}
failures = {f["source"]: f for f in manifest["failures"] if f.get("output") is None}
codes = collections.Counter()
died, unaccounted, slow = [], [], []
for name in files:
    source = sources.get(name)
    if source is None:
        unaccounted.append(name)
        continue
    if source["status"] == "failed":
        failure = failures.get(name, {"code": "?", "message": ""})
        codes[failure["code"]] += 1
        if "worker process died" in failure["message"] or "without a result" in failure["message"]:
            died.append((name, failure["message"]))
    else:
        codes["made (" + source["status"] + ")"] += 1
    if seconds.get(name, 0) > timeout:
        slow.append((name, seconds[name]))
warned = collections.Counter(w["code"] for s in manifest["sources"] for w in s.get("warnings") or [])
slowest = sorted(seconds.items(), key=lambda item: -item[1])[:5]
print(f"files: {len(files)}; pipeline exit code {code}; peak RSS {peak:.0f} MB; temporary folders left: {after - before}")
print("results: " + ", ".join(f"{key} {value}" for key, value in sorted(codes.items(), key=lambda item: -item[1])))
print("warnings: " + (", ".join(f"{key} {value}" for key, value in sorted(warned.items())) or "none"))
print("slowest: " + ", ".join(f"{name} {value:.2f} s" for name, value in slowest))
print(f"not in the manifest: {len(unaccounted)}; workers that died: {len(died)}; over the {timeout:g} s limit: {len(slow)}")
for name, message in died:
    print(f"  died: {name}: {message[:200]}")
for name in unaccounted:
    print(f"  missing: {name}")
sys.exit(1 if died or unaccounted or slow or after != before or code not in (0, 4) else 0)
PY
