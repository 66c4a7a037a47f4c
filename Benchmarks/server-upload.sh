#!/usr/bin/env bash
# How fast `pipeline serve` takes uploads in (MB/s to the 202), against the disk's own speed and,
# with BEFORE, an earlier build's server in the same rounds. Release build.
# Usage: Benchmarks/server-upload.sh [rounds] [BEFORE: a folder with pipeline-server]
set -euo pipefail
before=${2:+$(realpath "$2")}
exec "$(dirname "$0")/server/run-python.sh" upload.py "${1:-5}" ${before:+"$before"}
