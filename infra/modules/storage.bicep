// The app's storage account: no shared keys, only Entra ID (the app's managed identity).
@description('Storage account name.')
param name string

@description('Region.')
param location string

@description('Tags.')
param tags object

@description('Blob containers to create (deployment package, dead letters).')
param containers array

@description('Principal that runs the app: gets blob, queue and table data roles (Durable Functions uses all three).')
param principalId string

@description('Who deploys: reads the task hub and its dead letters with fseq (--store ACCOUNT) and imports Event Grid\'s dead letters into its table. Empty: nobody.')
param operatorPrincipalId string = ''

@allowed(['', 'User', 'Group', 'ServicePrincipal'])
@description('What operatorPrincipalId is; empty: Azure tells.')
param operatorPrincipalType string = ''

// Built-in roles: Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table Data Contributor.
var dataRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

// Built-in roles: Storage Table Data Contributor (the task hub's tables read, Event Grid's dead letters imported into its
// dead-letter table, which its store creates if missing: a table-scoped role may not cover that), Storage Blob Data Reader
// (Event Grid's dead-letter blobs, the task hub's large payloads). Who deploys can already run code as the app, which has more.
var operatorRoles = [
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
]

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [for container in containers: {
  parent: blobService
  name: container
  properties: { publicAccess: 'None' }
}]

resource dataAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in dataRoles: {
  name: guid(account.id, principalId, role)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource operatorAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in operatorRoles: if (!empty(operatorPrincipalId)) {
  name: guid(account.id, operatorPrincipalId, role)
  scope: account
  properties: {
    principalId: operatorPrincipalId
    principalType: empty(operatorPrincipalType) ? null : operatorPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

@description('Account name.')
output name string = account.name

@description('Blob endpoint, e.g. https://<name>.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
