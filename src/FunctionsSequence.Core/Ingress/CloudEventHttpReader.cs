using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// Reads CloudEvents from an HTTP request in binary, structured or batch mode, within the size
/// limit, with <see cref="CloudEventMessageReader"/>. A batch is all or nothing: one bad event
/// rejects the whole request, so nothing of it is half-accepted. A header sent twice counts by its
/// first value, as the Go SDK Knative uses reads it.
/// </summary>
public static class CloudEventHttpReader
{
    /// <summary>Event Grid's limit, and ours: 1 MB per request.</summary>
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>Reads and validates every event of the request.</summary>
    public static async Task<(IReadOnlyList<CloudEvent>? Events, IngressProblem? Problem)> ReadAsync(
        HttpRequest request, long maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return (null, TooLarge(maxBytes, declared));
        }

        byte[]? body = await ReadBodyAsync(request.Body, request.ContentLength, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, TooLarge(maxBytes, declared: null));
        }

        string? contentType = request.ContentType;
        CloudEventRead read = CloudEventMessageReader.Read(body, contentType, request.Headers.Select(h => KeyValuePair.Create(h.Key, FirstOf(h.Value))));
        if (read.Events is { } events)
        {
            return (events, null);
        }

        if (read.Problem is { } problem)
        {
            return (null, IngressProblem.BadEvent(problem));
        }

        // An event format other than JSON (application/cloudevents+xml, +avro, +protobuf): a CloudEvent, in a format not read here.
        if (MediaTypes.Of(contentType).StartsWith("application/cloudevents", StringComparison.Ordinal))
        {
            return (null, new IngressProblem(
                StatusCodes.Status415UnsupportedMediaType,
                "Event format not supported",
                $"Content-Type {AttributeErrors.Quote(contentType!)} is an event format this receiver does not read: send structured mode as {MediaTypes.Structured}, "
                + $"batch mode as {MediaTypes.Batch}, or binary mode (ce-specversion, ce-id, ce-source and ce-type headers)."));
        }

        string what = contentType is null
            ? "The request has no Content-Type header and no ce-specversion header, so it is not a CloudEvent."
            : $"Content-Type {AttributeErrors.Quote(contentType)} without a ce-specversion header is not a CloudEvent.";
        if (InEventGridSchema(body))
        {
            what += " It is in the Event Grid schema (eventType, dataVersion): events here are CloudEvents 1.0, as a Broker's Event Grid topic takes them"
                + " (the SDK's EventGridPublisherClient sends them with SendEventAsync(CloudEvent)), and an Event Grid subscription delivers them with"
                + " its delivery schema CloudEventSchemaV1_0.";
        }

        // 400, as Knative's ingress answers a request it cannot read a CloudEvent from (its data-plane contract's MUST).
        return (null, new IngressProblem(
            StatusCodes.Status400BadRequest,
            "Not a CloudEvent",
            $"{what} Send binary mode (ce-specversion, ce-id, ce-source and ce-type headers), " +
            $"structured mode ({MediaTypes.Structured}) or batch mode ({MediaTypes.Batch})."));
    }

    /// <summary>Whether a body that is no CloudEvent is Event Grid's own schema: an object, or an array whose first item is one, with <c>eventType</c>.</summary>
    private static bool InEventGridSchema(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            JsonElement first = json.RootElement is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 ? array[0] : json.RootElement;
            return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("eventType", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The body, or null when it is over <paramref name="maxBytes"/>. With a Content-Length (already
    /// checked against the limit) it is read straight into an array of that size; the server ends
    /// the body there.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, long? length, long maxBytes, CancellationToken cancellationToken)
    {
        if (length is { } declared)
        {
            byte[] exact = new byte[declared];
            int filled = 0, got;
            while (filled < exact.Length && (got = await body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += got;
            }

            return filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        byte[] chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static string FirstOf(Microsoft.Extensions.Primitives.StringValues values) => values.Count > 0 ? values[0] ?? string.Empty : string.Empty;

    private static IngressProblem TooLarge(long maxBytes, long? declared) =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload too large", declared is { } length
            ? $"The body is {length} bytes (its Content-Length), over the limit of {maxBytes} bytes per request (Event Grid's limit too)."
            : $"The body is over the limit of {maxBytes} bytes per request (Event Grid's limit too).");
}
