namespace FunctionsSequence.Core.Durable;

/// <summary>How a hop of a run names itself to what it hands events over to.</summary>
public static class Runs
{
    /// <summary>
    /// <paramref name="hop"/> in run <paramref name="run"/>; null when the run is not known, the work of an app from before
    /// runs were named, whose events keep the ids they had then.
    /// </summary>
    public static string? Via(string hop, string? run) => run is null ? null : $"{hop} in run {run}";
}
