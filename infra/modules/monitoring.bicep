// Log Analytics workspace + workspace-based Application Insights that accepts Entra-authenticated
// telemetry only (local authentication off): the app's managed identity publishes it.
param logAnalyticsName string
param appInsightsName string
param location string
param tags object

@description('Principal id of the app\'s managed identity, which publishes the telemetry.')
param identityPrincipalId string

// Built-in role "Monitoring Metrics Publisher": what Entra-authenticated ingestion requires.
var metricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, identityPrincipalId, metricsPublisherRoleId)
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisherRoleId)
  }
}

// Names only: the web module reads the connection string itself, so it never travels as an output.
output appInsightsName string = appInsights.name
output logAnalyticsWorkspaceId string = workspace.id
