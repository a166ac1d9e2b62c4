// The app's one identity: the web app runs as it, the Azure Bot registration is bound to it
// (msaAppType UserAssignedMSI), and Storage and PostgreSQL trust it. No secret exists.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
