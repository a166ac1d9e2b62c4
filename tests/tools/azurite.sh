#!/usr/bin/env bash
# Starts Azurite's Blob service (npm azurite, pinned; installed into $SENCOHUB_TOOLS when missing) on a
# free loopback port, in memory, and prints its connection string:
#   export SENCOHUB_TEST_AZURITE="$(tests/tools/azurite.sh)"
# Idempotent: while the one it started is still running, it prints that one's string again.
# Stop it with: tests/tools/azurite.sh --stop
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
AZURITE_VERSION=3.37.0
DIR="$REPO_ROOT/.azurite"
PIDF="$DIR/azurite.pid"
PORTF="$DIR/azurite.port"
mkdir -p "$DIR"

running() { [ -f "$PIDF" ] && [ -f "$PORTF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; }

if [ "${1:-}" = "--stop" ]; then
  if running; then kill "$(cat "$PIDF")"; log "stopped Azurite (pid $(cat "$PIDF"))"; fi
  rm -f "$PIDF" "$PORTF"
  exit 0
fi

if ! running; then
  command -v node >/dev/null 2>&1 || ensure_apt nodejs npm
  ensure_npm azurite "azurite@$AZURITE_VERSION"
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  # --skipApiVersionCheck: the Blob SDK may speak a newer service version than this Azurite knows.
  nohup "$SENCOHUB_TOOLS/azurite/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$port" \
    --inMemoryPersistence --skipApiVersionCheck --loose --disableTelemetry > "$DIR/azurite.log" 2>&1 < /dev/null &
  echo $! > "$PIDF"
  echo "$port" > "$PORTF"
  if ! wait_http "http://127.0.0.1:$port/devstoreaccount1" 60; then
    cat "$DIR/azurite.log" >&2; kill "$(cat "$PIDF")" 2>/dev/null || true; rm -f "$PIDF" "$PORTF"; exit 1
  fi
  log "Azurite $AZURITE_VERSION (Blob) on 127.0.0.1:$port, pid $(cat "$PIDF")"
fi
# Azurite's fixed, publicly documented development account; not a secret.
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$(cat "$PORTF")/devstoreaccount1;"
