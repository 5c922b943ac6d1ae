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

    private readonly string suffix = $" - Handled by {handledBy}";

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        JsonObject payload = MessagePayload.Parse(input, required: false, out string message);
        payload[MessagePayload.MessageProperty] = message + suffix; // in place, as the sample's struct keeps its fields; a new message goes last

        CloudEvent output = CloudEventFactory.Copy(input);
        output.Type = OutputType;
        output.DataContentType = MediaTypes.Json;
        output.Data = JsonSerializer.SerializeToElement(payload);
        return ValueTask.FromResult<CloudEvent?>(output);
    }
}
