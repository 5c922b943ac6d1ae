namespace FunctionsSequence.Core.Inspection;

/// <summary>Which runs to list.</summary>
/// <param name="Sequence">Only runs of this Sequence; null for every run.</param>
/// <param name="Status">Only runs in this state (<see cref="RunStates"/>); null for any.</param>
/// <param name="Limit">The most runs to list, newest first.</param>
public sealed record RunFilter(string? Sequence = null, string? Status = null, int Limit = RunFilter.DefaultLimit)
{
    /// <summary>How many runs a listing shows unless told.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most runs a listing shows.</summary>
    public const int MaxLimit = 1000;
}
