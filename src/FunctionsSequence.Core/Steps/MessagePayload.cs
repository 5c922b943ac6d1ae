using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// The data the sample steps take, <c>{"message": "..."}</c>, as a JSON object to change in place
/// (other fields kept as they came). What is not that is a 400 (bad input is not retried) whose
/// message says what the data is without quoting it, as it reaches logs, and whose body, for the
/// dead-letter sink, quotes its start.
/// </summary>
public static class MessagePayload
{
    /// <summary>The property the samples read and write.</summary>
    public const string MessageProperty = "message";

    /// <summary>The event's data as a JSON object whose message is a string, or absent or null when <paramref name="required"/> is false (then empty).</summary>
    /// <exception cref="StepFailedException">400: the data is not such an object.</exception>
    public static JsonObject Parse(CloudEvent input, bool required, out string message)
    {
        ArgumentNullException.ThrowIfNull(input);
        byte[] data = [];
        string got;
        try
        {
            data = CloudEventJson.GetDataBytes(input); // refuses JSON data an in-app step read leniently
            JsonNode? node = JsonNode.Parse(data);
            if (node is JsonObject obj)
            {
                switch (obj[MessageProperty])
                {
                    case JsonValue value when value.TryGetValue(out string? text):
                        message = text;
                        return obj;
                    case null when !required: // absent, or null
                        message = string.Empty;
                        return obj;
                }
            }

            got = node is JsonObject withMessage
                ? withMessage.TryGetPropertyValue(MessageProperty, out JsonNode? other) ? $"its message is {JsonErrors.Kind(other?.GetValueKind() ?? JsonValueKind.Null)}" : "it has no message"
                : $"the data is {JsonErrors.Kind(node?.GetValueKind() ?? JsonValueKind.Null)}";
        }
        catch (JsonException)
        {
            got = "the data is not JSON";
        }
        catch (ArgumentException)
        {
            got = "the data names a property twice"; // JsonObject refuses a repeated name
        }
        catch (InvalidOperationException)
        {
            got = "its data is not UTF-8 text"; // a string .NET cannot transcode
        }

        string reason = $"the step expects JSON data like {{\"message\": \"...\"}} with a string message, and {got}";
        string preview = System.Text.Encoding.UTF8.GetString(data.AsSpan(0, Math.Min(data.Length, 120)));
        throw new StepFailedException(reason, 400, $"{reason}: '{preview}'");
    }
}
