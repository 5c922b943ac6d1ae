// One Event Grid custom topic per Broker: CloudEvents 1.0 in, Entra ID only (local auth off).
@description('Prefix of topic names; the Broker name follows it.')
param namePrefix string

@description('Region.')
param location string

@description('Tags.')
param tags object

@description('Brokers from brokers.json: [{ name, topic, setting }].')
param brokers array

@description('Principal that publishes (the app): gets EventGrid Data Sender on each topic.')
param senderPrincipalId string

@description('A person or pipeline that publishes too (the deploying account): gets EventGrid Data Sender on each topic; empty: none.')
param publisherPrincipalId string = ''

@allowed(['', 'User', 'Group', 'ServicePrincipal'])
@description('What publisherPrincipalId is; empty: Azure tells from the id.')
param publisherPrincipalType string = ''

@description('Storage account with the dead-letter container.')
param storageAccountName string

@description('Dead-letter blob container; each topic\'s identity may write there, and only there.')
param deadLetterContainer string

var eventGridDataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' existing = {
  parent: account
  name: 'default'
}

resource deadLetters 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: deadLetterContainer
}

resource topics 'Microsoft.EventGrid/topics@2025-02-15' = [for broker in brokers: {
  name: '${namePrefix}-${broker.topic}'
  location: location
  tags: union(tags, { 'knative-broker': broker.name })
  identity: { type: 'SystemAssigned' }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}]

resource senders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (broker, i) in brokers: {
  name: guid(topics[i].id, senderPrincipalId, eventGridDataSender)
  scope: topics[i]
  properties: {
    principalId: senderPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSender)
  }
}]

resource publishers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (broker, i) in brokers: if (!empty(publisherPrincipalId)) {
  name: guid(topics[i].id, publisherPrincipalId, eventGridDataSender)
  scope: topics[i]
  properties: {
    principalId: publisherPrincipalId
    principalType: empty(publisherPrincipalType) ? null : publisherPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSender)
  }
}]

resource deadLetterWriters 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (broker, i) in brokers: {
  name: guid(deadLetters.id, topics[i].id, storageBlobDataContributor)
  scope: deadLetters
  properties: {
    principalId: topics[i].identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
  }
}]

@description('[{ broker, setting, name, endpoint }] for each Broker.')
output topics array = [for (broker, i) in brokers: {
  broker: broker.name
  setting: broker.setting
  name: topics[i].name
  endpoint: topics[i].properties.endpoint
}]
