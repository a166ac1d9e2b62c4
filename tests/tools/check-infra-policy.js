#!/usr/bin/env node
'use strict';
/*
 * Asserts the security and hosting decisions in the compiled infra/main.bicep (ARM JSON), so a
 * change that still compiles and lints cleanly cannot quietly drop them:
 *   web app: HTTPS only, TLS 1.2, FTPS off, basic publishing credentials off, /health probe,
 *            DOTNETCORE|10.0, user-assigned identity, the app settings the app needs in Azure;
 *   storage: no public blob access, no shared keys, TLS 1.2; a Storage Blob Data Contributor grant;
 *            a private dataprotection container;
 *   key vault: RBAC only; an RSA key that only wraps and unwraps; the app may use it (Crypto
 *            Service Encryption User) for the data-protection keys;
 *   PostgreSQL: v16, Burstable B1ms, Entra auth on, password auth off, an Entra administrator,
 *            database sencohub, the Azure-services firewall rule;
 *   bot: UserAssignedMSI with the Teams channel; App Insights on a Log Analytics workspace;
 *   no secure or secret-looking parameters or outputs.
 * Usage: node check-infra-policy.js COMPILED_MAIN.json        Exit: 0 ok, 1 problems.
 */
const fs = require('fs');

const file = process.argv[2];
if (!file) { console.error('usage: check-infra-policy.js COMPILED_MAIN.json'); process.exit(2); }
const main = JSON.parse(fs.readFileSync(file, 'utf8'));
const problems = [];
const expect = (ok, message) => { if (!ok) problems.push(message); };

// Every resource in the template and its nested module deployments.
const all = [];
(function collect(template) {
  const resources = Array.isArray(template.resources) ? template.resources : Object.values(template.resources || {});
  for (const r of resources) {
    Object.defineProperty(r, 'template', { value: template, enumerable: false });
    all.push(r);
    if (r.type === 'Microsoft.Resources/deployments' && r.properties && r.properties.template) collect(r.properties.template);
  }
}(main));
const ofType = (type) => all.filter((r) => r.type === type);
const one = (type) => {
  const found = ofType(type);
  expect(found.length === 1, `expected one ${type}, found ${found.length}`);
  return found[0] || { properties: {} };
};

const site = one('Microsoft.Web/sites');
const sc = (site.properties || {}).siteConfig || {};
expect(site.properties.httpsOnly === true, 'web app: httpsOnly must be true');
expect(sc.minTlsVersion === '1.2', `web app: minTlsVersion must be 1.2 (is ${sc.minTlsVersion})`);
expect(sc.ftpsState === 'Disabled', `web app: ftpsState must be Disabled (is ${sc.ftpsState})`);
expect(sc.healthCheckPath === '/health', `web app: healthCheckPath must be /health (is ${sc.healthCheckPath})`);
expect(sc.linuxFxVersion === 'DOTNETCORE|10.0', `web app: linuxFxVersion must be DOTNETCORE|10.0 (is ${sc.linuxFxVersion})`);
expect(sc.alwaysOn !== undefined && sc.alwaysOn !== false, 'web app: alwaysOn must be set where the SKU allows');
expect((site.identity || {}).type === 'UserAssigned', 'web app: must run as the user-assigned identity');
const policies = ofType('Microsoft.Web/sites/basicPublishingCredentialsPolicies');
for (const kind of ['ftp', 'scm']) {
  const p = policies.find((r) => String(r.name).includes(`'${kind}'`));
  expect(p && p.properties.allow === false, `web app: basic publishing credentials for ${kind} must be disallowed`);
}
const settings = JSON.stringify((one('Microsoft.Web/sites/config').properties) || '');
for (const key of ['SencoHub__Database__Provider', 'ConnectionStrings__SencoHub', 'SencoHub__Bot__Authentication__AppId',
  'SencoHub__Bot__Credentials__ManagedIdentityClientId', 'SencoHub__Storage__BlobServiceUri', 'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'AZURE_CLIENT_ID', 'SencoHub__Auth__Entra__ClientId', 'SencoHub__Auth__Entra__TenantId',
  // Closed by default: Entra-issued bot tokens only from the trust's tenant.
  'SencoHub__Bot__Authentication__AllowedTenantIds__0',
  // Redirects are built from the Host header: only the app's own address is served.
  'AllowedHosts',
  // Sign-in rate limits are per client address, which only the forwarded headers carry.
  'ASPNETCORE_FORWARDEDHEADERS_ENABLED',
  // Data-protection keys in Blob Storage, wrapped by the Key Vault key, never plain in the database.
  'SencoHub__DataProtection__KeysBlobUri', 'SencoHub__DataProtection__KeyVaultKeyId']) {
  expect(settings.includes(`'${key}'`), `web app: app setting ${key} is missing`);
}
expect(!/password|pwd=|accountkey|sharedaccesskey/i.test(settings), 'web app: an app setting carries a password or key');
expect(!/'AllowedHosts', '\*'/.test(settings), 'web app: AllowedHosts must name the app\'s host, not *');

const storage = one('Microsoft.Storage/storageAccounts').properties || {};
expect(storage.allowBlobPublicAccess === false, 'storage: allowBlobPublicAccess must be false');
expect(storage.allowSharedKeyAccess === false, 'storage: allowSharedKeyAccess must be false');
expect(storage.minimumTlsVersion === 'TLS1_2', 'storage: minimumTlsVersion must be TLS1_2');
const blobContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
// The role id may sit in the module's variables; look in the template that declares the grant.
expect(ofType('Microsoft.Authorization/roleAssignments').some((r) => r.properties.principalType === 'ServicePrincipal'
  && JSON.stringify(r.template).includes(blobContributor)),
  'storage: no Storage Blob Data Contributor role assignment');

const containers = ofType('Microsoft.Storage/storageAccounts/blobServices/containers');
expect(containers.some((r) => String(r.name).includes('dataprotection') && (r.properties || {}).publicAccess === 'None'),
  'storage: needs the private dataprotection container');

const vault = one('Microsoft.KeyVault/vaults').properties || {};
expect(vault.enableRbacAuthorization === true, 'key vault: enableRbacAuthorization must be true (no access policies)');
expect(!vault.accessPolicies || vault.accessPolicies.length === 0, 'key vault: must not use access policies');
const dpKey = one('Microsoft.KeyVault/vaults/keys').properties || {};
expect(dpKey.kty === 'RSA' && JSON.stringify([...(dpKey.keyOps || [])].sort()) === JSON.stringify(['unwrapKey', 'wrapKey']),
  'key vault: the data-protection key must be RSA and only wrap and unwrap');
const cryptoUser = 'e147488a-f6f5-4113-8e2d-b22465e65bf6';
expect(ofType('Microsoft.Authorization/roleAssignments').some((r) => r.properties.principalType === 'ServicePrincipal'
  && JSON.stringify(r.template).includes(cryptoUser)),
  'key vault: no Key Vault Crypto Service Encryption User role assignment for the app');

const pg = one('Microsoft.DBforPostgreSQL/flexibleServers');
const auth = (pg.properties || {}).authConfig || {};
expect(pg.properties.version === '16', `postgres: version must be 16 (is ${pg.properties.version})`);
expect(pg.sku && pg.sku.name === 'Standard_B1ms' && pg.sku.tier === 'Burstable', 'postgres: sku must be Burstable Standard_B1ms');
expect(auth.activeDirectoryAuth === 'Enabled', 'postgres: Entra authentication must be enabled');
expect(auth.passwordAuth === 'Disabled', 'postgres: password authentication must be disabled');
expect(!('administratorLoginPassword' in pg.properties), 'postgres: must not set an administrator password');
expect(ofType('Microsoft.DBforPostgreSQL/flexibleServers/administrators').length === 1, 'postgres: needs the identity as Entra administrator');
expect(ofType('Microsoft.DBforPostgreSQL/flexibleServers/databases').length === 1, 'postgres: needs the sencohub database');
const fw = ofType('Microsoft.DBforPostgreSQL/flexibleServers/firewallRules');
expect(fw.some((r) => r.properties.startIpAddress === '0.0.0.0' && r.properties.endIpAddress === '0.0.0.0'), 'postgres: needs the allow-Azure-services firewall rule');

const bot = one('Microsoft.BotService/botServices').properties || {};
expect(bot.msaAppType === 'UserAssignedMSI', `bot: msaAppType must be UserAssignedMSI (is ${bot.msaAppType})`);
expect(bot.msaAppMSIResourceId && bot.msaAppTenantId && bot.msaAppId, 'bot: msaAppId, msaAppMSIResourceId and msaAppTenantId are required');
expect(ofType('Microsoft.BotService/botServices/channels').some((r) => r.properties.channelName === 'MsTeamsChannel'), 'bot: the Teams channel is missing');

const appi = one('Microsoft.Insights/components').properties || {};
expect(Boolean(appi.WorkspaceResourceId), 'monitoring: Application Insights must be workspace-based');
one('Microsoft.OperationalInsights/workspaces');

const secretish = /secret|password|connectionstring|accountkey|token/i;
for (const [name, p] of Object.entries(main.parameters || {})) {
  expect(!/^secure/i.test(p.type) && !secretish.test(name), `main.bicep parameter ${name} looks like a secret; none may be passed in`);
}
for (const name of Object.keys(main.outputs || {})) expect(!secretish.test(name), `main.bicep output ${name} looks like a secret`);

for (const p of problems) console.log(`  [infra] ${p}`);
console.log(`check-infra-policy: ${problems.length ? `${problems.length} problem(s)` : 'security and hosting settings as decided'}`);
process.exit(problems.length ? 1 : 0);
