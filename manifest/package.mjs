#!/usr/bin/env node
// Builds the Teams app package: manifest/build/sencohub.zip with manifest.json (placeholders filled
// in, version derived) and the two icons at the zip root, after validating it (validate-manifest.js).
//
// Usage: node manifest/package.mjs [--out FILE.zip]
// Values come from the environment: TEAMS_APP_ID, BOT_ID, AAD_APP_CLIENT_ID, APP_DOMAIN. Those not
// set are read from the azd environment (`azd env get-values`) when azd is installed; azd provision
// writes TEAMS_APP_ID, BOT_ID and APP_DOMAIN there, and you set AAD_APP_CLIENT_ID (README,
// "Deploy to your tenant"). Runs from azd's postprovision hook on every platform.
//
// Version: Teams accepts an upload as an update only with a higher version, so each build gets
// MAJOR.MINOR from manifest.json and, as PATCH, the minutes since 2026-01-01 UTC (higher on every
// later build, on any machine). TEAMS_APP_VERSION=X.Y.Z overrides it; SENCOHUB_PACKAGE_TIME (an
// ISO time) replaces the clock, for tests.
// Exit: 0 package written, 1 missing or invalid values or manifest problems, 2 setup error.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { environment, ensureNpm, HookError, log, main, repoRoot, run } from '../hooks/lib.mjs';

export const VARS = ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID', 'APP_DOMAIN'];
const EPOCH = Date.UTC(2026, 0, 1);
const manifestDir = path.join(repoRoot, 'manifest');

export function deriveVersion(templateVersion, now) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(templateVersion);
  if (!m) throw new HookError(`manifest.json version "${templateVersion}" must be MAJOR.MINOR.PATCH`);
  const minutes = Math.floor((now.getTime() - EPOCH) / 60000);
  if (!(minutes >= 0)) throw new HookError(`cannot derive a version from the time ${now.toISOString?.() ?? now}`);
  return `${m[1]}.${m[2]}.${Math.max(Number(m[3]), minutes)}`;
}

export function packageApp({ out = path.join(manifestDir, 'build', 'sencohub.zip'), env = environment() } = {}) {
  const missing = VARS.filter((v) => !env[v]);
  if (missing.length) {
    throw new HookError([
      `cannot build the Teams app package; not set: ${missing.join(' ')}`,
      '  Set them in the environment or in the azd environment. After \'azd provision\', TEAMS_APP_ID,',
      '  BOT_ID and APP_DOMAIN are in the azd environment; AAD_APP_CLIENT_ID is the client id of the',
      '  Entra app registration for Teams SSO: azd env set AAD_APP_CLIENT_ID <client id>',
      '  (README.md, "Deploy to your tenant").',
    ].join('\n'));
  }
  const template = JSON.parse(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8').replace(/^\uFEFF/, ''));
  const now = env.SENCOHUB_PACKAGE_TIME ? new Date(env.SENCOHUB_PACKAGE_TIME) : new Date();
  const version = env.TEAMS_APP_VERSION || deriveVersion(String(template.version), now);
  const nodePath = ensureNpm('manifest', ['@microsoft/app-manifest@1.1.2']);
  const result = run(process.execPath, [path.join(manifestDir, 'validate-manifest.js'), '--require-env', '--version', version, '--zip', out, manifestDir], {
    allowFailure: true,
    env: { ...process.env, ...Object.fromEntries(VARS.map((v) => [v, env[v]])), NODE_PATH: nodePath },
  });
  if (result.stdout) console.log(result.stdout);
  if (!result.ok) throw new HookError(`the Teams app package was not written:\n${result.stderr}`);
  log(`Teams app package: ${out}, version ${version} (Teams admin centre: Teams apps > Manage apps > Upload new app, or the app's page > Upload file for an update)`);
  return { out, version };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(() => {
    const args = process.argv.slice(2);
    let out;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--out' && args[i + 1]) out = path.resolve(args[++i]);
      else if (args[i] === '-h' || args[i] === '--help') { console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\nimport ')[0]); return 0; }
      else { console.error(`manifest/package.mjs: unknown argument ${args[i]}`); return 2; }
    }
    packageApp({ out });
    return 0;
  });
}
