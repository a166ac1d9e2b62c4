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
ensure_apt faketime
ensure_npm axe axe-core@4.14.1
bash tests/tools/install-node-tools.sh
SENCOHUB_TEST_POSTGRES="$(bash tests/tools/postgres.sh)"
SENCOHUB_TEST_AZURITE="$(bash tests/tools/azurite.sh)"
export SENCOHUB_TEST_POSTGRES SENCOHUB_TEST_AZURITE SENCOHUB_TOOLS
# Tests that need a tool fail (rather than skip) when it is missing.
export SENCOHUB_REQUIRE_TOOLS=1

log "building"
dotnet build SencoHub.sln -c Debug -nologo -clp:ErrorsOnly

# The Teams package and Azure checks need no build; they run beside the tests to keep the suite short.
ship_log="$(mktemp)"
bash tests/tools/ship-checks.sh > "$ship_log" 2>&1 &
ship_pid=$!

log "running the tests"
dotnet test SencoHub.sln -c Debug --no-build -nologo --logger "console;verbosity=minimal"

# The date proof: every test that lets the machine's clock reach the app (Clock=Machine; the
# architecture test DateImmunityTests keeps that list complete) passes again with the clock moved
# to a school day inside a check-in window, a Saturday and a day in the summer holiday.
proof_dates=(
  "2026-12-07 09:30:00" # Monday, inside Autumn 2's check-in window
  "2027-03-13 10:00:00" # Saturday
  "2026-08-12 10:00:00" # summer holiday, before the test kit's fake "now"
)
for day in "${proof_dates[@]}"; do
  log "running the tests on the machine's clock again at $day"
  faketime "$day" dotnet test tests/SencoHub.Web.Tests -c Debug --no-build -nologo \
    --filter "Clock=Machine&DisplayName!~Postgres" --logger "console;verbosity=minimal"
done

log "checking the Teams app package and the Azure infrastructure"
ship_status=0
wait "$ship_pid" || ship_status=$?
cat "$ship_log"; rm -f "$ship_log"
[ "$ship_status" -eq 0 ]

log "all tests passed in $(( $(date +%s) - start )) s"
