using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// The data of Knative's appender (knative/eventing cmd/appender), read as its Go struct
/// <c>{Sequence int `json:"id"`; Message string `json:"message"`}</c> is: no data, or JSON null, is
/// <c>{id: 0, message: ""}</c>; other fields are ignored; keys match regardless of case, the last one
/// winning; a null field keeps its zero value. What Go cannot decode into it is a 400, as the sample answers.
/// </summary>
internal static class AppenderPayload
{
    private const string IdProperty = "id";

    /// <summary>The <c>id</c> and <c>message</c> of <paramref name="input"/>'s data.</summary>
    /// <exception cref="StepFailedException">400: the data is not JSON, or not such an object.</exception>
    public static (long Id, string Message) Read(CloudEvent input)
    {
        byte[] data;
        try
        {
            data = CloudEventJson.GetDataBytes(input);
        }
        catch (JsonException)
        {
            throw Refused("the data is not JSON", []); // JSON data an in-app step read leniently
        }

        if (data.Length == 0)
        {
            return (0, string.Empty);
        }

        string? contentType = CloudEventAttributes.DataContentType(input);
        if (!string.IsNullOrEmpty(contentType) && !CloudEventJson.IsJsonMediaType(contentType))
        {
            throw Refused($"its content type is {contentType}", data);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Null => (0, string.Empty),
                JsonValueKind.Object => Fields(document.RootElement, data),
                var other => throw Refused($"the data is {JsonErrors.Kind(other)}", data),
            };
        }
        catch (JsonException)
        {
            throw Refused("the data is not JSON", data);
        }
    }

    /// <summary>The answer's data, as the sample encodes its struct: <c>{"id": N, "message": "..."}</c>.</summary>
    public static JsonElement Write(long id, string message) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object> { [IdProperty] = id, [MessagePayload.MessageProperty] = message });

    private static (long Id, string Message) Fields(JsonElement root, byte[] data)
    {
        long id = 0;
        string message = string.Empty;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            JsonElement value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            string name = JsonErrors.TryName(property, out string? written) ? written : throw Refused("a key of its data is not UTF-8 text", data);
            if (name.Equals(IdProperty, StringComparison.OrdinalIgnoreCase))
            {
                id = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
                    ? number
                    : throw Refused($"its id is {(value.ValueKind == JsonValueKind.Number ? "not a whole number in range" : JsonErrors.Kind(value.ValueKind))}", data);
            }
            else if (name.Equals(MessagePayload.MessageProperty, StringComparison.OrdinalIgnoreCase))
            {
                message = value.ValueKind != JsonValueKind.String ? throw Refused($"its message is {JsonErrors.Kind(value.ValueKind)}", data)
                    : JsonErrors.TryText(value, out string? text) ? text
                    : throw Refused("its message is not UTF-8 text", data);
            }
        }

        return (id, message);
    }

    /// <summary>A 400 whose message says what the data is without quoting it (it reaches logs); the body, for the dead-letter sink, quotes its start.</summary>
    private static StepFailedException Refused(string got, byte[] data)
    {
        string reason = $"the appender expects JSON data like {{\"id\": 1, \"message\": \"...\"}} with a whole-number id and a string message, and {got}";
        string preview = Encoding.UTF8.GetString(data.AsSpan(0, Math.Min(data.Length, 120)));
        return new StepFailedException(reason, 400, $"{reason}: '{preview}'");
    }
}
