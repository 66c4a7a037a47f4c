#!/usr/bin/env bash
# The side-by-side benchmark in one command: Benchmarks/run.sh [rounds]   (default 5)
# Installs what it needs (Debian: libvips-tools imagemagick libjpeg-turbo-progs time; PyPI:
# Pillow, numpy), builds the release binary, fetches 20 photos from Debian's wallpaper packages
# (once, into Benchmarks/.cache), runs every case interleaved and prints the table; the same
# figures go to Benchmarks/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
scripts/install-deps >/dev/null
missing=()
for package in libvips-tools imagemagick libjpeg-turbo-progs time; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -c "import PIL, numpy" 2>/dev/null || python3 -m pip install -q Pillow numpy
swift build -c release --product pipeline --static-swift-stdlib >/dev/null

cache=Benchmarks/.cache
if [ ! -d "$cache/photos" ]; then
  mkdir -p "$cache/debs" "$cache/tree"
  (cd "$cache/debs" && apt-get download plasma-workspace-wallpapers mate-backgrounds lomiri-wallpapers-20.04 >/dev/null 2>&1)
  for deb in "$cache"/debs/*.deb; do dpkg-deb -x "$deb" "$cache/tree"; done
  # 20 photos: every JPEG of at least 2 MP, in path order, named after their path.
  python3 - "$cache" <<'PY'
import os, shutil, subprocess, sys
cache = sys.argv[1]
found = []
for root, _, files in os.walk(f"{cache}/tree"):
    for name in files:
        if name.lower().endswith((".jpg", ".jpeg")):
            path = os.path.join(root, name)
            w, h = (int(subprocess.check_output(["vipsheader", "-f", f, path]).strip()) for f in ("width", "height"))
            if w * h >= 2_000_000:
                found.append(path)
os.makedirs(f"{cache}/photos")
for path in sorted(found)[:20]:
    flat = os.path.relpath(path, f"{cache}/tree").replace("/", "_")
    shutil.copy(path, f"{cache}/photos/{flat}")
print(f"{len(os.listdir(cache + '/photos'))} photos in {cache}/photos")
PY
fi
python3 Benchmarks/benchmark.py --rounds "$rounds" --photos "$cache/photos" --json Benchmarks/results.json
