using System.Text.Json;
using CloudNative.CloudEvents;

namespace FunctionsSequence.Core.Events;

/// <summary>Decoding: structured-mode JSON to a <see cref="CloudEvent"/>, with the SDK's rules and plain-word errors.</summary>
public static partial class CloudEventJson
{
    /// <summary>
    /// Decodes structured-mode JSON (any CloudEvents JSON, not only what <see cref="Encode"/>
    /// wrote) with the SDK's rules: attribute token types, data or data_base64 (not both), JSON
    /// data kept as a <see cref="JsonElement"/>, the required attributes present. Refuses what the
    /// SDK refuses, with the same exception types, and messages in <see cref="AttributeErrors"/>' words,
    /// but for extension names in upper case, which it lowers as Knative's ingress does.
    /// </summary>
    public static CloudEvent Decode(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        return Decode(document.RootElement);
    }

    /// <summary>Decodes structured-mode JSON in UTF-8, as <see cref="Decode(string)"/>; the caller may reuse the memory once this returns.</summary>
    public static CloudEvent Decode(ReadOnlyMemory<byte> utf8)
    {
        using JsonDocument document = JsonDocument.Parse(utf8);
        return Decode(document.RootElement);
    }

    /// <summary>
    /// Decodes one structured-mode event already parsed (an element of a batch), as <see cref="Decode(string)"/>. The event
    /// keeps nothing of <paramref name="root"/>'s document (attributes become strings, JSON data is cloned), so the
    /// document may be disposed, and its memory reused, once this returns.
    /// </summary>
    public static CloudEvent Decode(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"a structured-mode CloudEvent is a JSON object, not {JsonErrors.Kind(root.ValueKind)}");
        }

        string specVersionName = CloudEventsSpecVersion.SpecVersionAttribute.Name;
        if (!root.TryGetProperty(specVersionName, out JsonElement version))
        {
            // Event Grid's own schema names the type eventType; such an event reaches us from a
            // subscription that delivers the Event Grid schema, which only its setting changes.
            throw new ArgumentException(AttributeErrors.Missing([specVersionName], headers: false) + (root.TryGetProperty("eventType", out _)
                ? ": it is in the Event Grid schema (eventType, dataVersion), not a CloudEvent; publish CloudEvents 1.0, or set the Event Grid subscription's delivery schema to CloudEventSchemaV1_0"
                : string.Empty));
        }

        if (version.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException(AttributeErrors.WrongToken(Subject(specVersionName), CloudEventAttributeType.String, version.ValueKind));
        }

        string versionText = Text(version, specVersionName);
        CloudEventsSpecVersion specVersion = CloudEventsSpecVersion.FromVersionId(versionText)
            ?? throw new ArgumentException(AttributeErrors.UnsupportedVersion(Subject(specVersionName), versionText));
        var cloudEvent = new CloudEvent(specVersion);
        JsonElement data = default, dataBase64 = default;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            string name = NameOf(property);
            JsonElement value = property.Value;
            if (name == DataProperty)
            {
                data = value;
            }
            else if (name == DataBase64Property)
            {
                dataBase64 = value;
            }
            else if (name != specVersionName)
            {
                SetAttribute(cloudEvent, IsLowerCase(name) ? name : Lowered(root, cloudEvent, name), value, written: name);
            }
        }

        SetData(cloudEvent, data, dataBase64);
        IReadOnlyList<string> missing = AttributeErrors.MissingRequired(cloudEvent);
        return missing.Count == 0 ? cloudEvent : throw new ArgumentException(AttributeErrors.Missing(missing, headers: false));
    }

    /// <summary>Whether a name has no upper-case ASCII letter (the common case, kept as it is).</summary>
    private static bool IsLowerCase(string name) => !name.AsSpan().ContainsAnyInRange('A', 'Z');

    /// <summary>
    /// An extension named with upper-case letters, lowered, as Knative's ingress takes it (the Go SDK's
    /// <c>SetExtension</c>): CloudEvents asks senders for lower case, and events that break that still reach a Knative
    /// Broker. Refused when the lowered name is a context attribute or the data, or the event names it twice.
    /// A name with other characters is left for the SDK to refuse.
    /// </summary>
    private static string Lowered(JsonElement root, CloudEvent cloudEvent, string name)
    {
        if (!name.All(char.IsAsciiLetterOrDigit))
        {
            return name;
        }

        string lowered = name.ToLowerInvariant();
        if (lowered is DataProperty || lowered == CloudEventsSpecVersion.SpecVersionAttribute.Name || cloudEvent.GetAttribute(lowered) is { IsExtension: false })
        {
            throw new ArgumentException($"{Subject(name)} is '{lowered}' in upper case: CloudEvents names are lower case, and an extension cannot take that name");
        }

        return cloudEvent[lowered] is null && !root.TryGetProperty(lowered, out _)
            ? lowered
            : throw new ArgumentException($"{Subject(name)} names '{lowered}' again: CloudEvents names are lower case, so the event has two values for one attribute");
    }

    /// <summary>Sets attribute <paramref name="name"/>; errors name it as the event wrote it (<paramref name="written"/>).</summary>
    private static void SetAttribute(CloudEvent cloudEvent, string name, JsonElement value, string written)
    {
        CloudEventAttribute? attribute = cloudEvent.GetAttribute(name);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (attribute is { IsExtension: false } && !TokenFits(attribute.Type, value.ValueKind))
        {
            throw new ArgumentException(AttributeErrors.WrongToken(Subject(written), attribute.Type, value.ValueKind));
        }

        string text = AttributeText(value, written);
        try
        {
            if (attribute?.Type == CloudEventAttributeType.String)
            {
                cloudEvent[attribute] = text; // the common case, without a parse step
            }
            else
            {
                cloudEvent.SetAttributeFromString(name, text);
            }
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(AttributeErrors.Invalid(Subject(written), cloudEvent, name, text), ex);
        }
    }

    /// <summary>An attribute's JSON token as the text the SDK parses it from (booleans and integers as it formats them).</summary>
    internal static string AttributeText(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value, name),
        JsonValueKind.True or JsonValueKind.False => CloudEventAttributeType.Boolean.Format(value.ValueKind == JsonValueKind.True),
        JsonValueKind.Number => value.TryGetInt32(out int number)
            ? CloudEventAttributeType.Integer.Format(number)
            : throw new FormatException(AttributeErrors.NotAnInteger(Subject(name), value.GetRawText())),
        _ => throw new ArgumentException(AttributeErrors.WrongToken(Subject(name), null, value.ValueKind)),
    };

    /// <summary>
    /// A JSON string's text, of attribute <paramref name="name"/> or (null) of the data; bytes that are not UTF-8 (which
    /// JSON must be, and .NET cannot turn into a string) are refused as the event's fault, naming it. The name is worded
    /// only then: this runs per attribute of every decode.
    /// </summary>
    private static string Text(JsonElement value, string? name) =>
        JsonErrors.TryText(value, out string? text) ? text
            : throw new ArgumentException($"{(name is null ? $"'{DataProperty}'" : Subject(name))} {JsonErrors.NotUtf8}");

    private static string NameOf(JsonProperty property) =>
        JsonErrors.TryName(property, out string? name) ? name : throw new ArgumentException($"the name of one of its attributes {JsonErrors.NotUtf8}");

    /// <summary>How messages name an attribute of structured-mode JSON.</summary>
    private static string Subject(string name) => $"attribute {AttributeErrors.Name(name)}";

    private static bool TokenFits(CloudEventAttributeType type, JsonValueKind kind) =>
        type == CloudEventAttributeType.Boolean ? kind is JsonValueKind.True or JsonValueKind.False
        : type == CloudEventAttributeType.Integer ? kind == JsonValueKind.Number
        : kind == JsonValueKind.String;

    private static void SetData(CloudEvent cloudEvent, JsonElement data, JsonElement dataBase64)
    {
        bool hasData = data.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        bool hasBase64 = dataBase64.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        if (hasData && hasBase64)
        {
            throw new ArgumentException($"an event carries '{DataProperty}' or '{DataBase64Property}', and this one has both");
        }

        if (hasBase64)
        {
            if (dataBase64.ValueKind != JsonValueKind.String)
            {
                throw new ArgumentException($"'{DataBase64Property}' must be a JSON string (base64), not {JsonErrors.Kind(dataBase64.ValueKind)}");
            }

            cloudEvent.Data = dataBase64.TryGetBytesFromBase64(out byte[]? bytes)
                ? bytes
                : throw new FormatException($"'{DataBase64Property}' is not base64");
        }
        else if (hasData)
        {
            string? contentType = CloudEventAttributes.DataContentType(cloudEvent);
            if (contentType is null)
            {
                cloudEvent.DataContentType = contentType = MediaTypes.Json;
            }

            cloudEvent.Data = IsJsonMediaType(contentType) ? data.Clone()
                : data.ValueKind == JsonValueKind.String ? Text(data, name: null)
                : throw new ArgumentException(
                    $"'{DataProperty}' must be a JSON string when datacontenttype is {AttributeErrors.Quote(contentType)} (not JSON), not {JsonErrors.Kind(data.ValueKind)}");
        }
    }
}
