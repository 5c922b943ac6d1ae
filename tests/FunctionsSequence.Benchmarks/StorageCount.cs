using System.Globalization;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// Storage requests Azurite logged while a row ran (<paramref name="Requests"/>: the total under "",
/// and by operation and resource), and the app's idle rate measured just before.
/// </summary>
internal sealed record StorageCount(IReadOnlyDictionary<string, long> Requests, int Events, double Seconds, double IdlePerSecond)
{
    /// <summary>Every request of the row per event: what sustained load costs, polling included.</summary>
    public double PerEvent => Requests[""] / (double)Events;

    /// <summary>Less the idle rate over the row's time: what the events themselves asked for (the idle polling speeds up under load, so this is a floor).</summary>
    public double NetPerEvent => Math.Max(0, Requests[""] - (IdlePerSecond * Seconds)) / Events;

    /// <summary>The operations that cost most, per event, e.g. <c>Messages_Dequeue {hub}-control-00 0.52</c>.</summary>
    public string Top(int count) => string.Join(", ", Requests
        .Where(r => r.Key.Length > 0)
        .OrderByDescending(r => r.Value)
        .Take(count)
        .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value / (double)Events:0.00}")));
}
