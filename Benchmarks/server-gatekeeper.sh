#!/usr/bin/env bash
# What the per-request checks of accounts and plans cost: requests/s and p50 for /healthz (no
# key, the baseline) against keyed requests on an unlimited plan and on a plan with a rate limit
# and an IP allow-list; with BEFORE, an earlier build's server beside them. Release build.
# Usage: Benchmarks/server-gatekeeper.sh [requests per round] [BEFORE: a folder with pipeline-server]
set -euo pipefail
before=${2:+$(realpath "$2")}
cd "$(dirname "$0")/.."
scripts/install-deps >/dev/null
swift build -c release --product pipeline-server --static-swift-stdlib >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd Benchmarks/server && python3 gatekeeper.py "$work" "${1:-2000}" ${before:+"$before"}
