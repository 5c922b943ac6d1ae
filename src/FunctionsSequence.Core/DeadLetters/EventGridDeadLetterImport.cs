using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.DeadLetters;

/// <summary>
/// Records the events of Event Grid's dead-letter blobs (<see cref="EventGridDeadLetters"/>) in a
/// <see cref="IDeadLetterStore"/>, each with its Trigger's subscriber as the hop, so that they are
/// listed and redriven as the dead-letter sink's are. Importing a blob again changes nothing: the
/// store records a dead letter once (its key is the hop, source and id).
/// </summary>
public sealed class EventGridDeadLetterImport(BlobContainerClient container, IDeadLetterStore store)
{
    /// <summary>
    /// Imports every dead-letter blob in the container; a blob that cannot be read is reported and skipped, and an
    /// item of a blob that is not a CloudEvent is reported and the blob's others are imported.
    /// </summary>
    /// <exception cref="RequestFailedException">The container could not be read.</exception>
    public async Task<IReadOnlyList<EventGridImport>> ImportAsync(CancellationToken cancellationToken)
    {
        var imports = new List<EventGridImport>();
        await foreach (BlobItem blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            string origin = $"{container.Name}/{blob.Name}";
            if (EventGridDeadLetters.TriggerOf(blob.Name) is not { } trigger)
            {
                imports.Add(EventGridImport.SkippedFor(origin, "not named as Event Grid names dead-letter blobs ([TOPIC/]SUBSCRIPTION/yyyy/M/d/H/NAME.json)"));
                continue;
            }

            BlobDownloadResult content = (await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value;
            IReadOnlyList<DeadLetterRecord> records;
            IReadOnlyList<string> unread;
            try
            {
                (records, unread) = EventGridDeadLetters.Read(origin, trigger, content.Content.ToString(), blob.Properties.LastModified ?? DateTimeOffset.UtcNow);
            }
            catch (System.Text.Json.JsonException ex)
            {
                imports.Add(EventGridImport.SkippedFor(origin, $"not JSON: {JsonErrors.Syntax(ex, content.Content.ToMemory().Span)}"));
                continue;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                imports.Add(EventGridImport.SkippedFor(origin, ex.Message));
                continue;
            }

            int added = 0;
            foreach (DeadLetterRecord record in records)
            {
                added += await store.RecordAsync(record, cancellationToken) ? 1 : 0;
            }

            imports.Add(new EventGridImport(origin, records, unread, added));
        }

        return imports;
    }
}
