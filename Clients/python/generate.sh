#!/usr/bin/env bash
# Regenerates Clients/python/imagepipeline_client from the server's OpenAPI document
# (Sources/PipelineServer/Resources/openapi.json, what GET /openapi.json serves) with
# openapi-python-client from PyPI, at the pinned version. With --check, generates into a
# temporary folder and fails when the committed client differs (CI runs this).
set -euo pipefail
cd "$(dirname "$0")"
version=0.29.1
venv=${OPENAPI_CLIENT_VENV:-${TMPDIR:-/tmp}/openapi-python-client-$version}
if [ ! -x "$venv/bin/openapi-python-client" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "openapi-python-client==$version"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$venv/bin/openapi-python-client" generate --path ../../Sources/PipelineServer/Resources/openapi.json \
  --config generator-config.yml --meta none --output-path "$out/imagepipeline_client" >"$out/log" 2>&1 \
  || { cat "$out/log"; exit 1; }
if grep -q "WARNING" "$out/log"; then cat "$out/log"; echo "openapi-python-client warned: the document has parts the client would leave out"; exit 1; fi
# openapi-python-client 0.29.1 annotates a body of several content types (multipart or JSON:
# POST /v1/jobs, POST /v1/process) with Unset without importing it; import it there.
for file in $(grep -l "| Unset = UNSET" "$out"/imagepipeline_client/api/default/*.py); do
  grep -q "import.*\bUnset\b" "$file" || sed -i 's/^from \.\.\.types import Response, UNSET$/from ...types import Response, UNSET, Unset/' "$file"
done
if [ "${1:-}" = "--check" ]; then
  if ! diff -r "$out/imagepipeline_client" imagepipeline_client >"$out/diff"; then
    head -40 "$out/diff"
    echo "Clients/python/imagepipeline_client is stale: the OpenAPI document changed; run Clients/python/generate.sh and commit"
    exit 1
  fi
  echo "the Python client is up to date with openapi.json"
else
  rm -rf imagepipeline_client
  cp -r "$out/imagepipeline_client" imagepipeline_client
  echo "generated Clients/python/imagepipeline_client"
fi
