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

    /// <summary>The Table service of the app's storage, or null when the app has no storage configured at all (tests).</summary>
    /// <exception cref="InvalidOperationException">The setting is there, for an identity, but names no Table service.</exception>
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
        if (endpoint is null && identity.GetChildren().Any())
        {
            // In memory, the ledgers would hold for one instance only, and be lost with it: refused rather than weakened unseen.
            throw new InvalidOperationException(
                $"App setting {Setting} names no Table service ({string.Join(", ", identity.GetChildren().Select(c => $"{Setting}__{c.Key}"))}): " +
                $"set {Setting}__accountName or {Setting}__tableServiceUri, where every instance keeps the ledgers of repeated and displayed events, the dead letters and the sources' ticks");
        }

        return endpoint is null
            ? null
            : new TableServiceClient(endpoint, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = identity["clientId"] }));
    }
}
