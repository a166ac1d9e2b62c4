// The closed network (networkMode 'private', the default): one virtual network in which the web
// app's outbound traffic leaves through the "app" subnet and PostgreSQL has only a private address
// in the "postgres" subnet; it has no public endpoint at all. The "setup" subnet hosts the
// short-lived container the post-provision step uses to create the app's database role, since
// nothing outside the network can reach the server.
param name string
param location string
param tags object

@description('Name of the PostgreSQL server; its private DNS zone is named after it.')
param postgresServerName string

param addressPrefix string = '10.42.0.0/16'
param appSubnetPrefix string = '10.42.1.0/24'
param postgresSubnetPrefix string = '10.42.2.0/24'
param setupSubnetPrefix string = '10.42.3.0/27'

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          // Inbound stays closed; the app still calls Teams, Entra and Azure services on the internet
          // (new subnets default to no outbound access).
          defaultOutboundAccess: true
          delegations: [
            { name: 'web', properties: { serviceName: 'Microsoft.Web/serverFarms' } }
          ]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: postgresSubnetPrefix
          defaultOutboundAccess: false
          delegations: [
            { name: 'postgres', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }
          ]
        }
      }
      {
        name: 'setup'
        properties: {
          addressPrefix: setupSubnetPrefix
          // The setup container pulls its image and gets nothing else from outside.
          defaultOutboundAccess: true
          delegations: [
            { name: 'containers', properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' } }
          ]
        }
      }
    ]
  }
}

// Private access (VNet integration) needs a zone ending in postgres.database.azure.com, linked to
// the network, so the server's usual host name resolves to its private address inside it.
resource postgresZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${postgresServerName}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource postgresZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresZone
  name: 'link-${name}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

output id string = vnet.id
output name string = vnet.name
output appSubnetId string = vnet.properties.subnets[0].id
output postgresSubnetId string = vnet.properties.subnets[1].id
output setupSubnetId string = vnet.properties.subnets[2].id
// The postgres module uses this after the whole module (link included) has been deployed.
output postgresDnsZoneId string = postgresZone.id
