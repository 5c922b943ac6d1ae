using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Display;

/// <summary>
/// Formats an event exactly as Knative's event_display prints it: context attributes in the Go
/// SDK's order (optional ones only when set), extensions sorted, JSON data indented by 2. The
/// distributed-tracing extension is left out: each hop rewrites it, and a block must be the same
/// however often, and by whichever path, its event is delivered (the display ledger keys on it).
/// </summary>
public static class EventDisplayFormatter
{
    private const int MaxKeptBuffer = 64 * 1024;

    private static readonly JsonWriterOptions IndentedData = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n", // as event_display prints, on any OS
        // event_display prints characters as they are, not \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // One block and one data buffer per thread: formatting never awaits.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_block;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_data;

    [ThreadStatic]
    private static Utf8JsonWriter? t_dataWriter;

    /// <summary>The display block, ending with a newline.</summary>
    public static string Format(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var extensions = cloudEvent.GetPopulatedAttributes()
            .Where(pair => pair.Key.IsExtension && !CloudEventAttributes.IsTracing(pair.Key.Name))
            .Select(pair => (pair.Key.Name, Value: pair.Key.Format(pair.Value)))
            .ToList();
        // As the event travels: data that is not bytes, without a content type, is JSON and says so.
        string? contentType = CloudEventJson.CarriedContentType(cloudEvent);
        bool inferred = contentType != CloudEventAttributes.DataContentType(cloudEvent);
        return Encoding.UTF8.GetString(WriteBlock(new Attributes(
            cloudEvent.SpecVersion.VersionId,
            cloudEvent.Type,
            cloudEvent.Source?.ToString(),
            cloudEvent.Subject,
            cloudEvent.Id,
            cloudEvent.Time,
            cloudEvent.DataSchema?.ToString(),
            contentType,
            extensions,
            inferred && cloudEvent.Data is not JsonElement ? JsonSerializer.SerializeToElement(cloudEvent.Data) : cloudEvent.Data)));
    }

    /// <summary>
    /// The same block for an event as it travels, structured-mode JSON the runtime wrote, read as
    /// <see cref="CloudEventJson.Decode(string)"/> reads it but without building a <see cref="CloudEvent"/>.
    /// </summary>
    public static string Format(string structured) =>
        FormatStructured(structured, 0, static (block, _) => Encoding.UTF8.GetString(block));

    /// <summary>
    /// The block of <see cref="Format(string)"/> handed to <paramref name="use"/> as UTF-8, in one
    /// pass over the event's UTF-8 text and without an intermediate string: this runs once per
    /// displayed event, and the display's ledger key is a hash of these bytes. The span is this
    /// thread's buffer: valid during the call only, and <paramref name="use"/> must not format again.
    /// </summary>
    internal static TResult FormatStructured<TState, TResult>(string structured, TState state, Func<ReadOnlySpan<byte>, TState, TResult> use)
    {
        ArgumentNullException.ThrowIfNull(structured);
        return CloudEventJson.OverUtf8(structured, (state, use), static (utf8, s) => s.use(WriteBlock(Read(utf8)), s.state));
    }

    /// <summary>The attributes and data of structured-mode JSON, with <see cref="CloudEventJson.Decode(string)"/>'s rules for what is set.</summary>
    private static Attributes Read(ReadOnlySpan<byte> json)
    {
        string? specVersion = null, type = null, source = null, subject = null, id = null, schema = null, contentType = null;
        DateTimeOffset? time = null;
        object? data = null;
        Dictionary<string, string>? extensions = null; // a name given twice: the last, as decoding
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ArgumentException("A structured-mode CloudEvent is a JSON object", nameof(json));
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue; // an attribute set to null is not set
            }

            switch (name)
            {
                case "specversion": specVersion = reader.GetString(); break;
                case "type": type = reader.GetString(); break;
                case "source": source = CloudEventAttributeType.UriReference.Parse(reader.GetString()!).ToString(); break;
                case "subject": subject = reader.GetString(); break;
                case "id": id = reader.GetString(); break;
                case "time": time = (DateTimeOffset)CloudEventAttributeType.Timestamp.Parse(reader.GetString()!); break;
                case "dataschema": schema = CloudEventAttributeType.Uri.Parse(reader.GetString()!).ToString(); break;
                case "datacontenttype": contentType = reader.GetString(); break;
                case CloudEventJson.DataBase64Property: data = reader.GetBytesFromBase64(); break;
                case CloudEventJson.DataProperty: data = JsonElement.ParseValue(ref reader); break;
                case CloudEventAttributes.TraceParent or CloudEventAttributes.TraceState: reader.Skip(); break;
                default: (extensions ??= new(StringComparer.Ordinal))[name] = CloudEventJson.AttributeText(JsonElement.ParseValue(ref reader), name); break;
            }
        }

        if (data is JsonElement element)
        {
            // As decoding does: data without a content type is JSON; non-JSON data is a string.
            contentType ??= MediaTypes.Json;
            data = CloudEventJson.IsJsonMediaType(contentType) ? element : element.GetString();
        }

        return new Attributes(
            specVersion!, type, source, subject, id, time, schema, contentType,
            extensions is null ? [] : [.. extensions.Select(e => (e.Key, e.Value))], data);
    }

    private static ReadOnlySpan<byte> WriteBlock(Attributes a)
    {
        ArrayBufferWriter<byte> b = Emptied(ref t_block);
        b.Write("☁️  cloudevents.Event\nContext Attributes,\n"u8);
        Line(b, "  specversion: "u8, a.SpecVersion);
        Line(b, "  type: "u8, a.Type);
        Line(b, "  source: "u8, a.Source);
        if (a.Subject is { } subject)
        {
            Line(b, "  subject: "u8, subject);
        }

        Line(b, "  id: "u8, a.Id);
        if (a.Time is { } time)
        {
            b.Write("  time: "u8);
            // The Go SDK's RFC 3339 with nanoseconds, in UTC: the fraction's trailing zeros left out (here at most 7 digits).
            time.UtcDateTime.TryFormat(b.GetSpan(40), out int written, CloudEventAttributes.GoTimestampFormat, CultureInfo.InvariantCulture);
            b.Advance(written);
            b.Write("\n"u8);
        }

        if (a.DataSchema is { } schema)
        {
            Line(b, "  dataschema: "u8, schema);
        }

        if (a.DataContentType is { } contentType)
        {
            Line(b, "  datacontenttype: "u8, contentType);
        }

        if (a.Extensions.Count > 0)
        {
            b.Write("Extensions,\n"u8);
            foreach ((string name, string value) in a.Extensions.OrderBy(pair => pair.Name, StringComparer.Ordinal))
            {
                b.Write("  "u8);
                Append(b, name);
                Line(b, ": "u8, value);
            }
        }

        if (a.Data is { } data)
        {
            b.Write("Data,\n  "u8);
            WriteData(b, a.DataContentType, data);
            b.Write("\n"u8);
        }

        return b.WrittenSpan;
    }

    /// <summary>
    /// The data as event_display prints it, each line after the first indented by 2 more: indented by
    /// 2 when its media type is exactly <c>application/json</c> (the Go SDK's rule), else raw: other
    /// JSON types, such as <c>+json</c> ones, as the sender wrote them, which the runtime carries byte for byte.
    /// </summary>
    private static void WriteData(ArrayBufferWriter<byte> block, string? contentType, object data)
    {
        if (contentType is not null && CloudEventJson.MediaTypeOf(contentType).Equals(MediaTypes.Json, StringComparison.Ordinal))
        {
            if (data is JsonElement element)
            {
                WriteIndented(block, element); // already parsed: the common case
                return;
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(CloudEventJson.GetDataBytes(data));
                WriteIndented(block, doc.RootElement);
                return;
            }
            catch (JsonException)
            {
                // Declared JSON but is not: print it raw, as event_display does.
            }
        }

        // Through a string, so bytes that are not UTF-8 print (and hash) as replacement characters.
        IndentLines(block, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(CloudEventJson.GetDataBytes(data))));
    }

    private static void WriteIndented(ArrayBufferWriter<byte> block, JsonElement element)
    {
        ArrayBufferWriter<byte> text = Emptied(ref t_data);
        Utf8JsonWriter writer = t_dataWriter ??= new Utf8JsonWriter(text, IndentedData);
        writer.Reset(text);
        element.WriteTo(writer);
        writer.Flush();
        IndentLines(block, text.WrittenSpan);
    }

    private static void IndentLines(ArrayBufferWriter<byte> block, ReadOnlySpan<byte> text)
    {
        int newLine;
        while ((newLine = text.IndexOf((byte)'\n')) >= 0)
        {
            block.Write(text[..(newLine + 1)]);
            block.Write("  "u8);
            text = text[(newLine + 1)..];
        }

        block.Write(text);
    }

    private static void Line(ArrayBufferWriter<byte> block, ReadOnlySpan<byte> label, string? value)
    {
        block.Write(label);
        Append(block, value);
        block.Write("\n"u8);
    }

    private static void Append(ArrayBufferWriter<byte> block, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            block.Advance(Encoding.UTF8.GetBytes(value, block.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length))));
        }
    }

    /// <summary>This thread's buffer, emptied; one that a rare large event grew is replaced (with its writer).</summary>
    private static ArrayBufferWriter<byte> Emptied(ref ArrayBufferWriter<byte>? slot)
    {
        if (slot is null || slot.Capacity > MaxKeptBuffer)
        {
            slot = new ArrayBufferWriter<byte>(1024);
        }

        slot.ResetWrittenCount();
        return slot;
    }

    /// <summary>What the block shows, from a decoded event or from its JSON.</summary>
    private sealed record Attributes(
        string SpecVersion,
        string? Type,
        string? Source,
        string? Subject,
        string? Id,
        DateTimeOffset? Time,
        string? DataSchema,
        string? DataContentType,
        IReadOnlyList<(string Name, string Value)> Extensions,
        object? Data);
}
