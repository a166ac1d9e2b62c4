#!/usr/bin/env node
// Offline checks of the azd hooks (hooks/*.mjs) and the package version (manifest/package.mjs):
// the pure parts directly, the parts that call az and azd against stub commands on PATH that
// record every call. Nothing reaches Azure. Usage: node tests/tools/check-hooks.mjs  Exit: 0 ok, 1 not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settingProblems, checkTenant, recordPrincipal } from '../../hooks/preprovision.mjs';
import { databaseSetupSql, setupContainerGroup, setUpDatabase } from '../../hooks/postprovision.mjs';
import { deriveVersion } from '../../manifest/package.mjs';
import { HookError, parseEnvValues } from '../../hooks/lib.mjs';

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`  ok    ${name}`); } catch (e) { failed++; console.log(`  FAIL  ${name}\n        ${String(e.stack || e).split('\n').slice(0, 4).join('\n        ')}`); }
}

// Stub az and azd: each call is appended to calls.log; answers come from STUB_* variables.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sencohub-hooks-'));
const bin = path.join(work, 'bin');
fs.mkdirSync(bin);
fs.writeFileSync(path.join(bin, 'az'), `#!/bin/sh
echo "az $*" >> "$STUB_DIR/calls.log"
case "$1 $2" in
  "--version ") echo "azure-cli 2.x" ;;
  "account get-access-token") echo "stub-token-123" ;;
  "account show")
    case "$*" in *--subscription*) echo "{\\"tenantId\\": \\"$STUB_SUBSCRIPTION_TENANT\\"}" ;;
      *) echo "{\\"tenantId\\": \\"$STUB_TENANT\\", \\"user\\": {\\"type\\": \\"$STUB_USER_TYPE\\", \\"name\\": \\"$STUB_USER_NAME\\"}}" ;; esac ;;
  "ad signed-in-user") echo "{\\"id\\": \\"$STUB_USER_ID\\", \\"userPrincipalName\\": \\"$STUB_USER_NAME\\"}" ;;
  "ad sp") echo "{\\"id\\": \\"$STUB_USER_ID\\", \\"displayName\\": \\"deploy-pipeline\\"}" ;;
  "container create")
    while [ $# -gt 0 ]; do [ "$1" = "--file" ] && cp "$2" "$STUB_DIR/spec.json" && echo "$2" > "$STUB_DIR/spec.path"; shift; done ;;
  "container show") echo "$STUB_STATE" ;;
  "container logs") echo "NOTICE: from the setup container" ;;
  "container delete") : ;;
  "provider register") : ;;
  *) echo "unexpected az call: $*" >&2; exit 9 ;;
esac
`, { mode: 0o755 });
fs.writeFileSync(path.join(bin, 'azd'), `#!/bin/sh
echo "azd $*" >> "$STUB_DIR/calls.log"
case "$1 $2" in
  "--version ") echo "azd version 1.x" ;;
  "env get-values") printf '%s\\n' "$STUB_AZD_VALUES" ;;
  "env set") : ;;
  *) exit 9 ;;
esac
`, { mode: 0o755 });
process.env.PATH = `${bin}${path.delimiter}${process.env.PATH}`;
process.env.STUB_DIR = work;
const calls = () => (fs.existsSync(path.join(work, 'calls.log')) ? fs.readFileSync(path.join(work, 'calls.log'), 'utf8').trim().split('\n') : []);
const reset = () => { for (const f of ['calls.log', 'spec.json', 'spec.path']) fs.rmSync(path.join(work, f), { force: true }); };

console.log('hooks: settings, SQL, container, database step, tenant, principal, version');

await check('default settings are accepted', () => assert.deepEqual(settingProblems({}), []));
await check('settings Azure would refuse are named', () => {
  const p = settingProblems({ POSTGRES_HIGH_AVAILABILITY: 'ZoneRedundant', POSTGRES_BACKUP_RETENTION_DAYS: '5', APP_SERVICE_PLAN_SKU: 'F1', NETWORK_MODE: 'open', AZURE_PRINCIPAL_TYPE: 'Group' });
  for (const word of ['HIGH_AVAILABILITY needs the GeneralPurpose', 'BACKUP_RETENTION_DAYS must be a whole number from 7 to 35', 'NETWORK_MODE must be one of private, public', 'AZURE_PRINCIPAL_TYPE must be one of']) {
    assert.ok(p.some((x) => x.includes(word)), `missing "${word}" in ${JSON.stringify(p)}`);
  }
  assert.ok(settingProblems({ APP_SERVICE_PLAN_SKU: 'F1' }).some((x) => x.includes('cannot join a virtual network')));
  assert.deepEqual(settingProblems({ APP_SERVICE_PLAN_SKU: 'F1', NETWORK_MODE: 'public' }), []);
  assert.ok(settingProblems({ POSTGRES_SKU_NAME: 'Standard_D2ds_v5' }).some((x) => x.includes('does not belong to the tier Burstable')));
  assert.deepEqual(settingProblems({ POSTGRES_SKU_NAME: 'Standard_D2ds_v5', POSTGRES_SKU_TIER: 'GeneralPurpose', POSTGRES_HIGH_AVAILABILITY: 'ZoneRedundant' }), []);
});

await check('SQL: a non-admin Entra role for the identity that owns only the app database', () => {
  const { server, app } = databaseSetupSql({ role: 'id-sencohub-abc123', database: 'sencohub' });
  assert.match(server, /pgaadauth_create_principal\('id-sencohub-abc123', false, false\)/);
  assert.match(server, /IF NOT EXISTS \(SELECT 1 FROM pg_catalog\.pg_roles WHERE rolname = 'id-sencohub-abc123'\)/);
  assert.match(server, /ALTER DATABASE "sencohub" OWNER TO "id-sencohub-abc123"/);
  assert.doesNotMatch(server + app, /SUPERUSER|azure_pg_admin|CREATEROLE|CREATEDB|GRANT .* ON DATABASE postgres/i);
  assert.match(app, /GRANT USAGE, CREATE ON SCHEMA public TO "id-sencohub-abc123"/);
});
await check('SQL: names that could break out of the quotes are refused', () => {
  assert.throws(() => databaseSetupSql({ role: "x'; DROP ROLE y; --", database: 'sencohub' }), HookError);
  assert.throws(() => databaseSetupSql({ role: 'id-ok', database: 'a"b' }), HookError);
});

await check('container: in the setup subnet, runs once, token only as a secure value, TLS verify-full', () => {
  const sql = databaseSetupSql({ role: 'id-x', database: 'sencohub' });
  const g = setupContainerGroup({ name: 'n', location: 'uksouth', subnetId: '/sub/s', host: 'h.postgres.database.azure.com', adminName: 'admin@trust.org', token: 'T0KEN', database: 'sencohub', sql });
  assert.deepEqual(g.properties.subnetIds, [{ id: '/sub/s' }]);
  assert.equal(g.properties.restartPolicy, 'Never');
  const vars = g.properties.containers[0].properties.environmentVariables;
  assert.deepEqual(vars.filter((v) => JSON.stringify(v).includes('T0KEN')), [{ name: 'PGPASSWORD', secureValue: 'T0KEN' }]);
  assert.equal(vars.find((v) => v.name === 'PGSSLMODE').value, 'verify-full');
  assert.equal(vars.find((v) => v.name === 'PGUSER').value, 'admin@trust.org');
  assert.match(g.properties.containers[0].properties.command.join(' '), /psql -X -v ON_ERROR_STOP=1 -d postgres.*psql -X -v ON_ERROR_STOP=1 -d "\$SETUP_DATABASE"/);
});

const provisioned = {
  AZURE_RESOURCE_GROUP: 'rg-sencohub-prod', AZURE_LOCATION: 'uksouth', AZURE_POSTGRES_HOST: 'psql-abc.postgres.database.azure.com',
  AZURE_POSTGRES_DATABASE: 'sencohub', AZURE_MANAGED_IDENTITY_NAME: 'id-sencohub-abc', AZURE_PRINCIPAL_NAME: 'admin@trust.org',
  AZURE_SETUP_SUBNET_ID: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/setup', AZURE_SUBSCRIPTION_ID: 'sub-1',
};
await check('database step (private): runs the container as the administrator, records success, deletes the container and the token file', async () => {
  reset();
  process.env.STUB_STATE = '{"state": "Terminated", "exitCode": 0}';
  assert.equal(await setUpDatabase({ ...provisioned }, { pollMs: 1 }), 'done');
  const log = calls();
  assert.ok(log.some((c) => /^az account get-access-token --resource-type oss-rdbms .*--subscription sub-1/.test(c)), log.join('\n'));
  const registered = log.indexOf('az provider register --namespace Microsoft.ContainerInstance --wait --subscription sub-1');
  assert.ok(registered >= 0 && registered < log.findIndex((c) => c.startsWith('az container create')), log.join('\n'));
  const spec = JSON.parse(fs.readFileSync(path.join(work, 'spec.json'), 'utf8'));
  assert.equal(spec.properties.subnetIds[0].id, provisioned.AZURE_SETUP_SUBNET_ID);
  assert.ok(JSON.stringify(spec).includes('"secureValue":"stub-token-123"'));
  assert.ok(!fs.existsSync(fs.readFileSync(path.join(work, 'spec.path'), 'utf8').trim()), 'the file holding the token must be deleted');
  assert.ok(log.some((c) => c.startsWith('az container delete --resource-group rg-sencohub-prod --name sencohub-db-setup')));
  assert.ok(log.includes('azd env set AZURE_POSTGRES_APP_ROLE psql-abc.postgres.database.azure.com/id-sencohub-abc'), log.join('\n'));
});
await check('database step: a failing SQL run fails the hook and still deletes the container', async () => {
  reset();
  process.env.STUB_STATE = '{"state": "Terminated", "exitCode": 3}';
  await assert.rejects(setUpDatabase({ ...provisioned }, { pollMs: 1 }), /the SQL failed \(exit 3\)/);
  assert.ok(calls().some((c) => c.startsWith('az container delete')));
  assert.ok(!calls().some((c) => c.startsWith('azd env set')));
});
await check('database step: done once per server and identity', async () => {
  reset();
  assert.equal(await setUpDatabase({ ...provisioned, AZURE_POSTGRES_APP_ROLE: 'psql-abc.postgres.database.azure.com/id-sencohub-abc' }), 'done before');
  assert.deepEqual(calls(), []);
});
await check('database step (public): nothing can reach the server, so it prints the SQL and calls nothing', async () => {
  reset();
  assert.equal(await setUpDatabase({ ...provisioned, NETWORK_MODE: 'public' }), 'manual');
  assert.deepEqual(calls(), []);
});

const tenant = { STUB_TENANT: 'tenant-a', STUB_SUBSCRIPTION_TENANT: 'tenant-a', STUB_USER_TYPE: 'user', STUB_USER_NAME: 'admin@trust.org', STUB_USER_ID: 'oid-1' };
await check('one tenant: az in another tenant than the subscription is refused, naming the fix', () => {
  reset(); Object.assign(process.env, tenant, { STUB_SUBSCRIPTION_TENANT: 'tenant-b' });
  assert.throws(() => checkTenant({ AZURE_SUBSCRIPTION_ID: 'sub-1' }), /az login --tenant tenant-b/);
  Object.assign(process.env, tenant);
  assert.throws(() => checkTenant({ AZURE_SUBSCRIPTION_ID: 'sub-1', AZURE_TENANT_ID: 'tenant-c' }), /provisioned in tenant tenant-c/);
  assert.equal(checkTenant({ AZURE_SUBSCRIPTION_ID: 'sub-1', AZURE_TENANT_ID: 'tenant-a' }).tenantId, 'tenant-a');
});
await check('principal: a person is recorded as User with their sign-in name; a pipeline as ServicePrincipal', () => {
  reset(); Object.assign(process.env, tenant);
  recordPrincipal({ AZURE_PRINCIPAL_ID: 'oid-1' }, checkTenant({}));
  assert.ok(calls().includes('azd env set AZURE_PRINCIPAL_TYPE User') && calls().includes('azd env set AZURE_PRINCIPAL_NAME admin@trust.org'), calls().join('\n'));
  reset(); Object.assign(process.env, { STUB_USER_TYPE: 'servicePrincipal', STUB_USER_NAME: 'app-id-1' });
  recordPrincipal({}, checkTenant({}));
  assert.ok(calls().includes('azd env set AZURE_PRINCIPAL_TYPE ServicePrincipal') && calls().includes('azd env set AZURE_PRINCIPAL_NAME deploy-pipeline'), calls().join('\n'));
  reset(); Object.assign(process.env, tenant);
  assert.throws(() => recordPrincipal({ AZURE_PRINCIPAL_ID: 'someone-else' }, checkTenant({})), /sign both in as the same account/);
});

await check('version: MAJOR.MINOR from the template, PATCH grows with every later build', () => {
  const a = deriveVersion('1.0.0', new Date('2026-12-07T22:00:00Z'));
  const b = deriveVersion('1.0.0', new Date('2026-12-07T22:01:00Z'));
  assert.equal(a, `1.0.${(Date.UTC(2026, 11, 7, 22) - Date.UTC(2026, 0, 1)) / 60000}`);
  assert.ok(Number(b.split('.')[2]) > Number(a.split('.')[2]));
  assert.equal(deriveVersion('2.3.999999999', new Date('2026-12-07T22:00:00Z')), '2.3.999999999');
  assert.throws(() => deriveVersion('1.0', new Date()), HookError);
});
await check('azd env get-values is read as data', () => {
  assert.deepEqual(parseEnvValues('A="x y"\nB=plain\n# c\nBAD LINE\nC="say \\"hi\\""'), { A: 'x y', B: 'plain', C: 'say "hi"' });
});

fs.rmSync(work, { recursive: true, force: true });
console.log(`check-hooks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
