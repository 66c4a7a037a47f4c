#!/usr/bin/env bash
# What every server benchmark does first: installs what is missing, builds pipeline-server (and
# pipeline) in release, then runs Benchmarks/server/SCRIPT.py WORK ARGUMENTS… from that folder,
# with WORK a temporary folder removed at the end.
# Usage: Benchmarks/server/run-python.sh SCRIPT.py [ARGUMENTS…]
set -euo pipefail
script=$1
shift
cd "$(dirname "$0")/../.."
scripts/install-deps >/dev/null
for product in pipeline pipeline-server; do
  swift build -c release --product "$product" --static-swift-stdlib >/dev/null 2>&1
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd Benchmarks/server && python3 "$script" "$work" "$@"
