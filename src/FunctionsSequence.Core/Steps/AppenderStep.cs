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
public sealed class AppenderStep(string handledBy) : ISequenceStep
{
    /// <summary>The type every appended event gets.</summary>
    public const string OutputType = "samples.http.mod3";

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
        string message = payload["message"] is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
        payload["message"] = $"{message} - Handled by {handledBy}";
        return JsonSerializer.SerializeToElement(payload);
    }

    /// <summary>
    /// The same edit straight from the event's JSON data, without a mutable copy of it (this runs
    /// per event and step). False, for the general path to decide, when the message is neither a
    /// string nor null, or is given twice.
    /// </summary>
    private bool TryAppend(JsonElement data, out JsonElement appended)
    {
        appended = default;
        string? message = null;
        bool present = false;
        foreach (JsonProperty property in data.EnumerateObject())
        {
            if (property.NameEquals("message"))
            {
                if (present || property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return false;
                }

                message = property.Value.GetString();
                present = true;
            }
        }

        string text = $"{message} - Handled by {handledBy}";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            // In place, as JsonObject's indexer replaces a value; a new message goes last.
            writer.WriteStartObject();
            foreach (JsonProperty property in data.EnumerateObject())
            {
                if (property.NameEquals("message"))
                {
                    writer.WriteString("message", text);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (!present)
            {
                writer.WriteString("message", text);
            }

            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        appended = JsonElement.ParseValue(ref reader);
        return true;
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
