using Azure;
using Azure.Storage.Blobs;
using FunctionsSequence.Core.Display;

namespace FunctionsSequence.Cli.Runtime;

/// <summary>
/// The display ledger in blob storage, beside the task hub: it survives a crash, so an event whose
/// display activity replays after a restart is not printed twice.
/// </summary>
internal sealed class BlobDisplayLedger(BlobContainerClient container) : IDisplayLedger
{
    public static async Task<BlobDisplayLedger> CreateAsync(string connectionString, string taskHub, CancellationToken cancellationToken)
    {
        var container = new BlobContainerClient(connectionString, $"{taskHub.ToLowerInvariant()}-displayed");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new BlobDisplayLedger(container);
    }

    public async ValueTask<bool> SeenAsync(string key, CancellationToken cancellationToken) =>
        (await container.GetBlobClient(key).ExistsAsync(cancellationToken)).Value;

    public async ValueTask RecordAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(key).UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded by an earlier attempt: nothing to do.
        }
    }
}
