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
        JsonObject payload = ParsePayload(input);
        string message = payload["message"] is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
        payload["message"] = $"{message} - Handled by {handledBy}";

        CloudEvent output = CloudEventFactory.Copy(input);
        output.Type = OutputType;
        output.DataContentType = "application/json";
        output.Data = JsonSerializer.SerializeToElement(payload);
        return ValueTask.FromResult<CloudEvent?>(output);
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
        catch (JsonException)
        {
        }

        string preview = System.Text.Encoding.UTF8.GetString(data.AsSpan(0, Math.Min(data.Length, 120)));
        throw new StepFailedException(
            $"event {input.Id}: the step expects JSON data like {{\"message\": \"...\"}} with a string message, got '{preview}'", 400, preview);
    }
}
