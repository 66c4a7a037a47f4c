#!/usr/bin/env bash
# The server under load: 100 one-photo jobs (800 px JPEG into 3 outputs) from 4 connections,
# jobs/s, p50/p95 from upload to postback, peak RSS; then jobs one at a time beside
# `pipeline run` on the same files (the server's overhead at p50). Release builds.
# Usage: Benchmarks/server-throughput.sh [jobs]
set -euo pipefail
exec "$(dirname "$0")/server/run-python.sh" throughput.py "${1:-100}"
