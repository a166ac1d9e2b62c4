#!/usr/bin/env node
// azd preprovision hook (sh on Linux/macOS, pwsh on Windows; both run this file).
//  1. One tenant: az must be signed in to the tenant of the subscription azd deploys to, and to the
//     trust's tenant when AZURE_TENANT_ID is already known; otherwise the PostgreSQL administrator
//     and the app's Entra settings would belong to another directory.
//  2. The principal running azd becomes PostgreSQL's Entra administrator: records its object id,
//     type (User or ServicePrincipal) and PostgreSQL role name (a user's sign-in name, a service
//     principal's display name) in the azd environment for infra/main.parameters.json.
//  3. Refuses settings Azure would refuse half-way through a provision (README, "Settings for azd").
import { pathToFileURL } from 'node:url';
import { environment, HookError, log, main, run, setAzdValue } from './lib.mjs';

// Pure: the problems with the chosen deployment settings (empty when fine).
export function settingProblems(env) {
  const problems = [];
  const get = (name, fallback) => (env[name] === undefined || env[name] === '' ? fallback : String(env[name]));
  const int = (name, fallback, min, max) => {
    const v = get(name, fallback);
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) problems.push(`${name} must be a whole number from ${min} to ${max} (is "${v}")`);
    return Number(v);
  };
  const oneOf = (name, fallback, allowed) => {
    const v = get(name, fallback);
    if (!allowed.includes(v)) problems.push(`${name} must be one of ${allowed.join(', ')} (is "${v}")`);
    return v;
  };
  const network = oneOf('NETWORK_MODE', 'private', ['private', 'public']);
  const tier = oneOf('POSTGRES_SKU_TIER', 'Burstable', ['Burstable', 'GeneralPurpose', 'MemoryOptimized']);
  const sku = get('POSTGRES_SKU_NAME', 'Standard_B1ms');
  const burstableSku = /^Standard_B\d/i.test(sku);
  if (burstableSku !== (tier === 'Burstable')) problems.push(`POSTGRES_SKU_NAME ${sku} does not belong to the tier ${tier} (Standard_B… is Burstable)`);
  const ha = oneOf('POSTGRES_HIGH_AVAILABILITY', 'Disabled', ['Disabled', 'SameZone', 'ZoneRedundant']);
  if (ha !== 'Disabled' && tier === 'Burstable') problems.push('POSTGRES_HIGH_AVAILABILITY needs the GeneralPurpose or MemoryOptimized tier, not Burstable');
  int('POSTGRES_STORAGE_GB', '32', 32, 32768);
  int('POSTGRES_BACKUP_RETENTION_DAYS', '14', 7, 35);
  oneOf('POSTGRES_GEO_REDUNDANT_BACKUP', 'Enabled', ['Enabled', 'Disabled']);
  int('APP_SERVICE_PLAN_CAPACITY', '1', 1, 30);
  const plan = get('APP_SERVICE_PLAN_SKU', 'B1').toUpperCase();
  if (network === 'private' && ['F1', 'FREE', 'D1', 'SHARED'].includes(plan)) problems.push(`APP_SERVICE_PLAN_SKU ${plan} cannot join a virtual network; use B1 or above, or NETWORK_MODE=public`);
  oneOf('AZURE_PRINCIPAL_TYPE', 'User', ['User', 'ServicePrincipal']);
  return problems;
}

const azJson = (args) => JSON.parse(run('az', [...args, '--output', 'json']).stdout || 'null');

export function checkTenant(env) {
  const account = azJson(['account', 'show']);
  if (!account) throw new HookError('az is not signed in: az login --tenant <the trust\'s tenant id>');
  const subscription = env.AZURE_SUBSCRIPTION_ID;
  if (subscription) {
    const target = azJson(['account', 'show', '--subscription', subscription]);
    if (target.tenantId !== account.tenantId) {
      throw new HookError(`az is signed in to tenant ${account.tenantId}, but azd deploys to subscription ${subscription} in tenant ${target.tenantId}: az login --tenant ${target.tenantId}`);
    }
  }
  if (env.AZURE_TENANT_ID && env.AZURE_TENANT_ID !== account.tenantId) {
    throw new HookError(`this environment was provisioned in tenant ${env.AZURE_TENANT_ID}, but az is signed in to ${account.tenantId}: az login --tenant ${env.AZURE_TENANT_ID}`);
  }
  return account;
}

export function recordPrincipal(env, account) {
  const isUser = (account.user || {}).type === 'user';
  const type = isUser ? 'User' : 'ServicePrincipal';
  const principal = isUser ? azJson(['ad', 'signed-in-user', 'show']) : azJson(['ad', 'sp', 'show', '--id', account.user.name]);
  const id = principal.id;
  const name = isUser ? principal.userPrincipalName : principal.displayName;
  if (env.AZURE_PRINCIPAL_ID && env.AZURE_PRINCIPAL_ID !== id) {
    throw new HookError(`azd runs as ${env.AZURE_PRINCIPAL_ID} but az as ${id} (${name}); sign both in as the same account (azd auth login, az login)`);
  }
  for (const [key, value] of [['AZURE_PRINCIPAL_ID', id], ['AZURE_PRINCIPAL_TYPE', type], ['AZURE_PRINCIPAL_NAME', name]]) {
    if (env[key] !== value) setAzdValue(key, value);
  }
  log(`PostgreSQL Entra administrator: ${name} (${type}, ${id})`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(() => {
    const env = environment();
    const problems = settingProblems(env);
    if (problems.length) throw new HookError(`settings Azure would refuse (azd env set NAME value):\n  ${problems.join('\n  ')}`);
    const account = checkTenant(env);
    recordPrincipal(env, account);
    return 0;
  });
}
