#!/usr/bin/env bash
# The "ship it" checks, run by the main test command:
#   1. manifest/validate.sh                 the Teams manifest template, offline, official schema
#   2. infra/build.sh --warnings-as-errors  the Bicep compiles and lints with zero warnings
#   3. tests/tools/check-infra-policy.js    the compiled Bicep keeps the security/hosting decisions
#   4. tests/tools/check-azd-wiring.js      azure.yaml, parameters, outputs and hooks fit together;
#                                           every hook has a posix and a windows variant
#   5. tests/tools/check-hooks.mjs          the hooks' logic (settings, database role SQL, setup
#                                           container, tenant, principal, package version) with
#                                           stub az/azd commands
#   6. tests/tools/check-db-setup-sql.sh   the post-provision SQL against the local PostgreSQL set
#                                           up like Azure's (a stand-in pgaadauth_create_principal)
#   7. tests/tools/ship-checks-selftest.sh  the checks above do refuse broken inputs, and
#                                           manifest/package.sh builds a correct zip
# Installs what it needs on first use (npm packages, the bicep CLI from NuGet; idempotent).
# Usage: tests/tools/ship-checks.sh [--no-selftest]      Exit: 0 all passed, 1 otherwise.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$HERE/common.sh"
set +e -uo pipefail
ROOT="$REPO_ROOT"
SELFTEST=1
[ "${1:-}" = "--no-selftest" ] && SELFTEST=0

passed=0; failed=0
run() {
  local name="$1"; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); echo "== $name: passed"
  else failed=$((failed + 1)); echo "== $name: FAILED"; fi
}

# The real manifest is checked with test values, whatever this shell has set.
run "manifest" env -u TEAMS_APP_ID -u BOT_ID -u AAD_APP_CLIENT_ID -u APP_DOMAIN bash "$ROOT/manifest/validate.sh"
run "infra" bash "$ROOT/infra/build.sh" --warnings-as-errors
run "infra policy" node "$HERE/check-infra-policy.js" "$SENCOHUB_TOOLS/bicep/out/main.json"
azd_wiring() {
  ensure_npm azd yaml@2.9.1
  NODE_PATH="$SENCOHUB_TOOLS/azd/node_modules" node "$HERE/check-azd-wiring.js" "$ROOT" "$SENCOHUB_TOOLS/bicep/out/main.json"
}
run "azd wiring" azd_wiring
run "hooks" node "$HERE/check-hooks.mjs"
run "database setup SQL" bash "$HERE/check-db-setup-sql.sh"
[ "$SELFTEST" -eq 1 ] && run "self-test" bash "$HERE/ship-checks-selftest.sh"

echo "ship-checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
