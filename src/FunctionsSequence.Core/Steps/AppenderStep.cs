using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// The seed's step image (<c>STEP=N</c>), as Knative's appender sample: appends
/// <c> - Handled by N</c> to <c>message</c>, keeps id, source and extensions, and sets
/// <c>type: samples.http.mod3</c>. Deterministic, so replays are harmless.
/// </summary>
public sealed class AppenderStep(string handledBy) : IStructuredModeStep
{
    /// <summary>The type every appended event gets.</summary>
    public const string OutputType = "samples.http.mod3";

    private const string MessageProperty = "message";
    private const string TypeAttribute = "type";
    private const string ContentTypeAttribute = "datacontenttype";
    private const string DataProperty = CloudEventJson.DataProperty;
    private const string DataBase64Property = CloudEventJson.DataBase64Property;

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        CloudEvent output = CloudEventFactory.Copy(input);
        output.Type = OutputType;
        output.DataContentType = MediaTypes.Json;
        output.Data = input.Data is JsonElement { ValueKind: JsonValueKind.Object } data && TryAppend(data, out JsonElement appended)
            ? appended
            : Append(ParsePayload(input));
        return ValueTask.FromResult<CloudEvent?>(output);
    }

    private JsonElement Append(JsonObject payload)
    {
        string message = payload[MessageProperty] is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
        payload[MessageProperty] = Appended(message);
        return JsonSerializer.SerializeToElement(payload);
    }

    /// <summary>
    /// The same edit on the event as it travels, structured-mode JSON: attributes copied as they
    /// are, <c>type</c> and <c>datacontenttype</c> set, the data edited as <see cref="TryAppend"/>
    /// does. Declines what is not JSON object data with a string (or no) message, and repeated
    /// data or content type, for <see cref="InvokeAsync"/> to decide.
    /// </summary>
    public bool TryInvoke(string input, StepContext context, out string? output)
    {
        ArgumentNullException.ThrowIfNull(input);
        output = null;
        using JsonDocument document = JsonDocument.Parse(input);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        JsonElement data = default;
        bool hasContentType = false;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (property.NameEquals(DataBase64Property)
                || (property.NameEquals(DataProperty) && data.ValueKind != JsonValueKind.Undefined)
                || (property.NameEquals(ContentTypeAttribute) && (hasContentType || property.Value.ValueKind != JsonValueKind.String || !CloudEventJson.IsJsonMediaType(property.Value.GetString()))))
            {
                return false;
            }

            if (property.NameEquals(DataProperty))
            {
                data = property.Value;
            }

            hasContentType |= property.NameEquals(ContentTypeAttribute);
        }

        if (data.ValueKind != JsonValueKind.Object || !TryReadMessage(data, out string? message, out bool present))
        {
            return false;
        }

        output = CloudEventJson.Write((Root: root, Data: data, Text: Appended(message), Present: present, HasContentType: hasContentType), static (writer, edit) =>
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in edit.Root.EnumerateObject())
            {
                if (property.NameEquals(TypeAttribute))
                {
                    writer.WriteString(TypeAttribute, OutputType);
                }
                else if (property.NameEquals(ContentTypeAttribute))
                {
                    writer.WriteString(ContentTypeAttribute, MediaTypes.Json);
                }
                else if (property.NameEquals(DataProperty))
                {
                    writer.WritePropertyName(DataProperty);
                    WriteAppended(writer, edit.Data, edit.Text, edit.Present);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (!edit.HasContentType)
            {
                writer.WriteString(ContentTypeAttribute, MediaTypes.Json);
            }

            writer.WriteEndObject();
        });
        return true;
    }

    /// <summary>
    /// The same edit straight from the event's JSON data, without a mutable copy of it (this runs
    /// per event and step). False, for the general path to decide, when the message is neither a
    /// string nor null, or is given twice.
    /// </summary>
    private bool TryAppend(JsonElement data, out JsonElement appended)
    {
        appended = default;
        if (!TryReadMessage(data, out string? message, out bool present))
        {
            return false;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteAppended(writer, data, Appended(message), present);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        appended = JsonElement.ParseValue(ref reader);
        return true;
    }

    private string Appended(string? message) => $"{message} - Handled by {handledBy}";

    /// <summary>The message of JSON object data; false when it is neither a string nor null, or is given twice.</summary>
    private static bool TryReadMessage(JsonElement data, out string? message, out bool present)
    {
        message = null;
        present = false;
        foreach (JsonProperty property in data.EnumerateObject())
        {
            if (property.NameEquals(MessageProperty))
            {
                if (present || property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return false;
                }

                message = property.Value.GetString();
                present = true;
            }
        }

        return true;
    }

    private static void WriteAppended(Utf8JsonWriter writer, JsonElement data, string text, bool present)
    {
        // In place, as JsonObject's indexer replaces a value; a new message goes last.
        writer.WriteStartObject();
        foreach (JsonProperty property in data.EnumerateObject())
        {
            if (property.NameEquals(MessageProperty))
            {
                writer.WriteString(MessageProperty, text);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        if (!present)
        {
            writer.WriteString(MessageProperty, text);
        }

        writer.WriteEndObject();
    }

    private static JsonObject ParsePayload(CloudEvent input)
    {
        byte[] data = CloudEventJson.GetDataBytes(input);
        try
        {
            // The sample decodes {"id":..,"message":".."}; other fields are kept as they came.
            if (JsonNode.Parse(data) is JsonObject obj && (obj["message"] is null || obj["message"] is JsonValue v && v.TryGetValue(out string? _)))
            {
                return obj;
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // Not JSON, or an object with a repeated name (JsonObject refuses those).
        }

        string preview = System.Text.Encoding.UTF8.GetString(data.AsSpan(0, Math.Min(data.Length, 120)));
        throw new StepFailedException(
            $"event {input.Id}: the step expects JSON data like {{\"message\": \"...\"}} with a string message, got '{preview}'", 400, preview);
    }
}
