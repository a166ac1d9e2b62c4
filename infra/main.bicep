// SencoHub in Azure, provisioned by `azd up` (or `azd provision`).
// Subscription scope: creates the resource group, then everything else inside it. No secret is
// created, passed or output: the app, the bot, Storage, Key Vault and PostgreSQL all use one
// user-assigned managed identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; becomes part of every resource name and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region for all regional resources.')
param location string

@minLength(1)
@description('Object id of the principal running azd (azd sets AZURE_PRINCIPAL_ID): the PostgreSQL Entra administrator, with blob data access for support.')
param principalId string

@description('What that principal is (azd sets AZURE_PRINCIPAL_TYPE): a person, or a pipeline\'s service principal.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@minLength(1)
@description('Its PostgreSQL role name: a person\'s sign-in name or a service principal\'s display name (the preprovision hook sets AZURE_PRINCIPAL_NAME).')
param principalName string

@description('Client id of the Entra app registration used for Teams SSO (set AAD_APP_CLIENT_ID once it exists).')
param entraClientId string = ''

@description('Tenant of that app registration; defaults to the tenant of the subscription.')
param entraTenantId string = tenant().tenantId

@description('private (default): the app reaches PostgreSQL inside a virtual network and the server has no public endpoint. public: the server is public but admits only the app\'s outbound addresses.')
@allowed(['private', 'public'])
param networkMode string = 'private'

@description('App Service plan SKU (B1 is the smallest with Always On and VNet integration).')
param appServicePlanSku string = 'B1'

@description('Number of instances of the plan (a string, as azd passes it).')
param appServicePlanCapacity string = '1'

// PostgreSQL durability. Decide before the first provision: geo-redundant backup cannot be changed
// on an existing server, and high availability needs the GeneralPurpose or MemoryOptimized tier.
@description('PostgreSQL compute SKU, e.g. Standard_B1ms (Burstable), Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_B1ms'

@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresSkuTier string = 'Burstable'

@description('Storage in GB (grows automatically; never shrinks).')
param postgresStorageSizeGB string = '32'

@description('Days of point-in-time restore, 7 to 35.')
param postgresBackupRetentionDays string = '14'

@description('Copies backups to the paired region (uksouth to ukwest). Fixed when the server is created.')
@allowed(['Enabled', 'Disabled'])
param postgresGeoRedundantBackup string = 'Enabled'

@description('A standby server: SameZone or ZoneRedundant (not on Burstable).')
@allowed(['Disabled', 'SameZone', 'ZoneRedundant'])
param postgresHighAvailability string = 'Disabled'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentity}sencohub-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.logAnalyticsWorkspace}${resourceToken}'
    appInsightsName: '${abbrs.appInsights}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

var isPrivate = networkMode == 'private'
var postgresName = '${abbrs.postgresFlexibleServer}${resourceToken}'

module network 'modules/network.bicep' = if (isPrivate) {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.virtualNetwork}${resourceToken}'
    location: location
    tags: tags
    postgresServerName: postgresName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageAccount}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVault}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: postgresName
    location: location
    tags: tags
    administratorObjectId: principalId
    administratorName: principalName
    administratorType: principalType
    networkMode: networkMode
    delegatedSubnetId: isPrivate ? network!.outputs.postgresSubnetId : ''
    privateDnsZoneId: isPrivate ? network!.outputs.postgresDnsZoneId : ''
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: int(postgresStorageSizeGB)
    backupRetentionDays: int(postgresBackupRetentionDays)
    geoRedundantBackup: postgresGeoRedundantBackup
    highAvailability: postgresHighAvailability
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

// The Teams app's id: stable per environment, so re-uploading the package updates the same app.
var teamsAppId = guid(subscription().id, environmentName, 'sencohub-teams-app')

module web 'modules/web.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: '${abbrs.appServiceSite}sencohub-${resourceToken}'
    planName: '${abbrs.appServicePlan}${resourceToken}'
    location: location
    tags: tags
    sku: appServicePlanSku
    capacity: int(appServicePlanCapacity)
    virtualNetworkSubnetId: isPrivate ? network!.outputs.appSubnetId : ''
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityName: identity.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    blobServiceUri: storage.outputs.blobEndpoint
    dataProtectionBlobUri: storage.outputs.dataProtectionBlobUri
    dataProtectionKeyId: keyVault.outputs.dataProtectionKeyId
    postgresHost: postgres.outputs.host
    postgresDatabase: postgres.outputs.databaseName
    entraClientId: entraClientId
    entraTenantId: entraTenantId
    teamsAppId: teamsAppId
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  scope: rg
  params: {
    name: '${abbrs.botService}sencohub-${resourceToken}'
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    appHostName: web.outputs.hostName
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module postgresFirewall 'modules/postgres-firewall.bicep' = if (!isPrivate) {
  name: 'postgres-firewall'
  scope: rg
  params: {
    serverName: postgres.outputs.name
    outboundIpAddresses: web.outputs.possibleOutboundIpAddresses
  }
}

// Read by azd (stored in .azure/<env>/.env) and by manifest/package.sh.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_WEB_NAME string = web.outputs.name
output SERVICE_WEB_URI string = web.outputs.uri
output APP_DOMAIN string = web.outputs.hostName
output BOT_ID string = bot.outputs.appId
output AZURE_BOT_NAME string = bot.outputs.name
// A stable id for the Teams app package, derived from the environment (same on every provision).
output TEAMS_APP_ID string = teamsAppId
output AZURE_MANAGED_IDENTITY_NAME string = identity.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_POSTGRES_HOST string = postgres.outputs.host
output AZURE_POSTGRES_DATABASE string = postgres.outputs.databaseName
output AZURE_POSTGRES_NAME string = postgres.outputs.name
output NETWORK_MODE string = networkMode
// Where the post-provision step runs its container (private mode); empty in public mode.
output AZURE_SETUP_SUBNET_ID string = isPrivate ? network!.outputs.setupSubnetId : ''
