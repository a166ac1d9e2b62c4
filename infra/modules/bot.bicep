// Azure Bot registration bound to the user-assigned managed identity (no app secret), with the
// Microsoft Teams channel enabled. Teams delivers activities to https://<app host>/api/messages.
param name string
param tags object

param identityId string
param identityClientId string
param tenantId string = tenant().tenantId

@description('Host name of the web app that serves /api/messages.')
param appHostName string

@allowed(['F0', 'S1'])
param sku string = 'F0'

param logAnalyticsWorkspaceId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  // Bot registrations are global resources.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: 'SencoHub'
    description: 'SEND network hub for the trust: strategy, check-ins, actions, library and CPD.'
    endpoint: 'https://${appHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityId
    msaAppTenantId: tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Requests Teams sends through the bot service, for tracing delivery problems.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: bot
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { category: 'BotRequest', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

output name string = bot.name
output appId string = identityClientId
