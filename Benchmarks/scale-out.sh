#!/usr/bin/env bash
# Several processes on one PostgreSQL: the acceptance run of the scale-out work (1 API + 3
# workers, 200 jobs, a worker killed -9 twice; every job once, no overlapping leases) and jobs
# per minute with 1 and 2 worker processes. A throwaway PostgreSQL 15 cluster (fsync on) on a
# free loopback port, removed at the end. Release build. Usage: Benchmarks/scale-out.sh [jobs]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps --tests >/dev/null
swift build -c release --product pipeline-server --static-swift-stdlib >/dev/null 2>&1
work=$(mktemp -d)
pg=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'scripts/postgres-cluster stop "$pg" 2>/dev/null || true; rm -rf "$work" "$pg"' EXIT
url=$(scripts/postgres-cluster start "$pg" "$port")
cd Benchmarks/server && python3 scaleout.py "$work" "$url" "${1:-200}"
