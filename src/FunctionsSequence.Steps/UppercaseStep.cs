using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Steps;

/// <summary>
/// A sample in-app step: upper-cases the <c>message</c> of a JSON event. The culture comes from the
/// Service's <c>CULTURE</c> env (as a container would read its env), invariant by default.
/// Pure function of its input, so a replay yields the same output.
/// </summary>
public sealed class UppercaseStep : ISequenceStep
{
    /// <summary>The name Services use in <c>functionssequence.dev/step</c>.</summary>
    public const string Name = "uppercase";

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        CultureInfo culture = context.Environment.TryGetValue("CULTURE", out string? name) ? CultureInfo.GetCultureInfo(name) : CultureInfo.InvariantCulture;
        JsonObject payload = ParsePayload(input, out string message);
        payload["message"] = message.ToUpper(culture);
        CloudEvent output = CloudEventFactory.Copy(input);
        output.DataContentType = "application/json";
        output.Data = JsonSerializer.SerializeToElement(payload);
        return ValueTask.FromResult<CloudEvent?>(output);
    }

    /// <summary>
    /// The data as a JSON object with a string message; otherwise a 400 (bad input is not retried)
    /// whose text does not quote the data, as it goes to logs.
    /// </summary>
    private static JsonObject ParsePayload(CloudEvent input, out string message)
    {
        try
        {
            if (JsonNode.Parse(CloudEventJson.GetDataBytes(input)) is JsonObject payload && payload["message"] is JsonValue value && value.TryGetValue(out string? text))
            {
                message = text;
                return payload;
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // Not JSON, or an object with a repeated name (JsonObject refuses those): refused below.
        }

        throw new StepFailedException("the step expects JSON data with a string 'message'", 400);
    }
}
