using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Steps;

namespace FunctionsSequence.Steps;

/// <summary>
/// A Parallel branch's filter, the in-app form of the switcher in Knative's mutual-exclusivity Parallel
/// sample: the branch's filter URI names a case by its path (<c>/0</c>, <c>/1</c>), an index into the
/// Service's <c>CASES</c> env (a JSON array of whole numbers, <c>[0, 1]</c>). As the sample's switcher
/// does, the step finds the first case equal to the rounded minute of the event's <c>time</c> modulo 2
/// (<c>Math.round(Date.parse(event.time) / 60000) % 2</c>) and answers with the event unchanged when the
/// path names that case, else with no event, which drops it from the branch (a path that names no case
/// too). An event without a time takes no branch. Pure, so a replay answers the same.
/// </summary>
public sealed class MinuteSwitchStep : ISequenceStep
{
    /// <summary>The name Services use in <c>functionssequence.dev/step</c>.</summary>
    public const string Name = "minute-switch";

    /// <inheritdoc />
    public static bool TakesPath => true;

    /// <inheritdoc />
    public static string? CheckEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _ = Cases(environment, out string? problem);
        return problem;
    }

    /// <inheritdoc />
    public ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        long[] cases = Cases(context.Environment, out string? problem)
            ?? throw new StepFailedException($"Service {context.ServiceName}: {problem}", 500);
        if (input.Time is not { } time
            || !int.TryParse(context.Path?.TrimStart('/'), NumberStyles.None, CultureInfo.InvariantCulture, out int named))
        {
            return ValueTask.FromResult<CloudEvent?>(null);
        }

        int matched = Array.IndexOf(cases, SampleMinutes.Rounded(time) % 2);
        return ValueTask.FromResult(matched >= 0 && matched == named ? input : null);
    }

    private static long[]? Cases(IReadOnlyDictionary<string, string> environment, out string? problem)
    {
        problem = null;
        if (environment.GetValueOrDefault("CASES") is not { } text)
        {
            problem = "env CASES is required: a JSON array of whole numbers, the value each case's path selects ([0, 1])";
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<long[]>(text) is { Length: > 0 } cases ? cases : Fail("env CASES names no case: give a JSON array of whole numbers ([0, 1])", out problem);
        }
        catch (JsonException)
        {
            return Fail($"env CASES must be a JSON array of whole numbers ([0, 1]), not '{text}'", out problem);
        }
    }

    private static long[]? Fail(string why, out string? problem)
    {
        problem = why;
        return null;
    }
}
