using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using CloudNative.CloudEvents.SystemTextJson;

namespace FunctionsSequence.Core.Events;

/// <summary>
/// Structured-mode JSON for CloudEvents: the one format events take between activities and in
/// orchestration history (a plain string, so no serializer setting can null it out).
/// </summary>
public static partial class CloudEventJson
{
    /// <summary>The formatter; JSON data is kept as a <see cref="JsonElement"/> so it round-trips as JSON.</summary>
    public static readonly JsonEventFormatter Formatter = new();

    /// <summary>Structured-mode property names that are not attributes.</summary>
    internal const string DataProperty = "data";

    /// <inheritdoc cref="DataProperty"/>
    internal const string DataBase64Property = "data_base64";

    private const int MaxKeptBuffer = 64 * 1024;

    // One writer and buffer per thread: Encode runs per event and step, and never awaits.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Encodes an event as structured-mode JSON, its attributes as <see cref="Formatter"/> writes them
    /// (its rules, its escaping) and JSON data as the text it was read from, byte for byte, as Knative
    /// forwards data; written here without the SDK's per-call streams and content-type parsing
    /// because this runs per event and step.
    /// </summary>
    public static string Encode(CloudEvent cloudEvent)
    {
        Validation.CheckCloudEventArgument(cloudEvent, nameof(cloudEvent));
        return Write(cloudEvent, WriteEvent);
    }

    private static void WriteEvent(Utf8JsonWriter writer, CloudEvent cloudEvent)
    {
        writer.WriteStartObject();
        writer.WriteString(CloudEventsSpecVersion.SpecVersionAttribute.Name, cloudEvent.SpecVersion.VersionId);
        foreach ((CloudEventAttribute attribute, object value) in cloudEvent.GetPopulatedAttributes())
        {
            switch (value)
            {
                case string text:
                    writer.WriteString(attribute.Name, text);
                    break;
                case int number:
                    writer.WriteNumber(attribute.Name, number);
                    break;
                case bool flag:
                    writer.WriteBoolean(attribute.Name, flag);
                    break;
                default:
                    writer.WriteString(attribute.Name, attribute.Format(value));
                    break;
            }
        }

        if (cloudEvent.Data is { } data)
        {
            string? contentType = CarriedContentType(cloudEvent);
            if (CloudEventAttributes.DataContentType(cloudEvent) is null && contentType is not null)
            {
                writer.WriteString(cloudEvent.SpecVersion.DataContentTypeAttribute.Name, contentType);
            }

            WriteData(writer, data, contentType);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// JSON text from <paramref name="write"/>, with this thread's writer and buffer (for code that
    /// runs per event and step, and never awaits while writing).
    /// </summary>
    internal static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        string json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptBuffer)
        {
            // A rare large event does not keep its buffer alive on this thread.
            (t_buffer, t_writer) = (null, null);
        }

        return json;
    }

    /// <summary>Encodes a batch as a JSON array (application/cloudevents-batch+json), each event as <see cref="Encode"/> writes it.</summary>
    public static byte[] EncodeBatch(IEnumerable<CloudEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (CloudEvent cloudEvent in events)
            {
                Validation.CheckCloudEventArgument(cloudEvent, nameof(events));
                WriteEvent(writer, cloudEvent);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>True for media types whose data is JSON (<c>application/json</c>, <c>*/*+json</c>, or none given).</summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        ReadOnlySpan<char> media = MediaTypeOf(contentType);
        return media.Equals(MediaTypes.Json, StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Sets data from raw bytes the way the rest of the runtime expects: JSON as a <see cref="JsonElement"/>,
    /// text as a string, anything else as bytes. A body that a JSON content type (or none) announces
    /// but that does not parse is kept as the bytes it came as: data is opaque to a broker, as in
    /// Knative, and whoever reads it as JSON (a step) refuses it there.
    /// </summary>
    public static void SetData(CloudEvent cloudEvent, ReadOnlyMemory<byte> body, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (!string.IsNullOrEmpty(contentType))
        {
            cloudEvent.DataContentType = contentType;
        }
        if (body.IsEmpty)
        {
            cloudEvent.Data = null;
            return;
        }

        string? effective = CloudEventAttributes.DataContentType(cloudEvent);
        if (IsJson(effective))
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                cloudEvent.Data = doc.RootElement.Clone();
                return;
            }
            catch (JsonException)
            {
                // Bytes, not text: a string with a JSON content type would be written back as a JSON string.
                cloudEvent.Data = body.ToArray();
                return;
            }
        }

        cloudEvent.Data = effective is not null && (effective.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || effective.Contains("xml", StringComparison.OrdinalIgnoreCase))
            ? Encoding.UTF8.GetString(body.Span)
            : body.ToArray();
    }

    /// <summary>The event's data as bytes (JSON data as it came, byte for byte).</summary>
    public static byte[] GetDataBytes(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return GetDataBytes(cloudEvent.Data);
    }

    /// <summary>Event data as bytes (JSON data as it came, byte for byte).</summary>
    public static byte[] GetDataBytes(object? data)
    {
        return data switch
        {
            null => [],
            byte[] bytes => bytes,
            string text => Encoding.UTF8.GetBytes(text),
            JsonElement json => RawJson(json).ToArray(),
            ReadOnlyMemory<byte> memory => memory.ToArray(),
            var other => JsonSerializer.SerializeToUtf8Bytes(other),
        };
    }

    /// <summary>
    /// The text JSON data was read from, whitespace and escapes kept, as Knative forwards data (so a signature over it
    /// holds); validated, in either mode, since a step's own document may have been read leniently (comments, trailing
    /// commas), which the next hop would refuse.
    /// </summary>
    /// <exception cref="JsonException">The text is not strict JSON.</exception>
    private static ReadOnlySpan<byte> RawJson(JsonElement element)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        reader.Skip();
        return raw;
    }

    private static void WriteData(Utf8JsonWriter writer, object data, string? contentType)
    {
        // Binary data goes as data_base64 whatever the content type, as the SDK does.
        if (data is byte[] binary)
        {
            // As a string, so that it is escaped as the SDK escapes it ('+' as \u002B).
            writer.WriteString(DataBase64Property, Convert.ToBase64String(binary));
            return;
        }

        if (IsJsonMediaType(contentType))
        {
            writer.WritePropertyName(DataProperty);
            if (data is JsonElement element)
            {
                writer.WriteRawValue(RawJson(element), skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, data);
            }

            return;
        }

        // Text of any other media type (application/xml, text/csv) is a JSON string, as the JSON format writes text data;
        // the SDK writes it only for text/*, and refused application/xml, which ingress keeps as text.
        if (data is string text)
        {
            writer.WriteString(DataProperty, text);
            return;
        }

        throw new ArgumentException($"{nameof(JsonEventFormatter)} cannot serialize data of type {data.GetType()} with content type '{contentType}'");
    }

    /// <summary>
    /// The SDK's test for JSON data in structured mode, a media type ending in /json or +json, but
    /// without case as media types are (RFC 6838); the SDK compares them with case.
    /// </summary>
    internal static bool IsJsonMediaType(string? contentType)
    {
        ReadOnlySpan<char> media = MediaTypeOf(contentType);
        return media.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The content type the event travels with: its own, or, as the SDK does, <c>application/json</c>
    /// for data that is not bytes and has none (the encoding writes it, the display shows it).
    /// </summary>
    internal static string? CarriedContentType(CloudEvent cloudEvent) =>
        CloudEventAttributes.DataContentType(cloudEvent) ?? (cloudEvent.Data is null or byte[] ? null : MediaTypes.Json);

    /// <summary>The media type of a content type, its parameters left out (<c>application/json</c> of <c>application/json; charset=utf-8</c>); none is JSON.</summary>
    internal static ReadOnlySpan<char> MediaTypeOf(string? contentType)
    {
        ReadOnlySpan<char> value = contentType ?? MediaTypes.Json;
        int semicolon = value.IndexOf(';');
        return (semicolon < 0 ? value : value[..semicolon]).Trim();
    }
}
