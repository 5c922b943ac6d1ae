using System.Globalization;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// Storage requests Azurite logged while a row ran (<paramref name="Requests"/>: the total under "",
/// and by operation and resource), and the app's idle rate measured just before.
/// </summary>
internal sealed record StorageCount(IReadOnlyDictionary<string, long> Requests, int Events, double Seconds, double IdlePerSecond)
{
    /// <summary>Every request of the window per event, the idle polling of its quiet end included.</summary>
    public double GrossPerEvent => Requests[""] / (double)Events;

    /// <summary>
    /// Less the idle rate over the window: what the events asked for, the polling that the load
    /// itself caused included (polling speeds up while there is work).
    /// </summary>
    public double PerEvent => Math.Max(0, Requests[""] - (IdlePerSecond * Seconds)) / Events;

    /// <summary>The operations that cost most, per event (the idle polling not taken off), e.g. <c>Messages_Dequeue {hub}-control-00 0.52</c>.</summary>
    public string Top(int count) => string.Join(", ", Requests
        .Where(r => r.Key.Length > 0)
        .OrderByDescending(r => r.Value)
        .Take(count)
        .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value / (double)Events:0.00}")));
}
