#!/usr/bin/env bash
# The server's acceptance runs on release builds (see Benchmarks/server/acceptance.py):
# kill (kill -9 three times during 30 jobs), down (receiver stopped 120 s during 20 jobs), 413.
# Usage: Benchmarks/server-acceptance.sh [kill|down|413 …]   (default: all three, about 5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps >/dev/null
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
for product in pipeline pipeline-server; do
  swift build -c release --product "$product" --static-swift-stdlib >/dev/null 2>&1
done
status=0
for run in "${@:-kill down 413}"; do
  for what in $run; do
    work=$(mktemp -d)
    echo "== $what"
    python3 Benchmarks/server/acceptance.py "$work" "$what" || status=1
    rm -rf "$work"
  done
done
exit $status
