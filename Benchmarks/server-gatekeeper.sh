#!/usr/bin/env bash
# What the per-request checks of accounts and plans cost: requests/s and p50 for /healthz (no
# key, the baseline) against keyed requests on an unlimited plan and on a plan with a rate limit
# and an IP allow-list; with BEFORE, an earlier build's server beside them. Release build.
# Usage: Benchmarks/server-gatekeeper.sh [requests per round] [BEFORE: a folder with pipeline-server]
set -euo pipefail
before=${2:+$(realpath "$2")}
exec "$(dirname "$0")/server/run-python.sh" gatekeeper.py "${1:-2000}" ${before:+"$before"}
