using System.Net;
using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using Microsoft.AspNetCore.Http;

namespace FunctionsSequence.Core.Ingress;

/// <summary>
/// Reads CloudEvents from an HTTP request in binary, structured or batch mode. A batch is all or
/// nothing: one bad event rejects the whole request, so nothing of it is half-accepted.
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
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        byte[]? body = await ReadBodyAsync(request.Body, request.ContentLength, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, TooLarge(maxBytes));
        }

        string? contentType = request.ContentType;
        string media = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        try
        {
            if (media == MediaTypes.Batch)
            {
                if (body.Length == 0)
                {
                    return (null, IngressProblem.BadEvent("The body is empty; a batch is a JSON array of CloudEvents."));
                }

                IReadOnlyList<CloudEvent> events;
                try
                {
                    events = CloudEventJson.Formatter.DecodeBatchModeMessage(body, new ContentType(contentType!), null);
                }
                catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidOperationException)
                {
                    return (null, IngressProblem.BadEvent($"{ex.Message} Nothing of the batch was accepted."));
                }

                if (events.Count == 0)
                {
                    return (null, IngressProblem.BadEvent("The batch is empty; nothing was accepted."));
                }

                for (int i = 0; i < events.Count; i++)
                {
                    if (Validate(events[i]) is { } error)
                    {
                        return (null, IngressProblem.BadEvent($"Event {i} of the batch: {error}. Nothing of the batch was accepted."));
                    }
                }

                return (events.ToList(), null);
            }

            if (media == MediaTypes.Structured)
            {
                if (body.Length == 0)
                {
                    return (null, IngressProblem.BadEvent("The body is empty; structured mode carries the event as JSON."));
                }

                CloudEvent structured = CloudEventJson.Formatter.DecodeStructuredModeMessage(body, new ContentType(contentType!), null);
                return Validate(structured) is { } error ? (null, IngressProblem.BadEvent(error)) : ([structured], null);
            }

            if (request.Headers.ContainsKey("ce-specversion"))
            {
                return ReadBinary(request, body, contentType);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            return (null, IngressProblem.BadEvent(ex.Message));
        }

        return (null, new IngressProblem(
            media.Length == 0 || body.Length == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status415UnsupportedMediaType,
            "Not a CloudEvent",
            $"Content-Type '{contentType ?? "(none)"}' without ce-* headers is not a CloudEvent. Send binary mode (ce-specversion, ce-id, ce-source, ce-type headers), " +
            $"or structured mode ({MediaTypes.Structured}), or batch mode ({MediaTypes.Batch})."));
    }

    private static (IReadOnlyList<CloudEvent>?, IngressProblem?) ReadBinary(HttpRequest request, byte[] body, string? contentType)
    {
        string version = request.Headers["ce-specversion"].ToString();
        CloudEventsSpecVersion? spec = CloudEventsSpecVersion.FromVersionId(version);
        if (spec is null)
        {
            return (null, IngressProblem.BadEvent($"ce-specversion '{version}' is not supported; this receiver speaks CloudEvents 1.0"));
        }

        var cloudEvent = new CloudEvent(spec);
        foreach ((string header, Microsoft.Extensions.Primitives.StringValues values) in request.Headers)
        {
            if (!header.StartsWith("ce-", StringComparison.OrdinalIgnoreCase) || header.Equals("ce-specversion", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string name = header[3..].ToLowerInvariant();
            // The HTTP binding percent-encodes header values that are not printable ASCII; most values have nothing to decode.
            string value = values.ToString();
            if (value.Contains('%', StringComparison.Ordinal))
            {
                value = WebUtility.UrlDecode(value.Replace("+", "%2B", StringComparison.Ordinal));
            }

            try
            {
                cloudEvent.SetAttributeFromString(name, value);
            }
            catch (ArgumentException ex)
            {
                return (null, IngressProblem.BadEvent($"Header '{header}': {ex.Message}"));
            }
        }

        CloudEventJson.SetData(cloudEvent, body, contentType);
        return Validate(cloudEvent) is { } error ? (null, IngressProblem.BadEvent(error)) : ([cloudEvent], null);
    }

    /// <summary>Null when the event is valid, else what is wrong with it, naming the attributes.</summary>
    public static string? Validate(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var missing = new List<string>();
        if (string.IsNullOrEmpty(cloudEvent.Id))
        {
            missing.Add("id");
        }

        if (cloudEvent.Source is null || cloudEvent.Source.OriginalString.Length == 0)
        {
            missing.Add("source");
        }

        if (string.IsNullOrEmpty(cloudEvent.Type))
        {
            missing.Add("type");
        }

        return missing.Count == 0 ? null : $"The CloudEvent is missing required attributes: {string.Join(", ", missing)}";
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

    private static IngressProblem TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The request is over {maxBytes} bytes, the limit per request (as Event Grid's).");
}
