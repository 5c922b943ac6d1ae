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
        var b = new StringBuilder();
        b.Append("☁️  cloudevents.Event\n");
        b.Append("Context Attributes,\n");
        b.Append("  specversion: ").Append(cloudEvent.SpecVersion.VersionId).Append('\n');
        b.Append("  type: ").Append(cloudEvent.Type).Append('\n');
        b.Append("  source: ").Append(cloudEvent.Source).Append('\n');
        if (cloudEvent.Subject is { } subject)
        {
            b.Append("  subject: ").Append(subject).Append('\n');
        }

        b.Append("  id: ").Append(cloudEvent.Id).Append('\n');
        if (cloudEvent.Time is { } time)
        {
            b.Append("  time: ").Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append('\n');
        }

        if (cloudEvent.DataSchema is { } schema)
        {
            b.Append("  dataschema: ").Append(schema).Append('\n');
        }

        if (cloudEvent.DataContentType is { } contentType)
        {
            b.Append("  datacontenttype: ").Append(contentType).Append('\n');
        }

        var extensions = cloudEvent.GetPopulatedAttributes()
            .Where(pair => pair.Key.IsExtension)
            .Select(pair => (pair.Key.Name, Value: pair.Key.Format(pair.Value)))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ToList();
        if (extensions.Count > 0)
        {
            b.Append("Extensions,\n");
            foreach ((string name, string value) in extensions)
            {
                b.Append("  ").Append(name).Append(": ").Append(value).Append('\n');
            }
        }

        if (cloudEvent.Data is not null)
        {
            b.Append("Data,\n");
            b.Append("  ").Append(FormatData(cloudEvent).Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
        }

        return b.ToString();
    }

    private static string FormatData(CloudEvent cloudEvent)
    {
        if (CloudEventJson.IsJson(cloudEvent.DataContentType))
        {
            if (cloudEvent.Data is JsonElement element)
            {
                return JsonSerializer.Serialize(element, Indented); // already parsed: the common case
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(CloudEventJson.GetDataBytes(cloudEvent));
                return JsonSerializer.Serialize(doc.RootElement, Indented);
            }
            catch (JsonException)
            {
                // Declared JSON but is not: print it raw, as event_display does.
            }
        }

        return Encoding.UTF8.GetString(CloudEventJson.GetDataBytes(cloudEvent));
    }
}
