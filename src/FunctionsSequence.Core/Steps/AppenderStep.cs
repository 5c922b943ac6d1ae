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

    private const string MessageProperty = "message";

    private readonly string suffix = $" - Handled by {handledBy}";

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        JsonObject payload = ParsePayload(input);
        string message = payload[MessageProperty] is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
        payload[MessageProperty] = message + suffix; // in place, as the sample's struct keeps its fields; a new message goes last

        CloudEvent output = CloudEventFactory.Copy(input);
        output.Type = OutputType;
        output.DataContentType = MediaTypes.Json;
        output.Data = JsonSerializer.SerializeToElement(payload);
        return ValueTask.FromResult<CloudEvent?>(output);
    }

    /// <summary>
    /// The event's data as a JSON object whose message is a string or absent; a clear 400 (not
    /// retried) otherwise, whose message says what the data is without quoting it (it reaches
    /// logs) and whose body, for the dead-letter sink, quotes its start.
    /// </summary>
    private static JsonObject ParsePayload(CloudEvent input)
    {
        byte[] data = CloudEventJson.GetDataBytes(input);
        string got;
        try
        {
            // The sample decodes {"id":..,"message":".."}; other fields are kept as they came.
            JsonNode? node = JsonNode.Parse(data);
            if (node is JsonObject obj && (obj[MessageProperty] is null || obj[MessageProperty] is JsonValue v && v.TryGetValue(out string? _)))
            {
                return obj;
            }

            got = node is JsonObject withMessage
                ? $"its message is {JsonErrors.Kind(withMessage[MessageProperty]!.GetValueKind())}"
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

        string reason = $"the step expects JSON data like {{\"message\": \"...\"}} with a string message, and {got}";
        string preview = System.Text.Encoding.UTF8.GetString(data.AsSpan(0, Math.Min(data.Length, 120)));
        throw new StepFailedException(reason, 400, $"{reason}: '{preview}'");
    }
}
