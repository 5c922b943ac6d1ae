using System.Buffers;

namespace FunctionsSequence.Functions.Brokers;

/// <summary>
/// A run's events as Event Grid publish requests: CloudEvents batch-mode JSON arrays within Event
/// Grid's limit of 1 MB per request, in order. An event too large on its own goes alone, and Event
/// Grid's refusal (413) says why.
/// </summary>
internal static class EventGridRequests
{
    /// <summary>Event Grid's 1 MB per request, read as 1,000,000 bytes so that which megabyte it means does not matter.</summary>
    public const int MaxBytes = 1_000_000;

    /// <summary>The requests that carry <paramref name="events"/> (each an event's structured-mode JSON in UTF-8).</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Of(IReadOnlyList<byte[]> events, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(events);
        var request = new ArrayBufferWriter<byte>();
        int count = 0;
        foreach (byte[] cloudEvent in events)
        {
            // '[' or ',' before the event, ']' after it.
            if (count > 0 && request.WrittenCount + 1 + cloudEvent.Length + 1 > maxBytes)
            {
                yield return Close(request);
                request = new ArrayBufferWriter<byte>();
                count = 0;
            }

            request.Write(count == 0 ? "["u8 : ","u8);
            request.Write(cloudEvent);
            count++;
        }

        if (count > 0)
        {
            yield return Close(request);
        }
    }

    private static ReadOnlyMemory<byte> Close(ArrayBufferWriter<byte> request)
    {
        request.Write("]"u8);
        return request.WrittenMemory;
    }
}
