// Public mode only: PostgreSQL admits the web app's possible outbound addresses and nothing else
// (never 0.0.0.0, which would admit every Azure customer). A separate module because the
// addresses are known only once the web app exists, and a loop needs its length at the start
// of a deployment.
param serverName string

@description('The web app\'s possibleOutboundIpAddresses: comma-separated IPv4 addresses.')
param outboundIpAddresses string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' existing = {
  name: serverName
}

// One at a time: the server accepts one change at a time.
@batchSize(1)
resource appOutbound 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = [
  for (address, i) in split(outboundIpAddresses, ','): {
    parent: server
    name: 'app-outbound-${i}'
    properties: {
      startIpAddress: trim(address)
      endIpAddress: trim(address)
    }
  }
]
