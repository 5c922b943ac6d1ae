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
    public static string? CheckEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _ = Data(environment, out string? problem);
        return problem;
    }

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        JsonElement json = Data(context.Environment, out string? problem)
            ?? throw new StepFailedException($"Service {context.ServiceName}: {problem}", 500);
        CloudEvent output = CloudEventFactory.Copy(input);
        output.DataContentType = "application/json";
        output.Data = json;
        return ValueTask.FromResult<CloudEvent?>(output);
    }

    private static JsonElement? Data(IReadOnlyDictionary<string, string> environment, out string? problem)
    {
        problem = null;
        if (environment.GetValueOrDefault("DATA") is not { } data)
        {
            problem = "env DATA is required (the JSON the events' data becomes)";
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(data);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            problem = $"env DATA is not JSON: {ex.Message}";
            return null;
        }
    }
}
