// Key Vault holding the key that wraps SencoHub's data-protection keys (session cookies,
// anti-forgery tokens) before they are stored in Blob Storage. RBAC only: the app's identity may
// read that one key and wrap and unwrap with it; the key material never leaves Key Vault.
param name string
param location string
param tags object

@description('Principal id of the app\'s managed identity.')
param identityPrincipalId string

param logAnalyticsWorkspaceId string

// Built-in role "Key Vault Crypto Service Encryption User": read a key's metadata, wrap and unwrap.
var cryptoServiceEncryptionUserRoleId = 'e147488a-f6f5-4113-8e2d-b22465e65bf6'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// Created once; a later provision returns the existing key (no new version), so the versioned id
// the app is given stays the same.
resource dataProtectionKey 'Microsoft.KeyVault/vaults/keys@2025-05-01' = {
  parent: vault
  name: 'dataprotection'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
  }
}

resource appKeyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: dataProtectionKey
  name: guid(dataProtectionKey.id, identityPrincipalId, cryptoServiceEncryptionUserRoleId)
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cryptoServiceEncryptionUserRoleId)
  }
}

// Every use of the key (each wrap and unwrap) is audited.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { categoryGroup: 'audit', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

output name string = vault.name
output dataProtectionKeyId string = dataProtectionKey.properties.keyUriWithVersion
