using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using FunctionsSequence.Cli.Inspection;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// The storage <c>fseq redrive --store</c> names: <c>azurite</c>, a connection string, or an
/// account name reached with Entra ID (DefaultAzureCredential: az login, environment, managed identity).
/// </summary>
internal sealed record RedriveStorage(TableServiceClient Tables, BlobServiceClient Blobs)
{
    public static RedriveStorage Of(StorageTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.ConnectionString is { } connection)
        {
            return new RedriveStorage(new TableServiceClient(connection), new BlobServiceClient(connection));
        }

        var credential = new DefaultAzureCredential();
        return new RedriveStorage(
            new TableServiceClient(new Uri($"https://{target.AccountName}.table.core.windows.net/"), credential),
            new BlobServiceClient(new Uri($"https://{target.AccountName}.blob.core.windows.net/"), credential));
    }
}
