using System.Net;
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

    private const string SpecVersionHeader = "ce-specversion";

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
        string media = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        if (media is MediaTypes.Batch or MediaTypes.Structured)
        {
            return StructuredBodyReader.Read(body, contentType!, batch: media == MediaTypes.Batch);
        }

        if (request.Headers.ContainsKey(SpecVersionHeader))
        {
            return ReadBinary(request, body, contentType);
        }

        if (request.Headers.Keys.Any(IsAttributeHeader))
        {
            // Binary mode meant, as the ce-* headers show; Knative's broker ingress refuses it with 400 too.
            return Refuse(AttributeErrors.Missing(MissingHeaders(request), headers: true));
        }

        string what = contentType is null
            ? "The request has no Content-Type header and no ce-specversion header, so it is not a CloudEvent."
            : $"Content-Type {AttributeErrors.Quote(contentType)} without a ce-specversion header is not a CloudEvent.";
        return (null, new IngressProblem(
            media.Length == 0 || body.Length == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status415UnsupportedMediaType,
            "Not a CloudEvent",
            $"{what} Send binary mode (ce-specversion, ce-id, ce-source and ce-type headers), " +
            $"structured mode ({MediaTypes.Structured}) or batch mode ({MediaTypes.Batch})."));
    }

    /// <summary>Binary mode: the attributes in <c>ce-*</c> headers, the body is the data.</summary>
    private static (IReadOnlyList<CloudEvent>?, IngressProblem?) ReadBinary(HttpRequest request, byte[] body, string? contentType)
    {
        string version = request.Headers[SpecVersionHeader].ToString();
        if (CloudEventsSpecVersion.FromVersionId(version) is not { } spec)
        {
            return Refuse(AttributeErrors.UnsupportedVersion("header " + SpecVersionHeader, version));
        }

        var cloudEvent = new CloudEvent(spec);
        foreach ((string header, Microsoft.Extensions.Primitives.StringValues values) in request.Headers)
        {
            if (!IsAttributeHeader(header) || header.Equals(SpecVersionHeader, StringComparison.OrdinalIgnoreCase))
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
            catch (ArgumentException)
            {
                return Refuse(AttributeErrors.Invalid("header " + header, cloudEvent, name, value));
            }
        }

        try
        {
            CloudEventJson.SetData(cloudEvent, body, contentType);
        }
        catch (ArgumentException)
        {
            // Content-Type is the event's datacontenttype in binary mode.
            return Refuse(AttributeErrors.Invalid("header Content-Type", cloudEvent, cloudEvent.SpecVersion.DataContentTypeAttribute.Name, contentType!));
        }

        IReadOnlyList<string> missing = AttributeErrors.MissingRequired(cloudEvent);
        return missing.Count == 0 ? ([cloudEvent], null) : Refuse(AttributeErrors.Missing(missing, headers: true));
    }

    private static bool IsAttributeHeader(string header) => header.StartsWith("ce-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The required attributes whose headers a binary-mode request without <c>ce-specversion</c> lacks, <c>specversion</c> first.</summary>
    private static List<string> MissingHeaders(HttpRequest request)
    {
        List<string> missing = [CloudEventsSpecVersion.SpecVersionAttribute.Name];
        missing.AddRange(CloudEventsSpecVersion.Default.RequiredAttributes
            .Select(a => a.Name)
            .Where(name => string.IsNullOrEmpty(request.Headers["ce-" + name].ToString())));
        return missing;
    }

    /// <summary>A 400 from a message in <see cref="AttributeErrors"/>' form, made a sentence.</summary>
    private static (IReadOnlyList<CloudEvent>?, IngressProblem?) Refuse(string message) =>
        (null, IngressProblem.BadEvent(char.ToUpperInvariant(message[0]) + message[1..] + "."));

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

    private static IngressProblem TooLarge(long maxBytes, long? declared) =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload too large", declared is { } length
            ? $"The body is {length} bytes (its Content-Length), over the limit of {maxBytes} bytes per request (Event Grid's limit too)."
            : $"The body is over the limit of {maxBytes} bytes per request (Event Grid's limit too).");
}
