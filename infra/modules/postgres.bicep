// Azure Database for PostgreSQL flexible server with Microsoft Entra authentication only (no
// password exists anywhere). The person or pipeline running azd is the server's Entra
// administrator; the app's managed identity is not. The post-provision step (hooks/postprovision.mjs)
// signs in as that administrator and creates a plain role for the app's identity that owns only
// the SencoHub database.
param name string
param location string
param tags object

@description('Object id of the principal running azd: the Entra administrator.')
param administratorObjectId string

@description('Its PostgreSQL role name: a user\'s sign-in name, or a service principal\'s display name.')
param administratorName string

@allowed(['User', 'Group', 'ServicePrincipal'])
param administratorType string

param tenantId string = tenant().tenantId

param databaseName string = 'sencohub'

@description('private: reachable only from the delegated subnet; public: only from the app\'s outbound addresses (firewall rules added by postgres-firewall.bicep).')
@allowed(['private', 'public'])
param networkMode string

@description('Delegated subnet and private DNS zone (private mode only).')
param delegatedSubnetId string = ''
param privateDnsZoneId string = ''

param skuName string
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param skuTier string
param storageSizeGB int
@minValue(7)
@maxValue(35)
param backupRetentionDays int
@description('Fixed when the server is created: changing it later means a new server.')
@allowed(['Enabled', 'Disabled'])
param geoRedundantBackup string
@allowed(['Disabled', 'SameZone', 'ZoneRedundant'])
param highAvailability string

param logAnalyticsWorkspaceId string

var isPrivate = networkMode == 'private'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: '16'
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup
    }
    highAvailability: {
      mode: highAvailability
    }
    network: isPrivate
      ? {
          publicNetworkAccess: 'Disabled'
          delegatedSubnetResourceId: delegatedSubnetId
          privateDnsZoneArmResourceId: privateDnsZoneId
        }
      : {
          publicNetworkAccess: 'Enabled'
        }
  }
}

// The server accepts one change at a time, so the children below are created one after another.
resource administrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2025-08-01' = {
  parent: server
  name: administratorObjectId
  properties: {
    principalName: administratorName
    principalType: administratorType
    tenantId: tenantId
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    administrator
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: server
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { categoryGroup: 'allLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

output name string = server.name
output host string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
