// The Functions app on Flex Consumption (FC1), .NET isolated 10, running as a user-assigned
// identity: storage, telemetry and Event Grid are all reached through it, no key in any setting.
@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region.')
param location string

@description('Tags (with azd-service-name).')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Storage account for AzureWebJobsStorage, the Durable task hub and the deployment package.')
param storageAccountName string

@description('Blob endpoint of that account.')
param storageBlobEndpoint string

@description('Blob container the deployment package goes to.')
param deploymentContainer string

@description('Application Insights connection string (not a secret: ingestion needs the identity).')
param applicationInsightsConnectionString string

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Most instances.')
param maximumInstanceCount int

@description('More app settings (task hub, source tick, Broker topic endpoints).')
param appSettings object

var baseSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential (Event Grid publishing) picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identityClientId
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [for setting in items(union(baseSettings, appSettings)): {
        name: setting.key
        value: setting.value
      }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No publishing with user names and passwords: deployments go through Entra ID.
resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

@description('The app name.')
output name string = site.name

@description('The app host name.')
output defaultHostName string = site.properties.defaultHostName
