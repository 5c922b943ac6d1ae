using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace FunctionsSequence.Core.Events;

/// <summary>
/// Structured-mode JSON for CloudEvents: the one format events take between activities and in
/// orchestration history (a plain string, so no serializer setting can null it out).
/// </summary>
public static class CloudEventJson
{
    /// <summary>The formatter; JSON data is kept as a <see cref="JsonElement"/> so it round-trips as JSON.</summary>
    public static readonly JsonEventFormatter Formatter = new();

    /// <summary>Encodes an event as structured-mode JSON.</summary>
    public static string Encode(CloudEvent cloudEvent)
    {
        ReadOnlyMemory<byte> bytes = Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
        return Encoding.UTF8.GetString(bytes.Span);
    }

    /// <summary>Decodes structured-mode JSON written by <see cref="Encode"/> (or any CloudEvents JSON).</summary>
    public static CloudEvent Decode(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        // From the string's own JSON tree: no UTF-8 copy of the text first (this runs per event and step).
        using JsonDocument document = JsonDocument.Parse(json);
        return Formatter.ConvertFromJsonElement(document.RootElement, null);
    }

    /// <summary>Encodes a batch as a JSON array (application/cloudevents-batch+json).</summary>
    public static byte[] EncodeBatch(IEnumerable<CloudEvent> events) =>
        Formatter.EncodeBatchModeMessage(events, out _).ToArray();

    /// <summary>True for media types whose data is JSON (<c>application/json</c>, <c>*/*+json</c>, or none given).</summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        string media = contentType.Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Sets data from raw bytes the way the rest of the runtime expects: JSON as a <see cref="JsonElement"/>,
    /// text as a string, anything else as bytes.
    /// </summary>
    public static void SetData(CloudEvent cloudEvent, ReadOnlyMemory<byte> body, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        cloudEvent.DataContentType = string.IsNullOrEmpty(contentType) ? cloudEvent.DataContentType : contentType;
        if (body.IsEmpty)
        {
            cloudEvent.Data = null;
            return;
        }

        string? effective = cloudEvent.DataContentType;
        if (IsJson(effective))
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                cloudEvent.Data = doc.RootElement.Clone();
                return;
            }
            catch (JsonException) when (string.IsNullOrEmpty(effective))
            {
                // No content type and not JSON: keep it as it came.
            }
        }

        cloudEvent.Data = effective is not null && (effective.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || effective.Contains("xml", StringComparison.OrdinalIgnoreCase))
            ? Encoding.UTF8.GetString(body.Span)
            : body.ToArray();
    }

    /// <summary>The event's data as bytes (JSON data serialized compactly).</summary>
    public static byte[] GetDataBytes(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent.Data switch
        {
            null => [],
            byte[] bytes => bytes,
            string text => Encoding.UTF8.GetBytes(text),
            JsonElement json => JsonSerializer.SerializeToUtf8Bytes(json),
            ReadOnlyMemory<byte> memory => memory.ToArray(),
            var other => JsonSerializer.SerializeToUtf8Bytes(other),
        };
    }
}
