# shellcheck shell=bash
# Shared helpers for test.sh and the tool scripts: idempotent installs of what the tests need.
# Everything installed by npm goes under $SENCOHUB_TOOLS (default: <repo>/.tools, git-ignored).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SENCOHUB_TOOLS="${SENCOHUB_TOOLS:-$REPO_ROOT/.tools}"
mkdir -p "$SENCOHUB_TOOLS"

log() { echo "[sencohub] $*" >&2; }

_APT_UPDATED=0
# ensure_apt PKG... : apt-get install the Debian packages that are missing.
ensure_apt() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ "$_APT_UPDATED" -eq 0 ]; then $sudo apt-get update -qq >&2; _APT_UPDATED=1; fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# ensure_npm DIR PKG@VERSION... : exact npm packages into $SENCOHUB_TOOLS/DIR/node_modules.
ensure_npm() {
  local dir="$SENCOHUB_TOOLS/$1"; shift
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"sencohub-tools","private":true}' > "$dir/package.json"
  local missing=() spec name want have
  for spec in "$@"; do
    name="${spec%@*}"; want="${spec##*@}"
    have="$(node -e 'try{process.stdout.write(require(process.argv[1]+"/node_modules/"+process.argv[2]+"/package.json").version)}catch(e){}' "$dir" "$name" 2>/dev/null || true)"
    [ "$have" = "$want" ] || missing+=("$spec")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "npm install ${missing[*]}"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "${missing[@]}" >&2)
  fi
}

# ensure_chromium : Debian's Chromium for Playwright (no browser download).
ensure_chromium() {
  [ -x /usr/bin/chromium ] || ensure_apt chromium fonts-liberation
  export SENCOHUB_CHROMIUM=/usr/bin/chromium
}

# wait_http URL [SECONDS] : poll until the URL answers with any HTTP status.
wait_http() {
  local url="$1" secs="${2:-30}" i=0
  while [ "$i" -lt $((secs * 5)) ]; do
    curl -s -o /dev/null -m 2 "$url" && return 0
    sleep 0.2; i=$((i + 1))
  done
  log "timed out waiting for $url"; return 1
}
