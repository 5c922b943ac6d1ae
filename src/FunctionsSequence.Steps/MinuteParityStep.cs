using CloudNative.CloudEvents;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Steps;

/// <summary>
/// A Parallel branch's filter, the in-app form of the filters in Knative's odd/even Parallel
/// sample: answers with the event unchanged when the minute of its <c>time</c> (rounded, as the
/// sample's <c>Math.round(Date.parse(event.time) / 60000)</c>) has the parity the Service's
/// <c>PARITY</c> env names (<c>even</c> or <c>odd</c>), else with no event, which drops it from
/// the branch. An event without a time passes <c>odd</c> only, as the sample's odd filter, <c>% 2 !== 0</c>, passes
/// the <c>NaN</c> that JavaScript makes of it and its even filter, <c>% 2 === 0</c>, does not. Pure, so a replay answers the same.
/// </summary>
public sealed class MinuteParityStep : ISequenceStep
{
    /// <summary>The name Services use in <c>functionssequence.dev/step</c>.</summary>
    public const string Name = "minute-parity";

    /// <inheritdoc />
    public static string? CheckEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return WantedRemainder(environment) is null ? ParityProblem(environment) : null;
    }

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        int wanted = WantedRemainder(context.Environment)
            ?? throw new StepFailedException($"Service {context.ServiceName}: {ParityProblem(context.Environment)}", 500);
        bool passes = input.Time is { } time ? Math.Abs(SampleMinutes.Rounded(time) % 2) == wanted : wanted == 1;
        return ValueTask.FromResult(passes ? input : null);
    }

    private static int? WantedRemainder(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("PARITY") switch
        {
            "even" => 0,
            "odd" => 1,
            _ => null,
        };

    private static string ParityProblem(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("PARITY", out string? parity)
            ? $"env PARITY must be 'even' or 'odd', not '{parity}'"
            : "env PARITY is required: 'even' or 'odd', the minutes whose events pass";
}
