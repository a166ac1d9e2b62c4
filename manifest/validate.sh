#!/usr/bin/env bash
# Validates the Teams app manifest template offline (see manifest/validate-manifest.js for every
# check) and checks that the committed icons are exactly what manifest/icons/draw_icons.py draws.
#
# Usage: manifest/validate.sh [DIR]          (default: manifest/)
# The four placeholders are filled from the environment when set (TEAMS_APP_ID, BOT_ID,
# AAD_APP_CLIENT_ID, APP_DOMAIN), otherwise from test values.
# Installs the pinned npm packages into .tools/manifest on first use (idempotent).
# Exit: 0 valid, 1 problems, 2 setup error.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=../tests/tools/common.sh
. "$HERE/../tests/tools/common.sh"

DIR="${1:-$HERE}"
command -v node >/dev/null || { echo "manifest/validate.sh: node (Node.js 18+) is required" >&2; exit 2; }
ensure_npm manifest @microsoft/app-manifest@1.1.2

rc=0
NODE_PATH="$SENCOHUB_TOOLS/manifest/node_modules" node "$HERE/validate-manifest.js" "$DIR" || rc=$?

if command -v python3 >/dev/null; then
  if python3 "$HERE/icons/draw_icons.py" --check --out "$DIR"; then
    log "icons: color.png and outline.png match manifest/icons/draw_icons.py"
  else
    echo "  [icon] the committed icons differ from what manifest/icons/draw_icons.py draws" >&2
    [ "$rc" -eq 0 ] && rc=1
  fi
else
  log "python3 not found: skipped checking the icons against draw_icons.py"
fi
exit "$rc"
