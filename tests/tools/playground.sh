#!/usr/bin/env bash
# Chat with the local bot in Microsoft 365 Agents Playground (Microsoft's Teams simulator).
# Start the app first (dotnet run --project src/SencoHub.Web), then: tests/tools/playground.sh
# Installs the playground from npm into .tools/ on first use; people come from .m365agentsplayground.yml.
# Usage: tests/tools/playground.sh [--bot-url URL] [--port N]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BOT="http://localhost:5080/api/messages"; PORT=56150
while [ $# -gt 0 ]; do
  case "$1" in
    --bot-url) BOT="$2"; shift 2;;
    --port) PORT="$2"; shift 2;;
    -h|--help) sed -n '2,5p' "$0"; exit 0;;
    *) echo "unknown argument $1" >&2; exit 2;;
  esac
done
# Node and the playground (pinned there), installed on first use.
bash "$(dirname "${BASH_SOURCE[0]}")/install-node-tools.sh"
log "open http://localhost:$PORT in a browser (Ctrl+C to stop)"
export TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_CONFIG_PATH="$REPO_ROOT/.m365agentsplayground.yml"
exec node "$SENCOHUB_TOOLS/playground/node_modules/@microsoft/m365agentsplayground/cli.js" -e "$BOT" -c msteams -p "$PORT"
