#!/usr/bin/env bash
# Runs every SencoHub test on a fresh machine. First installs what the tests need when it is
# missing (Debian chromium + PostgreSQL, npm tools and Azurite into .tools/); every install is idempotent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
. tests/tools/common.sh
start=$(date +%s)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log "preparing tools"
ensure_chromium
ensure_npm axe axe-core@4.14.1
bash tests/tools/install-node-tools.sh
SENCOHUB_TEST_POSTGRES="$(bash tests/tools/postgres.sh)"
SENCOHUB_TEST_AZURITE="$(bash tests/tools/azurite.sh)"
export SENCOHUB_TEST_POSTGRES SENCOHUB_TEST_AZURITE SENCOHUB_TOOLS
# Tests that need a tool fail (rather than skip) when it is missing.
export SENCOHUB_REQUIRE_TOOLS=1

log "building"
dotnet build SencoHub.sln -c Debug -nologo -clp:ErrorsOnly

log "running the tests"
dotnet test SencoHub.sln -c Debug --no-build -nologo --logger "console;verbosity=minimal"

log "checking the Teams app package and the Azure infrastructure"
bash tests/tools/ship-checks.sh

log "all tests passed in $(( $(date +%s) - start )) s"
