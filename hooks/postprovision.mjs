#!/usr/bin/env node
// azd postprovision hook (sh on Linux/macOS, pwsh on Windows; both run this file).
//  1. The app's database role. The principal running azd is PostgreSQL's Entra administrator; as
//     that principal this step creates a plain role for the app's managed identity
//     (pgaadauth_create_principal, not an administrator) and makes it the owner of SencoHub's
//     database and of nothing else. In the private network nothing outside the virtual network
//     reaches the server, so the SQL runs in a short-lived container in the network's "setup"
//     subnet, given the administrator's access token (valid for about an hour) as a secure
//     value; the container group is deleted afterwards. Done once per server and identity
//     (AZURE_POSTGRES_APP_ROLE records it); SENCOHUB_DATABASE_SETUP=always repeats it.
//  2. The Teams app package (manifest/package.mjs); until AAD_APP_CLIENT_ID is set it says what is
//     missing and provisioning still succeeds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageApp } from '../manifest/package.mjs';
import { environment, HookError, log, main, run, setAzdValue } from './lib.mjs';

const ROLE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const DATABASE = /^[A-Za-z0-9_]{1,63}$/;
export const SETUP_IMAGE = 'docker.io/library/postgres:16-alpine';

// Pure: the SQL, run first on the "postgres" database, then on the app's database.
export function databaseSetupSql({ role, database }) {
  if (!ROLE.test(role || '')) throw new HookError(`unexpected managed identity name "${role}"`);
  if (!DATABASE.test(database || '')) throw new HookError(`unexpected database name "${database}"`);
  const server = `DO $setup$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '${role}') THEN
    PERFORM pgaadauth_create_principal('${role}', false, false);
  END IF;
END
$setup$;
DO $setup$
BEGIN
  EXECUTE 'ALTER DATABASE "${database}" OWNER TO "${role}"';
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'cannot hand "${database}" to "${role}"; granting it every privilege on that database instead';
  EXECUTE 'GRANT ALL PRIVILEGES ON DATABASE "${database}" TO "${role}"';
END
$setup$;
`;
  const app = `DO $setup$
BEGIN
  IF (SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = current_database()) <> '${role}' THEN
    EXECUTE 'GRANT USAGE, CREATE ON SCHEMA public TO "${role}"';
  END IF;
END
$setup$;
`;
  return { server, app };
}

// Pure: the container group (az container create --file takes this JSON as YAML).
export function setupContainerGroup({ name, location, subnetId, host, adminName, token, database, sql, image = SETUP_IMAGE }) {
  const script = [
    'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do pg_isready -q -d postgres && break; sleep 10; done',
    'printf %s "$SETUP_SERVER_SQL" | psql -X -v ON_ERROR_STOP=1 -d postgres',
    'printf %s "$SETUP_APP_SQL" | psql -X -v ON_ERROR_STOP=1 -d "$SETUP_DATABASE"',
  ].join(' && ');
  const env = (n, value) => ({ name: n, value });
  return {
    apiVersion: '2023-05-01',
    type: 'Microsoft.ContainerInstance/containerGroups',
    name,
    location,
    properties: {
      osType: 'Linux',
      restartPolicy: 'Never',
      subnetIds: [{ id: subnetId }],
      containers: [{
        name: 'setup',
        properties: {
          image,
          command: ['/bin/sh', '-c', script],
          resources: { requests: { cpu: 1, memoryInGB: 1 } },
          environmentVariables: [
            env('PGHOST', host),
            env('PGUSER', adminName),
            { name: 'PGPASSWORD', secureValue: token },
            // TLS with the server's certificate checked against the system's roots.
            env('PGSSLMODE', 'verify-full'),
            env('PGSSLROOTCERT', 'system'),
            env('PGCONNECT_TIMEOUT', '30'),
            env('SETUP_DATABASE', database),
            env('SETUP_SERVER_SQL', sql.server),
            env('SETUP_APP_SQL', sql.app),
          ],
        },
      }],
    },
  };
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

export async function setUpDatabase(env, { pollMs = 5000, maxPolls = 120 } = {}) {
  const need = ['AZURE_RESOURCE_GROUP', 'AZURE_LOCATION', 'AZURE_POSTGRES_HOST', 'AZURE_POSTGRES_DATABASE', 'AZURE_MANAGED_IDENTITY_NAME', 'AZURE_PRINCIPAL_NAME'];
  const missing = need.filter((n) => !env[n]);
  if (missing.length) throw new HookError(`database setup: not set: ${missing.join(' ')} (run azd provision first)`);
  const role = env.AZURE_MANAGED_IDENTITY_NAME;
  const database = env.AZURE_POSTGRES_DATABASE;
  const sql = databaseSetupSql({ role, database });
  const done = `${env.AZURE_POSTGRES_HOST}/${role}`;
  if (env.AZURE_POSTGRES_APP_ROLE === done && env.SENCOHUB_DATABASE_SETUP !== 'always') {
    log(`database setup: role ${role} already set up on ${env.AZURE_POSTGRES_HOST}`);
    return 'done before';
  }
  if ((env.NETWORK_MODE || 'private') !== 'private') {
    // Public mode: the firewall admits only the app, so nothing here can reach the server.
    log([
      'database setup: NETWORK_MODE=public, so this step cannot reach PostgreSQL. Once, as the Entra',
      `administrator (${env.AZURE_PRINCIPAL_NAME}), from an address you admit for the purpose, run on the "postgres"`,
      `database and then on "${database}" (README, "Public network mode"):`,
      sql.server, sql.app,
    ].join('\n'));
    return 'manual';
  }
  if (!env.AZURE_SETUP_SUBNET_ID) throw new HookError('database setup: AZURE_SETUP_SUBNET_ID is not set (run azd provision)');
  const sub = env.AZURE_SUBSCRIPTION_ID ? ['--subscription', env.AZURE_SUBSCRIPTION_ID] : [];
  const token = run('az', ['account', 'get-access-token', '--resource-type', 'oss-rdbms', '--query', 'accessToken', '--output', 'tsv', ...sub]).stdout;
  if (!token) throw new HookError('database setup: az returned no access token for Azure Database for PostgreSQL');
  const name = 'sencohub-db-setup';
  const group = ['--resource-group', env.AZURE_RESOURCE_GROUP, '--name', name, ...sub];
  const spec = setupContainerGroup({
    name, location: env.AZURE_LOCATION, subnetId: env.AZURE_SETUP_SUBNET_ID, host: env.AZURE_POSTGRES_HOST,
    adminName: env.AZURE_PRINCIPAL_NAME, token, database, sql, image: env.SENCOHUB_SETUP_IMAGE || SETUP_IMAGE,
  });
  // The file holds the token: private to this user, and gone as soon as az has read it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sencohub-'));
  const file = path.join(dir, 'setup.yaml');
  // Bicep registers the providers it deploys; this container is created by az, outside it.
  run('az', ['provider', 'register', '--namespace', 'Microsoft.ContainerInstance', '--wait', ...sub]);
  log(`database setup: creating role ${role} (owner of ${database}) from a container in the private network`);
  try {
    fs.writeFileSync(file, JSON.stringify(spec), { mode: 0o600 });
    run('az', ['container', 'create', '--resource-group', env.AZURE_RESOURCE_GROUP, '--file', file, '--no-wait', ...sub]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    let state = null;
    for (let i = 0; i < maxPolls; i++) {
      state = JSON.parse(run('az', ['container', 'show', ...group, '--query', 'containers[0].instanceView.currentState', '--output', 'json'], { allowFailure: true }).stdout || 'null');
      if (state && state.state === 'Terminated') break;
      await sleep(pollMs);
    }
    const logs = run('az', ['container', 'logs', ...group], { allowFailure: true });
    if (logs.stdout) console.error(logs.stdout);
    if (!state || state.state !== 'Terminated') throw new HookError('database setup: the setup container did not finish in time; run azd provision again');
    if (state.exitCode !== 0) throw new HookError(`database setup: the SQL failed (exit ${state.exitCode}); see the output above`);
  } finally {
    run('az', ['container', 'delete', ...group, '--yes'], { allowFailure: true });
  }
  setAzdValue('AZURE_POSTGRES_APP_ROLE', done);
  log(`database setup: ${role} owns ${database}`);
  return 'done';
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(async () => {
    const env = environment();
    await setUpDatabase(env);
    try {
      packageApp({ env });
    } catch (e) {
      if (!(e instanceof HookError)) throw e;
      // Not fatal: the package is only needed for the upload in README step 4.
      log(`Teams app package not built yet: ${e.message}`);
    }
    return 0;
  });
}
