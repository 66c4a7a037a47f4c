#!/usr/bin/env bash
# What the per-request checks of accounts and plans cost: requests/s and p50 for /healthz (no
# key, the baseline) against keyed requests on an unlimited plan and on a plan with a rate limit
# and an IP allow-list; with BEFORE, an earlier build's server beside them. Release build.
# With POSTGRES=1, on a throwaway PostgreSQL cluster (the rate limit's buckets in the database).
# Usage: [POSTGRES=1] Benchmarks/server-gatekeeper.sh [requests per round] [BEFORE: a folder with pipeline-server]
set -euo pipefail
before=${2:+$(realpath "$2")}
cd "$(dirname "$0")/.."
if [ "${POSTGRES:-}" = 1 ]; then
  scripts/install-deps --tests >/dev/null
  pg=$(mktemp -d)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  trap 'scripts/postgres-cluster stop "$pg" 2>/dev/null || true; rm -rf "$pg"' EXIT
  DATABASE=$(scripts/postgres-cluster start "$pg" "$port")
  export DATABASE
fi
Benchmarks/server/run-python.sh gatekeeper.py "${1:-2000}" ${before:+"$before"}
