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

@description('Object id of the person running azd (optional); gets blob data access for support tasks.')
param principalId string = ''

@description('Client id of the Entra app registration used for Teams SSO (set AAD_APP_CLIENT_ID once it exists).')
param entraClientId string = ''

@description('Tenant of that app registration; defaults to the tenant of the subscription.')
param entraTenantId string = tenant().tenantId

@description('URL of the SharePoint site holding the SEND library (optional until the library is set up).')
param sharePointSiteUrl string = ''

@description('Name of the document library in that site.')
param sharePointLibraryName string = ''

@description('App Service plan SKU (B1 is the smallest with Always On).')
param appServicePlanSku string = 'B1'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
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
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: '${abbrs.postgresFlexibleServer}${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    identityPrincipalId: identity.outputs.principalId
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
    sharePointSiteUrl: sharePointSiteUrl
    sharePointLibraryName: sharePointLibraryName
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
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_POSTGRES_HOST string = postgres.outputs.host
output AZURE_POSTGRES_DATABASE string = postgres.outputs.databaseName
