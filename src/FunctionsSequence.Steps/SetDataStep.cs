using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Steps;

/// <summary>
/// A transformer that answers with the event, its data replaced by the JSON of the Service's
/// <c>DATA</c> env: the in-app form of the constant transformers in Knative's odd/even Parallel
/// sample (<c>({"message": "we are even!"})</c>). Attributes are kept. Pure, so a replay answers the same.
/// </summary>
public sealed class SetDataStep : ISequenceStep
{
    /// <summary>The name Services use in <c>functionssequence.dev/step</c>.</summary>
    public const string Name = "set-data";

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Environment.GetValueOrDefault("DATA") is not { } data)
        {
            throw new StepFailedException($"Service {context.ServiceName}: env DATA is required (the JSON the events' data becomes)", 500);
        }

        JsonElement json;
        try
        {
            using JsonDocument document = JsonDocument.Parse(data);
            json = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new StepFailedException($"Service {context.ServiceName}: env DATA is not JSON: {ex.Message}", 500);
        }

        CloudEvent output = CloudEventFactory.Copy(input);
        output.DataContentType = "application/json";
        output.Data = json;
        return ValueTask.FromResult<CloudEvent?>(output);
    }
}
