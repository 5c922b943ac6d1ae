// One Event Grid subscription per Trigger, delivering CloudEvents 1.0 to the app's Trigger route.
// The function key travels in a secret delivery header, never in the URL. Deployed only once the
// code is (Event Grid calls the endpoint's OPTIONS handshake when it creates a subscription).
@description('Prefix of topic names (as in eventgrid-topics.bicep).')
param topicNamePrefix string

@description('Triggers from brokers.json.')
param triggers array

@description('The Function App that serves /api/triggers/{name}.')
param functionAppName string

@description('Storage account with the dead-letter container.')
param storageAccountName string

@description('Dead-letter blob container: what Event Grid cannot deliver is kept there, never dropped.')
param deadLetterContainer string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource topics 'Microsoft.EventGrid/topics@2025-02-15' existing = [for trigger in triggers: {
  name: '${topicNamePrefix}-${trigger.topic}'
}]

resource subscriptions 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = [for (trigger, i) in triggers: {
  parent: topics[i]
  name: trigger.name
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${site.properties.defaultHostName}/api/triggers/${trigger.name}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
        deliveryAttributeMappings: [
          {
            name: 'x-functions-key'
            type: 'Static'
            properties: {
              value: listKeys('${site.id}/host/default', '2024-04-01').functionKeys.default
              isSecret: true
            }
          }
        ]
      }
    }
    filter: {
      includedEventTypes: empty(trigger.includedEventTypes) ? null : trigger.includedEventTypes
      advancedFilters: trigger.advancedFilters
    }
    retryPolicy: {
      maxDeliveryAttempts: trigger.maxDeliveryAttempts
      eventTimeToLiveInMinutes: trigger.eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: account.id
          blobContainerName: deadLetterContainer
        }
      }
    }
  }
}]
