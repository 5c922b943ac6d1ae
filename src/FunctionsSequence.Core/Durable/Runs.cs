namespace FunctionsSequence.Core.Durable;

/// <summary>How a hop of a run names itself to what it hands events over to.</summary>
public static class Runs
{
    /// <summary><paramref name="hop"/> in run <paramref name="run"/> (the hop alone when the run is not known).</summary>
    public static string Via(string hop, string? run) => run is null ? hop : $"{hop} in run {run}";
}
