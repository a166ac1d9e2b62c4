#!/bin/sh
# shellcheck shell=bash
# Builds the Teams app package: manifest/build/sencohub.zip with manifest.json (placeholders
# filled in) and the two icons at the zip root, after validating it (manifest/validate-manifest.js).
#
# Usage: manifest/package.sh [--out FILE.zip]
# Values come from the environment: TEAMS_APP_ID, BOT_ID, AAD_APP_CLIENT_ID, APP_DOMAIN. Those
# not set are read from the azd environment (`azd env get-values`) when azd is installed; azd
# provision writes TEAMS_APP_ID, BOT_ID and APP_DOMAIN there, and you set AAD_APP_CLIENT_ID
# (README, "Deploy to your tenant"). Runs as azd's postprovision hook.
# Exit: 0 package written, 1 missing or invalid values or manifest problems, 2 setup error.

# azd runs hooks with sh; the rest of this script is bash.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=../tests/tools/common.sh
. "$HERE/../tests/tools/common.sh"

OUT="$HERE/build/sencohub.zip"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '3,11p' "$0"; exit 0 ;;
    *) echo "manifest/package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

VARS=(TEAMS_APP_ID BOT_ID AAD_APP_CLIENT_ID APP_DOMAIN)
missing() { local v; for v in "${VARS[@]}"; do [ -n "${!v:-}" ] || echo "$v"; done; }

if [ -n "$(missing)" ] && command -v azd >/dev/null 2>&1; then
  # Lines look like NAME="value". Read only the four names; never evaluate the file.
  if values="$(cd "$REPO_ROOT" && azd env get-values 2>/dev/null)"; then
    while IFS= read -r line; do
      name="${line%%=*}"; value="${line#*=}"; value="${value#\"}"; value="${value%\"}"
      for v in $(missing); do
        if [ "$name" = "$v" ] && [ -n "$value" ]; then export "$v=$value"; fi
      done
    done <<< "$values"
  else
    log "azd is installed but 'azd env get-values' failed (no azd environment here?)"
  fi
fi

still_missing="$(missing | tr '\n' ' ')"
if [ -n "$still_missing" ]; then
  {
    echo "manifest/package.sh: cannot build the Teams app package; not set: ${still_missing% }"
    echo "  Set them in the environment or in the azd environment. After 'azd provision', TEAMS_APP_ID,"
    echo "  BOT_ID and APP_DOMAIN are in the azd environment; AAD_APP_CLIENT_ID is the client id of the"
    echo "  Entra app registration for Teams SSO: azd env set AAD_APP_CLIENT_ID <client id>"
    echo "  (README.md, \"Deploy to your tenant\")."
  } >&2
  exit 1
fi

command -v node >/dev/null || { echo "manifest/package.sh: node (Node.js 18+) is required" >&2; exit 2; }
ensure_npm manifest @microsoft/app-manifest@1.1.2
export TEAMS_APP_ID BOT_ID AAD_APP_CLIENT_ID APP_DOMAIN
NODE_PATH="$SENCOHUB_TOOLS/manifest/node_modules" node "$HERE/validate-manifest.js" --require-env --zip "$OUT" "$HERE"
log "Teams app package: $OUT (upload it in the Teams admin centre: Teams apps > Manage apps > Upload new app)"
