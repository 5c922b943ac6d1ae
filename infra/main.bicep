// FunctionsSequence on Azure: the Functions app on Flex Consumption, its storage reached only
// through a managed identity, Application Insights, and one Event Grid topic per Broker with one
// subscription per Trigger, generated from the manifests (brokers.json, written by
// `fseq export-infra`).
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd environment name); it seeds every resource name.')
param environmentName string

@description('Region for every resource.')
param location string = resourceGroup().location

@description('Create the Event Grid subscriptions. Event Grid calls each endpoint when it creates a subscription, so the code must be deployed first: provision with false, deploy the app, provision again with true (azd does this in its postdeploy hook).')
param deploySubscriptions bool = false

@description('Durable Functions task hub. Give every app that shares a storage account its own.')
param taskHubName string = 'FunctionsSequence'

@description('How often the source timer wakes (6-field NCRONTAB); each minute fits Knative schedules.')
param sourceTickSchedule string = '0 * * * * *'

@allowed([512, 2048, 4096])
@description('Memory of each Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Most instances the app scales out to.')
param maximumInstanceCount int = 100

@description('Tags for every resource.')
param tags object = {}

@description('More app settings, name to value (such as { FunctionsSequence__Batching__MaxEvents: \'50\' }), after the ones this template writes. Each deployment writes the app\'s whole list of settings (azd up and azd deploy run one), so a setting added in the portal or with az functionapp config appsettings set is gone after the next: keep it here.')
param appSettings object = {}

@description('Who deploys (azd passes the signed-in account as AZURE_PRINCIPAL_ID): gets EventGrid Data Sender on each topic, so that they can publish to the Brokers, and reads the task hub and imports dead letters with fseq --store (Storage Table Data Contributor, Blob Data Reader). Empty: nobody but the app.')
param principalId string = ''

@allowed(['', 'User', 'Group', 'ServicePrincipal'])
@description('What principalId is: a user, a group, or a service principal (a CI pipeline). Empty: Azure tells from principalId, so azd signed in as a user or as a service principal both work.')
param principalType string = ''

var topology = loadJsonContent('brokers.json')
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var allTags = union(tags, { 'azd-env-name': environmentName })
var deploymentContainer = 'app-package-${resourceToken}'
var deadLetterContainer = 'deadletters'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${resourceToken}'
  location: location
  tags: allTags
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: allTags
    containers: [deploymentContainer, deadLetterContainer]
    principalId: identity.properties.principalId
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: allTags
    principalId: identity.properties.principalId
  }
}

module brokers 'modules/eventgrid-topics.bicep' = {
  name: 'eventgrid-topics'
  params: {
    namePrefix: 'evgt-${resourceToken}'
    location: location
    tags: allTags
    brokers: topology.brokers
    senderPrincipalId: identity.properties.principalId
    publisherPrincipalId: principalId
    publisherPrincipalType: principalType
    storageAccountName: storage.outputs.name
    deadLetterContainer: deadLetterContainer
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: union(allTags, { 'azd-service-name': 'functions' })
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainer: deploymentContainer
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: union(
      {
        TaskHubName: taskHubName
        SourceTickSchedule: sourceTickSchedule
      },
      reduce(brokers.outputs.topics, {}, (settings, topic) => union(settings, {
        'FunctionsSequence__Brokers__${topic.setting}__TopicEndpoint': topic.endpoint
      })),
      appSettings
    )
  }
}

module triggers 'modules/eventgrid-subscriptions.bicep' = if (deploySubscriptions) {
  name: 'eventgrid-subscriptions'
  params: {
    topicNamePrefix: 'evgt-${resourceToken}'
    triggers: topology.triggers
    functionAppName: app.outputs.name
    storageAccountName: storage.outputs.name
    deadLetterContainer: deadLetterContainer
  }
}

@description('The Function App, for azd deploy.')
output AZURE_FUNCTION_APP_NAME string = app.outputs.name

@description('Base URL of the CloudEvents routes (/api/sequences, /api/brokers, ...).')
output FUNCTION_APP_URL string = 'https://${app.outputs.defaultHostName}'

@description('Each Broker\'s Event Grid topic endpoint (publish here with an Entra ID token).')
output BROKER_TOPIC_ENDPOINTS array = brokers.outputs.topics

@description('The storage account, for fseq runs|event|redrive --store ACCOUNT (reached with Entra ID).')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('The app\'s task hub, for fseq --task-hub.')
output TASK_HUB_NAME string = taskHubName

@description('Client id of the app\'s managed identity. Not AZURE_CLIENT_ID: azd hands outputs to hooks as variables, where that name would stand for the deploying principal.')
output APP_IDENTITY_CLIENT_ID string = identity.properties.clientId
