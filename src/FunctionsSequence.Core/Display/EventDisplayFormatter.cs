using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Display;

/// <summary>
/// Formats an event exactly as Knative's event_display prints it: context attributes in the Go
/// SDK's order (optional ones only when set), extensions sorted, JSON data indented by 2.
/// </summary>
public static class EventDisplayFormatter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n", // as event_display prints, on any OS
        // event_display prints characters as they are, not \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The display block, ending with a newline.</summary>
    public static string Format(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var extensions = cloudEvent.GetPopulatedAttributes()
            .Where(pair => pair.Key.IsExtension)
            .Select(pair => (pair.Key.Name, Value: pair.Key.Format(pair.Value)))
            .ToList();
        return Write(new Attributes(
            cloudEvent.SpecVersion.VersionId,
            cloudEvent.Type,
            cloudEvent.Source?.ToString(),
            cloudEvent.Subject,
            cloudEvent.Id,
            cloudEvent.Time,
            cloudEvent.DataSchema?.ToString(),
            cloudEvent.DataContentType,
            extensions,
            cloudEvent.Data));
    }

    /// <summary>
    /// The same block for an event as it travels, structured-mode JSON the runtime wrote, read as
    /// <see cref="CloudEventJson.Decode"/> reads it but without building a <see cref="CloudEvent"/>
    /// (this runs once per displayed event).
    /// </summary>
    public static string Format(JsonElement structured)
    {
        string? specVersion = null, type = null, source = null, subject = null, id = null, schema = null, contentType = null;
        DateTimeOffset? time = null;
        object? data = null;
        var extensions = new Dictionary<string, string>(StringComparer.Ordinal); // a name given twice: the last, as decoding
        foreach (JsonProperty property in structured.EnumerateObject())
        {
            JsonElement value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue; // an attribute set to null is not set
            }

            switch (property.Name)
            {
                case "specversion": specVersion = value.GetString(); break;
                case "type": type = value.GetString(); break;
                case "source": source = CloudEventAttributeType.UriReference.Parse(value.GetString()!).ToString(); break;
                case "subject": subject = value.GetString(); break;
                case "id": id = value.GetString(); break;
                case "time": time = (DateTimeOffset)CloudEventAttributeType.Timestamp.Parse(value.GetString()!); break;
                case "dataschema": schema = CloudEventAttributeType.Uri.Parse(value.GetString()!).ToString(); break;
                case "datacontenttype": contentType = value.GetString(); break;
                case CloudEventJson.DataBase64Property: data = value.GetBytesFromBase64(); break;
                case CloudEventJson.DataProperty: data = value; break;
                default: extensions[property.Name] = CloudEventJson.AttributeText(value); break;
            }
        }

        if (data is JsonElement element)
        {
            // As decoding does: data without a content type is JSON; non-JSON data is a string.
            contentType ??= MediaTypes.Json;
            data = CloudEventJson.IsJsonMediaType(contentType) ? element : element.GetString();
        }

        return Write(new Attributes(specVersion!, type, source, subject, id, time, schema, contentType, [.. extensions.Select(e => (e.Key, e.Value))], data));
    }

    private static string Write(Attributes a)
    {
        var b = new StringBuilder(512);
        b.Append("☁️  cloudevents.Event\n");
        b.Append("Context Attributes,\n");
        b.Append("  specversion: ").Append(a.SpecVersion).Append('\n');
        b.Append("  type: ").Append(a.Type).Append('\n');
        b.Append("  source: ").Append(a.Source).Append('\n');
        if (a.Subject is { } subject)
        {
            b.Append("  subject: ").Append(subject).Append('\n');
        }

        b.Append("  id: ").Append(a.Id).Append('\n');
        if (a.Time is { } time)
        {
            b.Append("  time: ").Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append('\n');
        }

        if (a.DataSchema is { } schema)
        {
            b.Append("  dataschema: ").Append(schema).Append('\n');
        }

        if (a.DataContentType is { } contentType)
        {
            b.Append("  datacontenttype: ").Append(contentType).Append('\n');
        }

        if (a.Extensions.Count > 0)
        {
            b.Append("Extensions,\n");
            foreach ((string name, string value) in a.Extensions.OrderBy(pair => pair.Name, StringComparer.Ordinal))
            {
                b.Append("  ").Append(name).Append(": ").Append(value).Append('\n');
            }
        }

        if (a.Data is { } data)
        {
            b.Append("Data,\n");
            b.Append("  ").Append(FormatData(a.DataContentType, data).Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
        }

        return b.ToString();
    }

    private static string FormatData(string? contentType, object data)
    {
        if (CloudEventJson.IsJson(contentType))
        {
            if (data is JsonElement element)
            {
                return JsonSerializer.Serialize(element, Indented); // already parsed: the common case
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(CloudEventJson.GetDataBytes(data));
                return JsonSerializer.Serialize(doc.RootElement, Indented);
            }
            catch (JsonException)
            {
                // Declared JSON but is not: print it raw, as event_display does.
            }
        }

        return Encoding.UTF8.GetString(CloudEventJson.GetDataBytes(data));
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
