using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace FunctionsSequence.Functions.Hosting;

/// <summary>
/// The app's own storage account (<c>AzureWebJobsStorage</c>, where the task hub is) for the
/// ledgers beside the task hub: a connection string locally, the managed identity in Azure
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__tableServiceUri</c>, with <c>__clientId</c>),
/// as the Functions host itself reads that setting.
/// </summary>
internal static class StorageClients
{
    public const string Setting = "AzureWebJobsStorage";

    /// <summary>The Table service of the app's storage, or null when the app has none configured (tests).</summary>
    public static TableServiceClient? Tables(IConfiguration configuration)
    {
        if (configuration[Setting] is { Length: > 0 } connectionString)
        {
            return new TableServiceClient(connectionString);
        }

        IConfigurationSection identity = configuration.GetSection(Setting);
        Uri? endpoint = identity["tableServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : identity["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.table.core.windows.net")
            : null;
        return endpoint is null
            ? null
            : new TableServiceClient(endpoint, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = identity["clientId"] }));
    }
}
