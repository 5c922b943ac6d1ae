using FunctionsSequence.Core.Durable;

namespace FunctionsSequence.Core.Inspection;

/// <summary>Which runs to list.</summary>
/// <param name="Target">Only runs of this Sequence, Parallel or Trigger; null for every run.</param>
/// <param name="Status">Only runs in this state (<see cref="RunStates"/>); null for any.</param>
/// <param name="Limit">The most runs to list, newest first.</param>
public sealed record RunFilter(RunTarget? Target = null, string? Status = null, int Limit = RunFilter.DefaultLimit)
{
    /// <summary>How many runs a listing shows unless told.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most runs a listing shows.</summary>
    public const int MaxLimit = 1000;

    /// <summary>
    /// The query parameters (and fseq's options, with <c>--</c>) that select runs by target, each with
    /// the kind it selects: the kinds' names in lower case, as Knative's resources are written.
    /// </summary>
    public static IReadOnlyList<(string Name, RunKind Kind)> TargetParameters { get; } =
        [("sequence", RunKind.Sequence), ("parallel", RunKind.Parallel), ("trigger", RunKind.Trigger)];

    /// <summary>The query parameter (and fseq option, with <c>--</c>) that selects runs of <paramref name="kind"/>.</summary>
    public static string ParameterOf(RunKind kind) => TargetParameters.First(p => p.Kind == kind).Name;

    /// <summary>Whether <paramref name="run"/> is one this filter's target selects (every run when it has none).</summary>
    public bool Selects(RunSummary run) =>
        Target is null || (run.Kind == Target.Kind.ToString() && run.Target == Target.Name);
}
