using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using FunctionsSequence.Cli.Engine;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// The storage <c>fseq redrive --store</c> names: <c>azurite</c>, a connection string, or an
/// account name reached with Entra ID (DefaultAzureCredential: az login, environment, managed identity).
/// </summary>
internal sealed record RedriveStorage(TableServiceClient Tables, BlobServiceClient Blobs)
{
    public const string HelpName = "azurite|CONNECTION-STRING|ACCOUNT";

    public static RedriveStorage Of(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store == "azurite" || store.Contains('=', StringComparison.Ordinal))
        {
            string connection = store == "azurite" ? EngineOptions.Azurite : store;
            return new RedriveStorage(new TableServiceClient(connection), new BlobServiceClient(connection));
        }

        var credential = new DefaultAzureCredential();
        return new RedriveStorage(
            new TableServiceClient(new Uri($"https://{store}.table.core.windows.net/"), credential),
            new BlobServiceClient(new Uri($"https://{store}.blob.core.windows.net/"), credential));
    }
}
