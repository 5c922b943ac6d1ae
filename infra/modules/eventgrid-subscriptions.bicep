// One Event Grid subscription per Trigger, delivering CloudEvents 1.0 in batches to the Trigger's
// own Event Grid-triggered function (trigger-<name>, which the app declares per Trigger). Event Grid
// reaches the function through its resource id and the host's system key, which it fetches and
// follows itself: no key in the template, nothing to rotate. Deployed only once the code is (Event
// Grid checks that the function exists when it creates a subscription).
@description('Prefix of topic names (as in eventgrid-topics.bicep).')
param topicNamePrefix string

@description('Triggers from brokers.json.')
param triggers array

@description('The Function App whose trigger-<name> functions take the deliveries.')
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
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${site.id}/functions/trigger-${trigger.name}'
        // A delivery is one call of the function: events that arrive together share runs.
        maxEventsPerBatch: 50
        preferredBatchSizeInKilobytes: 256
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
