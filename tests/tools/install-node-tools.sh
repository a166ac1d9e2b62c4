#!/usr/bin/env bash
# Installs the npm tools the tests use into <repo>/.tools (git-ignored); idempotent, offline after.
#   cards: adaptivecards@3.0.6, the official Adaptive Cards library, for tests/tools/validate-cards.js
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
. "$HERE/common.sh"
command -v node >/dev/null 2>&1 || ensure_apt nodejs npm
ensure_npm cards adaptivecards@3.0.6
log "node tools ready in $SENCOHUB_TOOLS"
