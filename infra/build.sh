#!/usr/bin/env bash
# Compiles and lints infra/main.bicep with the real Bicep CLI, offline.
#
# The bicep binary comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (pinned below):
# a throwaway project with a PackageDownload item is restored into .tools/bicep once; later runs
# reuse it. The compiled ARM JSON goes to .tools/bicep/out (never committed) unless --outdir.
#
# Lint rules: infra/bicepconfig.json raises the secret- and hygiene-related rules to errors and turns
# on optional ones (explicit locations, symbol references, safe access, stable identifiers …).
# use-recent-api-versions stays off on purpose: it compares against today's date, so the same
# commit would start failing; tests/tools/check-infra-policy.js holds a fixed API-version floor.
#
# Usage: infra/build.sh [--warnings-as-errors] [--outdir DIR] [FILE.bicep]
#        (default FILE: infra/main.bicep)
# Env:   BICEP_VERSION (default 0.49.2); BICEP=/path/to/bicep to use another binary
#        (needed on machines that are not linux-x64).
# Exit:  0 clean, 1 build or lint errors (or any warning with --warnings-as-errors), 2 usage.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=../tests/tools/common.sh
. "$HERE/../tests/tools/common.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

BICEP_VERSION="${BICEP_VERSION:-0.49.2}"
WAE=0
FILE="$HERE/main.bicep"
OUT="$SENCOHUB_TOOLS/bicep/out"
while [ $# -gt 0 ]; do
  case "$1" in
    --warnings-as-errors) WAE=1; shift ;;
    --outdir) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "infra/build.sh: unknown option $1" >&2; exit 2 ;;
    *) FILE="$1"; shift ;;
  esac
done
[ -f "$FILE" ] || { echo "infra/build.sh: no such file: $FILE" >&2; exit 2; }

ensure_bicep() {
  if [ -n "${BICEP:-}" ]; then return 0; fi
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "infra/build.sh: the pinned bicep package is for linux-x64; set BICEP=/path/to/bicep on $(uname -s)-$(uname -m)" >&2
    exit 2
  fi
  local base="$SENCOHUB_TOOLS/bicep"
  BICEP="$base/pkgs/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
  [ -x "$BICEP" ] && return 0
  mkdir -p "$base/fetch"
  cat > "$base/fetch/fetch.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <!-- Only downloads the bicep CLI package; nothing is built. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
XML
  # Keep the repo's Directory.Build.props / Directory.Packages.props out of this throwaway project.
  echo '<Project />' > "$base/fetch/Directory.Build.props"
  echo '<Project />' > "$base/fetch/Directory.Packages.props"
  log "fetching Azure.Bicep.CommandLine.linux-x64 $BICEP_VERSION from NuGet"
  dotnet restore "$base/fetch/fetch.csproj" --packages "$base/pkgs" >&2
  chmod +x "$BICEP"
  # The restored folder keeps a copy of the .nupkg (~100 MB) that is never used again.
  rm -f "$base"/pkgs/azure.bicep.commandline.linux-x64/*/*.nupkg
}

ensure_bicep
mkdir -p "$OUT"

rc=0
log "bicep $("$BICEP" --version 2>/dev/null | sed -n 's/.*version \([^ ]*\).*/\1/p'): build $FILE"
if ! build_out="$("$BICEP" build "$FILE" --outdir "$OUT" 2>&1)"; then
  echo "$build_out"
  echo "BUILD FAILED: $FILE" >&2
  exit 1
fi
set +e
lint_out="$("$BICEP" lint "$FILE" 2>&1)"
lint_rc=$?
set -e
[ -n "$lint_out" ] && echo "$lint_out"
warnings="$(printf '%s\n' "$lint_out" | grep -c ': Warning ' || true)"
errors="$(printf '%s\n' "$lint_out" | grep -c ': Error ' || true)"
if [ "$lint_rc" -ne 0 ] || [ "$errors" -gt 0 ]; then
  echo "LINT ERRORS: $FILE" >&2; rc=1
elif [ "$WAE" -eq 1 ] && [ "$warnings" -gt 0 ]; then
  echo "LINT: $warnings warning(s), treated as errors: $FILE" >&2; rc=1
else
  if [ "$warnings" -eq 0 ]; then log "OK: $FILE compiled and linted clean; ARM JSON in ${OUT#"$REPO_ROOT"/}"
  else log "OK with $warnings lint warning(s): $FILE; ARM JSON in ${OUT#"$REPO_ROOT"/}"; fi
fi
exit $rc
