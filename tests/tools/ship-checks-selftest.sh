#!/usr/bin/env bash
# Proves the ship checks can fail: each case breaks a copy of the manifest, the icons or the
# Bicep in a temporary folder and expects manifest/validate.sh, manifest/package.sh or
# infra/build.sh to refuse it with the right message. Also builds a real package and checks
# the zip. Called by tests/tools/ship-checks.sh; needs node, python3 and the .NET SDK.
# The cases quote ${{PLACEHOLDERS}} and $schema literally, on purpose:
# shellcheck disable=SC2016
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$HERE/common.sh"
set +e
ROOT="$REPO_ROOT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0; failed=0

ok()   { passed=$((passed + 1)); echo "  ok    $1"; }
fail() { failed=$((failed + 1)); echo "  FAIL  $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/        /'; }

fresh_manifest() {   # a copy of manifest/ to break
  rm -rf "$WORK/m"; mkdir -p "$WORK/m"
  cp "$ROOT/manifest/manifest.json" "$ROOT/manifest/color.png" "$ROOT/manifest/outline.png" "$WORK/m/"
}
edit_json() {        # edit_json 'JS statements on m' : edits the copy's manifest.json as data
  node -e 'const fs=require("fs");const f=process.argv[1];const m=JSON.parse(fs.readFileSync(f,"utf8"));'"$1"';fs.writeFileSync(f,JSON.stringify(m,null,2));' "$WORK/m/manifest.json"
}
# expect_refused NAME PATTERN COMMAND... : COMMAND must exit 1 and print PATTERN.
expect_refused() {
  local name="$1" pattern="$2"; shift 2
  local out rc
  out="$("$@" 2>&1)"; rc=$?
  if [ "$rc" -eq 1 ] && grep -qE -- "$pattern" <<< "$out"; then ok "$name"
  else fail "$name (exit $rc, expected 1 and /$pattern/)" "$out"; fi
}
validate_copy() { env -u TEAMS_APP_ID -u BOT_ID -u AAD_APP_CLIENT_ID -u APP_DOMAIN bash "$ROOT/manifest/validate.sh" "$WORK/m"; }

echo "ship-checks self-test: broken inputs must be refused"

fresh_manifest; edit_json 'm.name.full=m.name.full+" ${{TENANT_NAME}}"'
expect_refused "unknown placeholder" 'TENANT_NAME.*not allowed' validate_copy

fresh_manifest; edit_json 'm.webApplicationInfo.id="c3a95f70-2e84-4b1d-a6f9-58d0b3e21c33";m.webApplicationInfo.resource="api://${{APP_DOMAIN}}/c3a95f70-2e84-4b1d-a6f9-58d0b3e21c33"'
expect_refused "placeholder never used" 'AAD_APP_CLIENT_ID.*never used' validate_copy

fresh_manifest; edit_json 'm.developer.email="x@example.org"'
expect_refused "property the schema does not allow" 'schema.*/developer must NOT have additional properties' validate_copy

fresh_manifest; edit_json 'delete m.description'
expect_refused "required property missing" "schema.*must have required property 'description'" validate_copy

fresh_manifest; edit_json 'm.bots[0].scopes.push("everyone")'
expect_refused "bot scope outside the enum" 'schema.*/bots/0/scopes/3 must be equal to one of the allowed values' validate_copy

fresh_manifest; edit_json 'm.manifestVersion="1.29"'
expect_refused "manifestVersion differs from \$schema" 'manifestVersion "1.29" does not match the \$schema version 1.30' validate_copy

fresh_manifest; edit_json 'm.$schema=m.$schema.replace("v1.30","v1.99");m.manifestVersion="1.99"'
expect_refused "schema version not bundled" 'not a Teams manifest schema bundled' validate_copy

fresh_manifest; edit_json 'm.description.short="x".repeat(81)'
expect_refused "short description too long" 'description.short is 81 characters; the limit is 80' validate_copy

fresh_manifest; edit_json 'm.description.full=m.description.short'
expect_refused "short and full descriptions equal" 'must differ' validate_copy

fresh_manifest; edit_json 'm.staticTabs[1].contentUrl="https://elsewhere.example.com/strategy"'
expect_refused "tab on a domain not in validDomains" 'elsewhere.example.com is not in validDomains' validate_copy

fresh_manifest; edit_json 'm.configurableTabs[0].configurationUrl="http://${{APP_DOMAIN}}/tab-config"'
expect_refused "tab URL without https" 'configurationUrl must use https' validate_copy

fresh_manifest; edit_json 'm.webApplicationInfo.resource="api://${{APP_DOMAIN}}/botid-${{BOT_ID}}"'
expect_refused "SSO resource not the documented form" 'webApplicationInfo.resource must be' validate_copy

fresh_manifest; edit_json 'm.composeExtensions=[{botId:"${{AAD_APP_CLIENT_ID}}",commands:[{id:"q",type:"query",title:"Search",parameters:[{name:"query",title:"Search"}]}]}]'
expect_refused "bot and message extension ids differ" 'different bot ids' validate_copy

fresh_manifest; edit_json 'm.staticTabs[2].entityId="strategy"'
expect_refused "duplicate tab entityId" 'duplicate staticTabs entityId: strategy' validate_copy

fresh_manifest; printf '{ "broken": ' > "$WORK/m/manifest.json"
expect_refused "invalid JSON" 'not valid JSON' validate_copy

fresh_manifest; rm "$WORK/m/outline.png"
expect_refused "icon file missing" 'outline.png does not exist' validate_copy

fresh_manifest; cp "$ROOT/manifest/color.png" "$WORK/m/outline.png"
expect_refused "outline icon wrong size and not white" 'is 192x192; it must be 32x32' validate_copy

fresh_manifest
python3 -c '
import sys, pathlib
sys.path.insert(0, sys.argv[1])
import draw_icons as d
size, rows = d.outline_icon()
grey = [bytes(b if (i % 4 == 3) else 128 for i, b in enumerate(r)) for r in rows]
pathlib.Path(sys.argv[2]).write_bytes(d.png_bytes(size, grey))
' "$ROOT/manifest/icons" "$WORK/m/outline.png"
expect_refused "outline icon not white" 'are not white' validate_copy

fresh_manifest
python3 -c '
import sys, pathlib
sys.path.insert(0, sys.argv[1])
import draw_icons as d
size, rows = d.colour_icon()
rows[96] = bytes(len(rows[96]))
pathlib.Path(sys.argv[2]).write_bytes(d.png_bytes(size, rows))
' "$ROOT/manifest/icons" "$WORK/m/color.png"
expect_refused "icon differs from draw_icons.py" 'differ from what manifest/icons/draw_icons.py draws' validate_copy

fresh_manifest
expect_refused "APP_DOMAIN given as a URL" 'APP_DOMAIN must be a lower-case host name' \
  env APP_DOMAIN=https://sencohub.example.org bash "$ROOT/manifest/validate.sh" "$WORK/m"

expect_refused "BOT_ID not a GUID" 'BOT_ID must be a GUID' env BOT_ID=not-a-guid bash "$ROOT/manifest/validate.sh" "$WORK/m"

# package.sh without values (and without azd on PATH) names every missing variable.
NOAZD="$WORK/noazd"; mkdir -p "$NOAZD"
for tool in node npm bash sh dirname env tr sed grep cat mkdir; do ln -sf "$(command -v "$tool")" "$NOAZD/$tool"; done
expect_refused "package.sh names missing variables" 'not set: TEAMS_APP_ID BOT_ID AAD_APP_CLIENT_ID APP_DOMAIN' \
  env -i HOME="$HOME" PATH="$NOAZD" SENCOHUB_TOOLS="$SENCOHUB_TOOLS" sh "$ROOT/manifest/package.sh" --out "$WORK/never.zip"

# package.sh reads what is missing from `azd env get-values` (a stub azd prints what azd would).
AZD="$WORK/azd"; mkdir -p "$AZD"
cat > "$AZD/azd" <<'SH'
#!/bin/sh
[ "$1 $2" = "env get-values" ] || exit 3
echo 'AZURE_ENV_NAME="trust-prod"'
echo 'APP_DOMAIN="app-sencohub-xyz.azurewebsites.net"'
echo 'BOT_ID="0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"'
echo 'TEAMS_APP_ID="9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"'
SH
chmod +x "$AZD/azd"
# The version is derived from the (fixed) build time: 2026-12-07 22:00 UTC is 490,920 minutes after 2026-01-01.
out="$(env -u TEAMS_APP_ID -u BOT_ID -u APP_DOMAIN -u TEAMS_APP_VERSION AAD_APP_CLIENT_ID=1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d PATH="$AZD:$PATH" \
  SENCOHUB_PACKAGE_TIME=2026-12-07T22:00:00Z bash "$ROOT/manifest/package.sh" --out "$WORK/pkg/sencohub.zip" 2>&1)"; rc=$?
listing="$(python3 - "$WORK/pkg/sencohub.zip" <<'PY' 2>&1
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None, "corrupt member"
m = json.loads(z.read("manifest.json"))
print(" ".join(sorted(z.namelist())))
print(m["id"], m["bots"][0]["botId"], m["webApplicationInfo"]["resource"], m["validDomains"][0], m["version"])
PY
)"
if [ "$rc" -eq 0 ] && grep -qx 'color.png manifest.json outline.png' <<< "$listing" \
   && grep -q '^9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 api://app-sencohub-xyz.azurewebsites.net/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d app-sencohub-xyz.azurewebsites.net 1.0.490920$' <<< "$listing"; then
  ok "package.sh fills values from azd, derives the version and writes manifest + icons at the zip root"
else
  fail "package.sh with azd values (exit $rc)" "$out"$'\n'"$listing"
fi

# An explicit version lower than the template's is refused (Teams would refuse the upload).
expect_refused "package version lower than the template's" 'lower than the template' \
  env AAD_APP_CLIENT_ID=1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d TEAMS_APP_ID=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d BOT_ID=0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 \
  APP_DOMAIN=app-sencohub-xyz.azurewebsites.net TEAMS_APP_VERSION=0.9.0 PATH="$AZD:$PATH" bash "$ROOT/manifest/package.sh" --out "$WORK/never.zip"

# infra/build.sh --warnings-as-errors refuses a lint warning and a type error in a module.
rm -rf "$WORK/infra"; cp -r "$ROOT/infra" "$WORK/infra"
printf '\nvar unusedName = %s\n' "'x'" >> "$WORK/infra/modules/bot.bicep"
expect_refused "bicep lint finding in a module" 'no-unused-vars' bash "$ROOT/infra/build.sh" --warnings-as-errors --outdir "$WORK/arm" "$WORK/infra/main.bicep"
rm -rf "$WORK/infra"; cp -r "$ROOT/infra" "$WORK/infra"
sed -i "s/allowSharedKeyAccess: false/allowSharedKeyAccess: false\n    allowSharedKeyAcess: true/" "$WORK/infra/modules/storage.bicep"
expect_refused "bicep type check (misspelt property)" 'BCP037|BCP089' bash "$ROOT/infra/build.sh" --warnings-as-errors --outdir "$WORK/arm" "$WORK/infra/main.bicep"

# check-infra-policy.js refuses Bicep that compiles cleanly but drops a decision.
policy_case() {   # policy_case NAME PATTERN SED-EXPRESSION MODULE
  rm -rf "$WORK/infra" "$WORK/arm"; cp -r "$ROOT/infra" "$WORK/infra"
  sed -i "$3" "$WORK/infra/modules/$4"
  if ! bash "$ROOT/infra/build.sh" --warnings-as-errors --outdir "$WORK/arm" "$WORK/infra/main.bicep" >/dev/null 2>&1; then
    fail "$1 (the broken copy did not even compile cleanly)"; return
  fi
  expect_refused "$1" "$2" node "$ROOT/tests/tools/check-infra-policy.js" "$WORK/arm/main.json"
}
policy_case "web app TLS 1.0" 'minTlsVersion must be 1.2' "s/minTlsVersion: '1.2'/minTlsVersion: '1.0'/" web.bicep
policy_case "storage shared keys on" 'allowSharedKeyAccess must be false' "s/allowSharedKeyAccess: false/allowSharedKeyAccess: true/" storage.bicep
policy_case "postgres password auth on" 'password authentication must be disabled' "s/passwordAuth: 'Disabled'/passwordAuth: 'Enabled'/" postgres.bicep
policy_case "connection string without VerifyFull" 'must use Ssl Mode=VerifyFull' "s/Ssl Mode=VerifyFull/Ssl Mode=Require/" web.bicep
policy_case "app not integrated with the network" 'integrated with the app subnet' "s/virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId/virtualNetworkSubnetId: null/" web.bicep
policy_case "Application Insights with local auth" 'local authentication off' "s/DisableLocalAuth: true/DisableLocalAuth: false/" monitoring.bicep
policy_case "no diagnostics on the bot" 'bot needs a diagnostic setting' "s/scope: bot$/scope: teams/" bot.bicep
policy_case "public mode admits every Azure address" 'no firewall rule may admit 0.0.0.0' "s/startIpAddress: trim(address)/startIpAddress: '0.0.0.0'/" postgres-firewall.bicep
policy_case "old API version" 'Microsoft.Web/serverfarms@2023-12-01 is older than' "s/Microsoft.Web\/serverfarms@2025-03-01/Microsoft.Web\/serverfarms@2023-12-01/" web.bicep
# main.bicep decisions (the helper edits modules/; these edit main.bicep directly)
main_case() {   # main_case NAME PATTERN SED-EXPRESSION
  rm -rf "$WORK/infra" "$WORK/arm"; cp -r "$ROOT/infra" "$WORK/infra"
  sed -i "$3" "$WORK/infra/main.bicep"
  if ! bash "$ROOT/infra/build.sh" --warnings-as-errors --outdir "$WORK/arm" "$WORK/infra/main.bicep" >/dev/null 2>&1; then
    fail "$1 (the broken copy did not even compile cleanly)"; return
  fi
  expect_refused "$1" "$2" node "$ROOT/tests/tools/check-infra-policy.js" "$WORK/arm/main.json"
}
main_case "network open by default" 'networkMode must default to private' "s/param networkMode string = 'private'/param networkMode string = 'public'/"
main_case "short backup retention" 'backup retention must be a parameter defaulting to 14 days or more' "s/param postgresBackupRetentionDays string = '14'/param postgresBackupRetentionDays string = '7'/"
main_case "geo-redundant backup off by default" 'geo-redundant backup must default to Enabled' "s/param postgresGeoRedundantBackup string = 'Enabled'/param postgresGeoRedundantBackup string = 'Disabled'/"
main_case "postgres administrator type hard-coded" 'principalType must be passed through' "s/administratorType: principalType/administratorType: 'User'/"
main_case "the app's identity as PostgreSQL administrator" 'must be the principal running azd' "s/administratorObjectId: principalId/administratorObjectId: identity.outputs.principalId/"

# check-azd-wiring.js refuses a parameter the template lacks and a wrong service project.
ensure_npm azd yaml@2.9.1
wiring_root() {
  rm -rf "$WORK/r"; mkdir -p "$WORK/r/manifest" "$WORK/r/src/SencoHub.Web"
  cp -r "$ROOT/azure.yaml" "$ROOT/infra" "$ROOT/hooks" "$ROOT/README.md" "$WORK/r/"
  cp -p "$ROOT/manifest/package.sh" "$ROOT/manifest/package.mjs" "$WORK/r/manifest/"
  cp "$ROOT/src/SencoHub.Web/SencoHub.Web.csproj" "$WORK/r/src/SencoHub.Web/"
}
check_wiring() { NODE_PATH="$SENCOHUB_TOOLS/azd/node_modules" node "$ROOT/tests/tools/check-azd-wiring.js" "$WORK/r" "$SENCOHUB_TOOLS/bicep/out/main.json"; }
wiring_root; sed -i 's/"parameters": {/"parameters": {\n    "bogusParam": { "value": "x" },/' "$WORK/r/infra/main.parameters.json"
expect_refused "parameters file sets an undeclared parameter" '"bogusParam", which main.bicep does not declare' check_wiring
wiring_root; sed -i 's|project: src/SencoHub.Web|project: src/SencoHub.Api|' "$WORK/r/azure.yaml"
expect_refused "azure.yaml service project missing" 'src/SencoHub.Api" is not a folder with a .csproj' check_wiring
wiring_root; python3 - "$WORK/r/azure.yaml" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
open(p, 'w').write(re.sub(r'(  postprovision:\n    posix:\n(?:      .*\n)+)    windows:\n(?:      .*\n)+', r'\1', s))
PY
expect_refused "hook without a windows variant" 'postprovision has no windows variant' check_wiring
wiring_root; sed -i '/requiredVersions:/,/azd: /d' "$WORK/r/azure.yaml"
expect_refused "no requiredVersions for azd" 'requiredVersions.azd must be a minimum version' check_wiring
wiring_root; sed -i "1a import YAML from 'yaml';" "$WORK/r/hooks/lib.mjs"
expect_refused "hook needing an npm package" 'imports "yaml": hooks may use only node: modules' check_wiring
wiring_root; sed -i 's/NETWORK_MODE/NETWORK-MODE/g' "$WORK/r/README.md"
expect_refused "azd setting the README does not document" 'NETWORK_MODE, which README.md does not document' check_wiring
wiring_root; sed -i 's/"${POSTGRES_BACKUP_RETENTION_DAYS=14}"/"${POSTGRES_BACKUP_RETENTION_DAYS=7}"/' "$WORK/r/infra/main.parameters.json"
expect_refused "parameters file default differs from the template" 'postgresBackupRetentionDays the default "7" but main.bicep "14"' check_wiring

echo "ship-checks self-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
