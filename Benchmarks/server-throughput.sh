#!/usr/bin/env bash
# The server under load: 100 one-photo jobs (800 px JPEG into 3 outputs) from 4 connections,
# jobs/s, p50/p95 from upload to postback, peak RSS; then jobs one at a time beside
# `pipeline run` on the same files (the server's overhead at p50). Release builds.
# Usage: Benchmarks/server-throughput.sh [jobs]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps >/dev/null
for product in pipeline pipeline-server; do
  swift build -c release --product "$product" --static-swift-stdlib >/dev/null 2>&1
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/server/throughput.py "$work" "${1:-100}"
