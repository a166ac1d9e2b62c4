#!/usr/bin/env bash
# Installs the npm tools the tests use into <repo>/.tools (git-ignored); idempotent, offline after.
#   cards: adaptivecards@3.0.6, the official Adaptive Cards library, for tests/tools/validate-cards.js
#   playground: Microsoft 365 Agents Playground
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
. "$HERE/common.sh"
command -v node >/dev/null 2>&1 || ensure_apt nodejs npm
ensure_npm cards adaptivecards@3.0.6

# Microsoft 365 Agents Playground: the Teams client the bot is tested with.
ensure_npm playground @microsoft/m365agentsplayground@0.2.28

log "node tools ready in $SENCOHUB_TOOLS"
