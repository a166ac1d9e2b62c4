// Linux App Service plan + the SencoHub web app (.NET 10), running as the user-assigned identity.
// Every setting the app needs in Azure is written here from the other modules' outputs; none is
// a secret (the database and storage are reached with Entra tokens for the identity).
param name string
param planName string
param location string
param tags object

@description('App Service plan SKU; Always On is enabled on every SKU that supports it (not F1/D1).')
param sku string

param identityId string
param identityClientId string
param identityName string

param appInsightsName string
param logAnalyticsWorkspaceId string
param blobServiceUri string

@description('Blob holding the data-protection key ring, and the versioned Key Vault key that wraps each key in it.')
param dataProtectionBlobUri string
param dataProtectionKeyId string
param postgresHost string
param postgresDatabase string

@description('Client id of the Entra app registration for Teams SSO; empty until it exists.')
param entraClientId string

@description('The trust\'s Entra tenant: SSO tokens and Entra-issued bot tokens are accepted from it only.')
param entraTenantId string

@description('SharePoint site and library for the resource library; empty keeps the local store.')
param sharePointSiteUrl string
param sharePointLibraryName string

@description('The Teams app id from the manifest, so card links open the tabs inside Teams.')
param teamsAppId string

var alwaysOn = !contains(['F1', 'FREE', 'D1', 'SHARED'], toUpper(sku))

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource web 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the deployment target for service "web" by this tag.
  tags: union(tags, { 'azd-service-name': 'web' })
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: alwaysOn
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: '/health'
    }
  }

  // Deployment uses Entra ID (azd), so publishing with basic credentials stays off.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

var coreSettings = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  // The client's address and scheme from App Service's front end (sign-in rate limits are per address).
  ASPNETCORE_FORWARDEDHEADERS_ENABLED: 'true'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  // Azure.Identity's DefaultAzureCredential picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identityClientId
  SencoHub__Database__Provider: 'Postgres'
  // Entra authentication: no password; the app supplies a token for the identity as the password.
  ConnectionStrings__SencoHub: 'Host=${postgresHost};Database=${postgresDatabase};Username=${identityName};Ssl Mode=Require'
  SencoHub__Storage__BlobServiceUri: blobServiceUri
  // Session and anti-forgery keys: in Blob Storage, each wrapped by a Key Vault key (not in the database).
  SencoHub__DataProtection__KeysBlobUri: dataProtectionBlobUri
  SencoHub__DataProtection__KeyVaultKeyId: dataProtectionKeyId
  SencoHub__Bot__AppId: identityClientId
  SencoHub__Bot__ManagedIdentityClientId: identityClientId
  // Entra-issued bot tokens are accepted from this tenant only (none set: all refused).
  SencoHub__Bot__AllowedTenantIds__0: entraTenantId
  // Links in cards and messages are built outside any request, so the app is told its address.
  SencoHub__PublicBaseUrl: 'https://${web.properties.defaultHostName}'
  // Redirects are built from the Host header: any other host is refused (a custom domain is added here).
  AllowedHosts: web.properties.defaultHostName
  SencoHub__Teams__AppId: teamsAppId
}

// Only once the SSO app registration exists (azd env set AAD_APP_CLIENT_ID ...; azd provision).
var ssoSettings = empty(entraClientId)
  ? {}
  : {
      SencoHub__Auth__Entra__ClientId: entraClientId
      SencoHub__Auth__Entra__TenantId: entraTenantId
      SencoHub__Auth__Entra__ApplicationIdUri: 'api://${web.properties.defaultHostName}/${entraClientId}'
    }

// The SharePoint library is reached through Microsoft Graph with the managed identity, so a site turns Graph on.
var librarySettings = union(
  empty(sharePointSiteUrl) ? {} : {
    SencoHub__Library__SharePoint__SiteUrl: sharePointSiteUrl
    SencoHub__Graph__Enabled: 'true'
    SencoHub__Graph__ManagedIdentityClientId: identityClientId
  },
  empty(sharePointLibraryName) ? {} : { SencoHub__Library__SharePoint__LibraryName: sharePointLibraryName }
)

// This resource replaces the whole set on every provision: settings added by hand in the portal do
// not survive `azd provision`, so everything the app needs is listed here.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: web
  name: 'appsettings'
  properties: union(coreSettings, ssoSettings, librarySettings)
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: web
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceAppLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

output name string = web.name
output hostName string = web.properties.defaultHostName
output uri string = 'https://${web.properties.defaultHostName}'
