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
 *   PostgreSQL: v16, Entra auth only; the principal running azd (type passed through) is the
 *            administrator, never the app's identity; durability (SKU, storage, backup retention
 *            >= 14 days, geo-redundant backup on, HA) from parameters; database sencohub;
 *   network: private by default (delegated subnets, private DNS zone, app VNet integration with
 *            all traffic routed); the public mode admits only the app's outbound addresses; no 0.0.0.0;
 *   web app: Ssl Mode=VerifyFull; plan SKU and capacity from parameters;
 *   bot: UserAssignedMSI with the Teams channel; App Insights on a Log Analytics workspace, local
 *            auth off, the identity publishes; diagnostic settings on web, PostgreSQL, Storage, bot,
 *            Key Vault; API versions not older than a fixed floor;
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
  'SencoHub__DataProtection__KeysBlobUri', 'SencoHub__DataProtection__KeyVaultKeyId',
  // The first directory from the app's storage: never the demo trust, no database access needed.
  'SencoHub__Directory__SeedFile']) {
  expect(settings.includes(`'${key}'`), `web app: app setting ${key} is missing`);
}
expect(!/password|pwd=|accountkey|sharedaccesskey/i.test(settings), 'web app: an app setting carries a password or key');
expect(/Username=\{\d\};Ssl Mode=VerifyFull'/.test(settings) && !/Ssl Mode=(Require|Prefer|Allow|Disable|VerifyCA)/i.test(settings),
  'web app: the PostgreSQL connection string must use Ssl Mode=VerifyFull');
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
expect(/'SencoHub__Directory__SeedFile', 'store:[a-z0-9._\/-]+'/.test(settings) && containers.some((r) => String(r.name).includes("'sencohub'")),
  'web app: the first directory must come from the app\'s file store (SeedFile store:…, container sencohub)');
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

// A module deployment by name, and the value main.bicep passes to one of its parameters.
const deployment = (name) => all.find((r) => r.type === 'Microsoft.Resources/deployments' && r.name === name)
  || { properties: { parameters: {}, template: {} } };
const passed = (module, param) => String(JSON.stringify((deployment(module).properties.parameters || {})[param]));
const mainParam = (name) => (main.parameters || {})[name] || {};

const pg = one('Microsoft.DBforPostgreSQL/flexibleServers');
const pgp = pg.properties || {};
const auth = pgp.authConfig || {};
expect(pgp.version === '16', `postgres: version must be 16 (is ${pgp.version})`);
expect(auth.activeDirectoryAuth === 'Enabled', 'postgres: Entra authentication must be enabled');
expect(auth.passwordAuth === 'Disabled', 'postgres: password authentication must be disabled');
expect(!('administratorLoginPassword' in pgp), 'postgres: must not set an administrator password');
expect(ofType('Microsoft.DBforPostgreSQL/flexibleServers/databases').length === 1, 'postgres: needs the sencohub database');

// Least privilege: the principal running azd is the Entra administrator, its type passed through;
// the app's identity is not an administrator (the post-provision step gives it a plain role).
const admins = ofType('Microsoft.DBforPostgreSQL/flexibleServers/administrators');
expect(admins.length === 1, `postgres: expected one Entra administrator, found ${admins.length}`);
const admin = admins[0] || { properties: {} };
expect(/parameters\('administratorObjectId'\)/.test(admin.name) && passed('postgres', 'administratorObjectId') === JSON.stringify({ value: "[parameters('principalId')]" }),
  'postgres: the Entra administrator must be the principal running azd (principalId), not the app\'s identity');
expect(admin.properties.principalType === "[parameters('administratorType')]" && passed('postgres', 'administratorType') === JSON.stringify({ value: "[parameters('principalType')]" }),
  'postgres: the administrator\'s principalType must be passed through from principalType (AZURE_PRINCIPAL_TYPE), never hard-coded');
expect(!/identity/i.test(passed('postgres', 'administratorName') + passed('postgres', 'administratorObjectId')),
  'postgres: the app\'s managed identity must not be the Entra administrator');
const principalTypes = mainParam('principalType').allowedValues || [];
expect(principalTypes.includes('User') && principalTypes.includes('ServicePrincipal'),
  'main.bicep: principalType must allow both User and ServicePrincipal (azd runs as either)');
expect(!JSON.stringify(main).includes("'principalType', 'User'") && ofType('Microsoft.Authorization/roleAssignments')
  .every((r) => r.properties.principalType !== 'User'), 'no role assignment may hard-code principalType User');

// A closed network by default: private access in a delegated subnet, the app integrated with the
// network; the public mode admits only the app's outbound addresses; never 0.0.0.0.
const mode = mainParam('networkMode');
expect(mode.defaultValue === 'private' && JSON.stringify(mode.allowedValues) === JSON.stringify(['private', 'public']),
  `main.bicep: networkMode must default to private and allow private|public (default ${mode.defaultValue})`);
const network = JSON.stringify(pgp.network || '');
expect(/'publicNetworkAccess', 'Disabled', 'delegatedSubnetResourceId', parameters\('delegatedSubnetId'\), 'privateDnsZoneArmResourceId'/.test(network),
  'postgres: in private mode the server must have public access disabled, a delegated subnet and a private DNS zone');
expect(passed('postgres', 'delegatedSubnetId').includes("outputs.postgresSubnetId"), 'postgres: the delegated subnet must come from the network module');
const subnets = (one('Microsoft.Network/virtualNetworks').properties || {}).subnets || [];
const delegated = (svc) => subnets.some((sn) => JSON.stringify(sn).includes(`"serviceName":"${svc}"`));
expect(delegated('Microsoft.DBforPostgreSQL/flexibleServers'), 'network: needs a subnet delegated to PostgreSQL flexible servers');
expect(delegated('Microsoft.Web/serverFarms'), 'network: needs a subnet delegated to App Service (VNet integration)');
expect(delegated('Microsoft.ContainerInstance/containerGroups'), 'network: needs the setup subnet for the post-provision container');
expect(ofType('Microsoft.Network/privateDnsZones').some((z) => /private\.postgres\.database\.azure\.com/.test(z.name))
  && ofType('Microsoft.Network/privateDnsZones/virtualNetworkLinks').length === 1, 'network: needs the PostgreSQL private DNS zone linked to the network');
expect(/parameters\('virtualNetworkSubnetId'\)/.test(JSON.stringify(site.properties.virtualNetworkSubnetId))
  && passed('web', 'virtualNetworkSubnetId').includes('outputs.appSubnetId'), 'web app: must be integrated with the app subnet in private mode');
expect(JSON.stringify(site.properties.outboundVnetRouting || '').includes("'allTraffic', true()"), 'web app: all outbound traffic must go through the network in private mode');
const fw = ofType('Microsoft.DBforPostgreSQL/flexibleServers/firewallRules');
expect(!fw.some((r) => JSON.stringify(r.properties).includes('0.0.0.0')), 'postgres: no firewall rule may admit 0.0.0.0 (every Azure customer)');
expect(fw.length === 1 && /split\(parameters\('outboundIpAddresses'\)/.test(JSON.stringify(fw[0].copy || {}))
  && passed('postgres-firewall', 'outboundIpAddresses').includes('outputs.possibleOutboundIpAddresses'),
  'postgres: the public mode\'s firewall rules must be exactly the web app\'s outbound addresses');
expect(/not\(variables\('isPrivate'\)\)/.test(deployment('postgres-firewall').condition || '')
  && /variables\('isPrivate'\)/.test(deployment('network').condition || ''), 'the firewall rules belong to public mode only, the network to private mode only');

// Durable data, chosen with azd env set before the first provision.
const pgParam = (name) => (pg.template.parameters || {})[name] || {};
for (const [param, local] of [['postgresSkuName', 'skuName'], ['postgresSkuTier', 'skuTier'], ['postgresStorageSizeGB', 'storageSizeGB'],
  ['postgresBackupRetentionDays', 'backupRetentionDays'], ['postgresGeoRedundantBackup', 'geoRedundantBackup'], ['postgresHighAvailability', 'highAvailability']]) {
  expect(mainParam(param).defaultValue !== undefined, `main.bicep: needs the parameter ${param} with a default`);
  expect(passed('postgres', local).includes(`parameters('${param}')`), `postgres: ${local} must come from main.bicep's ${param}`);
}
expect(JSON.stringify(pgp).includes("[parameters('backupRetentionDays')]") && Number(mainParam('postgresBackupRetentionDays').defaultValue) >= 14
  && (pgParam('backupRetentionDays').minValue || 0) >= 7, 'postgres: backup retention must be a parameter defaulting to 14 days or more');
expect(mainParam('postgresGeoRedundantBackup').defaultValue === 'Enabled', 'postgres: geo-redundant backup must default to Enabled (it cannot be turned on later)');
expect(JSON.stringify(pgp.highAvailability) === JSON.stringify({ mode: "[parameters('highAvailability')]" }), 'postgres: high availability must be a parameter');
expect(pg.sku && pg.sku.name === "[parameters('skuName')]" && pg.sku.tier === "[parameters('skuTier')]", 'postgres: SKU name and tier must be parameters');
expect(mainParam('postgresSkuName').defaultValue === 'Standard_B1ms' && mainParam('postgresSkuTier').defaultValue === 'Burstable',
  'postgres: the default SKU is Burstable Standard_B1ms (README, "Durable data")');

const bot = one('Microsoft.BotService/botServices').properties || {};
expect(bot.msaAppType === 'UserAssignedMSI', `bot: msaAppType must be UserAssignedMSI (is ${bot.msaAppType})`);
expect(bot.msaAppMSIResourceId && bot.msaAppTenantId && bot.msaAppId, 'bot: msaAppId, msaAppMSIResourceId and msaAppTenantId are required');
expect(ofType('Microsoft.BotService/botServices/channels').some((r) => r.properties.channelName === 'MsTeamsChannel'), 'bot: the Teams channel is missing');

const appi = one('Microsoft.Insights/components').properties || {};
expect(Boolean(appi.WorkspaceResourceId), 'monitoring: Application Insights must be workspace-based');
expect(appi.DisableLocalAuth === true, 'monitoring: Application Insights must have local authentication off (Entra only)');
const metricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb';
expect(ofType('Microsoft.Authorization/roleAssignments').some((r) => r.properties.principalType === 'ServicePrincipal'
  && JSON.stringify(r.template).includes(metricsPublisher) && /Microsoft.Insights\/components/.test(JSON.stringify(r.scope || ''))),
  'monitoring: the app\'s identity needs Monitoring Metrics Publisher on Application Insights to publish telemetry');
one('Microsoft.OperationalInsights/workspaces');

// Diagnostic settings to Log Analytics on everything that holds or moves the trust's data.
const diagnosticScopes = ofType('Microsoft.Insights/diagnosticSettings').map((r) => JSON.stringify(r.scope || ''));
for (const [what, pattern] of [['web app', /'Microsoft.Web\/sites'/], ['PostgreSQL', /'Microsoft.DBforPostgreSQL\/flexibleServers'/],
  ['Storage', /'Microsoft.Storage\/storageAccounts\/blobServices'/], ['bot', /'Microsoft.BotService\/botServices'/], ['Key Vault', /'Microsoft.KeyVault\/vaults'/]]) {
  expect(diagnosticScopes.some((sc) => pattern.test(sc)), `monitoring: ${what} needs a diagnostic setting`);
}
expect(ofType('Microsoft.Insights/diagnosticSettings').every((r) => /workspaceId/.test(JSON.stringify(r.properties))
  && ((r.properties || {}).logs || []).some((l) => l.enabled)), 'monitoring: every diagnostic setting sends logs to the workspace');

// Scale: SKU and instance count are parameters azd can set.
expect(mainParam('appServicePlanSku').defaultValue && mainParam('appServicePlanCapacity').defaultValue !== undefined,
  'main.bicep: appServicePlanSku and appServicePlanCapacity must be parameters with defaults');
const planSku = (one('Microsoft.Web/serverfarms').sku) || {};
expect(planSku.name === "[parameters('sku')]" && planSku.capacity === "[parameters('capacity')]", 'web app: the plan SKU and capacity must come from parameters');

// API versions: nothing older than this fixed floor, except types whose newest GA version is older
// (diagnosticSettings: the preview is the only version with category groups).
const apiFloor = '2024-11-01';
const olderAllowed = { 'Microsoft.Insights/diagnosticSettings': '2021-05-01-preview', 'Microsoft.Insights/components': '2020-02-02',
  'Microsoft.BotService/botServices': '2022-09-15', 'Microsoft.BotService/botServices/channels': '2022-09-15',
  'Microsoft.Authorization/roleAssignments': '2022-04-01', 'Microsoft.Network/privateDnsZones': '2024-06-01',
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks': '2024-06-01' };
for (const r of all) {
  const v = String(r.apiVersion || (r.existing ? apiFloor : ''));
  if (r.existing) continue;
  expect(v >= apiFloor || olderAllowed[r.type] === v, `api version: ${r.type}@${v} is older than ${apiFloor}`);
}

const secretish = /secret|password|connectionstring|accountkey|token/i;
for (const [name, p] of Object.entries(main.parameters || {})) {
  expect(!/^secure/i.test(p.type) && !secretish.test(name), `main.bicep parameter ${name} looks like a secret; none may be passed in`);
}
for (const name of Object.keys(main.outputs || {})) expect(!secretish.test(name), `main.bicep output ${name} looks like a secret`);

for (const p of problems) console.log(`  [infra] ${p}`);
console.log(`check-infra-policy: ${problems.length ? `${problems.length} problem(s)` : 'security and hosting settings as decided'}`);
process.exit(problems.length ? 1 : 0);
